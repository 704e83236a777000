"""The command line in Chinese: with a Chinese locale (--locale, $MENTALENS_LOCALE or LANG) every
heading, level, reason and crisis resource it shows is Chinese, machine-readable output keeps its
English ids, and an English locale's output is unchanged."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HAN = re.compile(r"[\u4e00-\u9fff]")
CRISIS = "I want to kill myself tonight"
SUICIDAL = "I want to die, I can't see any reason to keep living."
CALM = "Had a lovely walk by the river with my sister this morning."


@pytest.fixture
def zh_env(monkeypatch):
    """Only the given locale variable speaks (the runner's LANG or LC_ALL must not)."""
    for var in ("MENTALENS_LOCALE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    return monkeypatch


# -- in-process, the tiny test model -----------------------------------------------------------

def test_table_in_simplified_chinese(cli):
    code, out, _ = cli("analyze", SUICIDAL, "--locale", "zh_CN")
    assert code == 0
    assert "帖子 1  风险分级：" in out and ("风险分级：高" in out or "风险分级：紧急" in out)
    for heading in ("任务", "结果", "概率", "依据"):
        assert heading in out
    assert "自杀意念" in out and "有自杀意念" in out                     # task title and label name
    assert "帖子表达了自杀的念头" in out                                   # a reason
    flat = re.sub(r"\s", "", out)
    assert "现在就求助：全国心理援助热线：拨打12356；紧急电话120或110" in flat
    assert "在哪里获得帮助（中国内地；核实于" in out and "这些是软件给出的筛查信号，不是诊断" in flat
    for english in ("triage:", "get help now", "Where to get help", "not a diagnosis", "the post", "suicidal_ideation"):
        assert english not in out


def test_table_in_traditional_chinese_from_mentalens_locale(cli, zh_env):
    zh_env.setenv("MENTALENS_LOCALE", "zh_HK")
    code, out, _ = cli("analyze", SUICIDAL)
    assert code == 0 and "貼文 1  風險分級：" in out and "任務" in out and "自殺意念" in out
    flat = re.sub(r"\s", "", out)                       # lines wrap between Chinese words, never in a number
    for line in ("撥打28960000", "撥打23892222", "撥打23820000", "緊急電話999"):
        assert line in flat
    assert "2896 0000" in out and "拨打" not in out and "帖子" not in out


def test_the_locale_from_lang(cli, zh_env):
    zh_env.setenv("LANG", "zh_TW.UTF-8")
    code, out, _ = cli("analyze", SUICIDAL)
    flat = re.sub(r"\s", "", out)
    assert code == 0 and "風險分級" in out and "撥打1925" in flat and "撥打1995" in flat and "119或110" in flat


def test_every_level_name_in_chinese(cli):
    code, out, _ = cli("analyze", CALM, "--locale", "zh_CN")
    assert code == 0 and re.search(r"风险分级：(无|低|中|高|紧急)", out)
    assert "现在就求助" not in out or "12356" in out


def test_machine_formats_keep_english_ids(cli):
    code, out, _ = cli("analyze", SUICIDAL, "--locale", "zh_CN", "--format", "json")
    (r,) = json.loads(out)
    assert code == 0 and r["triage"]["level"] in ("high", "imminent")
    assert r["tasks"]["suicidal_ideation"]["labels"] == ["yes"]
    assert all(HAN.search(x) for x in r["triage"]["reasons"])
    assert r["triage"]["resources"]["crisis_lines"][0]["contact"] == "拨打 12356"
    code, out, _ = cli("analyze", SUICIDAL, "--locale", "zh_CN", "--format", "csv")
    (row,) = csv.DictReader(io.StringIO(out))
    assert row["triage_level"] in ("high", "imminent") and row["suicidal_ideation"] == "yes"
    assert "suicidal_ideation_probability" in row
    assert row["crisis_resources"] == "全国心理援助热线：拨打 12356; 紧急电话：120 或 110"
    assert HAN.search(row["triage_reasons"])


def test_csv_warnings_and_empty_rows_in_chinese(cli, tmp_path):
    src = tmp_path / "posts.jsonl"
    src.write_text("\n".join(json.dumps({"id": i, "text": t}) for i, t in enumerate([CALM, "  "])) + "\n",
                   encoding="utf-8")
    code, out, _ = cli("analyze", "--input", str(src), "--format", "csv", "--locale", "zh_CN")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows[1]["triage_reasons"] == "没有可分析的文本"
    assert rows[1]["warnings"] == "文本为空或只有空白字符；没有进行分析"
    code, out, _ = cli("analyze", "--input", str(src), "--locale", "zh_CN")
    assert "没有可分析的文本" in out and "注意：文本为空或只有空白字符" in out


def test_explain_text_in_chinese(cli):
    code, out, _ = cli("explain", SUICIDAL, "--locale", "zh_TW")
    assert code == 0 and "貼文 1  風險分級：" in out
    assert "自殺意念（suicidal_ideation）：有自殺意念（p = " in out
    assert "    支持的依據：" in out and "撥打 1925" in out and "在哪裡獲得幫助（台灣" in out
    assert "evidence for" not in out and "triage:" not in out


def test_errors_in_chinese(cli):
    code, _, err = cli("analyze", "x", "--tasks", "nope", "--locale", "zh_CN")
    assert code == 2 and err.startswith("mentalens: 错误：未知的任务：'nope'") and "\n  解决办法：已知的任务：" in err
    code, _, err = cli("analyze", "x", "--format", "xml", "--locale", "zh_HK")
    assert code == 2 and "mentalens: 錯誤：未知的輸出格式 'xml'" in err and "解決辦法：" in err
    code, _, err = cli("analyze", "x", "--input", "posts.csv", "--locale", "zh_CN")
    assert "请给出 TEXT 参数或 --input FILE 其中之一" in err


def test_usage_errors_in_chinese(cli, zh_env):
    zh_env.setenv("MENTALENS_LOCALE", "zh_CN")
    code, _, err = cli("analyze", "--no-such-option", "x")
    assert code == 2 and "用法：" in err and "查看帮助" in err and "错误：没有这个选项：--no-such-option" in err
    code, _, err = cli("analyze", "x", "y", "--locale", "zh_TW")
    assert code == 2 and "錯誤：多餘的參數" in err


def test_english_is_unchanged(cli, zh_env):
    zh_env.setenv("LANG", "zh_CN.UTF-8")               # --locale wins over the environment
    code, out, _ = cli("analyze", SUICIDAL, "--locale", "en_US")
    assert code == 0 and not HAN.search(out)
    assert "triage: HIGH" in out or "triage: IMMINENT" in out
    assert "get help now: 988 Suicide & Crisis Lifeline: call or text 988" in out
    assert "suicidal_ideation" in out and "Screening signals from software, not a diagnosis." in out
    code, _, err = cli("analyze", "x", "--tasks", "nope", "--locale", "en_GB")
    assert err.startswith("mentalens: error: unknown task 'nope'") and "\n  how to fix: known tasks:" in err


def test_the_command_line_locale_does_not_outlive_the_command(cli, zh_env):
    from mentalens import i18n

    zh_env.setenv("LANG", "en_US.UTF-8")
    cli("analyze", CALM, "--locale", "zh_CN")
    assert i18n.language() == "en" and i18n.current_locale() == "en_US.UTF-8"


# -- the real console script, the built-in English model ----------------------------------------

def _console_script() -> Path:
    found = shutil.which("mentalens", path=str(Path(sys.executable).parent))
    if not found:
        pytest.skip("the mentalens console script is not installed beside this Python")
    return Path(found)


def _run(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items()
             if k not in ("MENTALENS_LOCALE", "MENTALENS_MODEL", "LC_ALL", "LC_MESSAGES", "LANG")}
    return subprocess.run([str(_console_script()), *args, "--model", "lens-en"], capture_output=True, text=True,
                          encoding="utf-8", env={**clean, **env}, timeout=120)


def test_built_in_model_crisis_post_in_simplified_chinese():
    done = _run("analyze", CRISIS, LANG="zh_CN.UTF-8")
    out = done.stdout
    assert done.returncode == 0, done.stderr
    assert "风险分级：紧急" in out or "风险分级：高" in out
    assert "帖子表达了自杀的念头，或不想活下去的想法" in out
    assert "全国心理援助热线：拨打12356" in re.sub(r"\s", "", out) and "12356" in out
    assert "任务" in out and "结果" in out and "triage:" not in out
    done = _run("analyze", CRISIS, "--locale", "zh_CN", "--format", "jsonl", LANG="en_US.UTF-8")
    r = json.loads(done.stdout)
    assert r["triage"]["level"] in ("high", "imminent") and "12356" in r["triage"]["resources"]["message"]


def test_built_in_model_crisis_post_in_hong_kong_and_taiwan():
    hk = _run("analyze", CRISIS, MENTALENS_LOCALE="zh_HK", LANG="en_US.UTF-8").stdout
    assert "2896 0000" in hk and "撥打28960000" in re.sub(r"\s", "", hk)
    assert "風險分級" in hk and "貼文表達了自殺的念頭" in hk and "拨打" not in hk
    tw = re.sub(r"\s", "", _run("analyze", CRISIS, "--locale", "zh_TW").stdout)
    assert "撥打1925" in tw and "撥打1995" in tw and "風險分級" in tw


def test_built_in_model_english_locale_unchanged():
    done = _run("analyze", CRISIS, LANG="en_US.UTF-8")
    assert done.returncode == 0 and not HAN.search(done.stdout)
    assert "triage: IMMINENT" in done.stdout or "triage: HIGH" in done.stdout
    assert "988" in done.stdout and "911" in done.stdout and "get help now" in done.stdout
