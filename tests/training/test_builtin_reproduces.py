"""The committed built-in model is what its recipe makes from the research data: training it
again gives byte-identical weights (and the same config). Needs the data; takes minutes, so
it is marked slow (set MENTALENS_SKIP_SLOW=1 to skip it while iterating)."""
from __future__ import annotations

import os

import pytest

from mentalens.api import model_path
from mentalens.modelcard import weights_digest
from mentalens.training import train_recipe

pytestmark = [pytest.mark.data, pytest.mark.slow]


@pytest.mark.skipif(os.environ.get("MENTALENS_SKIP_SLOW") == "1", reason="MENTALENS_SKIP_SLOW=1")
def test_lens_en_retrains_to_the_committed_weights(data_dir, tmp_path):
    out = train_recipe("lens-en", data_dir, tmp_path / "lens-en")
    installed = model_path("lens-en")
    assert weights_digest(out) == weights_digest(installed)
    assert (out / "config.json").read_bytes() == (installed / "config.json").read_bytes()
    assert (out / "leakage.json").read_bytes() == (installed / "leakage.json").read_bytes()
