"""Support-dialogue corpora in one form, for fine-tuning the chat's phrasing model.

Readers (nothing is copied into the repository; the files stay in the research data folder):

* ESConv (Liu et al., ACL 2021; CC BY-NC 4.0): ``esconv/{train,valid,test}.txt``, one JSON object
  a line with ``dialog: [{"speaker": "usr"|"sys", "text", "strategy"?}]``. Seeker -> user,
  supporter -> assistant.
* CPsyCounD (CPsyCoun, CC BY 4.0): ``CPsyCounD/Data/case_*.txt``, turns ``来访者：`` (client ->
  user) and ``心理咨询师：`` (counsellor -> assistant) separated by blank lines. Lines without a
  speaker continue the turn before (numbered advice lists); stage directions in full-width
  brackets, e.g. ``（一段时间后）``, are dropped.

Every dialogue becomes ``Dialogue.messages``: ``[{"role": "user"|"assistant", "content"}]`` with
consecutive turns of one speaker joined (ESConv seekers often send two lines in a row).
``training_pairs`` turns a dialogue into (context, target) pairs: every assistant turn after the
first user turn is a target, the turns before it (the last ``context_turns``) its context.
"""
from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DataError, InputError

ESCONV_SPLITS = ("train", "valid", "test")
ESCONV_ROLES = {"usr": "user", "sys": "assistant"}
CPSYCOUN_ROLES = {"来访者": "user", "心理咨询师": "assistant"}
_CPSY_TURN = re.compile(r"^(来访者|心理咨询师)[：:]\s*(.*)$")
_STAGE = re.compile(r"^[（(][^）)]*[）)]$")
LICENCES = {"esconv": "CC BY-NC 4.0", "cpsycoun": "CC BY 4.0"}


@dataclass(frozen=True)
class Dialogue:
    id: str                     # "esconv/train/12", "cpsycoun/case_0"
    source: str                 # "esconv" | "cpsycoun"
    lang: str                   # "en" | "zh"
    messages: list[dict]        # [{"role": "user"|"assistant", "content": str}]
    meta: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Pair:
    """One training target: the assistant turn ``target`` after ``context`` (user first)."""

    dialogue: str
    turn: int                   # index of the target in Dialogue.messages
    lang: str
    context: list[dict]
    target: str


def merge_turns(turns: Iterable[tuple[str, str]], joiner: str) -> list[dict]:
    """(role, text) turns as messages, empty turns left out, consecutive same-role turns joined."""
    out: list[dict] = []
    for role, text in turns:
        text = text.strip()
        if not text:
            continue
        if out and out[-1]["role"] == role:
            out[-1]["content"] += joiner + text
        else:
            out.append({"role": role, "content": text})
    return out


def read_esconv(path: str | os.PathLike, splits: Sequence[str] = ("train",)) -> list[Dialogue]:
    """ESConv dialogues from a split file, or from the ``splits`` files of an ``esconv/`` folder."""
    p = Path(path)
    if p.is_dir():
        unknown = [s for s in splits if s not in ESCONV_SPLITS]
        if unknown:
            raise InputError(f"unknown ESConv split {unknown[0]!r}", hint=f"splits: {', '.join(ESCONV_SPLITS)}")
        files = [p / f"{s}.txt" for s in splits]
    else:
        files = [p]
    out = []
    for f in files:
        if not f.is_file():
            raise DataError(f"no ESConv file at {f.resolve()}", hint="ESConv lives in <data>/chat/esconv/"
                            "{train,valid,test}.txt (see MANIFEST.md); set MENTALENS_DATA or --data-dir")
        with f.open(encoding="utf-8-sig") as fh:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    out.append(_esconv_row(line, f"{f.name} line {n}", f"esconv/{f.stem}/{len(out)}"))
    return out


def _esconv_row(line: str, where: str, did: str) -> Dialogue:
    try:
        obj = json.loads(line)
        turns = [(ESCONV_ROLES[t["speaker"]], t["text"]) for t in obj["dialog"]]
    except json.JSONDecodeError as exc:
        raise DataError(f"{where}: not valid JSON ({exc.msg})") from None
    except (KeyError, TypeError) as exc:
        raise DataError(f"{where}: not an ESConv dialogue (needs dialog[].speaker usr|sys and .text; {exc!r})") \
            from None
    meta = {k: obj[k] for k in ("emotion_type", "problem_type", "experience_type", "situation") if k in obj}
    # the supporter's strategies behind each message (a merged message keeps all of its turns')
    strategies: list[list[str]] = []
    last = None
    for t, (role, text) in zip(obj["dialog"], turns):
        if not text.strip():
            continue
        if role != last:
            strategies.append([])
            last = role
        if role == "assistant" and t.get("strategy") and t["strategy"] not in strategies[-1]:
            strategies[-1].append(t["strategy"])
    meta["strategies"] = strategies
    return Dialogue(did, "esconv", "en", merge_turns(turns, " "), meta)


def cpsycoun_files(path: str | os.PathLike) -> list[Path]:
    """The ``case_*.txt`` files under a CPsyCoun folder (the repo root, CPsyCounD or its Data/),
    in case-number order."""
    p = Path(path)
    for d in (p, p / "Data", p / "CPsyCounD" / "Data"):
        files = list(d.glob("case_*.txt")) if d.is_dir() else []
        if files:
            return sorted(files, key=lambda f: (int(m.group(1)) if (m := re.search(r"(\d+)", f.stem)) else -1,
                                                f.name))
    raise DataError(f"no CPsyCounD case_*.txt files under {p.resolve()}",
                    hint="CPsyCoun lives in <data>/chat/cpsycoun/CPsyCounD/Data/ (see MANIFEST.md)")


def parse_cpsycoun(text: str, did: str) -> Dialogue:
    """One CPsyCounD case file's text as a dialogue."""
    turns: list[list[str]] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or _STAGE.match(line):
            continue
        m = _CPSY_TURN.match(line)
        if m:
            while (inner := _CPSY_TURN.match(m.group(2))):   # "来访者：心理咨询师：..." (one case): the inner one
                m = inner
            turns.append([CPSYCOUN_ROLES[m.group(1)], m.group(2)])
        elif turns:                       # continues the turn before (a list, a second paragraph)
            turns[-1][1] += "\n" + line
    return Dialogue(did, "cpsycoun", "zh", merge_turns(((r, t) for r, t in turns), "\n"))


def read_cpsycoun(path: str | os.PathLike) -> list[Dialogue]:
    return [parse_cpsycoun(f.read_text(encoding="utf-8-sig"), f"cpsycoun/{f.stem}") for f in cpsycoun_files(path)]


def training_pairs(dialogue: Dialogue, *, context_turns: int | None = None,
                   skip_strategies: Iterable[str] = ()) -> list[Pair]:
    """Every assistant turn that follows a user turn, with the turns before it as context (at
    most the last ``context_turns``, always starting with a user turn). ESConv turns with a
    strategy in ``skip_strategies`` (e.g. "Self-disclosure": software has no life story to
    share) are not targets, though they stay in later turns' context."""
    msgs = dialogue.messages
    strategies = dialogue.meta.get("strategies") or [[] for _ in msgs]
    skip = set(skip_strategies)
    first_user = next((i for i, m in enumerate(msgs) if m["role"] == "user"), len(msgs))
    out = []
    for i in range(first_user + 1, len(msgs)):
        if msgs[i]["role"] != "assistant" or skip.intersection(strategies[i]):
            continue
        start = first_user if context_turns is None else max(first_user, i - context_turns)
        while msgs[start]["role"] != "user":
            start += 1
        out.append(Pair(dialogue.id, i, dialogue.lang, [dict(m) for m in msgs[start:i]], msgs[i]["content"]))
    return out


@dataclass
class Screened:
    kept: list[Pair]
    dropped: Counter            # problem id -> training turns dropped for it
    examples: dict[str, str]    # problem id -> first dropped "<dialogue id>#<turn>"
    dropped_turns: int = 0      # turns dropped (a turn with two problems counts once here)

    def report(self) -> dict:
        return {"kept": len(self.kept), "dropped_turns": self.dropped_turns,
                "dropped": dict(sorted(self.dropped.items())), "examples": dict(sorted(self.examples.items()))}


def screen_pairs(pairs: Iterable[Pair], check: Callable[[str, str], list[str]]) -> Screened:
    """Keep the pairs whose target passes ``check(text, lang)`` (an empty problem list); count the
    others by problem (a turn with two problems counts under both, once in ``dropped_turns``)."""
    kept, dropped, examples, n = [], Counter(), {}, 0
    for p in pairs:
        problems = check(p.target, p.lang)
        if not problems:
            kept.append(p)
            continue
        n += 1
        for prob in dict.fromkeys(problems):
            dropped[prob] += 1
            examples.setdefault(prob, f"{p.dialogue}#{p.turn}")
    return Screened(kept, dropped, examples, n)
