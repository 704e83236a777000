"""The load benchmark's files: ``<out>/server/load.json`` (everything) and ``load.md`` (a short table
rendered from the JSON alone, so it can be regenerated: python -m mentalens.bench.load_report FILE)."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from .provenance import code_line


def write_load(results: dict[str, Any], out_dir: str | Path) -> tuple[Path, Path]:
    target = Path(out_dir) / "server"
    target.mkdir(parents=True, exist_ok=True)
    json_path, md_path = target / "load.json", target / "load.md"
    json_path.write_text(json.dumps(results, indent=1, ensure_ascii=False, allow_nan=False) + "\n", encoding="utf-8")
    md_path.write_text(render_load_markdown(results), encoding="utf-8")
    return json_path, md_path


def _ms(lat: dict, key: str) -> str:
    v = lat.get(key)
    return "—" if v is None else f"{v:.1f}"


def render_load_markdown(r: dict[str, Any]) -> str:
    s, lib, cfg, prov = r["server"], r["library"], r["config"], r["provenance"]
    m = prov["machine"]
    lines = [
        f"# REST server under load ({r['model']['name']} {r['model']['version']})", "",
        f"{cfg['clients']} concurrent clients POSTing `/api/analyze` for {cfg['duration_s']:g} s, one example post "
        f"each, against `mentalens serve` on loopback; the peer is the library alone (`Analyzer.analyze`, one post "
        f"at a time, {cfg['peer_seconds']:g} s), measured in the same run. Client: {cfg['client']}.", "",
        "| what | requests or posts /s | p50 ms | p95 ms | p99 ms |",
        "|---|---|---|---|---|",
        f"| server, {cfg['clients']} clients | {s['ok_rps']:.1f} | {_ms(s['latency_ms'], 'p50')} | "
        f"{_ms(s['latency_ms'], 'p95')} | {_ms(s['latency_ms'], 'p99')} |",
        f"| library alone, one thread | {lib['posts_per_s']:.1f} | {_ms(lib['latency_ms'], 'p50')} | "
        f"{_ms(lib['latency_ms'], 'p95')} | {_ms(lib['latency_ms'], 'p99')} |", "",
        f"Server / library: **{r['ratio_server_to_library']}**. Status counts: "
        + ", ".join(f"{k}: {v}" for k, v in s["status_counts"].items())
        + f" ({s['errors_5xx']} 5xx, {s['transport_errors']} transport errors).",
        "",
        f"Server process: {s.get('cpu_s', '—')} CPU s, peak memory {s.get('peak_rss_mb', '—')} MB; workers "
        f"{cfg['workers']}, queue {cfg['queue']}.",
        f"Machine: {m.get('cpu')}, {m.get('usable_cpus')} usable CPUs, {m.get('platform')}; load average at start "
        f"{cfg.get('load_average_1min_at_start')}.",
        code_line(prov), "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    for name in (sys.argv[1:] if argv is None else argv):
        sys.stdout.write(render_load_markdown(json.loads(Path(name).read_text(encoding="utf-8"))))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
