"""The readers, splits and overlap report on the real research data (skipped when it is absent).

Counts are what the files hold (checked by hand against the CSVs); nothing from the files is
copied here.
"""
from __future__ import annotations

import time
from collections import Counter

import pytest

from mentalens.data import available, load_dataset
from mentalens.data.leakage import known_test_sets, overlap_report
from mentalens.data.splits import menta_split
from mentalens.errors import DataError

pytestmark = pytest.mark.data

ROWS = {
    ("imhi/DR", "train"): 1003, ("imhi/DR", "val"): 430, ("imhi/DR", "test"): 405,
    ("imhi/dreaddit", "train"): 2837, ("imhi/dreaddit", "val"): 300, ("imhi/dreaddit", "test"): 414,
    ("imhi/SAD", "train"): 5547, ("imhi/SAD", "val"): 616, ("imhi/SAD", "test"): 684,
    ("imhi/Irf", "val"): 985, ("imhi/Irf", "test"): 2113,
    ("imhi/MultiWD", "val"): 1500, ("imhi/MultiWD", "test"): 2441,
    ("imhi/CAMS", "test"): 625, ("imhi/loneliness", "test"): 528, ("imhi/t-sid", "test"): 959,
    ("irf", "train"): 1972, ("irf", "val"): 493, ("irf", "test"): 1057,
    ("multiwd", "train"): 2624, ("multiwd", "test"): 657,
    ("cams", "train"): 1460, ("cams", "test"): 370, ("cams", "added"): 3153,   # 1 + 2 rows with an empty post
    ("mentabench/dreaddit", "all"): 715, ("mentabench/depseverity", "all"): 3553,
    ("mentabench/sdcnl", "all"): 379, ("mentabench/cssrs", "all"): 500,
    ("rmhd", "27subreddits"): 7020, ("rmhd", "4subreddits"): 4160,
    ("rmhd", "rallypoint_train"): 3191, ("rmhd", "rallypoint_test"): 798,
    ("zh/socialcd", "train"): 2725, ("zh/socialcd", "test"): 682,
    ("zh/sos-hl-1k", "train"): 999, ("zh/sos-hl-1k", "test"): 250,
    **{("zh/sos1k", f"fold{k}"): 200 for k in range(1, 5)}, ("zh/sos1k", "fold5"): 199, ("zh/sos1k", "test"): 250,
    ("zh/sos4k", "train"): 2693, ("zh/sos4k", "val"): 673, ("zh/sos4k", "test"): 842,
}


def _labels(examples, task):
    return Counter(e.labels[task] for e in examples if task in e.labels)


def test_every_split_loads_with_the_rows_the_file_holds(data_dir):
    seen = {}
    for name, split, path, exists in available(data_dir):
        if name == "imhi/swmh":
            assert not exists
            with pytest.raises(DataError, match="file missing"):
                load_dataset(name, split, data_dir)
            continue
        seen[(name, split)] = len(load_dataset(name, split, data_dir))
    assert seen == ROWS


def test_imhi_labels_and_both_variants_agree(data_dir):
    dr = load_dataset("imhi/DR", "test", data_dir)
    assert _labels(dr, "depression") == {"yes": 307, "no": 98}
    sad = load_dataset("imhi/SAD", "test", data_dir)
    assert len(_labels(sad, "stress_cause")) == 9 and sum(_labels(sad, "stress_cause").values()) == 684
    for (name, split) in [k for k in ROWS if k[0].startswith("imhi/")]:
        complete = load_dataset(name, split, data_dir)
        instruction = load_dataset(name, split, data_dir, variant="instruction")
        assert all(e.labels for e in complete), (name, split)      # every gold answer maps to a label
        assert [e.labels for e in complete] == [e.labels for e in instruction], (name, split)
        # one Irf test answer is "yes. Reasoning:" with nothing after it: explanation None
        missing = [e.id for e in complete if not e.explanation]
        assert missing == (["imhi/Irf/test/1386"] if (name, split) == ("imhi/Irf", "test") else []), (name, split)


def test_imhi_pooled_rows(data_dir):
    irf = load_dataset("imhi/Irf", "test", data_dir)
    assert Counter(e.meta["aspect"] for e in irf) == {"thwarted_belongingness": 1057, "perceived_burdensomeness": 1056}
    assert sum(v for e in irf for v in e.labels["interpersonal_risk"].values()) == 1366
    mwd = load_dataset("imhi/MultiWD", "test", data_dir)
    assert len({e.meta["aspect"] for e in mwd}) == 6
    assert sum(v for e in mwd for v in e.labels["wellness_dimensions"].values()) == 887


def test_original_releases(data_dir):
    irf = load_dataset("irf", "test", data_dir)
    assert sum(e.labels["interpersonal_risk"]["thwarted_belongingness"] for e in irf) == 585
    assert sum("spans" in e.meta for e in irf) == 717
    cams = load_dataset("cams", "train", data_dir)
    assert sum(not e.labels for e in cams) == 3                    # empty label cells: kept unlabelled
    assert "cams/train/98" not in {e.id for e in cams}             # the empty post is skipped
    assert _labels(load_dataset("cams", "test", data_dir), "mental_illness_cause")["alienation"] == 92


def test_mentabench_files(data_dir):
    dep = load_dataset("mentabench/depseverity", "all", data_dir)
    assert _labels(dep, "depression") == {"no": 2587, "yes": 966}
    cssrs = load_dataset("mentabench/cssrs", "all", data_dir)
    assert sum(bool(e.meta.get("truncated")) for e in cssrs) == 28     # cells cut at a spreadsheet's limit
    assert all(e.meta["posts"] for e in cssrs)
    assert _labels(cssrs, "suicide_risk_level")["ideation"] == 171
    parts = menta_split(dep, "depression_severity")
    assert {k: len(v) for k, v in parts.items()} == {"train": 2557, "val": 285, "test": 711}


def test_rmhd_labels(data_dir):
    rows = load_dataset("rmhd", "rallypoint_test", data_dir)
    assert all(" " not in e.meta["subreddit"] for e in rows)
    assert _labels(rows, "loneliness")["yes"] == 31 and _labels(rows, "mental_disorder")["ptsd"] == 119


@pytest.fixture(scope="module")
def report(data_dir):
    start = time.perf_counter()
    rep = overlap_report(data_dir)
    rep.notes.append(f"seconds: {time.perf_counter() - start:.1f}")
    return rep


@pytest.mark.slow
def test_known_overlaps_show_up(report):
    pairs = {(o.train, o.test): o for o in report.overlaps}
    cams = pairs[("cams:added", "imhi/CAMS:test")]
    assert cams.test_posts == cams.test_size == 625                    # every IMHI CAMS test post
    lonely = pairs[("multiwd:train", "imhi/loneliness:test")]
    assert lonely.test_posts > lonely.test_size / 2                    # most loneliness test posts
    assert pairs[("multiwd:train", "imhi/Irf:test")].test_posts > 1057 / 2
    assert pairs[("irf:train", "imhi/loneliness:test")].test_posts > 200
    assert pairs[("irf:train", "imhi/CAMS:test")].test_posts > 200
    assert pairs[("mentabench/depseverity:all", "imhi/dreaddit:test")].test_posts == 414
    assert pairs[("mentabench/dreaddit:all", "imhi/dreaddit:test")].test_posts == 414
    assert pairs[("mentabench/sdcnl:all", "cams:test")].near > 300      # CAMS' posts are SDCNL bodies
    assert any("imhi/swmh:test skipped" in n for n in report.notes)


@pytest.mark.slow
def test_overlap_report_is_fast(report):
    seconds = float(report.notes[-1].split()[-1])
    assert seconds < 60


def test_known_test_sets_keys(data_dir):
    tests = known_test_sets(data_dir)
    assert "imhi/swmh:test" not in tests
    assert len(tests["mentabench/depseverity:menta-test[depression_severity]"]) == 711
    assert len(tests) == 23      # 8 IMHI + 3 original releases + 6 Menta tests + 2 leakage-free + 4 Chinese
