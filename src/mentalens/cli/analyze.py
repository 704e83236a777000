"""``mentalens analyze``: screen one post, stdin, or a file of posts.

    mentalens analyze "I can't sleep and nothing feels worth doing anymore"
    echo "some post" | mentalens analyze
    mentalens analyze --input posts.csv --text-column body --format csv --output results.csv
    mentalens analyze --explain "some post"     # adds a rationale and the symptoms per task
"""
from __future__ import annotations

import sys

import typer

from . import options as O

HELP = ("Screen posts for mental-health signals: per task a label, every label's probability and the "
        "words that drove it, plus a triage level with where to get help. Screening signals, not a "
        "diagnosis; everything runs offline on this machine.")


def register(app: typer.Typer) -> None:
    @app.command("analyze", help=HELP)
    def analyze_cmd(
        text: str = O.TEXT,
        input: str = O.INPUT,
        input_format: str = O.INPUT_FORMAT,
        text_column: str = O.TEXT_COLUMN,
        id_column: str = O.ID_COLUMN,
        tasks: str = O.TASKS,
        fmt: str = typer.Option("table", "--format", "-f", help="table, json, jsonl or csv"),
        output: str = typer.Option(None, "--output", "-o", show_default=False,
                                   help="write the results to this file instead of stdout"),
        locale: str = O.LOCALE,
        lang: str = O.LANG,
        model: str = O.MODEL,
        backend: str = O.BACKEND,
        no_evidence: bool = typer.Option(False, "--no-evidence", help="skip evidence spans (faster)"),
        top_k: int = typer.Option(3, "--top-k", help="evidence spans per decided label"),
        batch_size: int = O.BATCH_SIZE,
        explain: bool = typer.Option(False, "--explain",
                                     help="add a plain-language rationale and the symptoms mentioned, per task "
                                     "(the table shows the rationale; see also `mentalens explain`)"),
    ) -> None:
        run(text=text, input=input, input_format=input_format, text_column=text_column, id_column=id_column,
            tasks=tasks, fmt=fmt, output=output, locale=locale, lang=lang, model=model, backend=backend,
            evidence=not no_evidence, top_k=top_k, batch_size=batch_size, explain=explain)


def run(*, text, input, input_format, text_column, id_column, tasks, fmt, output, locale, model, evidence,
        top_k, lang="auto", batch_size, explain=False, backend="lens") -> None:
    from ..errors import UsageError
    from ..io.outputs import OUTPUT_FORMATS

    fmt = (fmt or "").lower()
    if fmt not in OUTPUT_FORMATS:
        raise UsageError(f"unknown output format {fmt!r}",
                         hint=f"use --format with one of: {', '.join(OUTPUT_FORMATS)}")
    if top_k < 0:
        raise UsageError(f"--top-k must be 0 or more, not {top_k}",
                         hint="e.g. --top-k 3; --no-evidence turns spans off")
    if batch_size < 1:
        raise UsageError(f"--batch-size must be 1 or more, not {batch_size}", hint="e.g. --batch-size 256")
    inputs, from_file = _read(text, input, input_format, text_column, id_column)

    from ..api import load_backend
    from ..config import default_locale
    from ..pipeline import analyze_batch, select_tasks

    backend = load_backend(model, backend)
    run_tasks = select_tasks(backend, tasks)
    locale = default_locale() if locale is None else locale
    stream = _open(output)
    try:
        from ..io.outputs import writer

        opts = {"texts": inputs.texts} if fmt == "table" else {}
        out = writer(fmt, stream, run_tasks, **opts)
        with _progress(len(inputs), enabled=from_file) as advance:
            for start in range(0, len(inputs), batch_size):
                stop = start + batch_size
                results = analyze_batch(backend, inputs.texts[start:stop], tasks or None, locale=locale, lang=lang,
                                        evidence=evidence, top_k=top_k, ids=inputs.ids[start:stop],
                                        batch_size=batch_size, explain=explain)
                for r, w in zip(results, inputs.warnings[start:stop]):
                    if w:
                        r.warnings[:0] = w
                out.write(results)
                advance(len(results))
        out.close()
    finally:
        if output:
            stream.close()
    if not len(inputs):
        sys.stderr.write(f"mentalens: note: {inputs.source} holds no posts\n")
    if output:
        sys.stderr.write(f"mentalens: wrote {len(inputs)} result{'s' * (len(inputs) != 1)} to {output}\n")


def _read(text, input, input_format, text_column, id_column, command="analyze"):
    from ..errors import UsageError
    from ..io import inputs as rd

    if input is not None and text is not None:
        raise UsageError("give either a TEXT argument or --input FILE, not both",
                         hint=f"mentalens {command} \"some text\"  or  mentalens {command} --input posts.csv")
    if input is not None:
        return rd.read_file(input, text_column=text_column, id_column=id_column, fmt=input_format), True
    if text == "-" or (text is None and not _isatty(sys.stdin)):
        return rd.from_stdin(), False
    if text is None:
        raise UsageError("nothing to analyse",
                         hint=f"pass a post: mentalens {command} \"some text\"; a file: --input posts.csv; "
                         f"or pipe text into mentalens {command}")
    return rd.from_text(text), False


def _isatty(stream) -> bool:
    try:
        return stream is None or stream.isatty()
    except (AttributeError, ValueError):
        return False


def _open(output):
    if not output:
        try:
            sys.stdout.reconfigure(errors="replace")  # a terminal that cannot show a character shows '?'
        except (AttributeError, ValueError):
            pass
        return sys.stdout
    from pathlib import Path

    from ..errors import UsageError

    path = Path(output).expanduser()
    if path.is_dir():
        raise UsageError(f"--output {output} is a folder", hint="give a file path, e.g. --output results.jsonl")
    try:
        return open(path, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}",
                         hint="check that the folder exists and is writable") from None


class _progress:
    """A rich progress bar on stderr for file runs, shown only when stderr is a terminal."""

    def __init__(self, total: int, *, enabled: bool) -> None:
        self.total, self.bar = total, None
        self.enabled = enabled and total > 0 and _isatty(sys.stderr) and sys.stderr is not None

    def __enter__(self):
        if not self.enabled:
            return lambda n: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.bar = Progress(TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                            console=Console(stderr=True), transient=True)
        self.bar.start()
        task = self.bar.add_task("analyse", total=self.total)
        return lambda n: self.bar.advance(task, n)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()
