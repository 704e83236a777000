"""One model per language behind one analyze call: the built-in English and Chinese models.

A RoutedBackend holds a backend per language. The pipeline (pipeline.py) sends each post to
the backends of its language: English posts to the English model, Chinese posts (simplified
or traditional) to the Chinese one, code-mixed posts to both, whose results are merged into
one Result (every task of both, one triage over all of them). Posts in neither language go
to the English model with a warning. ``lang`` overrides the guess for every post.

Scored directly (``predict_proba``, as the benchmarks do), each task goes to the backend that
owns it.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .. import language
from ..errors import UsageError
from ..schema import Evidence
from .base import Backend, Capabilities

LANGS = ("auto", "en", "zh")


def route(text: str, available: Sequence[str], lang: str = "auto") -> list[str]:
    """The languages whose backends read ``text`` (a subset of ``available``, never empty)."""
    if lang != "auto":
        return [lang]
    guess = language.guess(text).language
    wanted = ["en", "zh"] if guess == "mixed" else [guess] if guess in ("en", "zh") else ["en"]
    return [x for x in wanted if x in available] or [available[0]]


class RoutedBackend(Backend):
    name = "lens"

    def __init__(self, by_language: dict[str, Backend]) -> None:
        if not by_language:
            raise UsageError("a routed model needs at least one backend", hint="pass {'en': ..., 'zh': ...}")
        self.by_language = dict(by_language)
        first = next(iter(self.by_language.values()))
        self.name = first.name
        self.capabilities = Capabilities(
            evidence_spans=all(b.capabilities.evidence_spans for b in self.by_language.values()),
            rationales=any(b.capabilities.rationales for b in self.by_language.values()))
        self._owner: dict[str, Backend] = {}
        for b in self.by_language.values():
            for t in b.tasks:
                self._owner.setdefault(t, b)

    @property
    def model_name(self) -> str:
        return "+".join(b.model_name for b in self.by_language.values())

    @property
    def model_version(self) -> str:
        return "+".join(b.model_version for b in self.by_language.values())

    @property
    def tasks(self) -> list[str]:
        return list(self._owner)

    @property
    def languages(self) -> list[str]:
        return list(self.by_language)

    def backend_for(self, lang: str) -> Backend:
        if lang not in self.by_language:
            raise UsageError(f"no model for language {lang!r} is loaded",
                             hint=f"use --lang with one of: auto, {', '.join(self.by_language)}")
        return self.by_language[lang]

    def owner(self, task: str) -> Backend:
        if task not in self._owner:
            from ..errors import UnknownNameError

            raise UnknownNameError(f"task of model {self.model_name}", task, self._owner)
        return self._owner[task]

    def predict_proba(self, texts: Sequence[str], tasks: Sequence[str] | None = None) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        for t in (list(tasks) if tasks is not None else self.tasks):
            out.update(self.owner(t).predict_proba(texts, [t]))
        return out

    def decide(self, task: str, proba: np.ndarray) -> list[list[str]]:
        return self.owner(task).decide(task, proba)

    def explain(self, texts: Sequence[str], labels: Sequence[dict[str, list[str]]],
                top_k: int = 5) -> list[dict[str, list[Evidence]]]:
        out: list[dict[str, list[Evidence]]] = [{} for _ in texts]
        for b in self.by_language.values():
            mine = [{t: v for t, v in lab.items() if self._owner.get(t) is b} for lab in labels]
            if any(mine):
                for i, ev in enumerate(b.explain(texts, mine, top_k=top_k)):
                    out[i].update(ev)
        return out

    def save(self, path: str | Path) -> None:
        raise UsageError("a routed model is the built-in models side by side; it is not saved as one",
                         hint="save each language's model on its own")

    @classmethod
    def load(cls, path: str | Path) -> RoutedBackend:
        raise UsageError("a routed model is loaded by mentalens.load() without a model name",
                         hint="or load each model folder on its own")
