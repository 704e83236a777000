"""The ``table`` output: a readable report per post, for people (rich).

Per post: the triage level with its reasons and, from "moderate" up, where to get help;
then per task the decided label, its probability and the strongest evidence, and the rationale
when the Result has one (``analyze --explain``). Post text is
shown shortened, with control characters made visible; nothing in a post is read as markup.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import TextIO

from ..schema import Result
from .outputs import Writer

PREVIEW_CHARS = 160
_LEVEL_STYLE = {"none": "green", "low": "cyan", "moderate": "yellow", "high": "bold red",
                "imminent": "bold white on red"}
_NEGATIVE = {"no", "none"}
_WS = re.compile(r"\s+")

FOOTER = ("Screening signals from software, not a diagnosis. mentalens runs offline on this machine and cannot "
          "contact anyone. If you are worried about yourself or someone else, reach out to someone you trust, "
          "a local crisis line or emergency services.")


def visible(text: str) -> str:
    """Text safe to print: whitespace runs become one space, control characters and lone
    surrogates become visible escapes."""
    text = _WS.sub(" ", text).strip()
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else _escape(ch) for ch in text)


def _escape(ch: str) -> str:
    o = ord(ch)
    if 0xD800 <= o <= 0xDFFF:
        return "\ufffd"
    if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") or o < 0x20:
        return f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}"
    return ch


def _wordy(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def shorten(text: str, n: int = PREVIEW_CHARS) -> str:
    text = visible(text)
    return text if len(text) <= n else text[: n - 1].rstrip() + "\u2026"


class TableWriter(Writer):
    def __init__(self, stream: TextIO, tasks: Sequence[str], *, texts: Sequence[str] | None = None,
                 width: int | None = None, color: bool | None = None) -> None:
        from rich.console import Console

        super().__init__(stream, tasks)
        self.texts = texts
        if width is None and not (hasattr(stream, "isatty") and stream.isatty()):
            width = 100
        self.console = Console(file=stream, width=width, highlight=False, soft_wrap=False,
                               force_terminal=color, no_color=color is False, emoji=False, markup=False)
        self._help: list = []

    def _one(self, r: Result) -> None:
        from rich.table import Table
        from rich.text import Text

        c = self.console
        lvl = r.triage.level
        head = Text()
        head.append(f"post {r.id}" if r.id is not None else f"post {self.count + 1}", style="bold")
        head.append("  triage: ")
        head.append(lvl.upper(), style=_LEVEL_STYLE.get(lvl, ""))
        if self.texts is not None and self.count < len(self.texts):
            head.append(f"\n{shorten(self.texts[self.count])}", style="dim")
        c.print(head)
        for reason in r.triage.reasons:
            c.print(Text(f"  - {reason}"))
        res = r.triage.resources
        if res is not None:
            self._help.append(res)
            where = "; ".join(f"{x.name}: {x.contact}" if x.name not in x.contact else x.contact
                              for x in res.crisis_lines)
            line = (f"  get help now: {where}; emergency {res.emergency}" if res.crisis_lines
                    else "  get help now: contact local emergency services and a local crisis line")
            c.print(Text(line, style="bold"))
        for w in r.warnings:
            c.print(Text(f"  note: {w}", style="yellow"))
        if r.tasks:
            table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, padding=(0, 2, 0, 2))
            table.add_column("task")
            table.add_column("label")
            table.add_column("p", justify="right")
            table.add_column("evidence", overflow="fold")
            for t in self.tasks:
                tr = r.tasks.get(t)
                if tr is None:
                    continue
                if tr.status != "ok":
                    table.add_row(t, Text("INVALID", style="red"), "", "no readable output")
                    continue
                labs = tr.labels or []
                label = ", ".join(labs) if labs else ("none detected" if tr.kind == "multilabel" else "")
                p = f"{max(tr.probabilities[x] for x in labs):.2f}" if labs else ""
                ev = "" if set(labs) <= _NEGATIVE else "; ".join(
                    [f"\u201c{shorten(e.text, 60)}\u201d" for e in tr.evidence if e.weight > 0 and _wordy(e.text)][:2])
                table.add_row(t, label, p, ev)
            c.print(table)
            for t in self.tasks:           # rationales: present when analysed with explain=True
                tr = r.tasks.get(t)
                if tr is not None and tr.status == "ok" and tr.rationale:
                    c.print(Text(f"  why ({t}): {visible(tr.rationale)}"))
        c.print()

    def close(self) -> None:
        from rich.text import Text

        if self._help:
            res = self._help[0]
            c = self.console
            c.print(Text(f"Where to get help ({res.region or 'no local list on file'}; checked {res.checked}):",
                         style="bold"))
            c.print(Text(res.message))
            c.print()
        self.console.print(Text(FOOTER, style="dim"))
        super().close()
