"""Chinese scopes (explain/scope_zh.py, lexicon/scopes.zh.yaml): hand-written sentences for every
kind, words that must not open a scope, traditional characters, code-mixed posts, the idiom
finder other parts rely on, offsets into the caller's string, a bad rule file, and speed."""
from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentalens.errors import MentalensError
from mentalens.explain.scope import KINDS, idiom_spans, scopes
from mentalens.explain.scope_zh import load_rules_zh, mixed_scopes_of_view, scopes_zh, zh_view


def kinds_over(text: str, phrase: str) -> set[str]:
    """The kinds of scope covering ``phrase`` (its first occurrence) without the cue being in it."""
    i = text.index(phrase)
    j = i + len(phrase)
    return {s.kind for s in scopes(text) if s.start < j and i < s.end
            and (s.kind == "idiom" or not (i <= s.cue_start and s.cue_end <= j))}


@pytest.mark.parametrize("text, phrase, kind", [
    # negation, to the end of the clause
    ("我没有想死", "想死", "negated"),
    ("我不想死，我只想让痛苦停下来", "想死", "negated"),
    ("我从来没有想过自杀", "自杀", "negated"),
    ("我从未伤害过自己", "伤害过自己", "negated"),
    ("我并不想自杀", "自杀", "negated"),
    ("我再也不会伤害自己", "伤害自己", "negated"),
    ("我已经不想死了", "想死", "negated"),
    ("我不会自杀的，放心", "自杀", "negated"),
    ("别担心我", "担心我", "negated"),
    ("我不觉得我抑郁", "抑郁", "negated"),              # reached through 觉得
    ("想死的念头已经消失了", "想死的念头", "negated"),
    ("我沒有想死", "想死", "negated"),                  # traditional
    # hypothetical
    ("如果我死了", "我死了", "hypothetical"),
    ("假如有一天我不在了", "我不在了", "hypothetical"),
    ("要是考不上怎么办", "考不上", "hypothetical"),
    ("万一我撑不下去", "撑不下去", "hypothetical"),
    ("会不会有一天我真的去自杀", "自杀", "hypothetical"),
    ("即使我想死也不会告诉别人", "想死", "hypothetical"),
    ("我是不是得了抑郁症", "抑郁症", "hypothetical"),
    ("如果考砸了我就去死", "考砸了", "hypothetical"),
    # past, up to a return to the present
    ("以前我想过自杀，现在好多了", "想过自杀", "past"),
    ("小时候我经常想死，现在我很幸福", "想死", "past"),
    ("我曾经自残过", "自残过", "past"),
    ("高中的时候我很抑郁", "很抑郁", "past"),
    ("两年前我试过自杀", "试过自杀", "past"),
    ("去年我每天都想死", "想死", "past"),
    ("那时候我觉得活着没意思", "活着没意思", "past"),
    ("以前我想過自殺，現在好多了", "想過自殺", "past"),
    # someone else
    ("我朋友说她不想活了", "她不想活了", "other_person"),
    ("他告诉我他想自杀", "他想自杀", "other_person"),
    ("我妈很抑郁，我不知道该怎么办", "很抑郁", "other_person"),
    ("她想死", "想死", "other_person"),
    ("新闻里说有人自杀了", "有人自杀了", "other_person"),
    ("电视剧里的女主自杀了", "自杀了", "other_person"),
    ("她的抑郁症越来越严重了", "抑郁症", "other_person"),
    ("網友說他不想活了", "他不想活了", "other_person"),
    # quoted
    ("他说“我想死”", "我想死", "quoted"),
    ("这首歌叫《我想死》", "我想死", "quoted"),
    ("她在日记里写了「活着好累」", "活着好累", "quoted"),
    ("歌词：我想死在你怀里", "我想死在你怀里", "quoted"),
    ("他们叫我去死", "去死", "quoted"),
    # idioms and jokes
    ("笑死我了", "笑死我了", "idiom"),
    ("累死了", "累死了", "idiom"),
    ("热死了", "热死了", "idiom"),
    ("想死你了", "想死你了", "idiom"),
    ("电脑又死机了", "死机", "idiom"),
    ("先杀进程再重启", "杀进程", "idiom"),
    ("今天困得要死", "得要死", "idiom"),
    ("太社死了", "社死", "idiom"),
    ("笑到去世", "笑到去世", "idiom"),
    ("好想死啊哈哈哈", "想死", "idiom"),
    ("好想死😂", "想死", "idiom"),
])
def test_scope_kind(text, phrase, kind):
    assert kind in kinds_over(text, phrase), (text, scopes(text))


@pytest.mark.parametrize("text, phrase, kind", [
    # 不/没/别 that negate nothing after them, and a symptom's own wording
    ("我不知道为什么想死", "想死", "negated"),
    ("我忍不住想死", "想死", "negated"),
    ("没有人在乎我，我想死", "想死", "negated"),
    ("不过我还是想死", "想死", "negated"),
    ("我是不是很没用", "很没用", "negated"),
    ("我告别了过去，好想死", "好想死", "negated"),
    ("我睡不着，想死", "想死", "negated"),
    ("我不想死，我只想让痛苦停下来", "痛苦停下来", "negated"),     # the clause ends at ，
    # "if only" is a wish, and the main clause is the writer's
    ("要是我死了就好了", "死了就好了", "hypothetical"),
    ("如果考砸了我就去死", "去死", "hypothetical"),
    ("我主要是想死", "想死", "hypothetical"),
    # the present after the past
    ("以前我很开心，现在我只想死", "只想死", "past"),
    # the writer inside someone else's words
    ("她说我是个累赘", "累赘", "other_person"),
    ("我妈觉得我是个废物", "废物", "other_person"),
    ("我跟她说“我想死”", "我想死", "quoted"),
    ("其他人都很开心，我想死", "想死", "other_person"),
    # literal stays literal
    ("我想死", "想死", "idiom"),
    ("说真的，好想死哈哈", "好想死", "idiom"),
    ("活得好累死了算了", "死了算了", "idiom"),
    ("饿死自己", "饿死", "idiom"),
])
def test_not_scoped(text, phrase, kind):
    assert kind not in kinds_over(text, phrase), (text, scopes(text))


@pytest.mark.parametrize("text, idioms", [
    ("笑死我了", ["笑死我了"]),
    ("累死了，热死了，饿死了", ["累死了", "热死了", "饿死了"]),
    ("想死你了！", ["想死你了"]),
    ("电脑死机了，杀进程也没用，只能杀毒", ["死机", "杀进程", "杀毒"]),
    ("这部剧终于杀青了，秒杀全场", ["杀青", "秒杀"]),
    ("我和死党死磕到底", ["死党", "死磕"]),
    ("要死要死，尴尬死了，社死现场", ["要死要死", "尴尬死了", "社死"]),
    ("笑到去世", ["笑到去世"]),
    ("羡慕死了，吓死我了，气死我了", ["羡慕死了", "吓死我了", "气死我了"]),
    ("困死了 忙死了 丑死了 冷死了 烦死了", ["困死了", "忙死了", "丑死了", "冷死了", "烦死了"]),
    ("累得要死", ["得要死"]),
    ("笑死我了 想死", ["笑死我了"]),
    ("我想死", []),
    ("不如死了算了", []),
    ("活着好累死了算了", []),
    ("I'm dying lol", []),
    ("", []),
])
def test_idiom_spans(text, idioms):
    got = idiom_spans(text)
    assert [text[s:e] for s, e in got] == idioms
    assert got == sorted(got) and all(a[1] <= b[0] for a, b in zip(got, got[1:]))


def test_idiom_spans_index_the_callers_string():
    text = "İİ 笑死我了！累死了。電腦死機了"                      # "İ" lowers to two characters; traditional
    got = idiom_spans(text)
    assert [text[s:e] for s, e in got] == ["笑死我了", "累死了", "死機"]


def test_traditional_and_simplified_read_alike():
    pairs = [("我沒有想死，以前我想過自殺", "我没有想死，以前我想过自杀"),
             ("我朋友說她不想活了", "我朋友说她不想活了"),
             ("笑死我了，電腦死機了", "笑死我了，电脑死机了")]
    for trad, simp in pairs:
        assert len(zh_view(trad)) == len(trad)
        assert [(s.start, s.end, s.kind) for s in scopes(trad)] == [(s.start, s.end, s.kind) for s in scopes(simp)]


def test_full_width_punctuation_ends_a_clause():
    text = "我不想死！我想让痛苦停下来"
    neg = [s for s in scopes(text) if s.kind == "negated"]
    assert neg and all(text[s.start:s.end] == "死" for s in neg)


def test_code_mixed_posts_get_both_rule_sets_and_english_stays_english():
    text = "I'm not suicidal, 但是我真的撑不下去了。My friend said she wants to die"
    got = scopes(text)
    neg = [s for s in got if s.kind == "negated" and text[s.cue_start:s.cue_end] == "not"]
    assert neg and text[neg[0].start:neg[0].end] == "suicidal"
    other = [s for s in got if s.kind == "other_person"]
    assert any("wants to die" in text[s.start:s.end] for s in other)
    han = [i for i, c in enumerate(text) if "\u4e00" <= c <= "\u9fff"]
    for s in got:                                   # an English scope never reaches into Chinese
        if text[s.cue_start:s.cue_end].isascii() and text[s.cue_start].isalpha():
            assert not any(s.start <= i < s.end for i in han), (s, text[s.start:s.end])


def test_english_only_text_is_untouched():
    """No Chinese character: the English rules alone, as before."""
    from mentalens.explain.scope import scopes_of_view, view

    for text in ["I don't want to die", 'my friend said "I want to die" lol', "If I fail I'll kill myself"]:
        assert scopes(text) == scopes_of_view(view(text))


def test_quotes_the_writer_introduces_are_their_own():
    assert not [s for s in scopes("我跟她说“我想死”") if s.kind == "quoted"]
    assert not [s for s in scopes("I told her “我想死”") if s.kind == "quoted"]
    assert [s for s in scopes("他说“我想死”") if s.kind == "quoted"]


def test_scope_fields_and_order():
    text = "我没有想死，但是我朋友说她不想活了哈哈。如果我死了"
    got = scopes(text)
    assert got == sorted(got, key=lambda s: (s.start, s.end, s.kind, s.cue_start))
    assert len(set(got)) == len(got)
    for s in got:
        assert s.kind in KINDS
        assert 0 <= s.start < s.end <= len(text) and 0 <= s.cue_start < s.cue_end <= len(text)
        assert text[s.start:s.end].strip(" ，,") == text[s.start:s.end]


PIECES = ["我", "没有", "不", "不想", "别", "从来没", "如果", "万一", "会不会", "以前", "现在", "但是", "我朋友说",
          "她", "他们", "新闻", "“", "”", "「", "」", "《", "》", "笑死", "累死了", "想死", "想死你了", "不想活了",
          "自杀", "自殺", "沒有", "哈哈哈", "😂", "，", "。", "！", "？", "、", " ", "\n", "I", "not", "lol",
          "want to die", "my friend said", "İ", "ＡＢ", "\ud800", "e\u0301", "👩‍👩‍👧"]
zh_text = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(zh_text, st.text(max_size=120)))
def test_scopes_and_idioms_index_the_original(text):
    for s in scopes(text):
        assert s.kind in KINDS
        assert 0 <= s.start < s.end <= len(text) and 0 <= s.cue_start < s.cue_end <= len(text)
    for a, b in idiom_spans(text):
        assert 0 <= a < b <= len(text)


def test_bad_rule_file_is_a_clear_error(tmp_path):
    from mentalens.explain.scope_zh import SCOPES_FILE_ZH

    good = SCOPES_FILE_ZH.read_text(encoding="utf-8")
    cases = {
        "unknown_boundary": good.replace("ends: [sentence, clause]", "ends: [sentence, clauses]", 1),
        "bad_regex": good.replace("      - 从来没有|", "      - (从来没有|", 1),
        "unknown_macro": good.replace('"{person}|{they}|有人', '"{persons}|{they}|有人', 1),
    }
    for what, body in cases.items():
        assert body != good, what
        path = tmp_path / f"scopes.{what}.yaml"
        path.write_text(body, encoding="utf-8")
        with pytest.raises(MentalensError) as err:
            load_rules_zh(path)
        assert path.name in str(err.value) and "how to fix" in str(err.value)


def test_packaged_rules_load_and_are_cached():
    assert load_rules_zh() is load_rules_zh()
    assert load_rules_zh().version >= 1
    assert scopes_zh("我没有想死") and mixed_scopes_of_view(zh_view("我没有想死"))


def test_speed_report():
    """Reported, not tightly asserted: a 100-character Chinese post."""
    post = ("我最近每天都睡不着，觉得自己是家人的负担。以前我想过自杀，现在好多了。我朋友说她不想活了，"
            "我很担心她。笑死我了，今天电脑又死机了。如果考不上怎么办？我不想死，我只想让痛苦停下来。")[:100]
    scopes(post)
    n = 3000
    t0 = time.perf_counter()
    for _ in range(n):
        scopes(post)
        idiom_spans(post)
    per = (time.perf_counter() - t0) / n * 1e3
    print(f"\nscopes() + idiom_spans(): {per:.3f} ms per 100-character Chinese post")
    assert per < 5.0


@pytest.mark.parametrize("text", ["死" * 20000, "不" * 20000, "我没有" * 5000, "“" * 20000, "哈哈" * 10000,
                                  "如果我朋友说她想死笑死了" * 2000])
def test_long_and_repetitive_inputs_stay_linear(text):
    from mentalens.explain.scope import MAX_SCOPE_CHARS

    t0 = time.perf_counter()
    got = scopes(text)
    idiom_spans(text)
    assert time.perf_counter() - t0 < 5.0
    assert all(s.end - s.start <= MAX_SCOPE_CHARS + 60 for s in got)
