"""Comprehensiveness and sufficiency: span surgery by hand, random spans, and a tiny real lens model
whose label is driven by one cue word (made-up posts written for this test)."""
from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentalens.explain.faithfulness import (Decision, erasure, evidence_spans, keep_spans, merge, random_spans,
                                            remove_spans, word_runs, words_of)

FILLER = ("amber basil cobalt dune ember fjord garnet harbor indigo juniper kelp lumen meadow nectar opal pebble "
          "quartz ripple saffron thistle umber velvet willow yarrow zephyr anchor beacon cinder delta echo").split()
CUE = {"yes": "zorblat", "no": "quimble"}


def test_span_surgery_by_hand():
    text = "I feel so sad today, truly."
    assert remove_spans(text, [(7, 13)]) == "I feel  today, truly."                # blanks kept as they are
    assert remove_spans(text, [(2, 6), (7, 9)]) == "I   sad today, truly."
    assert remove_spans("sad,ok", [(3, 4)]) == "sad ok"                              # never glue two words
    assert remove_spans(text, []) == text
    assert keep_spans(text, [(10, 13), (2, 6)]) == "feel sad"                        # text order, one space
    assert keep_spans(text, [(2, 9), (7, 13)]) == "feel so sad"                      # overlaps merged
    assert merge([(5, 8), (0, 2), (1, 3), (8, 9)]) == [(0, 3), (5, 9)]


def test_word_runs_and_random_spans_match_the_evidence_size():
    text = "one two three four five six seven eight nine ten"
    words = words_of(text)
    assert word_runs(words, [(4, 13), (34, 39)]) == [2, 1]                          # "two three", "seven"
    assert word_runs(words, [(5, 6)]) == [1]                                        # part of a word: that word
    rng = np.random.default_rng(0)
    for _ in range(50):
        spans = random_spans(words, [2, 1], rng)
        assert sorted(word_runs(words, spans)) in ([1, 2], [3])                     # adjacent runs may touch
        assert sum(len(text[s:e].split()) for s, e in spans) == 3
    a = random_spans(words, [3], np.random.default_rng(7))
    assert a == random_spans(words, [3], np.random.default_rng(7))                   # seeded
    assert random_spans(words, [], rng) == [] and random_spans(words, [11], rng) == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(1, 4), min_size=1, max_size=4), st.integers(0, 12), st.integers(0, 2**31))
def test_random_runs_never_overlap(runs, extra, seed):
    text = " ".join(f"w{i}" for i in range(sum(runs) + extra))
    words = words_of(text)
    spans = sorted(random_spans(words, runs, np.random.default_rng(seed)))
    assert all(e1 < s2 for (_, e1), (s2, _) in zip(spans, spans[1:]))
    assert sum(len(text[s:e].split()) for s, e in spans) == sum(runs)


def test_erasure_with_a_counting_model():
    """p(yes) = share of 'cue' among the words: every number can be worked out by hand."""
    def proba(texts):
        share = np.array([(t.split().count("cue") / max(len(t.split()), 1)) for t in texts])
        return np.stack([1 - share, share], axis=1)

    text = "a cue b c"                                   # p(yes) = 1/4
    d = [Decision(text, "yes", key="r1"), Decision(text, "no", against=True, key="r2")]
    er = erasure(proba, ["no", "yes"], d, [[(2, 5)], [(2, 5)]], draws=4, seed=0)
    assert er.p[0] == pytest.approx(0.25) and er.p_removed[0] == 0.0 and er.p_only[0] == 1.0
    assert er.comprehensiveness[0] == pytest.approx(0.25) and er.sufficiency[0] == pytest.approx(-0.75)
    # against "no" is scored as 1 - p("no") = p(yes): the same numbers
    assert er.comprehensiveness[1] == pytest.approx(0.25) and er.p_removed_random.shape == (2, 4)
    assert er.words.tolist() == [1, 1] and er.has_evidence.all()
    # a random single word is "cue" one time in four: removed -> 0, else 1/3
    assert set(np.round(er.p_removed_random[0], 6)) <= {0.0, round(1 / 3, 6)}
    none = erasure(proba, ["no", "yes"], [Decision(text, "yes")], [[]])
    assert not none.has_evidence[0] and none.comprehensiveness[0] == 0.0
    with pytest.raises(ValueError):
        erasure(proba, ["no", "yes"], d, [[]])


def _post(rng: random.Random, label: str) -> str:
    words = [rng.choice(FILLER) for _ in range(rng.randint(16, 24))]
    words.insert(rng.randrange(len(words)), CUE[label])
    return " ".join(words).capitalize() + "."


@pytest.fixture(scope="module")
def cue_model():
    from mentalens.backends.lens.model import LensBackend
    from mentalens.data.example import Example

    rng = random.Random(5)
    examples = [Example(id=f"synthetic/train/{i}", text=_post(rng, "yes" if i % 2 else "no"),
                        labels={"depression": "yes" if i % 2 else "no"}, source="synthetic", split="train")
                for i in range(80)]
    return LensBackend(nmax=1, min_df=1, name="cue", version="0").fit(examples, ["depression"], folds=3)


def test_removing_the_cue_drops_the_probability_more_than_random_spans(cue_model):
    rng = random.Random(9)
    texts = [_post(rng, "yes" if i % 2 else "no") for i in range(40)]
    proba = cue_model.predict_proba(texts, ["depression"])["depression"]
    labels = [d[0] for d in cue_model.decide("depression", proba)]
    assert labels == ["yes" if i % 2 else "no" for i in range(40)]             # the cue decides
    decisions = [Decision(t, lab, key=str(i)) for i, (t, lab) in enumerate(zip(texts, labels))]
    spans = evidence_spans(cue_model, "depression", decisions, top_k=1)
    assert all(len(s) == 1 for s in spans)
    assert sum(CUE[d.label] in keep_spans(d.text, s) for d, s in zip(decisions, spans)) >= 36

    def model_proba(batch):
        return cue_model.predict_proba(batch, ["depression"])["depression"]

    er = erasure(model_proba, ["no", "yes"], decisions, spans, draws=3, seed=0)
    assert er.has_evidence.all() and (er.words >= 1).all()
    assert er.comprehensiveness.mean() > 0.2
    assert er.comprehensiveness.mean() > 3 * max(er.random_comprehensiveness.mean(), 1e-9)
    assert er.sufficiency.mean() < er.random_sufficiency.mean()
    again = erasure(model_proba, ["no", "yes"], decisions[::-1], spans[::-1], draws=3, seed=0)
    assert np.allclose(again.random_comprehensiveness[::-1], er.random_comprehensiveness)   # per-row seeding
