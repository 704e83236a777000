"""The message catalogs (i18n/messages.yaml, i18n/tasks.zh.yaml): complete in all three languages,
and their recognisers still match the English messages they stand for."""
from __future__ import annotations

import re

import numpy as np
import pytest

from mentalens import i18n, language
from mentalens.i18n import check_catalog, error_text, locale_from_args, t, warning_text

HAN = re.compile(r"[\u4e00-\u9fff]")


def test_catalogs_are_complete():
    """Fails when a string lacks a language, when the languages' {fields} differ, or when a task or
    label of the task specs has no Chinese name."""
    assert check_catalog() == []


def test_lookup_plural_and_fallback():
    assert t("levels.high", "en") == "HIGH" and t("levels.high", "zh-Hans") == "高"
    assert t("levels.imminent", "zh-Hant") == "緊急"
    assert t("cli.wrote_results", "en", n=1, path="x") == "mentalens: wrote 1 result to x"
    assert t("cli.wrote_results", "en", n=3, path="x") == "mentalens: wrote 3 results to x"
    assert t("cli.wrote_results", "zh-Hans", n=3, path="x") == "mentalens: 已将 3 条结果写入 x"
    assert [i18n.level_name(x, "zh-Hans") for x in ("none", "low", "moderate", "high", "imminent")] == \
        ["无", "低", "中", "高", "紧急"]


def test_task_and_label_names():
    assert i18n.task_title("suicidal_ideation", "zh-Hans") == "自杀意念"
    assert i18n.task_title("suicidal_ideation", "zh-Hant") == "自殺意念"
    assert i18n.task_title("suicidal_ideation", "en") == "Suicidal ideation"
    assert i18n.label_name("suicidal_ideation", "yes", "zh-Hans") == "有自杀意念"
    assert i18n.label_name("suicidal_ideation", "yes", "en") == "suicidal ideation"
    assert i18n.task_title("no_such_task", "zh-Hans") == "no_such_task"


@pytest.mark.parametrize("args, locale", [
    (["analyze", "x", "--locale", "zh_TW"], "zh_TW"), (["analyze", "--locale=zh_CN", "x"], "zh_CN"),
    (["analyze", "x"], None), (["analyze", "--", "--locale", "zh_CN"], None),
    (["analyze", "--locale", "zh_CN", "--locale", "en_US", "x"], "en_US"),
])
def test_locale_from_the_command_line(args, locale):
    assert locale_from_args(args) == locale


def test_the_command_line_locale_holds_only_while_it_runs(monkeypatch):
    for var in ("MENTALENS_LOCALE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert i18n.language() == "en"
    with i18n.using_locale("zh_HK"):
        assert i18n.language() == "zh-Hant" and i18n.current_locale() == "zh_HK"
    assert i18n.language() == "en"
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert i18n.language() == "zh-Hans"
    monkeypatch.setenv("MENTALENS_LOCALE", "zh_TW")
    assert i18n.language() == "zh-Hant"


# -- the recognisers match the messages made elsewhere -------------------------------------------

def _real_warnings() -> list[str]:
    from mentalens.io.inputs import DECODE_WARNING
    from mentalens.pipeline import EMPTY_WARNING

    out = [EMPTY_WARNING, DECODE_WARNING]
    for lang in ("en", "zh", "mixed", "unknown"):
        for covered in (["en"], ["zh"]):
            w = language.coverage_warning(language.Guess(lang, True), covered)
            if w:
                out.append(w)
    return out


@pytest.mark.parametrize("lang", ["zh-Hans", "zh-Hant"])
def test_every_warning_made_elsewhere_is_shown_in_chinese(lang):
    for w in _real_warnings():
        shown = warning_text(w, lang)
        assert shown != w and HAN.search(shown), w
        assert not re.search(r"\b(the|this|model|text)\b", shown), shown
    assert warning_text(_real_warnings()[0], "en") == _real_warnings()[0]
    assert warning_text("a warning nobody knows", lang) == "a warning nobody knows"


def test_language_names_inside_warnings():
    w = language.coverage_warning(language.Guess("zh", True), ["en"])
    assert warning_text(w, "zh-Hans") == "文本看起来是中文；这个模型是用英文帖子训练的，所以它对这段文本给出的信号不可靠"


def test_invalid_and_reader_warnings(analyzer, tmp_path):
    from mentalens.io.inputs import read_file
    from mentalens.pipeline import analyze_batch

    class NaN:
        def __init__(self, b):
            self._b = b
            for k in ("name", "capabilities", "model_name", "model_version", "tasks"):
                setattr(self, k, getattr(b, k))

        def predict_proba(self, texts, tasks=None):
            out = self._b.predict_proba(texts, tasks)
            out["depression"] = np.full_like(out["depression"], np.nan)
            return out

        def decide(self, task, proba):
            return self._b.decide(task, proba)

        def explain(self, texts, labels, top_k=5):
            return self._b.explain(texts, labels, top_k)

    (r,) = analyze_batch(NaN(analyzer.backend), ["I feel fine today"], locale="en_US")
    invalid = [w for w in r.warnings if "INVALID" in w]
    assert invalid and warning_text(invalid[0], "zh-Hans").startswith("任务 depression：模型没有给出可读的输出")
    p = tmp_path / "posts.jsonl"
    p.write_text('{"text": "ok"}\n\n{"body": "x"}\n', encoding="utf-8")
    made = [w for ws in read_file(p).warnings for w in ws]
    assert len(made) == 2 and all(HAN.search(warning_text(w, "zh-Hans")) for w in made)
    c = tmp_path / "posts.csv"
    c.write_text('text,id\nok,1\n\n', encoding="utf-8")
    assert all(HAN.search(warning_text(w, "zh-Hant")) for ws in read_file(c).warnings for w in ws)


def test_errors_made_elsewhere_are_shown_in_chinese():
    assert error_text("nothing to analyse", "zh-Hans") == "没有可分析的内容"
    assert error_text("the text argument is empty", "zh-Hant") == "文字參數 是空的"
    assert error_text("No such option: --foo", "zh-Hans") == "没有这个选项：--foo"
    assert error_text("nothing to analyse", "en") == "nothing to analyse"


def test_wrap_cjk_never_breaks_a_number():
    from mentalens.io.table import wrap_cjk
    from mentalens.triage.resources import resources_for

    text = resources_for("zh_HK").message
    for width in range(30, 121, 7):
        lines = wrap_cjk(text, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        from rich.cells import cell_len

        assert all(cell_len(x) <= width for x in lines)
        joined = "\n".join(lines)
        for number in ("2896 0000", "2389 2222", "2382 0000"):
            assert number in joined, (width, lines)
        assert not any(x.startswith(("。", "；", "）", "，")) for x in lines)
