"""The llama.cpp runtime: a local GGUF file through llama-cpp-python (the on-device path).

Loaded with llama.cpp's extra CPU buffer types off (``use_extra_bufts = False``): with the
0.3.36 build, decoding a 4-bit model segfaults when weight repacking is on (see
../shared/notes/PLATFORM.md). Label scoring keeps the prompt in the KV cache and evaluates
each answer after it; the grammar path uses llama.cpp's own GBNF sampler.
"""
from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ...errors import ExtraNotInstalledError, MentalensError, ModelNotFoundError
from .runtime import Generation, Runtime, TokenTimer

_PATCH = threading.Lock()


def import_llama_cpp():
    try:
        import llama_cpp
    except ImportError:
        raise ExtraNotInstalledError("llama-cpp-python", "llm", "GGUF models") from None
    return llama_cpp


def open_llama(path: str | os.PathLike, *, n_ctx: int = 2048, n_threads: int | None = None,
               logits_all: bool = True, seed: int = 0, extra_bufts: bool = False, vocab_only: bool = False):
    """A ``llama_cpp.Llama`` for a local GGUF file; never downloads. ``extra_bufts`` stays off
    unless asked for (4-bit decoding crashes with it on this build)."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise ModelNotFoundError(f"no GGUF file at {path.resolve()}",
                                 hint="pass --model with the path of a local .gguf file; nothing is downloaded "
                                      "(`mentalens llm random-gguf` writes a random-weight one for speed tests)")
    llama_cpp = import_llama_cpp()
    from llama_cpp import llama as llama_mod

    original = llama_mod.llama_cpp.llama_model_default_params

    def params():
        p = original()
        p.use_extra_bufts = extra_bufts
        return p

    threads = n_threads or max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)
    with _PATCH:
        llama_mod.llama_cpp.llama_model_default_params = params
        try:
            with open(os.devnull, "w") as devnull, contextlib.redirect_stderr(devnull):
                return llama_cpp.Llama(model_path=str(path), n_ctx=n_ctx, n_threads=threads,
                                       n_threads_batch=threads, logits_all=logits_all, seed=seed,
                                       vocab_only=vocab_only, verbose=False)
        except (ValueError, RuntimeError) as exc:
            raise MentalensError(f"llama.cpp could not load {path}: {exc}",
                                 hint="check that the file is a complete GGUF model of an architecture "
                                      "llama.cpp supports") from exc
        finally:
            llama_mod.llama_cpp.llama_model_default_params = original


def gbnf_answers(answers: Sequence[str]) -> str:
    """A GBNF grammar whose language is exactly ``answers``."""
    def lit(s: str) -> str:
        return '"' + "".join(f"\\x{ord(c):02x}" if c in '"\\' or ord(c) < 0x20 else c for c in s) + '"'
    return "root ::= " + " | ".join(lit(a) for a in answers) + "\n"


class LlamaCppRuntime(Runtime):
    name = "llama.cpp"

    def __init__(self, path: str | os.PathLike, *, n_ctx: int = 2048, n_threads: int | None = None,
                 seed: int = 0) -> None:
        self.path = Path(path)
        self.llm = open_llama(self.path, n_ctx=n_ctx, n_threads=n_threads, seed=seed, logits_all=False)
        self.timer = TokenTimer()
        self._template = self.llm.metadata.get("tokenizer.chat_template") or None

    @property
    def model_id(self) -> str:
        return self.path.name

    @property
    def chat_template(self) -> str | None:
        return self._template

    def special_tokens(self) -> dict[str, str]:
        def text(tid: int) -> str:
            return self.llm.detokenize([tid], special=True).decode("utf-8", "replace") if tid >= 0 else ""
        return {"bos_token": text(self.llm.token_bos()), "eos_token": text(self.llm.token_eos())}

    def tokenize(self, text: str, *, bos: bool = True) -> list[int]:
        # The chat template writes the beginning-of-text token itself when the model uses one.
        add = bos and not (self._template and "bos_token" in self._template)
        return list(self.llm.tokenize(text.encode("utf-8"), add_bos=add, special=True))

    def _fit(self, tokens: Sequence[int], extra: int) -> None:
        if len(tokens) + extra > self.llm.n_ctx():
            raise MentalensError(f"the prompt needs {len(tokens) + extra} tokens; the context holds "
                                 f"{self.llm.n_ctx()}", hint="posts are cut to 2,000 characters; use a "
                                 "larger context (--n-ctx)")

    def _eval(self, tokens: Sequence[int]) -> None:
        t0 = time.perf_counter()
        self.llm.eval(list(tokens))
        self.timer.prefill_s += time.perf_counter() - t0
        self.timer.prefill_tokens += len(tokens)

    def _last_logprobs(self) -> np.ndarray:
        """Log-softmax of the logits after the last evaluated token (the context keeps only those:
        keeping every position's logits would cost n_ctx x n_vocab floats, a gigabyte for a 1B model)."""
        import llama_cpp

        ptr = llama_cpp.llama_get_logits_ith(self.llm._ctx.ctx, -1)
        return _log_softmax(np.ctypeslib.as_array(ptr, shape=(self.llm.n_vocab(),)))

    def next_logprobs(self, tokens: Sequence[int], spans: Sequence[Sequence[int]]) -> list[list[float]]:
        self._fit(tokens, max((len(s) for s in spans), default=0))
        llm = self.llm
        # Reuse the common prefix with what is already in the KV cache; evaluate at least one token.
        keep = 0
        cached = llm.input_ids[: llm.n_tokens]
        for a, b in zip(cached, tokens):
            if a != b or keep >= len(tokens) - 1:
                break
            keep += 1
        llm.n_tokens = keep
        self._eval(tokens[keep:])
        base = len(tokens)
        last = self._last_logprobs()
        out = []
        for span in spans:
            llm.n_tokens = base
            lp = [float(last[span[0]])] if span else []
            for j in range(1, len(span)):        # one answer token at a time: its logits are the last
                self._eval(span[j - 1:j])
                lp.append(float(self._last_logprobs()[span[j]]))
            out.append(lp)
        llm.n_tokens = base
        return out

    def generate(self, prompt: str, answers: Sequence[str] | None, *, max_tokens: int = 128,
                 temperature: float = 0.0, seed: int = 0) -> Generation:
        tokens = prompt_tokens = self.tokenize(prompt)
        self._fit(tokens, max_tokens)
        llm = self.llm
        llm.reset()
        start = time.perf_counter()
        out: list[int] = []
        first = None
        answer = None
        stopped = "length"
        if answers:
            from llama_cpp import LlamaGrammar

            with open(os.devnull, "w") as devnull, contextlib.redirect_stderr(devnull):
                grammar = LlamaGrammar.from_string(gbnf_answers(answers), verbose=False)
            for tok in llm.generate(tokens, temp=0.0, top_k=1, grammar=grammar, reset=True):
                first = first or time.perf_counter()
                if tok == llm.token_eos() or len(out) >= max_tokens:
                    break
                out.append(tok)
                text = self._text(out)
                if text in answers and not any(a != text and a.startswith(text) for a in answers):
                    answer = text
                    break
            if answer is None:
                return self._result(out, None, prompt_tokens, start, first, "length")
            tokens = tokens + out
        llm.set_seed(seed)
        for tok in llm.generate(tokens, temp=temperature, top_k=1 if temperature == 0 else 40, reset=True):
            first = first or time.perf_counter()
            if tok == llm.token_eos():
                stopped = "eos"
                break
            if len(out) >= max_tokens:
                break
            out.append(tok)
        return self._result(out, answer, prompt_tokens, start, first, stopped)

    def _text(self, toks: Sequence[int]) -> str:
        return self.llm.detokenize(list(toks)).decode("utf-8", "replace")

    def _result(self, out, answer, tokens, start, first, stopped) -> Generation:
        end = time.perf_counter()
        return Generation(text=self._text(out), answer=answer, prompt_tokens=len(tokens), tokens=len(out),
                          ttft_s=(first or end) - start, total_s=end - start, stopped=stopped)


def _log_softmax(row) -> np.ndarray:
    z = np.asarray(row, dtype=np.float64)
    z = z - z.max()
    return z - np.log(np.exp(z).sum())
