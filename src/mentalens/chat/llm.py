"""A local GGUF model that phrases the chat's replies (``mentalens chat --model X.gguf``).

``LlamaGenerator(path).generate(messages)`` renders the whole conversation with the model's own
chat template (GGUF metadata ``tokenizer.chat_template``; a plain ``User:`` / ``Assistant:``
form when the file has none), decodes greedily through llama-cpp-python until the model ends
its turn (an end-of-generation token, or the next ``User:`` line of the plain form), and
returns only the new text, control characters removed. The generator knows nothing about
safety: the chat engine checks every generated reply (chat/safety.py check_reply) before it is
shown and replaces a failing one with its own. Nothing is downloaded, logged or stored.

``grammar`` (GBNF) constrains every reply; the tests use it to make a real random model say a
known unsafe sentence and watch the engine replace it.
"""
from __future__ import annotations

import contextlib
import os
import re
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..errors import MentalensError, UsageError

ROLES = ("system", "user", "assistant")
PLAIN_NAMES = {"user": "User", "assistant": "Assistant"}
PLAIN_STOPS = ("\nUser:", "\nAssistant:")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd]")


@contextlib.contextmanager
def _quiet_stderr():
    """llama.cpp's own messages (C stderr) silenced for the block."""
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def check_messages(messages: Sequence[Mapping[str, str]]) -> list[dict]:
    """``messages`` as plain dicts, checked: known roles, text content, a system turn only first."""
    out = []
    for i, m in enumerate(messages):
        role, content = m.get("role"), m.get("content")
        if role not in ROLES or not isinstance(content, str):
            raise UsageError(f"message {i} must be {{'role': system|user|assistant, 'content': str}}, got {m!r}")
        if role == "system" and i:
            raise UsageError("only the first message may be the system prompt")
        out.append({"role": role, "content": content})
    return out


def plain_prompt(messages: Sequence[Mapping[str, str]], *, add_generation_prompt: bool = True) -> str:
    """The conversation in the plain form used for models without a chat template::

        <system>\\n\\nUser: ...\\nAssistant: ...\\nUser: ...\\nAssistant:
    """
    head, lines = "", []
    for m in messages:
        if m["role"] == "system":
            head = m["content"].strip() + "\n\n"
        else:
            lines.append(f"{PLAIN_NAMES[m['role']]}: {m['content'].strip()}")
    text = head + "\n".join(lines)
    return text + ("\nAssistant:" if add_generation_prompt else "")


def render_conversation(messages: Sequence[Mapping[str, str]], template: str | None, specials: Mapping[str, str],
                        *, add_generation_prompt: bool = True) -> str:
    """The prompt text: the model's chat template when it has one, else ``plain_prompt``."""
    if not template:
        return plain_prompt(messages, add_generation_prompt=add_generation_prompt)
    from ..backends.llm.chat import render_messages

    return render_messages(template, messages, add_generation_prompt=add_generation_prompt, **specials)


def clean_reply(text: str, stops: Sequence[str] = ()) -> str:
    """``text`` cut at the first stop string, without control characters (no terminal escapes),
    stripped."""
    for s in stops:
        cut = text.find(s)
        if cut >= 0:
            text = text[:cut]
    return _CONTROL.sub("", text).strip()


class LlamaGenerator:
    """Phrases replies with a local GGUF model, deterministically (greedy decoding, fixed seed).

    Thread-safe: one llama.cpp context, one reply at a time."""

    def __init__(self, path: str | os.PathLike, *, n_ctx: int = 2048, seed: int = 0, grammar: str | None = None,
                 n_threads: int | None = None) -> None:
        from ..backends.llm.runtime_llamacpp import LlamaCppRuntime, import_llama_cpp

        self.path = Path(path).expanduser()
        import_llama_cpp()   # the extra first: ExtraNotInstalledError before looking at the file
        self.runtime = LlamaCppRuntime(self.path, n_ctx=n_ctx, n_threads=n_threads, seed=seed)
        self.llm = self.runtime.llm
        self.seed = seed
        self.template = self.runtime.chat_template
        self.specials = self.runtime.special_tokens() if self.template else {}
        self.stops = () if self.template else PLAIN_STOPS
        self._grammar_text = grammar
        self._grammar = self._compile(grammar) if grammar else None
        self._lock = threading.Lock()

    @property
    def model_id(self) -> str:
        return self.path.name

    def _compile(self, grammar: str):
        """The grammar, checked now: llama.cpp parses it only when sampling, and crashes on a bad one."""
        import llama_cpp
        from llama_cpp import LlamaGrammar

        with _quiet_stderr():
            parsed = LlamaGrammar.from_string(grammar, verbose=False)
            sampler = llama_cpp.llama_sampler_init_grammar(self.llm._model.vocab, parsed._grammar.encode("utf-8"),
                                                           parsed._root.encode("utf-8"))
        if not sampler:
            raise UsageError("the GBNF grammar could not be parsed", hint="see llama.cpp's grammars/README.md; "
                             "the start symbol is `root`")
        llama_cpp.llama_sampler_free(sampler)
        return parsed

    @staticmethod
    def conversation(messages: Sequence[Mapping[str, str]]) -> tuple[list[dict], list[dict]]:
        """(system prompt or nothing, the turns from the first user turn on): assistant turns before
        it (the engine's greeting) are left out, as in the fine-tuning rows; strict templates
        demand that a conversation starts with the user."""
        msgs = check_messages(messages)
        head = msgs[:1] if msgs and msgs[0]["role"] == "system" else []
        rest = msgs[len(head):]
        first_user = next((i for i, m in enumerate(rest) if m["role"] == "user"), 0)
        return head, rest[first_user:]

    def render(self, messages: Sequence[Mapping[str, str]]) -> str:
        head, rest = self.conversation(messages)
        return render_conversation(head + rest, self.template, self.specials)

    def prompt_tokens(self, messages: Sequence[Mapping[str, str]], max_tokens: int) -> list[int]:
        """The prompt's tokens (see ``conversation``); the oldest turns after the system prompt are
        left out until the prompt and ``max_tokens`` fit the context (the latest user turn stays)."""
        head, rest = self.conversation(messages)
        n_ctx = self.llm.n_ctx()
        while True:
            tokens = self.runtime.tokenize(render_conversation(head + rest, self.template, self.specials))
            if len(tokens) + max_tokens <= n_ctx:
                return tokens
            if len(rest) <= 1:
                raise MentalensError(f"the conversation's last turn needs {len(tokens)} tokens and the reply "
                                     f"{max_tokens}; the context holds {n_ctx}",
                                     hint="write a shorter message, or load the model with a larger n_ctx")
            rest = rest[2:] if rest[0]["role"] == "user" and len(rest) > 2 else rest[1:]

    def generate(self, messages: Sequence[Mapping[str, str]], *, max_tokens: int = 160) -> str:
        """The model's next assistant turn after ``messages`` (the prompt is not part of it)."""
        if max_tokens < 1:
            raise UsageError(f"max_tokens must be at least 1 (got {max_tokens})")
        with self._lock:
            tokens = self.prompt_tokens(messages, max_tokens)
            llm = self.llm
            llm.reset()
            llm.set_seed(self.seed)
            out: list[int] = []
            for tok in llm.generate(tokens, temp=0.0, top_k=1, grammar=self._grammar, reset=True):
                if self._end_of_turn(tok) or len(out) >= max_tokens:
                    break
                out.append(tok)
                if self.stops and len(out) % 4 == 0 and any(s in self._text(out) for s in self.stops):
                    break
            return clean_reply(self._text(out), self.stops)

    def _end_of_turn(self, tok: int) -> bool:
        import llama_cpp

        return tok == self.llm.token_eos() or bool(llama_cpp.llama_vocab_is_eog(self.llm._model.vocab, tok))

    def _text(self, toks: Sequence[int]) -> str:
        return self.llm.detokenize(list(toks)).decode("utf-8", "replace")

    def __repr__(self) -> str:
        return f"LlamaGenerator({str(self.path)!r}, grammar={'yes' if self._grammar_text else 'no'})"
