"""The lens backend against the shared backend contract, plus lens-specific checks."""
from __future__ import annotations

import numpy as np
import pytest
from contract import TEXTS, BackendContract

from mentalens.backends.lens.model import LensBackend
from mentalens.errors import ModelNotFoundError, NotFittedError


@pytest.fixture(scope="module")
def backend(analyzer):
    return analyzer.backend


@pytest.fixture(scope="module")
def fit_backend():
    from lens_fixture import fit

    return fit


class TestLensContract(BackendContract):
    KNOWN = [
        ("I want to die, I can't see any reason to keep living.", "mental_disorder", "suicide_or_self_harm"),
        ("I want to die, I can't see any reason to keep living.", "suicidal_ideation", "yes"),
        ("Had a lovely walk by the river with my sister this morning.", "mental_disorder", "none"),
        ("Had a lovely walk by the river with my sister this morning.", "depression", "no"),
        ("Flashbacks of the accident wake me up every night in a sweat.", "mental_disorder", "ptsd"),
        ("I feel so alone, nobody would even notice if I was gone.", "interpersonal_risk", "thwarted_belongingness"),
        ("Everyone would be better off without me, I'm just a burden.", "interpersonal_risk",
         "perceived_burdensomeness"),
    ]


def test_unfitted_backend_says_so():
    with pytest.raises(NotFittedError, match="not fitted"):
        LensBackend().predict_proba(["hello"])


def test_load_from_a_folder_without_a_model(tmp_path):
    with pytest.raises(ModelNotFoundError) as info:
        LensBackend.load(tmp_path)
    assert "config.json" in str(info.value) and info.value.hint


def test_fitted_and_reloaded_models_agree(backend, lens_model_dir):
    """The saved weights are float16: a reloaded model matches the fitted one closely."""
    from lens_fixture import fit

    fitted = fit(0)
    p1, p2 = fitted.predict_proba(TEXTS), LensBackend.load(lens_model_dir).predict_proba(TEXTS)
    for t in fitted.tasks:
        np.testing.assert_allclose(p1[t], p2[t], atol=2e-3)
