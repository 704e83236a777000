"""One lazy registry for everything pluggable: backends, datasets, metrics, benchmarks.

Entries are registered as ``"module:attribute"`` strings so that nothing heavy is imported
until it is chosen (no torch unless a torch backend is used). Built-ins register through
the same ``register`` call a third party would use.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

from .errors import UnknownNameError

T = TypeVar("T")


class Registry(Generic[T]):
    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._entries: dict[str, str | T] = {}
        self._help: dict[str, str] = {}

    def register(self, name: str, target: str | T, help: str = "") -> None:
        """Register ``target`` (an object or a lazy ``"module:attribute"`` path) under ``name``."""
        self._entries[name] = target
        self._help[name] = help

    def get(self, name: str) -> T:
        try:
            target = self._entries[name]
        except KeyError:
            raise UnknownNameError(self.kind, name, self._entries) from None
        if isinstance(target, str) and ":" in target:
            module, _, attr = target.partition(":")
            target = getattr(importlib.import_module(module), attr)
            self._entries[name] = target
        return target  # type: ignore[return-value]

    def help(self, name: str) -> str:
        self.get(name)
        return self._help.get(name, "")

    def names(self) -> list[str]:
        return sorted(self._entries)

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())


backends: Registry[Callable[..., Any]] = Registry("backend")
backends.register("lens", "mentalens.backends.lens.model:LensBackend",
                  "the embedded default: sparse n-grams + static embeddings, linear multi-task heads")
backends.register("llm", "mentalens.backends.llm.model:LLMBackend",
                  "generative language models (llm extra): a GGUF file via llama.cpp, or a local Hugging Face "
                  "folder / PEFT adapter via transformers")
