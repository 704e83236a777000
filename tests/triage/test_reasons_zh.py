"""Triage reasons in Chinese: every reason of policy.yaml worded in reasons.zh.yaml, picked by the
locale, with the rules still in policy.yaml alone."""
from __future__ import annotations

import re
from string import Formatter

import pytest

from mentalens.triage import not_assessed, policy, triage
from mentalens.triage.policy import chinese_reasons, empty_reason, missing_chinese

HAN = re.compile(r"[\u4e00-\u9fff]")
METHOD_WORDS_ZH = re.compile(r"药|藥|跳|上吊|割|刀|绳|繩|桥|橋|烧炭|燒炭|过量|過量|溺|枪|槍|毒|成功|未遂")

STRONG = ({"suicidal_ideation": {"no": 0.05, "yes": 0.95}}, {"suicidal_ideation": ["yes"]})


def test_every_signal_and_family_of_the_policy_has_chinese_wording():
    """Fails when policy.yaml gains a signal or family that reasons.zh.yaml does not word."""
    assert missing_chinese() == []


def test_chinese_reasons_use_only_the_english_fields():
    pol, zh = policy(), chinese_reasons()
    fields = lambda s: {n for _, n, _, _ in Formatter().parse(s) if n}  # noqa: E731
    for s in pol.signals:
        for lang in ("zh-Hans", "zh-Hant"):
            assert fields(zh.signals[s.id](lang)) <= fields(s.reason), s.id


def test_chinese_wording_is_safe():
    zh = chinese_reasons()
    texts = [z(lang) for z in (*zh.signals.values(), zh.imminent, *zh.families.values(), zh.empty)
             for lang in ("zh-Hans", "zh-Hant")]
    for text in texts:
        assert HAN.search(text) and not METHOD_WORDS_ZH.search(text), text


@pytest.mark.parametrize("locale, strong, not_run", [
    ("zh_CN", "帖子表达了自杀的念头，或不想活下去的想法", "未评估：压力（没有运行任务 stress）"),
    ("zh_TW", "貼文表達了自殺的念頭，或不想活下去的想法", "未評估：壓力（沒有執行任務 stress）"),
    ("zh_HK.UTF-8", "貼文表達了自殺的念頭，或不想活下去的想法", "未評估：壓力（沒有執行任務 stress）"),
])
def test_reasons_follow_a_chinese_locale(locale, strong, not_run):
    t = triage(*STRONG, "I want to die", locale)
    assert t.level == "high"
    assert t.reasons[0] == strong and not_run in t.reasons
    assert not any(r.startswith("not assessed") or "the post" in r for r in t.reasons)
    assert t.resources is not None and HAN.search(t.resources.message)


def test_english_reasons_are_unchanged():
    t = triage(*STRONG, "I want to die", "en_US")
    assert t.reasons[0] == "the post expresses thoughts of suicide or of not wanting to live"
    assert "not assessed: stress (the task stress was not run)" in t.reasons


def test_imminent_reason_in_chinese():
    t = triage(*STRONG, "I want to die tonight. I'm going to do it tonight.", "zh_CN")
    assert t.level == "imminent"
    assert t.reasons[0] == chinese_reasons().imminent("zh-Hans") == "帖子显示作者可能很快就会按照这些想法行动"
    assert triage(*STRONG, "I want to die tonight. I'm going to do it tonight.", "zh_TW").reasons[0] == \
        "貼文顯示作者可能很快就會按照這些想法行動"


def test_label_names_in_chinese_reasons():
    probs = {"mental_disorder": {"none": 0.05, "depression": 0.05, "suicide_or_self_harm": 0.05, "anxiety": 0.8,
                                 "bipolar": 0.025, "ptsd": 0.025}}
    t = triage(probs, {"mental_disorder": ["anxiety"]}, "x", "zh_CN")
    assert "帖子的用语与谈论焦虑的帖子相似" in t.reasons
    en = triage(probs, {"mental_disorder": ["anxiety"]}, "x", "en_US")
    assert "the post's language is similar to posts about anxiety" in en.reasons


def test_not_assessed_in_chinese():
    run = frozenset({"suicidal_ideation", "stress"})
    out = not_assessed(frozenset({"stress"}), run, "zh-Hans")
    assert "未评估：自杀信号（模型没有为 suicidal_ideation 给出可读的输出）" in out
    assert any(r.startswith("未评估：抑郁信号（任务 depression、depression_severity") for r in out)
    assert not_assessed(frozenset({"stress"}), run) == not_assessed(frozenset({"stress"}), run, "en")
    assert all(r.startswith("not assessed: ") for r in not_assessed(frozenset(), run))


def test_empty_text_reason():
    assert empty_reason("zh_CN") == "没有可分析的文本"
    assert empty_reason("zh_TW") == "沒有可分析的文字"
    assert empty_reason("en_US") == "no text to analyse"
