"""The HTML report with Chinese posts: lang="zh" on the post text, a CJK font stack of local
fonts only, exact highlights in Chinese (and traditional) text, Chinese rationales and symptom
names escaped into the page."""
from __future__ import annotations

import re

from report_posts import read, result, span, task

from mentalens.explain.html import render_report
from mentalens.explain.html_style import BASE_CSS, FONT_STACK, FONT_STACK_ZH
from mentalens.explain.layer import explain_result

POST = "我朋友说她不想活了。我真的撐不下去了，好想死。笑死，我電腦又死機了。<b>不是粗体</b>"


def chinese_result(language="zh"):
    tr = task("high_suicide_risk", [span(POST, "好想死", 1.4), span(POST, "撐不下去", 0.9), span(POST, "朋友", -0.4)])
    res = result(POST, {"high_suicide_risk": tr}, level="high", reasons=["帖子表达了想死的念头"], locale="zh_CN",
                 language=language)
    return explain_result(res, POST)


def test_a_chinese_result_renders_with_lang_zh_exact_marks_and_chinese_explanations():
    res = chinese_result()
    page = render_report([POST], [res])
    dom = read(page)
    assert dom.post_langs == ["zh"] and dom.post_texts == [POST]
    for m in dom.marks:
        assert m.text == POST[m.start:m.end]
    assert {m.text for m in dom.marks} == {"好想死", "撐不下去", "朋友"}
    tr = res.tasks["high_suicide_risk"]
    assert "高自杀风险" in tr.rationale and tr.rationale in page
    assert "希望自己死去（C-SSRS 意念 1）" in page                      # the symptom's Chinese name
    assert {s.status for s in tr.symptoms} == {"present", "other_person"}
    assert "12356" in dom.resources[0]
    assert "<b>不是粗体</b>" not in page and "&lt;b&gt;不是粗体&lt;/b&gt;" in page


def test_cjk_fonts_are_local_only():
    assert "PingFang SC" in FONT_STACK and "Noto Sans CJK SC" in FONT_STACK and FONT_STACK.endswith("sans-serif")
    assert FONT_STACK_ZH.startswith('"PingFang SC"') and FONT_STACK_ZH.endswith("sans-serif")
    assert f"font-family:{FONT_STACK}" in BASE_CSS and ":lang(zh){font-family:" in BASE_CSS
    page = render_report([POST], [chinese_result()])
    style = page.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "@font-face" not in style and "url(" not in style and not re.search(r"https?://", page)


def test_mixed_or_unknown_language_mostly_chinese_gets_lang_zh():
    for language in ("mixed", "unknown"):
        dom = read(render_report([POST], [chinese_result(language)]))
        assert dom.post_langs == ["zh"], language
    english = "I can't sleep, 好累"
    r = result(english, {"stress": task("stress")}, language="mixed")
    assert read(render_report([english], [r])).post_langs == [None]
