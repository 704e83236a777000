"""A tiny real Chinese lens model for the tests, fitted on made-up posts written for this suite.

Every post below was written for the tests (none comes from a dataset). Openers carry the
suicide-risk signal, tails a cognitive distortion; their product gives 96 posts for
a binary task (high_suicide_risk) and a multi-label one (cognitive_distortion).
"""
from __future__ import annotations

from pathlib import Path

TASKS = ["high_suicide_risk", "cognitive_distortion"]

OPENERS: dict[str, list[str]] = {
    "no": [
        "今天和朋友去公园散步，阳光很好。",
        "周末在家做了红烧肉，家人都说好吃。",
        "新买的书很有意思，一口气读完了。",
        "下班路上看到很美的晚霞，拍了好多照片。",
    ],
    "yes": [
        "我真的不想活了，每天都在想怎么结束这一切。",
        "活着太痛苦了，我已经决定离开这个世界。",
        "我想死，没有人需要我，我撑不下去了。",
        "这是我最后一次说话，我准备结束自己的生命。",
    ],
}
TAILS: dict[str, list[str]] = {
    "all_or_nothing": ["要么完美要么就是彻底失败。"],
    "overgeneralization": ["我做什么事情从来都不会成功。"],
    "mental_filter": ["整天只记得那一句批评。"],
    "disqualifying_positive": ["他们夸我只是客气而已。"],
    "mind_reading": ["同事们心里肯定都看不起我。"],
    "fortune_telling": ["明天的面试肯定会失败。"],
    "magnification": ["犯了这个小错天都要塌了。"],
    "emotional_reasoning": ["我感觉自己很笨所以我一定很笨。"],
    "should_statements": ["我必须让所有人满意。"],
    "labeling": ["我就是个彻底的废物。"],
    "personalization": ["家里吵架全都是我的错。"],
    "blaming": ["都怪他们把我害成这样。"],
}


def examples():
    from mentalens.data.example import Example

    out = []
    distortions = list(TAILS)
    for risk, openers in OPENERS.items():
        for i, opener in enumerate(openers):
            for label, tails in TAILS.items():
                for j, tail in enumerate(tails):
                    present = {d: d == label for d in distortions}
                    out.append(Example(id=f"zh-{risk}-{i}-{label}-{j}", text=opener + tail, source="zh-test",
                                       split="train", labels={"high_suicide_risk": risk,
                                                              "cognitive_distortion": present}))
    return out


def fit(seed: int = 0):
    from mentalens.backends.lens.model import LensBackend

    return LensBackend(nmax=2, min_df=1, name="lens-zh-test", version="0.0.1", language="zh").fit(
        examples(), TASKS, folds=3, seed=seed)


def build(path: Path, seed: int = 0) -> Path:
    fit(seed).save(path)
    return path
