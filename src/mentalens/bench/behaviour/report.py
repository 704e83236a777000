"""Results files of the behavioural suite: ``<out>/behaviour/<model-name>-<model-version>.json``
(everything, every case's outcome included) and a ``.md`` beside it. The markdown needs only
the JSON:

    python -m mentalens.bench.behaviour.report results/behaviour/lens-en-1.1.0.json
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from ..report import _table, results_stem

FOLDER = "behaviour"
MAX_TEXT = 160


def write_behaviour_results(results: dict[str, Any], out_dir: str | Path) -> tuple[Path, Path]:
    """Write the JSON and markdown files; returns their paths."""
    target = Path(out_dir) / FOLDER
    target.mkdir(parents=True, exist_ok=True)
    stem = results_stem(results["model"]) + ("" if results["lang"] == "en" else f"-{results['lang']}")
    json_path, md_path = target / f"{stem}.json", target / f"{stem}.md"
    json_path.write_text(json.dumps(results, indent=1, ensure_ascii=False, allow_nan=False) + "\n", encoding="utf-8")
    md_path.write_text(render_behaviour_markdown(results), encoding="utf-8")
    return json_path, md_path


def _rate(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f}%"


def category_table(results: dict[str, Any]) -> list[str]:
    rows = []
    for c in results["categories"]:
        target = "—" if c["target"] is None else ("0 failures" if c["target"] == 0 else f"<= {100 * c['target']:g}%")
        meets = {True: "yes", False: "**no**", None: "—"}[c["meets_target"]]
        rows.append([c["category"], str(c["cases"]), str(c["failures"]), _rate(c["failure_rate"]), target, meets,
                     str(c["skipped"]) if c["skipped"] else ""])
    return _table(["category", "cases", "failures", "failure rate", "target", "meets", "skipped"], rows)


def header_lines(results: dict[str, Any]) -> list[str]:
    p, m, c = results["provenance"], results["model"], results["config"]
    git = p.get("git") or {}
    commit = (git.get("commit") or "unknown")[:12] + (" (uncommitted changes)" if git.get("dirty") else "")
    files = ", ".join(f"{n} v{f['version']}" for n, f in c["files"].items())
    return [
        f"Model **{m['name']} {m['version']}** ({m['backend']} backend); mentalens {p['mentalens_version']}, "
        f"commit {commit}, {p['date_utc']}. Language {results['lang']}; case files: {files}.",
        "",
        f"DIR pairs: a variant is lower risk than its base when its triage level is strictly lower, or the level is "
        f"the same and below high and the suicide signal s = {c['signal']} is lower by at least "
        f"{c['signal_margin']:g} (runner.py).",
    ]


def table_lines(results: dict[str, Any]) -> list[str]:
    """The title, the header and the per-category table (what the CLI prints)."""
    m = results["model"]
    return [f"# mentalens bench behaviour: {m['name']} {m['version']}", "", *header_lines(results), "",
            *category_table(results), ""]


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 1] + "…"


def render_behaviour_markdown(results: dict[str, Any]) -> str:
    lines = table_lines(results)
    jit = results.get("invariance_signal_jitter") or {}
    if jit.get("n"):
        lines += [f"Suicide-signal jitter under invariance edits (n={jit['n']}): median {jit['median']:.3f}, "
                  f"90th percentile {jit['p90']:.3f}, max {jit['max']:.3f} "
                  f"(margin {results['config']['signal_margin']:g}).",
                  ""]
    if results.get("mft_by_task"):
        lines += ["## Minimum functionality by task", "",
                  *_table(["task", "cases", "failures"],
                          [[t, str(r["cases"]), str(r["failures"])] for t, r in results["mft_by_task"].items()]), ""]
    fails = results["failures"]
    lines += [f"## Failures ({len(fails)})", ""]
    by_cat: dict[str, list[dict[str, Any]]] = {c["category"]: [] for c in results["categories"]}
    for f in fails:
        by_cat.setdefault(f["category"], []).append(f)
    for cat, rows in by_cat.items():
        if not rows:
            continue
        lines += [f"### {cat} ({len(rows)})", ""]
        for f in rows:
            base = f" — base: “{_short(f['base'])}”" if f.get("base") and not f.get("perturbation") else ""
            lines.append(f"- `{f['id']}` “{_short(f['text'])}”{base} — expected {f['expected']}; got {f['got']}")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        sys.stderr.write("usage: python -m mentalens.bench.behaviour.report RESULTS.json [...]\n")
        return 2
    for path in args:
        sys.stdout.write(render_behaviour_markdown(json.loads(Path(path).read_text(encoding="utf-8"))))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
