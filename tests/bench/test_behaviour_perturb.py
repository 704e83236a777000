"""The invariance perturbations: deterministic, and each does exactly what its name says."""
from __future__ import annotations

import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentalens.bench.behaviour import perturb as P

TEXT = "Since Jake moved out I barely eat or sleep. He was my best friend and now nothing feels worth it."
WORD = re.compile(r"\S+")


def damerau1(a: str, b: str) -> bool:
    """Whether b is a with one adjacent swap or one dropped letter."""
    if len(b) == len(a) - 1:
        return any(a[:i] + a[i + 1:] == b for i in range(len(a)))
    if len(b) == len(a):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    return False


def one_word_one_edit(before: str, after: str) -> tuple[str, str]:
    a, b = WORD.findall(before), WORD.findall(after)
    assert len(a) == len(b)
    changed = [(x, y) for x, y in zip(a, b) if x != y]
    assert len(changed) == 1, changed
    x, y = changed[0]
    xs, ys = x.strip(string.punctuation), y.strip(string.punctuation)
    assert damerau1(xs, ys), (xs, ys)
    assert xs[0] == ys[0]                              # the first letter is never touched
    return xs, ys


@pytest.mark.parametrize("name", list(P.PERTURBATIONS))
def test_every_perturbation_is_deterministic_and_changes_the_post(name):
    runs = {P.perturb(name, TEXT, seed=7, base_id="b", key=("barely", "worth")) for _ in range(3)}
    assert len(runs) == 1 and runs.pop() != TEXT


def test_rng_depends_on_seed_base_and_perturbation_only():
    draw = lambda *a: P.rng_for(*a).random()  # noqa: E731
    assert draw(1, "x", "typo") == draw(1, "x", "typo")
    assert len({draw(1, "x", "typo"), draw(2, "x", "typo"), draw(1, "y", "typo"), draw(1, "x", "emoji")}) == 4


def test_typo_changes_one_non_key_word_by_one_edit():
    for seed in range(30):
        after = P.perturb("typo", TEXT, seed=seed, base_id="b", key=("barely", "worth"))
        before_word, _ = one_word_one_edit(TEXT, after)
        assert before_word.lower() not in ("barely", "worth", "jake") and len(before_word) >= 4


def test_typo_key_changes_one_key_word_by_one_edit():
    seen = set()
    for seed in range(30):
        after = P.perturb("typo_key", TEXT, seed=seed, base_id="b", key=("barely", "worth"))
        before_word, _ = one_word_one_edit(TEXT, after)
        seen.add(before_word)
    assert seen == {"barely", "worth"}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=string.ascii_letters, min_size=1, max_size=9), min_size=1, max_size=12),
       st.integers(0, 10_000))
def test_typo_property_on_arbitrary_sentences(words, seed):
    text = " ".join(words) + "."
    after = P.typo(text, P.rng_for(seed, "h", "typo"))
    if not any(len(w) >= 4 and len(set(w.lower())) > 1 for w in words):
        return                                        # nothing a typo could change
    if after != text:
        one_word_one_edit(text, after)


def test_casing():
    assert P.perturb("upper", "I'm fine, Emily 🙂", seed=0, base_id="b") == "I'M FINE, EMILY 🙂"
    assert P.perturb("lower", "I'm fine, Emily 🙂", seed=0, base_id="b") == "i'm fine, emily 🙂"


def test_emoji_url_handle_only_add():
    for seed in range(20):
        e = P.perturb("emoji", TEXT, seed=seed, base_id="b")
        added = [ch for ch in e if ch in "".join(P.NEUTRAL_EMOJI)]
        assert 1 <= len(added) <= 2
        stripped = " ".join(w for w in e.split() if w not in P.NEUTRAL_EMOJI)
        assert stripped == " ".join(TEXT.split())
        u = P.perturb("url", TEXT, seed=seed, base_id="b")
        assert u.startswith(TEXT) and any(x in u for x in P.URLS) and "example." in u
        h = P.perturb("handle", TEXT, seed=seed, base_id="b")
        assert TEXT in h and any(x in h for x in P.HANDLES)


def _origin_gender(name):
    return next((o, g) for o, pools in P.NAMES.items() for g, pool in enumerate(pools) if name in pool)


def test_names_keep_gender_change_origin_and_stay_consistent():
    text = "Emily told Jake that Emily would call him. Jake said ok."
    for seed in range(20):
        after = P.perturb("names", text, seed=seed, base_id="b")
        m = re.fullmatch(r"(\w+) told (\w+) that (\w+) would call him\. (\w+) said ok\.", after)
        assert m and m.group(1) == m.group(3) and m.group(2) == m.group(4)
        for old, new in (("Emily", m.group(1)), ("Jake", m.group(2))):
            (o1, g1), (o2, g2) = _origin_gender(old), _origin_gender(new)
            assert g1 == g2 and o1 != o2


def test_gender_swaps_pronouns_relations_and_names_both_ways():
    text = "My girlfriend Emily told her mom she's done with him. He said his sister would help her out."
    swapped = P.gender(text)
    assert swapped == "My boyfriend Jake told his dad he's done with her. She said her brother would help him out."
    assert P.gender(swapped) == text
    assert P.gender("HE told HIS wife") == "SHE told HER husband"
    assert P.gender("my brother\u2019s bf said he\u2019ll come") == "my sister\u2019s gf said she\u2019ll come"
    assert P.gender("I miss her so much") == "I miss him so much"
    assert P.gender("I took her own advice") == "I took his own advice"
    assert P.gender("no names or gendered words") == "no names or gendered words"
