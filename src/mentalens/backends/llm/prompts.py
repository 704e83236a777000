"""Prompts for the llm backend, rendered from the TaskSpecs and from nowhere else.

Two prompt families, one for each seed system:

- IMHI style (MentaLLaMA): the post, the task's question, the answer options with their
  one-line descriptions; the answer is the label's canonical phrasing, then
  ``Reasoning:`` and an explanation.
- Menta style: the same question with the options named only; the answer is the label.

Single-label tasks ask once. Multi-label tasks ask one yes/no question per label
(IMHI scores MultiWD and Irf the same way), so every question has a closed answer set.

A label's canonical phrasing is the first of its ``phrasings`` (its name when there are
none). Scoring, grammars, training targets and parsing all use it, so the four agree.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...tasks import TaskSpec

STYLES = ("imhi", "menta")
# Posts longer than this are cut (at a word boundary) before prompting; the cut is marked.
MAX_POST_CHARS = 2000
REASONING = "Reasoning:"
YES_NO = ("no", "yes")


@dataclass(frozen=True)
class Question:
    """One closed question about one post: its instruction and its answer options."""

    task: str
    label: str | None        # multi-label tasks: the label this yes/no question is about
    instruction: str         # the user turn
    options: tuple[str, ...]  # canonical answer phrasings, in the order of the probabilities


def canonical(spec: TaskSpec, label_id: str) -> str:
    lab = spec.label(label_id)
    return lab.phrasings[0] if lab.phrasings else lab.name


def answers(spec: TaskSpec) -> tuple[str, ...]:
    """The canonical answers of a single-label task, in label order."""
    return tuple(canonical(spec, lid) for lid in spec.label_ids)


def clip_post(text: str, limit: int = MAX_POST_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit] + " [...]"


def questions(spec: TaskSpec, text: str, style: str = "imhi") -> list[Question]:
    """The questions that score ``spec`` for one post: one, or one per label (multi-label)."""
    if style not in STYLES:
        from ...errors import UsageError

        raise UsageError(f"unknown prompt style {style!r}", hint=f"use one of: {', '.join(STYLES)}")
    post = clip_post(text)
    if spec.multilabel:
        out = []
        for lab in spec.labels:
            ask = (f"{spec.question} Consider one of them only: {lab.name}"
                   + (f" ({_lower_first(lab.description.rstrip('.'))})" if style == "imhi" else "")
                   + ". Does the post show it? Answer yes or no.")
            out.append(Question(spec.id, lab.id, _instruction(post, ask, style), YES_NO))
        return out
    opts = answers(spec)
    if style == "imhi":
        listed = "; ".join(f"{canonical(spec, lab.id)} ({_lower_first(lab.description.rstrip('.'))})"
                           for lab in spec.labels)
        ask = f"{spec.question} Answer with one of: {listed}. Then give the reasoning."
    else:
        ask = f"{spec.question} Answer with one of: {', '.join(opts)}."
    return [Question(spec.id, None, _instruction(post, ask, style), opts)]


def target(answer: str, explanation: str | None = None) -> str:
    """The assistant's answer: the canonical phrasing, and the reasoning when there is one."""
    head = f"{answer}."
    return f"{head} {REASONING} {explanation.strip()}" if explanation and explanation.strip() else head


def explanation_request(question: Question, answer: str, evidence: list[str]) -> str:
    """The user turn asking for reasoning of a decided answer, grounded in evidence quotes."""
    quoted = "; ".join(f'"{q}"' for q in evidence) if evidence else "none found"
    return (f"{question.instruction}\nThe answer is: {answer}.\n"
            f"Phrases of the post that weigh most in this answer: {quoted}.\n"
            "Explain the answer in two or three sentences. Quote the post only word for word, "
            "and do not add facts the post does not state.")


def _instruction(post: str, ask: str, style: str) -> str:
    if style == "menta":
        return f"Post: {post}\nQuestion: {ask}"
    return f'Consider this post: "{post}"\nQuestion: {ask}'


def _lower_first(s: str) -> str:
    return s[:1].lower() + s[1:] if s[:2] != s[:2].upper() else s
