"""Rationales: a short plain-language explanation per task, built only from what the model
and the symptom layer found — the decided label and its probability, the evidence spans that
moved the score, and the symptoms those spans express (with their status). Nothing is
invented: every quote is a span of the post, every clinical term comes from the lexicon.

Wording follows safe-messaging practice (SAFETY.md): signals, not diagnoses; no method
details — a quote that names a method, means or place is left out (safety.en.yaml); no
stigmatising words (a lint in tests runs over every template and generated text).
Phrasings vary with the post (a stable choice per text and task), so a page of results does
not read like a form.

Chinese: a task whose spec is Chinese only, or a Chinese post, gets its rationale in Chinese
(explain/rationale_zh.py; the lint also reads safety.zh.yaml). Everything else is English.
"""
from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import yaml

from ..schema import Evidence, Symptom, TaskResult
from ..tasks import TaskSpec
from .scope import _HAN

SAFETY_FILE = Path(__file__).resolve().parent / "lexicon" / "safety.en.yaml"
SAFETY_FILE_ZH = SAFETY_FILE.with_name("safety.zh.yaml")
MAX_QUOTES = 2
MAX_QUOTE_CHARS = 80
CONTEXT_WORDS = 25          # the sentence holding the strongest evidence is quoted when this short

OPEN = {
    # {what}: the "yes" label's name without a leading "signs of" ("loneliness", "suicidal ideation")
    "yes": ["The post shows signs of {what} (probability {p}).", "Signs of {what} are present (probability {p}).",
            "This reads as {what} (probability {p})."],
    "no": ["No clear signs of {what} (its probability is {q}).", "The post does not show signs of {what} "
           "(probability {q}).", "Little sign of {what} here (probability {q})."],
    "multiclass": ["Most likely: {label} (probability {p}){runner}.", "The post points to {label} (probability {p}){runner}.",
                   "{Label} fits best (probability {p}){runner}."],
    "multilabel": ["Present: {labels}.", "The post touches on {labels}.", "Found: {labels}."],
    "multilabel_none": ["None of these stands out: {labels}.", "No clear sign of any of: {labels}."],
}
CONTEXT = ["The post says {sentence}.", "The post reads {sentence}.", "In the post: {sentence}."]
EVIDENCE = ["The words that weighed most: {quotes}.", "Most telling: {quotes}.", "It rests mainly on {quotes}."]
AGAINST = ["Pointing the other way: {quotes}.", "Against it: {quotes}."]
SYMPTOMS = ["These read as {names}.", "In clinical terms: {names}.", "That matches {names}."]
NOT_OWN = {
    "negated": "{quote} is negated",
    "past": "{quote} is described as past",
    "hypothetical": "{quote} is hypothetical",
    "other_person": "{quote} is about someone else",
}
NOT_OWN_TAIL = ["so it is not counted as the writer's own present experience.",
                "so it does not count as the writer's own, now."]


@lru_cache(maxsize=1)
def _safety() -> tuple[re.Pattern[str], re.Pattern[str]]:
    raw = yaml.safe_load(SAFETY_FILE.read_text(encoding="utf-8"))
    method = re.compile(r"(?i)\b(?:" + "|".join(raw["method_terms"]) + r")\b")
    stigma = re.compile(r"(?i)\b(?:" + "|".join(raw["stigmatising"]) + r")\b")
    return method, stigma


@lru_cache(maxsize=1)
def _safety_zh() -> tuple[re.Pattern[str], re.Pattern[str]]:
    raw = yaml.safe_load(SAFETY_FILE_ZH.read_text(encoding="utf-8"))
    return (re.compile("(?i)" + "|".join(f"(?:{w})" for w in raw["method_terms"])),
            re.compile("(?i)" + "|".join(f"(?:{w})" for w in raw["stigmatising"])))


def unsafe_words(text: str) -> list[str]:
    """Method terms and stigmatising words in ``text`` (the lint the tests run over every rationale),
    English and, in text with Chinese characters, Chinese."""
    method, stigma = _safety()
    out = [m.group(0) for m in method.finditer(text)] + [m.group(0) for m in stigma.finditer(text)]
    if _HAN.search(text) is not None:
        from ..chinese import simplify

        low = simplify(text)
        method, stigma = _safety_zh()
        out += [text[m.start():m.end()] for rx in (method, stigma) for m in rx.finditer(low)]  # same offsets
    return out


def rationale(r: TaskResult, task: TaskSpec, text: str, supports=None, language: str | None = None) -> str | None:
    """The rationale of one task result for ``text`` (None for an invalid result).

    ``supports(symptom_id) -> {task: [labels]}`` says which decided labels a present symptom
    backs (explain/symptoms.py); the symptoms named are those that back a decided label.
    ``language``: the post's language as the pipeline guessed it ("en", "zh", "mixed", ...);
    Chinese for a Chinese post or a Chinese-only task (explain/rationale_zh.py)."""
    if r.status != "ok" or not r.probabilities:
        return None
    if in_chinese(task, text, language):
        from .rationale_zh import rationale_zh

        return rationale_zh(r, task, text, supports)
    pick = _picker(text, task.id)
    parts = [_opening(r, task, pick)]
    pro = [e for e in r.evidence if e.weight > 0]
    con = [e for e in r.evidence if e.weight < 0]
    sentence = _sentence_of(text, pro[0]) if pro else None
    if sentence:
        parts.append(pick(CONTEXT).format(sentence=sentence))
    quotes = _quotes(pro)
    if quotes:
        parts.append(pick(EVIDENCE).format(quotes=quotes))
    backing = [s for s in r.symptoms if s.status == "present"
               and (supports is None or set(supports(s.id).get(task.id, ())) & set(r.labels))]
    present = _names(backing) if r.labels and not _negative(r, task) else ""
    if present:
        parts.append(pick(SYMPTOMS).format(names=present))
    others = [s for s in r.symptoms if s.status != "present"]
    if others:
        s = others[0]
        quote = _quote(s.text)
        if quote:
            sentence = NOT_OWN[s.status].format(quote=quote)
            parts.append(sentence[:1].upper() + sentence[1:] + ", " + pick(NOT_OWN_TAIL))
    against = _quotes(con, limit=1)
    if against and r.kind != "multilabel":
        parts.append(pick(AGAINST).format(quotes=against))
    return " ".join(parts)


def in_chinese(task: TaskSpec, text: str, language: str | None = None) -> bool:
    """Whether the rationale is written in Chinese: the task is Chinese only, or the post is
    Chinese (``language`` says so, or, when it says neither "en" nor "zh", the text is mostly Han)."""
    if "zh" in task.languages and "en" not in task.languages:
        return True
    if language and language.startswith("zh"):
        return True
    if language == "en" or _HAN.search(text) is None:
        return False
    from .rationale_zh import looks_chinese

    return looks_chinese(text)


def _opening(r: TaskResult, task: TaskSpec, pick) -> str:
    if task.kind == "binary":
        yes = task.labels[1]
        what = yes.name[len("signs of "):] if yes.name.startswith("signs of ") else yes.name
        p_yes = r.probabilities.get("yes", 0.0)
        if r.label == "yes":
            return pick(OPEN["yes"]).format(what=what, p=_pct(p_yes))
        return pick(OPEN["no"]).format(what=what, q=_pct(p_yes))
    if task.kind == "multilabel":
        names = [task.label(lab).name for lab in r.labels]
        if names:
            return pick(OPEN["multilabel"]).format(labels=_join(names))
        return pick(OPEN["multilabel_none"]).format(labels=_join([lab.name for lab in task.labels]))
    ranked = sorted(r.probabilities.items(), key=lambda kv: -kv[1])
    label = task.label(r.label).name if r.label else ranked[0][0]
    second = next((k for k, _ in ranked if k != r.label), None)
    runner = f", ahead of {task.label(second).name} ({_pct(r.probabilities[second])})" if second else ""
    return pick(OPEN["multiclass"]).format(label=label, Label=label[:1].upper() + label[1:],
                                           p=_pct(r.probabilities.get(r.label, 0.0)), runner=runner)


def _sentence_of(text: str, e: Evidence) -> str | None:
    """The sentence of ``text`` holding evidence ``e``, quoted, when it is short (CONTEXT_WORDS)
    and longer than the evidence itself; None otherwise, or when it may not be repeated."""
    start = max(text.rfind(c, 0, e.start) for c in ".!?\n") + 1
    ends = [i for i in (text.find(c, e.end) for c in ".!?\n") if i >= 0]
    sentence = " ".join(text[start:min(ends) + 1 if ends else len(text)].split())
    if len(sentence.split()) > CONTEXT_WORDS or len(sentence) > 2 * MAX_QUOTE_CHARS \
            or len(sentence.split()) <= len(e.text.split()) + 1 or unsafe_words(sentence):
        return None
    return f"“{sentence.rstrip('.!?')}”"


def _quotes(spans: Sequence[Evidence], limit: int = MAX_QUOTES) -> str:
    out = []
    for e in spans:
        q = _quote(e.text)
        if q and q not in out:
            out.append(q)
        if len(out) == limit:
            break
    return _join(out)


def _quote(span: str) -> str | None:
    """A span as a quote: whitespace collapsed, cut to a readable length; None when it names a
    method, means or place, or holds stigmatising words (such words are never repeated)."""
    clean = " ".join(span.split())
    if not clean or unsafe_words(clean):
        return None
    if len(clean) > MAX_QUOTE_CHARS:
        clean = clean[:MAX_QUOTE_CHARS].rsplit(" ", 1)[0] + "…"
    return f"“{clean}”"


def _negative(r: TaskResult, task: TaskSpec) -> bool:
    """The decision is the task's absence label (binary "no")."""
    return task.kind == "binary" and r.label == "no"


def _names(symptoms: Sequence[Symptom]) -> str:
    names: list[str] = []
    for s in symptoms:
        if s.name not in names:
            names.append(s.name)
    return _join(names[:3])


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _pct(p: float) -> str:
    return f"{p:.2f}"


def _picker(text: str, task_id: str):
    seed = zlib.crc32(f"{task_id}\x00{text}".encode("utf-8", "surrogatepass"))

    def pick(options: Sequence[str]) -> str:
        return options[seed % len(options)]

    return pick
