"""BARTScore with a tiny randomly initialised BART and a word-level tokenizer built in the test."""
from __future__ import annotations

import sys

import numpy as np
import pytest

from bart_fixture import build_tiny_bart
from mentalens.errors import ExtraNotInstalledError, ModelNotFoundError


@pytest.fixture(scope="module")
def tiny_bart(tmp_path_factory):
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    return build_tiny_bart(tmp_path_factory.mktemp("bart") / "tiny-bart")


@pytest.mark.slow
def test_bartscore_is_finite_deterministic_and_padding_free(tiny_bart):
    from mentalens.explain.bartscore import BartScorer

    sources = ["i feel alone nobody cares", "stress about work", "", "the post shows signs of loneliness and stress"]
    targets = ["the post shows signs of loneliness", "stress about school", "sad", "i feel sad"]
    scorer = BartScorer(tiny_bart, batch_size=3)
    scores = scorer.score(sources, targets)
    assert scores.shape == (4,) and np.isfinite(scores).all() and (scores < 0).all()   # mean log-likelihoods
    assert np.array_equal(scores, scorer.score(sources, targets))
    assert np.array_equal(scores, BartScorer(tiny_bart, batch_size=3).score(sources, targets))   # loaded again
    again = BartScorer(str(tiny_bart), batch_size=1).score(sources, targets)           # one pair at a time: no padding
    assert np.allclose(scores, again, atol=1e-5)
    assert scorer.score([], []).shape == (0,)
    with pytest.raises(ValueError):
        scorer.score(["a"], [])


@pytest.mark.slow
def test_bartscore_errors_say_where_they_looked(tmp_path, tiny_bart, monkeypatch):
    from mentalens.explain.bartscore import BartScorer

    with pytest.raises(ModelNotFoundError) as exc:
        BartScorer(tmp_path / "nowhere")
    assert str((tmp_path / "nowhere").resolve()) in str(exc.value) and "does not exist" in str(exc.value)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ModelNotFoundError) as exc:
        BartScorer(empty)
    assert str(empty / "config.json") in str(exc.value) and "save_pretrained" in str(exc.value)
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "config.json").write_text('{"model_type": "bart"}', encoding="utf-8")
    with pytest.raises(ModelNotFoundError) as exc:
        BartScorer(broken)
    assert str(broken) in str(exc.value)
    monkeypatch.setitem(sys.modules, "torch", None)          # as without the extra
    with pytest.raises(ExtraNotInstalledError) as exc:
        BartScorer(tiny_bart)
    assert "mentalens[torch]" in str(exc.value)
