"""Chinese rationales: the same rationale as explain/rationale.py (opening, context, evidence,
symptoms, what does not count, what speaks against), worded in Chinese.

Used for tasks whose spec is Chinese only and for Chinese posts (rationale.py decides). Quotes
are spans of the post in “”, probabilities as in English (0.83), symptom names from the Chinese
lexicon, label names from the task specs' Chinese phrasings or ``lexicon/labels.zh.yaml``.
Quotes naming a method, means or place, or holding stigmatising words, are left out
(``safety.zh.yaml`` beside ``safety.en.yaml``).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

import yaml

from ..chinese import HAN
from ..schema import Evidence, Symptom, TaskResult
from ..tasks import TaskSpec
from .scope import LEXICON_DIR

LABELS_FILE = LEXICON_DIR / "labels.zh.yaml"
MAX_QUOTE_CHARS = 40
CONTEXT_CHARS = 60          # the sentence holding the strongest evidence is quoted when this short

OPEN = {
    "yes": ["帖子显示出{what}的迹象（概率 {p}）。", "可以看到{what}的迹象（概率 {p}）。",
            "这条帖子读起来属于{what}（概率 {p}）。"],
    "no": ["没有明显的{what}迹象（其概率为 {q}）。", "帖子没有显示出{what}的迹象（概率 {q}）。",
           "这里几乎看不到{what}的迹象（概率 {q}）。"],
    "multiclass": ["最可能的是{label}（概率 {p}）{runner}。", "帖子指向{label}（概率 {p}）{runner}。",
                   "最吻合的是{label}（概率 {p}）{runner}。"],
    "multilabel": ["存在：{labels}。", "帖子涉及{labels}。", "发现了{labels}。"],
    "multilabel_none": ["以下各项都不明显：{labels}。", "没有明显迹象显示存在以下任何一项：{labels}。"],
}
RUNNER = "，其次是{label}（{p}）"
CONTEXT = ["帖子写道：{sentence}。", "帖子中说：{sentence}。", "原文是：{sentence}。"]
EVIDENCE = ["权重最大的词语是{quotes}。", "最能说明问题的是{quotes}。", "判断主要依据{quotes}。"]
AGAINST = ["指向相反方向的是{quotes}。", "与此相反的是{quotes}。"]
SYMPTOMS = ["这些表现对应{names}。", "用临床术语来说，这是{names}。", "这与{names}相符。"]
NOT_OWN = {
    "negated": "{quote}是否定的说法",
    "past": "{quote}说的是过去",
    "hypothetical": "{quote}是假设的情况",
    "other_person": "{quote}说的是别人",
}
NOT_OWN_TAIL = ["因此不算作发帖人自己当下的体验。", "所以不计为发帖人本人当下的情况。"]
_SENTENCE_END = "。！？!?\n…；;"
_EDGE = " ，,。.！!？?；;：:、…~～"
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f']+")


def looks_chinese(text: str) -> bool:
    """Whether ``text`` is mostly Chinese: its Han characters (about 1.5 a word) at least match
    its Latin-script words (a code-mixed post with more Chinese than English counts)."""
    sample = text[:10_000]
    han = len(HAN.findall(sample))
    return han > 0 and han / 1.5 >= len(_LATIN_WORD.findall(sample))


@lru_cache(maxsize=1)
def _names() -> dict[str, dict]:
    return yaml.safe_load(LABELS_FILE.read_text(encoding="utf-8"))["tasks"]


def label_name(task: TaskSpec, label_id: str) -> str:
    """A label's Chinese name: labels.zh.yaml, else its first Chinese phrasing, else a name built
    with the task's ``format`` (or, for a binary task, its ``what``), else its (English) name."""
    entry = _names().get(task.id, {})
    if label_id in entry.get("labels", {}):
        return entry["labels"][label_id]
    lab = task.label(label_id)
    for p in lab.phrasings:
        if HAN.search(p):
            return p
    if "format" in entry:
        return entry["format"].format(name=lab.name)
    if task.kind == "binary" and entry.get("what"):      # 抑郁的迹象 / 没有抑郁的迹象
        return f"{entry['what']}的迹象" if label_id == task.labels[1].id else f"没有{entry['what']}的迹象"
    return lab.name


def what(task: TaskSpec) -> str:
    """What a binary task's positive label is a sign of (抑郁, 高自杀风险)."""
    entry = _names().get(task.id, {})
    return entry.get("what") or label_name(task, task.labels[1].id)


def rationale_zh(r: TaskResult, task: TaskSpec, text: str, supports=None,
                 pick: Callable[[Sequence[str]], str] | None = None) -> str | None:
    """The Chinese rationale of one task result for ``text`` (see rationale.rationale)."""
    from .rationale import _negative, _pct, _picker, unsafe_words

    if r.status != "ok" or not r.probabilities:
        return None
    pick = pick or _picker(text, task.id)
    parts = [_opening(r, task, pick, _pct)]
    pro = [e for e in r.evidence if e.weight > 0]
    con = [e for e in r.evidence if e.weight < 0]
    sentence = _sentence_of(text, pro[0], unsafe_words) if pro else None
    if sentence:
        parts.append(pick(CONTEXT).format(sentence=sentence))
    quotes = _quotes(pro, unsafe_words)
    if quotes:
        parts.append(pick(EVIDENCE).format(quotes=quotes))
    backing = [s for s in r.symptoms if s.status == "present"
               and (supports is None or set(supports(s.id).get(task.id, ())) & set(r.labels))]
    present = _symptom_names(backing) if r.labels and not _negative(r, task) else ""
    if present:
        parts.append(pick(SYMPTOMS).format(names=present))
    others = [s for s in r.symptoms if s.status != "present"]
    if others:
        s = others[0]
        quote = _quote(s.text, unsafe_words)
        if quote:
            parts.append(NOT_OWN[s.status].format(quote=quote) + "，" + pick(NOT_OWN_TAIL))
    against = _quotes(con, unsafe_words, limit=1)
    if against and r.kind != "multilabel":
        parts.append(pick(AGAINST).format(quotes=against))
    return "".join(parts)


def _opening(r: TaskResult, task: TaskSpec, pick, pct) -> str:
    if task.kind == "binary":
        p_yes = r.probabilities.get("yes", 0.0)
        if r.label == "yes":
            return pick(OPEN["yes"]).format(what=what(task), p=pct(p_yes))
        return pick(OPEN["no"]).format(what=what(task), q=pct(p_yes))
    if task.kind == "multilabel":
        if r.labels:
            return pick(OPEN["multilabel"]).format(labels=join([label_name(task, lab) for lab in r.labels]))
        return pick(OPEN["multilabel_none"]).format(labels=join([label_name(task, lab.id) for lab in task.labels]))
    ranked = sorted(r.probabilities.items(), key=lambda kv: -kv[1])
    top = r.label or ranked[0][0]
    second = next((k for k, _ in ranked if k != top), None)
    runner = RUNNER.format(label=label_name(task, second), p=pct(r.probabilities[second])) if second else ""
    return pick(OPEN["multiclass"]).format(label=label_name(task, top), p=pct(r.probabilities.get(top, 0.0)),
                                           runner=runner)


def _sentence_of(text: str, e: Evidence, unsafe) -> str | None:
    """The sentence holding ``e``, quoted, when it is short (CONTEXT_CHARS) and longer than the
    evidence itself; None otherwise, or when it may not be repeated."""
    start = max(text.rfind(c, 0, e.start) for c in _SENTENCE_END) + 1
    ends = [i for i in (text.find(c, e.end) for c in _SENTENCE_END) if i >= 0]
    sentence = " ".join(text[start:min(ends) if ends else len(text)].split())
    if len(sentence) > CONTEXT_CHARS or len(sentence) <= len(" ".join(e.text.split())) + 2 or unsafe(sentence):
        return None
    return f"“{sentence.rstrip('。！？!?…，,；;')}”"


def _quotes(spans: Sequence[Evidence], unsafe, limit: int = 2) -> str:
    out: list[str] = []
    for e in spans:
        q = _quote(e.text, unsafe)
        if q and q not in out:
            out.append(q)
        if len(out) == limit:
            break
    return join(out)


def _quote(span: str, unsafe) -> str | None:
    """A span as a quote in “”, cut to a readable length; None when it may not be repeated."""
    clean = " ".join(span.split()).strip(_EDGE)
    if not any(c.isalnum() for c in clean) or unsafe(clean):
        return None                                    # only punctuation, or not to be repeated
    if len(clean) > MAX_QUOTE_CHARS:
        clean = clean[:MAX_QUOTE_CHARS] + "…"
    return f"“{clean}”"


def _symptom_names(symptoms: Sequence[Symptom]) -> str:
    from .symptoms import symptom_info

    names: list[str] = []
    for s in symptoms:
        try:
            name = symptom_info(s.id, language="zh").name
        except Exception:  # noqa: BLE001 - a symptom a third-party backend defines: its own name
            name = s.name
        if name not in names:
            names.append(name)
    return join(names[:3])


def join(items: Sequence[str]) -> str:
    """A、B和C."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return "、".join(items[:-1]) + "和" + items[-1]
