"""``mentalens tasks``: list the tasks with their labels and descriptions."""
from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command("tasks", help="List the tasks, their labels and what they mean.")
    def tasks_cmd(
        as_json: bool = typer.Option(False, "--json", help="print the task specs as JSON"),
    ) -> None:
        from ..tasks import all_tasks

        specs = all_tasks()
        if as_json:
            import json

            typer.echo(json.dumps([s.model_dump(mode="json") for s in specs], indent=2, ensure_ascii=False))
            return
        from rich.console import Console
        from rich.table import Table

        table = Table(show_lines=False, title="mentalens tasks (screening signals, not diagnoses)")
        table.add_column("task", style="bold")
        table.add_column("kind")
        table.add_column("labels")
        table.add_column("what it tells")
        for s in specs:
            table.add_row(f"{s.id} v{s.version}", s.kind, ", ".join(s.label_ids), s.description)
        Console().print(table)
