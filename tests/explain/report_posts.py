"""Hand-built Results for the HTML report tests, and a small reader of the report's DOM.

The posts were written for these tests. Results are built directly (no model), so the
evidence, overlaps, symptoms and triage are exactly what each test needs.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from mentalens.schema import Evidence, ModelInfo, Result, Symptom, TaskResult, Triage
from mentalens.triage.resources import resources_for

MODEL = ModelInfo(name="hand-made", version="0", backend="test")


def span(text: str, quote: str, weight: float, label: str = "yes", nth: int = 0) -> Evidence:
    """Evidence quoting the ``nth`` occurrence of ``quote`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    return Evidence(start=start, end=start + len(quote), text=quote, weight=weight, label=label)


def symptom(text: str, quote: str, sid: str, name: str, status: str) -> Symptom:
    start = text.index(quote)
    return Symptom(id=sid, name=name, start=start, end=start + len(quote), text=quote, status=status)


def task(name: str, evidence=(), *, label="yes", kind="binary", symptoms=(), rationale=None,
         status="ok") -> TaskResult:
    probs = ({label: 0.8} if kind == "multilabel" else {"no": 0.2, "yes": 0.8} if label == "yes"
             else {"no": 0.9, "yes": 0.1})
    single = status == "ok" and kind != "multilabel"
    return TaskResult(task=name, task_version=1, kind=kind, status=status, label=label if single else None,
                      labels=[label] if status == "ok" else [], probabilities=probs if status == "ok" else {},
                      evidence=list(evidence), symptoms=list(symptoms), rationale=rationale)


def result(text: str, tasks: dict[str, TaskResult], *, level="none", reasons=(), locale="en_US",
           language="en", rid=None, warnings=()) -> Result:
    res = resources_for(locale) if level in ("moderate", "high", "imminent") else None
    return Result(id=rid, language=language, chars=len(text), tasks=tasks,
                  triage=Triage(level=level, reasons=list(reasons), resources=res), model=MODEL,
                  warnings=list(warnings))


# Three posts: overlapping evidence of two tasks (with an opposing span and a negated symptom),
# a Chinese post, and one with emoji (a skin-tone modifier and a zero-width joiner) and markup.
OVERLAP = "I'm not hopeless anymore, but lately I can't sleep and I feel like a burden to everyone."
CHINESE = "我最近每天都睡不着，觉得自己是家人的负担。"
EMOJI = "Exam week 😩📚 but my friends 🫶🏽 keep me going 👩‍💻 <b>not bold</b> & \"fine\""


def three_posts() -> tuple[list[str], list[Result]]:
    t = OVERLAP
    first = result(t, {
        "depression": task("depression", [
            span(t, "I can't sleep", 1.2), span(t, "feel like a burden", 0.8), span(t, "not hopeless anymore", -0.9)],
            symptoms=[symptom(t, "not hopeless anymore", "phq9.hopeless", "feeling down or hopeless (PHQ-9 item 2)",
                              "negated"),
                      symptom(t, "can't sleep", "phq9.sleep", "trouble sleeping (PHQ-9 item 3)", "present")],
            rationale="The post mentions trouble sleeping and feeling like a burden."),
        "interpersonal_risk": task("interpersonal_risk", [
            span(t, "I feel like a burden to everyone", 2.1, "perceived_burdensomeness")],
            label="perceived_burdensomeness", kind="multilabel"),
    }, level="high", reasons=["the post expresses feeling a burden to others"], rid="overlap")
    c = CHINESE
    second = result(c, {
        "depression": task("depression", [span(c, "睡不着", 1.1), span(c, "觉得自己是家人的负担", 1.5)]),
        "interpersonal_risk": task("interpersonal_risk", [span(c, "家人的负担", 1.9, "perceived_burdensomeness")],
                                   label="perceived_burdensomeness", kind="multilabel"),
    }, level="moderate", reasons=["the post expresses feeling a burden to others"], locale="zh_CN", language="zh",
        rid="chinese")
    e = EMOJI
    third = result(e, {
        "stress": task("stress", [span(e, "friends 🫶🏽 keep me going 👩‍💻", 0.9, "no"),
                                  span(e, "Exam week 😩📚", -1.3, "no")],
                       label="no"),
    }, rid="emoji")
    return [OVERLAP, CHINESE, EMOJI], [first, second, third]


# -- reading the report back --------------------------------------------------------------------

@dataclass
class Mark:
    ids: list[str]
    start: int
    end: int
    classes: list[str]
    title: str
    text: str = ""


@dataclass
class Dom:
    marks: list[Mark] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)
    post_langs: list[str | None] = field(default_factory=list)
    post_texts: list[str] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)
    attrs: list[tuple[str, str]] = field(default_factory=list)

    def span_texts(self) -> dict[str, str]:
        """Each evidence span's text: the pieces naming its id, joined in document order."""
        out: dict[str, str] = {}
        for m in self.marks:
            for i in m.ids:
                out[i] = out.get(i, "") + m.text
        return out


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.dom, self.mark, self.res_depth, self.text_depth, self.depth = Dom(), None, None, None, 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.dom.tags.add(tag)
        self.dom.attrs += [(k, v or "") for k, v in attrs]
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.dom.csp.append(a.get("content") or "")
        if tag in ("meta", "input", "br", "img", "link"):
            return
        self.depth += 1
        if tag == "mark" and "data-ev" in a:
            self.mark = Mark(a["data-ev"].split(), int(a["data-start"]), int(a["data-end"]),
                             (a.get("class") or "").split(), a.get("title") or "")
        if "data-level" in a:
            self.dom.levels.append(a["data-level"])
        if "data-resources" in a and self.res_depth is None:
            self.res_depth = self.depth
            self.dom.resources.append("")
        if "post-text" in (a.get("class") or "").split():
            self.text_depth = self.depth
            self.dom.post_langs.append(a.get("lang"))
            self.dom.post_texts.append("")

    def handle_endtag(self, tag):
        if tag in ("meta", "input", "br", "img", "link"):
            return
        if tag == "mark" and self.mark is not None:
            self.dom.marks.append(self.mark)
            self.mark = None
        if self.res_depth == self.depth:
            self.res_depth = None
        if self.text_depth == self.depth:
            self.text_depth = None
        self.depth -= 1

    def handle_data(self, data):
        if self.mark is not None:
            self.mark.text += data
        if self.res_depth is not None:
            self.dom.resources[-1] += data
        if self.text_depth is not None:
            self.dom.post_texts[-1] += data


def read(page: str) -> Dom:
    r = _Reader()
    r.feed(page)
    r.close()
    return r.dom
