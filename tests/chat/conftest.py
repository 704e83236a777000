"""Shared fixtures of the chat tests: the REAL built-in analyzer (mentalens.api.load(), the production
path), loaded once per test session. ``chat_analyzer`` wraps it with a cache of results by (text,
locale): the analyzer is deterministic, and the red-team suite sends the same texts many times."""
from __future__ import annotations

import pytest


class CachedAnalyzer:
    def __init__(self, analyzer) -> None:
        self.analyzer, self._cache, self.calls = analyzer, {}, 0

    def analyze(self, text, **options):
        key = (text, tuple(sorted(options.items())))
        if key not in self._cache:
            self.calls += 1
            self._cache[key] = self.analyzer.analyze(text, **options)
        return self._cache[key]


@pytest.fixture(scope="session")
def real_analyzer():
    from mentalens.api import load

    return load()


@pytest.fixture(scope="session")
def chat_analyzer(real_analyzer):
    return CachedAnalyzer(real_analyzer)
