"""One analyze call for English, Chinese and code-mixed posts (backends/routed.py, pipeline.py)."""
from __future__ import annotations

import json

import pytest

from mentalens.backends.lens.model import LensBackend
from mentalens.backends.routed import RoutedBackend, route
from mentalens.errors import UsageError
from mentalens.pipeline import analyze_batch

EN = "I want to die, I can't see any reason to keep living."
ZH = "我想死，没有人需要我，我撑不下去了。"
ZH_TRAD = "我想死，沒有人需要我，我撐不下去了。"
MIXED = "我真的撑不下去了, I just want everything to stop and I can't keep going anymore"


@pytest.fixture(scope="module")
def routed(lens_model_dir, tmp_path_factory):
    from lens_zh_fixture import build

    zh = LensBackend.load(build(tmp_path_factory.mktemp("models") / "lens-zh-test"))
    return RoutedBackend({"en": LensBackend.load(lens_model_dir), "zh": zh})


def test_route_by_script():
    assert route(EN, ["en", "zh"]) == ["en"]
    assert route(ZH, ["en", "zh"]) == ["zh"]
    assert route(MIXED, ["en", "zh"]) == ["en", "zh"]
    assert route("¿Qué tal? Estoy muy cansado y nadie me entiende", ["en", "zh"]) == ["en"]
    assert route(EN, ["en", "zh"], "zh") == ["zh"]


def test_each_post_gets_the_tasks_of_its_language(routed):
    en, zh, mixed = analyze_batch(routed, [EN, ZH, MIXED])
    en_tasks, zh_tasks = set(routed.by_language["en"].tasks), set(routed.by_language["zh"].tasks)
    assert set(en.tasks) == en_tasks and en.model.name == "lens-test"
    assert set(zh.tasks) == zh_tasks and zh.model.name == "lens-zh-test" and zh.language == "zh"
    assert set(mixed.tasks) == en_tasks | zh_tasks and mixed.language == "mixed"
    assert mixed.model.name == "lens-test+lens-zh-test"
    assert not any("mixes English and Chinese" in w for w in mixed.warnings)    # both languages are read


def test_a_code_mixed_post_gets_one_triage_over_both_models(routed):
    from mentalens.triage import triage

    mixed = analyze_batch(routed, [MIXED], locale="zh_CN")[0]
    probs = {t: tr.probabilities for t, tr in mixed.tasks.items()}
    labels = {t: tr.labels for t, tr in mixed.tasks.items()}
    assert mixed.triage == triage(probs, labels, MIXED, "zh_CN")


def test_traditional_and_simplified_posts_get_the_same_labels(routed):
    trad, simp = analyze_batch(routed, [ZH_TRAD, ZH], evidence=False)
    assert {t: r.labels for t, r in trad.tasks.items()} == {t: r.labels for t, r in simp.tasks.items()}
    assert trad.triage.level == simp.triage.level


def test_lang_overrides_the_guess_and_named_tasks_go_to_their_model(routed):
    r = analyze_batch(routed, [EN], lang="zh")[0]
    assert set(r.tasks) == set(routed.by_language["zh"].tasks)
    r = analyze_batch(routed, [ZH], ["depression", "high_suicide_risk"])[0]
    assert set(r.tasks) == {"depression", "high_suicide_risk"}
    with pytest.raises(UsageError, match="unknown language"):
        analyze_batch(routed, [EN], lang="fr")


def test_a_single_model_refuses_a_language_it_does_not_read(lens_model_dir):
    with pytest.raises(UsageError, match="reads English posts, not Chinese"):
        analyze_batch(LensBackend.load(lens_model_dir), [ZH], lang="zh")


def test_empty_and_odd_posts_still_get_one_result_each(routed):
    out = analyze_batch(routed, ["", ZH, "   ", "😭😭", EN], ids=list("abcde"))
    assert [r.id for r in out] == list("abcde")
    assert out[0].tasks == {} and out[2].tasks == {}


def test_the_builtin_models_route_chinese_and_mixed_posts(capsys):
    from mentalens.cli.main import main

    assert main(["analyze", ZH_TRAD, "--format", "json"]) == 0
    r = json.loads(capsys.readouterr().out)
    r = r[0] if isinstance(r, list) else r
    assert r["language"] == "zh" and set(r["tasks"]) == {"high_suicide_risk", "suicide_urgency", "cognitive_distortion"}
    assert main(["analyze", MIXED, "--format", "json"]) == 0
    r = json.loads(capsys.readouterr().out)
    r = r[0] if isinstance(r, list) else r
    assert {"depression", "high_suicide_risk"} <= set(r["tasks"]) and r["model"]["name"] == "lens-en+lens-zh"
    assert main(["analyze", MIXED, "--lang", "en", "--format", "json"]) == 0
    r = json.loads(capsys.readouterr().out)
    r = r[0] if isinstance(r, list) else r
    assert "high_suicide_risk" not in r["tasks"]
