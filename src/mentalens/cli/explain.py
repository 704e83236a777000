"""``mentalens explain``: why each task decided what it did, in words, and as an HTML report.

    mentalens explain "I can't sleep and nothing feels worth doing anymore"
    mentalens explain --input posts.jsonl --html report.html
    mentalens explain "some post" --format json
"""
from __future__ import annotations

import sys

import typer

from . import options as O

HELP = ("Explain the screening of posts: per task the decision and its probability, a plain-language "
        "rationale, the words for and against it (quoted, with weights), the symptoms mentioned and whether "
        "they are the writer's own, and the triage with where to get help. --html writes a self-contained "
        "report that highlights the evidence in each post. Screening signals, not a diagnosis; everything "
        "runs offline on this machine.")
FORMATS = ("text", "json")


def register(app: typer.Typer) -> None:
    @app.command("explain", help=HELP)
    def explain_cmd(
        text: str = O.TEXT,
        input: str = O.INPUT,
        input_format: str = O.INPUT_FORMAT,
        text_column: str = O.TEXT_COLUMN,
        id_column: str = O.ID_COLUMN,
        tasks: str = O.TASKS,
        locale: str = O.LOCALE,
        lang: str = O.LANG,
        model: str = O.MODEL,
        backend: str = O.BACKEND,
        top_k: int = typer.Option(5, "--top-k", help="evidence spans per decided label"),
        html: str = typer.Option(None, "--html", show_default=False,
                                 help="write a self-contained HTML report (evidence highlighted) to this file"),
        fmt: str = typer.Option(None, "--format", "-f", show_default=False,
                                help="text or json on stdout (default: text; nothing when --html is given)"),
        batch_size: int = O.BATCH_SIZE,
    ) -> None:
        run(text=text, input=input, input_format=input_format, text_column=text_column, id_column=id_column,
            tasks=tasks, locale=locale, lang=lang, model=model, backend=backend, top_k=top_k, html=html, fmt=fmt,
            batch_size=batch_size)


def run(*, text, input, input_format, text_column, id_column, tasks, locale, lang="auto", model, top_k, html, fmt,
        batch_size, backend="lens") -> None:
    from ..errors import UsageError
    from .analyze import _open, _progress, _read

    fmt = None if fmt is None else fmt.lower()
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"unknown output format {fmt!r} for explain",
                         hint=f"use --format with one of: {', '.join(FORMATS)} (or --html FILE for a report)")
    if fmt is None and html is None:
        fmt = "text"
    if top_k < 0:
        raise UsageError(f"--top-k must be 0 or more, not {top_k}", hint="e.g. --top-k 5")
    if batch_size < 1:
        raise UsageError(f"--batch-size must be 1 or more, not {batch_size}", hint="e.g. --batch-size 256")
    html_path = _html_path(html) if html is not None else None
    inputs, from_file = _read(text, input, input_format, text_column, id_column, command="explain")

    from ..api import load_backend
    from ..config import default_locale
    from ..pipeline import analyze_batch, select_tasks

    backend = load_backend(model, backend)
    run_tasks = select_tasks(backend, tasks)
    locale = default_locale() if locale is None else locale
    results = []
    with _progress(len(inputs), enabled=from_file) as advance:
        for start in range(0, len(inputs), batch_size):
            stop = start + batch_size
            batch = analyze_batch(backend, inputs.texts[start:stop], tasks or None, locale=locale, lang=lang,
                                  evidence=True,
                                  top_k=top_k, ids=inputs.ids[start:stop], batch_size=batch_size, explain=True)
            for r, w in zip(batch, inputs.warnings[start:stop]):
                if w:
                    r.warnings[:0] = w
            results.extend(batch)
            advance(len(batch))
    if fmt is not None:
        from ..io.explain_text import ExplainTextWriter
        from ..io.outputs import JsonWriter

        stream = _open(None)
        out = (ExplainTextWriter(stream, run_tasks, texts=inputs.texts) if fmt == "text"
               else JsonWriter(stream, run_tasks))
        out.write(results)
        out.close()
    if not len(inputs):
        sys.stderr.write(f"mentalens: note: {inputs.source} holds no posts\n")
    if html_path is not None:
        from ..explain.html import render_report

        page = render_report(inputs.texts, results)
        try:
            html_path.write_text(page, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {html_path}: {exc.strerror or exc}",
                             hint="check that the folder exists and is writable") from None
        sys.stderr.write(f"mentalens: wrote the report for {len(results)} post{'s' * (len(results) != 1)} "
                         f"to {html_path} (open it in a browser; it loads nothing from the network)\n")


def _html_path(html: str):
    """The report's path, checked before any work is done."""
    from pathlib import Path

    from ..errors import UsageError

    path = Path(html).expanduser()
    if path.is_dir():
        raise UsageError(f"--html {html} is a folder", hint="give a file path, e.g. --html report.html")
    if not path.parent.is_dir():
        raise UsageError(f"--html {html}: the folder {path.parent} does not exist",
                         hint="create the folder first, or write the report somewhere else")
    return path
