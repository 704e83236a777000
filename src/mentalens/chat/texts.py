"""The chat's words: versioned data files in ``chat/content/`` (replies and skills, English and
Chinese), loaded once. Chinese is written in simplified characters; traditional-script users
(zh_TW, zh_HK, zh_MO, zh_Hant_*) get it converted by OpenCC (a core dependency) at run time.

Every file carries ``version:`` and a ``reviewed:`` block (date, what it was checked against, the
checks); tests/chat/test_content.py checks both and runs every text through ``check_reply``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

CONTENT_DIR = Path(__file__).resolve().parent / "content"
REDTEAM_DIR = Path(__file__).resolve().parent / "redteam"       # the red-team prompts (tests, bench chat)
LANGS = ("en", "zh")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def load(kind: str, lang: str) -> dict:
    """``content/{kind}.{lang}.yaml`` (kind: replies, skills; lang: en, zh) as a dict."""
    if lang not in LANGS:
        raise ValueError(f"chat content is written in {', '.join(LANGS)}, not {lang!r}")
    return yaml.load((CONTENT_DIR / f"{kind}.{lang}.yaml").read_text(encoding="utf-8"), Loader=_LOADER)


def replies(lang: str) -> dict:
    return load("replies", lang)


def skills(lang: str) -> dict:
    return load("skills", lang)["skills"]


def pick(options: str | list[str], turn: int) -> str:
    """One of ``options``, chosen by the turn number (repeatable: no randomness)."""
    if isinstance(options, str):
        return options
    return options[turn % len(options)]


@lru_cache(maxsize=None)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def script(text: str, variant: str) -> str:
    """Simplified Chinese ``text`` in the script ``variant`` ("zh-Hans": as it is, "zh-Hant": traditional;
    "zh-Hant-TW"/"zh-Hant-HK": Taiwan's / Hong Kong's character forms, no phrase substitutions, which
    could change a meaning). English text passes through unchanged."""
    if not variant.startswith("zh-Hant"):
        return text
    config = {"zh-Hant-TW": "s2tw", "zh-Hant-HK": "s2hk"}.get(variant, "s2t")     # characters only: no phrase swaps
    try:
        return _converter(config).convert(text)
    except Exception:             # no converter: simplified characters are still readable
        return text


@lru_cache(maxsize=None)
def skill_triggers(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    """(skill id, pattern) pairs from the skills file: what in a message suggests which skill."""
    out = []
    for sid, spec in skills(lang).items():
        for pat in spec.get("triggers", []):
            out.append((sid, re.compile(pat, re.IGNORECASE)))
    return out
