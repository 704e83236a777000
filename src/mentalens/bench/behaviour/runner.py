"""Run the behavioural suite on a model: per category, cases, failures and the failure rate.

    >>> from mentalens.bench.behaviour import run_behaviour
    >>> results = run_behaviour("lens-en")            # or an Analyzer, a Backend, a model folder

Every post (and every base post) is analysed once, with all of the model's tasks, evidence
off and no locale (the level does not depend on it). A check on a task the model does not
score is skipped; a case all of whose checks are skipped is counted as skipped, not passed.
An INVALID task output fails its check (never read as "no").

Risk, for directional (DIR) pairs
---------------------------------
``risk(post) = (rank of the triage level, s)`` where the level is the product's own decision
(none < low < moderate < high < imminent, triage/policy.yaml) and

    s = max(P(suicidal_ideation = yes), P(mental_disorder = suicide_or_self_harm))

the suicide-signal score, i.e. the two calibrated probabilities the policy's suicide signals
read first (either alone can make a post "high"). A variant is **lower** than its base when

- its level is strictly lower, or
- its level is the same, that level is below "high", and s is lower by at least
  ``SIGNAL_MARGIN`` = 0.10.

Why: the level is what users and apps act on (it attaches crisis resources from "moderate",
routes to the crisis protocol from "high"), so it decides first. Levels are coarse, and
below "high" two posts at the same level can still differ in how strongly they read as
suicidal; a drop of 0.10 in a calibrated probability is a real change in the model's belief,
about four times the median change that meaning-preserving edits cause in lens-en 1.1.0
(0.025 over the invariance cases). Every results file reports that jitter beside the margin,
so the choice can be re-checked for each model. In the crisis band ("high", "imminent") the
tie-break does not apply: a negated or reported statement that still triggers the crisis
protocol is the failure this suite exists to catch, whatever its score; a variant there is
lower only by leaving the band (or, from "imminent", by dropping to "high"). When the model
scores neither suicide task, s is unknown and only a strictly lower level counts.

A variant may also be lower because the model misses its base (the base at "none" or
"low"); the crisis category catches that failure on its own.

Acceptance targets (issue 3) are printed beside the rates: negation, third_person, past and
hyperbole each fail <= 10%; every invariance category flips <= 2%; crisis statements are
never below "high" (0 failures). Other categories are reported without a target.
"""
from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...schema import RISK_LEVELS, Result
from .suite import CATEGORIES, INVARIANCE, SUITE_DIR, Case, Expect, MultiCheck, Suite, load_suite

SCHEMA = "mentalens-behaviour-results/1"
SIGNAL_MARGIN = 0.10
SIGNALS: tuple[tuple[str, str], ...] = (("suicidal_ideation", "yes"), ("mental_disorder", "suicide_or_self_harm"),
                                        ("high_suicide_risk", "yes"))
CRISIS_BAND = RISK_LEVELS.index("high")
TARGETS: dict[str, float] = {"negation": 0.10, "third_person": 0.10, "past": 0.10, "hyperbole": 0.10,
                             "crisis": 0.0, "invariance": 0.02, **{c: 0.02 for c in INVARIANCE}}


@dataclass(frozen=True)
class Reading:
    """What the model said about one post, as far as the suite looks at it."""

    level: str
    signal: float | None
    labels: dict[str, tuple[str, ...] | None]        # task -> decided labels; None: INVALID

    @property
    def rank(self) -> int:
        return RISK_LEVELS.index(self.level)

    def show(self) -> str:
        return self.level + ("" if self.signal is None else f" (s={self.signal:.2f})")


def read(result: Result) -> Reading:
    signal = None
    for task, label in SIGNALS:
        tr = result.tasks.get(task)
        if tr is not None and tr.status == "ok" and label in tr.probabilities:
            signal = max(signal or 0.0, tr.probabilities[label])
    labels = {t: (tuple(tr.labels) if tr.status == "ok" else None) for t, tr in result.tasks.items()}
    return Reading(level=result.triage.level, signal=signal, labels=labels)


def is_lower(variant: Reading, base: Reading, margin: float = SIGNAL_MARGIN) -> bool:
    """Whether ``variant`` reads as lower risk than ``base`` (the definition in the module docstring)."""
    if variant.rank != base.rank:
        return variant.rank < base.rank
    if variant.rank >= CRISIS_BAND or variant.signal is None or base.signal is None:
        return False
    return variant.signal <= base.signal - margin + 1e-12


def _show_labels(labels: tuple[str, ...] | None) -> str:
    return "INVALID" if labels is None else (", ".join(labels) or "(none)")


def evaluate(case: Case, got: Reading, base: Reading | None) -> tuple[str, list[str]]:
    """("pass" | "fail" | "skipped", the problems found)."""
    e: Expect = case.expect
    problems: list[str] = []
    checked = 0
    for task, want in e.tasks.items():
        if task not in got.labels:
            continue
        checked += 1
        labels = got.labels[task]
        if labels is None:
            problems.append(f"{task}: INVALID")
        elif isinstance(want, MultiCheck):
            missing = [x for x in want.includes if x not in labels]
            extra = [x for x in want.excludes if x in labels]
            if missing or extra:
                problems.append(f"{task} = {_show_labels(labels)}")
        elif (labels[0] if labels else None) not in ((want,) if isinstance(want, str) else want):
            problems.append(f"{task} = {_show_labels(labels)}")
    if e.min_level is not None:
        checked += 1
        if got.rank < RISK_LEVELS.index(e.min_level):
            problems.append(f"level {got.show()}")
    if e.max_level is not None:
        checked += 1
        if got.rank > RISK_LEVELS.index(e.max_level):
            problems.append(f"level {got.show()}")
    if e.lower_than_base and base is not None:
        checked += 1
        if not is_lower(got, base):
            problems.append(f"risk {got.show()} not lower than the base's {base.show()}")
    if e.same_as_base and base is not None:
        checked += 1
        for task in e.same_as_base:
            if task in got.labels and (got.labels[task] is None or got.labels[task] != base.labels.get(task)):
                problems.append(f"{task}: {_show_labels(base.labels.get(task))} -> {_show_labels(got.labels[task])}")
        if got.level != base.level:
            problems.append(f"level: {base.level} -> {got.level}")
    problems = list(dict.fromkeys(problems))
    return ("skipped" if checked == 0 else "fail" if problems else "pass"), problems


def _analyzer(model: Any, backend: str, lang: str = "en"):
    from ...api import Analyzer, load_backend

    if isinstance(model, Analyzer):
        return model, None
    if model is None and backend == "lens" and lang != "en":   # the built-in models, routed by language
        return Analyzer(load_backend(None, backend)), None
    from ..runner import resolve_model

    backend_obj, path = resolve_model(model, backend)
    return Analyzer(backend_obj), path


def run_behaviour(model: Any = None, lang: str = "en", *, backend: str = "lens", suite: Suite | None = None,
                  progress=None) -> dict[str, Any]:
    """Run the suite of ``lang`` on ``model`` (an Analyzer, a Backend, a model folder or built-in name)."""
    from .. import provenance

    say = progress or (lambda msg: None)
    suite = suite or load_suite(lang)
    analyzer, model_dir = _analyzer(model, backend, lang)
    texts = list(dict.fromkeys([c.text for c in suite.cases] + [c.base for c in suite.cases if c.base is not None]))
    say(f"behaviour ({lang}): {len(suite.cases)} cases, {len(texts)} distinct posts")
    readings = dict(zip(texts, (read(r) for r in analyzer.analyze(texts, evidence=False, locale=""))))
    outcomes = []
    for case in suite.cases:
        got, base = readings[case.text], (readings[case.base] if case.base is not None else None)
        status, problems = evaluate(case, got, base)
        outcomes.append((case, status, problems, got, base))
    categories = _categories(outcomes)
    files = [Path(f["path"]) for f in suite.files.values()]
    seeds = sorted({f["seed"] for f in suite.files.values() if "seed" in f})
    prov = provenance.collect(backend=analyzer.backend, model_path=model_dir, tasks=analyzer.backend.tasks, files=files,
                              data_root=files[0].parent if files else SUITE_DIR / lang, seed=seeds[0] if seeds else 0,
                              extra={"seed_note": "the seed of the invariance perturbations; "
                                                  "nothing is random at run time"})
    return {
        "schema": SCHEMA,
        "suite": "behaviour",
        "lang": lang,
        "model": prov["model"],
        "config": {"lang": lang, "signal": "max(P(suicidal_ideation=yes), P(mental_disorder=suicide_or_self_harm), "
                                                     "P(high_suicide_risk=yes)) over the tasks run",
                   "signal_margin": SIGNAL_MARGIN, "tie_break_below": "high", "targets": TARGETS,
                   "files": {n: {k: v for k, v in f.items() if k != "path"} for n, f in suite.files.items()}},
        "provenance": prov,
        "categories": categories,
        "mft_by_task": _mft_by_task(outcomes),
        "invariance_signal_jitter": _jitter(outcomes),
        "failures": [_row(c, p, g, b) for c, s, p, g, b in outcomes if s == "fail"],
        "cases": [{"id": c.id, "category": c.category, "status": s, "level": g.level, "signal": _r(g.signal),
                   **({"base_level": b.level, "base_signal": _r(b.signal)} if b is not None else {})}
                  for c, s, p, g, b in outcomes],
    }


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def _row(case: Case, problems: list[str], got: Reading, base: Reading | None) -> dict[str, Any]:
    row = {"id": case.id, "category": case.category, "file": case.file, "expected": case.expect.describe(),
           "got": "; ".join(problems), "text": case.text}
    if case.base is not None:
        row["base"] = case.base
    if case.perturbation is not None:
        row["perturbation"] = case.perturbation
    return row


def _categories(outcomes) -> list[dict[str, Any]]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"pass": 0, "fail": 0, "skipped": 0})
    for case, status, *_ in outcomes:
        counts[case.category][status] += 1
        if case.category in INVARIANCE:
            counts["invariance"][status] += 1
    order = [c for c in CATEGORIES if c in counts]
    if "invariance" in counts:
        order.insert(max(order.index(c) for c in INVARIANCE if c in counts) + 1, "invariance")
    rows = []
    for cat in order:
        n = counts[cat]["pass"] + counts[cat]["fail"]
        rate = counts[cat]["fail"] / n if n else None
        target = TARGETS.get(cat)
        rows.append({"category": cat, "what": CATEGORIES.get(cat, "invariance: every perturbation together"),
                     "cases": n, "failures": counts[cat]["fail"], "skipped": counts[cat]["skipped"],
                     "failure_rate": None if rate is None else round(rate, 4), "target": target,
                     "meets_target": None if target is None or rate is None else rate <= target + 1e-12})
    return rows


def _mft_by_task(outcomes) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for case, status, *_ in outcomes:
        if case.category != "mft" or status == "skipped":
            continue
        for task in case.expect.tasks:
            row = out.setdefault(task, {"cases": 0, "failures": 0})
            row["cases"] += 1
            row["failures"] += status == "fail"
    return dict(sorted(out.items()))


def _jitter(outcomes) -> dict[str, Any]:
    deltas = sorted(abs(g.signal - b.signal) for c, s, p, g, b in outcomes
                    if c.category in INVARIANCE and b is not None and g.signal is not None and b.signal is not None)
    if not deltas:
        return {"n": 0}
    return {"n": len(deltas), "median": round(statistics.median(deltas), 4),
            "p90": round(deltas[min(len(deltas) - 1, int(0.9 * len(deltas)))], 4), "max": round(deltas[-1], 4),
            "note": "|change in s| between an invariance variant and its base; compare with signal_margin"}
