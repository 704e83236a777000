"""Property tests: scopes and find_symptoms never crash and their offsets always index the
original string - emoji, CJK, combining marks, case changes that alter length, lone surrogates."""
from __future__ import annotations

import typing

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentalens.explain.scope import KINDS, scopes
from mentalens.explain.symptoms import find_symptoms
from mentalens.schema import SymptomStatus

STATUSES = set(typing.get_args(SymptomStatus))

# Pieces that exercise the rules (cues, risk phrases, quotes, idioms) and the hard characters.
PIECES = [
    "I", "I'm", "not", "don't", "no longer", "never", "if", "what if", "used to", "when I was 15",
    "my friend said", "she", "he told me", "lol", "😂", '"', "“", "”", "lyrics:", "♪", "killing me",
    "want to die", "kill myself", "hopeless", "worthless", "can't sleep", "a burden", "nobody cares",
    "my boss", "exams", "two years ago", "but", "and", ",", ".", "?", "!", "\n", "\n\n", " — ",
    "İ", "ß", "ﬁ", "Σ", "ǅ", "e\u0301", "a\u0308\u0304", "抑郁", "想死", "😢", "👩‍👩‍👧", "🏳️‍🌈",
    "\ud800", "\udfff", "\ud83d", "\u200b", "\u00a0", "’", "\t", "ＩＴ",
]

piece_text = st.lists(st.sampled_from(PIECES), max_size=30).flatmap(
    lambda ps: st.lists(st.sampled_from([" ", "", "  ", "\n", "-"]), min_size=len(ps), max_size=len(ps)).map(
        lambda seps: "".join(p + s for p, s in zip(ps, seps))))
any_text = st.text(alphabet=st.characters(exclude_categories=()), max_size=200)
texts = st.one_of(piece_text, any_text, st.tuples(piece_text, any_text).map("".join))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_scopes_index_the_original(text):
    for s in scopes(text):
        assert s.kind in KINDS
        assert 0 <= s.start < s.end <= len(text)
        assert 0 <= s.cue_start < s.cue_end <= len(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_mentions_quote_the_original(text):
    got = find_symptoms(text)
    for m in got:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.status in STATUSES
        sym = m.to_symptom()
        assert (sym.start, sym.end, sym.text) == (m.start, m.end, m.text)
    sub = find_symptoms(text, ["depression", "interpersonal_risk"])
    assert set(sub) <= set(got)


def test_known_hard_strings():
    for text in ["İ want to die", "I\u0301 want to die", "\ud800I want to die\udfff", "I want to die" * 200,
                 "抑郁 I feel hopeless 想死", "I’m worthless 🏳️‍🌈 and 👩‍👩‍👧 nobody cares", "ǅ" * 50 + " kill myself"]:
        for m in find_symptoms(text):
            assert text[m.start:m.end] == m.text
        for s in scopes(text):
            assert 0 <= s.start < s.end <= len(text)
    text = "İİİ I want to die"
    (m,) = [m for m in find_symptoms(text) if m.symptom == "cssrs.wish_dead"]
    assert m.text == "want to die" and m.status == "present"
