"""Menta's stratified 72/8/20 split and the leakage-free split shared by sister tasks."""
from __future__ import annotations

from collections import Counter

import pytest

from mentalens.data import Example, load_dataset
from mentalens.data.splits import leakage_free_split, menta_split
from mentalens.errors import DataError, UsageError

LEVELS = ["minimal", "mild", "moderate", "severe"]


def _examples(n: int = 500) -> list[Example]:
    out = []
    for i in range(n):
        level = LEVELS[0] if i % 10 < 6 else LEVELS[1 + i % 3]
        out.append(Example(id=f"s/all/{i}", text=f"made up post {i}", source="s", split="all",
                           labels={"depression_severity": level, "depression": "no" if level == "minimal" else "yes"}))
    return out


def test_proportions_stratification_and_disjointness():
    examples = _examples()
    parts = menta_split(examples, "depression_severity")
    sizes = {k: len(v) for k, v in parts.items()}
    assert sizes == {"train": 360, "val": 40, "test": 100}
    ids = [e.id for part in parts.values() for e in part]
    assert len(ids) == len(set(ids)) == 500
    whole = Counter(e.labels["depression_severity"] for e in examples)
    test = Counter(e.labels["depression_severity"] for e in parts["test"])
    for label, n in whole.items():
        assert abs(test[label] - n * 0.2) <= 1


def test_deterministic_and_seeded():
    examples = _examples()
    a = menta_split(examples, "depression")
    b = menta_split(examples, "depression")
    c = menta_split(examples, "depression", seed=7)
    assert [e.id for e in a["test"]] == [e.id for e in b["test"]]
    assert [e.id for e in a["test"]] != [e.id for e in c["test"]]


def test_independent_splits_leak_between_sister_tasks_and_the_shared_split_does_not():
    examples = _examples()
    dep, sev = menta_split(examples, "depression"), menta_split(examples, "depression_severity")
    leaked = {e.id for e in dep["test"]} & {e.id for e in sev["train"]}
    assert leaked                                   # Menta's protocol: one task's test posts train the other
    shared = leakage_free_split(examples, ["depression", "depression_severity"])
    assert shared == menta_split(examples, "depression_severity")   # stratified on the finer task


def test_only_labelled_examples_are_split():
    examples = _examples(100) + [Example(id="s/all/x", text="t", labels={}, source="s", split="all")]
    parts = menta_split(examples, "depression")
    assert sum(len(p) for p in parts.values()) == 100


def test_errors():
    with pytest.raises(UsageError, match="multi-label"):
        menta_split(_examples(), "wellness_dimensions")
    with pytest.raises(DataError, match="no example carries a label"):
        menta_split(_examples(), "stress")
    few = _examples(20)
    with pytest.raises(DataError, match="cannot stratify"):
        menta_split(few, "depression_severity")


def test_on_a_synthetic_mentabench_file(synthetic_shared):
    cssrs = load_dataset("mentabench/cssrs", "all", synthetic_shared)
    parts = leakage_free_split(cssrs, ["suicide_risk", "suicide_risk_level"])
    test = Counter(e.labels["suicide_risk_level"] for e in parts["test"])
    assert sum(test.values()) == 14 and set(test.values()) <= {2, 3} and len(test) == 5
