"""Fixtures of the store tests: a store in a tmp folder and the fake analyzer of store_helpers."""
from __future__ import annotations

import pytest
from store_helpers import FakeAnalyzer


@pytest.fixture
def fake():
    return FakeAnalyzer()


@pytest.fixture
def store_file(tmp_path):
    return tmp_path / "private" / "store.db"


@pytest.fixture
def store(store_file):
    from mentalens.store import Store

    s = Store.open(store_file)
    yield s
    s.close()
