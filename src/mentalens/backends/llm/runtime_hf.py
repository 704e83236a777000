"""The transformers runtime: a local Hugging Face causal-LM folder, with or without a PEFT adapter.

Everything loads with ``local_files_only``: a folder that is not complete says what is
missing instead of reaching for the hub. Label scoring runs the prompt once and every answer
after it in one padded batch; the grammar path restricts decoding to the token sequences of
the allowed answers (a token trie), then continues freely.
"""
from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from pathlib import Path

from ...errors import ExtraNotInstalledError, MentalensError, ModelNotFoundError
from .runtime import Generation, Runtime, TokenTimer


def _torch():
    try:
        import torch
        import transformers  # noqa: F401
    except ImportError:
        raise ExtraNotInstalledError("torch and transformers", "llm", "Hugging Face language models") from None
    return torch


def resolve_hf(path: Path) -> tuple[Path, Path | None]:
    """(base model folder, adapter folder or None) for a model folder or a PEFT adapter folder."""
    if (path / "adapter_config.json").is_file():
        cfg = json.loads((path / "adapter_config.json").read_text(encoding="utf-8"))
        base = Path(cfg.get("base_model_name_or_path") or "")
        if not base.is_absolute():
            base = (path / base).resolve() if (path / base).is_dir() else base
        if not (base / "config.json").is_file():
            raise ModelNotFoundError(f"the adapter {path} names the base model {str(base)!r}, which is not a local "
                                     "folder with config.json", hint="set base_model_name_or_path in "
                                     "adapter_config.json to the local base model folder; nothing is downloaded")
        return base, path
    if not (path / "config.json").is_file():
        raise ModelNotFoundError(f"no Hugging Face model at {path.resolve()} (looked for config.json or "
                                 "adapter_config.json)", hint="pass --model with a local model folder, a PEFT adapter "
                                 "folder or a .gguf file")
    return path, None


class HFRuntime(Runtime):
    name = "transformers"

    def __init__(self, path: str | os.PathLike, *, n_threads: int | None = None, seed: int = 0) -> None:
        torch = _torch()
        from transformers import AutoModelForCausalLM, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()

        self.path = Path(path)
        base, adapter = resolve_hf(self.path)
        if n_threads:
            torch.set_num_threads(n_threads)
        try:
            self.tok = AutoTokenizer.from_pretrained(base, local_files_only=True)
            model = AutoModelForCausalLM.from_pretrained(base, local_files_only=True, dtype=torch.float32)
        except (OSError, ValueError) as exc:
            raise MentalensError(f"transformers could not load {base}: {exc}",
                                 hint="the folder needs config.json, the weights and the tokenizer files") from exc
        if adapter is not None:
            try:
                from peft import PeftModel
            except ImportError:
                raise ExtraNotInstalledError("peft", "llm", "LoRA adapters") from None
            model = PeftModel.from_pretrained(model, adapter, local_files_only=True)
        self.model = model.eval()
        import inspect

        params = inspect.signature(model.get_base_model().forward if adapter is not None else model.forward).parameters
        self._cache_arg = "cache" if "cache" in params else "past_key_values"   # renamed in transformers 5.x
        self.device = "cuda" if torch.cuda.is_available() else "cpu"
        self.model.to(self.device)
        self.seed = seed
        self.timer = TokenTimer()

    @property
    def model_id(self) -> str:
        return self.path.name

    @property
    def chat_template(self) -> str | None:
        return getattr(self.tok, "chat_template", None) or None

    def special_tokens(self) -> dict[str, str]:
        return {"bos_token": self.tok.bos_token or "", "eos_token": self.tok.eos_token or ""}

    def tokenize(self, text: str, *, bos: bool = True) -> list[int]:
        add = bos and not (self.chat_template and "bos_token" in self.chat_template)
        return list(self.tok(text, add_special_tokens=add)["input_ids"])

    def _forward(self, ids, attention=None, past=None):
        torch = _torch()
        kw = {"use_cache": past is not None}
        if past is not None:
            kw[self._cache_arg] = past
        with torch.inference_mode():
            return self.model(input_ids=ids, attention_mask=attention, **kw)

    def next_logprobs(self, tokens: Sequence[int], spans: Sequence[Sequence[int]]) -> list[list[float]]:
        torch = _torch()
        spans = [list(s) for s in spans]
        width = max((len(s) for s in spans), default=0)
        if not width:
            return [[] for _ in spans]
        pad = self.tok.pad_token_id if self.tok.pad_token_id is not None else 0
        rows = [list(tokens) + s + [pad] * (width - len(s)) for s in spans]
        mask = [[1] * (len(tokens) + len(s)) + [0] * (width - len(s)) for s in spans]
        t0 = time.perf_counter()
        logits = self._forward(torch.tensor(rows, device=self.device), torch.tensor(mask, device=self.device)).logits
        self.timer.prefill_s += time.perf_counter() - t0
        self.timer.prefill_tokens += len(tokens) + sum(map(len, spans))
        lp = torch.log_softmax(logits.float(), dim=-1)
        base = len(tokens)
        return [[float(lp[i, base - 1 + j, s[j]]) for j in range(len(s))] for i, s in enumerate(spans)]

    def generate(self, prompt: str, answers: Sequence[str] | None, *, max_tokens: int = 128,
                 temperature: float = 0.0, seed: int = 0) -> Generation:
        torch = _torch()
        ids = self.tokenize(prompt)
        start = time.perf_counter()
        first = None
        seqs = ({a: self._continuation_tokens(prompt, ids, a) for a in answers} if answers else {})
        out: list[int] = []
        answer = None
        past = None
        feed = ids
        eos = self.tok.eos_token_id
        gen = torch.Generator().manual_seed(seed)
        while len(out) < max_tokens:
            res = self._forward(torch.tensor([feed], device=self.device), None, past if past is not None else _cache())
            past = getattr(res, "cache", None) or res.past_key_values
            logits = res.logits[0, -1].float()
            first = first or time.perf_counter()
            if seqs and answer is None:
                allowed = sorted({s[len(out)] for s in seqs.values() if len(s) > len(out) and s[:len(out)] == out})
                if not allowed:
                    break
                nxt = allowed[int(torch.argmax(logits[allowed]))]
            elif temperature > 0:
                nxt = int(torch.multinomial(torch.softmax(logits / temperature, -1), 1, generator=gen))
            else:
                nxt = int(torch.argmax(logits))
            if nxt == eos and (answer is not None or not seqs):
                break
            out.append(nxt)
            feed = [nxt]
            if seqs and answer is None:
                done = [a for a, s in seqs.items() if s == out]
                if done:
                    answer = done[0]
        end = time.perf_counter()
        stopped = "length" if len(out) >= max_tokens else "eos"
        if seqs and answer is None:
            stopped = "length"
        text = self.tok.decode(out, skip_special_tokens=True)
        return Generation(text=text, answer=answer, prompt_tokens=len(ids), tokens=len(out),
                          ttft_s=(first or end) - start, total_s=end - start, stopped=stopped)


def _cache():
    from transformers import DynamicCache

    return DynamicCache()
