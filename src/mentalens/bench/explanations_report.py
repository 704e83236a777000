"""Markdown sections for the "explanations" block of a results file (bench/explanations.py)."""
from __future__ import annotations

from typing import Any

from .report import _table, cell

CANDIDATE_NAMES = {"rationale": "rationale", "evidence": "evidence", "first_sentence": "first sentence"}


def _c(m: dict[str, Any] | None, digits: int = 2) -> str:
    """"value [low, high]"; an unbounded value or upper bound (a ratio over random spans that do
    nothing in some resamples) is written ∞."""
    if not m:
        return "—"

    def num(x):
        return "∞" if x is None and m.get("unbounded") else "—" if x is None else f"{x:.{digits}f}"
    if m.get("value") is None and not m.get("unbounded"):
        return "—"
    if m.get("ci_low") is None:
        return num(m["value"])
    high = num(m.get("ci_high"))
    return f"{num(m['value'])} [{num(m['ci_low'])}, {high}{')' if high == '∞' else ']'}"


def faithfulness_table(block: dict[str, Any]) -> list[str]:
    header = ["test set", "decisions (with evidence)", "evidence words", "comprehensiveness", "random",
              "ratio [95% CI]", "sufficiency", "random"]
    rows = []
    for s in block["sets"]:
        if "faithfulness" not in s:
            continue
        f = s["faithfulness"]
        parts = [(s["name"], f, f"{f['decisions']} ({f['n']})")]
        parts += [(f"{s['name']}: decided {side}", g, f"({g['n']})") for side, g in f.get("by_decision", {}).items()]
        for name, g, count in parts:
            words = "—" if g["mean_evidence_words"] is None else f"{g['mean_evidence_words']:.1f}"
            rows.append([name, count, words, cell(g["comprehensiveness"]), cell(g["random_comprehensiveness"]),
                         _c(g["comprehensiveness_ratio"]), cell(g["sufficiency"]), cell(g["random_sufficiency"])])
    return _table(header, rows)


def agreement_table(block: dict[str, Any], metric: str, digits: int = 2) -> list[str]:
    header = ["test set", "n", *(CANDIDATE_NAMES[c] for c in CANDIDATE_NAMES), "rationale − first sentence",
              "evidence − first sentence"]
    rows = []
    for s in block["sets"]:
        a = s.get("agreement")
        if not a:
            continue
        cells = []
        for cand in CANDIDATE_NAMES:
            entry = a.get(cand) or {}
            cells.append(_c(entry.get(metric), digits) if entry.get("available") else "not available")
        diffs = [_c((a.get(cand) or {}).get(f"{metric}_minus_baseline"), digits) if (a.get(cand) or {}).get("available")
                 else "not available" for cand in ("rationale", "evidence")]
        rows.append([s["name"], str(a["n"]), *cells, *diffs])
    return _table(header, rows)


def irf_table(irf: dict[str, Any]) -> list[str]:
    header = ["construct", "rows with a human span", "evidence", "evidence as shown", "first sentence",
              "evidence − first sentence"]
    rows = []
    for construct, e in irf["constructs"].items():
        rows.append([construct, str(e["n"]), _c(e["evidence"]["token_f1"]), _c(e["evidence_as_shown"]["token_f1"]),
                     _c(e["first_sentence"]["token_f1"]), _c(e["evidence"].get("token_f1_minus_baseline"))])
    return _table(header, rows)


def explanation_lines(results: dict[str, Any]) -> list[str]:
    block = results.get("explanations")
    if not block:
        return []
    c = block["config"]
    suite = results["suite"]
    lines = [f"## {suite}: faithfulness of the evidence (ERASER)", "",
             f"Top {c['top_k']} evidence spans of the decided label; random: spans of the same number of words, "
             f"{c['random_draws']} draws per decision. Comprehensiveness = p(label | post) − p(label | post without "
             "the spans), higher is better; sufficiency = p(label | post) − p(label | the spans alone), lower is "
             "better; ×100. Ratio: mean comprehensiveness of the evidence over that of random spans. Pooled yes/no "
             "sets explain each row's aspect: decided present by the spans for it, absent by the spans against it.",
             "", *faithfulness_table(block), ""]
    skipped = [s for s in block["sets"] if "skipped" in s]
    if skipped:
        lines += [f"- {s['name']}: {s['skipped']}" for s in skipped] + [""]
    lines += [f"## {suite}: agreement with the gold explanations", "",
              "ROUGE-L F1 (×100, lower-cased words, each Chinese character a word) of the Result's rationale, of "
              "the evidence spans joined and of the post's first sentence (baseline) against the set's gold "
              "explanation (IMHI's; SOS-4K's rationales):", "",
              *agreement_table(block, "rouge_l"), "",
              "Embedding similarity (cosine ×100 of mean static wordllama token embeddings), same texts:", "",
              *agreement_table(block, "embedding"), ""]
    if c.get("bart"):
        lines += [f"BARTScore (mean log-likelihood per token of the gold explanation given each text, nats; "
                  f"model at {c['bart']['path']}):", "", *agreement_table(block, "bartscore", 3), ""]
    if "irf_spans" not in block:
        return lines
    irf = block.get("irf_spans") or {}
    lines += ["## Irf: evidence against the human explanation spans", ""]
    if "skipped" in irf:
        lines += [f"Skipped: {irf['skipped']}", ""]
    elif irf:
        lines += ["Token F1 ×100 (micro over the rows with a human span; lower-cased words, multiset overlap) of the "
                  f"top {c['top_k']} evidence spans for each construct (asked for whether or not the model decides it; "
                  "'as shown': only when it does, as a Result shows it) and of the post's first sentence, against the "
                  "annotators' span (irf test split).", "", *irf_table(irf), ""]
    return lines
