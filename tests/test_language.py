"""The script-based language guess and its coverage warning."""
from __future__ import annotations

import pytest

from mentalens.language import coverage_warning, guess


@pytest.mark.parametrize("text, lang", [
    ("I can't sleep and nothing feels worth doing anymore", "en"),
    ("Exams next week, library until midnight, coffee, repeat", "en"),
    ("ok", "en"),
    ("\u6211\u6700\u8fd1\u5f88\u96be\u8fc7\uff0c\u7761\u4e0d\u7740\u89c9", "zh"),
    ("\u6211\u5f88\u96be\u8fc7 but I'm ok", "mixed"),
    ("Ich bin so m\u00fcde und traurig, niemand versteht mich hier", "unknown"),
    ("Estoy muy cansado y triste, nadie me entiende", "unknown"),
    ("\u041c\u043d\u0435 \u043e\u0447\u0435\u043d\u044c \u0433\u0440\u0443\u0441\u0442\u043d\u043e", "unknown"),
    ("\U0001f622\U0001f622 123 !!!", "unknown"),
    ("", "unknown"),
    ("I want to die", "en"),
])
def test_guess(text, lang):
    assert guess(text).language == lang


def test_no_words_means_no_warning():
    assert coverage_warning(guess("\U0001f622 !!!"), ["en"]) is None
    assert coverage_warning(guess("hello there friend"), ["en"]) is None


def test_warnings_name_the_languages():
    assert "Chinese" in coverage_warning(guess("\u6211\u5f88\u96be\u8fc7"), ["en"])
    assert "mixes" in coverage_warning(guess("\u6211\u5f88\u96be\u8fc7 but I'm ok"), ["en"])
    assert "does not look like English" in coverage_warning(guess("Ich bin so m\u00fcde und traurig"), ["en"])
    assert coverage_warning(guess("\u6211\u5f88\u96be\u8fc7"), ["en", "zh"]) is None


def test_long_text_is_sampled_quickly():
    assert guess("I feel alone. " * 100_000).language == "en"
