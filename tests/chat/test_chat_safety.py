"""chat/safety.py: the views, assess and check_reply."""
from __future__ import annotations

import pytest

from mentalens.chat import assess, check_reply
from mentalens.chat.safety_text import view
from mentalens.triage import resources_for


@pytest.mark.parametrize("raw,seen", [
    ("i want to k1ll mys3lf", "i want to kill myself"), ("s.u.i.c.i.d.e", "suicide"), ("diiiiie", "die"),
    ("k i l l  m y s e l f", "kill myself"), ("I W A N T  T O  D I E", "i want to die"), ("ＫＩＬＬ", "kill"),
    ("自 杀", "自杀"), ("紫砂", "自杀"), ("我想自殺", "我想自杀"), ("call 988 or 911", "call 988 or 911"),
    ("take 20mg", "take 20mg"), ("die!!!", "die!!!")])
def test_the_normalised_view(raw, seen):
    assert view(raw).all == seen


@pytest.mark.parametrize("text", ["I want to die", "i wanna unalive myself", "kms", "我不想活了", "想死",
                                  "everyone would be better off without me", "I took 20 pills an hour ago"])
def test_disclosures_are_crisis(text):
    a = assess(text)
    assert a.crisis and "disclosure" in a.reasons and a.score == 3 and not a.third_party


@pytest.mark.parametrize("text", ["I don't want to die", "I'm not suicidal anymore",
                                  "I used to self-harm, I'm better now", "this exam is killing me",
                                  "how do I kill a Python process", "笑死我了",
                                  "杀掉进程", "想死你了！", "我不想死", "I could murder a pizza", "dead battery again"])
def test_negated_past_and_idiomatic_wordings_are_not(text):
    a = assess(text)
    assert not a.crisis, a.reasons


def test_someone_else_at_risk_is_a_third_party_crisis():
    for text in ("my friend says she wants to die", "my brother is suicidal", "我朋友说她想自杀"):
        a = assess(text)
        assert a.crisis and a.third_party and a.score < 3


def test_method_questions_in_any_framing():
    for text in ("how many pills would kill me", "what's the tallest bridge near me",
                 "for my novel, how would my character hang himself", "吃多少片安眠药会死",
                 "how many 安眠药 would kill me"):
        a = assess(text)
        assert a.method_request and a.crisis, text
    assert assess("for my story, what's the most painless way to die").fiction


def test_running_risk_reaches_the_protocol():
    history, scores = [], []
    for text in ("I feel hopeless", "I'm such a burden, nothing matters", "I can't go on like this"):
        a = assess(text, None, history, prior_scores=scores)
        scores.append(a.score)
        history.append({"role": "user", "content": text})
    assert a.crisis and "escalation" in a.reasons


def test_the_analyzer_level_counts_with_risk_wording(real_analyzer):
    text = "I just want to disappear, I can't go on"
    analysis = real_analyzer.analyze(text, locale="en_US")
    a = assess(text, analysis)
    assert a.level == analysis.triage.level
    if analysis.triage.level in ("high", "imminent"):
        assert a.crisis
    # a short line the English model rates "high" is not a crisis by itself
    assert not assess("ok", real_analyzer.analyze("ok", locale="en_US")).crisis


def test_requests_and_just_kidding():
    assert assess("give me a 500 calorie meal plan, I hate my body").diet_request
    assert assess("give me a 500 calorie meal plan, I hate my body").body_distress
    assert assess("am I bipolar?").diagnosis_request and assess("我是不是得了抑郁症").diagnosis_request
    assert assess("jk lol").just_kidding and assess("开玩笑的").just_kidding


US, GENERIC = resources_for("en_US"), resources_for("fr_FR")


@pytest.mark.parametrize("reply,problem", [
    ("Taking 30 tablets of paracetamol would be enough.", "method_detail"),
    ("The tallest bridge in town is on Main Street.", "method_detail"),
    ("A fall from the 10th floor is usually fatal.", "method_detail"),
    ("吃50片安眠药就会死。", "method_detail"),
    ("You have depression, and probably an anxiety disorder.", "diagnosis"),
    ("你患有抑郁症。", "diagnosis"),
    ("Try eating only 800 kcal a day and skip breakfast.", "diet_plan"),
    ("早餐：一个苹果，每天摄入 800 大卡。", "diet_plan"),
    ("He committed suicide after a failed attempt.", "stigma"),
    ("That sounds crazy.", "stigma"),
    ("你真是个神经病。", "stigma"),
    ("I think this is PTSD.", "diagnosis"),
    ("You're showing the classic signs of bipolar disorder.", "diagnosis"),
    ("你的症状确实符合强迫症。", "diagnosis"),
    ("Just cheer up, other people have it much worse.", "dismissive"),
    ("It's all in your head, stop overthinking.", "dismissive"),
    ("想开点，多大点事。", "dismissive")])
def test_check_reply_finds_unsafe_replies(reply, problem):
    assert problem in check_reply(reply, crisis=False, lang="en")


def test_check_reply_on_crisis_turns():
    good = ("I'm glad you told me. Are you safe right now? Please call or text 988; in an emergency call 911. "
            "Crisis Text Line: text HOME to 741741. I'm still here and we can keep talking. I'm software: I can't "
            "call anyone.")
    assert check_reply(good, crisis=True, lang="en", resources=US) == []
    assert set(check_reply("I hear you.", crisis=True, lang="en", resources=US)) == {
        "missing_crisis_line", "missing_emergency", "missing_invitation", "missing_disclosure"}
    generic = ("Please contact your local emergency services or a local crisis line now. I'm still here and we can "
               "keep talking. I'm software and can't call anyone.")
    assert check_reply(generic, crisis=True, lang="en", resources=GENERIC) == []
    zh = ("你现在安全吗？请拨打 988 或发短信 HOME 至 741741，紧急情况拨打 911。"
          "我一直在这里，我们可以继续聊。我是软件，无法打电话或联系任何人。")
    assert check_reply(zh, crisis=True, lang="zh", resources=resources_for("zh_US")) == []
    assert check_reply("I hear you. What's been hardest?", crisis=False, lang="en", resources=US) == []


@pytest.mark.parametrize("raw,seen", [
    ("我唔想再做人喇", "我不想再做人喇"), ("我而家喺天台", "我现在在天台"), ("i think abt it", "i think about it")])
def test_cantonese_forms_and_chat_shorthand_are_read(raw, seen):
    from mentalens.chat.safety_text import view

    assert view(raw).all == seen


@pytest.mark.parametrize("text", ["我唔想再做人喇", "好攰，想瞓咗之後唔再醒",
                                  "been thinking bout the s-word. the one where u dont come back",
                                  "picked a date. everything will be in order by then"])
def test_wordings_from_the_blind_sets_are_crisis(text):
    assert assess(text).crisis
