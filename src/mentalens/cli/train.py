"""``mentalens train``: reproduce a model from its recipe and the research data."""
from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command("train", help="Train a model from a recipe (built-in name or YAML file) and the research data. "
                 "Known test posts are removed first; the leakage report is saved with the model.")
    def train_cmd(
        recipe: str = typer.Option("lens-en", "--recipe", "-r", help="built-in recipe name or path to a recipe YAML"),
        data_dir: str = typer.Option(None, "--data-dir", help="research data folder (default: $MENTALENS_DATA)"),
        out: Path = typer.Option(None, "--out", "-o", help="model folder to write (default: ./models/<recipe name>)"),
        check: bool = typer.Option(False, "--check", help="compare the weights with the installed built-in model "
                                   "of the same name and fail unless they are byte-identical"),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress messages"),
    ) -> None:
        import sys

        from ..config import data_dir as resolve
        from ..errors import ExtraNotInstalledError, MentalensError
        from ..training import resolve_recipe, train_recipe

        try:
            import sklearn  # noqa: F401
        except ImportError:
            raise ExtraNotInstalledError("scikit-learn", "train", "training") from None
        spec = resolve_recipe(recipe)
        root = resolve(data_dir)
        target = out or Path("models") / spec.name

        def log(msg: str) -> None:
            if not quiet:
                sys.stderr.write(f"[train] {msg}\n")

        path = train_recipe(recipe, root, target, log)
        typer.echo(f"wrote {path}")
        if check:
            from ..api import model_path
            from ..modelcard import weights_digest

            builtin = model_path(spec.name)
            mine, theirs = weights_digest(path), weights_digest(builtin)
            if mine != theirs:
                raise MentalensError(
                    f"the weights differ from the installed model {builtin} (sha256 {mine[:12]} vs {theirs[:12]})",
                    hint="same recipe, data and seed should give identical weights; check the data files' "
                    "hashes in training.json against the model card")
            typer.echo(f"identical to the installed model {builtin} (sha256 {mine})")
