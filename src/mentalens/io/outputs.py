"""Writing Results: ``table`` (for people), ``json`` (one document), ``jsonl``, ``csv``.

Writers stream: ``write()`` takes a batch of Results as they come, ``close()`` finishes the
document. Every format writes a lone surrogate (possible only in text passed through the
Python API; files are decoded without them) as U+FFFD, keeping offsets; CSV cells that a
spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) are
prefixed with a single quote.

Machine-readable fields stay ids in every language (labels, task ids, level ids, column names);
human-facing text follows the locale: triage reasons and crisis resources come worded by the
triage, the CSV crisis-resources cell is worded in its resources' language, and the CSV's
warnings (and an empty text's reason), made in English by the pipeline and the readers, are shown
in the UI language (``locale``: i18n.language) when i18n/messages.yaml knows them. JSON and JSONL
carry the Result as it is. Separators in CSV cells stay "; " for machines to split on.
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
    """A writer of ``fmt``. ``locale`` (any format; default: the current UI locale, i18n) sets
    the language of the human-facing words; the table takes ``texts``, ``width`` and ``color`` too."""
    locale = options.pop("locale", None)
    if fmt == "table":
        from .table import TableWriter

        return TableWriter(stream, tasks, locale=locale, **options)
    if fmt == "csv":
        return CsvWriter(stream, tasks, locale=locale)
    return {"json": JsonWriter, "jsonl": JsonlWriter}[fmt](stream, tasks)


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

    def __init__(self, stream: TextIO, tasks: Sequence[str], *, locale: str | None = None) -> None:
        from .. import i18n

        super().__init__(stream, tasks)
        self.lang = i18n.language(locale)
        self._csv = csv.writer(stream, lineterminator="\n")
        header = ["id", "language", "chars", "triage_level", "triage_reasons", "crisis_resources"]
        for t in self.tasks:
            header += [t, f"{t}_probability", f"{t}_evidence"]
        self._csv.writerow(header + ["warnings"])

    def _one(self, r: Result) -> None:
        res = r.triage.resources
        help_text = ""
        if res is not None:
            from .. import i18n

            lang = i18n.ui_language(res.locale)
            lines = "; ".join(i18n.t("csv.line", lang, name=c.name, contact=c.contact) for c in res.crisis_lines)
            emergency = i18n.t("csv.emergency", lang, emergency=res.emergency) if res.emergency else ""
            help_text = "; ".join(x for x in (lines, emergency) if x)
            help_text = help_text or i18n.t("report.generic_help", lang)
        reasons, warnings = r.triage.reasons, r.warnings
        if self.lang != "en":
            from .. import i18n
            from .table import reason_text

            reasons = [reason_text(x, self.lang) for x in reasons]
            warnings = [i18n.warning_text(w, self.lang) for w in warnings]
        row = [r.id, r.language, r.chars, r.triage.level, "; ".join(reasons), help_text]
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
        row.append("; ".join(warnings))
        self._csv.writerow([safe_cell(v) for v in row])
