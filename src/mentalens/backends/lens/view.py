"""What the lens backend reads of a post (view.en.yaml): the writer's own words.

From the tokens of a batch, a View keeps, per read token, a *unit*: its token id, the id of a
neutral word for gendered words, or the id of the word a one-edit typo stands for. Not read at
all: URLs, @handles, given names (and capitalised words the model's word list does not know),
emoji of things, bare spaces, and in sentences about death, suicide or self-harm, idioms and
risk statements that are not the writer's own present ones (negated, past, hypothetical, someone else's; see view.en.yaml).
Every unit remembers the token it came from, so contributions still land on the caller's
characters, and tokens not read contribute nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import yaml

from . import tokenize

VIEW_FILE = Path(__file__).resolve().parent / "view.en.yaml"
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_FIRST_PERSON = re.compile(r"\b(?:i|me|my|myself|mine|im)\b|\bi['\u2019]", re.IGNORECASE)
_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF][\uFE0F\U0001F3FB-\U0001F3FF]?")


@dataclass(frozen=True)
class View:
    """Read units of a batch, shaped like tokenize.Tokens (``ids``, ``ptr``) so the feature
    functions take either."""

    ids: np.ndarray        # int64 [n_read]: the units (vocabulary ids)
    pos: np.ndarray        # int64 [n_read]: index into Tokens.ids of the token each unit came from
    ptr: np.ndarray        # int64 [n_docs + 1]: units of doc i are ids[ptr[i]:ptr[i+1]]

    @property
    def n_docs(self) -> int:
        return len(self.ptr) - 1

    def lengths(self) -> np.ndarray:
        return np.diff(self.ptr)

    def dense_tokens(self) -> tokenize.Tokens:
        """The units per doc, as the embedding view averages them."""
        return tokenize.Tokens(ids=self.ids, ptr=self.ptr, offsets=None)


@dataclass(frozen=True)
class ViewConfig:
    version: int
    triggers: re.Pattern[str]
    drop_scopes: frozenset[str]
    drop_whole_scopes: frozenset[str]
    drop_cues_of: frozenset[str]
    drop_loose: bool
    drop_mentions: frozenset[str]
    mention_tasks: tuple[str, ...]
    drop: re.Pattern[str]
    drop_hint: re.Pattern[str]       # found in every text that ``drop`` matches: a quick test first
    emoji_feelings: tuple[str, ...]
    # word -> neutral token id, matched on token ids: key (first token id, tuple of the rest)
    neutral: dict[tuple[int, ...], int]
    names: dict[tuple[int, ...], int]         # value -1: not read (see view.en.yaml for the case rule)


@lru_cache(maxsize=1)
def config() -> ViewConfig:
    raw = yaml.safe_load(VIEW_FILE.read_text(encoding="utf-8"))
    vocab = tokenize._tokenizer().get_vocab()

    def single(word: str) -> int:
        piece = "\u2581" + word
        if piece not in vocab:
            raise ValueError(f"{VIEW_FILE.name}: {word!r} is not one token of the vocabulary")
        return vocab[piece]

    tok = tokenize._tokenizer()

    def pieces(word: str) -> tuple[int, ...]:
        return tuple(tok.encode(word.lower(), add_special_tokens=False).ids)

    neutral = {pieces(w): single(canon) for canon, words in raw["neutral"].items() for w in words}
    return ViewConfig(
        version=int(raw["version"]),
        triggers=re.compile(raw["writer"]["triggers"], re.IGNORECASE),
        drop_scopes=frozenset(raw["writer"]["drop_scopes"]),
        drop_whole_scopes=frozenset(raw["writer"]["drop_whole_scopes"]),
        drop_cues_of=frozenset(raw["writer"]["drop_cues_of"]),
        drop_loose=bool(raw["writer"]["drop_loose"]),
        drop_mentions=frozenset(raw["writer"]["drop_mentions"]),
        mention_tasks=tuple(raw["writer"]["mention_tasks"]),
        drop=re.compile("|".join(f"(?:{p})" for p in raw["drop_patterns"].values()), re.IGNORECASE),
        drop_hint=re.compile(raw["drop_hint"], re.IGNORECASE),
        emoji_feelings=tuple(raw["emoji_feelings"]),
        neutral=neutral,
        names={pieces(n): -1 for n in raw["names"].split()},
    )


def not_the_writers(text: str) -> list[tuple[int, int]]:
    """Character ranges of ``text`` that are not the writer's own present risk (see module doc)."""
    cfg = config()
    hits = [m.start() for m in cfg.triggers.finditer(text)]
    if not hits:
        return []
    from ...explain.scope import scopes
    from ...explain.symptoms import find_symptoms, symptom_info

    out: list[tuple[int, int]] = []
    for sent in _SENTENCE.finditer(text):
        if not any(sent.start() <= h < sent.end() for h in hits):
            continue
        s0, sentence = sent.start(), sent.group(0)
        found = scopes(sentence)
        # fixed idioms only (scope == its cue): a joke marker's scope covers its whole sentence,
        # and the risk mentions in it are dropped below as hypothetical instead
        out += [(s0 + sc.start, s0 + sc.end) for sc in found
                if sc.kind in cfg.drop_scopes and (sc.start, sc.end) == (sc.cue_start, sc.cue_end)]
        # someone else's words as a whole, unless they bring the writer in ("she says I'm a burden")
        out += [(s0 + sc.start, s0 + sc.end) for sc in found if sc.kind in cfg.drop_whole_scopes
                and (sc.kind == "quoted" or not _FIRST_PERSON.search(sentence, sc.start, sc.end))]
        mentions = [m for m in find_symptoms(sentence, cfg.mention_tasks) if symptom_info(m.symptom).risk]
        if cfg.drop_loose:        # death words in no risk statement: "my phone died", "he'll kill me"
            out += [(s0 + t.start(), s0 + t.end()) for t in cfg.triggers.finditer(sentence)
                    if not any(m.start < t.end() and t.start() < m.end for m in mentions)]
        for m in mentions:
            if m.status not in cfg.drop_mentions:
                continue
            out.append((s0 + m.start, s0 + m.end))
            if m.status in cfg.drop_cues_of:
                out += [(s0 + sc.cue_start, s0 + sc.cue_end) for sc in found
                        if sc.kind == m.status and sc.start <= m.start and m.end <= sc.end]
    return out


def make_view(texts: list[str], tokens, speller=None) -> View:
    """What the model reads of a batch. ``speller`` (spelling.Speller, learned with the model)
    repairs one-edit typos of known words."""
    cfg = config()
    ids, offsets, ptr = tokens.ids, tokens.offsets, tokens.ptr
    unit = ids.copy()
    keep = np.ones(len(ids), bool)
    extra_pos: list[int] = []
    extra_unit: list[int] = []
    _neutralise(texts, tokens, unit, keep, cfg)
    keep &= ~tokenize.token_flags()["blank"][ids]       # a bare "▁" before an emoji or symbol
    for i, text in enumerate(texts):
        ranges = not_the_writers(text) + _object_emoji(text)
        if cfg.drop_hint.search(text):
            ranges += [m.span() for m in cfg.drop.finditer(text)]
        fixes = speller.corrections(text) if speller is not None else []
        ranges += speller.proper_nouns(text) if speller is not None else []
        if not ranges and not fixes:
            continue
        lo, hi = int(ptr[i]), int(ptr[i + 1])
        starts, ends = offsets[lo:hi, 0], offsets[lo:hi, 1]
        for s, e, word in fixes:
            at = np.flatnonzero((starts < e) & (ends > s)) + lo
            if not at.size or not keep[at].all() or (unit[at] != ids[at]).any():
                continue                       # a name or a neutralised word is not respelled
            new = _pieces(word)
            k = min(len(at), len(new))
            unit[at[:k - 1]] = new[:k - 1]
            unit[at[k - 1]] = new[k - 1]
            keep[at[k:]] = False
            extra_pos += [int(at[k - 1])] * (len(new) - k)
            extra_unit += list(new[k:])
        for s, e in ranges:
            keep[np.flatnonzero((starts < e) & (ends > s)) + lo] = False
    read = np.flatnonzero(keep)
    pos, units = read, unit[read]
    if extra_pos:                 # a repaired word with more pieces than the typo: after its last token
        ep = np.array(extra_pos, dtype=np.int64)
        ok = keep[ep]
        order = np.argsort(np.concatenate([read, ep[ok]]), kind="stable")
        pos = np.concatenate([read, ep[ok]])[order]
        units = np.concatenate([units, np.array(extra_unit, dtype=np.int64)[ok]])[order]
    doc_of = np.repeat(np.arange(tokens.n_docs), tokens.lengths())
    counts = np.bincount(doc_of[pos], minlength=tokens.n_docs)
    vptr = np.zeros(tokens.n_docs + 1, dtype=np.int64)
    np.cumsum(counts, out=vptr[1:])
    return View(ids=units, pos=pos, ptr=vptr)


def _object_emoji(text: str) -> list[tuple[int, int]]:
    """Emoji that show no feeling (things, food, places, symbols): not read."""
    return [m.span() for m in _EMOJI.finditer(text) if not _feeling(m.group(0)[0])]


@lru_cache(maxsize=4096)
def _feeling(char: str) -> bool:
    import unicodedata

    name = unicodedata.name(char, "")
    return any(word in name for word in config().emoji_feelings)


@lru_cache(maxsize=4096)
def _pieces(word: str) -> tuple[int, ...]:
    return tuple(tokenize._tokenizer().encode(word, add_special_tokens=False).ids)   # "▁" comes first


def _neutralise(texts: list[str], tokens, unit: np.ndarray, keep: np.ndarray, cfg: ViewConfig) -> None:
    """Gendered words read as one neutral word and given names are not read: matched on token
    ids for the whole batch (a word is matched when it starts at a word start and ends at one,
    or before an apostrophe: "brother's")."""
    ids, n = tokens.ids, len(tokens.ids)
    if not n:
        return
    flags = tokenize.token_flags()
    doc_of = np.repeat(np.arange(tokens.n_docs), tokens.lengths())
    starts_word = flags["lead"][ids].copy()
    starts_word[tokens.ptr[:-1][tokens.lengths() > 0]] = True
    ends_word = np.ones(n, bool)                  # the token after is a word start, not a word piece
    ends_word[:-1] = starts_word[1:] | flags["blank"][ids[1:]] | ~flags["wordish"][ids[1:]] \
        | _apostrophe()[ids[1:]] | (doc_of[1:] != doc_of[:-1])
    capital = _capitalised(texts, tokens)
    for table, need_capital in ((cfg.neutral, False), (cfg.names, True)):
        for length in sorted({len(k) for k in table}):
            if length > n:
                continue
            firsts = np.fromiter({k[0] for k in table if len(k) == length}, dtype=np.int64)
            m = n - length + 1
            ok = np.isin(ids[:m], firsts) & starts_word[:m] & ends_word[length - 1:] \
                & (doc_of[:m] == doc_of[length - 1:])
            if need_capital:
                ok &= capital[:m]
            for at in np.flatnonzero(ok).tolist():
                value = table.get(tuple(ids[at:at + length].tolist()))
                if value is not None and keep[at]:
                    if value < 0:
                        keep[at:at + length] = False
                    else:
                        unit[at] = value
                        keep[at + 1:at + length] = False


@lru_cache(maxsize=1)
def _apostrophe() -> np.ndarray:
    """Per vocabulary id: the piece starts with an apostrophe ("'s", "'ll")."""
    vocab = tokenize._tokenizer().get_vocab()
    out = np.zeros(max(vocab.values()) + 1, bool)
    for piece, i in vocab.items():
        out[i] = piece[:1] in ("'", "\u2019")
    return out


def _capitalised(texts: list[str], tokens) -> np.ndarray:
    """Per token: the first letter of its word in the original post is upper case, or the post
    has no capital letters at all (its writer does not use them, so names are not marked)."""
    out = np.zeros(len(tokens.ids), bool)
    for i, text in enumerate(texts):
        lo, hi = int(tokens.ptr[i]), int(tokens.ptr[i + 1])
        if hi == lo:
            continue
        if text == text.lower():
            out[lo:hi] = True
            continue
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        first = tokens.offsets[lo:hi, 0].copy()
        first += (first < len(codes)) & (codes[np.minimum(first, len(codes) - 1)] == 32)
        first = np.minimum(first, len(codes) - 1)
        out[lo:hi] = (codes[first] >= 65) & (codes[first] <= 90)
    return out
