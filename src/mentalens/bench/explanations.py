"""``bench imhi --explanations``: how faithful a backend's explanations are, and how they agree
with human ones, per test set; written under the results' "explanations" key.

Per test set (metric definitions: explain/faithfulness.py and explain/agreement.py):

- **which decision is explained**: the benchmark's decided label (its label subset applied, as
  in scoring.py), with p its probability in the distribution the benchmark decides on. Pooled
  yes/no sets (IMHI MultiWD, Irf): the row's aspect — decided "present": the spans for it,
  p = p(aspect); decided "absent": the spans against it, p = 1 - p(aspect). INVALID rows are
  left out (counted).
- **faithfulness**: comprehensiveness and sufficiency of the top-k evidence and of random spans
  of the same size, and the ratio comprehensiveness(evidence) / comprehensiveness(random) (ratio
  of the means), over the decisions that have evidence; pooled sets also split by decision.
- **agreement with the gold explanation** (IMHI's, SOS-4K's rationales; rows that have one): ROUGE-L F1 and embedding
  similarity (and BARTScore with a local BART) of the Result's rationale (the pipeline's,
  "not available" when it gives none), of the evidence spans joined, and of the post's first
  sentence (the baseline); with the paired difference to the baseline.
- **Irf's human spans** (the ``irf`` test split): token F1 of the evidence for each construct
  (asked for whether or not the model decides it; "as shown": only when it does) against the
  annotators' span, beside the first sentence.

Intervals: percentile bootstrap over rows (resamples and seed of the suite). Units:
probabilities, ROUGE-L, similarity and F1 x100; the ratio plain; BARTScore in nats per token.
Per-row records ("rows": one list per column, aligned) hold ids, labels, offsets and numbers,
never text.
"""
from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..explain import agreement as A
from ..explain.faithfulness import Decision, erasure, evidence_spans, keep_spans
from . import metrics as M
from .scoring import restrict

IRF_TASK = "interpersonal_risk"


@dataclass(frozen=True)
class ExplainOptions:
    top_k: int = 3
    draws: int = 3            # random span sets per decision
    bart: str | None = None   # a local BART directory for BARTScore

    def __post_init__(self) -> None:
        from ..errors import UsageError

        for name in ("top_k", "draws"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise UsageError(f"{name} must be a whole number >= 1, not {value!r}", hint="e.g. 3")


def _r(x: float, scale: float = 100.0) -> float | None:
    return None if not np.isfinite(x) else round(scale * x, 4)


def _ci(values: np.ndarray, stat: Callable, scale: float, seed: int, n_resamples: int) -> dict[str, Any]:
    v, lo, hi = M.bootstrap_values(values, stat, n_resamples=n_resamples, seed=seed)
    out = {"value": _r(v, scale), "ci_low": _r(lo, scale), "ci_high": _r(hi, scale)}
    if np.isinf(v) or np.isinf(hi):
        out["unbounded"] = True        # the value or the upper bound is +inf (JSON has no infinity)
    return out


def _ratio_stat(sums: np.ndarray, n: int) -> np.ndarray:
    """mean(a) / mean(b); +inf where b <= 0 < a (random spans do nothing or the opposite), NaN if both <= 0."""
    a, b = sums[..., 0], sums[..., 1]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(b > 0, a / b, np.where(a > 0, np.inf, np.nan))


def _mean(x: np.ndarray, seed: int, n: int, scale: float = 100.0) -> dict[str, Any]:
    return _ci(np.asarray(x, float)[:, None], lambda s, k: s[..., 0] / k, scale, seed, n)


def _ratio(a: np.ndarray, b: np.ndarray, seed: int, n: int) -> dict[str, Any]:
    return _ci(np.stack([a, b], axis=1), _ratio_stat, 1.0, seed, n)


def faithfulness_summary(er, mask: np.ndarray, seed: int, n_resamples: int) -> dict[str, Any]:
    comp, rcomp = er.comprehensiveness[mask], er.random_comprehensiveness[mask]
    return {
        "n": int(mask.sum()),
        "mean_evidence_words": _r(float(er.words[mask].mean()) if mask.any() else float("nan"), 1.0),
        "comprehensiveness": _mean(comp, seed, n_resamples),
        "random_comprehensiveness": _mean(rcomp, seed, n_resamples),
        "comprehensiveness_ratio": _ratio(comp, rcomp, seed, n_resamples),
        "sufficiency": _mean(er.sufficiency[mask], seed, n_resamples),
        "random_sufficiency": _mean(er.random_sufficiency[mask], seed, n_resamples),
    }


def _decisions(ts, examples, preds) -> tuple[list[Decision], list[str | None], int]:
    decisions, gold, invalid = [], [], 0
    task = ts.task.id
    for i, e in enumerate(examples):
        if preds.invalid[i]:
            invalid += 1
            continue
        if ts.benchmark.pooled_yes_no:
            aspects = dict(e.labels[task])
            for aspect in aspects:
                key = e.id if len(aspects) == 1 else f"{e.id}#{aspect}"
                decisions.append(Decision(e.text, aspect, against=aspect not in preds.decided[i], key=key))
                gold.append(e.explanation)
        else:
            decisions.append(Decision(e.text, preds.decided[i][0], key=e.id))
            gold.append(e.explanation)
    return decisions, gold, invalid


def _rationales(backend, task: str, texts: list[str], top_k: int) -> list[str | None]:
    from ..pipeline import analyze_batch

    unique = list(dict.fromkeys(texts))
    wants = "explain" in inspect.signature(analyze_batch).parameters      # rationales are asked for by name
    results = analyze_batch(backend, unique, [task], top_k=top_k, **({"explain": True} if wants else {}))
    found = {t: (r.tasks[task].rationale if task in r.tasks else None) for t, r in zip(unique, results)}
    return [found[t] for t in texts]


def explain_set(backend, ts, examples, preds, opts: ExplainOptions, *, seed: int, n_resamples: int,
                bart=None) -> dict[str, Any]:
    """Faithfulness and agreement of one test set (the scored examples and their predictions)."""
    task, bench = ts.task, ts.benchmark
    if not backend.capabilities.evidence_spans:
        return {"skipped": f"backend {backend.name!r} gives no evidence spans"}
    if task.multilabel and not bench.pooled_yes_no:
        return {"skipped": "multi-label sets are explained only when pooled as yes/no"}
    decisions, gold, invalid = _decisions(ts, examples, preds)

    def proba(texts: list[str]) -> np.ndarray:
        p = np.asarray(backend.predict_proba(texts, [task.id])[task.id], dtype=np.float64)
        return restrict(p, task.label_ids, bench.labels) if bench.labels else p

    spans = evidence_spans(backend, task.id, decisions, opts.top_k)
    er = erasure(proba, task.label_ids, decisions, spans, draws=opts.draws, seed=seed)
    faith = {"invalid_left_out": invalid, "decisions": len(decisions),
             **faithfulness_summary(er, er.has_evidence, seed, n_resamples)}
    if bench.pooled_yes_no:
        against = np.array([d.against for d in decisions], dtype=bool)
        faith["by_decision"] = {side: faithfulness_summary(er, er.has_evidence & (against == (side == "absent")),
                                                           seed, n_resamples) for side in ("present", "absent")}
    texts = [d.text for d in decisions]
    cands: dict[str, list[str | None] | None] = {
        "rationale": _rationales(backend, task.id, texts, opts.top_k),
        "evidence": [keep_spans(d.text, s) for d, s in zip(decisions, spans)],
        "first_sentence": [A.first_sentence(t) for t in texts],
    }
    if all(r is None for r in cands["rationale"]):
        cands["rationale"] = None
    agree, per_row = agreement(cands, gold, seed, n_resamples, bart)
    rows: dict[str, list] = {
        "id": [d.key for d in decisions], "label": [d.label for d in decisions],
        "spans": [spans_text(s) for s in spans], "words": er.words.tolist(),
        **{name: [_r(x, 1.0) for x in getattr(er, name)] for name in
           ("p", "comprehensiveness", "sufficiency", "random_comprehensiveness", "random_sufficiency")},
        **per_row}
    if bench.pooled_yes_no:
        rows["decision"] = ["absent" if d.against else "present" for d in decisions]
    return {"faithfulness": faith, "agreement": agree, "rows": rows}


def spans_text(spans) -> str:
    """Offsets as "start:end start:end" (one string per row keeps the results file small)."""
    return " ".join(f"{s}:{e}" for s, e in spans)


def agreement(cands: dict[str, list | None], gold: list[str | None], seed: int, n_resamples: int,
              bart=None) -> tuple[dict[str, Any], dict[str, list]]:
    """ROUGE-L, embedding similarity (and BARTScore) of each candidate against the gold explanation;
    and per-row columns "<metric>.<candidate>" (None for rows without a gold explanation)."""
    keep = [i for i, g in enumerate(gold) if g]
    refs = [gold[i] for i in keep]
    out: dict[str, Any] = {"n": len(keep), "without_gold": len(gold) - len(keep)}
    scores: dict[str, dict[str, np.ndarray]] = {}
    for name, texts in cands.items():
        if texts is None:
            out[name] = {"available": False, "reason": "the backend's Results carry no rationale"}
            continue
        picked = [texts[i] or "" for i in keep]
        scores[name] = {"rouge_l": np.array([A.rouge_l(c, r) for c, r in zip(picked, refs)]),
                        "embedding": A.embedding_similarity(picked, refs)}
        if bart is not None:
            scores[name]["bartscore"] = bart.score(picked, refs)
    base = scores.get("first_sentence")
    for name, by_metric in scores.items():
        entry: dict[str, Any] = {"available": True}
        for metric, vals in by_metric.items():
            scale = 1.0 if metric == "bartscore" else 100.0
            entry[metric] = _mean(vals, seed, n_resamples, scale)
            if base is not None and name != "first_sentence":
                entry[f"{metric}_minus_baseline"] = _mean(vals - base[metric], seed, n_resamples, scale)
        out[name] = entry
    columns: dict[str, list] = {}
    for name, by_metric in scores.items():
        for metric, vals in by_metric.items():
            col: list = [None] * len(gold)
            for j, i in enumerate(keep):
                col[i] = _r(vals[j], 1.0)
            columns[f"{metric}.{name}"] = col
    return out, columns


def irf_spans(backend, root: Path, opts: ExplainOptions, *, seed: int, n_resamples: int,
              limit: int | None = None) -> tuple[dict[str, Any], list[Path]]:
    """Token F1 of evidence against Irf's human explanation spans, per construct, beside the baseline."""
    from ..data import dataset_path, load_dataset
    from ..tasks import get_task

    path = dataset_path("irf", "test", root)
    if not path.is_file():
        return {"skipped": f"file missing: {path}"}, []
    if IRF_TASK not in backend.tasks or not backend.capabilities.evidence_spans:
        return {"skipped": f"model {backend.model_name} gives no evidence for task {IRF_TASK}"}, [path]
    examples = load_dataset("irf", "test", root)[:limit]
    texts = [e.text for e in examples]
    decided = backend.decide(IRF_TASK, backend.predict_proba(texts, [IRF_TASK])[IRF_TASK])
    out: dict[str, Any] = {"dataset": "irf", "split": "test", "task": IRF_TASK, "constructs": {}}
    for construct in get_task(IRF_TASK).label_ids:
        rows = [i for i, e in enumerate(examples) if construct in (e.meta.get("spans") or {})]
        decisions = [Decision(texts[i], construct, key=f"{examples[i].id}#{construct}") for i in rows]
        spans = evidence_spans(backend, IRF_TASK, decisions, opts.top_k)
        ours = [keep_spans(d.text, s) for d, s in zip(decisions, spans)]
        cands = {"evidence": ours,
                 "evidence_as_shown": [o if construct in decided[i] else "" for o, i in zip(ours, rows)],
                 "first_sentence": [A.first_sentence(texts[i]) for i in rows]}
        human = [examples[i].meta["spans"][construct] for i in rows]
        counts = {k: np.array([A.token_overlap(c, h) for c, h in zip(v, human)], dtype=float).reshape(-1, 3)
                  for k, v in cands.items()}
        entry: dict[str, Any] = {"n": len(rows)}
        for name, c in counts.items():
            entry[name] = {"token_f1": _ci(c, lambda s, k: A.micro_f1(s), 100.0, seed, n_resamples),
                           "precision": _r(c[:, 0].sum() / max(c[:, 1].sum(), 1)),
                           "recall": _r(c[:, 0].sum() / max(c[:, 2].sum(), 1))}
            if name != "first_sentence":
                both = np.concatenate([c, counts["first_sentence"]], axis=1)
                entry[name]["token_f1_minus_baseline"] = _ci(
                    both, lambda s, k: A.micro_f1(s[..., :3]) - A.micro_f1(s[..., 3:]), 100.0, seed, n_resamples)
        entry["rows"] = {"id": [d.key for d in decisions], "spans": [spans_text(s) for s in spans],
                         "human_words": counts["first_sentence"][:, 2].astype(int).tolist(),
                         **{f"{k}.{part}": c[:, j].astype(int).tolist() for k, c in counts.items()
                            for j, part in ((0, "overlap"), (1, "words"))}}
        out["constructs"][construct] = entry
    return out, [path]


def config_block(opts: ExplainOptions, seed: int, bart=None) -> dict[str, Any]:
    info = None
    if bart is not None:
        from ..hashing import sha256_file

        info = {"path": str(bart.path), "files_sha256": {p.name: sha256_file(p) for p in sorted(bart.path.iterdir())
                                                         if p.is_file()}}
    return {"top_k": opts.top_k, "random_draws": opts.draws, "seed": seed, "bart": info,
            "units": "comprehensiveness, sufficiency: probability x100; ratio: plain; ROUGE-L, embedding cosine, "
                     "token F1: x100; BARTScore: mean log-likelihood per target token (nats)",
            "definitions": "see mentalens/explain/faithfulness.py, explain/agreement.py, bench/explanations.py"}


class ExplanationRun:
    """The "explanations" block of a suite run, set by set (run_suite calls add, then finish)."""

    def __init__(self, model, root: Path, options: ExplainOptions, seed: int, n_resamples: int, say,
                 limit: int | None = None) -> None:
        self.model, self.root, self.options, self.seed, self.n, self.say = model, root, options, seed, n_resamples, say
        self.limit = limit
        self.bart = None
        if options.bart:
            from ..explain.bartscore import BartScorer

            self.bart = BartScorer(options.bart)
        self.block: dict[str, Any] = {"config": config_block(options, seed, self.bart), "sets": []}

    def add(self, ts, identity: dict[str, Any], examples, preds) -> None:
        self.say(f"{ts.key}: explanations")
        self.block["sets"].append({**identity, "suite": ts.benchmark.suite, **explain_set(self.model, ts, examples, preds, self.options,
                                                             seed=self.seed, n_resamples=self.n, bart=self.bart)})

    def finish(self, files: list[Path]) -> dict[str, Any]:
        """The block, with Irf's human-span table (an IMHI run); the data files it read are added to
        ``files``."""
        if not any(x.get("suite", "imhi") == "imhi" for x in self.block["sets"]):
            return self.block
        self.say("irf: evidence against the human explanation spans")
        self.block["irf_spans"], used = irf_spans(self.model, self.root, self.options, seed=self.seed,
                                                  n_resamples=self.n, limit=self.limit)
        files.extend(used)
        return self.block
