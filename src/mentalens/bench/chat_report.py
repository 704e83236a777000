"""The chat benchmark's files: ``<out>/chat/redteam.json`` (everything) and ``redteam.md`` (rendered
from the JSON alone, so it can be regenerated: python -m mentalens.bench.chat_report FILE)."""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from .provenance import code_line


def write_chat(results: dict[str, Any], out_dir: str | Path) -> tuple[Path, Path]:
    target = Path(out_dir) / "chat"
    target.mkdir(parents=True, exist_ok=True)
    json_path, md_path = target / "redteam.json", target / "redteam.md"
    json_path.write_text(json.dumps(results, indent=1, ensure_ascii=False, allow_nan=False) + "\n", encoding="utf-8")
    md_path.write_text(render_chat_markdown(results), encoding="utf-8")
    return json_path, md_path


def _rate(r: dict | None) -> str:
    if r is None:
        return "—"
    return f"{r['k']}/{r['n']}" + (f" ({r['rate']:.1%})" if r["rate"] is not None else "")


def _reasons(counts: dict) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items()) or "—"


def _grouped(rows: list[dict]) -> list[str]:
    """One line per prompt (file, id, turn), with the locales it failed under and the reply kinds."""
    by: dict[tuple, list[dict]] = defaultdict(list)
    for r in rows:
        by[(r["file"], r["id"], r["turn"], r["text"], r["expect"])].append(r)
    lines = []
    for (file, cid, turn, text, expect), rs in by.items():
        extra = sorted({", ".join(r.get("terms") or r.get("missing") or []) for r in rs} - {""})
        lines.append(f"- `{file}` {cid}" + (f" turn {turn}" if turn > 1 else "") + f" (expect {expect}): "
                     f"{json.dumps(text, ensure_ascii=False)} → {', '.join(sorted({r['kind'] for r in rs}))} "
                     f"in {', '.join(r['locale'] for r in rs)}" + (f"; {'; '.join(extra)}" if extra else ""))
    return lines or ["None."]


def _redteam(rt: dict) -> list[str]:
    locales = ", ".join(loc for loc, _ in rt["runs"])
    lines = [
        "## Red team", "",
        f"Every case of every prompt file, in a fresh chat session once per locale ({locales}; before the case, "
        f"the opening and 0-{len(rt['prefix'])} neutral turns so the wording varies). A prompt counts once per "
        "locale: the runs of one prompt are not independent samples. Scored by checkers written apart from the "
        "detectors (mentalens/bench/chat_checks.py); method leaks also by the chat's own check_reply.", "",
        "**These prompts were written by the project and used to tune the detectors, unless a file's header "
        "below says otherwise.** The rates say how well the detectors fit wordings someone wrote down, not how "
        "they do on new ones; each header records how its prompts did on their first run, before tuning.", "",
        "| prompts | cases | turn runs | crisis recall | over-blocking | safety question on benign | expectations "
        "met | crisis replies complete | method leaks (independent / check_reply) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for b in [*rt["files"], {"file": "**all**", **rt["overall"]}]:
        leaks = b["method_leaks"]
        lines.append(f"| {b['file']} | {b['cases']} | {b['turn_runs']} | {_rate(b['crisis_recall'])} | "
                     f"{_rate(b['over_blocking'])} | {_rate(b.get('safety_question_on_benign'))} | "
                     f"{_rate(b['expectation_met'])} | "
                     f"{_rate(b['crisis_replies_complete'])} | {leaks['independent']} / {leaks['check_reply']} "
                     f"of {leaks['replies']} |")
    o = rt["overall"]
    lines += ["", "Crisis recall: turns expecting the crisis protocol (crisis, refuse_method) that got it. "
              "Over-blocking: benign turns that got it. Complete: crisis replies holding the locale's crisis lines "
              "and emergency number (or the generic advice), an invitation to keep talking and what the software "
              "is.", "",
              f"Why the protocol started (the reasons on each run's first crisis turn; a turn may hold several): "
              f"{_reasons(o['first_trigger_reasons'])}.", "",
              f"Reply kinds: {_reasons(o['reply_kinds'])}.", "",
              "| category | expectation met |", "|---|---|"]
    lines += [f"| {c} | {v['met']}/{v['n']} |" for c, v in o["expectation_met_by_category"].items()]
    for title, key in (("Missed prompts", "missed"), ("Over-blocked prompts", "over_blocked"),
                       ("Replies with method details", "leaks"), ("Incomplete crisis replies", "incomplete")):
        lines += ["", f"### {title}", "", *_grouped(rt[key])]
    lines += ["", "### The prompt files' headers", ""]
    for b in rt["files"]:
        lines += [f"**{b['file']}** ({b['cases']} cases, {b['prompts']} prompts; sha256 {b['sha256'][:12]}…)", ""]
        lines += [f"> {h}".rstrip() for h in b["header"]] or ["> (no header)"]
        lines.append("")
    return lines


def _dialogues(d: dict) -> list[str]:
    lines = ["## Real support dialogues", ""]
    if "skipped" in d:
        return lines + [f"Not run ({d['skipped']}).", ""]
    lines += [
        f"The user turns of the first {d['limit']} dialogues of each source, in file order, each dialogue in a fresh "
        "chat session (the chat's replies stand in for the supporter's). Licensed research data: counts only, no "
        "text. Explicit words: an independent list of suicide and self-harm words (chat_checks.EXPLICIT); a "
        "triggering turn without any is a possible over-block, counted here, not judged. The list also matches "
        "negations and other people's deaths, so an explicit-word turn without the protocol is not necessarily a "
        "miss.", "",
        "| source | dialogues | user turns | reached the protocol | median first-trigger turn | triggering turns "
        "| with explicit words | without (possible over-blocks) | explicit-word turns that got it | ms/turn "
        "median | p95 |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    notes = []
    for name, s in d["sources"].items():
        if "skipped" in s:
            notes.append(f"- {name}: skipped, {s['skipped']}.")
            continue
        t, e, ms = s["triggering_turns"], s["explicit_word_turns"], s["ms_per_turn"]
        median = s["first_trigger_turn"]["median"]
        lines.append(f"| {name} ({s['locale']}, {s['licence']}) | {s['dialogues']} | {s['user_turns']} | "
                     f"{_rate(s['reached_protocol'])} | {'—' if median is None else median} | {t['n']} | "
                     f"{t['explicit_words']} | {t['without_explicit_words']} | {e['got_protocol']}/{e['n']} | "
                     f"{ms['median'] if ms['median'] is not None else '—'} | "
                     f"{ms['p95'] if ms['p95'] is not None else '—'} |")
        notes.append(f"- {name}: why the protocol started (first crisis turn of each dialogue): "
                     f"{_reasons(s['first_trigger_reasons'])}; reply kinds: {_reasons(s['reply_kinds'])}.")
    return lines + ["", *notes, ""]


def render_chat_markdown(r: dict[str, Any]) -> str:
    prov, m = r["provenance"], r["provenance"]["machine"]
    models = prov.get("models") or [r["model"]]
    lines = [f"# Supportive chat: the safety layer ({r['model']['name']} {r['model']['version']})", "",
             "`mentalens bench chat`: the chat's crisis protocol on the project's red-team prompts and on real "
             "support dialogues. Analyzer: " + ", ".join(f"{x['name']} {x['version']}" for x in models) + ".", "",
             *_redteam(r["redteam"]), *_dialogues(r["dialogues"]), "## Provenance", "",
             code_line(prov),
             f"Machine: {m.get('cpu')}, {m.get('usable_cpus')} usable CPUs, {m.get('platform')}.",
             f"Data files read: {len(prov['data_files_sha256'])} (sha256 in the JSON); data directory: "
             f"{prov['data_dir'] or '—'}.", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    for name in (sys.argv[1:] if argv is None else argv):
        sys.stdout.write(render_chat_markdown(json.loads(Path(name).read_text(encoding="utf-8"))))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
