"""The red-team part of ``mentalens bench chat``: the project's prompt files replayed through the
chat's safety layer, scored by the independent checkers of chat_checks.py.

Every case of every file runs in a fresh ChatSession once per locale of RUNS (after the opening
and that run's neutral PREFIX turns, as tests/chat/test_redteam.py does), so a prompt counts once
per locale: the runs of one prompt are not independent samples. The prompts are the project's
own, so their text may appear in the results (missed and over-blocked prompts are listed).
"""
from __future__ import annotations

import os
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from ..hashing import sha256_file
from .chat_checks import (
    CRISIS_EXPECTED,
    PREFIX,
    RUNS,
    crisis_missing,
    expectation_met,
    header,
    load_cases,
    method_terms,
    turns,
)


def replay(analyzer, case: dict, locale: str, prefix: int) -> list[tuple[dict, Any, bool]]:
    """(turn, reply, crisis active before the turn) for each turn of ``case`` in a fresh session."""
    from ..chat import ChatSession

    s = ChatSession(analyzer, locale=locale)
    s.opening()
    for text in PREFIX[:prefix]:
        s.respond(text)
    out = []
    for turn in turns(case):
        before = s.crisis_active
        out.append((turn, s.respond(turn["text"]), before))
    return out


def _rate(k: int, n: int) -> dict[str, Any]:
    return {"k": k, "n": n, "rate": round(k / n, 4) if n else None}


def first_trigger_reasons(rows: list[dict]) -> Counter:
    """The reasons of the first turn of each run (case, locale) that got the crisis protocol; a
    turn can hold several (e.g. disclosure and method_request)."""
    seen, counts = set(), Counter()
    for r in rows:
        run = (r["file"], r["case"], r["locale"])
        if r["reply"].crisis and run not in seen:
            seen.add(run)
            counts.update(r["reply"].reasons or ["(none given)"])
    return counts


def _checked(reply, locale: str) -> dict[str, Any]:
    """The independent checkers' and check_reply's verdicts on one reply."""
    from ..chat import check_reply

    return {"terms": method_terms(reply.text),
            "own_leak": "method_detail" in check_reply(reply.text, crisis=False, lang=reply.lang),
            "missing": crisis_missing(reply.text, locale) if reply.crisis else []}


def score(rows: list[dict]) -> dict[str, Any]:
    """The metrics of a list of turn runs (one file's or all)."""
    expected = [r for r in rows if r["expect"] in CRISIS_EXPECTED]
    benign = [r for r in rows if r["expect"] == "benign"]
    crisis = [r for r in rows if r["reply"].crisis]
    by_cat: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        by_cat[r["category"]]["n"] += 1
        by_cat[r["category"]]["met"] += r["met"]
    return {
        "cases": len({(r["file"], r["case"]) for r in rows}), "turn_runs": len(rows),
        "crisis_recall": _rate(sum(r["reply"].crisis for r in expected), len(expected)),
        "over_blocking": _rate(sum(r["reply"].crisis for r in benign), len(benign)),
        "safety_question_on_benign": _rate(sum(r["reply"].kind == "check_in" for r in benign), len(benign)),
        "expectation_met": _rate(sum(r["met"] for r in rows), len(rows)),
        "expectation_met_by_category": {c: {"met": v["met"], "n": v["n"]} for c, v in sorted(by_cat.items())},
        "crisis_replies_complete": _rate(sum(not r["missing"] for r in crisis), len(crisis)),
        "method_leaks": {"independent": sum(bool(r["terms"]) for r in rows),
                         "check_reply": sum(r["own_leak"] for r in rows), "replies": len(rows)},
        "reply_kinds": dict(sorted(Counter(r["reply"].kind for r in rows).items())),
        "first_trigger_reasons": dict(first_trigger_reasons(rows).most_common()),
    }


def _listing(rows: list[dict]) -> dict[str, list[dict]]:
    """Missed and over-blocked prompts, leaking and incomplete replies (prompt text, never reply text)."""
    def row(r: dict, **more) -> dict:
        return {"file": r["file"], "id": r["case"], "turn": r["turn_no"], "locale": r["locale"],
                "expect": r["expect"], "text": r["text"], "kind": r["reply"].kind, **more}

    out: dict[str, list[dict]] = {"missed": [], "over_blocked": [], "leaks": [], "incomplete": []}
    for r in rows:
        if not r["met"]:
            out["over_blocked" if r["expect"] == "benign" else "missed"].append(row(r))
        if r["terms"] or r["own_leak"]:
            out["leaks"].append(row(r, terms=r["terms"], check_reply=r["own_leak"]))
        if r["missing"]:
            out["incomplete"].append(row(r, missing=r["missing"]))
    return out


def prompt_files(paths: list[str | os.PathLike]) -> list[Path]:
    """The YAML files named: a file as given, a folder's *.yaml sorted by name."""
    from ..errors import InputError

    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(p.glob("*.yaml"))
            if not found:
                raise InputError(f"no *.yaml prompt files in {p.resolve()}", hint="pass --prompts with a folder of "
                                 "*.yaml files or a file (e.g. src/mentalens/chat/redteam)")
            out += found
        else:
            out.append(p)                  # load_cases says clearly when it is missing
    return list(dict.fromkeys(out))


def run_redteam(analyzer, files: list[str | os.PathLike], runs=RUNS, progress=None) -> dict[str, Any]:
    """Replay every case of every prompts file once per (locale, prefix) of ``runs``; score them."""
    say = progress or (lambda msg: None)
    loaded = [(Path(f), load_cases(f)) for f in files]      # every file checked before anything runs
    rows: list[dict] = []
    blocks = []
    for path, cases in loaded:
        say(f"red team: {path.name}, {len(cases)} cases x {len(runs)} locales")
        mine = []
        for case in cases:
            all_benign = all(t.get("expect", "benign") == "benign" for t in turns(case))
            category = case.get("category") or ("benign" if all_benign else "uncategorised")
            for locale, prefix in runs:
                for n, (turn, reply, before) in enumerate(replay(analyzer, case, locale, prefix), 1):
                    expect = turn.get("expect", "benign")
                    mine.append(dict(file=path.name, case=case["id"], category=category, locale=locale, turn_no=n,
                                     text=turn["text"], expect=expect, reply=reply,
                                     met=expectation_met(expect, reply, before), **_checked(reply, locale)))
        rows += mine
        blocks.append({"file": path.name, "path": str(path.resolve()), "sha256": sha256_file(path),
                       "header": header(path), "prompts": sum(len(turns(c)) for c in cases), **score(mine)})
    return {"runs": [list(r) for r in runs], "prefix": list(PREFIX), "files": blocks, "overall": score(rows),
            **_listing(rows)}
