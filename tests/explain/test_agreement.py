"""ROUGE-L, token F1, the first-sentence baseline and embedding similarity, against hand-computed values."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentalens.bench.metrics import bootstrap_values
from mentalens.explain.agreement import (embedding_similarity, first_sentence, lcs_length, micro_f1, rouge_l,
                                         token_overlap, words)


def test_words_are_lower_cased_word_runs():
    assert words("I DON'T know, 2 cats!") == ["i", "don't", "know", "2", "cats"]
    assert words("") == [] and words(None) == []


@pytest.mark.parametrize("cand, ref, expected", [
    # LCS "the cat on the mat" = 5 of 6 and 6 words: P = R = 5/6
    ("the cat sat on the mat", "the cat is on the mat", 5 / 6),
    # LCS "b d" = 2; P = 2/4, R = 2/3, F1 = 2PR/(P+R) = 4/7
    ("a b c d", "b d e", 4 / 7),
    # order matters: LCS of "c b a" and "a b c" is 1; P = R = 1/3
    ("c b a", "a b c", 1 / 3),
    ("The CAT!", "the cat", 1.0),                 # case and punctuation ignored
    ("", "the cat", 0.0),
    ("dog", "the cat", 0.0),
])
def test_rouge_l_by_hand(cand, ref, expected):
    assert rouge_l(cand, ref) == pytest.approx(expected)


def _lcs_dp(a, b):
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            table[i + 1][j + 1] = table[i][j] + 1 if x == y else max(table[i][j + 1], table[i + 1][j])
    return table[-1][-1]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from("abcde"), max_size=40), st.lists(st.sampled_from("abcdef"), max_size=40))
def test_bit_parallel_lcs_equals_dynamic_programming(a, b):
    assert lcs_length(a, b) == _lcs_dp(a, b) == lcs_length(b, a)


def test_token_f1_by_hand():
    rows = [token_overlap("I feel alone", "feel so alone"),      # overlap {feel, alone}: 2 of 3 and 3
            token_overlap("", "a burden"),                        # nothing said: 0 of 0, 2 missed
            token_overlap("alone alone here", "alone")]           # multiset: one "alone" counts once
    assert rows == [(2, 3, 3), (0, 0, 2), (1, 3, 1)]
    # micro: tp = 3, candidate words = 6, reference words = 6 -> P = R = 1/2
    assert float(micro_f1(np.array(rows).sum(axis=0))) == pytest.approx(0.5)
    assert float(micro_f1(np.zeros(3))) == 0.0


@pytest.mark.parametrize("text, first", [
    ("  Hello there. How are you?", "Hello there."),
    ("Version 1.2 is out! Try it", "Version 1.2 is out!"),      # a dot inside a number does not end it
    ("first line\nsecond line. more", "first line"),
    ("no ending at all", "no ending at all"),
    ("Why?! Because.", "Why?!"),
])
def test_first_sentence(text, first):
    assert first_sentence(text) == first


def test_embedding_similarity():
    sim = embedding_similarity(["I feel sad and alone", "", "sad"], ["I feel sad and alone", "anything", None])
    assert sim[0] == pytest.approx(1.0) and sim[1] == 0.0 and sim[2] == 0.0
    a = embedding_similarity(["my exam went well"], ["I am exhausted and hopeless"])
    b = embedding_similarity(["I am exhausted and hopeless"], ["my exam went well"])
    assert -1.0 <= a[0] < 1.0 and a[0] == pytest.approx(b[0])
    with pytest.raises(ValueError):
        embedding_similarity(["a"], [])


def test_bootstrap_values_mean_ratio_and_infinite_resamples():
    x = np.arange(10, dtype=float)
    v, lo, hi = bootstrap_values(x[:, None], lambda s, n: s[..., 0] / n, n_resamples=200, seed=1)
    assert v == pytest.approx(4.5) and lo < v < hi
    assert bootstrap_values(x[:, None], lambda s, n: s[..., 0] / n, n_resamples=200, seed=1) == (v, lo, hi)
    pair = np.stack([2 * x, x], axis=1)
    assert bootstrap_values(pair, lambda s, n: s[..., 0] / s[..., 1], n_resamples=50)[0] == pytest.approx(2.0)
    # a denominator <= 0 in some resamples: the upper bound is infinite, not a wild finite number
    b = np.array([1.0, -1.0, 0.5, -0.4])
    ratio = lambda s, n: np.where(s[..., 1] > 0, s[..., 0] / s[..., 1], np.inf)  # noqa: E731
    _, low, high = bootstrap_values(np.stack([np.ones(4), b], axis=1), ratio, n_resamples=200)
    assert np.isfinite(low) and high == np.inf
    assert all(np.isnan(bootstrap_values(np.zeros((0, 1)), lambda s, n: s[..., 0] / n)))
