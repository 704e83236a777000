"""The built-in chat risk model is reproduced from the red-team files and the research data
(MENTALENS_DATA; skipped without): same scores, same held-out table."""
from __future__ import annotations

import json

import numpy as np
import pytest

from mentalens.chat import risk_model as RM
from mentalens.chat.risk_model import redteam_examples
from mentalens.chat.risk_train import train_risk_model
from mentalens.chat.texts import REDTEAM_DIR

pytestmark = pytest.mark.data
pytest.importorskip("sklearn")


def test_retraining_reproduces_the_built_in_model(data_dir, tmp_path):
    out = train_risk_model(data_dir, tmp_path / "chat-risk")
    mine, shipped = RM.RiskModel.load(out), RM.default_model()
    texts = [t for t, _, _ in redteam_examples(REDTEAM_DIR)]
    assert np.allclose(mine.scores(texts), shipped.scores(texts), atol=1e-4)
    table = json.loads((out / "training.json").read_text(encoding="utf-8"))["held_out"]
    assert table == shipped.meta["held_out"]
