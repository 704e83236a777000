"""The triage policy: task outputs -> a risk level with reasons and crisis resources.

The rules and thresholds are data (``policy.yaml``); this module only evaluates them. The
policy works with whichever tasks were run: a signal whose tasks were not run cannot fire,
and the reasons say which families of signals were not assessed. A task whose output was
INVALID counts as not assessed, never as "no".

Reasons are worded in the locale's language: the English of ``policy.yaml`` for every locale but
a Chinese one, which gets ``reasons.zh.yaml`` (simplified or traditional characters), keyed by
the same signal and family ids. policy.yaml stays the one place for the rules.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from .. import i18n
from ..chinese import has_han
from ..schema import RISK_LEVELS, Triage
from ..tasks import get_task
from .resources import resources_for

POLICY_FILE = Path(__file__).resolve().parent / "policy.yaml"
REASONS_ZH_FILE = Path(__file__).resolve().parent / "reasons.zh.yaml"
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


class Mentioned(_Strict):
    """Holds when the symptom layer (explain/symptoms.py) finds one of ``mentions`` in the post as
    the writer's own, now (status "present"); with ``chinese: true`` only in posts with Chinese."""

    mentions: list[str] = Field(min_length=1)
    chinese: bool = False

    @model_validator(mode="after")
    def _check(self) -> Mentioned:
        from ..explain.symptoms import symptom_ids

        unknown = set(self.mentions) - set(symptom_ids(None))
        if unknown:
            raise ValueError(f"unknown symptom ids {sorted(unknown)} (explain/lexicon/symptoms.*.yaml)")
        return self


class Group(_Strict):
    """Conditions that must hold together: one alternative of a signal's `any`."""

    all: list[Condition | Mentioned] = Field(min_length=2)


class Signal(_Strict):
    id: str
    level: Level
    family: str
    reason: str
    any: list[Condition | Mentioned | Group] = Field(default_factory=list)
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


class _Zh(_Strict):
    """One text in both Chinese scripts."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    hans: str = Field(alias="zh-Hans")
    hant: str = Field(alias="zh-Hant")

    def __call__(self, lang: str) -> str:
        return self.hant if lang == "zh-Hant" else self.hans


class _NotAssessedZh(_Strict):
    frame: _Zh
    invalid: _Zh
    not_run_one: _Zh
    not_run_any: _Zh
    separator: _Zh


class ChineseReasons(_Strict):
    """reasons.zh.yaml: the policy's reasons in Chinese, by signal and family id."""

    signals: dict[str, _Zh]
    imminent: _Zh
    families: dict[str, _Zh]
    not_assessed: _NotAssessedZh
    empty: _Zh


@lru_cache(maxsize=1)
def chinese_reasons() -> ChineseReasons:
    return ChineseReasons.model_validate(yaml.load(REASONS_ZH_FILE.read_text(encoding="utf-8"), Loader=_LOADER))


def missing_chinese() -> list[str]:
    """What policy.yaml words in English that reasons.zh.yaml does not word in Chinese (tests
    fail on any; at run time such a reason falls back to the English)."""
    pol, zh = policy(), chinese_reasons()
    missing = [f"signal {s.id}" for s in pol.signals if s.id not in zh.signals]
    missing += [f"family {f}" for f in pol.families if f not in zh.families]
    missing += [f"unknown signal {sid} in reasons.zh.yaml" for sid in zh.signals.keys() - {s.id for s in pol.signals}]
    missing += [f"unknown family {f} in reasons.zh.yaml" for f in zh.families.keys() - pol.families.keys()]
    return missing


def _reason(s: Signal, task: str, label: str, lang: str) -> str:
    """A fired signal's reason in ``lang`` ({label}: the matched label's name)."""
    if i18n.is_chinese(lang):
        zh = chinese_reasons().signals.get(s.id)
        if zh is not None:
            return zh(lang).format(label=i18n.label_name(task, label, lang)) if task else zh(lang)
    return s.reason.format(label=_label_name(task, label)) if task else s.reason


def empty_reason(locale: str | None) -> str:
    """The reason given for an empty text, in the locale's language."""
    from ..pipeline import EMPTY_REASON

    lang = i18n.ui_language(locale)
    return chinese_reasons().empty(lang) if i18n.is_chinese(lang) else EMPTY_REASON


@lru_cache(maxsize=1)
def _cues() -> list[re.Pattern[str]]:
    return [re.compile(" ".join(p.split()), re.IGNORECASE) for p in policy().imminent.cues.values()]


@lru_cache(maxsize=None)
def _multilabel(task: str) -> bool:
    return get_task(task).multilabel


@lru_cache(maxsize=None)
def _label_name(task: str, label: str) -> str:
    return get_task(task).label(label).name


class _Post:
    """The post's own present mentions (explain/symptoms.py), found once and only when asked."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._present: frozenset[str] | None = None

    def present(self) -> frozenset[str]:
        if self._present is None:
            from ..explain.symptoms import find_symptoms

            self._present = frozenset(m.symptom for m in find_symptoms(self.text) if m.status == "present")
        return self._present


def _mentioned(c: Mentioned, post: _Post | None) -> tuple[str, str] | None:
    if post is None or (c.chinese and not has_han(post.text)):
        return None
    return ("", "") if post.present().intersection(c.mentions) else None


def _holds(c: Condition | Mentioned, probs: Mapping[str, Mapping[str, float]],
           decided: Mapping[str, Sequence[str]], post: _Post | None = None) -> str | None:
    """The matched label when the condition holds, else None ("" for a mention)."""
    if isinstance(c, Mentioned):
        return None if _mentioned(c, post) is None else ""
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


def _fires(s: Signal, probs, decided, post: _Post | None = None) -> tuple[str, str] | None:
    """The (task, label) that made the signal fire (("", "") for a mention), or None."""
    if s.any:
        for c in s.any:
            name = _all_hold(c.all, probs, decided, post) if isinstance(c, Group) else _one(c, probs, decided, post)
            if name is not None:
                return name
        return None
    return _all_hold(s.all, probs, decided, post)


def _one(c: Condition | Mentioned, probs, decided, post: _Post | None = None) -> tuple[str, str] | None:
    hit = _holds(c, probs, decided, post)
    return None if hit is None else ("", "") if isinstance(c, Mentioned) else (c.task, hit)


def _all_hold(conditions: list, probs, decided, post: _Post | None = None) -> tuple[str, str] | None:
    hits = [_holds(c, probs, decided, post) for c in conditions]
    if any(h is None for h in hits):
        return None
    first = next((k for k, c in enumerate(conditions) if isinstance(c, Condition)), None)
    return ("", "") if first is None else (conditions[first].task, hits[first])


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
    empty mapping marks a task whose output was INVALID. ``locale`` picks crisis resources and
    the language of the reasons (Chinese for a zh locale, else English).
    """
    pol = policy()
    lang = i18n.ui_language(locale)
    level, fired = "none", {}
    post = _Post(text)
    for s in pol.signals:
        hit = _fires(s, probabilities_by_task, labels_by_task, post)
        if hit is not None:
            fired[s.id] = (s, hit)
            if _RANK[s.level] > _RANK[level]:
                level = s.level
    replaced = {r for s, _ in fired.values() for r in s.replaces}
    reasons = [(s.level, _reason(s, *hit, lang)) for sid, (s, hit) in fired.items() if sid not in replaced]
    if pol.imminent.requires in fired and imminence_cue(text):
        level = "imminent"
        imminent = chinese_reasons().imminent(lang) if i18n.is_chinese(lang) else pol.imminent.reason
        reasons.insert(0, ("imminent", imminent))
    reasons.sort(key=lambda r: -_RANK[r[0]])          # stable: policy order within a level
    out = list(dict.fromkeys(r for _, r in reasons))
    out.extend(not_assessed(frozenset(t for t, p in probabilities_by_task.items() if p),
                            frozenset(probabilities_by_task), lang))
    resources = None
    if _RANK[level] >= _RANK[pol.resources_from]:
        shared = resources_for(locale or "")            # cached: give each Result its own copy
        resources = shared.model_copy(update={"crisis_lines": [c.model_copy() for c in shared.crisis_lines]})
    return Triage(level=level, reasons=out, resources=resources)


@lru_cache(maxsize=256)
def not_assessed(assessed: frozenset[str], run: frozenset[str] = frozenset(), lang: str = "en") -> tuple[str, ...]:
    """Reasons naming the signal families none of whose tasks gave a readable output.

    ``assessed``: tasks with a readable output; ``run``: every task that was run (the others
    among them gave INVALID output); ``lang``: en, zh-Hans or zh-Hant (i18n.ui_language).
    """
    out = []
    for fid, fam in policy().families.items():
        if assessed.intersection(fam.tasks):
            continue
        invalid = [t for t in fam.tasks if t in run]
        if i18n.is_chinese(lang) and fid in chinese_reasons().families:
            out.append(_not_assessed_zh(fid, fam, invalid, lang))
            continue
        if invalid:
            why = f"the model gave no readable output for {', '.join(invalid)}"
        elif len(fam.tasks) == 1:
            why = f"the task {fam.tasks[0]} was not run"
        else:
            why = f"none of the tasks {', '.join(fam.tasks)} was run"
        out.append(f"not assessed: {fam.name} ({why})")
    return tuple(out)


def _not_assessed_zh(fid: str, fam: Family, invalid: list[str], lang: str) -> str:
    zh = chinese_reasons()
    words, sep = zh.not_assessed, zh.not_assessed.separator(lang)
    if invalid:
        why = words.invalid(lang).format(tasks=sep.join(invalid))
    elif len(fam.tasks) == 1:
        why = words.not_run_one(lang).format(task=fam.tasks[0])
    else:
        why = words.not_run_any(lang).format(tasks=sep.join(fam.tasks))
    return words.frame(lang).format(family=zh.families[fid](lang), why=why)


def level_rank(level: str) -> int:
    return _RANK[level]
