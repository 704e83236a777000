"""Crisis resources in Chinese: complete for Mainland China, Hong Kong and Taiwan, in simplified or
traditional characters by locale; Chinese wording for every other region when the UI is Chinese;
English untouched; never a number that the English (from SAFETY.md) does not give."""
from __future__ import annotations

import copy
import re

import pytest
import yaml
from pydantic import ValidationError

from mentalens.i18n import ui_language
from mentalens.triage.resources import RESOURCES_FILE, ResourceFile, region_name, resource_file, resources_for

HAN = re.compile(r"[\u4e00-\u9fff]")
SIMPLIFIED_ONLY = re.compile(r"[拨请联络热线杀说这们没帮务话紧时语]")
TRADITIONAL_ONLY = re.compile(r"[撥請聯絡熱線殺說這們沒幫務話緊時語]")
# methods, means and sensational words: never in what people read (SAFETY.md)
METHOD_WORDS_ZH = re.compile(r"药|藥|跳|上吊|割|刀|绳|繩|桥|橋|烧炭|燒炭|过量|過量|溺|枪|槍|毒|自杀成功|自殺成功|自杀未遂|自殺未遂")


@pytest.mark.parametrize("locale, lang", [
    ("zh_CN.UTF-8", "zh-Hans"), ("zh_CN", "zh-Hans"), ("zh-CN", "zh-Hans"), ("zh_SG", "zh-Hans"), ("zh", "zh-Hans"),
    ("zh_Hans_CN", "zh-Hans"), ("zh_TW.UTF-8", "zh-Hant"), ("zh_HK", "zh-Hant"), ("zh_MO", "zh-Hant"),
    ("zh_Hant_TW", "zh-Hant"), ("zh-Hant-HK", "zh-Hant"), ("zh_Hant", "zh-Hant"), ("zh_US", "zh-Hans"),
    ("en_US.UTF-8", "en"), ("en_HK", "en"), ("en_TW", "en"), ("C", "en"), ("", "en"), (None, "en"), ("garbage!!", "en"),
])
def test_ui_language_from_the_locale(locale, lang):
    assert ui_language(locale) == lang


def test_mainland_china_in_simplified_characters():
    r = resources_for("zh_CN.UTF-8")
    assert r.region == "Mainland China" and region_name(r, "zh-Hans") == "中国内地"
    assert [c.contact for c in r.crisis_lines] == ["拨打 12356"]
    assert r.crisis_lines[0].name == "全国心理援助热线"
    assert r.emergency == "120 或 110"
    assert "12356" in r.message and "120 或 110" in r.message
    assert not TRADITIONAL_ONLY.search(r.message) and "If you" not in r.message


def test_hong_kong_in_traditional_characters_with_every_line():
    r = resources_for("zh_HK.UTF-8")
    contacts = [c.contact for c in r.crisis_lines]
    assert contacts == ["撥打 2896 0000", "撥打 2389 2222", "撥打 2382 0000"]
    assert r.crisis_lines[0].hours == "24 小時" and r.crisis_lines[0].note == "多種語言"
    assert r.emergency == "999" and region_name(r, "zh-Hant") == "香港"
    for number in ("2896 0000", "2389 2222", "2382 0000", "999"):
        assert number in r.message
    assert not SIMPLIFIED_ONLY.search(r.message + "".join(c.name + c.contact for c in r.crisis_lines))


def test_taiwan_in_traditional_characters():
    r = resources_for("zh_TW")
    assert [c.contact for c in r.crisis_lines] == ["撥打 1925", "撥打 1995"]
    assert all(c.hours == "24 小時" for c in r.crisis_lines)
    assert r.emergency == "119 或 110" and region_name(r, "zh-Hant") == "台灣"
    assert "1925" in r.message and "1995" in r.message and "119 或 110" in r.message
    assert not SIMPLIFIED_ONLY.search(r.message)
    assert resources_for("zh_Hant_TW").message == r.message


def test_script_follows_the_locale_not_the_region():
    # a simplified-Chinese reader in Hong Kong gets the Hong Kong numbers in simplified characters
    hans = resources_for("zh_Hans_HK")
    assert hans.region == "Hong Kong" and "拨打 2896 0000" in hans.message
    assert not TRADITIONAL_ONLY.search(hans.message)


@pytest.mark.parametrize("locale, numbers", [
    ("zh_US", ["988", "741741", "911"]), ("zh_CA", ["9-8-8", "911"]), ("zh_GB", ["116 123", "999 或 112"]),
    ("zh_IE", ["116 123", "112 或 999"]),
])
def test_every_region_has_chinese_wording_for_a_chinese_ui(locale, numbers):
    r = resources_for(locale)
    assert r.region is not None and HAN.search(r.message) and "If you" not in r.message
    for n in numbers:
        assert n in r.message
    assert all(HAN.search(c.contact) for c in r.crisis_lines)


@pytest.mark.parametrize("locale", ["zh", "zh_DE", "zh_SG", "zh_MO", "zh_Hant"])
def test_unlisted_chinese_locale_gets_the_generic_message_and_no_number(locale):
    r = resources_for(locale)
    assert r.region is None and r.crisis_lines == [] and r.emergency is None
    assert not re.search(r"\d", r.message)
    assert ("紧急服务" in r.message and "危机热线" in r.message) or ("緊急服務" in r.message and "危機熱線" in r.message)


def test_english_is_unchanged():
    r = resources_for("en_HK")
    assert r.message == (
        "If you or someone you know might be thinking about suicide or may not be safe, please reach out now: "
        "The Samaritans (call 2896 0000); Samaritan Befrienders Hong Kong (call 2389 2222); Suicide Prevention "
        "Services (call 2382 0000). In an emergency, call 999. You do not have to go through this alone; help "
        "works, and feelings like these can change. mentalens is offline software: it cannot contact anyone, it is "
        "not a crisis or medical service, and its screening signals are not a diagnosis.")
    assert [c.model_dump() for c in r.crisis_lines][0] == {"name": "The Samaritans", "contact": "call 2896 0000",
                                                          "hours": "24 hours", "note": "multilingual"}
    assert resources_for("en_CN").crisis_lines[0].contact == "call 12356"


@pytest.mark.parametrize("locale", ["zh_CN", "zh_HK", "zh_TW", "zh_US", "zh"])
def test_chinese_messages_follow_safe_messaging(locale):
    r = resources_for(locale)
    lang = ui_language(locale)
    hope, scope, diagnosis = (("可以改变", "无法联系任何人", "不是诊断") if lang == "zh-Hans"
                              else ("可以改變", "無法聯絡任何人", "不是診斷"))
    assert hope in r.message and scope in r.message and diagnosis in r.message
    assert not METHOD_WORDS_ZH.search(r.message)


def test_every_number_in_chinese_is_one_the_english_gives():
    f = resource_file()
    for key, region in f.regions.items():
        english = " ".join([region.emergency] + [f"{x.name} {x.contact}" for x in region.crisis_lines])
        for lang in ("zh-Hans", "zh-Hant"):
            chinese = " ".join([region.zh[lang].emergency]
                               + [f"{x.zh[lang].name} {x.zh[lang].contact}" for x in region.crisis_lines])
            assert set(re.findall(r"\d+", chinese)) <= set(re.findall(r"\d+", english)), (key, lang)


def _raw():
    return yaml.safe_load(RESOURCES_FILE.read_text(encoding="utf-8"))


def test_the_loader_refuses_a_chinese_number_the_english_does_not_give():
    raw = _raw()
    ResourceFile.model_validate(copy.deepcopy(raw))          # the file as shipped loads
    bad = copy.deepcopy(raw)
    bad["regions"]["CN"]["crisis_lines"][0]["zh"]["zh-Hans"]["contact"] = "拨打 12355"
    with pytest.raises(ValidationError, match="numbers"):
        ResourceFile.model_validate(bad)
    bad = copy.deepcopy(raw)
    bad["regions"]["TW"]["zh"]["zh-Hant"]["emergency"] = "119"
    with pytest.raises(ValidationError, match="emergency"):
        ResourceFile.model_validate(bad)
    bad = copy.deepcopy(raw)
    bad["zh"]["zh-Hans"]["generic"] += "请拨打 110。"
    with pytest.raises(ValidationError, match="number"):
        ResourceFile.model_validate(bad)


def test_the_loader_refuses_a_line_without_both_scripts():
    bad = _raw()
    del bad["regions"]["HK"]["crisis_lines"][1]["zh"]["zh-Hant"]
    with pytest.raises(ValidationError, match="zh-Hant"):
        ResourceFile.model_validate(bad)
