"""``mentalens models``: the built-in models this install holds, and where it looked."""
from __future__ import annotations

import typer


def builtin_models() -> list[dict]:
    """name, version, backend, tasks and path of every built-in model (models/*/config.json)."""
    import json

    from ..config import MODELS_DIR

    out = []
    if not MODELS_DIR.is_dir():
        return out
    for cfg in sorted(MODELS_DIR.glob("*/config.json")):
        try:
            d = json.loads(cfg.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            out.append({"name": cfg.parent.name, "version": "?", "backend": "?", "tasks": [],
                        "path": str(cfg.parent), "error": f"unreadable config.json: {exc}"})
            continue
        tasks = d.get("tasks", {})
        out.append({"name": d.get("name", cfg.parent.name), "folder": cfg.parent.name,
                    "version": str(d.get("version", "?")), "backend": d.get("backend", "?"),
                    "tasks": list(tasks) if isinstance(tasks, (dict, list)) else [], "path": str(cfg.parent)})
    return out


def register(app: typer.Typer) -> None:
    @app.command("models", help="List the built-in models (name, version, tasks) and say where they were looked for.")
    def models_cmd(as_json: bool = typer.Option(False, "--json", help="print the list as JSON")) -> None:
        import os

        from ..config import DEFAULT_MODEL, ENV_MODEL, MODELS_DIR

        models = builtin_models()
        env = os.environ.get(ENV_MODEL) or None
        if as_json:
            import json

            typer.echo(json.dumps({"looked_in": str(MODELS_DIR), "default": env or DEFAULT_MODEL,
                                   "models": models}, indent=2))
            return
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        console = Console(highlight=False, soft_wrap=True)
        console.print(Text(f"built-in models in {MODELS_DIR}"))
        if not models:
            console.print(Text("  none installed. Pass --model PATH with a model folder written by "
                               "`mentalens train`, or set " + ENV_MODEL + "=PATH."))
        else:
            table = Table(box=None, pad_edge=False, padding=(0, 2, 0, 2))
            for col in ("name", "version", "backend", "tasks"):
                table.add_column(col, overflow="fold")
            for m in models:
                table.add_row(m["name"], m["version"], m["backend"], m.get("error") or ", ".join(m["tasks"]))
            console.print(table)
        console.print(Text(f"default model: {env + ' (from $' + ENV_MODEL + ')' if env else DEFAULT_MODEL}"))
