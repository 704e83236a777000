"""Exact and near-duplicate detection on made-up posts."""
from __future__ import annotations

import random

import numpy as np

from mentalens.data.neardup import find_duplicates, normalize


def _pairs(m):
    return {(int(a), int(b)): bool(e) for a, b, e in zip(m.train, m.test, m.exact)}


def test_normalize():
    assert normalize("Ｈｅｌｌｏ, WORLD!  It's  fine…") == ["hello", "world", "it", "s", "fine"]
    assert normalize("‚Äô mojibake stays tokens") == ["äô", "mojibake", "stays", "tokens"]


def test_exact_ignores_case_punctuation_and_spacing():
    m = find_duplicates(["Amber   basil, COBALT dune!"], ["amber basil cobalt dune", "amber basil"])
    assert _pairs(m) == {(0, 0): True}


def test_edited_word_embedded_post_and_unrelated_post(make_post):
    rng = random.Random(3)
    post = make_post(rng, 30)
    words = post.split()
    edited = " ".join(words[:14] + ["zzzedited"] + words[15:])
    longer = make_post(rng, 60) + " " + post + " " + make_post(rng, 40)
    unrelated = make_post(rng, 30)
    m = find_duplicates([edited, longer, unrelated], [post])
    assert _pairs(m) == {(0, 0): False, (1, 0): False}
    assert np.all(m.containment >= 0.5)


def test_test_post_containing_a_short_training_post(make_post):
    rng = random.Random(4)
    inner = make_post(rng, 20)
    m = find_duplicates([inner], [make_post(rng, 15) + " " + inner])
    assert _pairs(m) == {(0, 0): False}        # containment is measured on the shorter text


def test_short_texts_are_matched_exactly_only(make_post):
    rng = random.Random(5)
    long_post = make_post(rng, 40)
    four = " ".join(long_post.split()[3:7])
    eight = " ".join(long_post.split()[3:11])
    m = find_duplicates([long_post, four], [four, eight])
    # 4 words: no shingles; 8 words: 4 shingles, fewer than the 5 shared shingles a near match needs
    assert _pairs(m) == {(1, 0): True}


def test_half_edited_post_is_not_a_duplicate(make_post):
    rng = random.Random(6)
    post = make_post(rng, 30).split()
    edited = [w if i % 4 else "zzz" for i, w in enumerate(post)]   # every 4th word changed
    assert len(find_duplicates([" ".join(edited)], [" ".join(post)]).train) == 0


def test_many_to_many_and_deterministic(make_post):
    rng = random.Random(7)
    tests = [make_post(rng, 25) for _ in range(50)]
    train = [make_post(rng, 25) for _ in range(200)] + [t.upper() for t in tests[:10]] + [
        "intro words here and there " + t for t in tests[10:20]]
    a = find_duplicates(train, tests, chunk_pairs=5)     # tiny chunks: same answer
    b = find_duplicates(train, tests)
    assert _pairs(a) == _pairs(b)
    assert {k for k, v in _pairs(b).items() if v} == {(200 + i, i) for i in range(10)}
    assert {k for k, v in _pairs(b).items() if not v} == {(210 + i, 10 + i) for i in range(10)}


def test_empty_inputs():
    assert len(find_duplicates([], ["a b c d e f"]).train) == 0
    assert len(find_duplicates(["a b c d e f", "!!!"], ["???"]).train) == 0
