"""The ``table`` output: a readable report per post, for people (rich).

Per post: the triage level with its reasons and, from "moderate" up, where to get help;
then per task the decided label, its probability and the strongest evidence, and the rationale
when the Result has one (``analyze --explain``). Post text is
shown shortened, with control characters made visible; nothing in a post is read as markup.

Every word of it is in the UI language (``locale``: i18n.language), from i18n/messages.yaml:
in Chinese, task titles and label names replace the ids, and known warnings are translated.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import TextIO

from .. import i18n
from ..schema import Result, Resources
from .outputs import Writer

PREVIEW_CHARS = 160
_LEVEL_STYLE = {"none": "green", "low": "cyan", "moderate": "yellow", "high": "bold red",
                "imminent": "bold white on red"}
_NEGATIVE = {"no", "none"}
_WS = re.compile(r"\s+")
# Chinese lines are broken by wrap_cjk: between any two Han characters, never inside a number
# ("2896 0000" is one piece), a Latin word, or before closing / after opening punctuation.
_ATOM = re.compile(r"\d[\d\-/:.,]*(?: \d[\d\-/:.,]*)*|[A-Za-z0-9][A-Za-z0-9'&.+@_\-]*|\s+|.", re.S)
_NO_LINE_START = frozenset("，。；：、！？）」』”’》,.;:!?)]}")
_NO_LINE_END = frozenset("（「『“‘《([{")

FOOTER = " ".join(i18n.t("report.footer", "en").split())    # the English footer (i18n/messages.yaml)


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


def wrap_cjk(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` terminal cells, broken where Chinese text may break:
    at spaces and between characters, never inside a number or a Latin word, never before a
    closing mark or after an opening one. Leading spaces stay on the first line."""
    from rich.cells import cell_len, chop_cells

    if width <= 0 or cell_len(text) <= width:
        return [text]
    body = text.lstrip(" ")
    lead = text[: len(text) - len(body)]
    pieces: list[str] = []
    glue = False
    for atom in _ATOM.findall(body):
        if atom.isspace():
            pieces.append(" ")
            glue = False
            continue
        if pieces and pieces[-1] != " " and (glue or atom in _NO_LINE_START):
            pieces[-1] += atom
        else:
            pieces.append(atom)
        glue = atom in _NO_LINE_END
    lines, cur = [], lead
    for piece in pieces:
        if piece == " ":
            cur += " " if cur.strip() else ""
            continue
        if cell_len(cur + piece) > width and cur.strip():
            lines.append(cur.rstrip())
            cur = ""
        while cell_len(cur + piece) > width:        # a piece longer than a line: cut it
            head = chop_cells(piece, max(1, width - cell_len(cur)))[0]
            lines.append(cur + head)
            cur, piece = "", piece[len(head):]
        cur += piece
    if cur.strip():
        lines.append(cur.rstrip())
    return lines


def footer(lang: str) -> str:
    return " ".join(i18n.t("report.footer", lang).split())


def crisis_lines(res: Resources, lang: str) -> str:
    """A result's crisis lines on one line: "name: contact; ...; emergency N" (in ``lang``)."""
    where = i18n.t("report.line_separator", lang).join(
        i18n.t("report.line", lang, name=x.name, contact=x.contact) if x.name not in x.contact else x.contact
        for x in res.crisis_lines)
    if not res.crisis_lines:
        return i18n.t("report.get_help", lang, where=i18n.t("report.generic_help", lang))
    return i18n.t("report.get_help", lang,
                  where=i18n.t("report.lines_and_emergency", lang, lines=where, emergency=res.emergency))


def help_heading(res: Resources, lang: str) -> str:
    from ..triage.resources import region_name

    return i18n.t("report.help_heading", lang, region=region_name(res, lang) or i18n.t("report.no_local_list", lang),
                  checked=res.checked)


def reason_text(reason: str, lang: str) -> str:
    """A triage reason as shown: the empty-text reason (made in English by the pipeline) in ``lang``."""
    if i18n.is_chinese(lang):
        from ..pipeline import EMPTY_REASON
        from ..triage.policy import chinese_reasons

        if reason == EMPTY_REASON:
            return chinese_reasons().empty(lang)
    return reason


def _wordy(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def shorten(text: str, n: int = PREVIEW_CHARS) -> str:
    text = visible(text)
    return text if len(text) <= n else text[: n - 1].rstrip() + "\u2026"


class TableWriter(Writer):
    def __init__(self, stream: TextIO, tasks: Sequence[str], *, texts: Sequence[str] | None = None,
                 width: int | None = None, color: bool | None = None, locale: str | None = None) -> None:
        from rich.console import Console

        super().__init__(stream, tasks)
        self.texts = texts
        self.lang = i18n.language(locale)
        if width is None and not (hasattr(stream, "isatty") and stream.isatty()):
            width = 100
        self.console = Console(file=stream, width=width, highlight=False, soft_wrap=False,
                               force_terminal=color, no_color=color is False, emoji=False, markup=False)
        self._help: list = []

    def _one(self, r: Result) -> None:
        from rich.table import Table
        from rich.text import Text

        c, lang, t = self.console, self.lang, i18n.t
        lvl = r.triage.level
        head = Text()
        head.append(t("report.post", lang, id=r.id if r.id is not None else self.count + 1), style="bold")
        head.append(t("report.triage", lang))
        head.append(i18n.level_name(lvl, lang), style=_LEVEL_STYLE.get(lvl, ""))
        if self.texts is not None and self.count < len(self.texts):
            head.append(f"\n{shorten(self.texts[self.count])}", style="dim")
        c.print(head)
        for reason in r.triage.reasons:
            self._say(t("report.reason", lang, reason=reason_text(reason, lang)))
        res = r.triage.resources
        if res is not None:
            self._help.append(res)
            self._say(crisis_lines(res, lang), style="bold")
        for w in r.warnings:
            self._say(t("report.note", lang, warning=i18n.warning_text(w, lang)), style="yellow")
        if r.tasks:
            zh = i18n.is_chinese(lang)
            table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, padding=(0, 2, 0, 2))
            table.add_column(t("table.task", lang))
            table.add_column(t("table.label", lang))
            table.add_column(t("table.p", lang), justify="right")
            table.add_column(t("table.evidence", lang), overflow="fold")
            for task in self.tasks:
                tr = r.tasks.get(task)
                if tr is None:
                    continue
                name = i18n.task_title(task, lang) if zh else task
                if tr.status != "ok":
                    table.add_row(name, Text(t("table.invalid", lang), style="red"), "",
                                  t("table.no_readable_output", lang))
                    continue
                labs = tr.labels or []
                shown = [i18n.label_name(task, x, lang) for x in labs] if zh else labs
                label = (t("table.label_separator", lang).join(shown) if labs
                         else (t("table.none_detected", lang) if tr.kind == "multilabel" else ""))
                p = f"{max(tr.probabilities[x] for x in labs):.2f}" if labs else ""
                ev = "" if set(labs) <= _NEGATIVE else t("table.quote_separator", lang).join(
                    [f"\u201c{shorten(e.text, 60)}\u201d" for e in tr.evidence if e.weight > 0 and _wordy(e.text)][:2])
                table.add_row(name, label, p, ev)
            c.print(table)
            for task in self.tasks:        # rationales: present when analysed with explain=True
                tr = r.tasks.get(task)
                if tr is not None and tr.status == "ok" and tr.rationale:
                    self._say(t("table.why", lang, task=i18n.task_title(task, lang) if zh else task,
                                why=visible(tr.rationale)))
        c.print()

    def _say(self, line: str, style: str = "") -> None:
        """One line of text (wrapped by rich in English; by wrap_cjk in Chinese, so that no number
        is broken across lines)."""
        from rich.text import Text

        if not i18n.is_chinese(self.lang):
            self.console.print(Text(line, style=style))
            return
        for part in wrap_cjk(line, self.console.width):
            self.console.print(Text(part, style=style, no_wrap=True, overflow="ignore"))

    def close(self) -> None:
        if self._help:
            res = self._help[0]
            self._say(help_heading(res, self.lang), style="bold")
            self._say(res.message)
            self.console.print()
        self._say(footer(self.lang), style="dim")
        super().close()
