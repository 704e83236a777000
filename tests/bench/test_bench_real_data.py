"""The suites on the real research files (skipped without MENTALENS_DATA), with a dummy backend.

The dummy gives seeded random distributions for every task, so the test checks the plumbing
(files, splits, label subsets, pooling) on the real layouts, not any model's quality.
"""
from __future__ import annotations

import hashlib

import numpy as np
import pytest

from mentalens.backends.base import Backend
from mentalens.bench.runner import run_suite
from mentalens.bench.suites import collect_test_sets
from mentalens.tasks import get_task, task_ids

pytestmark = pytest.mark.data


class DummyBackend(Backend):
    name = "dummy"
    model_name, model_version = "dummy", "0"

    @property
    def tasks(self):
        return task_ids()

    def predict_proba(self, texts, tasks=None):
        out = {}
        for t in tasks or self.tasks:
            k = len(get_task(t).labels)
            rows = [np.random.default_rng(int(hashlib.sha256(f"{t}\0{x}".encode()).hexdigest()[:8], 16)).random(k)
                    for x in texts]
            p = np.array(rows).reshape(len(texts), k)
            out[t] = p if get_task(t).multilabel else p / p.sum(axis=1, keepdims=True)
        return out

    def decide(self, task, proba):
        spec = get_task(task)
        if spec.multilabel:
            return [[lab for lab, p in zip(spec.label_ids, row) if p >= 0.5] for row in proba]
        return [[spec.label_ids[int(np.argmax(row))]] for row in proba]

    def save(self, path):
        raise NotImplementedError

    @classmethod
    def load(cls, path):
        return cls()


def test_imhi_sets_on_the_real_files(data_dir):
    sets = collect_test_sets("imhi", data_dir)
    present = {s.benchmark.name: len(s.examples) for s in sets if s.skipped is None}
    assert set(present) == {"DR", "dreaddit", "SAD", "CAMS", "loneliness", "t-sid", "MultiWD", "Irf"}
    assert all(n > 100 for n in present.values())
    assert [s.benchmark.name for s in sets if s.skipped] == ["swmh"]


def test_mentabench_sets_on_the_real_files(data_dir):
    sets = collect_test_sets("mentabench", data_dir)
    assert len(sets) == 12 and not any(s.skipped for s in sets)
    by = {(s.benchmark.name, s.variant): [e.id for e in s.examples] for s in sets}
    assert by["suicide_risk", "leakage-free"] == by["suicide_risk_level", "leakage-free"]
    assert by["depression", "leakage-free"] == by["depression_severity", "leakage-free"]
    assert len(by["suicide_risk", "menta"]) == 100          # 20% of 500 users


def test_both_suites_run_end_to_end(data_dir):
    for suite in ("imhi", "mentabench"):
        results = run_suite(suite, model=DummyBackend(), data_dir=data_dir, limit=40, n_resamples=20)
        assert results["sets"] and all(s["n"] >= 40 for s in results["sets"])
        assert all(s["invalid"] == 0 for s in results["sets"])
        assert results["provenance"]["data_files_sha256"]
