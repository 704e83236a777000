"""Shared test set-up: hermetic, offline, user folders redirected to tmp.

Sockets are disabled for the whole suite (pytest-socket, see pyproject addopts); a test in
test_offline.py proves it. Tests that need the research data take the ``data_dir`` fixture,
which skips with a reason when MENTALENS_DATA is not set or does not exist.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _hermetic(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    monkeypatch.delenv("MENTALENS_LOCALE", raising=False)
    monkeypatch.delenv("MENTALENS_MODEL", raising=False)
    yield


@pytest.fixture(scope="session")
def data_dir() -> Path:
    raw = os.environ.get("MENTALENS_DATA", "")
    if not raw:
        pytest.skip("research data not available: set MENTALENS_DATA to the data folder (CI uses ../shared/data)")
    path = Path(raw)
    if not (path / "MANIFEST.md").is_file():
        pytest.skip(f"research data not available: MENTALENS_DATA={raw} has no MANIFEST.md")
    return path


@pytest.fixture(scope="session")
def lens_model_dir(tmp_path_factory) -> Path:
    """A tiny real lens model (four tasks: two binary, a multiclass, a multilabel), fitted once
    on the made-up posts of tests/lens_fixture.py and saved to a tmp folder."""
    from lens_fixture import build

    return build(tmp_path_factory.mktemp("models") / "lens-test")


@pytest.fixture(scope="session")
def analyzer(lens_model_dir):
    """The tiny model loaded the way users load one: ``mentalens.load(path)``."""
    import mentalens

    return mentalens.load(lens_model_dir)


@pytest.fixture
def cli(lens_model_dir, capsys, monkeypatch):
    """Run ``mentalens ARGS`` in-process with the tiny model; returns (exit code, stdout, stderr)."""
    import io
    import sys

    from mentalens.cli.main import main

    monkeypatch.setenv("MENTALENS_MODEL", str(lens_model_dir))

    def run(*args, stdin: bytes | None = None):
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        code = main(list(args))
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return code, out, err

    return run
