"""Model cards: written from a model folder (config, training.json, leakage.json) and the
benchmark results files, so every number in a card comes from a file a command wrote."""
from __future__ import annotations

from pathlib import Path

from .hashing import sha256_file


def weights_digest(model_dir: str | Path) -> str:
    return sha256_file(Path(model_dir) / "weights.safetensors")
