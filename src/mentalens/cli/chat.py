"""``mentalens chat``: a supportive conversation at the terminal, offline (mentalens.chat).

    mentalens chat                          # English or Chinese, following the locale
    mentalens chat --locale zh_CN           # Chinese words, mainland China's help lines
    mentalens chat --memory [--encrypt]     # keep the conversation in the store (off by default)
    mentalens chat --model phraser.gguf     # a local model phrases the replies (checked every turn)
    mentalens chat --list-memory | --forget SESSION | --forget-all [--yes]

A plain line loop (input()), so it works on any terminal and over a pipe. Once a turn has been a
crisis turn the help lines stay on screen: a box with every later reply, and again on leaving.
Nothing is stored unless memory is on (--memory, or /memory on during the talk).
"""
from __future__ import annotations

import sys

import typer

from . import options as O
from .store import ENCRYPT, FORMAT, STORE

HELP = ("Talk through how you feel with offline software that listens, reflects and offers self-help skills "
        "(English or Chinese). It is not a person or a crisis service and cannot call anyone; when you are in "
        "danger it shows where to get help. Nothing is stored unless you turn memory on.")


def register(app: typer.Typer) -> None:
    @app.command("chat", help=HELP)
    def chat_cmd(
        locale: str = O.LOCALE,
        lang: str = typer.Option("auto", "--lang", help="the language you write in: auto (guessed per message), "
                                 "en or zh"),
        model: str = typer.Option(None, "--model", "-m", show_default=False,
                                  help="a GGUF model that phrases the replies (needs the llm extra); every reply "
                                  "is still checked by the safety layer"),
        memory: bool = typer.Option(False, "--memory", help="keep this conversation in the store (off by default)"),
        store: str = STORE,
        encrypt: bool = ENCRYPT,
        list_memory: bool = typer.Option(False, "--list-memory", help="list the conversations kept in the store"),
        forget: str = typer.Option(None, "--forget", show_default=False, metavar="SESSION",
                                   help="delete one kept conversation (see --list-memory) and leave"),
        forget_all: bool = typer.Option(False, "--forget-all", help="delete every kept conversation and leave"),
        yes: bool = typer.Option(False, "--yes", "-y", help="with --forget-all: do not ask for confirmation"),
        fmt: str = FORMAT,
    ) -> None:
        from ..config import default_locale
        from ..errors import UsageError

        if lang not in ("auto", "en", "zh"):
            raise UsageError(f"unknown --lang {lang!r}", hint="use --lang auto, en or zh")
        if list_memory or forget is not None or forget_all:
            _manage(store, encrypt, list_memory, forget, forget_all, yes, fmt)
            return
        from .chat_terminal import Terminal

        locale = default_locale() if locale is None else locale
        Terminal(locale=locale, lang=lang, model=model, store=store, encrypt=encrypt).run(memory)


def _manage(store, encrypt: bool, list_memory: bool, forget: str | None, forget_all: bool, yes: bool, fmt) -> None:
    """--list-memory, --forget SESSION, --forget-all: the kept conversations, without talking."""
    from .. import i18n
    from ..chat.memory import ChatMemory
    from ..config import store_path
    from ..errors import UsageError
    from .store import _isatty, _json, _key, _when

    if sum([list_memory, forget is not None, forget_all]) > 1:
        raise UsageError("--list-memory, --forget and --forget-all go one at a time", hint="pass just one of them")
    path = store_path(store)
    if not path.exists():
        if list_memory and not _json(fmt, []):
            sys.stdout.write(i18n.t("chat.list_empty") + "\n")
        elif forget_all or forget is not None:
            sys.stderr.write(i18n.t("chat.kept") + "\n")
        return
    with ChatMemory.open(path, key=_key(encrypt, True), create=False) as memory:
        if list_memory:
            rows = memory.sessions()
            if _json(fmt, rows):
                return
            if not rows:
                sys.stdout.write(i18n.t("chat.list_empty") + "\n")
                return
            _table([[r["session"], _when(r["started"]), _when(r["last"]), str(r["turns"]),
                     i18n.level_name(r["highest_level"]) if r["highest_level"] else ""] for r in rows])
            return
        if forget is not None:
            n = memory.delete(forget)
            sys.stderr.write((i18n.t("chat.forgot_one", session=forget.strip(), n=n) if n
                              else i18n.t("chat.kept")) + "\n")
            return
        count = len(memory.sessions())
        if count and not yes:
            if not _isatty(sys.stdin):
                raise UsageError("deleting every kept conversation asks for confirmation, and there is no "
                                 "terminal to ask at",
                                 hint="pass --yes to delete without asking: mentalens chat --forget-all -y")
            if not typer.confirm(i18n.t("chat.confirm_forget_all", n=count)):
                sys.stderr.write(i18n.t("chat.kept") + "\n")
                raise typer.Exit(1)
        n = memory.delete_all()
        sys.stderr.write(i18n.t("chat.forgot_all", n=n) + "\n")


def _table(rows: list[list[str]]) -> None:
    """The kept conversations as a rich table (plain Text cells: nothing is read as markup)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from .. import i18n

    table = Table(title=Text(i18n.t("chat.list_title")))
    for h in ("session", "started", "last", "turns", "highest_level"):
        table.add_column(Text(i18n.t(f"chat.{h}")), no_wrap=h != "highest_level")
    for r in rows:
        table.add_row(*[Text(c) for c in r])
    Console().print(table)
