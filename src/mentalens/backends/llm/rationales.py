"""Generated rationales, grounded in evidence and checked afterwards.

The model is told the decided answer and the evidence spans (the phrases that weigh most,
from the built-in model) and asked for a short explanation. Two checks follow, and what fails
is said in the Result's warnings (the rationale is kept, flagged, never silently trusted):

- **quotes**: every quoted passage in the rationale must occur in the post (case and spacing
  aside);
- **agreement**: the rationale, scored by the same model as if it were the post, must lead to
  the same answer; a rationale that argues for another label is flagged as contradicting it.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from ...tasks import get_task
from .prompts import canonical, explanation_request, questions

MAX_TOKENS = 96
_QUOTE = re.compile(r'"([^"]{3,})"|“([^”]{3,})”')


def _norm(s: str) -> str:
    return " ".join(s.lower().split()).strip(" .,!?;:")


def invented_quotes(rationale: str, post: str) -> list[str]:
    """Quoted passages of ``rationale`` that are not in ``post``."""
    body = _norm(post)
    quotes = [a or b for a, b in _QUOTE.findall(rationale)]
    return [q for q in quotes if _norm(q) and _norm(q) not in body]


def contradicts(backend, task: str, rationale: str, labels: list[str]) -> bool:
    """Whether the rationale, read as a post by the same model, leads to other labels."""
    if not rationale.strip():
        return False
    probs = backend.predict_proba([rationale], [task])[task]
    if not (probs == probs).all():
        return False
    return sorted(backend.decide(task, probs)[0]) != sorted(labels)


def answer_text(task: str, labels: list[str]) -> str:
    spec = get_task(task)
    if spec.multilabel:
        return ", ".join(spec.label(lab).name for lab in labels) if labels else "none of them"
    return canonical(spec, labels[0])


def add_rationales(backend, results, texts: Sequence[str]) -> None:
    runtime = backend.runtime
    for result, text in zip(results, texts):
        for task, tr in result.tasks.items():
            if tr.status != "ok":
                continue
            spec = get_task(task)
            q = questions(spec, text, backend.style)[0]
            if spec.multilabel:
                q = type(q)(task, None, q.instruction.split("\nQuestion:")[0] + f"\nQuestion: {spec.question}", ())
            prompt = runtime.render(explanation_request(q, answer_text(task, tr.labels), [e.text for e in tr.evidence]))
            gen = runtime.generate(prompt, None, max_tokens=MAX_TOKENS)
            rationale = " ".join(gen.text.split())
            if not rationale:
                result.warnings.append(f"task {task}: the model generated no rationale")
                continue
            tr.rationale = rationale
            bad = invented_quotes(rationale, text)
            if bad:
                result.warnings.append(f"task {task}: the rationale quotes words that are not in the post: "
                                       + "; ".join(f'"{b}"' for b in bad[:3]))
            if contradicts(backend, task, rationale, list(tr.labels)):
                result.warnings.append(f"task {task}: the rationale argues for a different answer than "
                                       f"'{answer_text(task, tr.labels)}'; do not rely on it")
