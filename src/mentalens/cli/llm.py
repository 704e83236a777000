"""``mentalens llm``: language-model utilities (the ``llm`` extra).

    mentalens llm export-gguf HF_DIR --out FILE.gguf [--quant f16|f32|q8_0|q4_0|q4_k_m]
    mentalens llm random-gguf --shape NAME --out FILE.gguf [--quant q4_k_m] [--seed 0]
    mentalens llm calibrate --model MODEL --out DIR [--data-dir D] [--tasks T] [--limit N]

export-gguf converts a local Hugging Face causal LM folder (Llama, Qwen2, Qwen3 with a
byte-level BPE tokenizer) for llama.cpp; random-gguf writes a random-weight model of a real
model's shape, for speed tests. Nothing is downloaded.
"""
from __future__ import annotations

from pathlib import Path

import typer

_QUANT = "f32, f16 (norms stay F32), q8_0, q4_0 or q4_k_m (quantised by llama.cpp from an F16 temporary file)"


def _wrote(path: Path) -> None:
    typer.echo(f"wrote {path} ({path.stat().st_size / 2**20:.1f} MiB)")


def register(app: typer.Typer) -> None:
    llm_app = typer.Typer(help="Language-model utilities (llm extra): export to GGUF, random-weight GGUF for "
                               "speed tests.", no_args_is_help=True, add_completion=False, rich_markup_mode=None)
    app.add_typer(llm_app, name="llm")

    @llm_app.command("export-gguf", help="Convert a local Hugging Face causal LM folder (LlamaForCausalLM, "
                     "Qwen2/Qwen3; byte-level BPE tokenizer) to a GGUF file for llama.cpp.")
    def export_cmd(
        hf_dir: str = typer.Argument(..., help="folder with config.json, *.safetensors and tokenizer.json"),
        out: str = typer.Option(..., "--out", help="the .gguf file to write"),
        quant: str = typer.Option("f16", "--quant", help=_QUANT),
    ) -> None:
        from ..backends.llm.gguf_export import export_gguf

        _wrote(export_gguf(hf_dir, out, quant=quant, log=lambda m: typer.echo(m, err=True)))

    @llm_app.command("random-gguf", help="Write a random-weight GGUF with a real model's shape "
                     "(llama-3.2-1b, qwen3-4b, tiny) for speed tests; speed does not depend on the weights.")
    def random_cmd(
        shape: str = typer.Option(..., "--shape", help="llama-3.2-1b, qwen3-4b, tiny or tiny-qwen3"),
        out: str = typer.Option(..., "--out", help="the .gguf file to write"),
        quant: str = typer.Option("q4_k_m", "--quant", help=_QUANT),
        seed: int = typer.Option(0, "--seed", help="seed of the random weights"),
    ) -> None:
        from ..backends.llm.random_gguf import write_random_gguf

        _wrote(write_random_gguf(shape, out, quant=quant, seed=seed, log=lambda m: typer.echo(m, err=True)))

    @llm_app.command("calibrate", help="Fit each task's temperature on validation data (the val splits of the "
                     "datasets its task spec names) and write DIR/mentalens-llm.json, which loads with "
                     "--backend llm --model DIR.")
    def calibrate_cmd(
        model: str = typer.Option(..., "--model", help="a GGUF file, a Hugging Face folder or a PEFT adapter folder"),
        out: str = typer.Option(..., "--out", help="folder for mentalens-llm.json"),
        data_dir: str = typer.Option(None, "--data-dir", help="research data folder (default: $MENTALENS_DATA)"),
        tasks: str = typer.Option(None, "--tasks", help="comma-separated task ids (default: all English tasks)"),
        limit: int = typer.Option(200, "--limit", help="validation posts per task (a seeded sample)"),
    ) -> None:
        from ..backends.llm.calibrate import calibrate_model
        from ..config import data_dir as resolve
        from ..errors import UsageError
        from ..tasks import resolve_tasks

        if limit < 1:
            raise UsageError(f"--limit must be at least 1 (got {limit})", hint="e.g. --limit 200")
        path = calibrate_model(model, resolve(data_dir), out, tasks=resolve_tasks(tasks) if tasks else None,
                               limit=limit, log=lambda m: typer.echo(m, err=True))
        typer.echo(f"wrote {path}")
