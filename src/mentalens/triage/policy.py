"""The triage policy: task outputs -> a risk level with reasons and crisis resources.

The rules and thresholds are data (``policy.yaml``); this module only evaluates them. The
policy works with whichever tasks were run: a signal whose tasks were not run cannot fire,
and the reasons say which families of signals were not assessed. A task whose output was
INVALID counts as not assessed, never as "no".
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..schema import RISK_LEVELS, Triage
from ..tasks import get_task
from .resources import resources_for

POLICY_FILE = Path(__file__).resolve().parent / "policy.yaml"
Level = Literal["none", "low", "moderate", "high", "imminent"]
_RANK = {lvl: i for i, lvl in enumerate(RISK_LEVELS)}

# libyaml's safe loader when present (10x faster: cold start), else the pure-Python one
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Condition(_Strict):
    task: str
    labels: list[str] = Field(min_length=1)
    min: float | None = Field(default=None, ge=0.0, le=1.0)
    decided: bool = False

    @model_validator(mode="after")
    def _check(self) -> Condition:
        if self.min is None and not self.decided:
            raise ValueError(f"condition on {self.task} needs `min`, `decided: true`, or both")
        spec = get_task(self.task)               # unknown task or label: a broken policy file
        for lab in self.labels:
            spec.label(lab)
        return self


class Group(_Strict):
    """Conditions that must hold together: one alternative of a signal's `any`."""

    all: list[Condition] = Field(min_length=2)


class Signal(_Strict):
    id: str
    level: Level
    family: str
    reason: str
    any: list[Condition | Group] = Field(default_factory=list)
    all: list[Condition] = Field(default_factory=list)
    replaces: list[str] = Field(default_factory=list)   # weaker signals whose reason this one makes redundant

    @model_validator(mode="after")
    def _check(self) -> Signal:
        if bool(self.any) == bool(self.all):
            raise ValueError(f"signal {self.id}: give exactly one of `any` or `all`")
        return self


class Family(_Strict):
    name: str
    tasks: list[str]


class Imminence(_Strict):
    requires: str
    reason: str
    cues: dict[str, str]


class Policy(_Strict):
    version: int
    resources_from: Level
    families: dict[str, Family]
    signals: list[Signal]
    imminent: Imminence

    @model_validator(mode="after")
    def _check(self) -> Policy:
        ids = {s.id for s in self.signals}
        if self.imminent.requires not in ids:
            raise ValueError(f"imminent.requires names unknown signal {self.imminent.requires!r}")
        for s in self.signals:
            if s.family not in self.families:
                raise ValueError(f"signal {s.id}: unknown family {s.family!r}")
            if not set(s.replaces) <= ids:
                raise ValueError(f"signal {s.id}: `replaces` names unknown signals")
        return self


@lru_cache(maxsize=1)
def policy() -> Policy:
    return Policy.model_validate(yaml.load(POLICY_FILE.read_text(encoding="utf-8"), Loader=_LOADER))


@lru_cache(maxsize=1)
def _cues() -> list[re.Pattern[str]]:
    return [re.compile(" ".join(p.split()), re.IGNORECASE) for p in policy().imminent.cues.values()]


@lru_cache(maxsize=None)
def _multilabel(task: str) -> bool:
    return get_task(task).multilabel


@lru_cache(maxsize=None)
def _label_name(task: str, label: str) -> str:
    return get_task(task).label(label).name


def _holds(c: Condition, probs: Mapping[str, Mapping[str, float]],
           decided: Mapping[str, Sequence[str]]) -> str | None:
    """The matched label when the condition holds, else None."""
    p = probs.get(c.task)
    if not p:                            # not run, or INVALID
        return None
    chosen = decided.get(c.task) or ()
    hit = next((lab for lab in c.labels if lab in chosen), None)
    if c.decided and hit is None:
        return None
    if c.min is not None:
        values = [p.get(lab, 0.0) for lab in c.labels]
        score = max(values) if _multilabel(c.task) else sum(values)
        if not score >= c.min:           # NaN never passes
            return None
    return hit or max(c.labels, key=lambda lab: p.get(lab, 0.0))


def _fires(s: Signal, probs, decided) -> str | None:
    """The name of the label that made the signal fire, or None."""
    if s.any:
        for c in s.any:
            name = _all_hold(c.all, probs, decided) if isinstance(c, Group) else _one(c, probs, decided)
            if name is not None:
                return name
        return None
    return _all_hold(s.all, probs, decided)


def _one(c: Condition, probs, decided) -> str | None:
    hit = _holds(c, probs, decided)
    return None if hit is None else _label_name(c.task, hit)


def _all_hold(conditions: list[Condition], probs, decided) -> str | None:
    hits = [_holds(c, probs, decided) for c in conditions]
    return None if any(h is None for h in hits) else _label_name(conditions[0].task, hits[0])


def imminence_cue(text: str) -> bool:
    """Whether ``text`` holds one of the policy's first-person cues of acting soon, outside words
    that are not the writer's own (quotes, lyrics, someone else's speech: explain/scope.py)."""
    from ..explain.scope import scopes

    t = text.replace("\u2019", "'").lower()
    if not any(p.search(t) for p in _cues()):
        return False
    chars = list(t)
    for sc in scopes(text):
        if sc.kind in ("quoted", "other_person"):
            chars[sc.start:sc.end] = " " * (sc.end - sc.start)
    own = "".join(chars)
    return any(p.search(own) for p in _cues())


def triage(probabilities_by_task: Mapping[str, Mapping[str, float]],
           labels_by_task: Mapping[str, Sequence[str]], text: str, locale: str | None) -> Triage:
    """The risk level of one text from its task probabilities and decided labels.

    ``probabilities_by_task``: task -> label -> probability for the tasks that were run; an
    empty mapping marks a task whose output was INVALID. ``locale`` picks crisis resources.
    """
    pol = policy()
    level, fired = "none", {}
    for s in pol.signals:
        name = _fires(s, probabilities_by_task, labels_by_task)
        if name is not None:
            fired[s.id] = (s, name)
            if _RANK[s.level] > _RANK[level]:
                level = s.level
    replaced = {r for s, _ in fired.values() for r in s.replaces}
    reasons = [(s.level, s.reason.format(label=name)) for sid, (s, name) in fired.items() if sid not in replaced]
    if pol.imminent.requires in fired and imminence_cue(text):
        level = "imminent"
        reasons.insert(0, ("imminent", pol.imminent.reason))
    reasons.sort(key=lambda r: -_RANK[r[0]])          # stable: policy order within a level
    out = list(dict.fromkeys(r for _, r in reasons))
    out.extend(not_assessed(frozenset(t for t, p in probabilities_by_task.items() if p),
                            frozenset(probabilities_by_task)))
    resources = None
    if _RANK[level] >= _RANK[pol.resources_from]:
        shared = resources_for(locale or "")            # cached: give each Result its own copy
        resources = shared.model_copy(update={"crisis_lines": [c.model_copy() for c in shared.crisis_lines]})
    return Triage(level=level, reasons=out, resources=resources)


@lru_cache(maxsize=256)
def not_assessed(assessed: frozenset[str], run: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Reasons naming the signal families none of whose tasks gave a readable output.

    ``assessed``: tasks with a readable output; ``run``: every task that was run (the others
    among them gave INVALID output).
    """
    out = []
    for fam in policy().families.values():
        if assessed.intersection(fam.tasks):
            continue
        invalid = [t for t in fam.tasks if t in run]
        if invalid:
            why = f"the model gave no readable output for {', '.join(invalid)}"
        elif len(fam.tasks) == 1:
            why = f"the task {fam.tasks[0]} was not run"
        else:
            why = f"none of the tasks {', '.join(fam.tasks)} was run"
        out.append(f"not assessed: {fam.name} ({why})")
    return tuple(out)


def level_rank(level: str) -> int:
    return _RANK[level]
