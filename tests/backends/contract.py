"""The contract every backend passes (in the spirit of scikit-learn's estimator checks).

Subclass ``BackendContract`` in a ``test_<backend>_contract.py`` and provide two fixtures:

- ``backend``: a fitted backend, loaded from disk the way users get one;
- ``fit_backend``: ``fit_backend(seed) -> backend`` fitting afresh (trainable backends only;
  return None from the fixture to skip the training checks);

and the class attribute ``KNOWN``: (text, task, label) triples the fitted backend must rank
first (this pins the probability columns to the TaskSpec's label order).
"""
from __future__ import annotations

import string

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentalens.tasks import get_task, task_ids

TEXTS = [
    "I feel empty and nothing interests me anymore.",
    "Had a great day at the beach with friends!",
    "",
    "   ",
    "\x00\x01 control \x1b[31m characters \x7f",
    "Lone surrogate \ud800 in the middle \udfff and at the end \udbff",
    "Emoji \U0001f622\U0001f44d\U0001f3fd and CJK \u6211\u5f88\u96be\u8fc7 and combining e\u0301\u0308",
    "WHY CAN'T I SLEEP??? 3am again...",
    "a" * 3000,
]

# Arbitrary Unicode, lone surrogates included, plus pieces that stress offset bookkeeping.
_PIECES = st.sampled_from(["\U0001f622", "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\u6211\u60f3", "e\u0301",
                           "\u0308\u0301", "\ud800", "\udfff", "\ufffd", "\x00", "\n\n", "\t", " ", "I'm", "sad",
                           "nobody", "\u2019", "\u200b", "\U00020000", "die"])
TEXT = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=()), max_size=60),
    st.lists(st.one_of(_PIECES, st.text(alphabet=string.ascii_letters + " .,!?'", max_size=12)),
             max_size=15).map("".join),
)


def _spans_ok(text, spans, allowed):
    for e in spans:
        assert 0 <= e.start < e.end <= len(text), (e, len(text))
        assert text[e.start:e.end] == e.text, (e, text)
        assert e.label in allowed


class BackendContract:
    KNOWN: list[tuple[str, str, str]] = []

    # -- identity and label order -----------------------------------------------------
    def test_identity(self, backend):
        assert isinstance(backend.model_name, str) and backend.model_name
        assert isinstance(backend.model_version, str)
        assert backend.tasks and set(backend.tasks) <= set(task_ids())
        assert len(set(backend.tasks)) == len(backend.tasks)

    def test_columns_follow_the_task_spec(self, backend):
        proba = backend.predict_proba(TEXTS)
        assert list(proba) == list(backend.tasks)
        for t, p in proba.items():
            assert p.shape == (len(TEXTS), len(get_task(t).labels)), t

    def test_known_texts_rank_their_label_first(self, backend):
        for text, task, label in self.KNOWN:
            p = backend.predict_proba([text], [task])[task][0]
            assert get_task(task).label_ids[int(np.argmax(p))] == label, (text, task, p)

    def test_decide_reads_columns_in_spec_order(self, backend):
        for t in backend.tasks:
            spec = get_task(t)
            k = len(spec.labels)
            if spec.multilabel:
                assert backend.decide(t, np.ones((1, k))) == [spec.label_ids]
                assert backend.decide(t, np.zeros((1, k))) == [[]]
            else:
                assert backend.decide(t, np.eye(k)) == [[lab] for lab in spec.label_ids]

    def test_task_subset_and_order(self, backend):
        sub = list(reversed(backend.tasks))[:2]
        proba = backend.predict_proba(TEXTS[:2], sub)
        assert list(proba) == sub
        full = backend.predict_proba(TEXTS[:2])
        for t in sub:
            np.testing.assert_array_equal(proba[t], full[t])

    # -- probabilities ----------------------------------------------------------------
    def test_probabilities_are_probabilities(self, backend):
        for t, p in backend.predict_proba(TEXTS).items():
            assert np.all(np.isfinite(p)), t
            assert np.all((p >= 0) & (p <= 1)), t
            if not get_task(t).multilabel:
                np.testing.assert_allclose(p.sum(axis=1), 1.0, atol=1e-6, err_msg=t)

    def test_batch_equals_single(self, backend):
        batch = backend.predict_proba(TEXTS)
        for i, text in enumerate(TEXTS[:4]):
            one = backend.predict_proba([text])
            for t in backend.tasks:
                np.testing.assert_allclose(one[t][0], batch[t][i], rtol=1e-9, atol=1e-12)

    def test_empty_batch(self, backend):
        for t, p in backend.predict_proba([]).items():
            assert p.shape == (0, len(get_task(t).labels))

    # -- decisions ----------------------------------------------------------------------
    def test_decide_gives_valid_labels(self, backend):
        proba = backend.predict_proba(TEXTS)
        for t, p in proba.items():
            spec = get_task(t)
            decided = backend.decide(t, p)
            assert len(decided) == len(TEXTS)
            for labs in decided:
                assert set(labs) <= set(spec.label_ids)
                if spec.multilabel:
                    assert labs == [lab for lab in spec.label_ids if lab in labs]
                else:
                    assert len(labs) == 1

    def test_nan_row_is_invalid_not_no(self, backend):
        for t in backend.tasks:
            k = len(get_task(t).labels)
            assert backend.decide(t, np.full((1, k), np.nan)) == [[]], t

    # -- persistence and determinism ----------------------------------------------------
    def test_save_load_round_trip(self, backend, tmp_path):
        backend.save(tmp_path / "a")
        again = type(backend).load(tmp_path / "a")
        assert again.tasks == backend.tasks
        assert (again.model_name, again.model_version) == (backend.model_name, backend.model_version)
        p1, p2 = backend.predict_proba(TEXTS), again.predict_proba(TEXTS)
        for t in backend.tasks:
            np.testing.assert_array_equal(p1[t], p2[t])
        again.save(tmp_path / "b")
        for f in sorted(p.name for p in (tmp_path / "a").iterdir()):
            assert (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes(), f

    def test_fit_is_deterministic(self, fit_backend, tmp_path):
        if fit_backend is None:
            pytest.skip("backend is not trainable")
        fit_backend(0).save(tmp_path / "one")
        fit_backend(0).save(tmp_path / "two")
        files = sorted(p.name for p in (tmp_path / "one").iterdir())
        assert files == sorted(p.name for p in (tmp_path / "two").iterdir())
        for f in files:
            assert (tmp_path / "one" / f).read_bytes() == (tmp_path / "two" / f).read_bytes(), f

    # -- evidence -----------------------------------------------------------------------
    def _decided(self, backend, texts):
        proba = backend.predict_proba(texts)
        per_task = {t: backend.decide(t, p) for t, p in proba.items()}
        return [{t: per_task[t][i] for t in backend.tasks} for i in range(len(texts))]

    def test_evidence_spans_quote_the_text(self, backend):
        if not backend.capabilities.evidence_spans:
            pytest.skip("backend gives no evidence spans")
        labels = self._decided(backend, TEXTS)
        out = backend.explain(TEXTS, labels, top_k=3)
        assert len(out) == len(TEXTS)
        for text, labs, ev in zip(TEXTS, labels, out):
            for t, spans in ev.items():
                _spans_ok(text, spans, set(labs[t]))

    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                     HealthCheck.differing_executors])
    @given(text=TEXT)
    def test_evidence_spans_on_arbitrary_unicode(self, backend, text):
        if not backend.capabilities.evidence_spans:
            return
        labels = self._decided(backend, [text])
        (ev,) = backend.explain([text], labels, top_k=5)
        for t, spans in ev.items():
            _spans_ok(text, spans, set(labels[0][t]))
        for p in backend.predict_proba([text]).values():
            assert np.all(np.isfinite(p))
