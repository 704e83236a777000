"""Command-line options shared by the commands that read posts (analyze, explain): one place for
their flags and help text."""
from __future__ import annotations

import typer

TEXT = typer.Argument(None, help="the post to read; '-' (or nothing, with piped input) reads stdin",
                      show_default=False)
INPUT = typer.Option(None, "--input", "-i", show_default=False,
                     help="a file of posts: .csv, .tsv, .jsonl, or .txt (one post per line); "
                     "'-' reads posts from stdin (with --input-format)")
INPUT_FORMAT = typer.Option(None, "--input-format", show_default=False,
                            help="csv, tsv, jsonl or txt (default: from the file name)")
TEXT_COLUMN = typer.Option("text", "--text-column", help="the CSV column / JSON field holding the post")
ID_COLUMN = typer.Option(None, "--id-column", show_default=False,
                         help="the column / field holding each post's id (default: 'id' if there is one, "
                         "else the row number)")
TASKS = typer.Option(None, "--tasks", "-t", show_default=False,
                     help="comma-separated task ids (see `mentalens tasks`); default: all of the model's")
LOCALE = typer.Option(None, "--locale", show_default=False,
                      help="where you are, for crisis resources, e.g. en_US, en_GB, zh_TW "
                      "(default: $MENTALENS_LOCALE, then LC_ALL / LC_MESSAGES / LANG)")
MODEL = typer.Option(None, "--model", "-m", show_default=False,
                     help="a model folder or built-in model name (default: $MENTALENS_MODEL, else the built-in "
                     "English and Chinese models, each post read by the model of its language)")
LANG = typer.Option("auto", "--lang", help="the posts' language: auto (guessed per post; code-mixed posts are read "
                    "by both built-in models), en or zh")
BATCH_SIZE = typer.Option(256, "--batch-size", help="posts scored together")
BACKEND = typer.Option("lens", "--backend", "-b",
                       help="what loads --model: lens (the built-in kind) or llm (a GGUF file, a Hugging Face "
                       "folder or a PEFT adapter folder; needs the llm extra)")
