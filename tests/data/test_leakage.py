"""Known test sets, deduplication of training data against them, and the overlap report."""
from __future__ import annotations

import json
import random

from mentalens.data import Example, load_dataset
from mentalens.data.leakage import LeakageReport, deduplicate, known_test_sets, overlap_report


def _ex(source: str, split: str, i: int, text: str) -> Example:
    return Example(id=f"{source}/{split}/{i}", text=text, labels={}, source=source, split=split)


def test_deduplicate_removes_exact_and_near_and_reports_per_pair(make_post):
    rng = random.Random(11)
    test_posts = [make_post(rng, 30) for _ in range(5)]
    tests = {"a:test": [_ex("a", "test", i, t) for i, t in enumerate(test_posts[:3])],
             "b:test": [_ex("b", "test", i, t) for i, t in enumerate(test_posts[2:])]}
    edited = test_posts[3].replace(test_posts[3].split()[10], "zzz", 1)
    train = [
        _ex("x", "train", 0, test_posts[0].upper()),             # exact duplicate of a:test
        _ex("x", "train", 1, make_post(rng, 30)),                # unrelated
        _ex("x", "train", 2, "Intro words. " + test_posts[2]),   # near duplicate of a post in both sets
        _ex("y", "train", 0, edited),                            # near duplicate of b:test
        _ex("y", "train", 1, make_post(rng, 30)),
    ]
    kept, report = deduplicate(train, tests)
    assert [e.id for e in kept] == ["x/train/1", "y/train/1"]
    assert (report.train_examples, report.removed, report.kept) == (5, 3, 2)
    pairs = {(o.train, o.test): o for o in report.overlaps}
    assert set(pairs) == {("x:train", "a:test"), ("x:train", "b:test"), ("y:train", "b:test")}
    xa = pairs[("x:train", "a:test")]
    assert (xa.exact, xa.near, xa.test_posts, xa.test_size) == (1, 1, 2, 3)
    assert xa.removed_ids == ["x/train/0", "x/train/2"]
    assert pairs[("y:train", "b:test")].near == 1 and not pairs[("y:train", "b:test")].same_dataset
    assert {t.name: (t.examples, t.removed) for t in report.train_sets} == {"x:train": (3, 2), "y:train": (2, 1)}
    again = LeakageReport.model_validate_json(report.model_dump_json())
    assert again == report
    md = report.to_markdown()
    assert "| x:train | a:test | 1 | 1 | 2 / 3 |" in md
    assert report.to_table().row_count == 3


def test_known_test_sets_cover_every_benchmark(synthetic_shared):
    tests = known_test_sets(synthetic_shared)
    expected = {f"imhi/{n}:test" for n in ("DR", "dreaddit", "SAD", "Irf", "MultiWD", "CAMS", "loneliness", "t-sid")}
    expected |= {"irf:test", "multiwd:test", "cams:test"}
    expected |= {f"mentabench/depseverity:menta-test[{t}]" for t in ("depression", "depression_severity")}
    expected |= {f"mentabench/cssrs:menta-test[{t}]" for t in ("suicide_risk", "suicide_risk_level")}
    expected |= {"mentabench/dreaddit:menta-test[stress]", "mentabench/sdcnl:menta-test[suicidal_ideation]",
                 "mentabench/depseverity:leakage-free-test", "mentabench/cssrs:leakage-free-test"}
    expected |= {"zh/socialcd:test", "zh/sos-hl-1k:test", "zh/sos1k:test", "zh/sos4k:test"}
    assert set(tests) == expected
    assert any("imhi/swmh:test skipped: file missing" in n for n in tests.notes)
    assert len(tests["mentabench/cssrs:menta-test[suicide_risk]"]) == 14


def test_overlap_report_finds_the_planted_overlap(synthetic_shared):
    report = overlap_report(synthetic_shared)
    pairs = {(o.train, o.test): o for o in report.overlaps}
    cams = pairs[("cams:added", "imhi/CAMS:test")]
    assert cams.exact == 40 and cams.test_posts == cams.test_size == 40
    own = pairs[("mentabench/sdcnl:all", "mentabench/sdcnl:menta-test[suicidal_ideation]")]
    assert own.same_dataset and own.exact == 14
    assert not any(o.train.startswith("rmhd") for o in report.overlaps)
    assert report.notes and json.loads(report.model_dump_json())["removed"] == report.removed
    kept_cams = [t for t in report.train_sets if t.name == "cams:added"][0]
    assert (kept_cams.examples, kept_cams.removed) == (80, 40)


def test_deduplicated_training_data_holds_no_test_post(synthetic_shared):
    train = load_dataset("cams", "added", synthetic_shared)
    kept, _ = deduplicate(train, known_test_sets(synthetic_shared))
    test_texts = {e.text for e in load_dataset("imhi/CAMS", "test", synthetic_shared)}
    assert len(kept) == 40 and not test_texts & {e.text for e in kept}
