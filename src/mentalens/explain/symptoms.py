"""Symptoms and constructs: wording mapped to clinical vocabulary, with whose and when.

``find_symptoms(text)`` finds the constructs of ``lexicon/symptoms.en.yaml`` (PHQ-9 items, C-SSRS
levels and warning signs, IRF constructs, stressors, wellness dimensions) and gives each mention a
status from the scopes around it (explain/scope.py):

- ``present``: the writer's own, now - the only status that counts as the writer's symptom;
- ``negated``, ``hypothetical``, ``past``, ``other_person``: mentioned, but not that.

How scopes decide the status:

- A cue that is part of a symptom's own wording negates nothing: "no" in "no reason to live",
  "can't" in "I can't sleep", "not" in "I'm not okay" (the scope is dropped for every mention,
  so "I can't sleep and feel hopeless" keeps "hopeless" present).
- ``quoted`` text (quotes, lyrics, titles, "told me to ...") is someone else's words: other_person.
- ``other_person`` does not apply to a mention that names the writer ("me", "my", "myself"):
  in "my parents think I'm a burden" the burden is the writer's.
- ``idiom`` applies only to ``risk`` constructs (death, suicide, self-harm wording): a mention
  inside a fixed idiom ("this exam is killing me", "die of embarrassment") is dropped - it is no
  mention of the construct at all; one in a sentence with a joke marker ("lol") is hypothetical,
  kept visible but never counted as present.
- ``past`` does not apply to ``historical`` constructs (a past attempt is reported history);
  ``negated`` and ``hypothetical`` do not apply to ``topic`` entries (stressors, wellness
  dimensions): "I don't have a job" and "if I lose my job" are both about work.
- A mention worded for someone else ("wants to die", "kill herself", "kill yourself") is
  other_person even without a scope.
- Several scopes: other_person > negated > hypothetical > past.

Chinese: a text holding Chinese characters is also read with ``lexicon/symptoms.zh.yaml`` (the
same schema; ids shared with English name the same construct, plus the twelve cognitive
distortions) and the Chinese scopes (explain/scope_zh.py), on a simplified, half-width view of
the same length - so 我沒有想死 and 我没有想死 give the same mention, negated, at the same offsets.
A code-mixed post gets Chinese and English mentions. A shared id's task support is the union
of both entries' (``supports``); its risk, historical and topic flags are the same in both files
(checked at load time). Chinese mentions carry the Chinese name.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..errors import MentalensError, UnknownNameError
from ..schema import Symptom
from .scope import _HAN, LEXICON_DIR, MAX_SCOPE_CHARS, Scope, compile_patterns, expand, scopes_of_view, view

try:                                       # the regex parser, to find each entry's required words
    from re import _constants as _sc, _parser as _sp  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sc  # type: ignore[no-redef]
    import sre_parse as _sp  # type: ignore[no-redef]

SYMPTOMS_FILE = LEXICON_DIR / "symptoms.en.yaml"
SYMPTOMS_FILE_ZH = LEXICON_DIR / "symptoms.zh.yaml"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ID = re.compile(r"^[a-z][a-z0-9]*\.[a-z][a-z0-9_]*$")
_RANK = {"present": 0, "past": 1, "hypothetical": 2, "negated": 3, "other_person": 4}


@dataclass(frozen=True, slots=True)
class Mention:
    """A construct mentioned at ``text[start:end]`` (== ``self.text``) with its status."""

    symptom: str
    name: str
    start: int
    end: int
    text: str
    status: str

    def to_symptom(self) -> Symptom:
        """The Result schema's form of this mention."""
        return Symptom(id=self.symptom, name=self.name, start=self.start, end=self.end,
                       text=self.text, status=self.status)  # type: ignore[arg-type]


class SymptomSpec(BaseModel):
    """One lexicon entry (see the header of symptoms.en.yaml)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: str
    supports: dict[str, list[str]] = Field(min_length=1)
    also: list[str] = Field(default_factory=list)
    risk: bool = False
    historical: bool = False
    topic: bool = False
    patterns: list[str] = Field(min_length=1)

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]

    @model_validator(mode="after")
    def _check(self) -> SymptomSpec:
        from ..tasks import task_ids, get_task

        if not _ID.match(self.id):
            raise ValueError(f"entry {self.id!r}: an id is 'family.name' in lower_snake_case")
        known = task_ids()
        for task, labels in self.supports.items():
            if task not in known:
                raise ValueError(f"entry {self.id!r} supports unknown task {task!r} (known: {', '.join(known)})")
            spec = get_task(task)
            bad = [lab for lab in labels if lab not in spec.label_ids]
            if bad or not labels:
                raise ValueError(f"entry {self.id!r}: task {task!r} has no label(s) {bad or '[]'} "
                                 f"(its labels: {', '.join(spec.label_ids)})")
        return self


class LexiconFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = Field(ge=1)
    language: str
    word_boundaries: bool = True             # false for Chinese: patterns match inside runs of characters
    macros: dict[str, str] = Field(default_factory=dict)
    first_person: str
    not_writer: str
    symptoms: list[SymptomSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self) -> LexiconFile:
        ids = [s.id for s in self.symptoms]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise ValueError(f"duplicate entries: {', '.join(dup)}")
        for s in self.symptoms:
            for a in s.also:
                if a not in ids or a == s.id:
                    raise ValueError(f"entry {s.id!r}: `also` names {a!r}, which is not another entry")
        return self


@dataclass(frozen=True)
class Lexicon:
    """A compiled lexicon."""

    version: int
    specs: dict[str, SymptomSpec]
    regexes: tuple[tuple[str, re.Pattern[str], frozenset[str] | None, tuple[str, ...]], ...]  # id, regex, gate
    first_person: re.Pattern[str]
    not_writer: re.Pattern[str]
    by_task: dict[str, frozenset[str]]
    language: str = "en"


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """Read, validate and compile a lexicon (the packaged one, cached, when ``path`` is None).
    A bad file raises MentalensError naming the file and the entry."""
    return _default() if path is None else _load(Path(path))


@lru_cache(maxsize=1)
def _default() -> Lexicon:
    return _load(SYMPTOMS_FILE)


def _load(path: Path) -> Lexicon:
    try:
        spec = LexiconFile.model_validate(yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER))
        wb = spec.word_boundaries
        regexes = tuple((s.id, compile_patterns(s.patterns, spec.macros, f"entry {s.id!r}", wrap=wb),
                         *_gate([expand(p, spec.macros, wrap=False) for p in s.patterns], whole=not wb))
                        for s in spec.symptoms)
        by_task: dict[str, set[str]] = {}
        for s in spec.symptoms:
            for task in s.supports:
                by_task.setdefault(task, set()).add(s.id)
        if spec.language != "en":
            _check_shared(spec.symptoms)
        return Lexicon(spec.version, {s.id: s for s in spec.symptoms}, regexes, re.compile(spec.first_person),
                       re.compile(spec.not_writer), {t: frozenset(v) for t, v in by_task.items()}, spec.language)
    except (OSError, yaml.YAMLError, ValueError, re.error) as exc:
        packaged = path.name if path.name.startswith("symptoms.") else SYMPTOMS_FILE.name
        raise MentalensError(f"symptom lexicon {path.name} is invalid: {exc}",
                             hint=f"fix {path}; the packaged file is src/mentalens/explain/lexicon/{packaged}") from exc


def _check_shared(entries: list[SymptomSpec]) -> None:
    """An id shared with the English lexicon is the same construct: the same flags."""
    en = _default().specs
    for s in entries:
        base = en.get(s.id)
        if base is None:
            continue
        for flag in ("risk", "historical", "topic"):
            if getattr(s, flag) != getattr(base, flag):
                raise ValueError(f"entry {s.id!r}: `{flag}` is {getattr(s, flag)} here but {getattr(base, flag)} in "
                                 f"{SYMPTOMS_FILE.name} (a shared id is the same construct)")


@lru_cache(maxsize=1)
def _zh() -> Lexicon:
    return _load(SYMPTOMS_FILE_ZH)


@lru_cache(maxsize=1)
def _merged() -> tuple[dict[str, SymptomSpec], dict[str, SymptomSpec], dict[str, frozenset[str]]]:
    """Every id's entry with the union of both lexicons' task support: (English-named entries
    where English has the id, Chinese-named ones where Chinese has it, task -> ids)."""
    en, zh = _default(), _zh()
    out: dict[str, dict[str, SymptomSpec]] = {"en": {}, "zh": {}}
    for sid in [*en.specs, *(i for i in zh.specs if i not in en.specs)]:
        union: dict[str, list[str]] = {}
        for lex in (en, zh):
            for task, labels in (lex.specs[sid].supports.items() if sid in lex.specs else ()):
                union[task] = list(dict.fromkeys([*union.get(task, []), *labels]))
        for lang, lex in (("en", en), ("zh", zh)):
            if sid in lex.specs:
                spec = lex.specs[sid]
                out[lang][sid] = spec if spec.supports == union else spec.model_copy(update={"supports": union})
    by_task = {t: en.by_task.get(t, frozenset()) | zh.by_task.get(t, frozenset()) for t in {*en.by_task, *zh.by_task}}
    return out["en"], out["zh"], by_task


def symptom_ids(language: str | None = "en") -> list[str]:
    """The ids of one lexicon ("en", "zh"), or of both (None)."""
    if language == "en":
        return list(_default().specs)
    if language == "zh":
        return list(_zh().specs)
    if language is None:
        return list(dict.fromkeys([*_default().specs, *_zh().specs]))
    raise UnknownNameError("lexicon language", language, ["en", "zh"])


def symptom_info(symptom_id: str, language: str | None = None) -> SymptomSpec:
    """The lexicon entry of ``symptom_id`` (its name, family, risk flag, supported tasks and
    labels - the union over the English and Chinese lexicons). The English entry where there
    is one, unless ``language="zh"`` asks for the Chinese one (its name is Chinese)."""
    en, zh, _ = _merged()
    first, second = (zh, en) if language == "zh" else (en, zh)
    spec = first.get(symptom_id) or second.get(symptom_id)
    if spec is None:
        raise UnknownNameError("symptom", symptom_id, {*en, *zh})
    return spec


def supports(symptom_id: str) -> dict[str, list[str]]:
    """task id -> the labels of that task the construct speaks for."""
    return {t: list(labs) for t, labs in symptom_info(symptom_id).supports.items()}


def find_symptoms(text: str, tasks: Iterable[str] | str | None = None) -> list[Mention]:
    """Every construct mentioned in ``text``, sorted by position, each with its status.

    ``tasks``: keep only constructs that support one of these tasks (None: all). Statuses do not
    depend on ``tasks``."""
    lex = _default()
    v = view(text)
    lexes = [lex]
    if _HAN.search(v) is not None:                     # Chinese or code-mixed: both lexicons
        from .scope_zh import simplify

        v = simplify(v)
        lexes.append(_zh())
    wanted = _wanted(lex, tasks, len(lexes) > 1)
    grams = {v[i:i + 4] for i in range(len(v) - 3)}
    raw: list[tuple[int, int, str, int]] = []
    for k, lx in enumerate(lexes):
        for sid, rx, keys, short in lx.regexes:
            if keys is not None and keys.isdisjoint(grams) and not any(w in v for w in short):
                continue                               # none of the words every match needs
            for m in rx.finditer(v):
                s, e = m.span()
                if s < e:
                    raw.append((s, e, sid, k))
                    raw.extend((s, e, a, k) for a in lx.specs[sid].also)
    if not raw:
        return []
    if len(lexes) == 1:
        scs = _own_scopes(scopes_of_view(v), raw)
    else:
        from .scope_zh import mixed_scopes_of_view

        scs = _own_scopes(mixed_scopes_of_view(v), raw)
    starts = [sc.start for sc in scs]
    out: list[Mention] = []
    last_end: dict[str, int] = {}
    for s, e, sid, k in sorted(raw, key=lambda r: (r[0], -r[1], r[2], r[3])):
        if (wanted is not None and sid not in wanted) or last_end.get(sid, -1) > s:
            continue                                   # another task's, or inside an earlier mention
        last_end[sid] = e
        lx = lexes[k]
        spec = lx.specs[sid]
        status = _status(lx, spec, v, s, e, scs, bisect_left(starts, s - MAX_SCOPE_CHARS))
        if status is not None:
            out.append(Mention(sid, spec.name, s, e, text[s:e], status))
    out.sort(key=lambda m: (m.start, m.end, m.symptom))
    return out


def _wanted(lex: Lexicon, tasks: Iterable[str] | str | None, chinese: bool) -> frozenset[str] | None:
    """The ids that support one of ``tasks`` in either lexicon (the Chinese one is read only when
    the text is Chinese or the English one knows none of a task's constructs)."""
    if tasks is None:
        return None
    from ..tasks import get_task

    ids: set[str] = set()
    for t in [tasks] if isinstance(tasks, str) else tasks:
        get_task(t)                                    # unknown task: UnknownNameError with suggestions
        ids |= _merged()[2].get(t, frozenset()) if chinese or t not in lex.by_task else lex.by_task[t]
    return frozenset(ids)


def _own_scopes(scs: list[Scope], raw: list[tuple[int, int, str, int]]) -> list[Scope]:
    """The scopes whose cue is not part of a symptom's own wording ("can't" in "I can't sleep",
    不 in 不想活); idioms and quotes always stay."""
    spans = sorted((s, e) for s, e, _, _ in raw)
    starts, reach, far = [s for s, _ in spans], [], -1
    for _, e in spans:
        far = max(far, e)
        reach.append(far)                              # furthest end of the spans starting up to here
    out = []
    for sc in scs:
        i = bisect_right(starts, sc.cue_start) - 1
        if sc.kind in ("idiom", "quoted") or i < 0 or reach[i] < sc.cue_end:
            out.append(sc)
    return out


def _status(lex: Lexicon, spec: SymptomSpec, v: str, s: int, e: int, scs: list[Scope], lo: int) -> str | None:
    """The mention's status, or None when it is no mention at all (a risk word in an idiom).
    ``scs`` are sorted by start and no longer than MAX_SCOPE_CHARS, so none before ``lo`` matters."""
    mtext = v[s:e]
    first = None
    best = "present"
    for sc in scs[lo:]:
        if sc.start >= e:
            break
        if sc.end <= s:
            continue
        kind = sc.kind
        if kind == "idiom":
            if not spec.risk:
                continue
            if sc.cue_start < e and s < sc.cue_end:    # the mention's words are the idiom
                return None
            status = "hypothetical"                     # a joke marker in the sentence
        elif s <= sc.cue_start and sc.cue_end <= e:
            continue
        elif kind == "quoted":
            status = "other_person"
        elif kind == "other_person":
            if first is None:
                first = bool(lex.first_person.search(mtext))
            if first:
                continue
            status = "other_person"
        elif (kind == "past" and spec.historical) or (spec.topic and kind in ("negated", "hypothetical")):
            continue
        else:
            status = kind
        if _RANK[status] > _RANK[best]:
            best = status
    if best == "present" and lex.not_writer.search(mtext) and not lex.first_person.search(mtext):
        best = "other_person"
    return best


def _gate(patterns: list[str], whole: bool = False) -> tuple[frozenset[str] | None, tuple[str, ...]]:
    """A cheap pre-check for an entry: every match holds one of these strings. Returned as the
    4-character prefixes of the long ones and the short ones whole; (None, ()) when unknown.
    ``whole``: for text without spaces (Chinese), every required string is checked whole."""
    words: set[str] = set()
    for p in patterns:
        try:
            got = _required(_sp.parse(p))
        except Exception:  # noqa: BLE001 - an unreadable pattern is simply not pre-checked
            got = None
        if not got:
            return None, ()
        words.update(got)
    if whole:
        return frozenset(), tuple(sorted(words, key=lambda w: (len(w), w)))
    return frozenset(w[:4] for w in words if len(w) >= 4), tuple(sorted(w for w in words if len(w) < 4))


def _required(seq) -> list[str] | None:
    """Strings one of which occurs in every match of a parsed regex; None when none is known."""
    best: list[str] | None = None
    run: list[str] = []

    def keep(c: list[str] | None) -> None:
        nonlocal best
        if c and (best is None or (min(map(len, c)), -len(c)) > (min(map(len, best)), -len(best))):
            best = c

    for op, av in seq:
        if op is _sc.LITERAL:
            run.append(chr(av))
            continue
        keep(["".join(run)] if run else None)
        run = []
        if op is _sc.SUBPATTERN:
            keep(_required(av[-1]))
        elif op is _sc.BRANCH:
            alts = [_required(b) for b in av[1]]
            keep(None if any(a is None for a in alts) else sorted({x for a in alts for x in a}))  # type: ignore[union-attr]
        elif op in (_sc.MAX_REPEAT, _sc.MIN_REPEAT) and av[0] >= 1:
            keep(_required(av[2]))
    keep(["".join(run)] if run else None)
    return best
