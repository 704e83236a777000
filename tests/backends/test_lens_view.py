"""What the lens backend reads of a post (backends/lens/view.py): URLs and handles are not read,
gendered words read as neutral words, names are not read, typos read as the word, someone else's words are not read —
so those changes cannot move a score, and the tokens not read carry no contribution."""
from __future__ import annotations

import numpy as np
import pytest

from mentalens.backends.lens import tokenize
from mentalens.backends.lens.spelling import Speller
from mentalens.backends.lens.view import make_view


SPELLER = Speller(["really", "have", "friends", "much", "the", "next", "week", "alone", "lake", "when", "for",
                   "worth", "with"])


def read(text: str, speller=None):
    tokens = tokenize.encode([text], offsets=True)
    return tokens, make_view([text], tokens, speller)


def units(text: str, speller=None) -> list[int]:
    return read(text, speller)[1].ids.tolist()


@pytest.mark.parametrize("a, b", [
    ("i feel so alone lately", "i feel so alone lately https://example.com/x?y=1"),
    ("i feel so alone lately", "i feel so alone lately www.example.org"),
    ("i feel so alone lately", "@sam_99 i feel so alone lately"),
    ("i feel so alone lately", "i feel so alone lately u/throwaway_123"),
    ("i feel so alone lately", "i feel so alone lately (https://example.com/p/1)"),
    ("i feel so alone lately", "i feel so alone lately cc @late.bus"),
    ("i feel so alone lately. ok", "i feel so alone lately. \U0001f4f1 \u2615 ok"),
])
def test_urls_and_handles_are_not_read(a, b):
    assert units(a) == units(b)


@pytest.mark.parametrize("a, b", [
    ("my boyfriend left and he took everything", "my girlfriend left and she took everything"),
    ("my husband says his job is killing him", "my wife says her job is killing her"),
    ("I told my mom and my brother", "I told my dad and my sister"),
    ("it is my brother's birthday", "it is my sister's birthday"),
])
def test_gender_swaps_read_the_same(a, b):
    assert units(a) == units(b)


def test_given_names_are_not_read_when_capitalised_or_in_a_post_without_capitals():
    assert units("I talked to Sarah about it") == units("I talked to Omar about it") == units("I talked to about it")
    assert units("I talked to Sarah about it") != units("I talked to sarah about it")   # "sarah": a word here
    assert units("i talked to sarah about it") == units("i talked to omar about it")


def test_one_edit_typos_read_as_the_known_word():
    assert units("I realy have no freinds", SPELLER) == units("I really have no friends", SPELLER)
    assert units("i feel so aloen", SPELLER) == units("i feel so alone", SPELLER)
    assert units("I'll see you nxet week", SPELLER) == units("I'll see you next week", SPELLER)
    assert units("miss her so muhc", SPELLER) == units("miss her so much", SPELLER)
    # a left-out letter put back wins over a changed one; three-letter words get only that
    assert units("nothing feels woth it", SPELLER) == units("nothing feels worth it", SPELLER)
    assert units("whn i wake", SPELLER) == units("when i wake", SPELLER)
    assert units("fot you", SPELLER) != units("for you", SPELLER)


def test_a_typo_with_two_repairs_reads_as_the_one_its_neighbours_suggest():
    speller = Speller(["love", "live", "want", "anymore"], {("to", "live"): 12, ("to", "love"): 3,
                                                           ("love", "you"): 40})
    assert speller.repair("lve", "to", "anymore") == "live"
    assert speller.repair("lve", "i", "you") == "love"
    assert speller.repair("lve") == "love"                     # no neighbours: the more frequent word
    learned = Speller.learn(["I want to live. I want to live well."] * 5)
    assert learned.pairs[("to", "live")] == 10 and Speller.parse_pairs(learned.pairs_text()) == learned.pairs


def test_unknown_capitalised_words_inside_a_sentence_are_not_read():
    assert units("we walked by the Zyxwq lake", SPELLER) == units("we walked by the lake", SPELLER)
    assert units("Zyxwq walked by the lake", SPELLER) != units("walked by the lake", SPELLER)   # sentence start
    assert units("we walked by the Lake", SPELLER) == units("we walked by the lake", SPELLER)   # known word


def test_units_point_at_their_tokens():
    tokens, view = read("my girlfriend said https://x.io hi")
    assert (np.diff(view.pos) > 0).all() and view.pos.max() < len(tokens.ids)
    assert view.n_docs == 1 and view.ptr.tolist() == [0, len(view.ids)]


def _read_text(text: str) -> str:
    return tokenize._tokenizer().decode(units(text)).strip()


@pytest.mark.parametrize("text, gone, kept", [
    # someone else's words, reported: not read as a whole
    ("my dad said he wants to end his life. I'm so scared", "end", "scared"),
    # a negated risk statement with the negation that turns it
    ("I don't want to die. I'm just tired", "die", "tired"),
    ("I'm not going to kill myself, I'm angry", "kill", "angry"),
    # past
    ("I wanted to die last year. I'm still here", "die", "still"),
    # an idiom
    ("this exam is killing me, so stressed", "killing", "stressed"),
])
def test_risk_that_is_not_the_writers_own_present_risk_is_not_read(text, gone, kept):
    read_text = _read_text(text)
    assert gone not in read_text and kept in read_text, read_text


@pytest.mark.parametrize("text, word", [
    ("I want to die", "die"),
    ("my parents say I'm a burden and I want to die", "die"),      # the writer is in the reported words
    ("My friend killed herself last year and I want to join her", "join"),
    ("what if I just ended it all", "ended"),                     # hypothetical: still read
])
def test_the_writers_own_risk_stays_read(text, word):
    assert word in _read_text(text)
