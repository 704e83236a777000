"""Label-subset, pooled yes/no and INVALID handling on hand-built cases (no model needed)."""
from __future__ import annotations

import numpy as np
import pytest

from mentalens.bench.metrics import INVALID
from mentalens.bench.scoring import INVALID_LABEL, pooled_yes_no, predict, restrict, score, single_label
from mentalens.data.example import Example
from mentalens.errors import DataError
from mentalens.tasks import Benchmark, get_task

DISORDER = get_task("mental_disorder")          # none, depression, suicide_or_self_harm, anxiety, bipolar, ptsd
WELLNESS = get_task("wellness_dimensions")      # multilabel
DEPRESSION = get_task("depression")
TSID = Benchmark(suite="t", name="tsid", dataset="imhi/t-sid", metric="weighted_f1",
                 labels=["none", "depression", "suicide_or_self_harm", "ptsd"])


class FakeBackend:
    """Returns fixed rows; decides by argmax(log p + offsets) like lens' softmax heads."""

    name = "fake"

    def __init__(self, rows: dict[str, list[float]], offsets: list[float] | None = None, threshold: float = 0.5):
        self.rows, self.offsets, self.threshold = rows, offsets, threshold
        self.seen: list[list[str]] = []

    def predict_proba(self, texts, tasks):
        self.seen.append(list(texts))
        return {tasks[0]: np.array([self.rows[t] for t in texts], dtype=float)}

    def decide(self, task, proba):
        spec = get_task(task)
        out = []
        for row in proba:
            if not np.all(np.isfinite(row)):
                out.append([])
            elif spec.multilabel:
                out.append([lab for lab, p in zip(spec.label_ids, row) if p >= self.threshold])
            else:
                off = np.zeros(len(row)) if self.offsets is None else np.asarray(self.offsets)
                out.append([spec.label_ids[int(np.argmax(np.log(np.maximum(row, 1e-300)) + off))]])
        return out


def ex(i: int, text: str, labels) -> Example:
    return Example(id=f"set/test/{i}", text=text, labels=labels, source="set", split="test")


def test_restrict_renormalises_over_the_subset_and_keeps_nan_rows():
    proba = np.array([[0.1, 0.2, 0.1, 0.4, 0.1, 0.1], [np.nan] * 6, [0, 0, 0, 0.5, 0.5, 0]])
    r = restrict(proba, DISORDER.label_ids, TSID.labels)
    assert r[0].tolist() == pytest.approx([0.2, 0.4, 0.2, 0, 0, 0.2])
    assert np.isnan(r[1]).all()
    assert r[2].tolist() == pytest.approx([0.25, 0.25, 0.25, 0, 0, 0.25])   # no mass on the subset: uniform


def test_label_subset_takes_the_best_decision_score_among_the_subset():
    # anxiety (outside T-SID's labels) is the most probable; depression wins among the subset
    rows = {"a": [0.05, 0.30, 0.20, 0.40, 0.05, 0.00], "b": [0.1, 0.1, 0.1, 0.1, 0.1, 0.5]}
    examples = [ex(0, "a", {"mental_disorder": "depression"}), ex(1, "b", {"mental_disorder": "ptsd"})]
    pred = predict(FakeBackend(rows), DISORDER, ["a", "b"], TSID.labels)
    s = single_label(DISORDER, TSID, examples, pred)
    assert s.method == "label-subset" and s.labels == TSID.labels
    assert [r["predicted"] for r in s.rows] == ["depression", "ptsd"]
    assert s.rows[0]["probabilities"]["anxiety"] == pytest.approx(0.4)       # the full distribution is kept
    # with per-label offsets (a class-balanced decision rule) the subset's decision follows them
    offsets = [0, 0, np.log(2.0), 0, 0, 0]
    pred = predict(FakeBackend(rows, offsets), DISORDER, ["a"], TSID.labels)
    assert pred.decided == [["suicide_or_self_harm"]]


def test_gold_outside_the_subset_is_a_data_error():
    pred = predict(FakeBackend({"a": [1 / 6] * 6}), DISORDER, ["a"], TSID.labels)
    with pytest.raises(DataError, match="not among the labels"):
        single_label(DISORDER, TSID, [ex(0, "a", {"mental_disorder": "anxiety"})], pred)


def test_nan_row_is_invalid_for_single_label_tasks():
    rows = {"ok": [0.2, 0.8], "bad": [np.nan, np.nan]}
    bench = Benchmark(suite="t", name="dr", dataset="imhi/DR", metric="weighted_f1")
    examples = [ex(0, "ok", {"depression": "yes"}), ex(1, "bad", {"depression": "no"})]
    s = score(DEPRESSION, bench, examples, predict(FakeBackend(rows), DEPRESSION, ["ok", "bad"]))
    assert s.pred.tolist() == [1, INVALID]
    assert s.invalid.tolist() == [False, True]
    assert s.rows[1]["predicted"] == INVALID_LABEL and s.rows[1]["probabilities"]["no"] is None


def test_each_distinct_text_is_scored_once():
    backend = FakeBackend({"p": [0.5, 0.5], "q": [0.9, 0.1]})
    pred = predict(backend, DEPRESSION, ["p", "q", "p", "p"])
    assert backend.seen == [["p", "q"]]
    assert pred.proba.shape == (4, 2) and pred.decided[2] == pred.decided[0]


def test_pooled_yes_no_rows():
    # post "x": physical and social decided; post "y": nothing decided (a valid answer); post "z": INVALID
    rows = {"x": [0, 0.9, 0, 0.8, 0, 0.1], "y": [0.1] * 6, "z": [np.nan] * 6}
    examples = [ex(0, "x", {"wellness_dimensions": {"physical": True}}),
                ex(1, "x", {"wellness_dimensions": {"emotional": True}}),
                ex(2, "x", {"wellness_dimensions": {"social": False}}),
                ex(3, "y", {"wellness_dimensions": {"social": False}}),
                ex(4, "z", {"wellness_dimensions": {"physical": False}})]
    pred = predict(FakeBackend(rows), WELLNESS, [e.text for e in examples])
    s = pooled_yes_no(WELLNESS, examples, pred)
    assert s.labels == ["no", "yes"]
    assert s.gold.tolist() == [1, 1, 0, 0, 0]
    assert s.pred.tolist() == [1, 0, 1, 0, INVALID]       # the INVALID row is not a "no"
    assert [r["predicted"] for r in s.rows] == ["yes", "no", "yes", "no", INVALID_LABEL]
    assert [r["aspect"] for r in s.rows] == ["physical", "emotional", "social", "social", "physical"]
    assert s.invalid.tolist() == [False, False, False, False, True]


def test_pooled_rows_with_several_aspects_get_one_item_each():
    examples = [ex(0, "x", {"wellness_dimensions": {"physical": True, "social": False}})]
    pred = predict(FakeBackend({"x": [0, 0.9, 0, 0.8, 0, 0.1]}), WELLNESS, ["x"])
    s = pooled_yes_no(WELLNESS, examples, pred)
    assert [r["id"] for r in s.rows] == ["set/test/0#physical", "set/test/0#social"]
    assert s.pred.tolist() == [1, 1] and s.gold.tolist() == [1, 0]


def test_multilabel_without_pooling_needs_complete_rows():
    bench = Benchmark(suite="t", name="wd", dataset="multiwd", metric="micro_f1")
    full = {lab: lab == "social" for lab in WELLNESS.label_ids}
    pred = predict(FakeBackend({"x": [0, 0.9, 0, 0.8, 0, 0.1]}), WELLNESS, ["x"])
    s = score(WELLNESS, bench, [ex(0, "x", {"wellness_dimensions": full})], pred)
    assert s.method == "multi-label" and s.rows[0]["predicted"] == ["physical", "social"]
    with pytest.raises(DataError):
        score(WELLNESS, bench, [ex(0, "x", {"wellness_dimensions": {"social": True}})], pred)
