"""`mentalens train` end to end on a synthetic data tree (made-up posts in the real layouts):
leakage control runs, every kind of head trains (binary, multiclass, multilabel with a tuned
shift, a derived head), training is byte-for-byte deterministic, and the model card renders."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from mentalens.api import load
from mentalens.cli.main import main
from mentalens.errors import MentalensError
from mentalens.modelcard import weights_digest, write_card
from mentalens.training import train_recipe

_spec = importlib.util.spec_from_file_location("_mentalens_synthetic_data",
                                               Path(__file__).resolve().parent.parent / "data" / "conftest.py")
synthetic = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(synthetic)

RECIPE = """\
name: tiny-test
version: "0.0.1"
description: a tiny recipe for the tests
seed: 3
folds: 3
nmax: 2
min_df: 1
tasks:
  depression:
    train: [imhi/DR:train, imhi/DR:val]
  stress_cause:
    train: [imhi/SAD:train]
  interpersonal_risk:
    train: [imhi/Irf:val, irf:train]
    decision: shift
    tune_on: "imhi/Irf:val"
  suicide_risk_level:
    train: [mentabench/cssrs:all]
    C: 0.3
  suicide_risk:
    train: [mentabench/cssrs:all]
    derive_from: suicide_risk_level
    metric: balanced_accuracy
"""


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("synthetic-train") / "data"
    synthetic.build_tree(root, n=60)
    return root


@pytest.fixture(scope="module")
def recipe(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("recipe") / "tiny-test.yaml"
    path.write_text(RECIPE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def trained(tree, recipe, tmp_path_factory) -> Path:
    return train_recipe(str(recipe), tree, tmp_path_factory.mktemp("model") / "tiny-test")


def test_training_is_deterministic(trained, tree, recipe, tmp_path):
    again = train_recipe(str(recipe), tree, tmp_path / "again")
    assert weights_digest(again) == weights_digest(trained)
    assert (again / "config.json").read_bytes() == (trained / "config.json").read_bytes()


def test_model_folder_holds_leakage_report_and_training_summary(trained):
    leakage = json.loads((trained / "leakage.json").read_text(encoding="utf-8"))
    assert leakage["train_examples"] > 0 and "overlaps" in leakage
    summary = json.loads((trained / "training.json").read_text(encoding="utf-8"))
    assert set(summary["tasks"]) == {"depression", "stress_cause", "interpersonal_risk", "suicide_risk_level",
                                     "suicide_risk"}
    assert all(len(h) == 64 for h in summary["data_files_sha256"].values())


def test_every_head_kind_scores(trained):
    model = load(trained).backend
    cfg = json.loads((trained / "config.json").read_text(encoding="utf-8"))["tasks"]
    assert cfg["interpersonal_risk"]["rule"] == "shift"
    assert cfg["suicide_risk"]["source"] == "suicide_risk_level"
    proba = model.predict_proba(["I feel amber basil cobalt today", "dune ember fjord"])
    for task, p in proba.items():
        assert p.shape[0] == 2 and ((p >= 0) & (p <= 1)).all()
    # the derived head is the level head's probabilities grouped: supportive vs the rest
    assert abs(proba["suicide_risk"][:, 0] - proba["suicide_risk_level"][:, 0]).max() < 1e-9
    result = load(trained).analyze("amber basil cobalt dune ember")
    assert set(result.tasks) == set(cfg)


def test_model_card_renders_from_files(trained):
    path = write_card(trained)
    card = path.read_text(encoding="utf-8")
    assert "Leakage control" in card and "suicide_risk" in card and "Not for" in card
    assert weights_digest(trained) in card


def test_cli_train_check_fails_against_a_different_model(tree, recipe, tmp_path, capsys):
    # --check compares with the installed model of the recipe's name; there is none for this recipe
    code = main(["train", "--recipe", str(recipe), "--data-dir", str(tree), "--out", str(tmp_path / "m"),
                 "--quiet", "--check"])
    assert code != 0
    assert "tiny-test" in capsys.readouterr().err


def test_unknown_derive_source_is_a_clear_error(tree, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(RECIPE.replace("derive_from: suicide_risk_level", "derive_from: stress"), encoding="utf-8")
    with pytest.raises(MentalensError, match="derived from 'stress'"):
        train_recipe(str(bad), tree, tmp_path / "out")
