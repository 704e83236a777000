"""Shared by the llm tests: the tiny Llama of tiny.py built once per session, and its F32 GGUF.

tests/llm is on sys.path (pytest's rootdir-relative import of this conftest), so ``tiny`` imports
directly. Both fixtures skip when the llm extra (torch, transformers, gguf) is not installed.
"""
from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def tiny_llama_dir(tmp_path_factory) -> Path:
    """A saved Hugging Face folder: tiny random LlamaForCausalLM + byte-level BPE tokenizer + chat template."""
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from tiny import build_tiny_llama

    return build_tiny_llama(tmp_path_factory.mktemp("tiny-llama") / "hf")


@pytest.fixture(scope="session")
def tiny_gguf_f32(tiny_llama_dir, tmp_path_factory) -> Path:
    """The tiny model exported to an F32 GGUF with ``export_gguf``."""
    pytest.importorskip("gguf")
    from mentalens.backends.llm.gguf_export import export_gguf

    return export_gguf(tiny_llama_dir, tmp_path_factory.mktemp("tiny-gguf") / "tiny-f32.gguf", quant="f32")
