"""``mentalens bench``: benchmark commands that write results files with provenance.

    mentalens bench imhi        [--model M] [--data-dir D] [--limit N] [--variant complete|instruction] [--out DIR]
                                [--explanations [--top-k K] [--random-draws R] [--bart BART_DIR]]
    mentalens bench mentabench  [--model M] [--data-dir D] [--limit N] [--out DIR]
    mentalens bench speed       [--model M] [--data-dir D] [--posts N] [--out DIR]
    mentalens bench behaviour   [--model M] [--lang en] [--out DIR]
    mentalens bench serve       [--model M] [--clients C] [--duration D] [--out DIR]   (cli/bench_serve.py)
    mentalens bench chat        [--prompts PATH]... [--dialogues esconv,cpsycoun|none] [--dialogues-limit N]
                                [--model M] [--data-dir D] [--out DIR]                 (cli/bench_chat.py)
"""
from __future__ import annotations

import typer

_MODEL = "model folder or built-in model name; default: $MENTALENS_MODEL or the built-in model"
_DATA = "research data folder (the one holding MANIFEST.md); default: $MENTALENS_DATA"
_OUT = ("results folder; files go to OUT/<suite>/<model-name>-<model-version>.json and .md; "
        "default: ./results in the current directory")


def _echo_written(paths) -> None:
    for p in paths:
        typer.echo(f"wrote {p}", err=True)


def _suite(suite: str, model, data_dir, limit, variant, out, seed, split_seed, backend, explanations=None) -> None:
    from ..bench.report import render_markdown, write_results
    from ..bench.runner import run_suite
    from ..config import data_dir as resolve
    from ..errors import UsageError

    if limit is not None and limit < 1:
        raise UsageError(f"--limit must be at least 1 (got {limit})", hint="omit --limit to score every example")
    root = resolve(data_dir)  # a clear error when no data directory is given
    results = run_suite(suite, model=model, data_dir=root, limit=limit, seed=seed, variant=variant,
                        split_seed=split_seed, backend=backend, progress=lambda m: typer.echo(m, err=True),
                        explanations=explanations)
    paths = write_results(results, out)
    typer.echo(render_markdown(results), nl=False)
    _echo_written(paths)


def _explain_options(on: bool, top_k, draws, bart):
    from ..errors import UsageError

    given = [flag for flag, v in (("--top-k", top_k), ("--random-draws", draws), ("--bart", bart)) if v is not None]
    if not on:
        if given:
            raise UsageError(f"{', '.join(given)} only apply with --explanations", hint="add --explanations")
        return None
    for flag, value in (("--top-k", top_k), ("--random-draws", draws)):
        if value is not None and value < 1:
            raise UsageError(f"{flag} must be at least 1 (got {value})", hint=f"omit {flag} for the default")
    from ..bench.explanations import ExplainOptions

    return ExplainOptions(top_k=top_k or 3, draws=draws or 3, bart=bart)


def register(app: typer.Typer) -> None:
    bench_app = typer.Typer(help="Benchmarks: IMHI, MentaBench, Chinese, speed, behaviour, explanations, the server "
                                 "under load and the chat's safety layer; each writes a results JSON with "
                                 "provenance and a markdown table.", no_args_is_help=True, add_completion=False,
                            rich_markup_mode=None)
    app.add_typer(bench_app, name="bench")

    @bench_app.command("imhi", help="Score a model on the IMHI test sets (MentaLLaMA's benchmark; weighted F1, "
                                    "MultiWD and Irf pooled as yes/no) beside the published numbers.")
    def imhi_cmd(
        model: str = typer.Option(None, "--model", help=_MODEL),
        data_dir: str = typer.Option(None, "--data-dir", help=_DATA),
        limit: int = typer.Option(None, "--limit", help="score only the first N examples of each test set"),
        variant: str = typer.Option("complete", "--variant", help="IMHI file variant: complete or instruction "
                                    "(same posts and labels)"),
        out: str = typer.Option("results", "--out", help=_OUT),
        seed: int = typer.Option(0, "--seed", help="seed of the bootstrap resampling"),
        backend: str = typer.Option("lens", "--backend", help="backend that loads the model"),
        explanations: bool = typer.Option(False, "--explanations", help="also measure the explanations: "
                                          "comprehensiveness and sufficiency of the evidence against random spans, "
                                          "ROUGE-L and embedding similarity against IMHI's gold explanations, "
                                          "token F1 against Irf's human spans"),
        top_k: int = typer.Option(None, "--top-k", help="evidence spans per decision (default 3); with --explanations"),
        draws: int = typer.Option(None, "--random-draws", help="random span sets per decision (default 3); "
                                  "with --explanations"),
        bart: str = typer.Option(None, "--bart", help="a local Hugging Face BART folder (model and tokenizer) for "
                                 "BARTScore; nothing is downloaded; with --explanations"),
    ) -> None:
        from ..errors import UsageError

        if variant not in ("complete", "instruction"):
            raise UsageError(f"--variant must be complete or instruction (got {variant!r})",
                             hint="IMHI ships both variants of every test file")
        _suite("imhi", model, data_dir, limit, variant, out, seed, 42, backend,
               _explain_options(explanations, top_k, draws, bart))

    @bench_app.command("mentabench", help="Score a model on MentaBench's six tasks (balanced accuracy): Menta's "
                                          "split (each task split on its own label, seed 42) and the "
                                          "leakage-free split shared by sister tasks.")
    def mentabench_cmd(
        model: str = typer.Option(None, "--model", help=_MODEL),
        data_dir: str = typer.Option(None, "--data-dir", help=_DATA),
        limit: int = typer.Option(None, "--limit", help="score only the first N examples of each test split"),
        out: str = typer.Option("results", "--out", help=_OUT),
        seed: int = typer.Option(0, "--seed", help="seed of the bootstrap resampling"),
        split_seed: int = typer.Option(42, "--split-seed", help="seed of the 72/8/20 splits (Menta's protocol: 42)"),
        backend: str = typer.Option("lens", "--backend", help="backend that loads the model"),
    ) -> None:
        _suite("mentabench", model, data_dir, limit, "complete", out, seed, split_seed, backend)

    @bench_app.command("zh", help="Score a model on the Chinese sets of MentalGLM's tasks: SOS-HL-1K (F1 of the "
                                  "high-risk class), SocialCD-3K (micro-F1 over twelve distortions), SOS-1K and "
                                  "SOS-4K urgency 0-10 (weighted F1); --explanations adds ROUGE-L (on characters) "
                                  "of the rationales against SOS-4K's gold ones.")
    def zh_cmd(
        model: str = typer.Option("lens-zh", "--model", help=_MODEL),
        data_dir: str = typer.Option(None, "--data-dir", help=_DATA),
        limit: int = typer.Option(None, "--limit", help="score only the first N examples of each test set"),
        out: str = typer.Option("results", "--out", help=_OUT),
        seed: int = typer.Option(0, "--seed", help="seed of the bootstrap resampling"),
        backend: str = typer.Option("lens", "--backend", help="backend that loads the model"),
        explanations: bool = typer.Option(False, "--explanations", help="also measure the explanations: "
                                          "faithfulness of the evidence against random spans, ROUGE-L on characters "
                                          "against SOS-4K's gold rationales"),
        top_k: int = typer.Option(None, "--top-k", help="evidence spans per decision (default 3); with --explanations"),
        draws: int = typer.Option(None, "--random-draws", help="random span sets per decision (default 3); "
                                  "with --explanations"),
    ) -> None:
        _suite("zh", model, data_dir, limit, "complete", out, seed, 42, backend,
               _explain_options(explanations, top_k, draws, None))

    @bench_app.command("speed", help="Time lens (all tasks) against TF-IDF + logistic regression and a "
                                     "roberta-base-shaped classifier, on the same posts, one core each; "
                                     "report posts/s, latency, cold start, peak memory and ratios.")
    def speed_cmd(
        model: str = typer.Option(None, "--model", help=_MODEL),
        data_dir: str = typer.Option(None, "--data-dir", help=_DATA + "; without one, the example posts are "
                                     "repeated to about 1,000"),
        posts: int = typer.Option(None, "--posts", help="time only the first N posts"),
        out: str = typer.Option("results", "--out", help=_OUT.replace("<suite>", "speed")),
        roberta_posts: int = typer.Option(100, "--roberta-posts", help="posts timed for the transformer peer"),
        no_peers: bool = typer.Option(False, "--no-peers", help="time lens only"),
        latency_calls: int = typer.Option(200, "--latency-calls", help="single-post calls timed for latency"),
        cold_runs: int = typer.Option(3, "--cold-runs", help="fresh processes timed for cold start (median reported)"),
        cpu: int = typer.Option(None, "--cpu", help="the CPU to pin every measurement to (default: the last usable)"),
        backend: str = typer.Option("lens", "--backend", help="backend that loads the model; llm: --model is a "
                                    "GGUF file or a Hugging Face folder, timed beside the built-in model"),
        gen_tokens: int = typer.Option(64, "--gen-tokens", help="llm: new tokens generated per post"),
        threads: int = typer.Option(1, "--threads", help="llm: threads (1 = pinned to one CPU like "
                                     "the built-in model)"),
        llm_task: str = typer.Option("stress", "--task", help="llm: the task whose labels are scored per post"),
    ) -> None:
        from ..bench.report import render_markdown, write_results
        from ..bench.speed import run_speed
        from ..errors import UsageError

        for flag, value in (("--posts", posts), ("--roberta-posts", roberta_posts), ("--latency-calls", latency_calls),
                            ("--cold-runs", cold_runs), ("--gen-tokens", gen_tokens), ("--threads", threads)):
            if value is not None and value < 1:
                raise UsageError(f"{flag} must be at least 1 (got {value})", hint=f"omit {flag} for the default")
        if backend == "llm":
            from ..bench.speed_llm import run_speed_llm
            from ..tasks import resolve_tasks

            if model is None:
                raise UsageError("--backend llm needs --model", hint="a GGUF file (e.g. one written by "
                                 "`mentalens llm random-gguf`) or a Hugging Face model folder")
            results = run_speed_llm(model, data_dir, posts, tasks=tuple(resolve_tasks(llm_task)),
                                    gen_tokens=gen_tokens, threads=threads, cpu=cpu,
                                    latency_calls=min(latency_calls, 100), progress=lambda m: typer.echo(m, err=True))
            paths = write_results(results, out)
            typer.echo(render_markdown(results), nl=False)
            _echo_written(paths)
            return
        results = run_speed(model, data_dir, posts, backend=backend, peers=() if no_peers else ("tfidf", "roberta"),
                            roberta_posts=roberta_posts, latency_calls=latency_calls, cold_runs=cold_runs, cpu=cpu,
                            progress=lambda m: typer.echo(m, err=True))
        paths = write_results(results, out)
        typer.echo(render_markdown(results), nl=False)
        _echo_written(paths)

    @bench_app.command("behaviour", help="Run the behavioural suite (CheckList style, no data needed): minimum "
                                         "functionality per task, invariance to typos, casing, emoji, names, URLs, "
                                         "handles and gender, and directional cases (negation, third person, past, "
                                         "hyperbole, lyrics, jokes lower the risk; crisis statements raise it). "
                                         "Prints the failure rate per category beside the acceptance targets.")
    def behaviour_cmd(
        model: str = typer.Option(None, "--model", help=_MODEL),
        lang: str = typer.Option("en", "--lang", help="language of the cases (a folder of bench/behaviour/)"),
        out: str = typer.Option("results", "--out", help=_OUT.replace("<suite>", "behaviour")),
        backend: str = typer.Option("lens", "--backend", help="backend that loads the model"),
    ) -> None:
        from ..bench.behaviour.report import table_lines, write_behaviour_results
        from ..bench.behaviour.runner import run_behaviour

        results = run_behaviour(model, lang, backend=backend, progress=lambda m: typer.echo(m, err=True))
        paths = write_behaviour_results(results, out)
        typer.echo("\n".join(table_lines(results)))
        typer.echo(f"{len(results['failures'])} failing cases are listed in {paths[1]}", err=True)
        _echo_written(paths)

    from .bench_chat import register as register_chat
    from .bench_serve import register as register_serve

    register_serve(bench_app)
    register_chat(bench_app)
