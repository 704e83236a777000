"""The ``text`` output of ``mentalens explain``: per post and task, why — for people.

Per post: the triage level, its reasons and, when present, where to get help; then per task
the decision and its probability, the rationale (when the Result has one), the evidence for
and against it (quoted exactly, with weights) and the symptoms mentioned with their status
("negated", "someone else", ...). Post text is quoted with control characters made visible.

Every word of it is in the UI language (``locale``: i18n.language), from i18n/messages.yaml; in
Chinese each task is named by its Chinese title (with its id) and labels by their Chinese names.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from .. import i18n
from ..schema import Result, TaskResult
from .outputs import Writer
from .table import crisis_lines, footer, help_heading, reason_text, shorten

QUOTE_CHARS = 120
STATUS_IDS = ("present", "negated", "hypothetical", "past", "other_person")
STATUS_WORDS = {k: i18n.t(f"symptom_status.{k}", "en") for k in STATUS_IDS}     # English, for other callers


def status_word(status: str, lang: str) -> str:
    return i18n.t(f"symptom_status.{status}", lang) if status in STATUS_IDS else status


def _w(weight: float) -> str:
    return f"{weight:+.2f}".replace("-", "\u2212")


def _q(text: str) -> str:
    return f"\u201c{shorten(text, QUOTE_CHARS)}\u201d"


def task_lines(t: str, tr: TaskResult, lang: str = "en") -> list[str]:
    """The lines explaining one task's decision (indented for a post's block), in ``lang``."""
    say, zh = i18n.t, i18n.is_chinese(lang)
    task = say("explain.task", lang, id=t, title=i18n.task_title(t, lang)) if zh else t
    if tr.status != "ok":
        return [say("explain.invalid", lang, task=task)]
    labs = tr.labels

    def label(x: str) -> str:
        return i18n.label_name(t, x, lang) if zh else x

    shown = [label(x) for x in labs]
    decision = (say("table.label_separator", lang).join(shown) if labs
                else (say("table.none_detected", lang) if tr.kind == "multilabel" else say("explain.undecided", lang)))
    probs = ", ".join(f"{tr.probabilities[x]:.2f}" for x in labs if x in tr.probabilities)
    out = [say("explain.decision", lang, task=task, decision=decision)
           + (say("explain.probabilities", lang, probs=probs) if probs else "")]
    if tr.rationale:
        out.append(say("explain.why", lang, why=shorten(tr.rationale, 2000)))
    sup = sorted((e for e in tr.evidence if e.weight >= 0), key=lambda e: -e.weight)
    opp = sorted((e for e in tr.evidence if e.weight < 0), key=lambda e: e.weight)
    def item(sign: str, e) -> str:
        return f"      {sign} {_q(e.text)}" + say("explain.evidence_item", lang, weight=_w(e.weight), label=label(e.label))

    if sup:
        out.append(say("explain.evidence_for", lang))
        out += [item("+", e) for e in sup]
    if opp:
        out.append(say("explain.evidence_against", lang))
        out += [item("\u2212", e) for e in opp]
    if tr.symptoms:
        out.append(say("explain.symptoms", lang))
        out += [say("explain.symptom", lang, name=s.name, quote=_q(s.text), status=status_word(s.status, lang))
                for s in tr.symptoms]
    return out


class ExplainTextWriter(Writer):
    def __init__(self, stream: TextIO, tasks: Sequence[str], *, texts: Sequence[str] | None = None,
                 locale: str | None = None) -> None:
        super().__init__(stream, tasks)
        self.texts = texts
        self.lang = i18n.language(locale)
        self._help = None

    def _one(self, r: Result) -> None:
        lang, say = self.lang, i18n.t
        lines = [say("report.post", lang, id=r.id if r.id is not None else self.count + 1)
                 + say("report.triage", lang) + i18n.level_name(r.triage.level, lang)]
        if self.texts is not None and self.count < len(self.texts):
            lines.append(f"  {_q(self.texts[self.count])}")
        lines += [say("report.reason", lang, reason=reason_text(x, lang)) for x in r.triage.reasons]
        res = r.triage.resources
        if res is not None:
            self._help = self._help or res
            lines.append(crisis_lines(res, lang))
        lines += [say("report.note", lang, warning=i18n.warning_text(w, lang)) for w in r.warnings]
        for t in self.tasks:
            if t in r.tasks:
                lines += task_lines(t, r.tasks[t], lang)
        self.stream.write("\n".join(lines) + "\n\n")

    def close(self) -> None:
        if self._help is not None:
            res = self._help
            self.stream.write(f"{help_heading(res, self.lang)}\n{res.message}\n\n")
        self.stream.write(footer(self.lang) + "\n")
        super().close()
