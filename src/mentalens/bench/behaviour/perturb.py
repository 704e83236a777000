"""Seeded perturbations for the invariance cases of the behavioural suite (CheckList's INV).

Each perturbation takes a post and a ``random.Random`` and returns a new post that should
mean the same thing to a risk classifier. Every function is deterministic given its
``rng`` (the loader seeds one per base post and perturbation, see ``rng_for``), and each
changes only what its name says:

- ``typo`` / ``typo_key``: one word gets one edit, a swap of two adjacent letters or a
  dropped letter, never the first letter; ``typo`` picks a word of 4+ letters that is not a
  key word of the post, ``typo_key`` one of the post's key words (the words that carry its
  signal, listed in the case file).
- ``upper`` / ``lower``: the whole post in capitals / in small letters.
- ``emoji``: one or two emoji of everyday objects (no faces, hearts or weather, which carry
  mood and could rightly change a reading) at the end or after the first sentence.
- ``names``: every first name from ``NAMES`` becomes a name of the same gender from a
  different origin (one consistent mapping per post).
- ``url``: a link on a reserved example domain (RFC 2606), at the end or in brackets.
- ``handle``: an invented @handle before or after the post.
- ``gender``: he/she, him/her, his/her, boyfriend/girlfriend, husband/wife and the other pairs
  of ``GENDER_PAIRS``, and first names to their same-origin counterpart. "her" becomes "his"
  before a word it could own, else "him" (a heuristic; the suite's posts are written so that
  it reads right).
"""
from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable, Sequence

# First names by origin, (female, male) pairs at the same index: `names` moves across
# origins within a gender, `gender` moves across genders within an origin.
NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "english": (("Emily", "Sarah", "Jessica", "Hannah"), ("Jake", "James", "Tyler", "Ryan")),
    "south_asian": (("Priya", "Ananya", "Kavya", "Divya"), ("Arjun", "Rahul", "Vikram", "Rohan")),
    "east_asian": (("Mei", "Yuki", "Hana", "Jiwoo"), ("Wei", "Hiroshi", "Minjun", "Kenji")),
    "arabic": (("Fatima", "Layla", "Noor", "Yasmin"), ("Omar", "Ahmed", "Karim", "Yusuf")),
    "hispanic": (("Maria", "Sofia", "Lucia", "Valeria"), ("Carlos", "Diego", "Mateo", "Javier")),
    "west_african": (("Amara", "Chioma", "Adaeze", "Efua"), ("Kwame", "Chinedu", "Kofi", "Emeka")),
    "slavic": (("Olga", "Natasha", "Katya", "Irina"), ("Dmitri", "Ivan", "Pavel", "Sergei")),
}
_NAME_INFO: dict[str, tuple[str, int, int]] = {     # name -> (origin, gender 0=f 1=m, index)
    n: (origin, g, i) for origin, pools in NAMES.items() for g, pool in enumerate(pools) for i, n in enumerate(pool)}
_NAME_RE = re.compile(r"\b(" + "|".join(sorted(_NAME_INFO, key=len, reverse=True)) + r")\b")

GENDER_PAIRS: tuple[tuple[str, str], ...] = (
    ("he", "she"), ("him", "her"), ("his", "her"), ("himself", "herself"), ("he's", "she's"), ("he'd", "she'd"),
    ("he'll", "she'll"), ("boyfriend", "girlfriend"), ("bf", "gf"), ("husband", "wife"), ("brother", "sister"),
    ("brothers", "sisters"), ("son", "daughter"), ("dad", "mom"), ("father", "mother"), ("man", "woman"),
    ("men", "women"), ("guy", "girl"), ("boy", "girl"), ("uncle", "aunt"), ("nephew", "niece"),
    ("grandpa", "grandma"), ("grandfather", "grandmother"), ("boyfriends", "girlfriends"), ("husbands", "wives"),
)
_TO_FEMALE = {m: f for m, f in GENDER_PAIRS}
_TO_MALE = {f: m for m, f in GENDER_PAIRS if f != "her" and m != "boy"}   # "her" and "girl" decided below
_TO_MALE["girl"] = "guy"
_GENDER_RE = re.compile(r"\b(" + "|".join(w.replace("'", "['\u2019]") for w in sorted(
    {w for p in GENDER_PAIRS for w in p}, key=len, reverse=True)) + r")\b", re.IGNORECASE)
# after these (or punctuation / the end), "her" is an object ("him"), not a possessive ("his")
_NOT_OWNED = frozenset(
    "a an the that this these those to and or but so if when because about for with from at in on up out back "
    "again too anymore now today yesterday tonight more much is was i you we they he she it me my off down over "
    "know it's even though than as by like".split())

NEUTRAL_EMOJI: tuple[str, ...] = ("\u2615", "\U0001f4f1", "\U0001f3a7", "\U0001f4dd", "\U0001f68c", "\U0001f408",
                                  "\U0001f375", "\U0001f9e6", "\U0001fab4", "\U0001f4da")
HANDLES: tuple[str, ...] = ("@night_owl_22", "@sam.k", "@thecoffeecat", "@jules_writes", "@mx_pixel",
                            "@late.bus", "@quietfern", "@dev_null_99")
URLS: tuple[str, ...] = ("https://example.com/p/8812", "https://www.example.org/watch?v=x1y2z3",
                         "http://example.net/blog/2024/03/post", "https://example.com/i/abc123.jpg",
                         "example.org/threads/55421")

_WORD_RE = re.compile(r"(?<![\w'\u2019@/.#-])[A-Za-z]+(?![\w'\u2019@/-])")


def rng_for(seed: int, base_id: str, perturbation: str) -> random.Random:
    """A Random seeded from (suite seed, base post id, perturbation name); stable across runs and machines."""
    digest = hashlib.sha256(f"{seed}:{base_id}:{perturbation}".encode()).hexdigest()
    return random.Random(int(digest[:16], 16))


def _edits(word: str) -> list[str]:
    """Every one-edit typo of ``word``: two adjacent letters swapped or one dropped, never the first."""
    edits = [word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(1, len(word) - 1)]
    edits += [word[:i] + word[i + 1:] for i in range(1, len(word))]
    return [e for e in dict.fromkeys(edits) if e.lower() != word.lower()]


def _typo_at(text: str, rng: random.Random, pick: Callable[[str], bool]) -> str:
    spans = [m.span() for m in _WORD_RE.finditer(text) if pick(m.group()) and _edits(m.group())]
    if not spans:
        return text
    start, end = rng.choice(spans)
    return text[:start] + rng.choice(_edits(text[start:end])) + text[end:]


def typo(text: str, rng: random.Random, key: Sequence[str] = ()) -> str:
    """A typo in one word of 4+ letters that is not a key word."""
    keys = {k.lower() for k in key}
    return _typo_at(text, rng, lambda w: len(w) >= 4 and w.lower() not in keys and w not in _NAME_INFO)


def typo_key(text: str, rng: random.Random, key: Sequence[str] = ()) -> str:
    """A typo in one of the key words (3+ letters)."""
    keys = {k.lower() for k in key}
    return _typo_at(text, rng, lambda w: len(w) >= 3 and w.lower() in keys)


def upper(text: str, rng: random.Random | None = None, key: Sequence[str] = ()) -> str:
    return text.upper()


def lower(text: str, rng: random.Random | None = None, key: Sequence[str] = ()) -> str:
    return text.lower()


def emoji(text: str, rng: random.Random, key: Sequence[str] = ()) -> str:
    marks = " ".join(rng.sample(NEUTRAL_EMOJI, rng.choice((1, 2))))
    first = re.search(r"[.!?](\s)", text)
    if first is not None and rng.random() < 0.5:
        return text[:first.start() + 1] + " " + marks + text[first.start() + 1:]
    return text.rstrip() + " " + marks


def url(text: str, rng: random.Random, key: Sequence[str] = ()) -> str:
    link = rng.choice(URLS)
    return text.rstrip() + (f" ({link})" if rng.random() < 0.5 else f" {link}")


def handle(text: str, rng: random.Random, key: Sequence[str] = ()) -> str:
    h = rng.choice(HANDLES)
    return f"{h} {text}" if rng.random() < 0.5 else f"{text.rstrip()} cc {h}"


def names(text: str, rng: random.Random, key: Sequence[str] = ()) -> str:
    """Every known first name to a same-gender name of another origin (consistent within the post)."""
    mapping: dict[str, str] = {}
    for found in dict.fromkeys(m.group() for m in _NAME_RE.finditer(text)):
        origin, g, _ = _NAME_INFO[found]
        choices = [n for o, pools in NAMES.items() if o != origin for n in pools[g]
                   if n not in mapping.values() and n not in text]
        mapping[found] = rng.choice(choices)
    return _NAME_RE.sub(lambda m: mapping[m.group()], text)


def _match_case(word: str, model: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    return word[0].upper() + word[1:] if model[0].isupper() else word


def gender(text: str, rng: random.Random | None = None, key: Sequence[str] = ()) -> str:
    """Swap gendered words and first names (female <-> male); deterministic, no randomness."""
    def swap_word(m: re.Match) -> str:
        w = m.group()
        low = w.lower().replace("\u2019", "'")
        if low == "her":
            nxt = re.match(r"\s+([A-Za-z']+)", text[m.end():])
            owned = nxt is not None and nxt.group(1).lower() not in _NOT_OWNED
            new = "his" if owned else "him"
        elif low in _TO_FEMALE:
            new = _TO_FEMALE[low]
        else:
            new = _TO_MALE[low]
        if "\u2019" in w:
            new = new.replace("'", "\u2019")
        return _match_case(new, w)

    def swap_name(m: re.Match) -> str:
        origin, g, i = _NAME_INFO[m.group()]
        return NAMES[origin][1 - g][i]

    return _NAME_RE.sub(swap_name, _GENDER_RE.sub(swap_word, text))


Perturbation = Callable[..., str]

# name -> (function, category it reports under)
PERTURBATIONS: dict[str, tuple[Perturbation, str]] = {
    "typo": (typo, "inv_typo"),
    "typo_key": (typo_key, "inv_typo_key"),
    "upper": (upper, "inv_casing"),
    "lower": (lower, "inv_casing"),
    "emoji": (emoji, "inv_emoji"),
    "names": (names, "inv_names"),
    "url": (url, "inv_url"),
    "handle": (handle, "inv_handle"),
    "gender": (gender, "inv_gender"),
}


def perturb(name: str, text: str, *, seed: int, base_id: str, key: Sequence[str] = ()) -> str:
    """Apply the perturbation ``name`` to ``text`` with the RNG of (seed, base_id, name)."""
    fn, _ = PERTURBATIONS[name]
    return fn(text, rng_for(seed, base_id, name), key)
