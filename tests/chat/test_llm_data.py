"""The dialogue readers on the real ESConv and CPsyCounD files (MENTALENS_DATA; skipped without),
and the recipe's safety filter over a sample of them. Nothing is trained here."""
from __future__ import annotations

import itertools

import pytest

from mentalens.chat.dialogues import read_cpsycoun, read_esconv, screen_pairs, training_pairs

pytestmark = pytest.mark.data


@pytest.fixture(scope="module")
def esconv(data_dir):
    return {s: read_esconv(data_dir / "chat" / "esconv", [s]) for s in ("train", "valid", "test")}


@pytest.fixture(scope="module")
def cpsycoun(data_dir):
    return read_cpsycoun(data_dir / "chat" / "cpsycoun")


def alternates(messages) -> bool:
    return all(a["role"] != b["role"] for a, b in zip(messages, messages[1:]))


def test_esconv_counts_and_roles(esconv):
    assert {s: len(v) for s, v in esconv.items()} == {"train": 910, "valid": 195, "test": 195}
    for ds in esconv.values():
        for d in ds:
            assert d.lang == "en" and alternates(d.messages) and len(d.messages) >= 4
            assert {m["role"] for m in d.messages} == {"user", "assistant"}
            assert all(m["content"].strip() == m["content"] and m["content"] for m in d.messages)
    strategies = {s for d in esconv["train"] for ss in d.meta["strategies"] for s in ss}
    assert "Self-disclosure" in strategies and "Question" in strategies
    pairs = [p for d in esconv["train"] for p in training_pairs(d, context_turns=8)]
    assert len(pairs) > 5000 and all(p.context[0]["role"] == "user" for p in pairs)


def test_cpsycoun_counts_and_roles(cpsycoun):
    assert len(cpsycoun) > 3000                      # 3,084 case files in this copy (README: 3,134)
    assert all(d.lang == "zh" and alternates(d.messages) for d in cpsycoun)
    assert sum(d.messages[0]["role"] == "user" for d in cpsycoun) > 0.99 * len(cpsycoun)
    assert sum(len(training_pairs(d)) for d in cpsycoun) > 20000
    assert not any(m["content"].startswith(("来访者：", "心理咨询师：")) for d in cpsycoun for m in d.messages)


def test_safety_filter_on_a_sample(esconv, cpsycoun):
    """The engine's check over the first 2,000 supporter turns of each corpus: it runs, keeps most of
    them and says what it dropped (the counts of a full run are in training.json)."""
    pytest.importorskip("mentalens.chat.safety")
    from mentalens.chat.finetune import default_check

    for ds in (esconv["train"], cpsycoun):
        pairs = list(itertools.islice((p for d in ds for p in training_pairs(d)), 2000))
        s = screen_pairs(pairs, default_check)
        assert len(s.kept) > 0.8 * len(pairs), s.report()
        assert s.dropped_turns == len(pairs) - len(s.kept)
