"""``mentalens store``: the private store of analyses over time (opt-in; see mentalens/store).

    mentalens store add --subject alice --input posts.csv      # analyse, redact, store
    mentalens store list
    mentalens store timeline alice [--format json]
    mentalens store export --format csv --output alice.csv [--subject alice]
    mentalens store delete alice [--yes]

Every command takes --store PATH and --encrypt (the passphrase from $MENTALENS_STORE_KEY, else
typed at a terminal). Post text is never printed in full: the timeline shows the redacted text.
"""
from __future__ import annotations

import json
import os
import sys

import typer

from . import options as O

HELP = ("Keep analyses of a person's posts over time in a private store on this machine (redacted, "
        "optionally encrypted), with alerts when screening levels call for someone to look. Screening "
        "signals, not a diagnosis.")
STORE = typer.Option(None, "--store", show_default=False,
                     help="the store's file (default: $MENTALENS_STORE, else store.db in mentalens's home folder)")
ENCRYPT = typer.Option(False, "--encrypt", help="the store is encrypted (SQLCipher): the passphrase comes from "
                       "$MENTALENS_STORE_KEY, else it is asked for at a terminal")
ALERTS = typer.Option(None, "--alerts", show_default=False,
                      help="a YAML file of alert rules laid over the built-in ones (store/alerts.yaml)")
FORMAT = typer.Option("table", "--format", "-f", help="table or json")


def register(app: typer.Typer) -> None:
    store_app = typer.Typer(name="store", help=HELP, no_args_is_help=True, rich_markup_mode=None)
    app.add_typer(store_app, name="store")

    @store_app.command("add", help="Analyse the posts of a file and store them for a subject (redacted).")
    def add_cmd(
        subject: str = typer.Option(..., "--subject", "-s", help="whose posts these are (a name or code)"),
        input: str = typer.Option(..., "--input", "-i", help="a .csv, .tsv, .jsonl or .txt file of posts; '-': stdin"),
        input_format: str = O.INPUT_FORMAT,
        text_column: str = O.TEXT_COLUMN,
        id_column: str = O.ID_COLUMN,
        time_column: str = typer.Option(None, "--time-column", show_default=False,
                                        help="the column / field holding when each post was written (ISO 8601; "
                                        "default: posted_at, date, time, timestamp or created_at if there is one, "
                                        "else the time the post is stored)"),
        keep_raw: bool = typer.Option(False, "--keep-raw", help="also keep the unredacted text (off by default)"),
        batch_size: int = typer.Option(64, "--batch-size", help="posts analysed and committed together"),
        tasks: str = O.TASKS,
        locale: str = O.LOCALE,
        model: str = O.MODEL,
        alerts: str = ALERTS,
        store: str = STORE,
        encrypt: bool = ENCRYPT,
    ) -> None:
        from ..api import load
        from ..config import default_locale
        from ..store.files import read_posts

        if batch_size < 1:
            from ..errors import UsageError

            raise UsageError(f"--batch-size must be 1 or more, not {batch_size}", hint="e.g. --batch-size 64")
        read = read_posts(input, fmt=input_format, text_column=text_column, id_column=id_column,
                          time_column=time_column)
        with _open(store, encrypt, alerts) as st:
            analyzer = load(model)
            locale = default_locale() if locale is None else locale
            with _Progress() as progress:
                out = st.add_posts(subject, read.posts, analyzer, tasks=tasks or None, locale=locale,
                                   keep_raw=keep_raw, batch_size=batch_size, progress=progress)
        _say_added(out, subject, read)

    @store_app.command("list", help="List the subjects in the store.")
    def list_cmd(fmt: str = FORMAT, store: str = STORE, encrypt: bool = ENCRYPT) -> None:
        with _open(store, encrypt, None, create=False) as st:
            rows = st.subjects()
        if _json(fmt, rows):
            return
        from .. import i18n

        if not rows:
            sys.stdout.write(i18n.t("store.no_subjects") + "\n")
            return
        heads = ("subject", "posts", "first", "last", "latest_level", "alerts")
        _table(i18n.t("store.subjects_title"), heads,
               [[r["subject"], str(r["posts"]), _when(r["first_at"]), _when(r["last_at"]),
                 i18n.level_name(r["latest_level"]) if r["latest_level"] else "", str(r["alerts"])] for r in rows])

    @store_app.command("timeline", help="Show a subject's screening levels over time, and its alerts.")
    def timeline_cmd(subject: str = typer.Argument(..., help="the subject"), fmt: str = FORMAT,
                     alerts: str = ALERTS, store: str = STORE, encrypt: bool = ENCRYPT) -> None:
        with _open(store, encrypt, alerts, create=False) as st:
            data = st.timeline(subject)
        if _json(fmt, data):
            return
        from .. import i18n

        fired: dict[str, list[str]] = {}
        for a in data["alerts"]:
            fired.setdefault(a["post_id"], []).append(a["rule"])
        rows = []
        for p in data["points"]:
            top = sorted(((v, k) for k, v in p["scores"].items() if v is not None), reverse=True)[:2]
            text = " ".join(p["text"].split())
            rows.append([_when(p["posted_at"]), str(p["post_id"]), i18n.level_name(p["level"]),
                         ", ".join(f"{k} {v:.2f}" for v, k in top), text[:80] + ("…" if len(text) > 80 else ""),
                         ", ".join(fired.get(p["post_id"], []))])
        _table(i18n.t("store.timeline_title", subject=data["subject"]),
               ("time", "post", "level", "scores", "text", "alerts"), rows)
        _alerts_table(data["alerts"])

    @store_app.command("export", help="Write the stored analyses (redacted text only) as CSV, JSONL or Parquet.")
    def export_cmd(
        fmt: str = typer.Option(None, "--format", "-f", show_default=False,
                                help="csv, jsonl or parquet (default: from the --output file name)"),
        output: str = typer.Option(..., "--output", "-o", help="the file to write; '-' writes to stdout"),
        subject: str = typer.Option(None, "--subject", "-s", show_default=False, help="only this subject"),
        store: str = STORE, encrypt: bool = ENCRYPT,
    ) -> None:
        from .. import i18n
        from ..errors import UsageError
        from ..store.export import FORMATS

        fmt = fmt or os.path.splitext(output)[1].lstrip(".").lower()
        if fmt not in FORMATS:
            raise UsageError(f"unknown export format {fmt!r}" if fmt else "no export format given",
                             hint=f"pass --format with one of: {', '.join(FORMATS)}")
        with _open(store, encrypt, None, create=False) as st:
            n = st.export(fmt, sys.stdout.buffer if output == "-" else output, subject)
        if output != "-":
            sys.stderr.write(i18n.t("store.exported", n=n, path=output) + "\n")

    @store_app.command("delete", help="Delete a subject with all its posts, analyses and alerts, for good.")
    def delete_cmd(subject: str = typer.Argument(..., help="the subject"),
                   yes: bool = typer.Option(False, "--yes", "-y", help="do not ask for confirmation"),
                   store: str = STORE, encrypt: bool = ENCRYPT) -> None:
        from .. import i18n
        from ..errors import UnknownSubjectError, UsageError

        with _open(store, encrypt, None, create=False) as st:
            posts = {x["subject"]: x["posts"] for x in st.subjects()}.get(subject.strip())
            if posts is None:
                raise UnknownSubjectError(f"no subject {subject!r} in the store", hint="see them with mentalens store list")
            if not yes:
                if not _isatty(sys.stdin):
                    raise UsageError("deleting a subject asks for confirmation, and there is no terminal to ask at",
                                     hint=f"pass --yes to delete without asking: mentalens store delete {subject} -y")
                if not typer.confirm(i18n.t("store.confirm_delete", subject=subject, n=posts)):
                    sys.stderr.write(i18n.t("store.kept") + "\n")
                    raise typer.Exit(1)
            n = st.delete_subject(subject)
        sys.stderr.write(i18n.t("store.deleted", subject=subject, n=n) + "\n")


def _open(store, encrypt: bool, alerts, *, create: bool = True):
    from ..config import store_path
    from ..store import Store

    path = store_path(store)
    return Store.open(path, key=_key(encrypt, path.exists()), create=create, rules=alerts)


def _key(encrypt: bool, exists: bool) -> str | None:
    """The passphrase for --encrypt: $MENTALENS_STORE_KEY, else typed (twice for a new store)."""
    from ..config import ENV_STORE_KEY

    if not encrypt or os.environ.get(ENV_STORE_KEY):
        return None                       # Store.open reads $MENTALENS_STORE_KEY itself
    from .. import i18n
    from ..errors import UsageError

    if not _isatty(sys.stdin):
        raise UsageError("--encrypt needs the store's passphrase, and there is no terminal to type it at",
                         hint=f"set {ENV_STORE_KEY} to the passphrase")
    import getpass

    key = getpass.getpass(i18n.t("store.passphrase"))
    if not exists and getpass.getpass(i18n.t("store.passphrase_again")) != key:
        raise UsageError("the two passphrases differ", hint="run the command again and type the same passphrase twice")
    return key


def _say_added(out: dict, subject: str, read) -> None:
    from .. import i18n

    err = sys.stderr
    if read.undecodable:
        err.write(i18n.t("store.decode_rows", n=read.undecodable) + "\n")
    if read.empty:
        err.write(i18n.t("store.empty_rows", n=read.empty) + "\n")
    if out["skipped"]:
        err.write(i18n.t("store.skipped", n=out["skipped"]) + "\n")
    sys.stdout.write(i18n.t("store.added", n=out["added"], subject=subject) + "\n")
    _alerts_table(out["alerts"])


def _alerts_table(alerts: list[dict]) -> None:
    if not alerts:
        return
    from .. import i18n

    _table(i18n.t("store.alerts_title"), ("time", "post", "rule", "level", "message"),
           [[_when(a["posted_at"]), str(a["post_id"]), a["rule"], i18n.level_name(a["level"]), a["message"]]
            for a in alerts])


def _table(title: str, heads, rows) -> None:
    """A rich table; every cell is plain Text, so "[email]" and the like are shown, not read as markup."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from .. import i18n

    table = Table(title=Text(title), show_lines=False)
    for h in heads:
        table.add_column(Text(i18n.t(f"store.{h}")), style="bold" if h in ("subject", "time") else None,
                         no_wrap=h in ("time", "first", "last", "level", "latest_level"))
    for r in rows:
        table.add_row(*[Text(c) for c in r])
    Console().print(table)


def _when(iso: str | None) -> str:
    """A stored time (ISO 8601, UTC) as a table shows it: 2024-05-01 09:30."""
    return (iso or "")[:16].replace("T", " ")


def _json(fmt: str, data) -> bool:
    fmt = (fmt or "").lower()
    if fmt not in ("table", "json"):
        from ..errors import UsageError

        raise UsageError(f"unknown format {fmt!r}", hint="use --format table or --format json")
    if fmt == "json":
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return fmt == "json"


def _isatty(stream) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError):
        return False


class _Progress:
    """A progress bar on stderr while posts are analysed and stored, only at a terminal."""

    def __enter__(self):
        self.bar = None
        if _isatty(sys.stderr):
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            from .. import i18n

            self.bar = Progress(TextColumn(i18n.t("store.storing")), BarColumn(), MofNCompleteColumn(),
                                TimeRemainingColumn(), console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("store", total=None)
        return self

    def __call__(self, done: int, total: int) -> None:
        if self.bar is not None:
            self.bar.update(self.task, completed=done, total=total)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()
