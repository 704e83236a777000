"""Settings read from the command line or from environment variables named MENTALENS_*.

One place for every path the project reads; nothing is relative to the working directory
unless the user typed it.
"""
from __future__ import annotations

import os
from pathlib import Path

from .errors import DataError

ENV_DATA = "MENTALENS_DATA"
ENV_LOCALE = "MENTALENS_LOCALE"
ENV_MODEL = "MENTALENS_MODEL"
ENV_HOME = "MENTALENS_HOME"          # where mentalens keeps its own files: the store, the server token
ENV_STORE = "MENTALENS_STORE"        # the store's database file
ENV_STORE_KEY = "MENTALENS_STORE_KEY"  # the passphrase of an encrypted store
ENV_TOKEN = "MENTALENS_TOKEN"        # the server's bearer token (else generated into home_dir())

PACKAGE_DIR = Path(__file__).resolve().parent
MODELS_DIR = PACKAGE_DIR / "models"
EXAMPLES_DIR = PACKAGE_DIR / "examples"
DEFAULT_MODEL = "lens-en"           # the one built-in folder where a single model is needed
AUTO_MODEL = "auto"                 # the built-in models of every language, each post routed by language
BUILTIN_BY_LANGUAGE = {"en": "lens-en", "zh": "lens-zh"}


def data_dir(explicit: str | os.PathLike | None = None, *, required: bool = True) -> Path | None:
    """The research data directory: ``--data-dir`` if given, else $MENTALENS_DATA.

    Raises DataError (when ``required``) saying where it looked and how to point at the data.
    """
    raw = explicit if explicit not in (None, "") else os.environ.get(ENV_DATA) or None
    if raw is None:
        if not required:
            return None
        raise DataError(
            "no research data directory given",
            hint=f"pass --data-dir PATH or set {ENV_DATA}=PATH (the folder holding MANIFEST.md, "
            "e.g. ../shared/data)",
        )
    path = Path(raw).expanduser().resolve()
    if not path.is_dir():
        if not required:
            return None
        source = "--data-dir" if explicit not in (None, "") else f"${ENV_DATA}"
        raise DataError(
            f"the research data directory {path} (from {source}) does not exist",
            hint=f"pass --data-dir PATH or set {ENV_DATA} to the folder holding MANIFEST.md",
        )
    return path


def default_locale() -> str:
    """The user's locale: $MENTALENS_LOCALE, else LC_ALL / LC_MESSAGES / LANG, else ''."""
    for var in (ENV_LOCALE, "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return value
    return ""


def home_dir() -> Path:
    """mentalens's own files: $MENTALENS_HOME, else $XDG_DATA_HOME/mentalens, else
    ~/.local/share/mentalens. Not created here; whoever writes into it creates it (mode 0700)."""
    raw = os.environ.get(ENV_HOME) or None
    if raw:
        return Path(raw).expanduser().resolve()
    xdg = os.environ.get("XDG_DATA_HOME") or None
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return (base / "mentalens").resolve()


def store_path(explicit: str | os.PathLike | None = None) -> Path:
    """The store's database file: ``--store`` if given, else $MENTALENS_STORE, else home_dir()/store.db."""
    raw = explicit if explicit not in (None, "") else os.environ.get(ENV_STORE) or None
    return Path(raw).expanduser().resolve() if raw else home_dir() / "store.db"
