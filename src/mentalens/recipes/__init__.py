"""Training recipes: which data trains which task, with which settings, for a named model.

One YAML file per recipe (``<name>.yaml``). ``mentalens train --recipe <name>`` reads it,
loads the data, removes every known test post (data/leakage.py), fits, and writes the model
folder with its leakage report and model card.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Literal
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..errors import MentalensError, UnknownNameError

RECIPE_DIR = Path(__file__).resolve().parent


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class WeightedSource(_Strict):
    source: str           # "<dataset>:<split>"
    weight: float = Field(gt=0)


class TaskRecipe(_Strict):
    # "<dataset>:<split>" (or {source, weight}) in priority order: a text labelled twice keeps
    # its first label. A weight below 1 lets a source anchor a head without dominating it.
    train: list[str | WeightedSource]
    C: float = 1.0
    alpha: float = 0.05
    # decision rule: balanced (Menta's class-balanced objective), map, or shift (tuned on tune_on)
    decision: Literal["balanced", "map", "shift"] = "balanced"
    tune_on: str | None = None
    # what "shift" and derived thresholds maximise on out-of-fold rows
    metric: Literal["weighted_f1", "balanced_accuracy", "micro_f1"] = "weighted_f1"
    # read the task off another task's head (labels grouped by the specs' shared codes);
    # `train` then only supplies the rows that tune its decision
    derive_from: str | None = None

    @field_validator("train")
    @classmethod
    def _refs(cls, v: list) -> list:
        for item in v:
            ref = item if isinstance(item, str) else item.source
            if ref.count(":") != 1:
                raise ValueError(f"training source {ref!r} must be '<dataset>:<split>'")
        return v

    @property
    def refs(self) -> list[str]:
        return [item if isinstance(item, str) else item.source for item in self.train]

    @property
    def weights(self) -> dict[str, float]:
        return {item.source: item.weight for item in self.train if not isinstance(item, str)}


class Recipe(_Strict):
    name: str
    version: str
    backend: str = "lens"
    language: Literal["en", "zh"] = "en"    # what the lens backend reads (backends/lens/zh.py for Chinese)
    description: str
    seed: int = 0
    folds: int = 5
    nmax: int = 2
    min_df: int = 2
    tasks: dict[str, TaskRecipe]
    notes: list[str] = Field(default_factory=list)


def recipe_names() -> list[str]:
    return sorted(p.stem for p in RECIPE_DIR.glob("*.yaml"))


@lru_cache(maxsize=None)
def get_recipe(name: str) -> Recipe:
    path = RECIPE_DIR / f"{name}.yaml"
    if not path.is_file():
        raise UnknownNameError("recipe", name, recipe_names())
    return load_recipe(path)


def load_recipe(path: Path) -> Recipe:
    try:
        recipe = Recipe.model_validate(yaml.safe_load(Path(path).read_text(encoding="utf-8")))
    except Exception as exc:
        raise MentalensError(f"recipe {path} is invalid: {exc}",
                             hint="compare it with the built-in recipes in mentalens/recipes/") from exc
    from ..tasks import get_task

    for t in recipe.tasks:
        get_task(t)
    return recipe
