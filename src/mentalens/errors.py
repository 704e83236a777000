"""Every error the library raises on purpose. Each message says what is wrong and how to fix it.

The CLI turns these into a one-paragraph message and a non-zero exit code (cli/main.py);
anything else reaching the user is a bug.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable


class MentalensError(Exception):
    """Base class. ``hint`` tells the user what to do about it."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n  how to fix: {self.hint}"


class UsageError(MentalensError):
    """Bad arguments or options: the user can fix the command line."""

    exit_code = 2


class UnknownNameError(UsageError, KeyError):
    """A task, dataset, backend, metric or benchmark name that does not exist."""

    def __init__(self, kind: str, name: str, known: Iterable[str]) -> None:
        known = sorted(known)
        close = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
        msg = f"unknown {kind} {name!r}"
        if close:
            msg += f"; did you mean {', '.join(repr(c) for c in close)}?"
        super().__init__(msg, hint=f"known {kind}s: {', '.join(known) or '(none)'}")
        self.kind, self.name, self.known = kind, name, known

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return MentalensError.__str__(self)


class InputError(UsageError):
    """Input text or file the analyzer cannot use as given."""


class DataError(MentalensError):
    """A research data file is missing, has the wrong columns, or cannot be decoded."""


class StoreError(MentalensError):
    """The private store cannot do what was asked: a wrong or missing key, a store written by a
    newer mentalens, a file that is not a store, a bad alert rule. Never a traceback. The server
    answers these 503 (the store cannot serve); the subclasses below are the caller's to fix."""


class UnknownSubjectError(StoreError):
    """No such subject in the store (the server answers 404)."""


class StoreInputError(StoreError, InputError):
    """Posts, a subject name or an option the store cannot take as given (the server answers 422)."""


class ModelNotFoundError(MentalensError):
    """No model where one was asked for. No code path downloads one."""


class NotFittedError(MentalensError):
    """A backend used before ``fit`` or ``load``."""


class ExtraNotInstalledError(MentalensError):
    """An optional dependency is missing."""

    def __init__(self, module: str, extra: str, purpose: str) -> None:
        super().__init__(
            f"{purpose} needs the Python package {module!r}, which is not installed",
            hint=f"pip install 'mentalens[{extra}]'",
        )


def require(module: str, extra: str, purpose: str):
    """Import an optional dependency or raise ExtraNotInstalledError."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise ExtraNotInstalledError(module, extra, purpose) from exc
