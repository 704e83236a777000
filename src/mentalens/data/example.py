"""Example: one labelled post as a dataset reader yields it."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Union

# Single-label tasks: the label id. Multi-label tasks: label id -> present? for the aspects
# the row annotates (IMHI's MultiWD and Irf rows ask about one aspect at a time).
LabelValue = Union[str, Mapping[str, bool]]


@dataclass(frozen=True, slots=True)
class Example:
    id: str                                   # stable: "<dataset>/<split>/<row number>"
    text: str                                 # the post, exactly as the file has it (prefixes like "Post:" removed)
    labels: Mapping[str, LabelValue]          # task id -> label
    explanation: str | None = None            # a gold explanation, where the dataset has one
    source: str = ""                          # dataset name, e.g. "imhi/DR"
    split: str = ""                           # train / val / test
    meta: Mapping[str, Any] = field(default_factory=dict)  # e.g. question, aspect, subreddit, human spans
