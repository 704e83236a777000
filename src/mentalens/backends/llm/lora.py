"""Menta-style multi-task LoRA training: the weighted objective and the training rows.

Menta fine-tunes one small model on every task at once with a loss that (1) weighs each
class inversely to its frequency within its task, so the objective tracks balanced accuracy
rather than the majority class, and (2) gives every task the same share of the total loss,
so a task with 30k posts does not drown one with 500. ``class_task_weights`` computes those
weights; ``weighted_lm_loss`` applies them to the answer tokens only.

The rows are rendered exactly the way the llm backend asks at inference time: the IMHI-style
questions of prompts.py, wrapped in the model's own chat template (or the plain
``<question>\\nAnswer: <answer>`` form of Runtime.render / answer_prefix), tokenised the way
runtime_hf.HFRuntime tokenises (so the trained answer tokens are the tokens later scored).
A prompt too long for ``max_len`` loses words from the end of the post, never the answer; a
question whose answer alone does not fit is left out (and reported).
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ...data.example import Example
from ...errors import UsageError
from ...tasks import TaskSpec, get_task
from . import prompts

IGNORE = -100


def class_task_weights(items: Sequence[tuple[str, str]]) -> list[float]:
    """A weight for each (task, label_key) item.

    With N items in all, T tasks, n_t items of task t, K_t label keys present in task t and
    n_{t,c} items of key c::

        class weight  = n_t / (K_t * n_{t,c})      (each class of a task totals n_t / K_t)
        task weight   = N / (T * n_t)              (each task totals N / T)
        item weight   = class weight * task weight = N / (T * K_t * n_{t,c})

    So within a task every class carries the same total weight (a balanced-accuracy
    objective), every task carries the same total, and the weights average to 1.
    """
    items = list(items)
    if not items:
        return []
    per_key = Counter(items)
    per_task = Counter(t for t, _ in items)
    classes = Counter(t for t, _ in per_key)
    n, tasks = len(items), len(per_task)
    return [n / (tasks * classes[t] * per_key[(t, k)]) for t, k in items]


def weighted_lm_loss(logits, labels, weights):
    """sum_i w_i * l_i / sum_i w_i, where l_i is example i's mean token cross-entropy over its
    answer tokens (``labels`` is -100 elsewhere; position j predicts token j + 1).

    An example without answer tokens contributes nothing (its weight is dropped)."""
    import torch
    import torch.nn.functional as F

    logits = logits[:, :-1, :].float()
    target = labels[:, 1:].to(logits.device)
    tok = F.cross_entropy(logits.reshape(-1, logits.size(-1)), target.reshape(-1),
                          ignore_index=IGNORE, reduction="none").view(target.shape)
    mask = (target != IGNORE).to(tok.dtype)
    count = mask.sum(1)
    per_example = (tok * mask).sum(1) / count.clamp(min=1)
    w = torch.as_tensor(weights, dtype=tok.dtype, device=tok.device) * (count > 0).to(tok.dtype)
    return (w * per_example).sum() / w.sum().clamp(min=1e-12)


@dataclass(frozen=True)
class Row:
    """One tokenised question/answer: the prompt masked to -100 in ``labels``."""

    task: str
    label_key: str        # single-label: the label id; multi-label: "<label>=yes|no"
    input_ids: list[int]
    labels: list[int]
    truncated: bool = False


def label_key(spec: TaskSpec, label: str | None, value) -> str:
    return f"{label}={'yes' if value else 'no'}" if spec.multilabel else str(value)


def answer_pairs(spec: TaskSpec, ex: Example) -> list[tuple[int, str | None, str, str | None]]:
    """(question index, label, answer text, label key) for every question ``ex`` answers.

    Multi-label tasks answer yes/no only for the aspects the example annotates; the gold
    explanation goes with the answer when there is one (for a multi-label row only when it
    annotates a single aspect: IMHI's explanations are about that aspect)."""
    value = ex.labels[spec.id]
    if not spec.multilabel:
        if not isinstance(value, str):
            raise UsageError(f"example {ex.id}: task {spec.id} is single-label but its label is {value!r}")
        spec.label(value)
        return [(0, None, prompts.target(prompts.canonical(spec, value), ex.explanation), value)]
    if isinstance(value, str) or not isinstance(value, Mapping):
        raise UsageError(f"example {ex.id}: task {spec.id} is multi-label; its label must map labels to yes/no")
    explain = ex.explanation if len(value) == 1 else None
    out = []
    for i, lab in enumerate(spec.label_ids):
        if lab in value:
            yes = bool(value[lab])
            out.append((i, lab, prompts.target(prompts.YES_NO[yes], explain), label_key(spec, lab, yes)))
    return out


class RowBuilder:
    """Renders and tokenises rows for one tokenizer, the way runtime_hf.HFRuntime does."""

    def __init__(self, tokenizer, max_len: int) -> None:
        self.tok = tokenizer
        self.max_len = max_len
        self.template = getattr(tokenizer, "chat_template", None) or None
        self.specials = {"bos_token": tokenizer.bos_token or "", "eos_token": tokenizer.eos_token or ""}
        self.add_bos = not (self.template and "bos_token" in self.template)
        self.skipped: list[str] = []   # "<example id> (<task>)": an answer longer than max_len allows

    def encode(self, text: str, special: bool) -> list[int]:
        return list(self.tok(text, add_special_tokens=special, verbose=False)["input_ids"])

    def pair(self, user: str, answer: str) -> tuple[list[int], list[int]]:
        """(prompt ids, answer ids) for one question and its answer."""
        if self.template:
            from .chat import render_chat

            prompt = render_chat(self.template, user, **self.specials)
            full = render_chat(self.template, user, assistant=answer, **self.specials)
            cont = full[len(prompt):] if full.startswith(prompt) else answer + self.specials["eos_token"]
            eos: list[int] = []
        else:   # Runtime.render's plain form, answer_prefix " ", and the end of text
            prompt, cont = f"{user}\nAnswer:", f" {answer}"
            eos = [self.tok.eos_token_id] if self.tok.eos_token_id is not None else []
        p = self.encode(prompt, self.add_bos)
        f = self.encode(prompt + cont, self.add_bos)
        a = f[len(p):] if len(f) > len(p) and f[: len(p)] == p else self.encode(cont, False)
        return p, a + eos

    def rows(self, spec: TaskSpec, ex: Example) -> list[Row]:
        out = []
        for index, _lab, answer, key in answer_pairs(spec, ex):
            post = prompts.clip_post(ex.text)
            truncated = False
            for _ in range(12):
                user = prompts.questions(spec, post, "imhi")[index].instruction
                p, a = self.pair(user, answer)
                over = len(p) + len(a) - self.max_len
                if over <= 0:
                    break
                if len(a) >= self.max_len or post == "[...]":   # the answer itself does not fit
                    self.skipped.append(f"{ex.id} ({spec.id})")
                    break
                per_char = max(len(p), 1) / max(len(user), 1)
                keep = len(post) - math.ceil(over / per_char) - 8
                post = "[...]" if keep < 8 else prompts.clip_post(post, keep)
                truncated = True
            else:
                self.skipped.append(f"{ex.id} ({spec.id})")
            if over <= 0:
                out.append(Row(spec.id, key, p + a, [IGNORE] * len(p) + a, truncated))
        return out


def build_rows(tokenizer, examples_by_task: Mapping[str, Sequence[Example]],
               max_len: int) -> tuple[list[Row], list[str]]:
    """Every training row of every task (task order, then example order), and the questions
    left out because their answer (with its reasoning) does not fit ``max_len`` even without
    the post: answers are never cut."""
    builder = RowBuilder(tokenizer, max_len)
    rows: list[Row] = []
    for task, examples in examples_by_task.items():
        spec = get_task(task)
        for ex in examples:
            rows.extend(builder.rows(spec, ex))
    return rows, builder.skipped


def collate(rows: Sequence[Row], pad_id: int):
    """Right-padded tensors: input_ids, attention_mask, labels."""
    import torch

    width = max(len(r.input_ids) for r in rows)
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    labels = torch.full((len(rows), width), IGNORE, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, r in enumerate(rows):
        n = len(r.input_ids)
        ids[i, :n] = torch.tensor(r.input_ids)
        labels[i, :n] = torch.tensor(r.labels)
        mask[i, :n] = 1
    return ids, mask, labels
