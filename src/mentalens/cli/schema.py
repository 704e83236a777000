"""``mentalens schema``: the JSON Schema of the Result every interface shares."""
from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command("schema", help="Print the JSON Schema of an analysis Result (the API, CLI json output, "
                 "and every later interface share it).")
    def schema_cmd() -> None:
        import json

        from ..schema import Result

        typer.echo(json.dumps(Result.model_json_schema(), indent=2, ensure_ascii=False))
