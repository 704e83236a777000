"""What the llm backend needs from a language-model runtime, and the parts both runtimes share.

Two runtimes implement it: llama.cpp (GGUF files, runtime_llamacpp.py) and transformers (a
local Hugging Face folder, optionally with a PEFT adapter, runtime_hf.py). The backend only
ever asks three things: render a chat turn with the model's own template, the log-probability
of given continuations after a prompt (label scoring), and a generation whose first words are
constrained to one of given answers (the grammar path).
"""
from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass
class Generation:
    text: str                       # everything generated after the prompt
    answer: str | None              # the constrained answer it began with; None if it never finished one
    prompt_tokens: int = 0
    tokens: int = 0                 # generated tokens
    ttft_s: float = 0.0             # time to first token (prefill + first decode)
    total_s: float = 0.0
    stopped: str = "eos"            # eos | length


@dataclass
class TokenTimer:
    """Prompt evaluation a runtime reports for the speed benchmark (decoding is timed per
    Generation)."""

    prefill_tokens: int = 0
    prefill_s: float = 0.0


class Runtime(ABC):
    name: str = "runtime"

    @property
    @abstractmethod
    def model_id(self) -> str:
        """A short name of the loaded model (file or folder name)."""

    @property
    @abstractmethod
    def chat_template(self) -> str | None:
        """The model's own chat template (from its metadata), or None for a plain prompt."""

    @abstractmethod
    def tokenize(self, text: str, *, bos: bool = True) -> list[int]:
        """Token ids of ``text`` (special tokens written in it are parsed), with the model's
        beginning-of-text token first when ``bos`` and the model uses one."""

    @abstractmethod
    def next_logprobs(self, tokens: Sequence[int], spans: Sequence[Sequence[int]]) -> list[list[float]]:
        """For each continuation in ``spans``: the log-probability of each of its tokens after
        ``tokens`` and the continuation's earlier tokens."""

    @abstractmethod
    def generate(self, prompt: str, answers: Sequence[str] | None, *, max_tokens: int = 128,
                 temperature: float = 0.0, seed: int = 0) -> Generation:
        """Generate after ``prompt``. With ``answers``, decoding is constrained so the output
        starts with exactly one of them (a grammar), then continues freely."""

    # -- shared ---------------------------------------------------------------
    def render(self, user: str, *, system: str | None = None) -> str:
        """The prompt text up to where the assistant's answer starts."""
        template = self.chat_template
        if not template:
            head = f"{system}\n\n" if system else ""
            return f"{head}{user}\nAnswer:"
        from .chat import render_chat

        return render_chat(template, user, system=system, **self.special_tokens())

    def special_tokens(self) -> dict[str, str]:
        return {}

    def answer_prefix(self) -> str:
        """What separates the rendered prompt from the answer: a space after 'Answer:'."""
        return "" if self.chat_template else " "

    def continuation_logprobs(self, prompt: str, continuations: Sequence[str]) -> list[float]:
        """Sum of token log-probabilities of each continuation after ``prompt``."""
        base = self.tokenize(prompt)
        spans = [self._continuation_tokens(prompt, base, c) for c in continuations]
        return [math.fsum(lp) for lp in self.next_logprobs(base, spans)]

    def _continuation_tokens(self, prompt: str, base: list[int], cont: str) -> list[int]:
        full = self.tokenize(prompt + cont)
        if len(full) > len(base) and full[: len(base)] == base:
            return full[len(base):]
        return self.tokenize(cont, bos=False)
