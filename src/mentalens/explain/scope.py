"""Scopes: the parts of a post in which what is said is not the writer's own present experience.

``scopes(text)`` returns character ranges into the ORIGINAL string (matching runs on a lower-cased
copy of the same length). NegEx-style, a cue opens a scope up to the end of its clause or
sentence. Cues are data (``lexicon/scopes.en.yaml``; its header gives the mechanics). The rules:

- negated: "I'm not suicidal anymore", "I no longer feel hopeless", "the urges are gone". No cue:
  pseudo-negations ("no doubt", "can't stop"), "nobody", "no one", "nothing" ("nobody cares
  about me" is the writer's statement). A negation stops at the writer's next clause ("i dont
  want to die i just want it to stop") unless reached through "think", "sure", ... .
- hypothetical: "if", "what if", "imagine", "in case", "would I", general questions ("is it normal
  to ..."). An "if" clause ends where the main clause starts: in "if I fail I'll kill myself" and
  "if I lose my job I'm done" only the condition is hypothetical. "I'm afraid I might hurt
  myself" is the writer's present concern and is not scoped.
- past: "I used to", "when I was 15", "back then", "two years ago", "last winter", "in high
  school" - up to a contrast or a return to the present ("but", "now", "I've been"). Ongoing
  states ("I've been feeling empty for months", "I was so sad yesterday") are not past.
- other_person: reported speech ("my friend said she wants to die"), clauses whose subject is
  someone else ("my brother is depressed", "a friend who ...", "her suicidal thoughts"); it stops
  at the writer's own words ("..., and I feel helpless", "me").
- quoted: between double or single quote marks (not apostrophes; not when the writer introduces
  their own words: 'I told her "I want to die"'), lyrics, music notes, titles, "told me to ...".
- idiom: a fixed idiom ("this exam is killing me", "kill a process", "to die for"; scope ==
  cue), or a joke marker ("lol", "😂"; scope = its sentence, unless "not joking", "for real").

Chinese: a text holding Chinese characters also gets the rules of ``lexicon/scopes.zh.yaml``
(explain/scope_zh.py: the same engine without word boundaries, on a simplified view of the same
length); ``idiom_spans`` gives its death-word idioms (笑死, 累死了, 死机) on their own.

Known limits: clause ends are punctuation and a closed word list; no coreference; narrative
recovery told in plain past tense ("I was suicidal and nobody knew. Now ...") is not past; scope
knows no symptoms (explain/symptoms.py drops scopes whose cue is part of a symptom's wording).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal, get_args

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..chinese import HAN as _HAN  # rationale.py and symptoms.py take it from here
from ..errors import MentalensError

try:                                       # the regex parser, to read what a pattern can start with
    from re import _constants as _sc, _parser as _sp  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sc  # type: ignore[no-redef]
    import sre_parse as _sp  # type: ignore[no-redef]

LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"
SCOPES_FILE = LEXICON_DIR / "scopes.en.yaml"
Kind = Literal["negated", "hypothetical", "past", "other_person", "quoted", "idiom"]
KINDS: tuple[str, ...] = get_args(Kind)

# libyaml's safe loader when present (10x faster: cold start), else the pure-Python one
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STRAIGHTEN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\uff07": "'", "`": "'", "\u00b4": "'",
                             "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\uff02": '"'})
_MACRO = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
MAX_SCOPE_CHARS = 600      # no scope is longer (a rule's `max_chars` may be less): linear time on any input


@dataclass(frozen=True, slots=True)
class Scope:
    """``text[start:end]`` is in scope of the cue ``text[cue_start:cue_end]``."""

    start: int
    end: int
    kind: str
    cue_start: int
    cue_end: int


def view(text: str) -> str:
    """Lower-cased, apostrophes and double quotes straightened; same length as ``text``."""
    low = text.lower()
    if len(low) != len(text):                  # e.g. "İ" lowers to two characters: keep it as is
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low.translate(_STRAIGHTEN)


def expand(pattern: str, macros: dict[str, str], *, wrap: bool = True) -> str:
    """A lexicon pattern as a Python regex: macros expanded, a space matches any whitespace run
    (" ?" and " *" any or none), an apostrophe is optional, and (``wrap``) word boundaries around it."""
    def sub(m: re.Match[str]) -> str:
        if m.group(1) not in macros:
            raise ValueError(f"unknown macro {{{m.group(1)}}} (known: {', '.join(sorted(macros)) or 'none'})")
        return f"(?:{macros[m.group(1)]})"

    out = pattern
    for _ in range(4):                         # macros may use macros, a few levels deep
        if "{" not in out:
            break
        out = _MACRO.sub(sub, out)
    if _MACRO.search(out):
        raise ValueError("macros nest too deeply (or refer to themselves)")
    out = re.sub(r"'(?!\?)", "'?", out)
    out = re.sub(r" [?*]", r"\\s*", out).replace(" +", r"\s+").replace(" ", r"\s+")
    return rf"(?<!\w)(?:{out})(?!\w)" if wrap else out


def join_patterns(patterns: list[str], macros: dict[str, str], where: str) -> str:
    """The alternatives as one regex source (no word boundaries); a bad one raises ValueError
    naming it and ``where``."""
    parts = []
    for p in patterns:
        try:
            rx = expand(p, macros, wrap=False)
            re.compile(rx)
        except (re.error, ValueError) as exc:
            raise ValueError(f"{where}: bad pattern {p!r}: {exc}") from None
        parts.append(rx)
    return "|".join(f"(?:{p})" for p in parts)


def guard(source: str) -> str:
    """A lookahead for the characters a match of ``source`` can start with ("" when unknown): it
    lets the one-pass regex skip a rule's alternatives at once (about a quarter faster)."""
    try:
        first = _first_chars(_sp.parse(source))
    except Exception:  # noqa: BLE001 - an unreadable pattern is simply not guarded
        return ""
    if not first or "" in first:
        return ""
    return "(?=[" + "".join(re.escape(c) for c in sorted(first)) + "])"


def _first_chars(seq) -> set[str] | None:
    """The characters a match can start with ("" in it: the match may be empty); None: any."""
    items = list(seq)
    for i, (op, av) in enumerate(items):
        if op is _sc.LITERAL:
            return {chr(av)}
        if op is _sc.IN:
            out: set[str] = set()
            for o, a in av:
                if o is _sc.LITERAL:
                    out.add(chr(a))
                elif o is _sc.CATEGORY and a is _sc.CATEGORY_DIGIT:
                    out.update("0123456789")
                elif o is _sc.RANGE and a[1] - a[0] < 300:
                    out.update(map(chr, range(a[0], a[1] + 1)))
                else:
                    return None
            return out
        if op in (_sc.ASSERT, _sc.ASSERT_NOT, _sc.AT):
            continue
        if op is _sc.SUBPATTERN:
            subs = [av[-1]]
        elif op is _sc.BRANCH:
            subs = av[1]
        elif op in (_sc.MAX_REPEAT, _sc.MIN_REPEAT):
            subs = [av[2]] if av[0] else [av[2], []]
        else:
            return None
        parts = [_first_chars(x) for x in subs]
        if any(x is None for x in parts):
            return None
        got = set().union(*parts)                      # type: ignore[arg-type]
        if "" not in got:
            return got
        rest = _first_chars(items[i + 1:])
        return None if rest is None else (got - {""}) | rest
    return {""}


def compile_patterns(patterns: list[str], macros: dict[str, str], where: str, *, wrap: bool = True) -> re.Pattern[str]:
    """One regex for a list of alternatives (see ``join_patterns``), in word boundaries if ``wrap``."""
    joined = join_patterns(patterns, macros, where)
    return re.compile(rf"(?<!\w){guard(joined)}(?:{joined})(?!\w)" if wrap else joined)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RuleSpec(_Strict):
    name: str
    kind: Kind
    direction: Literal["forward", "backward", "around", "span", "inside"]
    cues: list[str] = Field(min_length=1)
    ends: list[str] = Field(default_factory=list)
    back_ends: list[str] | None = None
    max_words: int | None = Field(default=None, ge=1)
    max_chars: int = Field(default=300, ge=1, le=MAX_SCOPE_CHARS)
    clause_start: bool = False
    self_quote: bool = False
    wrap: bool = True
    requires: str = ""
    skip_adjacent: bool = False
    skip_if: str = ""
    cancel: list[str] = Field(default_factory=list)


class ScopeFile(_Strict):
    version: int = Field(ge=1)
    language: str
    macros: dict[str, str] = Field(default_factory=dict)
    marks: dict[str, str] = Field(default_factory=dict)
    words: dict[str, str] = Field(default_factory=dict)
    sets: dict[str, list[str]] = Field(default_factory=dict)
    clause_start: str
    self_quote: str
    word_boundaries: bool = True             # false for Chinese: cues match inside runs of characters
    trim: str = ",;:"                        # stripped from both ends of a scope (with whitespace)
    pseudo: list[str] = Field(default_factory=list)
    rules: list[RuleSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self) -> ScopeFile:
        tokens = [*self.marks, *self.words]
        if len(set(tokens)) != len(tokens) or set(tokens) & set(self.sets):
            raise ValueError("a boundary name is used twice (marks, words and sets share one namespace)")
        for name, members in self.sets.items():
            bad = [t for t in members if t not in tokens]
            if bad:
                raise ValueError(f"set {name!r}: unknown boundary token(s) {bad} (known: {', '.join(tokens)})")
        known = [*tokens, *self.sets]
        for r in self.rules:
            for b in [*r.ends, *(r.back_ends or [])]:
                if b not in known:
                    raise ValueError(f"rule {r.name!r}: unknown boundary {b!r} (known: {', '.join(known)})")
            if r.direction in ("forward", "backward", "around") and not r.ends and not r.max_words:
                raise ValueError(f"rule {r.name!r}: a {r.direction} scope needs `ends` or `max_words`")
        return self


@dataclass(frozen=True)
class _Rule:
    spec: RuleSpec
    regex: re.Pattern[str] | None            # None: matched in the shared one-pass regex
    cancel: re.Pattern[str] | None
    ends: tuple[str, ...]                    # boundary token names
    back_ends: tuple[str, ...]
    words_after: re.Pattern[str] | None      # up to max_words words (matched at the cue's end)
    words_before: re.Pattern[str] | None     # up to max_words words (searched ending at the cue)
    skip_if: re.Pattern[str] | None          # the words between cue and boundary that do not end it


@lru_cache(maxsize=None)
def _word_window(n: int, before: bool) -> re.Pattern[str]:
    if before:
        return re.compile(rf"(?<!\S)(?:\S+\s+){{0,{n - 1}}}\S*\s*\Z")
    return re.compile(rf"\s*(?:\S+\s+){{0,{n - 1}}}\S+")


@dataclass(frozen=True)
class Rules:
    """A compiled scope file."""

    version: int
    rules: tuple[_Rule, ...]
    merged: re.Pattern[str] | None           # pseudo-cues, then every wrapped rule's cues (a group per rule)
    marks: re.Pattern[str] | None            # any mark (no groups: alternatives fail fast)
    mark_kinds: tuple[tuple[str, re.Pattern[str]], ...]   # which mark it is, tried in order
    words: re.Pattern[str] | None            # every word token, one named group per token
    clause_start: re.Pattern[str]
    self_quote: re.Pattern[str]
    trim: str = ",;:"


def load_rules(path: str | Path | None = None) -> Rules:
    """Read, validate and compile a scope file (the packaged one, cached, when ``path`` is None).
    A bad file raises MentalensError naming the file and the rule or pattern."""
    return _default_rules() if path is None else _load(Path(path))


@lru_cache(maxsize=1)
def _default_rules() -> Rules:
    return _load(SCOPES_FILE)


def _load(path: Path) -> Rules:
    try:
        spec = ScopeFile.model_validate(yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER))
        m = spec.macros

        wb = spec.word_boundaries
        b0, b1 = (r"(?<!\w)", r"(?!\w)") if wb else ("", "")

        def tokens(names: list[str]) -> tuple[str, ...]:
            return tuple(t for n in names for t in (spec.sets.get(n) or [n]))

        rules: list[_Rule] = []
        src = join_patterns(spec.pseudo, m, "pseudo") if spec.pseudo else ""
        groups = [f"{guard(src)}(?P<pseudo>{src})"] if src else []
        for i, r in enumerate(spec.rules):
            where = f"rule {r.name!r}"
            if r.wrap:
                src = join_patterns(r.cues, m, where)
                groups.append(f"{guard(src)}(?P<r{i}>{src})")
            n = r.max_words
            rules.append(_Rule(r, None if r.wrap else compile_patterns(r.cues, m, where, wrap=False),
                               compile_patterns(r.cancel, m, f"{where} cancel", wrap=wb) if r.cancel else None,
                               tokens(r.ends), tokens(r.back_ends if r.back_ends is not None else r.ends),
                               _word_window(n, False) if n else None, _word_window(n, True) if n else None,
                               re.compile(rf"\s*(?:{join_patterns([r.skip_if], m, where)})\s*") if r.skip_if else None))
        merged = re.compile(rf"{b0}(?:{'|'.join(groups)}){b1}") if groups else None
        kinds = tuple((n, _raw(rx, f"boundary {n!r}")) for n, rx in spec.marks.items())
        marks = re.compile("|".join(f"(?:{rx.pattern})" for _, rx in kinds)) if kinds else None
        words = [f"(?P<{n}>{join_patterns([rx], m, f'boundary {n!r}')})" for n, rx in spec.words.items()]
        return Rules(spec.version, tuple(rules), merged, marks, kinds,
                     re.compile(rf"{b0}(?:{'|'.join(words)}){b1}") if words else None,
                     _raw(spec.clause_start, "clause_start"), _raw(spec.self_quote, "self_quote"), spec.trim)
    except (OSError, yaml.YAMLError, ValueError, re.error) as exc:
        packaged = path.name if path.name.startswith("scopes.") else SCOPES_FILE.name
        raise MentalensError(f"scope rules {path.name} are invalid: {exc}",
                             hint=f"fix {path}; the packaged file is src/mentalens/explain/lexicon/{packaged}") from exc


def _raw(rx: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(rx)
    except re.error as exc:
        raise ValueError(f"{where}: bad regex {rx!r}: {exc}") from None


class _Text:
    """One text's boundary tokens and words, found on first use."""

    __slots__ = ("v", "rules", "_tokens", "_sets")

    def __init__(self, v: str, rules: Rules) -> None:
        self.v, self.rules = v, rules
        self._tokens: dict[str, list[tuple[int, int]]] | None = None
        self._sets: dict[tuple[str, ...], tuple[list[int], list[int]]] = {}

    def _b(self, names: tuple[str, ...]) -> tuple[list[int], list[int]]:
        got = self._sets.get(names)
        if got is None:
            if self._tokens is None:
                self._tokens = self._find_tokens()
            spans = [sp for n in names for sp in self._tokens.get(n, ())]
            if len(names) > 1:
                spans.sort()
            got = self._sets[names] = ([sp[0] for sp in spans], [sp[1] for sp in spans])
        return got

    def _find_tokens(self) -> dict[str, list[tuple[int, int]]]:
        v, rules = self.v, self.rules
        found: dict[str, list[tuple[int, int]]] = {}
        if rules.marks is not None:
            for m in rules.marks.finditer(v):
                s = m.start()
                for name, rx in rules.mark_kinds:
                    if rx.match(v, s):
                        found.setdefault(name, []).append(m.span())
                        break
        if rules.words is not None:
            for m in rules.words.finditer(v):
                found.setdefault(m.lastgroup, []).append(m.span())  # type: ignore[arg-type]
        return found

    def next_end(self, names: tuple[str, ...], pos: int) -> int:
        starts, _ = self._b(names)
        i = bisect_left(starts, pos)
        return starts[i] if i < len(starts) else len(self.v)

    def prev_end(self, names: tuple[str, ...], pos: int) -> int:
        _, ends = self._b(names)
        i = bisect_right(ends, pos) - 1
        return ends[i] if i >= 0 else 0


def scopes(text: str) -> list[Scope]:
    """Every scope in ``text``, sorted by (start, end, kind); scopes of different kinds may overlap.
    A text with Chinese characters also gets the Chinese rules (explain/scope_zh.py)."""
    v = view(text)
    if _HAN.search(v) is None:
        return scopes_of_view(v)
    from .scope_zh import mixed_scopes_of_view, simplify

    return mixed_scopes_of_view(simplify(v))


def idiom_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of ``text`` holding a Chinese death-word idiom used as hyperbole or jargon
    (笑死, 累死了, 想死你了, 死机, 杀进程, 社死, ...): sorted, not overlapping; [] for text with no
    Chinese characters. See explain/scope_zh.py."""
    from .scope_zh import idiom_spans as _idiom_spans

    return _idiom_spans(text)


def scopes_of_view(v: str, rules: Rules | None = None) -> list[Scope]:
    """``scopes`` for a text already passed through ``view`` (the symptom layer shares one view)."""
    rules = rules or _default_rules()
    t = _Text(v, rules)
    out: list[Scope] = []
    if rules.merged is not None:
        for m in rules.merged.finditer(v):
            g = m.lastgroup
            if g != "pseudo":                  # a pseudo-cue hides the cue words inside it
                _add(t, rules.rules[int(g[1:])], m.start(), m.end(), out)  # type: ignore[index]
    for rule in rules.rules:
        if rule.regex is not None and (not rule.spec.requires or any(c in v for c in rule.spec.requires)):
            for m in rule.regex.finditer(v):
                _add(t, rule, m.start(), m.end(), out)
    out.sort(key=lambda s: (s.start, s.end, s.kind, s.cue_start))
    return out


def _add(t: _Text, rule: _Rule, cs: int, ce: int, out: list[Scope]) -> None:
    r, v, rules = rule.spec, t.v, t.rules
    if cs == ce or (r.direction == "around" and out and out[-1].kind == r.kind and out[-1].cue_start < cs < out[-1].end):
        return                                 # a second joke marker in the same sentence adds nothing
    if r.clause_start and not rules.clause_start.search(v, max(0, cs - 40), cs):
        return
    if r.self_quote and rules.self_quote.search(v, max(0, cs - 60), cs):
        return
    start, end, cue_end = _region(t, rule, cs, ce)
    trim = rules.trim
    while start < end and (v[start].isspace() or v[start] in trim):
        start += 1
    while end > start and (v[end - 1].isspace() or v[end - 1] in trim):
        end -= 1
    if start < end and (rule.cancel is None or not rule.cancel.search(v, start, end)):
        out.append(Scope(start, end, r.kind, cs, cue_end))


def _region(t: _Text, rule: _Rule, cs: int, ce: int) -> tuple[int, int, int]:
    """(start, end, cue_end) of the scope a cue at [cs, ce) opens."""
    r = rule.spec
    if r.direction == "span":
        return cs, ce, ce
    if r.direction == "inside":
        return cs + 1, min(ce - 1, cs + 1 + r.max_chars), cs + 1
    start, end, v = cs, ce, t.v
    if r.direction in ("forward", "around"):
        end = t.next_end(rule.ends, ce)
        if end < len(v) and ((r.skip_adjacent and not v[ce:end].strip())
                             or (rule.skip_if is not None and rule.skip_if.fullmatch(v, ce, end))):
            end = t.next_end(rule.ends, end + 1)
        end = min(end, ce + r.max_chars)
        if rule.words_after is not None:
            w = rule.words_after.match(v, ce, end)
            end = w.end() if w else ce
    if r.direction in ("backward", "around"):
        start = max(t.prev_end(rule.back_ends, cs), cs - r.max_chars)
        if rule.words_before is not None and r.direction == "backward":
            w = rule.words_before.search(v, start, cs)
            start = w.start() if w else cs
    if r.direction == "forward":
        return ce, end, ce
    if r.direction == "backward":
        return start, cs, ce
    return min(start, cs), max(end, ce), ce                      # around: the cue's clause, cue included
