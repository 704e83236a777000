"""The ``mentalens`` command: a thin layer over the library, one file per command.

Library errors (MentalensError) become a short message on stderr and a non-zero exit code,
here and nowhere else. Anything else that escapes is a bug and is reported as one.

Everything said here is in the user's language (i18n): the command line's ``--locale`` is read
before the command line is parsed, so that it holds for the whole command (its output writers
too) and for a usage error; without it the environment's locale decides.
"""
from __future__ import annotations

import sys

import typer
from typer.exceptions import TyperException

from .. import i18n
from ..errors import MentalensError

app = typer.Typer(
    name="mentalens",
    help="Offline, explainable mental-health signal analysis of social-media text.\n\n"
    "Screening signals, not diagnoses. Nothing you analyse leaves this machine.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)



@app.callback()
def _root() -> None:
    """Offline, explainable mental-health signal analysis (screening signals, not diagnoses)."""


# Each command module exposes register(app). Heavy imports happen inside the commands.
from . import analyze as _analyze  # noqa: E402
from . import bench as _bench  # noqa: E402
from . import chat as _chat  # noqa: E402
from . import data as _data  # noqa: E402
from . import explain as _explain  # noqa: E402
from . import llm as _llm  # noqa: E402
from . import models as _models  # noqa: E402
from . import schema as _schema  # noqa: E402
from . import serve as _serve  # noqa: E402
from . import store as _store  # noqa: E402
from . import tasks as _tasks  # noqa: E402
from . import train as _train  # noqa: E402

for _module in (_analyze, _explain, _tasks, _data, _train, _bench, _models, _schema, _llm, _serve, _store,
                _chat):
    _module.register(app)


def _say_error(message: str, hint: str | None = None) -> None:
    lang = i18n.language()
    text = i18n.t("cli.error", lang, message=message)
    if hint:
        text += i18n.t("cli.how_to_fix", lang, hint=hint)
    sys.stderr.write(text + "\n")


def _say_library_error(exc: MentalensError) -> None:
    lang = i18n.language()
    if not i18n.is_chinese(lang):
        _say_error(str(exc))                  # str() holds the hint ("how to fix: ...")
        return
    message, hint = i18n.error_parts(exc, lang)
    _say_error(message, hint)


def _show_usage_error(exc: Exception) -> None:
    """A usage error of the command-line parser (bad option, missing argument): usage, a pointer
    to --help and the error, in the user's language."""
    lang = i18n.language()
    show = getattr(exc, "show", None)
    if show is not None and (not i18n.is_chinese(lang) or type(exc).__name__ == "NoArgsIsHelpError"):
        show(file=sys.stderr)
        return
    if show is None:
        _say_error(i18n.error_text(str(exc), lang))
        return
    try:
        say, out = i18n.t, []
        ctx = getattr(exc, "ctx", None)
        if ctx is not None:
            usage = ctx.get_usage()
            if usage.startswith("Usage:"):
                usage = say("cli.usage", lang) + usage[len("Usage:"):].lstrip()
            out.append(usage)
            names = getattr(ctx, "help_option_names", None)
            if names and ctx.command.get_help_option(ctx) is not None:
                out.append(say("cli.try_help", lang, command=ctx.command_path, option=names[0]))
            out.append("")
        out.append(say("cli.usage_error", lang, message=i18n.error_text(exc.format_message(), lang)))
        sys.stderr.write("\n".join(out) + "\n")
    except Exception:                           # the parser's own display, rather than none
        show(file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Console entry point. Returns the exit code (and exits with it when run as a script)."""
    args = sys.argv[1:] if argv is None else list(argv)
    with i18n.using_locale(i18n.locale_from_args(args)):
        code = _run(argv)
    if argv is None:
        sys.exit(code)
    return code


def _run(argv: list[str] | None) -> int:
    try:
        rv = app(args=argv, standalone_mode=False)
        return rv if isinstance(rv, int) else 0
    except MentalensError as exc:
        _say_library_error(exc)
        return exc.exit_code
    except KeyboardInterrupt:
        _say_error(i18n.t("cli.interrupted"))
        return 130
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        _say_error(i18n.t("cli.aborted"))
        return 1
    except TyperException as exc:  # usage errors: bad option, missing argument
        _show_usage_error(exc)
        return getattr(exc, "exit_code", 2)
