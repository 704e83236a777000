"""The behavioural suite's case files: loading and validation.

Cases live in ``bench/behaviour/<lang>/*.yaml`` (package data), one category per file, every
post written for this suite. A file holds ``lang`` (must match its folder), ``version``,
``category``, an optional ``expect`` applied to every case (a case's own ``expect`` is merged
over it) and either ``cases`` or, for ``category: invariance``, ``bases`` that the seeded
perturbations of perturb.py turn into one case per (base, perturbation).

An expectation (``Expect``) is any combination of:

- ``tasks``: task -> the label it must decide (a label, or a list of acceptable labels) for
  single-label tasks, or ``{includes: [...], excludes: [...]}`` for multi-label tasks (MFT);
- ``min_level`` / ``max_level``: bounds on the triage level;
- ``lower_than_base: true``: the post must read as lower risk than its ``base`` (DIR; the
  measure is defined in runner.py);
- ``same_as_base``: tasks whose decided labels, and the triage level, must equal the base's
  (INV; set by the loader from a base's ``checks``).

Unknown task, label, level, category or perturbation names are errors that name the file
and the case. Chinese cases go in ``zh/`` with the same schema; see the header of each
English file for what the Chinese set must mirror.
"""
from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ...errors import DataError, UsageError
from ...schema import RISK_LEVELS
from . import perturb as P

SUITE_DIR = Path(__file__).resolve().parent
RiskLevel = Literal["none", "low", "moderate", "high", "imminent"]

# category -> what it tests; the order is the order of the results table
CATEGORIES: dict[str, str] = {
    "mft": "minimum functionality: short clear posts, one obvious label per task",
    **{cat: f"invariance: {name}" for name, (_, cat) in P.PERTURBATIONS.items() if name != "lower"},
    "negation": "DIR lower: the first-person statement negated",
    "third_person": "DIR lower: someone else's words, reported or quoted",
    "past": "DIR lower: past experience, recovery",
    "hypothetical": "DIR lower: hypothetical or general questions",
    "hyperbole": "hyperbole and idioms about ordinary things: at most 'low'",
    "lyrics": "song lyrics quoted as lyrics: at most 'moderate'",
    "jokes": "jokes about ordinary things: at most 'low'",
    "ambivalence": "not negations: 'I don't want to die, I want the pain to stop': at least 'moderate'",
    "crisis": "explicit first-person crisis statements: at least 'high'",
}
CATEGORIES["inv_casing"] = "invariance: all capitals / all small letters"
INVARIANCE = tuple(c for c in CATEGORIES if c.startswith("inv_"))
SCHEMA_HINT = "see the schema in bench/behaviour/suite.py"


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MultiCheck(_In):
    includes: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()


class Expect(_In):
    tasks: dict[str, str | tuple[str, ...] | MultiCheck] = Field(default_factory=dict)
    min_level: RiskLevel | None = None
    max_level: RiskLevel | None = None
    lower_than_base: bool = False
    same_as_base: tuple[str, ...] | None = None

    @field_validator("tasks", mode="before")
    @classmethod
    def _no_bare_booleans(cls, v: Any) -> Any:
        if isinstance(v, dict) and any(isinstance(x, bool) for x in v.values()):
            raise ValueError('write the labels yes and no in quotes ("yes"): YAML reads bare yes/no as true/false')
        return v

    @model_validator(mode="after")
    def _check(self) -> Expect:
        if not (self.tasks or self.min_level or self.max_level or self.lower_than_base or self.same_as_base):
            raise ValueError("the case expects nothing: give tasks, min_level, max_level or lower_than_base")
        if self.min_level and self.max_level and RISK_LEVELS.index(self.min_level) > RISK_LEVELS.index(self.max_level):
            raise ValueError(f"min_level {self.min_level} is above max_level {self.max_level}")
        return self

    def describe(self) -> str:
        """The expectation in a few words, for failure lists."""
        parts = []
        for t, c in self.tasks.items():
            if isinstance(c, MultiCheck):
                parts += [f"{t} includes {', '.join(c.includes)}"] if c.includes else []
                parts += [f"{t} excludes {', '.join(c.excludes)}"] if c.excludes else []
            else:
                parts.append(f"{t} = {c if isinstance(c, str) else ' or '.join(c)}")
        parts += [f"level >= {self.min_level}"] if self.min_level else []
        parts += [f"level <= {self.max_level}"] if self.max_level else []
        parts += ["risk lower than the base's"] if self.lower_than_base else []
        if self.same_as_base:
            parts.append(f"same labels as the base ({', '.join(self.same_as_base)}) and same level")
        return "; ".join(parts)


class CaseIn(_In):
    id: str = Field(min_length=1)
    text: str = Field(min_length=1)
    base: str | None = Field(default=None, min_length=1, description="the first-person post this one varies")
    expect: Expect
    note: str | None = None


class BaseIn(_In):
    id: str = Field(min_length=1)
    text: str = Field(min_length=1)
    key: tuple[str, ...] = Field(default=(), description="the words that carry the post's signal")
    checks: tuple[str, ...] | None = None
    perturb: tuple[str, ...] | None = None
    plus: tuple[str, ...] = ()
    note: str | None = None


class FileIn(_In):
    lang: str
    version: int = Field(ge=1)
    category: str
    description: str | None = None
    expect: dict[str, Any] = Field(default_factory=dict)
    seed: int = 0
    checks: tuple[str, ...] = ()
    perturb: tuple[str, ...] = ()
    cases: list[dict[str, Any]] = Field(default_factory=list)
    bases: list[dict[str, Any]] = Field(default_factory=list)


@dataclass(frozen=True)
class Case:
    """One behavioural test: the post, what it is compared with, and what must hold."""

    id: str
    category: str
    text: str
    expect: Expect
    file: str
    base: str | None = None
    base_id: str | None = None
    perturbation: str | None = None


@dataclass(frozen=True)
class Suite:
    lang: str
    cases: tuple[Case, ...]
    files: dict[str, dict[str, Any]] = field(default_factory=dict)   # name -> {version, category, sha256, path}

    def by_category(self) -> dict[str, list[Case]]:
        out: dict[str, list[Case]] = {c: [] for c in CATEGORIES}
        for case in self.cases:
            out[case.category].append(case)
        return {c: v for c, v in out.items() if v}


def languages() -> list[str]:
    return sorted(p.name for p in SUITE_DIR.iterdir() if p.is_dir() and any(p.glob("*.yaml")))


@lru_cache(maxsize=8)
def load_suite(lang: str = "en", folder: str | Path | None = None) -> Suite:
    """Every case of ``folder`` (default: the packaged ``<lang>/`` folder), validated."""
    where = Path(folder) if folder is not None else SUITE_DIR / lang
    files = sorted(where.glob("*.yaml")) if where.is_dir() and (folder is not None or lang in languages()) else []
    if not files:
        raise UsageError(f"no behavioural cases for language {lang!r} (looked in {where})",
                         hint=f"languages with cases: {', '.join(languages()) or 'none'}")
    cases: list[Case] = []
    info: dict[str, dict[str, Any]] = {}
    seen: dict[str, str] = {}
    for path in files:
        raw = path.read_bytes()
        new = _load_file(path, raw, lang)
        for c in new:
            if c.id in seen:
                raise DataError(f"{path.name}: case {c.id}: the id is used twice (also in {seen[c.id]})",
                                hint="give every case a unique id")
            seen[c.id] = path.name
        cases.extend(new)
        meta = yaml.safe_load(raw)
        info[path.name] = {"version": meta["version"], "category": meta["category"], "cases": len(new),
                           "sha256": hashlib.sha256(raw).hexdigest(), "path": str(path),
                           **({"seed": meta.get("seed", 0)} if meta["category"] == "invariance" else {})}
    return Suite(lang=lang, cases=tuple(cases), files=info)


def _load_file(path: Path, raw: bytes, lang: str) -> list[Case]:
    name = path.name
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
        meta = FileIn.model_validate(data)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise DataError(f"{name}: not readable YAML: {exc}", hint="fix the file's syntax") from None
    except ValidationError as exc:
        raise DataError(f"{name}: {_why(exc)}", hint=SCHEMA_HINT) from None
    if meta.lang != lang:
        raise DataError(f"{name}: lang is {meta.lang!r} but the file is in the {lang!r} folder",
                        hint=f"move the file to {meta.lang}/ or fix its lang field")
    if meta.category == "invariance":
        return _invariance_cases(name, meta)
    if meta.category not in CATEGORIES or meta.category in INVARIANCE:
        raise DataError(f"{name}: unknown category {meta.category!r}{_close(meta.category, CATEGORIES)}",
                        hint=f"categories: invariance, {', '.join(c for c in CATEGORIES if c not in INVARIANCE)}")
    out = []
    for i, item in enumerate(meta.cases):
        cid = item.get("id", f"#{i + 1}") if isinstance(item, dict) else f"#{i + 1}"
        merged = dict(item) if isinstance(item, dict) else item
        if isinstance(merged, dict):
            own = merged.get("expect") or {}
            tasks = {**meta.expect.get("tasks", {}), **own.get("tasks", {})}
            merged["expect"] = {**meta.expect, **own, **({"tasks": tasks} if tasks else {})}
        try:
            case = CaseIn.model_validate(merged)
        except ValidationError as exc:
            raise DataError(f"{name}, case {cid}: {_why(exc)}", hint=SCHEMA_HINT) from None
        _check_expect(name, case.id, case.expect)
        if case.expect.lower_than_base and case.base is None:
            raise DataError(f"{name}, case {case.id}: lower_than_base needs a base post",
                            hint="add `base:` (the first-person statement this post varies)")
        out.append(Case(id=case.id, category=meta.category, text=case.text, expect=case.expect, file=name,
                        base=case.base))
    return out


def _invariance_cases(name: str, meta: FileIn) -> list[Case]:
    out = []
    for i, item in enumerate(meta.bases):
        cid = item.get("id", f"#{i + 1}") if isinstance(item, dict) else f"#{i + 1}"
        try:
            base = BaseIn.model_validate(item)
        except ValidationError as exc:
            raise DataError(f"{name}, base {cid}: {_why(exc)}", hint=SCHEMA_HINT) from None
        checks = base.checks if base.checks is not None else meta.checks
        if not checks:
            raise DataError(f"{name}, base {base.id}: no tasks to check", hint="give `checks:` on the base or the file")
        expect = Expect(same_as_base=tuple(checks))
        _check_expect(name, base.id, expect)
        words = {w.lower() for w in P._WORD_RE.findall(base.text)}
        missing = [k for k in base.key if k.lower() not in words]
        if missing:
            raise DataError(f"{name}, base {base.id}: key words not in the post: {', '.join(missing)}",
                            hint="list whole words of the post as they are written")
        for pname in dict.fromkeys((*(base.perturb if base.perturb is not None else meta.perturb), *base.plus)):
            if pname not in P.PERTURBATIONS:
                raise DataError(f"{name}, base {base.id}: unknown perturbation {pname!r}"
                                f"{_close(pname, P.PERTURBATIONS)}",
                                hint=f"perturbations: {', '.join(P.PERTURBATIONS)}")
            if pname == "typo_key" and not base.key:
                raise DataError(f"{name}, base {base.id}: typo_key needs key words", hint="add `key: [...]`")
            text = P.perturb(pname, base.text, seed=meta.seed, base_id=base.id, key=base.key)
            if text == base.text:
                raise DataError(f"{name}, base {base.id}: perturbation {pname!r} changes nothing in this post",
                                hint="drop it from the base's perturbations, or write the post so it applies")
            out.append(Case(id=f"{base.id}.{pname}", category=P.PERTURBATIONS[pname][1], text=text, expect=expect,
                            file=name, base=base.text, base_id=base.id, perturbation=pname))
    return out


def _check_expect(fname: str, cid: str, expect: Expect) -> None:
    from ...tasks import get_task, task_ids

    known = task_ids()
    for t in [*expect.tasks, *(expect.same_as_base or ())]:
        if t not in known:
            raise DataError(f"{fname}, case {cid}: unknown task {t!r}{_close(t, known)}",
                            hint=f"tasks: {', '.join(known)}")
    for t, check in expect.tasks.items():
        spec = get_task(t)
        labels = spec.label_ids
        if spec.multilabel != isinstance(check, MultiCheck):
            want = "{includes: [...], excludes: [...]}" if spec.multilabel else "a label or a list of labels"
            raise DataError(f"{fname}, case {cid}: task {t} is {spec.kind}; expected {want}",
                            hint=f"its labels: {', '.join(labels)}")
        named = (*check.includes, *check.excludes) if isinstance(check, MultiCheck) else (
            (check,) if isinstance(check, str) else check)
        for lab in named:
            if lab not in labels:
                raise DataError(f"{fname}, case {cid}: task {t} has no label {lab!r}{_close(lab, labels)}",
                                hint=f"its labels: {', '.join(labels)}")


def _close(name: str, known) -> str:
    close = difflib.get_close_matches(str(name), list(known), n=3, cutoff=0.5)
    return f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""


def _why(exc: ValidationError) -> str:
    return "; ".join(f"{'.'.join(str(x) for x in e['loc']) or 'file'}: {e['msg']}" for e in exc.errors()[:3])
