"""Triage: every level reachable from hand-built probability tables; resources by locale."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from mentalens.config import default_locale
from mentalens.tasks import get_task
from mentalens.triage import imminence_cue, policy, region_of, resources_for, territory, triage
from mentalens.triage.resources import resource_file


def table(**tasks):
    """(probabilities, decided labels) from task=label or task=(label, p) or task={label: p} (multilabel).

    Single-label: the decided label gets p, the first other label the rest."""
    probs, labels = {}, {}
    for t, v in tasks.items():
        spec = get_task(t)
        if isinstance(v, dict):                      # multilabel: label -> p, decided when p >= 0.5
            probs[t] = {lab: v.get(lab, 0.0) for lab in spec.label_ids}
            labels[t] = [lab for lab in spec.label_ids if probs[t][lab] >= 0.5]
            continue
        label, p = v if isinstance(v, tuple) else (v, 0.9)
        other = spec.label_ids[0] if label != spec.label_ids[0] else spec.label_ids[1]
        probs[t] = {lab: (p if lab == label else 1.0 - p if lab == other else 0.0) for lab in spec.label_ids}
        labels[t] = [label]
    return probs, labels


def level(text="a post", locale="en_US", **tasks):
    return triage(*table(**tasks), text, locale)


NONE = dict(suicidal_ideation="no", depression="no", stress="no", loneliness="no",
            interpersonal_risk={}, mental_disorder="none", depression_severity="minimal",
            suicide_risk_level="supportive", suicide_risk="no")


def test_none():
    t = level(**NONE)
    assert t.level == "none" and t.resources is None
    assert not any(r.startswith("not assessed") for r in t.reasons)


@pytest.mark.parametrize("change", [
    {"depression": "yes"}, {"stress": "yes"}, {"loneliness": "yes"},
    {"interpersonal_risk": {"thwarted_belongingness": 0.8}}, {"depression_severity": "mild"},
    {"mental_disorder": "anxiety"}, {"suicide_risk": ("yes", 0.55), "depression": "yes"},
])
def test_low(change):
    t = level(**{**NONE, **change})
    assert t.level == "low" and t.resources is None and t.reasons


@pytest.mark.parametrize("change", [
    {"suicidal_ideation": ("yes", 0.55)},
    {"suicide_risk_level": ("ideation", 0.5), "suicidal_ideation": ("no", 0.75)},
    {"suicide_risk": ("yes", 0.8), "suicidal_ideation": ("no", 0.75)},
    {"mental_disorder": ("suicide_or_self_harm", 0.45)},
    {"depression_severity": "severe", "depression": "yes"}, {"depression_severity": "moderate", "depression": "yes"},
    {"interpersonal_risk": {"thwarted_belongingness": 0.8, "perceived_burdensomeness": 0.7}},
])
def test_moderate(change):
    t = level(**{**NONE, **change})
    assert t.level == "moderate" and t.resources is not None


def test_severity_without_a_depression_signal_is_low():
    # the severity head learns from depression communities: alone, its grade is a weak signal
    assert level(**{**NONE, "depression_severity": ("severe", 0.9)}).level == "low"


def test_cssrs_level_needs_a_clear_ideation_signal_to_be_high():
    corroborated = {**NONE, "suicide_risk_level": ("ideation", 0.9)}
    assert level(**{**corroborated, "suicidal_ideation": ("no", 0.55)}).level == "moderate"
    assert level(**{**corroborated, "suicidal_ideation": ("no", 0.35)}).level == "high"


def test_cssrs_heads_alone_do_not_raise_the_level():
    # the C-SSRS heads have no "no risk" class for ordinary posts: uncorroborated, they say nothing
    assert level(**{**NONE, "suicide_risk_level": ("attempt", 0.9)}).level == "none"
    assert level(**{**NONE, "suicide_risk_level": "indicator"}).level == "none"
    assert level(**{**NONE, "suicide_risk": ("yes", 0.95)}).level == "none"


def test_weak_suicide_probability_without_the_decision_is_moderate():
    probs, labels = table(**NONE)
    probs["suicidal_ideation"] = {"no": 0.55, "yes": 0.45}
    assert triage(probs, labels, "x", "en_US").level == "moderate"


@pytest.mark.parametrize("change", [
    {"suicidal_ideation": ("yes", 0.9)},
    {"suicide_risk_level": ("behavior", 0.7), "suicidal_ideation": ("no", 0.35)},
    {"suicide_risk_level": ("attempt", 0.8), "suicidal_ideation": ("no", 0.4)},
    {"mental_disorder": ("suicide_or_self_harm", 0.8)},
])
def test_high(change):
    t = level(**{**NONE, **change})
    assert t.level == "high" and t.resources is not None
    assert t.reasons[0] == "the post expresses thoughts of suicide or of not wanting to live"


@pytest.mark.parametrize("text", [
    "I can't do this anymore. I'm going to end it tonight.",
    "This is my last post. Goodbye everyone.",
    "I\u2019ve made up my mind and I have a plan.",
    "Tonight I'm doing it, I'm sorry.",
])
def test_imminent_needs_a_strong_signal_and_a_cue(text):
    assert level(text, **{**NONE, "suicidal_ideation": ("yes", 0.9)}).level == "imminent"
    assert level(text, **NONE).level == "none"              # a cue alone is not a risk signal


@pytest.mark.parametrize("text", [
    "I don't want to live anymore. I'll talk to my therapist tomorrow.",
    "My friend said she is going to do it tonight and I'm scared for her.",
    "I have thought about not being here, but I don't have a plan.",
    "I'm not going to do anything tonight, I just needed to say it.",
])
def test_no_imminence_without_a_first_person_cue(text):
    assert not imminence_cue(text)
    assert level(text, **{**NONE, "suicidal_ideation": ("yes", 0.9)}).level == "high"


def test_every_level_is_reachable():
    seen = {level(**NONE).level, level(**{**NONE, "stress": "yes"}).level,
            level(**{**NONE, "depression_severity": "severe", "depression": "yes"}).level,
            level(**{**NONE, "suicidal_ideation": ("yes", 0.9)}).level,
            level("Goodbye everyone, this is my last post.", **{**NONE, "suicidal_ideation": ("yes", 0.9)}).level}
    assert seen == {"none", "low", "moderate", "high", "imminent"}


def test_stronger_reasons_replace_weaker_ones():
    t = level(**{**NONE, "suicidal_ideation": ("yes", 0.9), "depression": "yes"})
    assert "the post shows some language linked to thoughts of suicide or self-harm" not in t.reasons
    assert "the post shows signs of depression" in t.reasons


def test_a_subset_of_tasks_says_what_was_not_assessed():
    t = level(stress="yes")
    assert t.level == "low"
    joined = " | ".join(t.reasons)
    assert "not assessed: suicide signals" in joined and "not assessed: depression signals" in joined
    assert "not assessed: stress" not in joined


def test_invalid_task_is_not_assessed_not_no():
    probs, labels = table(suicidal_ideation="no", depression="no")
    probs["suicidal_ideation"], labels["suicidal_ideation"] = {}, []
    t = triage(probs, labels, "x", "en_US")
    assert any("suicide signals" in r and "no readable output for suicidal_ideation" in r for r in t.reasons)


def test_nan_probability_never_passes_a_threshold():
    probs, labels = table(suicidal_ideation="no")
    probs["suicidal_ideation"] = {"no": float("nan"), "yes": float("nan")}
    assert triage(probs, labels, "x", "en_US").level == "none"


# -- resources ------------------------------------------------------------------------------

@pytest.mark.parametrize("locale, region", [
    ("en_US.UTF-8", "United States"), ("en_US", "United States"), ("es_US", "United States"),
    ("en_GB", "United Kingdom"), ("en_GB.UTF-8@euro", "United Kingdom"), ("en-UK", "United Kingdom"),
    ("en_IE.utf8", "Ireland"), ("ga_IE", "Ireland"),
    ("en_CA", "Canada"), ("fr_CA.UTF-8", "Canada"),
    ("zh_CN.UTF-8", "Mainland China"), ("zh_HK", "Hong Kong"), ("zh_TW", "Taiwan"), ("zh_Hant_TW", "Taiwan"),
    ("zh-Hant-HK", "Hong Kong"),
])
def test_locales_map_to_regions(locale, region):
    r = resources_for(locale)
    assert r.region == region and r.crisis_lines and r.emergency
    assert r.locale == locale


@pytest.mark.parametrize("locale", ["", None, "C", "POSIX", "en", "de_DE.UTF-8", "fr_FR", "xx_YY",
                                    "en_AU", "garbage!!", "ca"])
def test_unknown_locale_gets_no_number(locale):    # "zh" (Chinese wording): tests/triage/test_resources_zh.py
    r = resources_for(locale)
    assert r.region is None and r.crisis_lines == [] and r.emergency is None
    assert not re.search(r"\d", r.message)
    assert "local emergency services" in r.message and "local crisis line" in r.message


def test_messages_follow_safe_messaging():
    for r in (resources_for("en_US"), resources_for("de_DE")):
        assert "cannot contact anyone" in r.message and "not a diagnosis" in r.message
        assert "help works" in r.message


def test_resource_file_is_dated_and_complete():
    f = resource_file()
    assert isinstance(f.checked, dt.date) and dt.date(2026, 1, 1) <= f.checked <= dt.date.today()
    assert set(f.regions) == {"US", "CA", "GB", "IE", "CN", "HK", "TW"}
    assert resources_for("en_US").checked == f.checked
    us = resources_for("en_US")
    assert [c.contact for c in us.crisis_lines] == ["call or text 988", "text HOME to 741741"]
    assert us.emergency == "911"


def test_each_result_gets_its_own_resources():
    a = level(**{**NONE, "suicidal_ideation": ("yes", 0.9)})
    b = level(**{**NONE, "suicidal_ideation": ("yes", 0.9)})
    a.resources.crisis_lines.clear()
    assert b.resources.crisis_lines


def test_territory_parsing():
    assert territory("en_US.UTF-8") == "US" and territory("en") is None and territory("") is None
    assert region_of("en_NZ") is None


def test_locale_from_the_environment(monkeypatch):
    for var in ("MENTALENS_LOCALE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert resources_for(default_locale()).region == "United Kingdom"
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    assert default_locale() == "en_GB.UTF-8"
    monkeypatch.setenv("MENTALENS_LOCALE", "zh_TW")
    assert resources_for(default_locale()).region == "Taiwan"


# -- the policy file --------------------------------------------------------------------------

METHOD_WORDS = re.compile(r"\b(pills?|overdose|hang\w*|rope|jump\w*|bridge|gun|firearm|knife|blade|cut\w*|"
                          r"poison\w*|drown\w*|dose|lethal|committed suicide|successful|failed attempt)\b", re.I)


def test_user_facing_words_are_safe():
    pol, f = policy(), resource_file()
    texts = [s.reason for s in pol.signals] + [pol.imminent.reason, f.message, f.generic, f.scope]
    for text in texts:
        assert not METHOD_WORDS.search(text), text


def test_cue_patterns_name_no_method():
    for pattern in policy().imminent.cues.values():
        assert not METHOD_WORDS.search(pattern), pattern


def test_policy_resources_start_at_moderate():
    assert policy().resources_from == "moderate"
    assert level(**{**NONE, "depression": "yes"}).resources is None
