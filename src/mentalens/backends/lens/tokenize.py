"""Tokenisation for the lens backend: the Llama-2 BPE vocabulary that wordllama's static
embeddings were trained on, read from the files inside the installed wordllama wheel.

wordllama's own loader is never imported (it logs at import time and may try the network);
we locate the package folder without executing it and read two files. Their sha256 is
recorded in every trained model and checked at load time.

Text is lower-cased before tokenisation in a way that keeps every character offset, so token
offsets index the caller's original string.
"""
from __future__ import annotations

import importlib.util
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ...errors import ModelNotFoundError
from ...hashing import sha256_file as sha256  # noqa: F401  (re-exported for model.py)

TOKENIZER_FILE = "tokenizers/l2_supercat_tokenizer_config.json"
EMBEDDING_FILE = "weights/l2_supercat_256.safetensors"
EMBEDDING_KEY = "embedding.weight"

_SURROGATE = re.compile("[\ud800-\udfff]")


def wordllama_dir() -> Path:
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise ModelNotFoundError(
            "the lens backend needs the token vocabulary and embeddings shipped in the 'wordllama' wheel, "
            "which is not installed", hint="pip install 'wordllama>=0.4,<0.5' (a core dependency of mentalens)")
    return Path(next(iter(spec.submodule_search_locations)))


def asset(relative: str) -> Path:
    path = wordllama_dir() / relative
    if not path.is_file():
        raise ModelNotFoundError(f"wordllama is installed but {path} is missing",
                                 hint="reinstall it: pip install --force-reinstall 'wordllama>=0.4,<0.5'")
    return path


def clean(text: str) -> str:
    """Lone surrogates (not encodable) become U+FFFD; the length is unchanged."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def lower_keep_offsets(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


@lru_cache(maxsize=1)
def _tokenizer():
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(asset(TOKENIZER_FILE)))
    tok.no_padding()
    tok.no_truncation()
    return tok


def vocab_size() -> int:
    return _tokenizer().get_vocab_size()


@lru_cache(maxsize=1)
def token_flags() -> dict[str, np.ndarray]:
    """Per vocabulary id: what kind of piece it is, for grouping tokens into words and sentences."""
    vocab = _tokenizer().get_vocab()
    n = max(vocab.values()) + 1
    lead = np.zeros(n, bool)       # starts with the word-boundary marker (a space in the text)
    blank = np.zeros(n, bool)      # only whitespace
    wordish = np.zeros(n, bool)    # letters, digits, apostrophes, combining marks
    byte = np.zeros(n, bool)       # a byte-fallback piece <0xNN>
    stop = np.zeros(n, bool)       # ends a sentence: . ! ? or a line break
    for piece, i in vocab.items():
        if len(piece) == 6 and piece.startswith("<0x") and piece.endswith(">"):
            byte[i] = True
            value = int(piece[3:5], 16)
            blank[i] = value in (9, 10, 11, 12, 13, 32)
            stop[i] = value in (10, 13)
            continue
        core = piece.lstrip("\u2581")
        lead[i] = piece.startswith("\u2581")
        blank[i] = not core.strip()
        wordish[i] = bool(core) and all(ch.isalnum() or ch in "'\u2019" or unicodedata.category(ch)[0] == "M"
                                        for ch in core)
        stop[i] = any(ch in ".!?" for ch in core)
    return {"lead": lead, "blank": blank, "wordish": wordish, "byte": byte, "stop": stop}


@dataclass(frozen=True)
class Tokens:
    """A batch of tokenised texts, flattened: doc i owns ids[ptr[i]:ptr[i+1]]."""

    ids: np.ndarray          # int64 [n_tokens]
    ptr: np.ndarray          # int64 [n_docs + 1]
    offsets: np.ndarray | None   # int64 [n_tokens, 2]: (start, end) char offsets into each doc, when asked for

    @property
    def n_docs(self) -> int:
        return len(self.ptr) - 1

    def lengths(self) -> np.ndarray:
        return np.diff(self.ptr)


def encode(texts: list[str], *, offsets: bool = False) -> Tokens:
    encs = _tokenizer().encode_batch([lower_keep_offsets(clean(t)) for t in texts], add_special_tokens=False)
    lists = [e.ids for e in encs]
    lengths = np.fromiter((len(x) for x in lists), dtype=np.int64, count=len(lists))
    ptr = np.zeros(len(lists) + 1, dtype=np.int64)
    np.cumsum(lengths, out=ptr[1:])
    ids = np.fromiter((i for x in lists for i in x), dtype=np.int64, count=int(ptr[-1]))
    offs = None
    if offsets:
        offs = np.fromiter((x for e in encs for o in e.offsets for x in o), dtype=np.int64,
                           count=2 * int(ptr[-1])).reshape(-1, 2)
    return Tokens(ids=ids, ptr=ptr, offsets=offs)
