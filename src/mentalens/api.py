"""The Python API: ``mentalens.load()`` and ``mentalens.analyze()``.

    >>> import mentalens
    >>> result = mentalens.analyze("I can't sleep and nothing feels worth doing anymore")
    >>> result.tasks["depression"].label, result.triage.level

An Analyzer wraps a backend and runs the pipeline of DESIGN.md for a batch of texts:
backend probabilities -> decided labels -> evidence spans -> triage -> Result.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from .backends.base import Backend
from .config import AUTO_MODEL, BUILTIN_BY_LANGUAGE, DEFAULT_MODEL, ENV_MODEL, MODELS_DIR
from .errors import ModelNotFoundError
from .schema import Result


def model_path(model: str | os.PathLike | None = None) -> Path:
    """Where a model lives: a folder path, a built-in model name, or $MENTALENS_MODEL / the default."""
    raw = model if model not in (None, "") else os.environ.get(ENV_MODEL) or None
    typed = raw is not None            # the default name is never looked up in the working directory
    raw = raw if typed else DEFAULT_MODEL
    path = Path(raw).expanduser()
    if typed and (path.is_dir() or path.is_file()):
        return path          # a model folder, or a model file (a GGUF for the llm backend)
    known = sorted(p.name for p in MODELS_DIR.iterdir() if (p / "config.json").is_file()) if MODELS_DIR.is_dir() else []
    is_name = not any(sep in str(raw) for sep in ("/", "\\")) and not str(raw).startswith(("~", "."))
    builtin = MODELS_DIR / str(raw)
    if is_name and builtin.is_dir():
        return builtin
    where = [f"a folder at {path.resolve()}"] if typed else []
    where += [f"a built-in model at {builtin}"] if is_name else []
    raise ModelNotFoundError(
        f"no model {str(raw)!r}: looked for {' and '.join(where)}",
        hint=f"pass a model folder written by `mentalens train`, or a built-in name ({', '.join(known) or 'none installed'})")


def load_backend(model: str | os.PathLike | None = None, backend: str = "lens") -> Backend:
    """A backend with its model loaded. No model named (and no $MENTALENS_MODEL), or "auto", with
    the lens backend: the built-in models of every language side by side, each post read by
    the model of its language (backends/routed.py)."""
    from .registry import backends

    auto = model == AUTO_MODEL or (model in (None, "") and not os.environ.get(ENV_MODEL))
    if auto and backend == "lens":
        return _builtin_routed()
    cls = backends.get(backend)
    return cls.load(model_path(model))


def _builtin_routed() -> Backend:
    from .backends.lens.model import LensBackend
    from .backends.routed import RoutedBackend

    by_language: dict[str, Backend] = {}
    for lang, name in BUILTIN_BY_LANGUAGE.items():
        path = MODELS_DIR / name          # built-in names are never looked up in the working directory
        if not (path / "config.json").is_file():
            raise ModelNotFoundError(f"no built-in model {name!r}: looked for a built-in model at {path}",
                                     hint="reinstall mentalens (its models ship in the package), or pass a "
                                     "model folder with --model")
        by_language[lang] = LensBackend.load(path)
    return RoutedBackend(by_language)


class Analyzer:
    """A loaded model plus the analysis pipeline. Construct with ``mentalens.load()``."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend

    def analyze(self, texts: str | Sequence[str], tasks: str | Sequence[str] | None = None, **options
                ) -> Result | list[Result]:
        """Analyse one text (returns a Result) or many (returns a list, same order)."""
        from .pipeline import analyze_batch

        single = isinstance(texts, str)
        results = analyze_batch(self.backend, [texts] if single else list(texts), tasks, **options)
        return results[0] if single else results


def load(model: str | os.PathLike | None = None, backend: str = "lens") -> Analyzer:
    """Load a model (default: the built-in English and Chinese models, each post routed by its
    language) and return an Analyzer."""
    return Analyzer(load_backend(model, backend))


@lru_cache(maxsize=4)
def _default(model: str | None, backend: str) -> Analyzer:
    return load(model, backend)


def analyze(texts: str | Sequence[str], tasks: str | Sequence[str] | None = None, *,
            model: str | None = None, backend: str = "lens", **options) -> Result | list[Result]:
    """Analyse with a cached model: ``mentalens.analyze(text)`` -> Result, a list -> list of Results."""
    return _default(model, backend).analyze(texts, tasks, **options)
