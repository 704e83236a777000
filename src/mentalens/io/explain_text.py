"""The ``text`` output of ``mentalens explain``: per post and task, why — for people.

Per post: the triage level, its reasons and, when present, where to get help; then per task
the decision and its probability, the rationale (when the Result has one), the evidence for
and against it (quoted exactly, with weights) and the symptoms mentioned with their status
("negated", "someone else", ...). Post text is quoted with control characters made visible.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from ..schema import Result, TaskResult
from .outputs import Writer
from .table import FOOTER, shorten

QUOTE_CHARS = 120
STATUS_WORDS = {"present": "present", "negated": "negated", "hypothetical": "hypothetical",
                "past": "in the past", "other_person": "someone else"}


def _w(weight: float) -> str:
    return f"{weight:+.2f}".replace("-", "\u2212")


def _q(text: str) -> str:
    return f"\u201c{shorten(text, QUOTE_CHARS)}\u201d"


def task_lines(t: str, tr: TaskResult) -> list[str]:
    """The lines explaining one task's decision (indented for a post's block)."""
    if tr.status != "ok":
        return [f"  {t}: INVALID (the model gave no readable output; this is not a 'no')"]
    labs = tr.labels
    decision = ", ".join(labs) if labs else ("none detected" if tr.kind == "multilabel" else "?")
    probs = ", ".join(f"{tr.probabilities[x]:.2f}" for x in labs if x in tr.probabilities)
    out = [f"  {t}: {decision}" + (f" (p = {probs})" if probs else "")]
    if tr.rationale:
        out.append(f"    why: {shorten(tr.rationale, 2000)}")
    sup = sorted((e for e in tr.evidence if e.weight >= 0), key=lambda e: -e.weight)
    opp = sorted((e for e in tr.evidence if e.weight < 0), key=lambda e: e.weight)
    if sup:
        out.append("    evidence for:")
        out += [f"      + {_q(e.text)} ({_w(e.weight)}, {e.label})" for e in sup]
    if opp:
        out.append("    evidence against:")
        out += [f"      \u2212 {_q(e.text)} ({_w(e.weight)}, {e.label})" for e in opp]
    if tr.symptoms:
        out.append("    symptoms mentioned:")
        out += [f"      - {s.name}: {_q(s.text)} ({STATUS_WORDS.get(s.status, s.status)})" for s in tr.symptoms]
    return out


class ExplainTextWriter(Writer):
    def __init__(self, stream: TextIO, tasks: Sequence[str], *, texts: Sequence[str] | None = None) -> None:
        super().__init__(stream, tasks)
        self.texts = texts
        self._help = None

    def _one(self, r: Result) -> None:
        name = f"post {r.id}" if r.id is not None else f"post {self.count + 1}"
        lines = [f"{name}  triage: {r.triage.level.upper()}"]
        if self.texts is not None and self.count < len(self.texts):
            lines.append(f"  {_q(self.texts[self.count])}")
        lines += [f"  - {x}" for x in r.triage.reasons]
        res = r.triage.resources
        if res is not None:
            self._help = self._help or res
            where = "; ".join(f"{x.name}: {x.contact}" if x.name not in x.contact else x.contact
                              for x in res.crisis_lines)
            lines.append(f"  get help now: {where}; emergency {res.emergency}" if res.crisis_lines
                         else "  get help now: contact local emergency services and a local crisis line")
        lines += [f"  note: {w}" for w in r.warnings]
        for t in self.tasks:
            if t in r.tasks:
                lines += task_lines(t, r.tasks[t])
        self.stream.write("\n".join(lines) + "\n\n")

    def close(self) -> None:
        if self._help is not None:
            res = self._help
            self.stream.write(f"Where to get help ({res.region or 'no local list on file'}; checked {res.checked}):\n"
                              f"{res.message}\n\n")
        self.stream.write(FOOTER + "\n")
        super().close()
