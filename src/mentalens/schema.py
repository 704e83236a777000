"""The Result: one typed schema shared by the API, CLI, REST server, store and UI.

``mentalens schema`` prints its JSON Schema. Bump SCHEMA_VERSION on any breaking change.
"""
from __future__ import annotations

import datetime as _dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.1"

RiskLevel = Literal["none", "low", "moderate", "high", "imminent"]
RISK_LEVELS: tuple[str, ...] = ("none", "low", "moderate", "high", "imminent")


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(_Out):
    """A span of the input that moves a task's score. ``text == input[start:end]`` always."""

    start: int = Field(ge=0, description="character offset (Python str index) of the span's start")
    end: int = Field(ge=0, description="character offset one past the span's end")
    text: str
    weight: float = Field(description="contribution to the label's score (log-odds); positive supports it")
    label: str = Field(description="the label the span is scored for")
    symptom: str | None = Field(default=None, description="clinical construct the span expresses, when known")


SymptomStatus = Literal["present", "negated", "hypothetical", "past", "other_person"]


class Symptom(_Out):
    """A clinical construct the text mentions (explain/lexicon), and whether it is the writer's own
    present experience. Only ``present`` mentions count as the writer's current symptom."""

    id: str = Field(description="lexicon id, e.g. 'phq9.anhedonia', 'cssrs.ideation', 'irf.burdensomeness'")
    name: str = Field(description="its name in clinical vocabulary, e.g. 'loss of interest or pleasure (PHQ-9 item 1)'")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str = Field(description="input[start:end], exactly")
    status: SymptomStatus = Field(
        description="present: the writer's own, now; negated, hypothetical, past, other_person: mentioned but not that")


class TaskResult(_Out):
    task: str
    task_version: int
    kind: Literal["binary", "multiclass", "ordinal", "multilabel"]
    status: Literal["ok", "invalid"] = Field(
        default="ok", description="'invalid': the backend produced no readable answer; never read as 'no'")
    label: str | None = Field(description="the decided label (single-label tasks); None for multilabel or invalid")
    labels: list[str] = Field(description="decided labels: [label] for single-label tasks, every present label for multilabel")
    probabilities: dict[str, float] = Field(
        description="calibrated probability of every label (independent per label for multilabel tasks)")
    evidence: list[Evidence] = Field(default_factory=list)
    symptoms: list[Symptom] = Field(default_factory=list, description="constructs of this task the text mentions")
    rationale: str | None = None


class CrisisLine(_Out):
    name: str
    contact: str
    hours: str | None = None
    note: str | None = None


class Resources(_Out):
    locale: str = Field(description="the locale the resources were chosen for ('' when unknown)")
    region: str | None = Field(description="the region the resources belong to; None when no regional list is known")
    crisis_lines: list[CrisisLine] = Field(default_factory=list)
    emergency: str | None = None
    message: str = Field(description="what to do, in plain words")
    checked: _dt.date = Field(description="the date these resources were last verified")


class Triage(_Out):
    level: RiskLevel
    reasons: list[str] = Field(default_factory=list)
    resources: Resources | None = Field(default=None, description="crisis resources; always present from 'moderate' up")


class ModelInfo(_Out):
    name: str
    version: str
    backend: str


class Result(_Out):
    schema_version: str = SCHEMA_VERSION
    id: str | None = Field(default=None, description="the caller's id for the input (row number for files)")
    language: str = "en"
    chars: int = Field(ge=0, description="length of the analysed text in characters")
    tasks: dict[str, TaskResult]
    triage: Triage
    model: ModelInfo
    warnings: list[str] = Field(default_factory=list)
