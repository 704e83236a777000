"""``mentalens train``: reproduce a model from its recipe and the research data.

``--backend lens`` (the default) fits the built-in model from a recipe. ``--backend llm``
fine-tunes a local causal LM with a multi-task LoRA adapter (backends/llm/train.py), on the
user's own JSONL examples or on the recipe's research data (leakage control applied).
``--backend chat`` (or a recipe with ``backend: chat``, e.g. ``--recipe chat-support``) fine-tunes
the chat's phrasing model on support dialogues and exports a GGUF (chat/finetune.py).
``--backend chat-risk`` fits the chat's learned risk score (chat/risk_train.py).
"""
from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command("train", help="Train a model from a recipe (built-in name or YAML file) and the research data. "
                 "Known test posts are removed first; the leakage report is saved with the model.")
    def train_cmd(
        ctx: typer.Context,
        recipe: str = typer.Option("lens-en", "--recipe", "-r", help="built-in recipe name or path to a recipe YAML"),
        data_dir: str = typer.Option(None, "--data-dir", help="research data folder (default: $MENTALENS_DATA)"),
        out: Path = typer.Option(None, "--out", "-o", help="model folder to write (default: ./models/<recipe name>; "
                            "llm: ./models/<base name>-lora)"),
        check: bool = typer.Option(False, "--check", help="compare the weights with the installed built-in model "
                                   "of the same name and fail unless they are byte-identical"),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress messages"),
        backend: str = typer.Option("lens", "--backend", help="lens (the built-in model), llm (LoRA "
                                    "fine-tuning of a local language model), chat-risk (the chat's learned "
                                    "risk score; --data-dir, --out, --check) or chat (the chat's phrasing "
                                    "model; implied by a chat recipe such as chat-support, whose settings "
                                    "--steps, --lr, --rank, --batch-size, --max-len, --seed and --gguf override)"),
        base: Path = typer.Option(None, "--base", help="llm: the local Hugging Face causal-LM folder to fine-tune"),
        examples: Path = typer.Option(None, "--examples", help="llm: your own labelled posts as JSONL, one "
                                      '{"text": ..., "labels": {task: label}, "explanation": ...} a line '
                                      "(default: the recipe's research data)"),
        limit_per_task: int = typer.Option(None, "--limit-per-task", help="llm: at most N examples per task "
                                           "(a seeded sample), to keep CPU runs short; chat: at most N "
                                           "dialogues per corpus"),
        steps: int = typer.Option(200, "--steps", help="llm: optimiser steps"),
        lr: float = typer.Option(2e-4, "--lr", help="llm: learning rate"),
        rank: int = typer.Option(8, "--rank", help="llm: LoRA rank (alpha is twice the rank)"),
        batch_size: int = typer.Option(4, "--batch-size", help="llm: questions per step"),
        max_len: int = typer.Option(512, "--max-len", help="llm: tokens per question and answer; "
                                    "longer posts are shortened, answers never"),
        seed: int = typer.Option(0, "--seed", help="llm: random seed"),
        gguf: str = typer.Option(None, "--gguf", help="llm: also export the merged model to GGUF with this "
                                 "quantisation (f32, f16, q8_0, q4_0, q4_k_m); chat: the recipe's unless given "
                                 "(none: no GGUF)"),
    ) -> None:
        import sys

        from ..config import data_dir as resolve
        from ..errors import ExtraNotInstalledError, MentalensError, UsageError
        from ..training import resolve_recipe, train_recipe

        if backend == "chat-risk":
            _train_chat_risk(data_dir, out, quiet, check)
            return
        if backend == "chat" or (backend == "lens" and _is_chat_recipe(recipe)):
            if check:
                raise UsageError("--check compares lens models only", hint="drop --check with a chat recipe")
            given = {k: v for k, v in ctx.params.items() if ctx.get_parameter_source(k).name != "DEFAULT"}
            _train_chat(recipe if "recipe" in given else "chat-support", data_dir, out, quiet, base,
                        {k: given.get(k) for k in ("steps", "lr", "rank", "batch_size", "max_len", "seed", "gguf")}
                        | {"limit": limit_per_task})
            return
        if backend == "llm":
            if check:
                raise UsageError("--check compares lens models only", hint="drop --check with --backend llm")
            _train_llm(recipe, data_dir, out, quiet, base, examples, limit_per_task, steps, lr, rank,
                       batch_size, max_len, seed, gguf)
            return
        if backend != "lens":
            from ..errors import UnknownNameError

            raise UnknownNameError("training backend", backend, ["lens", "llm", "chat", "chat-risk"])
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


def _train_llm(recipe, data_dir, out, quiet, base, examples, limit_per_task, steps, lr, rank,
               batch_size, max_len, seed, gguf) -> None:
    import random
    import sys

    from ..errors import UsageError

    if base is None:
        raise UsageError("--backend llm needs --base", hint="--base DIR: a local Hugging Face causal-LM folder")

    def log(msg: str) -> None:
        if not quiet:
            sys.stderr.write(f"[train] {msg}\n")

    from ..backends.llm.train import label_counts, read_examples_jsonl, train_lora

    report = None
    if examples is not None:
        per_task = read_examples_jsonl(examples)
    else:
        from ..config import data_dir as resolve
        from ..training import resolve_recipe, training_data

        per_task, report, _files = training_data(resolve_recipe(recipe), resolve(data_dir), log)
    if limit_per_task is not None:
        if limit_per_task < 1:
            raise UsageError("--limit-per-task must be at least 1")
        rng = random.Random(seed)
        per_task = {t: (rows if len(rows) <= limit_per_task
                        else [rows[i] for i in sorted(rng.sample(range(len(rows)), limit_per_task))])
                    for t, rows in per_task.items()}
    for task, counts in label_counts(per_task).items():
        log(f"{task}: " + ", ".join(f"{k} {n}" for k, n in counts.items()))
    target = out or Path("models") / f"{Path(base).name}-lora"
    path = train_lora(base, per_task, target, steps=steps, lr=lr, rank=rank, alpha=2.0 * rank,
                      batch_size=batch_size, max_len=max_len, seed=seed, leakage=report, gguf=gguf, log=log)
    for name in ("adapter", "merged", "training.json", "leakage.json", f"model-{gguf}.gguf" if gguf else ""):
        if name and (path / name).exists():
            typer.echo(f"wrote {path / name}")


def _is_chat_recipe(recipe: str) -> bool:
    from ..chat.finetune import is_chat_recipe

    return is_chat_recipe(recipe)


def _train_chat(recipe, data_dir, out, quiet, base, overrides: dict) -> None:
    import sys

    from ..config import data_dir as resolve
    from ..errors import UsageError

    if base is None:
        raise UsageError("a chat recipe needs --base", hint="--base DIR: a local Hugging Face causal-LM folder "
                         "(a small instruct model)")
    if overrides.get("rank") is not None:
        overrides["alpha"] = 2.0 * overrides["rank"]

    def log(msg: str) -> None:
        if not quiet:
            sys.stderr.write(f"[train] {msg}\n")

    from ..chat.finetune import load_chat_recipe, run_recipe

    spec = load_chat_recipe(recipe)
    target = out or Path("models") / f"{Path(base).name}-{spec.name}"
    path = run_recipe(spec, resolve(data_dir), base, target, overrides=overrides, log=log)
    quant = str(overrides.get("gguf") or spec.gguf or "none").lower()
    for name in ("adapter", "merged", "training.json", "LICENCE-DATA.txt", f"model-{quant}.gguf"):
        if (path / name).exists():
            typer.echo(f"wrote {path / name}")


def _train_chat_risk(data_dir, out, quiet, check) -> None:
    import sys

    from ..chat.risk_model import MODEL_DIR
    from ..chat.risk_train import same_weights, summary, train_risk_model
    from ..config import data_dir as resolve
    from ..errors import ExtraNotInstalledError, MentalensError

    try:
        import scipy  # noqa: F401
        import sklearn  # noqa: F401
    except ImportError:
        raise ExtraNotInstalledError("scikit-learn and scipy", "train", "training") from None

    def log(msg: str) -> None:
        if not quiet:
            sys.stderr.write(f"[train] {msg}\n")

    path = train_risk_model(resolve(data_dir), out or Path("models") / "chat-risk", log)
    typer.echo(f"wrote {path} ({summary(path)})")
    if check:
        if not same_weights(path, MODEL_DIR):
            raise MentalensError(f"the weights differ from the installed chat risk model {MODEL_DIR}",
                                 hint="same red-team files, ESConv file and library versions should give the "
                                 "same weights; compare the hashes in both training.json files")
        typer.echo(f"identical to the installed model {MODEL_DIR}")
