"""Results files and the markdown tables rendered from them.

``write_results`` writes ``<out>/<suite>/<model-name>-<model-version>.json`` (everything,
per-sample predictions included; ``-instruction`` appended for IMHI's instruction files) and a
``.md`` beside it. ``render_markdown`` needs only the
JSON, so the README's tables can be regenerated from results files:

    python -m mentalens.bench.report results/imhi/lens-en-1.0.0.json
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

METRIC_NAMES = {"weighted_f1": "weighted F1", "macro_f1": "macro F1", "accuracy": "accuracy",
                "balanced_accuracy": "balanced accuracy", "micro_f1": "micro F1"}


def results_stem(model: dict[str, Any]) -> str:
    """``<model-name>-<model-version>``, safe as a file name."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", f"{model['name']}-{model['version']}")


def write_results(results: dict[str, Any], out_dir: str | Path, folder: str | None = None) -> tuple[Path, Path]:
    """Write the JSON and markdown files; returns their paths."""
    target = Path(out_dir) / (folder or results["suite"])
    target.mkdir(parents=True, exist_ok=True)
    stem = results_stem(results["model"])
    variant = (results.get("config") or {}).get("variant")
    if variant not in (None, "complete"):
        stem += f"-{variant}"                    # IMHI's instruction files: a file of their own
    json_path, md_path = target / f"{stem}.json", target / f"{stem}.md"
    json_path.write_text(json.dumps(results, indent=1, ensure_ascii=False, allow_nan=False) + "\n", encoding="utf-8")
    md_path.write_text(render_markdown(results), encoding="utf-8")
    return json_path, md_path


def cell(m: dict[str, Any] | None) -> str:
    """"85.12 [82.30, 87.90]" for a metric with its interval; "—" when absent."""
    if not m or m.get("value") is None:
        return "—"
    if m.get("ci_low") is None:
        return f"{m['value']:.2f}"
    return f"{m['value']:.2f} [{m['ci_low']:.2f}, {m['ci_high']:.2f}]"


def _num(x: float) -> str:
    return f"{x:g}"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return out


def header_lines(results: dict[str, Any]) -> list[str]:
    p, m, c = results["provenance"], results["model"], results["config"]
    git = p.get("git") or {}
    commit = (git.get("commit") or "unknown")[:12] + (" (uncommitted changes)" if git.get("dirty") else "")
    weights = ", ".join(f"{k} {v[:12]}" for k, v in (m.get("files_sha256") or {}).items() if k.endswith(".safetensors"))
    boot = c.get("bootstrap", {})
    return [
        f"Model **{m['name']} {m['version']}** ({m['backend']} backend{'; weights sha256 ' + weights if weights else ''}).",
        f"mentalens {p['mentalens_version']}, commit {commit}, {p['date_utc']}; seed {c['seed']}"
        + (f", MentaBench split seed {c['split_seed']}" if any(s['variant'] in ('menta', 'leakage-free')
                                                              for s in results['sets']) else "")
        + (f", first {c['limit']} examples per set" if c.get("limit") else "") + ".",
        f"Metrics x100 with {int(boot.get('confidence', 0.95) * 100)}% bootstrap intervals "
        f"({boot.get('resamples', 1000)} resamples of the test items). INVALID: outputs the model could not give "
        "(counted as wrong, never as 'no').",
    ]


def main_table(results: dict[str, Any]) -> list[str]:
    sets = results["sets"]
    published: list[str] = []
    for s in sets:
        published += [k for k in s["published"] if k not in published]
    header = ["test set", "variant", "metric", "ours [95% CI]", *published, "n", "INVALID"]
    rows = [[s["name"], s["variant"], METRIC_NAMES.get(s["metric"], s["metric"]), cell(s["metrics"][s["metric"]]),
             *(_num(s["published"][k]) if k in s["published"] else "—" for k in published),
             str(s["n"]), str(s["invalid"])] for s in sets]
    return _table(header, rows)


def metrics_table(results: dict[str, Any]) -> list[str]:
    names: list[str] = []
    for s in results["sets"]:
        names += [k for k in s["metrics"] if k not in names]
    header = ["test set", "variant", *(METRIC_NAMES.get(n, n) for n in names), "scoring"]
    rows = [[s["name"], s["variant"], *(cell(s["metrics"].get(n)) for n in names), s["scoring"]]
            for s in results["sets"]]
    return _table(header, rows)


def render_markdown(results: dict[str, Any]) -> str:
    """The markdown tables of a results dict (a benchmark suite, or ``bench speed``)."""
    if results.get("suite") == "speed":
        from .speed_report import render_speed_markdown

        return render_speed_markdown(results)
    if results.get("suite") == "speed-llm":
        from .speed_llm import render_markdown as render_llm

        return render_llm(results)
    suite = results["suite"]
    lines = [f"# mentalens bench {suite}: {results['model']['name']} {results['model']['version']}", "",
             *header_lines(results), ""]
    if results["sets"]:
        lines += [f"## {suite}: the benchmark's metric beside published results", "", *main_table(results), "",
                  "Published numbers as their authors report them (carried from the task specs), not re-run here; "
                  "some were measured on other splits of the same data.", "",
                  f"## {suite}: all metrics", "", *metrics_table(results), ""]
    else:
        lines += ["No test set of this suite could be run.", ""]
    if results.get("explanations"):
        from .explanations_report import explanation_lines

        lines += explanation_lines(results)
    if results.get("skipped"):
        lines += ["Skipped:", ""] + [f"- {s['name']} ({s['variant']}): {s['reason']}" for s in results["skipped"]] + [""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        sys.stderr.write("usage: python -m mentalens.bench.report RESULTS.json [...]\n")
        return 2
    for path in args:
        sys.stdout.write(render_markdown(json.loads(Path(path).read_text(encoding="utf-8"))))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
