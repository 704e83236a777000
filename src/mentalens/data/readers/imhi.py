"""IMHI (MentaLLaMA's benchmark): posts with a question and a gold answer with reasoning.

Three row formats, told apart by the header:

- complete test files: ``query`` = "Post: <post>  Question: <question>", answer in ``gpt-3.5-turbo``;
- complete train/val files: ``post`` = "Post: <post>", ``question``, ``response``
  (sometimes with an unnamed index column first);
- instruction files: ``query`` = 'Consider this post: "<post>" Question: <question>', answer in
  ``gpt-3.5-turbo``.

Posts may contain anything, so the question starts at the LAST "Question:". The answer's head
(before "Reasoning:") is the gold label, the rest the gold explanation. A gold answer that
names no label of the task is a DataError: it is never guessed, dropped or read as "no".
"""
from __future__ import annotations

import re
from pathlib import Path

from ...errors import DataError
from ..example import Example, LabelValue
from .common import Row, make_example, read_table, require_columns
from .labels import aspect_of, imhi_task, yes_no

QUERY_COLUMNS = ("query", "gpt-3.5-turbo")
TRAIN_COLUMNS = ("post", "question", "response")
_PREFIXES = ("Post:", "Consider this post:")
_REASONING = re.compile(r"reasoning\s*:", re.IGNORECASE)


def read(path: Path, *, dataset: str, split: str, variant: str = "complete") -> list[Example]:
    table = read_table(path)
    fmt = require_columns(table, QUERY_COLUMNS, TRAIN_COLUMNS, what=f"IMHI {dataset} {split} ({variant})")
    spec = imhi_task(dataset)
    out: list[Example] = []
    for row in table.rows:
        if fmt == 0:
            post, question = split_query(row.values["query"], row, path)
            answer = row.values["gpt-3.5-turbo"]
        else:
            post = strip_post(row.values["post"], row, path)
            question = _strip_question(row.values["question"])
            answer = row.values["response"]
        head, explanation = split_answer(answer)
        labels: dict[str, LabelValue]
        meta: dict[str, object] = {"question": question, "variant": variant}
        if spec.multilabel:
            aspect = aspect_of(spec, question)
            if aspect is None:
                raise DataError(f"{row.where(path)}: the question {question!r} names no single label of task "
                                f"{spec.id} ({', '.join(spec.label_ids)})",
                                hint=f"add the wording to the labels' phrasings in tasks/specs/{spec.id}.yaml")
            answer_yes = yes_no(head)
            if answer_yes is None:
                raise _unreadable(row, path, head, spec.id, "yes, no")
            labels = {spec.id: {aspect: answer_yes}}
            meta["aspect"] = aspect
        else:
            label = spec.match_phrasing(head)
            if label is None:
                raise _unreadable(row, path, head, spec.id, ", ".join(spec.label_ids))
            labels = {spec.id: label}
        out.append(make_example(dataset, split, row, post, labels, meta, explanation))
    return out


def split_query(query: str, row: Row, path: Path) -> tuple[str, str]:
    """(post, question) of a ``query`` cell; the question starts at the last "Question:"."""
    head, sep, question = query.rpartition("Question:")
    if not sep:
        raise DataError(f"{row.where(path)}: the query has no 'Question:'",
                        hint="IMHI queries read 'Post: <post>  Question: <question>'; restore the file from its source")
    return strip_post(head, row, path), question.strip()


def strip_post(cell: str, row: Row, path: Path) -> str:
    """The post without its "Post:" / 'Consider this post: "…"' wrapping and surrounding blanks."""
    cell = cell.strip()
    for prefix in _PREFIXES:
        if cell.startswith(prefix):
            post = cell[len(prefix):].strip()
            if prefix == "Consider this post:" and len(post) >= 2 and post[0] == post[-1] == '"':
                post = post[1:-1].strip()
            return post
    raise DataError(f"{row.where(path)}: the post does not start with 'Post:' or 'Consider this post:' "
                    f"(it starts {cell[:30]!r})",
                    hint="this does not look like an IMHI file; restore it from its source (see MANIFEST.md)")


def split_answer(answer: str) -> tuple[str, str | None]:
    """(head, explanation): the text before and after the first "Reasoning:"."""
    parts = _REASONING.split(answer, maxsplit=1)
    explanation = parts[1].strip() if len(parts) == 2 else ""
    return parts[0].strip(), explanation or None


def _strip_question(cell: str) -> str:
    cell = cell.strip()
    return cell[len("Question:"):].strip() if cell.startswith("Question:") else cell


def _unreadable(row: Row, path: Path, head: str, task: str, labels: str) -> DataError:
    return DataError(
        f"{row.where(path)}: the gold answer {head[:80]!r} names no label of task {task} ({labels})",
        hint=f"if the answer is a fair way to name a label, add it to that label's phrasings in "
        f"tasks/specs/{task}.yaml (and bump the spec's version); otherwise fix the row",
    )
