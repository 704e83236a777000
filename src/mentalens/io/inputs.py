"""Reading posts: a text argument, stdin, or a file (.csv, .tsv, .jsonl, .txt).

Every row of a file becomes one input, in file order; none is dropped. A row's id is the
``--id-column`` value, else the value of an "id" column when the file has one, else the row
number (1-based). A row with an empty
text stays (it gets the empty-text Result). Bytes that are not valid UTF-8 are replaced
with U+FFFD and the rows they were in carry a warning. NUL and other control characters
are kept as they are.
"""
from __future__ import annotations

import csv
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, UsageError

FORMATS = ("csv", "tsv", "jsonl", "txt")
_SUFFIX = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".txt": "txt"}
_ESCAPED = re.compile("[\udc80-\udcff]")
_TEXT_NAMES = ("text", "post", "body", "content", "message", "tweet", "comment", "selftext", "sentence")
DEFAULT_ID = "id"          # used as the id column when there is one and --id-column is not given
DECODE_WARNING = "the input held bytes that are not valid UTF-8; they were replaced with U+FFFD"


@dataclass
class Inputs:
    """Texts to analyse, their ids, and per-row warnings (same length and order)."""

    texts: list[str]
    ids: list[str]
    warnings: list[list[str]] = field(default_factory=list)
    source: str = ""
    fields: list[str] = field(default_factory=list)   # a CSV's header; the JSONL keys that hold text or numbers

    def __post_init__(self) -> None:
        if not self.warnings:
            self.warnings = [[] for _ in self.texts]

    def __len__(self) -> int:
        return len(self.texts)


def from_text(text: str, *, source: str = "the text argument") -> Inputs:
    """One text given on the command line (or read whole from stdin)."""
    if not text.strip():
        raise InputError(f"{source} is empty" if not text else f"{source} holds only whitespace",
                         hint="pass the post to analyse, e.g. mentalens analyze \"some text\", "
                         "or a file with --input FILE")
    warnings: list[str] = []
    if _ESCAPED.search(text):                                # undecodable bytes in argv (surrogateescape)
        try:
            fixed = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        except UnicodeEncodeError:
            fixed = text
        if fixed != text:
            text, warnings = fixed, [DECODE_WARNING]
    return Inputs(texts=[text], ids=["1"], warnings=[warnings], source=source)


def from_stdin(stream=None) -> Inputs:
    """The whole of stdin as one text."""
    raw = (stream or sys.stdin.buffer).read()
    text, bad = _decode(raw)
    inputs = from_text(text, source="stdin")
    if bad:
        inputs.warnings[0].append(DECODE_WARNING)
    return inputs


def detect_format(path: str | Path, explicit: str | None = None) -> str:
    if explicit:
        fmt = explicit.lower().lstrip(".")
        if fmt not in FORMATS:
            raise UsageError(f"unknown input format {explicit!r}", hint=f"use one of: {', '.join(FORMATS)}")
        return fmt
    suffix = Path(str(path)).suffix.lower()
    if suffix not in _SUFFIX:
        raise UsageError(f"cannot tell the format of {path} from its name",
                         hint=f"name it .csv, .tsv, .jsonl or .txt, or pass --input-format ({', '.join(FORMATS)})")
    return _SUFFIX[suffix]


def read_file(path: str | Path, *, text_column: str = "text", id_column: str | None = None,
              fmt: str | None = None) -> Inputs:
    """Read posts from ``path`` ("-" reads stdin; then ``fmt`` is needed unless it is one text)."""
    if str(path) == "-":
        if fmt is None:
            raise UsageError("--input - reads stdin, whose format cannot be told from a file name",
                             hint=f"add --input-format ({', '.join(FORMATS)})")
        raw, name = sys.stdin.buffer.read(), "stdin"
    else:
        p = Path(path).expanduser()
        if not p.is_file():
            raise InputError(f"no input file at {p.resolve()}" if not p.is_dir() else f"{p} is a folder, not a file",
                             hint="check the path given to --input")
        fmt = detect_format(p, fmt)
        try:
            raw = p.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read {p}: {exc.strerror or exc}", hint="check the file's permissions") from None
        name = str(p)
    return parse(raw, detect_format(name, fmt), text_column=text_column, id_column=id_column, source=name)


def parse(raw: bytes, fmt: str, *, text_column: str = "text", id_column: str | None = None,
          source: str = "input", text_option: str = "--text-column", id_option: str = "--id-column") -> Inputs:
    """Posts from the bytes of a file of format ``fmt``. ``text_option`` and ``id_option`` are how
    the caller's user chooses the columns (the CLI's options by default; the server passes its query
    parameters, "?text_column="), for the hints of the errors."""
    lines, bad = _lines(raw)
    if fmt == "txt":
        inputs = Inputs(texts=[_strip_eol(ln) for ln in lines], ids=[str(i + 1) for i in range(len(lines))],
                        source=source)
        rows_bad = [[i] for i in range(len(lines))]
    elif fmt == "jsonl":
        inputs, rows_bad = _jsonl(lines, text_column, id_column, source, (text_option, id_option))
    else:
        inputs, rows_bad = _csv(lines, "\t" if fmt == "tsv" else ",", text_column, id_column, source,
                                (text_option, id_option))
    if bad:
        for w, physical in zip(inputs.warnings, rows_bad):
            if any(i in bad for i in physical):
                w.append(DECODE_WARNING)
    return inputs


def _strip_eol(line: str) -> str:
    line = line[:-1] if line.endswith("\n") else line
    return line[:-1] if line.endswith("\r") else line


# -- decoding ---------------------------------------------------------------------------------

def _decode(raw: bytes) -> tuple[str, bool]:
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            raw = raw[len(bom):]
            try:
                return raw.decode(codec), False
            except UnicodeDecodeError:
                return raw.decode(codec, errors="replace"), True
    try:
        return raw.decode("utf-8"), False
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="replace"), True


def _lines(raw: bytes) -> tuple[list[str], set[int]]:
    """Physical lines (kept ends; split on \\n only) and the numbers of those with bad bytes."""
    text, bad_any = _decode(raw)
    lines = text.split("\n")
    lines = [ln + "\n" for ln in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    if not bad_any:
        return lines, set()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):     # UTF-16: report every line containing U+FFFD
        return lines, {i for i, ln in enumerate(lines) if "\ufffd" in ln}
    raw_lines = raw.removeprefix(b"\xef\xbb\xbf").split(b"\n")
    bad = set()
    for i, b in enumerate(raw_lines):
        try:
            b.decode("utf-8")
        except UnicodeDecodeError:
            bad.add(i)
    return lines, bad


# -- formats ----------------------------------------------------------------------------------

def _csv(lines: list[str], delimiter: str, text_column: str, id_column: str | None, source: str,
         options: tuple[str, str]):
    limit = csv.field_size_limit()
    csv.field_size_limit(2**31 - 1)          # a post may be longer than csv's 128 KiB default
    try:
        reader = csv.reader(iter(lines), delimiter=delimiter)
        try:
            header = next(reader)
        except StopIteration:
            raise InputError(f"{source} is empty: no header row", hint=_header_hint(text_column, options[0])) from None
        except csv.Error as exc:
            raise InputError(f"{source}: cannot read the header row: {exc}",
                             hint=_header_hint(text_column, options[0])) from None
        header = [h.strip().lstrip("\ufeff") for h in header]
        ti = _column(header, text_column, source, options[0])
        ii = (_column(header, id_column, source, options[1]) if id_column
              else header.index(DEFAULT_ID) if DEFAULT_ID in header and DEFAULT_ID != text_column else None)
        texts, ids, warnings, spans = [], [], [], []
        first = reader.line_num
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                raise InputError(f"{source}: line {reader.line_num}: {exc}",
                                 hint="check the file's quoting: a field with commas, quotes or line breaks "
                                 "must be in double quotes, with quotes inside written twice") from None
            spans.append(list(range(first, reader.line_num)))
            first = reader.line_num
            w = []
            if not row:                      # a blank line: kept as an empty row
                w.append(f"row {len(texts) + 1} is a blank line; analysed as empty")
            elif ti >= len(row):
                w.append(f"row {len(texts) + 1} has no {text_column!r} field; analysed as empty")
            texts.append(row[ti] if ti < len(row) else "")
            ids.append(row[ii] if ii is not None and ii < len(row) else str(len(ids) + 1))
            warnings.append(w)
    finally:
        csv.field_size_limit(limit)
    return Inputs(texts=texts, ids=ids, warnings=warnings, source=source, fields=header), spans


def has_field(inputs: Inputs, name: str, fmt: str) -> bool:
    """Whether ``parse(..., text_column=name)`` of the same bytes would find the column: a CSV/TSV
    header holds it (exactly, or once when case is ignored), or a JSONL key never holds an object
    or array. Read from the parse already done, not by parsing again."""
    if fmt == "txt":
        return False
    if name in inputs.fields:
        return True
    return fmt != "jsonl" and [f.lower() for f in inputs.fields].count(name.lower()) == 1


def _jsonl(lines: list[str], text_column: str, id_column: str | None, source: str, options: tuple[str, str]):
    texts, ids, warnings, spans, keys, nested = [], [], [], [], {}, set()
    explicit_id = id_column is not None
    id_column = id_column or (DEFAULT_ID if text_column != DEFAULT_ID else None)
    for n, line in enumerate(lines):
        w: list[str] = []
        if not line.strip():
            obj = {}
            w.append(f"line {n + 1} is blank; analysed as empty")
        else:
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{source}: line {n + 1} is not valid JSON ({exc.msg}, column {exc.colno})",
                                 hint="a .jsonl file holds one JSON object per line, e.g. "
                                 '{"id": "1", "text": "..."}') from None
            if not isinstance(obj, dict):
                raise InputError(f"{source}: line {n + 1} holds a JSON {type(obj).__name__}, not an object",
                                 hint='write one object per line, e.g. {"id": "1", "text": "..."}')
            keys.update(dict.fromkeys(obj))
            nested.update(k for k, v in obj.items() if isinstance(v, (dict, list)))
        value = obj.get(text_column)
        if value is None and obj:
            if text_column not in obj:
                w.append(f"line {n + 1} has no {text_column!r} field; analysed as empty")
        elif isinstance(value, (dict, list)):
            raise InputError(f"{source}: line {n + 1}: the {text_column!r} field holds a JSON "
                             f"{'object' if isinstance(value, dict) else 'array'}, not text",
                             hint=f"put the post's text in {text_column!r}, or choose the field with {options[0]}")
        texts.append("" if value is None else value if isinstance(value, str) else json.dumps(value))
        rid = obj.get(id_column) if id_column else None
        ids.append(str(len(ids) + 1) if rid is None else rid if isinstance(rid, str) else json.dumps(rid))
        warnings.append(w)
        spans.append([n])
    if texts and text_column not in keys:
        raise InputError(f"{source} has no field {text_column!r}; its objects have: {_names(keys)}",
                         hint=_column_hint(text_column, keys, options[0]))
    if explicit_id and texts and id_column not in keys:
        raise InputError(f"{source} has no field {id_column!r}; its objects have: {_names(keys)}",
                         hint=_column_hint(id_column, keys, options[1]))
    return Inputs(texts=texts, ids=ids, warnings=warnings, source=source,
                  fields=[k for k in keys if k not in nested]), spans


def _column(header: list[str], name: str, source: str, option: str) -> int:
    if name in header:
        return header.index(name)
    folded = [h.lower() for h in header]
    if folded.count(name.lower()) == 1:
        return folded.index(name.lower())
    raise InputError(f"{source} has no column {name!r}; its columns are: {_names(header)}",
                     hint=_column_hint(name, header, option))


def _names(names) -> str:
    names = [repr(n) for n in names]
    return ", ".join(names[:20]) + (f" and {len(names) - 20} more" if len(names) > 20 else "") or "(none)"


def _column_hint(name: str, names, option: str) -> str:
    """``option`` as the user writes it: "--text-column" (then "--text-column body") or a query
    parameter ending in "=" (then "?text_column=body")."""
    import difflib

    names = [str(n) for n in names]
    close = [n for n in names if n.lower() == name.lower()] or difflib.get_close_matches(name, names, n=1, cutoff=0.75)
    texty = [n for n in names if n.lower() in _TEXT_NAMES]
    pick = close[0] if close else texty[0] if texty else "COLUMN"
    example = f"{option}{pick}" if option.endswith("=") else f"{option} {pick}"
    return f"name the column that holds the posts with {option}, e.g. {example}"


def _header_hint(text_column: str, option: str) -> str:
    return f"the first row must name the columns, one of them {text_column!r} (or choose another with {option})"

