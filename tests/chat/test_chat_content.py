"""The chat's content files: versioned, reviewed, complete in both languages, and safe by the same
checks every reply gets (SAFETY.md: no method, no diagnosis, no diet plan, no stigma, no number)."""
from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml

from mentalens.chat import check_reply, texts
from mentalens.chat.compose import crisis_text, resources_locale, resources_text
from mentalens.triage import resources_for

SKILLS = {"grounding", "breathing", "activation", "reframing", "sleep", "reaching_out", "safety_plan"}
FILES = sorted(texts.CONTENT_DIR.glob("*.yaml"))


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for k, v in node.items():
            if k not in ("reviewed", "triggers", "pattern"):
                yield from _strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v)


def test_the_files_are_there_and_packaged():
    assert {f.name for f in FILES} == {"replies.en.yaml", "replies.zh.yaml", "skills.en.yaml", "skills.zh.yaml"}
    from pathlib import Path

    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8")
    assert '"chat/content/*.yaml"' in pyproject.split("[tool.setuptools.package-data]")[1]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_file_is_versioned_and_reviewed(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data["version"], int) and data["version"] >= 1
    rev = data["reviewed"]
    assert isinstance(rev["date"], dt.date) and "SAFETY.md" in rev["against"] and len(rev["checks"]) >= 3


def test_both_languages_have_the_same_texts_and_skills():
    en, zh = texts.replies("en"), texts.replies("zh")
    assert set(en) - {"version", "reviewed"} == set(zh) - {"version", "reviewed"}
    assert set(en["crisis"]) == set(zh["crisis"])
    for lang in ("en", "zh"):
        skills = texts.skills(lang)
        assert set(skills) == SKILLS
        for sid, s in skills.items():
            assert s["title"] and s["intro"] and 3 <= len(s["steps"]) <= 6 and s["triggers"], (lang, sid)
            for t in s["triggers"]:
                re.compile(t)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_text_holds_a_number_or_an_unsafe_wording(lang):
    for data in (texts.replies(lang), texts.load("skills", lang)):
        for s in _strings(data):
            assert not re.search(r"\d{2,}", s), s                    # numbers come only from resources.yaml
            assert check_reply(s, crisis=False, lang=lang) == [], s


@pytest.mark.parametrize("locale", ["en_US", "en_GB", "en_CA", "zh_CN", "zh_HK", "zh_TW", "fr_FR", ""])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_crisis_text_passes_check_reply(locale, lang):
    variant = "zh-Hant-TW" if locale == "zh_TW" else "zh-Hans"
    res = resources_for(resources_locale(locale, lang, variant))
    for turn in range(3):
        for kw in ({}, {"third_party": True}, {"method": True}, {"method": True, "fiction": True}):
            body = texts.script(crisis_text(lang, turn, res, **kw), variant)
            assert check_reply(body, crisis=True, lang=lang, resources=res) == [], (locale, lang, kw, body)
    assert resources_text(res, lang)


def test_traditional_script():
    assert texts.script("软件无法联系任何人", "zh-Hant-TW") == "軟件無法聯繫任何人"
    assert texts.script("我在这里", "zh-Hant-HK") != "我在这里"
    assert texts.script("I'm here", "zh-Hant") == "I'm here" and texts.script("我在这里", "zh-Hans") == "我在这里"
