"""Chinese symptoms (explain/symptoms.py with lexicon/symptoms.zh.yaml): every entry found in a
plain first-person sentence, the statuses the lens backend relies on, idioms, traditional
characters, code-mixed posts, task support across the two lexicons, the loader's checks, the
safety of the lexicon, and speed."""
from __future__ import annotations

import re
import time

import pytest
import yaml

from mentalens.errors import MentalensError, UnknownNameError
from mentalens.explain.symptoms import (SYMPTOMS_FILE, SYMPTOMS_FILE_ZH, find_symptoms, load_lexicon, supports,
                                        symptom_ids, symptom_info)
from mentalens.tasks import get_task

ZH_TASKS = ["high_suicide_risk", "suicide_urgency", "cognitive_distortion"]


def statuses(text: str, symptom: str, tasks=None) -> list[str]:
    return [m.status for m in find_symptoms(text, tasks) if m.symptom == symptom]


FIRST_PERSON = {
    "phq9.anhedonia": "我对什么都提不起兴趣了。",
    "phq9.depressed_mood": "我最近心情很低落，每天都想哭。",
    "phq9.sleep": "我每天晚上都失眠，睡不着。",
    "phq9.fatigue": "我好累，一点力气都没有。",
    "phq9.appetite": "我最近没有胃口，吃不下饭。",
    "phq9.worthlessness": "我觉得自己一无是处。",
    "phq9.concentration": "我上课注意力不集中，什么都看不进去。",
    "phq9.psychomotor": "我整天坐立不安。",
    "phq9.death_thoughts": "我脑子里都是死亡的念头。",
    "cssrs.wish_dead": "我不想活了。",
    "cssrs.ideation": "我想自杀。",
    "cssrs.ideation_method": "我查了怎么结束自己的生命。",
    "cssrs.ideation_intent": "我已经决定去死了。",
    "cssrs.ideation_plan": "我有一个自杀计划。",
    "cssrs.preparatory": "我已经写好了遗书。",
    "cssrs.past_attempt": "我自杀未遂过一次。",
    "cssrs.self_harm": "我又自残了。",
    "warning.hopelessness": "我看不到任何希望。",
    "warning.trapped": "我走投无路了。",
    "warning.unbearable_pain": "我真的撑不下去了。",
    "warning.withdrawal": "我把自己关在房间里，不想见人。",
    "warning.goodbye": "永别了，这个世界。",
    "irf.belongingness": "我好孤独，没有人在乎我。",
    "irf.burdensomeness": "我觉得自己是家人的负担。",
    "distortion.all_or_nothing": "要么完美，要么就是彻底失败。",
    "distortion.overgeneralization": "我总是把事情搞砸。",
    "distortion.mental_filter": "我只记得他说的那句批评。",
    "distortion.disqualifying_positive": "考得好只是运气而已。",
    "distortion.mind_reading": "他们肯定觉得我很烦。",
    "distortion.fortune_telling": "这次面试我肯定会失败。",
    "distortion.magnification": "犯了这个错，天要塌了。",
    "distortion.emotional_reasoning": "我觉得自己很笨，所以我一定很笨。",
    "distortion.should_statements": "我必须让所有人满意。",
    "distortion.labeling": "我就是个废物。",
    "distortion.personalization": "爸妈吵架都是我的错。",
    "distortion.blaming": "都怪他们把我害成这样。",
}


def test_every_chinese_entry_has_a_first_person_sentence():
    assert set(FIRST_PERSON) == set(symptom_ids("zh"))


@pytest.mark.parametrize("symptom, text", sorted(FIRST_PERSON.items()))
def test_entry_found_as_present(symptom, text):
    assert "present" in statuses(text, symptom), (text, find_symptoms(text))


@pytest.mark.parametrize("symptom, text", sorted(FIRST_PERSON.items()))
def test_traditional_characters_give_the_same_mentions(symptom, text):
    from opencc import OpenCC

    trad = OpenCC("s2t").convert(text)
    assert len(trad) == len(text)
    simp = [(m.symptom, m.start, m.end, m.status) for m in find_symptoms(text)]
    assert [(m.symptom, m.start, m.end, m.status) for m in find_symptoms(trad)] == simp
    for m in find_symptoms(trad):
        assert trad[m.start:m.end] == m.text


# The statuses the brief fixes (the lens backend's Chinese view reads them).
@pytest.mark.parametrize("text, symptom, status", [
    ("我没有想死", "cssrs.wish_dead", "negated"),
    ("我不想活了", "cssrs.wish_dead", "present"),
    ("我朋友说她不想活了", "cssrs.wish_dead", "other_person"),
    ("以前我想过自杀，现在好多了", "cssrs.ideation", "past"),
    ("如果我死了", "phq9.death_thoughts", "hypothetical"),
    ("我不想死，我只想让痛苦停下来", "cssrs.wish_dead", "negated"),
    ("我不想死，我只想让痛苦停下来", "cssrs.wish_dead", "present"),
])
def test_required_statuses(text, symptom, status):
    assert status in statuses(text, symptom, ["high_suicide_risk", "suicide_urgency"]), (text, find_symptoms(text))


def test_not_wanting_to_die_but_wanting_the_pain_to_stop():
    got = [(m.text, m.status) for m in find_symptoms("我不想死，我只想让痛苦停下来") if m.symptom == "cssrs.wish_dead"]
    assert ("想死", "negated") in got
    assert any(status == "present" and "痛苦停下来" in t for t, status in got)
    assert statuses("我不想醒来", "cssrs.wish_dead") == ["present"]


@pytest.mark.parametrize("text, symptom, status", [
    # negations that are the symptom's own wording
    ("我活不下去了", "cssrs.wish_dead", "present"),
    ("活着没意思", "cssrs.wish_dead", "present"),
    ("没有人在乎我", "irf.belongingness", "present"),
    ("我睡不着", "phq9.sleep", "present"),
    ("我不开心", "phq9.depressed_mood", "present"),
    ("我看不到任何希望", "warning.hopelessness", "present"),
    ("我不知道为什么想死", "cssrs.wish_dead", "present"),
    ("要是没有你们，我早就不想活了", "cssrs.wish_dead", "present"),
    ("要是我死了就好了", "cssrs.wish_dead", "present"),
    # negation
    ("我从来没有想过自杀", "cssrs.ideation", "negated"),
    ("我并不想自杀", "cssrs.ideation", "negated"),
    ("我一点都不想死", "cssrs.wish_dead", "negated"),
    ("我再也不会伤害自己了", "cssrs.self_harm", "negated"),
    ("我不会自杀的，放心", "cssrs.ideation", "negated"),
    ("想死的念头已经消失了", "cssrs.wish_dead", "negated"),
    ("我沒有想死", "cssrs.wish_dead", "negated"),
    ("我不是想死，只是太累了", "cssrs.wish_dead", "negated"),
    ("我不是想死，只是太累了", "phq9.fatigue", "present"),
    # hypothetical
    ("会不会有一天我真的去自杀", "cssrs.ideation", "hypothetical"),
    ("我是不是得了抑郁症", "phq9.depressed_mood", "hypothetical"),
    ("好想死啊哈哈哈", "cssrs.wish_dead", "hypothetical"),
    # a conditional threat stays the writer's
    ("如果考砸了我就去死", "cssrs.ideation_intent", "present"),
    # past
    ("小时候我经常想死，现在我很幸福", "cssrs.wish_dead", "past"),
    ("去年我自残过", "cssrs.self_harm", "past"),
    ("以前我很开心，现在我只想死", "cssrs.wish_dead", "present"),
    ("两年前我试过自杀", "cssrs.past_attempt", "present"),            # history by definition
    # someone else, and the writer inside someone else's words
    ("他说他想死，我很担心他", "cssrs.wish_dead", "other_person"),
    ("她想死", "cssrs.wish_dead", "other_person"),
    ("我妈有抑郁症", "phq9.depressed_mood", "other_person"),
    ("新闻里说有人自杀了", "cssrs.ideation", "other_person"),
    ("电视剧里的女主自杀了，哭死我了", "cssrs.ideation", "other_person"),
    ("她伤害她自己", "cssrs.self_harm", "other_person"),
    ("她说我是个累赘", "irf.burdensomeness", "present"),
    ("我妈说我是家里的负担", "irf.burdensomeness", "present"),
    ("我妈觉得我是个废物", "distortion.labeling", "present"),
    ("他们肯定觉得我很烦", "distortion.mind_reading", "present"),
    # quotes
    ("他说“我想死”", "cssrs.wish_dead", "other_person"),
    ("歌词：我想死在你怀里", "cssrs.wish_dead", "other_person"),
    ("我跟她说“我想死”", "cssrs.wish_dead", "present"),
    # jokes that are not
    ("说真的，好想死哈哈", "cssrs.wish_dead", "present"),
    ("說真的我不想活了", "cssrs.wish_dead", "present"),
])
def test_status(text, symptom, status):
    assert status in statuses(text, symptom), (text, find_symptoms(text))


@pytest.mark.parametrize("text", [
    "笑死我了", "累死了", "热死了", "饿死了", "气死我了", "困死了", "烦死了", "吓死我了", "冷死了", "忙死了", "丑死了",
    "尴尬死了", "羡慕死了", "想死你了", "想死你们了", "电脑死机了", "先杀进程再说", "装个杀毒软件", "电影杀青了",
    "秒杀活动开始了", "跟这道题死磕", "我的死党", "要死要死", "笑到去世", "社死现场", "累得要死", "哈哈哈哈笑死我了，这个视频太好笑了",
    "我要死了，明天考试还没复习", "手机死了", "预防自杀热线是12356", "我在看一部关于自杀的电影", "我想死去的奶奶",
    "你去死吧", "我很想她", "考试结束一切都好了", "做个了断吧", "我还是走了算了", "总是睡不醒",
])
def test_idioms_and_ordinary_sentences_yield_no_present_risk_mention(text):
    risky = [m for m in find_symptoms(text) if symptom_info(m.symptom).risk and m.status == "present"]
    assert not risky, (text, risky)


@pytest.mark.parametrize("text", ["笑死我了", "累死了", "热死了", "想死你了", "死机", "社死"])
def test_idioms_are_no_risk_mention_at_all(text):
    assert not [m for m in find_symptoms(text) if symptom_info(m.symptom).risk]


def test_literal_and_idiom_in_one_post():
    got = [(m.text, m.status) for m in find_symptoms("笑死我了，可是我真的好想死") if m.symptom == "cssrs.wish_dead"]
    assert got == [("好想死", "present")]


def test_code_mixed_post_gets_both_languages():
    text = "我真的撑不下去了, I just want everything to stop"
    got = {(m.symptom, m.text, m.status) for m in find_symptoms(text)}
    assert ("warning.unbearable_pain", "撑不下去", "present") in got
    assert ("cssrs.wish_dead", "want everything to stop", "present") in got
    assert {m.symptom for m in find_symptoms(text, ZH_TASKS)} >= {"cssrs.wish_dead", "warning.unbearable_pain"}
    assert [m.status for m in find_symptoms("I'm not suicidal, 但是我想死") if m.symptom == "cssrs.ideation"] == ["negated"]
    assert "present" in statuses("I'm not suicidal, 但是我想死", "cssrs.wish_dead")


def test_mentions_quote_the_callers_string():
    text = "İİ我沒有想死！以前我想過自殺。ＡＢＣ 我朋友說她不想活了😢"
    got = find_symptoms(text)
    assert got and got == sorted(got, key=lambda m: (m.start, m.end, m.symptom))
    for m in got:
        assert text[m.start:m.end] == m.text


def test_chinese_mentions_carry_chinese_names_and_the_shared_risk_flag():
    (m,) = [m for m in find_symptoms("我想自杀") if m.symptom == "cssrs.ideation"]
    assert m.name == symptom_info("cssrs.ideation", language="zh").name and re.search(r"[\u4e00-\u9fff]", m.name)
    assert symptom_info("cssrs.ideation").name == symptom_info("cssrs.ideation", language="en").name
    assert symptom_info(m.symptom).risk


def test_shared_ids_keep_the_english_flags():
    en = yaml.safe_load(SYMPTOMS_FILE.read_text(encoding="utf-8"))["symptoms"]
    zh = yaml.safe_load(SYMPTOMS_FILE_ZH.read_text(encoding="utf-8"))["symptoms"]
    en_by = {e["id"]: e for e in en}
    shared = [e for e in zh if e["id"] in en_by]
    assert len(shared) >= 20
    for e in shared:
        for flag in ("risk", "historical", "topic"):
            assert e.get(flag, False) == en_by[e["id"]].get(flag, False), (e["id"], flag)
    only_zh = {e["id"] for e in zh} - set(en_by)
    assert only_zh == {f"distortion.{lab}" for lab in get_task("cognitive_distortion").label_ids}


def test_risk_entries_support_a_chinese_risk_task():
    """The lens backend's Chinese view asks for high_suicide_risk and suicide_urgency mentions:
    every death, suicide or self-harm entry must be among them."""
    for sid in symptom_ids(None):
        info = symptom_info(sid)
        if info.risk:
            assert {"high_suicide_risk", "suicide_urgency"} & set(info.supports), sid


def test_supports_are_the_union_over_both_lexicons():
    assert supports("cssrs.wish_dead")["suicidal_ideation"] == ["yes"]
    assert supports("cssrs.wish_dead")["high_suicide_risk"] == ["yes"]
    assert "level_10" in supports("cssrs.ideation_plan")["suicide_urgency"]
    assert "level_0" not in supports("cssrs.wish_dead")["suicide_urgency"]
    assert supports("wellness.social") == {"wellness_dimensions": ["social"]}
    for lab in get_task("cognitive_distortion").label_ids:
        assert supports(f"distortion.{lab}") == {"cognitive_distortion": [lab]}
    for sid in symptom_ids(None):
        for task, labels in supports(sid).items():
            assert labels and set(labels) <= set(get_task(task).label_ids), (sid, task)
    # an English post read for a Chinese task: its English mentions count there too
    assert {m.symptom for m in find_symptoms("I want to kill myself", ["high_suicide_risk"])} == {"cssrs.ideation"}


def test_tasks_filter_on_chinese_text():
    text = "总是这样，我就是个废物，都是我的错。我不想活了。"
    cd = {m.symptom for m in find_symptoms(text, ["cognitive_distortion"])}
    assert cd == {"distortion.overgeneralization", "distortion.labeling", "distortion.personalization"}
    risk = {m.symptom for m in find_symptoms(text, ["high_suicide_risk"])}
    assert risk == {"cssrs.wish_dead"}
    assert {m.symptom for m in find_symptoms(text, ["depression"])} >= {"phq9.worthlessness", "phq9.death_thoughts"}
    assert find_symptoms(text, []) == []
    with pytest.raises(UnknownNameError):
        find_symptoms(text, ["high_suicide_rsik"])


def test_symptom_ids_and_info_by_language():
    assert set(symptom_ids()) == set(symptom_ids("en"))
    assert set(symptom_ids(None)) == set(symptom_ids("en")) | set(symptom_ids("zh"))
    assert symptom_info("distortion.labeling").family == "distortion"
    with pytest.raises(UnknownNameError, match="did you mean"):
        symptom_info("distortion.labelling")
    with pytest.raises(UnknownNameError):
        symptom_ids("fr")


def test_names_are_clinical_and_safe():
    from mentalens.explain.rationale import unsafe_words

    for sid in symptom_ids("zh"):
        name = symptom_info(sid, language="zh").name
        assert name and name == name.strip() and re.search(r"[\u4e00-\u9fff]", name), sid
        assert not unsafe_words(name), (sid, name)


def test_lexicon_names_no_method_means_dose_or_place():
    """The safe-messaging rule for the lexicon: ideation and plans in generic wording only."""
    safety = yaml.safe_load((SYMPTOMS_FILE.parent / "safety.zh.yaml").read_text(encoding="utf-8"))
    words = [*safety["method_terms"], "药", "刀", "楼", "桥", "绳", "炭", "毒", "割", "跳", "吊", "枪", "淹"]
    rx = re.compile("|".join(f"(?:{w})" for w in words))
    data = yaml.safe_load(SYMPTOMS_FILE_ZH.read_text(encoding="utf-8"))
    for entry in data["symptoms"]:
        for p in entry["patterns"]:
            assert not rx.search(p), (entry["id"], p, rx.search(p).group(0))
    for name, macro in data["macros"].items():
        assert not rx.search(macro), (name, macro)


def test_every_chinese_pattern_can_be_prechecked():
    """Each entry holds fixed strings that every match needs (the fast pre-check)."""
    from mentalens.explain.symptoms import _zh

    for sid, _, keys, short in _zh().regexes:
        assert keys is not None and short, sid


def test_bad_chinese_lexicon_is_a_clear_error(tmp_path):
    def write(name, mutate):
        data = yaml.safe_load(SYMPTOMS_FILE_ZH.read_text(encoding="utf-8"))
        mutate(data)
        path = tmp_path / name
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
        return path

    def flag(d):
        next(e for e in d["symptoms"] if e["id"] == "cssrs.ideation")["risk"] = False

    cases = [
        (flag, r"cssrs.ideation.*risk.*symptoms.en.yaml"),
        (lambda d: d["symptoms"][0]["supports"].update({"high_suicide_rsik": ["yes"]}), r"high_suicide_rsik"),
        (lambda d: d["symptoms"][1]["patterns"].append("(想死"), r"bad pattern"),
    ]
    for i, (mutate, message) in enumerate(cases):
        path = write(f"symptoms.bad{i}.yaml", mutate)
        with pytest.raises(MentalensError, match=message) as err:
            load_lexicon(path)
        assert path.name in str(err.value) and "how to fix" in str(err.value)
    same = load_lexicon(write("symptoms.same.yaml", lambda d: None))
    assert set(same.specs) == set(symptom_ids("zh")) and same.language == "zh"


def test_speed_without_trigger_words():
    """find_symptoms on a 100-character Chinese post with no trigger words: well under 1 ms."""
    post = ("今天天气很好，我和朋友一起去公园散步，然后去吃了火锅。晚上回家看了一部电影，觉得还可以。明天打算早点起床去图书馆看书，"
            "周末可能会回老家看看爷爷奶奶，顺便带点水果回去。")
    post = (post * 2)[:100]
    assert find_symptoms(post, ZH_TASKS) == []
    n = 3000
    t0 = time.perf_counter()
    for _ in range(n):
        find_symptoms(post, ZH_TASKS)
    per = (time.perf_counter() - t0) / n * 1e3
    print(f"\nfind_symptoms(): {per:.3f} ms per 100-character Chinese post without trigger words")
    assert per < 1.0


def test_speed_report():
    post = ("我最近每天都睡不着，觉得自己是家人的负担。以前我想过自杀，现在好多了。我朋友说她不想活了，"
            "我很担心她。笑死我了，今天电脑又死机了。如果考不上怎么办？我不想死，我只想让痛苦停下来。")[:100]
    find_symptoms(post)
    n = 3000
    t0 = time.perf_counter()
    for _ in range(n):
        find_symptoms(post)
    per = (time.perf_counter() - t0) / n * 1e3
    print(f"\nfind_symptoms(): {per:.3f} ms per 100-character Chinese post ({len(find_symptoms(post))} mentions)")
    assert per < 5.0
