"""TaskSpec: the one declarative description of a task.

Every stage (readers, training, prompts, parsing, metrics, explanations, UI) reads a task's
label set from here and from nowhere else. Specs live in ``specs/<id>.yaml``; bump
``version`` whenever a change alters outputs (labels, their order, their meaning).
"""
from __future__ import annotations

import re
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Kind = Literal["binary", "multiclass", "ordinal", "multilabel"]
Split = Literal["train", "val", "test"]
Metric = Literal["weighted_f1", "macro_f1", "accuracy", "balanced_accuracy", "micro_f1", "label_f1"]

_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LabelSpec(_Strict):
    id: str
    name: str
    description: str
    # How the label is written in datasets and how an LLM may say it (lower case).
    # For multi-label tasks: how the aspect is named in a yes/no question.
    phrasings: list[str] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError(f"label id {v!r} must be lower_snake_case")
        return v


class Source(_Strict):
    """A dataset that carries labels for this task, and how its raw labels map onto them."""

    dataset: str
    # raw value in the file -> label id. For multi-label tasks: raw column -> label id.
    # Absent: raw labels are matched against the labels' phrasings.
    codes: dict[str, str] | None = None
    note: str = ""


class Benchmark(_Strict):
    suite: str                       # "imhi", "mentabench", ...
    name: str                        # the test set's name in its suite, e.g. "DR"
    dataset: str
    split: Split = "test"
    metric: Metric
    # Restrict predictions to these labels (a benchmark with a subset of the task's labels).
    labels: list[str] | None = None
    # For multi-label tasks scored as pooled yes/no rows (IMHI MultiWD, Irf).
    pooled_yes_no: bool = False
    # Score this task's predictions as another task's labels (the gold labels are that task's),
    # grouping labels through the two specs' codes on a shared dataset (tasks.label_groups):
    # MentaBench's binary depression is DepSeverity's minimum against the rest.
    as_task: str | None = None
    # metric "label_f1": the F1 of this one label (SOS-HL-1K's high-risk class)
    label: str | None = None
    published: dict[str, float] = Field(default_factory=dict)


class TaskSpec(_Strict):
    id: str
    version: int = Field(ge=1)
    title: str
    description: str
    languages: list[str]
    kind: Kind
    labels: list[LabelSpec]
    question: str                    # IMHI-style question an LLM answers
    sources: list[Source] = Field(default_factory=list)
    benchmarks: list[Benchmark] = Field(default_factory=list)
    note: str = ""

    @model_validator(mode="after")
    def _check(self) -> TaskSpec:
        if not _ID.match(self.id):
            raise ValueError(f"task id {self.id!r} must be lower_snake_case")
        ids = [lab.id for lab in self.labels]
        if len(set(ids)) != len(ids):
            raise ValueError(f"task {self.id}: duplicate label ids")
        if self.kind == "binary" and ids != ["no", "yes"]:
            raise ValueError(f"binary task {self.id} must have labels [no, yes] in that order")
        if len(ids) < 2:
            raise ValueError(f"task {self.id} needs at least two labels")
        known = set(ids)
        for src in self.sources:
            for raw, lab in (src.codes or {}).items():
                if lab not in known:
                    raise ValueError(f"task {self.id}: source {src.dataset} maps {raw!r} to unknown label {lab!r}")
        for b in self.benchmarks:
            if b.labels and not set(b.labels) <= known:
                raise ValueError(f"task {self.id}: benchmark {b.suite}/{b.name} names unknown labels")
            if (b.metric == "label_f1") != (b.label is not None) or (b.label is not None and b.label not in known):
                raise ValueError(f"task {self.id}: benchmark {b.suite}/{b.name}: metric label_f1 goes with a "
                                 "`label` of the task, and `label` with label_f1")
        return self

    @cached_property
    def label_ids(self) -> list[str]:
        """The label ids in order (computed once; do not modify the list)."""
        return [lab.id for lab in self.labels]

    @property
    def multilabel(self) -> bool:
        return self.kind == "multilabel"

    def label(self, label_id: str) -> LabelSpec:
        for lab in self.labels:
            if lab.id == label_id:
                return lab
        from ..errors import UnknownNameError

        raise UnknownNameError(f"label of task {self.id}", label_id, self.label_ids)

    def source(self, dataset: str) -> Source | None:
        for src in self.sources:
            if src.dataset == dataset:
                return src
        return None

    def match_phrasing(self, answer: str) -> str | None:
        """The label an answer names, by the labels' phrasings; None if it names none.

        The answer's head (text before "Reasoning:") is lower-cased and stripped of trailing
        punctuation. A phrasing matches when it is the whole head, or the head starts with it
        followed by a comma ("yes, the post shows ..."). The longest matching phrasing wins.
        """
        head = normalize_answer(answer)
        best: tuple[int, str] | None = None
        for lab in self.labels:
            for p in [lab.id.replace("_", " "), *lab.phrasings]:
                if head == p or head.startswith(p + ","):
                    if best is None or len(p) > best[0]:
                        best = (len(p), lab.id)
        return best[1] if best else None


def normalize_answer(answer: str) -> str:
    head = re.split(r"reasoning\s*:", answer, maxsplit=1, flags=re.IGNORECASE)[0]
    head = re.sub(r"\s+", " ", head).strip().lower()
    return head.rstrip(" .!")
