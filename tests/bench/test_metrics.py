"""Metrics against hand-computed values; INVALID handling; bootstrap intervals."""
from __future__ import annotations

import math

import numpy as np
import pytest

from mentalens.bench import metrics as M

INV = M.INVALID

# gold: no no no yes yes; predicted: no no yes yes INVALID
GOLD = np.array([0, 0, 0, 1, 1])
PRED = np.array([0, 0, 1, 1, INV])


def test_confusion_puts_invalid_in_its_own_column():
    c = M.confusion(GOLD, PRED, 2)
    assert c.tolist() == [[2, 1, 0], [0, 1, 1]]


def test_hand_computed_values():
    c = M.confusion(GOLD, PRED, 2)
    # recall: no 2/3, yes 1/2; precision: no 2/2 (INVALID is not a "no"), yes 1/2
    assert float(M.accuracy(c)) == pytest.approx(3 / 5)
    assert float(M.balanced_accuracy(c)) == pytest.approx((2 / 3 + 1 / 2) / 2)
    f1_no, f1_yes = 2 * 1 * (2 / 3) / (1 + 2 / 3), 0.5
    assert M.per_label_f1(c).tolist() == pytest.approx([f1_no, f1_yes])
    assert float(M.f1_of(c, 0)) == pytest.approx(0.8)
    assert float(M.weighted_f1(c)) == pytest.approx((3 * f1_no + 2 * f1_yes) / 5)
    assert float(M.macro_f1(c)) == pytest.approx((f1_no + f1_yes) / 2)


def test_invalid_is_wrong_and_never_read_as_no():
    as_no = M.confusion(GOLD, np.where(PRED == INV, 0, PRED), 2)
    c = M.confusion(GOLD, PRED, 2)
    assert float(M.f1_of(c, 0)) > float(M.f1_of(as_no, 0))      # no false "no" added
    only_invalid = M.confusion(np.array([0, 0]), np.array([INV, INV]), 2)
    assert float(M.accuracy(only_invalid)) == 0.0
    assert float(M.balanced_accuracy(only_invalid)) == 0.0


def test_label_absent_from_gold_and_predictions_is_ignored_by_macro_and_balanced():
    c = M.confusion(np.array([0, 0, 1, 1]), np.array([0, 1, 1, 1]), 3)
    f1 = M.per_label_f1(c)
    assert float(M.macro_f1(c)) == pytest.approx((f1[0] + f1[1]) / 2)
    assert float(M.balanced_accuracy(c)) == pytest.approx((0.5 + 1.0) / 2)


def test_agrees_with_scikit_learn_without_invalid():
    metrics = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(0)
    for k in (2, 4, 9):
        g, p = rng.integers(0, k, 300), rng.integers(0, k, 300)
        p[:100] = g[:100]
        c = M.confusion(g, p, k)
        assert float(M.weighted_f1(c)) == pytest.approx(metrics.f1_score(g, p, average="weighted"))
        assert float(M.macro_f1(c)) == pytest.approx(metrics.f1_score(g, p, average="macro"))
        assert float(M.accuracy(c)) == pytest.approx(metrics.accuracy_score(g, p))
        assert float(M.balanced_accuracy(c)) == pytest.approx(metrics.balanced_accuracy_score(g, p))


def test_micro_f1_and_invalid_rows_have_every_cell_wrong():
    gold = np.array([[1, 0], [1, 1]], dtype=bool)
    pred = np.array([[1, 1], [0, 1]], dtype=bool)
    counts = M.multilabel_counts(gold, pred).sum(axis=0)
    assert float(M.micro_f1(counts)) == pytest.approx(2 * 2 / (2 * 2 + 1 + 1))
    counts = M.multilabel_counts(gold, pred, invalid=np.array([False, True])).sum(axis=0)
    assert float(M.micro_f1(counts)) == pytest.approx(2 * 1 / (2 * 1 + 1 + 2))
    # an INVALID row on an all-"no" gold row counts false positives, not a correct "no"
    counts = M.multilabel_counts(np.zeros((1, 2), bool), np.zeros((1, 2), bool), invalid=np.array([True]))
    assert counts.sum(axis=0)[:, 1].tolist() == [1, 1]


def test_bootstrap_interval_contains_the_estimate_and_is_deterministic():
    rng = np.random.default_rng(1)
    g = rng.integers(0, 3, 200)
    p = np.where(rng.random(200) < 0.7, g, rng.integers(-1, 3, 200))
    names = list(M.SINGLE_LABEL)
    a = M.score_single_label(g, p, 3, names, seed=5)
    b = M.score_single_label(g, p, 3, names, seed=5)
    c = M.score_single_label(g, p, 3, names, seed=6)
    assert a == b
    assert a != c
    for name, (value, low, high) in a.items():
        assert low <= value <= high, name
        assert high - low > 0.02, name
    assert a["accuracy"][0] == pytest.approx(float(np.mean(g == p)))


def test_bootstrap_interval_narrows_with_more_items():
    rng = np.random.default_rng(2)

    def width(n: int) -> float:
        g = rng.integers(0, 2, n)
        p = np.where(rng.random(n) < 0.8, g, 1 - g)
        _, low, high = M.score_single_label(g, p, 2, ["accuracy"], seed=0)["accuracy"]
        return high - low

    assert width(2000) < width(100)


def test_multilabel_bootstrap_and_empty_input():
    gold = np.array([[1, 0], [1, 1], [0, 0], [0, 1]] * 10, dtype=bool)
    pred = np.array([[1, 0], [0, 1], [0, 1], [0, 1]] * 10, dtype=bool)
    out = M.score_multilabel(gold, pred, None, ["micro_f1", "macro_f1", "weighted_f1"], seed=0)
    value, low, high = out["micro_f1"]
    assert value == pytest.approx(2 * 30 / (2 * 30 + 10 + 10)) and low <= value <= high
    empty = M.score_single_label(np.array([], int), np.array([], int), 2, ["accuracy"])
    assert all(math.isnan(x) for x in empty["accuracy"])


def test_bad_inputs_are_refused():
    with pytest.raises(ValueError):
        M.confusion(np.array([0, 2]), np.array([0, 1]), 2)
    with pytest.raises(ValueError):
        M.confusion(np.array([0, 1]), np.array([0]), 2)
