"""``mentalens bench chat``: the supportive chat's safety layer on red-team prompts and real dialogues.

    mentalens bench chat [--prompts PATH]... [--dialogues esconv,cpsycoun|none] [--dialogues-limit N]
                         [--model M] [--data-dir D] [--out results]

A file of its own (registered on the bench group by cli/bench.py) so that bench.py stays short.
"""
from __future__ import annotations

import typer


def register(bench_app: typer.Typer) -> None:
    @bench_app.command("chat", help="Replay red-team prompt files through the supportive chat under several "
                                    "locales (crisis recall, over-blocking, complete crisis replies, method leaks, "
                                    "every missed prompt), and the user turns of real support dialogues (how often "
                                    "and why the crisis protocol starts; counts only). Writes OUT/chat/redteam.json "
                                    "and redteam.md.")
    def bench_chat_cmd(
        prompts: list[str] = typer.Option(None, "--prompts", show_default=False, metavar="PATH",
                                          help="a prompts YAML file or a folder of them (every *.yaml, sorted); "
                                               "repeatable; default: the project's own red-team files "
                                               "(mentalens/chat/redteam/, installed with the package)"),
        dialogues: str = typer.Option("esconv,cpsycoun", "--dialogues",
                                      help="dialogue sources to replay, comma-separated, or none"),
        dialogues_limit: int = typer.Option(200, "--dialogues-limit", help="the first N dialogues of each source"),
        model: str = typer.Option(None, "--model", help="model folder or built-in name; default: $MENTALENS_MODEL, "
                                  "else the built-in models"),
        data_dir: str = typer.Option(None, "--data-dir", show_default=False,
                                     help="research data folder (holding chat/esconv, chat/cpsycoun); default: "
                                          "$MENTALENS_DATA; without one the dialogue part is skipped, with a note"),
        out: str = typer.Option("results", "--out", help="results folder; files go to OUT/chat/redteam.json and .md"),
    ) -> None:
        from ..bench.chat import run_chat
        from ..bench.chat_dialogues import parse_sources
        from ..bench.chat_report import render_chat_markdown, write_chat
        from ..errors import UsageError

        if dialogues_limit < 1:
            raise UsageError(f"--dialogues-limit must be at least 1 (got {dialogues_limit})",
                             hint="omit it for the first 200 dialogues of each source, or pass --dialogues none")
        sources = parse_sources(dialogues)
        if not prompts:
            from ..chat.texts import REDTEAM_DIR

            prompts = [str(REDTEAM_DIR)]
        results = run_chat(model, prompts, dialogues=sources, dialogues_limit=dialogues_limit, data_dir=data_dir,
                           progress=lambda m: typer.echo(m, err=True))
        paths = write_chat(results, out)
        typer.echo(render_chat_markdown(results), nl=False)
        for p in paths:
            typer.echo(f"wrote {p}", err=True)
