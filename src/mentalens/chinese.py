"""Chinese text helpers shared by the model, the explanation layer and language routing.

``simplify`` maps traditional characters (and Taiwan / Hong Kong variant forms) to simplified
ones, one character for one character, so every offset into the result is an offset into the
caller's string. The table is OpenCC's character dictionaries as shipped in the
opencc-python-reimplemented wheel (Apache-2.0), read once from the installed package without
importing it. Where OpenCC lists several simplified candidates the first (the most common) is
used; phrase-level conversions (软件 / 軟體) are left alone: the model reads characters.
"""
from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path

from .errors import ModelNotFoundError

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
# variants to OpenCC's standard traditional form first, then traditional to simplified
_TABLES = ("TWVariantsRev.txt", "HKVariantsRev.txt", "TSCharacters.txt")
# full-width ASCII (！？，Ａ１) to its half-width form, one character for one
_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}


def _dictionary_dir() -> Path:
    spec = importlib.util.find_spec("opencc")
    if spec is None or not spec.submodule_search_locations:
        raise ModelNotFoundError("reading Chinese needs the traditional/simplified tables of the "
                                 "'opencc-python-reimplemented' wheel, which is not installed",
                                 hint="pip install 'opencc-python-reimplemented>=0.1.7' "
                                 "(a core dependency of mentalens)")
    return Path(next(iter(spec.submodule_search_locations))) / "dictionary"


@lru_cache(maxsize=1)
def _table() -> dict[int, int]:
    folder = _dictionary_dir()
    steps: list[dict[str, str]] = []
    for name in _TABLES:
        path = folder / name
        if not path.is_file():
            raise ModelNotFoundError(f"opencc is installed but {path} is missing",
                                     hint="reinstall it: pip install --force-reinstall opencc-python-reimplemented")
        step = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            src, _, targets = line.partition("\t")
            first = targets.split(" ")[0] if targets else ""
            if len(src) == 1 and len(first) == 1 and src != first:
                step[src] = first
        steps.append(step)
    out: dict[int, int] = dict(_WIDTH)
    ts = steps[-1]
    simplified = set(ts.values()) - set(ts)     # already simplified: a variant table never moves them (么 stays)
    chars = set().union(*steps) - simplified
    for c in chars:
        d = c
        for step in steps:
            d = step.get(d, d)
        if d != c:
            out[ord(c)] = ord(d)
    return out


def simplify(text: str) -> str:
    """``text`` in simplified characters, full-width ASCII made half-width; same length."""
    return text.translate(_table())


def has_han(text: str) -> bool:
    return HAN.search(text) is not None


def tables_sha256() -> str:
    """One digest over the OpenCC tables ``simplify`` reads (recorded in Chinese models)."""
    import hashlib

    h = hashlib.sha256()
    for name in _TABLES:
        h.update((_dictionary_dir() / name).read_bytes())
    return h.hexdigest()
