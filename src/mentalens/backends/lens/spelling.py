"""One-edit spelling repair for the lens view (and, from the same word list, the unknown proper
nouns it does not read): a word missing from the model's word list but one
edit (a dropped, added, changed or swapped letter) from a word in it is read as that word
("depresed" -> "depressed", "pretneding" -> "pretending").

The word list is learned with the model: words of MIN_LETTERS letters or more seen at least
MIN_COUNT times in its training texts (words.txt in the model folder); words of MIN_TYPO letters
or more are repaired, three-letter ones only by putting back a left-out letter ("whn" ->
"when"; other edits of short words are too often another real word). A correction that keeps
every typed letter beats one that changes one; among equals, the word seen more often next to
the typo's neighbours in the training texts wins ("want to lve anymore" -> "live": word pairs
seen MIN_PAIR times or more, pairs.txt), then the more frequent word. Lookups use SymSpell's
delete-one index: a typo and its correction share a form with at most one letter deleted.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

MIN_LETTERS = 3
MIN_TYPO = 4
MIN_COUNT = 10
MIN_PAIR = 5
TOKEN = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)*")      # words with their apostrophes, for neighbours
WORD = re.compile(r"[A-Za-z]{%d,}" % MIN_LETTERS)
CAPITALISED = re.compile(r"(?<![A-Za-z])[A-Z][a-z]{%d,}(?![A-Za-z])" % (MIN_LETTERS - 1))   # a WORD, capitalised


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def one_edit(a: str, b: str) -> bool:
    """The Damerau-Levenshtein distance of a and b is exactly 1 (an adjacent swap is one edit)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                   and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1:]


class Speller:
    def __init__(self, words: Iterable[str], pairs: dict[tuple[str, str], int] | Callable[[], dict] | None = None
                 ) -> None:
        self.words = list(words)                    # most frequent first
        self.rank = {w: i for i, w in enumerate(self.words)}
        self._pairs = pairs or {}                   # or a loader, called when a tie first needs it
        self.index: dict[str, list[str]] = {}
        for w in self.words:
            for d in _deletes(w):
                self.index.setdefault(d, []).append(w)

    @classmethod
    def learn(cls, texts: Iterable[str]) -> Speller:
        texts = list(texts)
        counts = Counter(m.group(0).lower() for t in texts for m in WORD.finditer(t))
        kept = sorted((w for w, c in counts.items() if c >= MIN_COUNT), key=lambda w: (-counts[w], w))
        known = set(kept)
        pairs: Counter[tuple[str, str]] = Counter()
        for t in texts:
            ws = [w.replace("\u2019", "'") for w in TOKEN.findall(t.lower())]
            pairs.update(zip(ws, ws[1:]))
        return cls(kept, {p: c for p, c in pairs.items() if c >= MIN_PAIR and (p[0] in known or p[1] in known)})

    @property
    def pairs(self) -> dict[tuple[str, str], int]:
        """(word, next word) -> times seen together in the training texts, lower case."""
        if callable(self._pairs):
            self._pairs = self._pairs()
        return self._pairs

    def pairs_text(self) -> str:
        """The word pairs as saved with the model (pairs.txt): 'word next count' lines, sorted."""
        return "".join(f"{a} {b} {c}\n" for (a, b), c in sorted(self.pairs.items()))

    @staticmethod
    def parse_pairs(text: str) -> dict[tuple[str, str], int]:
        f = text.split()
        return {(a, b): int(c) for a, b, c in zip(f[0::3], f[1::3], f[2::3])}

    def repair(self, word: str, before: str | None = None, after: str | None = None) -> str | None:
        """The known word one edit from ``word`` (lower case), or None; ``before`` / ``after``:
        the neighbouring words, lower case. A correction that keeps every typed letter (a letter
        left out, two letters swapped) is preferred to one that changes or drops a typed letter;
        among equals the one seen more often beside the neighbours, then the more frequent word.
        Words of MIN_TYPO - 1 letters get only the first kind."""
        if word in self.rank or len(word) < MIN_TYPO - 1:
            return None
        kept: set[str] = set(self.index.get(word, ()))                    # a letter left out
        changed: set[str] = set()
        for d in _deletes(word):
            for w in self.index.get(d, ()):
                if len(w) == len(word) and one_edit(word, w):
                    (kept if sorted(w) == sorted(word) else changed).add(w)   # swapped / changed
            if d in self.rank:
                changed.add(d)                                              # a letter added
        if len(word) < MIN_TYPO:
            changed = set()
        if len(kept) + len(changed) < 2:
            return next(iter(kept or changed), None)
        pairs = self.pairs

        def key(w: str) -> tuple[int, int]:
            return -(pairs.get((before, w), 0) + pairs.get((w, after), 0)), self.rank[w]

        for found in (kept, changed):
            if found:
                return min(found, key=key)
        return None

    def corrections(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, correction) for every word of ``text`` worth repairing: lower-case words
        (or the first word of a sentence; any word of a post in capitals) that are not known and
        are one edit from a known one."""
        out = []
        rank = self.rank
        shouting = not any(c.islower() for c in text)
        tokens = list(TOKEN.finditer(text))
        for i, m in enumerate(tokens):
            w = m.group(0)
            low = w.lower()
            if low in rank or len(w) < MIN_TYPO - 1 or not w.isalpha():
                continue                                    # known, short, or with an apostrophe
            if not shouting and (not w[1:].islower() or (w[0].isupper() and not _sentence_start(text, m.start()))):
                continue                                    # names, acronyms
            before = tokens[i - 1].group(0).lower().replace("\u2019", "'") if i else None
            after = tokens[i + 1].group(0).lower().replace("\u2019", "'") if i + 1 < len(tokens) else None
            fix = self.repair(low, before, after)
            if fix is not None:
                out.append((m.start(), m.end(), fix))
        return out

    def proper_nouns(self, text: str) -> list[tuple[int, int]]:
        """Capitalised words inside a sentence that are not known words: names of people and
        places the model has no reason to read (a post in capitals has none)."""
        if not any(c.islower() for c in text):
            return []
        return [m.span() for m in CAPITALISED.finditer(text)
                if m.group(0).lower() not in self.rank and not _sentence_start(text, m.start()) and _whole(text, m)]


def _whole(text: str, m: re.Match) -> bool:
    """The match is a whole word (no letters or apostrophes glued to it)."""
    before = text[m.start() - 1] if m.start() else " "
    after = text[m.end()] if m.end() < len(text) else " "
    return not (before.isalpha() or after.isalpha() or before in "'\u2019" or after in "'\u2019")


def _sentence_start(text: str, at: int) -> bool:
    before = text[:at].rstrip()
    return not before or before[-1] in ".!?\n"
