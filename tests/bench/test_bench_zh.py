"""`mentalens bench zh`: the Chinese sets scored with their own metrics (F1 of SOS-HL-1K's
high-risk class, micro-F1 of SocialCD-3K) on a synthetic tree, and the label_f1 metric."""
from __future__ import annotations

import random

import numpy as np
import pytest
from conftest import synthetic

from mentalens.bench import metrics as M
from mentalens.bench.runner import run_suite


def test_label_f1_is_the_f1_of_one_label():
    from sklearn.metrics import f1_score

    rng = np.random.default_rng(0)
    gold, pred = rng.integers(0, 2, 200), rng.integers(0, 2, 200)
    out = M.score_single_label(gold, pred, 2, ["label_f1", "weighted_f1"], label=1, n_resamples=50)
    assert out["label_f1"][0] == pytest.approx(f1_score(gold, pred, pos_label=1))
    assert out["label_f1"][1] <= out["label_f1"][0] <= out["label_f1"][2]
    with pytest.raises(ValueError, match="needs the label"):
        M.score_single_label(gold, pred, 2, ["label_f1"])


def test_bench_zh_scores_every_chinese_set(tmp_path):
    from lens_zh_fixture import build

    root = tmp_path / "data"
    synthetic.build_zh(root / "zh", random.Random(5), 24)
    (root / "MANIFEST.md").write_text("synthetic\n", encoding="utf-8")
    model = build(tmp_path / "lens-zh-test")
    results = run_suite("zh", model=str(model), data_dir=root, n_resamples=50)
    sets = {s["name"]: s for s in results["sets"]}
    assert {"SOS-HL-1K", "SocialCD-3K"} <= set(sets)
    hl = sets["SOS-HL-1K"]
    assert hl["metric"] == "label_f1" and list(hl["metrics"])[0] == "label_f1"
    assert hl["published"] == {"supervised baseline (FIELD.md)": 82.76}
    f1 = hl["metrics"]["label_f1"]
    assert f1["ci_low"] <= f1["value"] <= f1["ci_high"]
    cd = sets["SocialCD-3K"]
    assert cd["metric"] == "micro_f1" and cd["scoring"] == "multi-label"
    # the tiny model has no urgency head: those sets are skipped with the reason
    assert {s["name"] for s in results["skipped"]} == {"SOS-1K", "SOS-4K"}
    assert all("no head for task suicide_urgency" in s["reason"] for s in results["skipped"])
