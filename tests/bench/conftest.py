"""Fixtures for the benchmark tests: a tiny synthetic data tree and a tiny real lens model.

Every post is made up (invented words from tests/data/conftest.py, plus one cue word per
label so the model has something to learn). The tree uses the real layouts of MANIFEST.md
for three IMHI test files (DR, MultiWD, t-sid) and one MentaBench file (DepSeverity).
"""
from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("_mentalens_synthetic_data",
                                               Path(__file__).resolve().parent.parent / "data" / "conftest.py")
synthetic = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(synthetic)

TASKS = ["depression", "depression_severity", "mental_disorder", "wellness_dimensions"]
DISORDERS = ["none", "depression", "suicide_or_self_harm", "anxiety", "bipolar", "ptsd"]
LEVELS = {"minimum": "minimal", "mild": "mild", "moderate": "moderate", "severe": "severe"}
CUES = {"yes": "zorblat", "no": "quimble"}


def _post(rng: random.Random, *cues: str) -> str:
    words = synthetic.make_post(rng, 14).rstrip(".").split()
    for c in cues:
        words.insert(rng.randrange(len(words) + 1), c)
    return " ".join(words) + "."


def build_bench_tree(root: Path, n: int = 24, seed: int = 3) -> Path:
    rng = random.Random(seed)
    test = root / "imhi" / "test_data"
    for folder, variant in (("test_complete", "complete"), ("test_instruction", "instruction")):
        r = random.Random(seed)   # same posts and labels in both variants
        dr = [_post(r, CUES["no" if i % 2 else "yes"]) for i in range(n)]   # imhi_rows: even rows "yes"
        synthetic.write_csv(test / folder / "DR.csv", ["query", "gpt-3.5-turbo"],
                            synthetic.imhi_rows("DR", dr, r, variant, "query"))
        tsid = [_post(r, f"cue{['none', 'suicide_or_self_harm', 'ptsd'][i % 3]}") for i in range(n)]
        synthetic.write_csv(test / folder / "t-sid.csv", ["query", "gpt-3.5-turbo"],
                            synthetic.imhi_rows("t-sid", tsid, r, variant, "query"))
        wd = [_post(r, "cuephysical", "cuesocial") for _ in range(n // 3)]
        synthetic.write_csv(test / folder / "MultiWD.csv", ["query", "gpt-3.5-turbo"],
                            synthetic.imhi_rows("MultiWD", wd, r, variant, "query"))
    levels = list(LEVELS)
    synthetic.write_csv(root / "mentabench" / "Reddit_depression_dataset.csv", ["text", "label"],
                        [[_post(rng, f"cue{LEVELS[levels[i % 4]]}"), levels[i % 4]] for i in range(60)])
    (root / "MANIFEST.md").write_text("# synthetic research data for tests\n", encoding="utf-8")
    return root


def training_examples(seed: int = 11) -> list:
    from mentalens.data.example import Example

    rng = random.Random(seed)
    out = []
    for i in range(120):
        yn = "yes" if i % 2 else "no"
        dis = DISORDERS[i % 6]
        lev = list(LEVELS.values())[i % 4]
        dims = {d: bool((i >> k) & 1) for k, d in enumerate(["spiritual", "physical", "intellectual", "social",
                                                               "vocational", "emotional"])}
        text = _post(rng, CUES[yn], f"cue{dis}", f"cue{lev}", *(f"cue{d}" for d, on in dims.items() if on))
        out.append(Example(id=f"synthetic/train/{i}", text=text, source="synthetic", split="train",
                           labels={"depression": yn, "mental_disorder": dis, "depression_severity": lev,
                                   "wellness_dimensions": dims}))
    return out


@pytest.fixture(scope="session")
def bench_data(tmp_path_factory) -> Path:
    """A synthetic research data folder (read-only for the tests)."""
    return build_bench_tree(tmp_path_factory.mktemp("bench") / "data")


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory) -> Path:
    """A tiny real lens model fitted on made-up posts, saved to a folder."""
    from mentalens.backends.lens.model import LensBackend

    path = tmp_path_factory.mktemp("model") / "lens-tiny"
    LensBackend(nmax=2, min_df=1, name="lens-tiny", version="0.0.1").fit(training_examples(), TASKS, folds=3).save(path)
    return path
