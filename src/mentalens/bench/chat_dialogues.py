"""The dialogue part of ``mentalens bench chat``: the user turns of real support dialogues replayed
through the chat, to see how often and why the safety layer acts on ordinary help-seeking talk.

ESConv's test split (English, locale en_US) and CPsyCounD's cases (Chinese, zh_CN), the first N
of each in file order, each dialogue in a fresh ChatSession; the chat's own replies stand in for
the supporter's. These corpora are licensed research data (chat/dialogues.py LICENCES): the
results hold counts only, never a word of a dialogue, nor a dialogue id.

A turn that got the crisis protocol and holds an explicit suicide or self-harm word of
chat_checks.EXPLICIT (a list independent of the detectors) is counted as explained; the rest are
possible over-blocks, counted but not judged here (reading them is a job for someone licensed to
see the data).
"""
from __future__ import annotations

import os
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Any

from ..errors import UnknownNameError
from .chat_checks import explicit_terms

# source -> (folder under the data directory, locale of its sessions)
SOURCES = {"esconv": ("chat/esconv", "en_US"), "cpsycoun": ("chat/cpsycoun", "zh_CN")}
DEFAULT_LIMIT = 200


def parse_sources(spec: str) -> list[str]:
    """``esconv,cpsycoun`` -> the names; ``none`` (or empty) -> []; an unknown name: did you mean."""
    names = [s.strip() for s in (spec or "").split(",") if s.strip()]
    if names in ([], ["none"]):
        return []
    for n in names:
        if n not in SOURCES:
            raise UnknownNameError("dialogue source", n, [*SOURCES, "none"])
    return list(dict.fromkeys(names))


def _read(name: str, folder: Path, limit: int) -> tuple[list, list[Path]] | str:
    """(dialogues, files read), or why the source is skipped."""
    from ..chat.dialogues import cpsycoun_files, parse_cpsycoun, read_esconv
    from ..errors import DataError

    if name == "esconv":
        f = folder / "test.txt"
        if not f.is_file():
            return f"no ESConv test split at {f}"
        return read_esconv(folder, splits=("test",))[:limit], [f]
    try:
        files = cpsycoun_files(folder)[:limit]       # read_cpsycoun's order, without reading every case
    except DataError:
        return f"no CPsyCounD case_*.txt files under {folder}"
    return [parse_cpsycoun(f.read_text(encoding="utf-8-sig"), f"cpsycoun/{f.stem}") for f in files], files


def _ms(values: list[float]) -> dict[str, float | None]:
    import numpy as np

    if not values:
        return {"median": None, "p95": None, "mean": None, "max": None}
    a = np.asarray(values)
    return {"median": round(float(np.median(a)), 3), "p95": round(float(np.percentile(a, 95)), 3),
            "mean": round(float(a.mean()), 3), "max": round(float(a.max()), 3)}


def replay(analyzer, dialogues: list, locale: str) -> dict[str, Any]:
    """Counts (never text) of the chat's answers to every user turn of ``dialogues``."""
    from ..chat import ChatSession

    ms: list[float] = []
    kinds, reasons = Counter(), Counter()
    first_turns: list[int] = []
    turns_n = trig = trig_explicit = first_explicit = explicit = explicit_hit = 0
    for d in dialogues:
        s = ChatSession(analyzer, locale=locale)
        s.opening()
        first = None
        users = [m["content"] for m in d.messages if m["role"] == "user"]
        for n, text in enumerate(users, 1):
            t = time.perf_counter()
            reply = s.respond(text)
            ms.append((time.perf_counter() - t) * 1000)
            kinds[reply.kind] += 1
            has_words = bool(explicit_terms(text))
            explicit += has_words
            explicit_hit += has_words and reply.crisis
            if reply.crisis:
                trig += 1
                trig_explicit += has_words
                if first is None:
                    first = n
                    first_turns.append(n)
                    first_explicit += has_words
                    reasons.update(reply.reasons or ["(none given)"])
        turns_n += len(users)
    k = len(first_turns)
    return {
        "dialogues": len(dialogues), "user_turns": turns_n,
        "reached_protocol": {"k": k, "n": len(dialogues), "rate": round(k / len(dialogues), 4) if dialogues else None},
        "first_trigger_turn": {"median": statistics.median(first_turns) if first_turns else None,
                               "min": min(first_turns, default=None), "max": max(first_turns, default=None)},
        "first_trigger_reasons": dict(reasons.most_common()),
        "first_trigger_explicit": {"explicit_words": first_explicit, "without": k - first_explicit},
        "triggering_turns": {"n": trig, "explicit_words": trig_explicit,
                             "without_explicit_words": trig - trig_explicit},
        "explicit_word_turns": {"n": explicit, "got_protocol": explicit_hit},
        "reply_kinds": dict(sorted(kinds.items())),
        "ms_per_turn": _ms(ms),
    }


def run_dialogues(analyzer, sources: list[str], *, data_root: Path | None, looked: str,
                  limit: int = DEFAULT_LIMIT, progress=None) -> tuple[dict[str, Any], list[Path]]:
    """Replay the first ``limit`` dialogues of each source; returns (results, data files read).
    ``data_root`` None: every source is skipped with ``looked`` (where the data was looked for)."""
    from ..chat.dialogues import LICENCES

    say = progress or (lambda msg: None)
    out: dict[str, Any] = {"data_dir": str(data_root) if data_root else None, "limit": limit, "sources": {}}
    read: list[Path] = []
    for name in sources:
        sub, locale = SOURCES[name]
        got = _read(name, data_root / sub, limit) if data_root else f"no research data directory: {looked}"
        if isinstance(got, str):
            say(f"dialogues: {name} skipped ({got})")
            out["sources"][name] = {"skipped": got}
            continue
        dialogues, files = got
        read += files
        say(f"dialogues: {name}, the first {len(dialogues)} dialogues' user turns ({locale})")
        out["sources"][name] = {"locale": locale, "licence": LICENCES[name], "folder": sub,
                                **replay(analyzer, dialogues, locale)}
    return out, read


def locate(data_dir: str | os.PathLike | None) -> tuple[Path | None, str]:
    """The data directory (an explicit one must exist: DataError) and a note of where it was looked for."""
    from ..config import ENV_DATA
    from ..config import data_dir as resolve

    if data_dir not in (None, ""):
        root = resolve(data_dir)
        return root, f"--data-dir {root}"
    raw = os.environ.get(ENV_DATA, "")
    root = resolve(None, required=False)
    if root is None:
        return None, (f"${ENV_DATA} is not set" if not raw else f"${ENV_DATA}={raw} is not a folder") + \
            " (set it, or pass --data-dir, to the folder holding chat/esconv and chat/cpsycoun)"
    return root, f"${ENV_DATA}={root}"
