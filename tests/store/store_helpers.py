"""Helpers of the store tests: a fake analyzer whose triage level is written in the post (so the
alert rules can be tested level by level, whatever a model would say), planted personal data,
and the bytes of a store's files."""
from __future__ import annotations

import re

from mentalens.schema import RISK_LEVELS, ModelInfo, Result, TaskResult, Triage

EMAIL = "jane.doe.4471@example.org"
PHONE = "+1 (555) 013-4477"


def fake_result(text: str) -> Result:
    m = re.search(r"level=(\w+)", text)
    level = m.group(1) if m and m.group(1) in RISK_LEVELS else "none"
    p = RISK_LEVELS.index(level) / 4
    task = TaskResult(task="suicidal_ideation", task_version=2, kind="binary", label="yes" if p >= 0.5 else "no",
                      labels=["yes" if p >= 0.5 else "no"], probabilities={"no": 1 - p, "yes": p})
    return Result(chars=len(text), tasks={"suicidal_ideation": task}, triage=Triage(level=level),
                  model=ModelInfo(name="fake", version="1", backend="test"))


class FakeAnalyzer:
    """Stands in for mentalens.api.Analyzer; records every batch it is asked to analyse."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def analyze(self, texts, tasks=None, **options):
        self.batches.append(list(texts))
        return [fake_result(t) for t in texts]

    @property
    def analysed(self) -> int:
        return sum(len(b) for b in self.batches)


def posts_with_levels(levels, *, start_day: int = 1, prefix: str = "p"):
    """Posts with the given triage levels, one a day from 2024-01-<start_day>."""
    return [{"id": f"{prefix}{i}", "text": f"post {i} level={lv}", "posted_at": f"2024-01-{start_day + i:02d}"}
            for i, lv in enumerate(levels)]


