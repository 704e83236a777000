"""A self-contained HTML report: each post with its evidence highlighted in place.

    from mentalens.explain.html import render_report
    Path("report.html").write_text(render_report(texts, results), encoding="utf-8")

One file, UTF-8, inline CSS, no script, and a Content-Security-Policy that lets the page load
nothing (it works offline and prints). Per post: the triage badge with its reasons and, when
present, crisis resources; the text with every task's evidence marked at its exact character
offsets; a table of the tasks (decision, probabilities, rationale, evidence, symptoms).

Overlapping spans (of one task or of several) are drawn by cutting the text at every span
boundary: each piece is one ``<mark class="hl ...">`` carrying the classes of every span
covering it, ``data-ev`` (the ids of those spans), ``data-start``/``data-end`` (its offsets
into the post, Python ``str`` indices) and a tooltip with each span's task, label and weight.
A span's text is the concatenation of the pieces naming its id. Everything from the post or
the Result is escaped; lone surrogates and control characters are shown as a replacement
character one for one, so every offset still holds.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from ..errors import UsageError
from ..schema import Evidence, Result, TaskResult, Triage
from .html_style import BASE_CSS, task_filter_css
from .rationale_zh import looks_chinese

CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
       "form-action 'none'")
NOTICE = ("Screening signals from software, not a diagnosis. mentalens made this report offline on this "
          "machine; it cannot contact anyone and is not a crisis or medical service. If you are worried "
          "about yourself or someone else, reach out to someone you trust, a local crisis line or "
          "emergency services.")
STATUS_WORDS = {"present": "present", "negated": "negated", "hypothetical": "hypothetical",
                "past": "in the past", "other_person": "someone else"}
HELP_LEVELS = ("moderate", "high", "imminent")
QUOTE_CHARS = 240
_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _clean(text: str) -> str:
    """Characters HTML cannot carry (C0/C1 controls, lone surrogates), replaced one for one."""
    if not _BAD.search(text):
        return text
    return _BAD.sub(lambda m: chr(0x2400 + ord(m.group())) if ord(m.group()) < 0x20
                    else "\u2421" if m.group() == "\x7f" else "\ufffd", text)


def esc(value: object) -> str:
    return escape(_clean(str(value)), quote=True)


def _weight(w: float) -> str:
    return f"{w:+.2f}".replace("-", "\u2212")


def render_report(texts: Sequence[str], results: Sequence[Result], *, title: str = "mentalens report") -> str:
    """The whole report as one HTML document (a str; write it as UTF-8)."""
    texts, results = list(texts), list(results)
    if len(texts) != len(results):
        raise UsageError(f"got {len(texts)} texts for {len(results)} results",
                         hint="pass the texts that were analysed, one per Result, in the same order")
    order: dict[str, int] = {}
    for r in results:
        for t in r.tasks:
            order.setdefault(t, len(order))
    posts = "\n".join(_post(n, t, r, order) for n, (t, r) in enumerate(zip(texts, results)))
    empty = "" if results else "<p>No posts.</p>"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<style>{BASE_CSS}{task_filter_css(len(order))}</style>
</head>
<body>
<header>
<h1>{esc(title)}</h1>
<p class="notice" role="note" data-notice>{esc(NOTICE)}</p>
<p class="legend">In each post, <mark class="hl sup">solid underline</mark> marks words that support the
decided label and <mark class="hl opp">dashed underline</mark> words that speak against it;
<mark class="hl mix">double underline</mark> where both meet. Hover a marked passage for its task and weight.
{len(results)} post{"s" * (len(results) != 1)}.</p>
</header>
<main>
{posts}{empty}
</main>
<footer><p>{esc(NOTICE)}</p></footer>
</body>
</html>
"""


# -- one post ---------------------------------------------------------------------------------

def _post(n: int, text: str, r: Result, order: dict[str, int]) -> str:
    pid = f"p{n}"
    spans = _spans(text, r, order, pid)
    lang = r.language if _LANG.match(r.language or "") and r.language != "unknown" else ""
    if not lang and looks_chinese(text):             # "mixed" or "unknown", mostly Chinese
        lang = "zh"
    lang_attr = f' lang="{esc(lang)}"' if lang else ""
    name = f"Post {r.id}" if r.id is not None else f"Post {n + 1}"
    model = f"{r.model.name} {r.model.version} ({r.model.backend})"
    parts = [f'<section class="post" id="{pid}" data-post="{n}">',
             '<div class="post-head">',
             f"<h2>{esc(name)}</h2>", _badge(r.triage),
             f'<span class="meta">{len(text):,} characters \u00b7 language {esc(r.language)} \u00b7 '
             f"model {esc(model)}</span>", "</div>", _triage(r.triage)]
    parts += [f'<p class="warn">Note: {esc(w)}</p>' for w in r.warnings]
    parts.append(f'<div class="view">{_picker(pid, spans, order)}'
                 f'<div class="post-text"{lang_attr}>'
                 f"{_highlighted(text, spans)}</div></div>")
    parts.append(_task_table(r, spans, pid))
    parts.append("</section>")
    return "\n".join(parts)


def _badge(t: Triage) -> str:
    return (f'<span class="badge lvl-{esc(t.level)}" data-level="{esc(t.level)}">'
            f"triage: {esc(t.level.upper())}</span>")


def _triage(t: Triage) -> str:
    out = []
    if t.reasons:
        out.append('<ul class="reasons">' + "".join(f"<li>{esc(x)}</li>" for x in t.reasons) + "</ul>")
    res = t.resources
    if res is not None:
        lines = "".join(
            f"<li><strong>{esc(c.name)}</strong>: {esc(c.contact)}"
            + "".join(f" ({esc(x)})" for x in (c.hours, c.note) if x) + "</li>" for c in res.crisis_lines)
        where = esc(res.region) if res.region else "no local list on file for this locale"
        out.append(f'<div class="resources" role="note" data-resources><p><strong>Where to get help</strong> '
                   f"({where}; checked {esc(res.checked)}):</p>"
                   + (f"<ul>{lines}</ul>" if lines else "")
                   + (f"<p>Emergency: <strong>{esc(res.emergency)}</strong></p>" if res.emergency else "")
                   + f"<p>{esc(res.message)}</p></div>")
    elif t.level in HELP_LEVELS:
        out.append('<div class="resources" role="note" data-resources><p><strong>Where to get help:</strong> '
                   "contact your local emergency services and a local crisis line now, or someone you trust. "
                   "Help works, and feelings like these can change.</p></div>")
    return "\n".join(out)


# -- highlights -------------------------------------------------------------------------------

class _Span:
    __slots__ = ("id", "task", "col", "ev", "side")

    def __init__(self, sid: str, task: str, col: int, ev: Evidence) -> None:
        self.id, self.task, self.col, self.ev = sid, task, col, ev
        self.side = "sup" if ev.weight >= 0 else "opp"

    def tip(self) -> str:
        verb = "supports" if self.side == "sup" else "speaks against"
        return f"{self.task} \u2192 {self.ev.label}: {verb} (weight {_weight(self.ev.weight)})"


def _spans(text: str, r: Result, order: dict[str, int], pid: str) -> list[_Span]:
    """Every evidence span that quotes the text exactly (anything else is not drawn)."""
    out, n = [], len(text)
    for t, tr in r.tasks.items():
        for e in tr.evidence:
            if 0 <= e.start < e.end <= n and text[e.start:e.end] == e.text:
                out.append(_Span(f"{pid}-e{len(out)}", t, order[t], e))
    return out


def _highlighted(text: str, spans: list[_Span]) -> str:
    """The text cut at every span boundary; each covered piece marked with all spans covering it."""
    if not spans:
        return esc(text)
    cuts = sorted({0, len(text), *(s.ev.start for s in spans), *(s.ev.end for s in spans)})
    starts: dict[int, list[_Span]] = {}
    for s in spans:
        starts.setdefault(s.ev.start, []).append(s)
    active: dict[str, _Span] = {}
    out = []
    for a, b in zip(cuts, cuts[1:]):
        for s in starts.get(a, ()):
            active[s.id] = s
        for sid in [k for k, s in active.items() if s.ev.end <= a]:
            del active[sid]
        piece = esc(text[a:b])
        if not active:
            out.append(piece)
            continue
        cover = list(active.values())
        sides = {s.side for s in cover}
        kind = sides.pop() if len(sides) == 1 else "mix"
        cls = " ".join(dict.fromkeys(f"t{s.col}-{s.side}" for s in cover)) + (" multi" if len(cover) > 1 else "")
        tip = "\n".join(s.tip() for s in cover)
        out.append(f'<mark class="hl {kind} {cls}" data-ev="{" ".join(s.id for s in cover)}" '
                   f'data-start="{a}" data-end="{b}" title="{esc(tip)}">{piece}</mark>')
    return "".join(out)


def _picker(pid: str, spans: list[_Span], order: dict[str, int]) -> str:
    """Radio buttons (no script): all tasks' evidence, or one task's."""
    cols = sorted({s.col for s in spans})
    if len(cols) < 2:
        return ""
    names = {c: t for t, c in order.items()}
    radios = [f'<input type="radio" class="pick-all" name="pick-{pid}" id="{pid}-all" checked>'
              f'<label for="{pid}-all">all tasks</label>']
    radios += [f'<input type="radio" class="pick-t{c}" name="pick-{pid}" id="{pid}-t{c}">'
               f'<label for="{pid}-t{c}">{esc(names[c])}</label>' for c in cols]
    return f'<span class="picker">Show evidence for:</span>{"".join(radios)}'


# -- the task table ---------------------------------------------------------------------------

def _task_table(r: Result, spans: list[_Span], pid: str) -> str:
    if not r.tasks:
        return '<p class="meta">No task results for this post.</p>'
    by_task: dict[str, list[_Span]] = {}
    for s in spans:
        by_task.setdefault(s.task, []).append(s)
    rows = "\n".join(_task_row(t, tr, by_task.get(t, [])) for t, tr in r.tasks.items())
    return (f'<table class="tasks" data-tasks="{pid}"><thead><tr><th>task</th><th>decision</th>'
            "<th>probability</th><th>why</th><th>evidence</th><th>symptoms mentioned</th></tr></thead>"
            f"<tbody>\n{rows}\n</tbody></table>")


def _task_row(t: str, tr: TaskResult, spans: list[_Span]) -> str:
    title = _title(t)
    head = f"<td><strong>{esc(t)}</strong>" + (f'<br><span class="meta">{esc(title)}</span>' if title else "") + "</td>"
    if tr.status != "ok":
        return (f'<tr data-task="{esc(t)}">{head}<td class="invalid">INVALID</td><td></td>'
                "<td>The model gave no readable output for this task; this is not a \u201cno\u201d.</td>"
                "<td></td><td></td></tr>")
    labs = tr.labels
    decision = ", ".join(labs) if labs else ("none detected" if tr.kind == "multilabel" else "")
    probs = "<br>".join(f"{esc(lab)}: {p:.2f}" for lab, p in
                        sorted(tr.probabilities.items(), key=lambda kv: -kv[1])[:6])
    why = esc(tr.rationale) if tr.rationale else ""
    return (f'<tr data-task="{esc(t)}">{head}<td><strong>{esc(decision)}</strong></td><td>{probs}</td>'
            f"<td>{why}</td><td>{_evidence_list(spans)}</td><td>{_symptom_list(tr)}</td></tr>")


def _evidence_list(spans: list[_Span]) -> str:
    if not spans:
        return ""
    items = []
    for s in sorted(spans, key=lambda s: (s.side != "sup", -abs(s.ev.weight))):
        quote = s.ev.text if len(s.ev.text) <= QUOTE_CHARS else s.ev.text[:QUOTE_CHARS - 1] + "\u2026"
        sign = "for" if s.side == "sup" else "against"
        items.append(f'<li data-ev-id="{s.id}" data-start="{s.ev.start}" data-end="{s.ev.end}">{sign} '
                     f'{esc(s.ev.label)}: <span class="q-{s.side}">\u201c{esc(quote)}\u201d</span> '
                     f"({_weight(s.ev.weight)})</li>")
    return f"<ul>{''.join(items)}</ul>"


def _symptom_list(tr: TaskResult) -> str:
    if not tr.symptoms:
        return ""
    items = [f'<li data-symptom="{esc(s.id)}">{esc(s.name)}: \u201c{esc(s.text)}\u201d '
             f'<span class="st st-{esc(s.status)}">{esc(STATUS_WORDS.get(s.status, s.status))}</span></li>'
             for s in tr.symptoms]
    return f"<ul>{''.join(items)}</ul>"


def _title(task: str) -> str:
    from ..tasks import get_task

    try:
        return get_task(task).title
    except Exception:  # a task a third-party backend defines: no title to show
        return ""
