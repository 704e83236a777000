"""Writing Results: ``table`` (for people), ``json`` (one document), ``jsonl``, ``csv``.

Writers stream: ``write()`` takes a batch of Results as they come, ``close()`` finishes the
document. Every format writes a lone surrogate (possible only in text passed through the
Python API; files are decoded without them) as U+FFFD, keeping offsets; CSV cells that a
spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) are
prefixed with a single quote.
"""
from __future__ import annotations

import csv
import json
import re
from collections.abc import Sequence
from typing import TextIO

from ..schema import Result

OUTPUT_FORMATS = ("table", "json", "jsonl", "csv")
_SURROGATE = re.compile("[\ud800-\udfff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def writer(fmt: str, stream: TextIO, tasks: Sequence[str], **options) -> Writer:
    if fmt == "table":
        from .table import TableWriter

        return TableWriter(stream, tasks, **options)
    return {"json": JsonWriter, "jsonl": JsonlWriter, "csv": CsvWriter}[fmt](stream, tasks)


class Writer:
    def __init__(self, stream: TextIO, tasks: Sequence[str]) -> None:
        self.stream, self.tasks, self.count = stream, list(tasks), 0

    def write(self, results: Sequence[Result]) -> None:
        for r in results:
            self._one(r)
            self.count += 1
        self.stream.flush()

    def _one(self, r: Result) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.stream.flush()


def to_json(r: Result, indent: int | None = None) -> str:
    """A Result as JSON. A lone surrogate (only possible in text passed through the Python API)
    cannot be encoded as UTF-8 and strict JSON parsers reject it even as an escape: it is
    written as U+FFFD, one character for one, so every offset still holds."""
    try:
        return r.model_dump_json(indent=indent)
    except Exception:
        text = json.dumps(r.model_dump(mode="json"), ensure_ascii=False, indent=indent, allow_nan=False)
        return _SURROGATE.sub("\ufffd", text)


class JsonlWriter(Writer):
    def _one(self, r: Result) -> None:
        self.stream.write(to_json(r) + "\n")


class JsonWriter(Writer):
    """One JSON document: an array of Results, in input order."""

    def _one(self, r: Result) -> None:
        body = "\n".join("  " + line for line in to_json(r, indent=2).splitlines())
        self.stream.write(("[\n" if self.count == 0 else ",\n") + body)

    def close(self) -> None:
        self.stream.write("[]\n" if self.count == 0 else "\n]\n")
        super().close()


def safe_cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return "'" + text if text.startswith(_FORMULA_START) else text


class CsvWriter(Writer):
    """One row per input. Per task: the decided label(s) (";"-separated for multi-label tasks),
    their probability (same order) and the top supporting evidence span."""

    def __init__(self, stream: TextIO, tasks: Sequence[str]) -> None:
        super().__init__(stream, tasks)
        self._csv = csv.writer(stream, lineterminator="\n")
        header = ["id", "language", "chars", "triage_level", "triage_reasons", "crisis_resources"]
        for t in self.tasks:
            header += [t, f"{t}_probability", f"{t}_evidence"]
        self._csv.writerow(header + ["warnings"])

    def _one(self, r: Result) -> None:
        res = r.triage.resources
        help_text = ""
        if res is not None:
            lines = "; ".join(f"{c.name}: {c.contact}" for c in res.crisis_lines)
            help_text = "; ".join(x for x in (lines, f"emergency: {res.emergency}" if res.emergency else "") if x)
            help_text = help_text or "contact local emergency services and a local crisis line"
        row = [r.id, r.language, r.chars, r.triage.level, "; ".join(r.triage.reasons), help_text]
        for t in self.tasks:
            tr = r.tasks.get(t)
            if tr is None:
                row += ["", "", ""]
            elif tr.status != "ok":
                row += ["INVALID", "", ""]
            else:
                probs = ";".join(f"{tr.probabilities.get(lab, float('nan')):.4f}" for lab in tr.labels)
                top = next((e.text for e in tr.evidence if e.weight > 0), "")
                row += [";".join(tr.labels), probs, top]
        row.append("; ".join(r.warnings))
        self._csv.writerow([safe_cell(v) for v in row])
