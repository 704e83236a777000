"""``mentalens data``: the research datasets this copy holds, and their train/test overlap."""
from __future__ import annotations

import typer

_DATA_DIR_HELP = "research data folder (the one holding MANIFEST.md); default: $MENTALENS_DATA"


def register(app: typer.Typer) -> None:
    data_app = typer.Typer(help="Research datasets: what is here, and train/test overlap.", no_args_is_help=True,
                           add_completion=False, rich_markup_mode=None)
    app.add_typer(data_app, name="data")

    @data_app.command("list", help="List every dataset and split: rows, or 'missing', and the file.")
    def list_cmd(
        data_dir: str = typer.Option(None, "--data-dir", help=_DATA_DIR_HELP),
        as_json: bool = typer.Option(False, "--json", help="print the list as JSON"),
    ) -> None:
        from ..config import data_dir as resolve
        from ..data import available, dataset_info, load_dataset

        root = resolve(data_dir)
        rows = []
        for name, split, path, exists in available(root):
            count = len(load_dataset(name, split, root)) if exists else None
            rows.append({"dataset": name, "split": split, "rows": count, "path": str(path.relative_to(root)),
                         "tasks": dataset_info(name).tasks})
        if as_json:
            import json

            typer.echo(json.dumps({"data_dir": str(root), "datasets": rows}, indent=2))
            return
        from rich.console import Console
        from rich.table import Table

        table = Table(title=f"research datasets in {root}")
        for col, justify in (("dataset", "left"), ("split", "left"), ("rows", "right"), ("tasks", "left"),
                             ("file", "left")):
            table.add_column(col, justify=justify)  # type: ignore[arg-type]
        for r in rows:
            table.add_row(r["dataset"], r["split"], "missing" if r["rows"] is None else str(r["rows"]),
                          ", ".join(r["tasks"]), r["path"])
        Console().print(table)

    @data_app.command("check", help="Deduplicate every training split against every known test set; "
                                    "print which training sets hold how many test posts (exact vs near).")
    def check_cmd(
        data_dir: str = typer.Option(None, "--data-dir", help=_DATA_DIR_HELP),
        as_json: bool = typer.Option(False, "--json", help="print the overlap report as JSON"),
        markdown: bool = typer.Option(False, "--markdown", help="print the overlap report as Markdown"),
    ) -> None:
        from ..data.leakage import overlap_report

        report = overlap_report(data_dir)
        if as_json:
            typer.echo(report.model_dump_json(indent=2))
            return
        if markdown:
            typer.echo(report.to_markdown(), nl=False)
            return
        from rich.console import Console

        console = Console()
        console.print(report.to_table())
        console.print(report.summary_table())
        console.print(f"{report.method}.")
        for note in report.notes:
            console.print(f"note: {note}")
