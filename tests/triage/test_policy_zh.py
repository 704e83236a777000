"""The triage policy's Chinese rules (policy.yaml): the writer's own statement is high by
itself; lens-zh's scores count only beside suicide wording of the writer's own."""
from __future__ import annotations

import pytest

from mentalens.triage import triage

URGENT = {"high_suicide_risk": {"no": 0.05, "yes": 0.95},
          "suicide_urgency": {f"level_{k}": (0.9 if k == 9 else 0.01) for k in range(11)}}
DECIDED = {"high_suicide_risk": ["yes"], "suicide_urgency": ["level_9"]}


@pytest.mark.parametrize("text", ["我想死。真的撑不下去了", "我不想活了", "我已经决定了，就这几天，我要结束自己的生命",
                                  "永别了，谢谢这些年对我好的人", "我想死，沒有人需要我",
                                  "我真的撑不下去了, I just want to die"])
def test_the_writers_own_statement_is_high_without_any_model_score(text):
    assert triage({}, {}, text, "zh_CN").level in ("high", "imminent")


@pytest.mark.parametrize("text", ["我没有想死，只是有点累", "我朋友说她不想活了", "笑死我了哈哈哈", "今天加班到十点，累死了",
                                  "手机又死机了"])
def test_high_model_scores_do_not_count_without_the_writers_own_suicide_wording(text):
    assert triage(URGENT, DECIDED, text, "zh_CN").level == "none"


def test_model_scores_count_beside_the_writers_own_wording():
    assert triage(URGENT, DECIDED, "活着没意思，我想死", "zh_CN").level in ("high", "imminent")


def test_the_chinese_rules_do_not_read_english_posts():
    assert triage({}, {}, "I want to die", "en_US").level == "none"      # English posts: the model decides
