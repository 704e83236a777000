"""Chinese rationales (explain/rationale_zh.py): when Chinese is used, every task kind, quotes
that are spans of the post, what is left out (method, means, place; stigmatising words), the
lint over every Chinese template and name, and a real (tiny) Chinese model end to end."""
from __future__ import annotations

import re

import pytest
import yaml

from mentalens.explain import rationale_zh as Z
from mentalens.explain.layer import explain_result
from mentalens.explain.rationale import in_chinese, rationale, unsafe_words
from mentalens.schema import Evidence, ModelInfo, Result, Symptom, TaskResult, Triage
from mentalens.tasks import get_task, task_ids

HAN = re.compile(r"[\u4e00-\u9fff]")


def result(task: str, label, probs, text: str = "", spans=(), labels=None) -> TaskResult:
    spec = get_task(task)
    ev = []
    for quote, weight in spans:
        i = text.index(quote)
        ev.append(Evidence(start=i, end=i + len(quote), text=quote, weight=weight, label=label or "yes"))
    return TaskResult(task=task, task_version=spec.version, kind=spec.kind, label=None if spec.multilabel else label,
                      labels=labels if labels is not None else [label], probabilities=probs, evidence=ev)


def explained(text: str, tr: TaskResult, language: str = "zh") -> TaskResult:
    res = Result(id=None, language=language, chars=len(text), tasks={tr.task: tr}, triage=Triage(level="none"),
                 model=ModelInfo(name="hand-made", version="0", backend="test"))
    return explain_result(res, text).tasks[tr.task]


def quotes_of(rationale_text: str) -> list[str]:
    return [q.split("”")[0].rstrip("…") for q in rationale_text.split("“")[1:]]


def test_chinese_templates_and_names_are_lint_clean():
    texts = [*Z.EVIDENCE, *Z.AGAINST, *Z.SYMPTOMS, *Z.CONTEXT, *Z.NOT_OWN.values(), *Z.NOT_OWN_TAIL, Z.RUNNER]
    texts += [t for options in Z.OPEN.values() for t in options]
    assert all(HAN.search(t) for t in texts)
    assert all(unsafe_words(t) == [] for t in texts), [t for t in texts if unsafe_words(t)]
    for tid in task_ids():
        spec = get_task(tid)
        names = [Z.label_name(spec, lab.id) for lab in spec.labels]
        assert all(unsafe_words(n) == [] for n in names), (tid, names)
        if spec.kind == "binary":
            assert not unsafe_words(Z.what(spec))


def test_label_names_file_matches_the_task_specs():
    data = yaml.safe_load(Z.LABELS_FILE.read_text(encoding="utf-8"))
    for tid, entry in data["tasks"].items():
        spec = get_task(tid)
        assert set(entry.get("labels", {})) <= set(spec.label_ids), tid
        assert set(entry) <= {"what", "labels", "format"}, tid
    for tid in task_ids():                           # every task has Chinese label names
        spec = get_task(tid)
        for lab in spec.labels:
            assert HAN.search(Z.label_name(spec, lab.id)), (tid, lab.id)


def test_the_lint_knows_chinese():
    assert unsafe_words("我买了安眠药") == ["安眠药"]
    assert unsafe_words("他就是个疯子") == ["疯子"]
    assert unsafe_words("我想跳樓") == ["跳樓"]                  # traditional is read simplified
    assert unsafe_words("我今天很难过") == []
    assert unsafe_words("I feel crazy") == ["crazy"]


@pytest.mark.parametrize("task, text, language, chinese", [
    ("high_suicide_risk", "I want to die", "en", True),              # a Chinese-only task
    ("cognitive_distortion", "我就是个废物", None, True),
    ("depression", "我最近每天都睡不着", "zh", True),                    # a Chinese post
    ("depression", "我最近每天都睡不着", None, True),
    ("depression", "我真的撑不下去了，每天都好累, I just want it to stop", "mixed", True),
    ("depression", "I love 火锅 but I can't sleep and I feel empty", "mixed", False),
    ("depression", "I can't sleep", None, False),
    ("depression", "I can't sleep", "en", False),
    ("depression", "我最近每天都睡不着", "en", False),                   # the caller said English
])
def test_when_chinese_is_used(task, text, language, chinese):
    assert in_chinese(get_task(task), text, language) is chinese


def test_english_posts_keep_english_rationales():
    post = "I haven't enjoyed anything in weeks."
    tr = result("depression", "yes", {"no": 0.1, "yes": 0.9}, post, [("haven't enjoyed anything in weeks", 1.2)])
    english = rationale(tr, get_task("depression"), post)
    assert english == rationale(tr, get_task("depression"), post, language="en")
    assert not HAN.search(english) and "0.90" in english


def test_binary_chinese_task():
    text = "我朋友说她不想活了。我真的撑不下去了，好想死。"
    tr = explained(text, result("high_suicide_risk", "yes", {"no": 0.17, "yes": 0.83}, text,
                                [("好想死", 1.2), ("撑不下去", 0.7), ("朋友", -0.3)]))
    r = tr.rationale
    assert "高自杀风险" in r and "0.83" in r and "“好想死”" in r
    assert "希望自己死去" in r                                  # the backing symptom, by its Chinese name
    assert "“不想活了”说的是别人" in r                            # someone else's words do not count
    assert "“朋友”" in r                                        # what speaks against
    for q in quotes_of(r):
        assert q in text
    assert unsafe_words(r) == [] and not re.search(r"[a-z]{3,}", r)      # no English words (C-SSRS is a name)


def test_binary_no_and_a_negated_mention():
    text = "我不想死，我只想让痛苦停下来。"
    tr = explained(text, result("high_suicide_risk", "no", {"no": 0.7, "yes": 0.3}, text, [("痛苦停下来", 0.5)]))
    assert tr.rationale.startswith(("没有明显的高自杀风险迹象", "帖子没有显示出高自杀风险", "这里几乎看不到高自杀风险"))
    assert "0.30" in tr.rationale and "“想死”是否定的说法" in tr.rationale


def test_ordinal_urgency():
    text = "我已经写好了遗书，今晚就结束这一切。"
    probs = {f"level_{i}": 0.02 for i in range(11)} | {"level_9": 0.6, "level_10": 0.2}
    tr = explained(text, result("suicide_urgency", "level_9", probs, text, [("遗书", 1.5)]))
    r = tr.rationale
    assert "紧急程度 9/10" in r and "0.60" in r and "紧急程度 10/10" in r and "0.20" in r
    assert "为自杀做准备的行为" in r


def test_multilabel_distortions():
    text = "总是这样，我就是个废物，都是我的错。他们肯定觉得我很烦。"
    labs = ["overgeneralization", "labeling", "personalization", "mind_reading"]
    tr = explained(text, result("cognitive_distortion", None, dict.fromkeys(labs, 0.7), text,
                                [("我就是个废物", 1.0)], labels=labs))
    r = tr.rationale
    assert all(n in r for n in ["以偏概全", "乱贴标签", "罪责归己", "读心术"])
    assert "（认知歪曲）" in r and "“我就是个废物”" in r
    none = explained("今天天气很好。", result("cognitive_distortion", None, {"labeling": 0.1}, labels=[]))
    assert none.rationale.count("、") == 10 and "罪责归他" in none.rationale


def test_english_task_on_a_chinese_post():
    text = "我最近每天都睡不着，觉得自己是家人的负担。"
    tr = explained(text, result("depression", "yes", {"no": 0.2, "yes": 0.8}, text, [("睡不着", 1.1)]))
    assert "抑郁" in tr.rationale and "睡眠问题" in tr.rationale and "0.80" in tr.rationale


def test_quotes_naming_a_method_or_stigma_are_left_out():
    text = "我一直在想安眠药的事。我觉得自己是个疯子。我什么都提不起兴趣。"
    tr = result("high_suicide_risk", "yes", {"no": 0.2, "yes": 0.8}, text,
                [("一直在想安眠药的事", 2.0), ("我觉得自己是个疯子", 1.0), ("什么都提不起兴趣", 0.5)])
    r = rationale(tr, get_task("high_suicide_risk"), text)
    assert "安眠药" not in r and "疯子" not in r and "“什么都提不起兴趣”" in r and unsafe_words(r) == []


def test_long_and_punctuation_only_quotes():
    text = "我" + "真的很难受" * 20 + "。，"
    tr = result("high_suicide_risk", "yes", {"no": 0.2, "yes": 0.8}, text, [(text[:90], 1.0), ("。，", -1.0)])
    r = rationale(tr, get_task("high_suicide_risk"), text)
    assert "…”" in r and "“。，”" not in r and "“”" not in r
    for q in quotes_of(r):
        assert q in text


def test_invalid_results_have_no_rationale():
    spec = get_task("high_suicide_risk")
    tr = TaskResult(task=spec.id, task_version=spec.version, kind=spec.kind, status="invalid", label=None,
                    labels=[], probabilities={})
    assert rationale(tr, spec, "我想死") is None


def test_phrasing_varies_with_the_post_but_is_stable():
    spec = get_task("high_suicide_risk")
    tr = result("high_suicide_risk", "yes", {"no": 0.2, "yes": 0.8})
    posts = [f"第{i}条帖子" for i in range(12)]
    openings = {rationale(tr, spec, p) for p in posts}
    assert len(openings) > 1
    assert rationale(tr, spec, posts[0]) == rationale(tr, spec, posts[0])


@pytest.fixture(scope="module")
def zh_analyzer(tmp_path_factory):
    import mentalens
    from lens_zh_fixture import build

    return mentalens.load(build(tmp_path_factory.mktemp("models") / "lens-zh-test"))


@pytest.mark.parametrize("post", [
    "我真的不想活了，每天都在想怎么结束这一切。我就是个彻底的废物。",
    "笑死我了，今天电脑又死机了。",
    "我朋友说她不想活了，我很担心她。",
    "我想过跳楼，我就是个疯子。",
    "我真的撐不下去了，想死",
])
def test_rationales_from_a_real_chinese_model_are_lint_clean(zh_analyzer, post):
    res = zh_analyzer.analyze(post, explain=True)
    for tr in res.tasks.values():
        assert tr.rationale and HAN.search(tr.rationale), tr.task
        assert unsafe_words(tr.rationale) == [], (tr.task, tr.rationale)
        for q in quotes_of(tr.rationale):
            assert q in " ".join(post.split()), (q, tr.rationale)
        for s in tr.symptoms:
            assert post[s.start:s.end] == s.text


def test_symptom_names_fall_back_for_unknown_ids():
    text = "我好累"
    tr = result("high_suicide_risk", "yes", {"no": 0.2, "yes": 0.8}, text)
    tr.symptoms = [Symptom(id="custom.thing", name="某个症状", start=0, end=3, text="我好累", status="present")]
    assert "某个症状" in rationale(tr, get_task("high_suicide_risk"), text)
