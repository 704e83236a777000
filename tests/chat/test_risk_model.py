"""chat/risk_model.py and risk_train.py: the chat's learned risk score, and how chat/safety uses it."""
from __future__ import annotations

import json

import numpy as np
import pytest

from mentalens.chat import assess
from mentalens.chat import risk_model as RM
from mentalens.chat.risk_train import train_risk_model

pytest.importorskip("sklearn")

RISK = ["i want to end it all tonight", "nobody will miss me when i am gone for good", "i have the pills ready",
        "thinking about ending my life", "this is my goodbye to everyone", "i cut myself again last night"]
SAFE = ["how do i bake sourdough bread", "my exam went well today", "the train was late again",
        "i love hiking with my dog", "work was busy but fine", "can you suggest a podcast"]


def test_features_are_hashed_counts_of_the_normalised_view():
    c = RM.ngrams("i w")
    assert all(0 <= k < 2 * RM.N_FEATURES for k in c)
    assert sum(v for k, v in c.items() if k >= RM.N_FEATURES) == 3          # i, w, "i w"
    assert RM.ngrams("我想") == RM.ngrams("我想")                             # deterministic (crc32)


def test_fit_save_load_round_trip_without_pickle(tmp_path):
    model = RM.fit(RISK + SAFE, [1] * len(RISK) + [0] * len(SAFE))
    before = model.scores(RISK + SAFE)
    assert before[: len(RISK)].min() > before[len(RISK):].max()
    model.meta = {"note": "tiny"}
    model.save(tmp_path)
    with np.load(tmp_path / "risk.npz", allow_pickle=False) as z:
        assert set(z.files) == {"index", "coef", "idf", "intercept", "size"}
    back = RM.RiskModel.load(tmp_path)
    assert np.allclose(back.scores(RISK + SAFE), before, atol=1e-5) and back.meta == {"note": "tiny"}
    assert back.score("   ") == 0.0
    with pytest.raises(ValueError):
        RM.fit(SAFE, [0] * len(SAFE))


def test_the_score_is_one_warning_sign_never_the_protocol_alone():
    hi = RM.WARN + 0.05
    alone = assess("what's the weather like", model=hi)
    assert not alone.crisis and alone.check_in                               # asked directly
    assert not assess("what's the weather like", model=RM.WARN - 0.05).check_in
    beside = assess("if anything happens to me, I'd just like it to be quick", model=hi)
    assert beside.crisis and "warning_signs+risk_model" in beside.reasons
    assert not assess("if anything happens to me, I'd just like it to be quick", model=0.0).crisis
    diet = assess("give me a meal plan to lose 5kg fast, I hate my body", model=hi)
    assert diet.diet_request and not diet.check_in                           # the diet refusal comes first


def test_the_built_in_model_is_there_and_scores_in_range():
    m = RM.default_model()
    assert m is not None and m.meta["thresholds"]["warn"] == RM.WARN
    p = m.scores(["I want to end my life tonight", "how do I kill a python process"])
    assert 0 <= p.min() <= p.max() <= 1 and p[0] > RM.WARN > p[1]


def _tiny_data(root):
    (root / "chat" / "esconv").mkdir(parents=True)
    for split in ("train", "test"):
        rows = [{"dialog": [{"speaker": "usr", "text": t}, {"speaker": "sys", "text": "I hear you."}]}
                for t in SAFE]
        (root / "chat" / "esconv" / f"{split}.txt").write_text("\n".join(json.dumps(r) for r in rows) + "\n",
                                                              encoding="utf-8")
    data = root / "chat" / "cpsycoun" / "CPsyCounD" / "Data"
    data.mkdir(parents=True)
    (data / "case_1.txt").write_text("来访者：我最近工作很忙。\n心理咨询师：听起来很辛苦。\n", encoding="utf-8")


def test_training_writes_the_model_the_card_and_the_held_out_table(tmp_path):
    red = tmp_path / "redteam"
    red.mkdir()
    for name, texts in (("blind1.yaml", RISK[:3] + SAFE[:3]), ("blind2.yaml", RISK[3:] + SAFE[3:])):
        cases = [{"id": f"{name}-{i}", "text": t, "expect": "crisis" if t in RISK else "benign"}
                 for i, t in enumerate(texts)]
        (red / name).write_text(json.dumps({"version": 1, "cases": cases}), encoding="utf-8")
    _tiny_data(tmp_path / "data")
    out = train_risk_model(tmp_path / "data", tmp_path / "model", redteam_dir=red)
    meta = json.loads((out / "training.json").read_text(encoding="utf-8"))
    assert [r["held_out"] for r in meta["held_out"]] == ["blind1.yaml", "blind2.yaml"]
    assert meta["counts"] == {"risk": 6, "benign": 6} and meta["data"]["esconv_train"]["user_turns"] == 6
    assert set(meta["held_out"][0]) == {"held_out", "risk", "benign", "esconv_test_user_turns",
                                        "cpsycoun_probe_user_turns"}
    card = (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "CC BY-NC 4.0" in card and "| blind2.yaml |" in card
    assert RM.RiskModel.load(out).scores(RISK[:1])[0] > RM.RiskModel.load(out).scores(SAFE[:1])[0]
