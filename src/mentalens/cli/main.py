"""The ``mentalens`` command: a thin layer over the library, one file per command.

Library errors (MentalensError) become a short message on stderr and a non-zero exit code,
here and nowhere else. Anything else that escapes is a bug and is reported as one.
"""
from __future__ import annotations

import sys

import typer

from typer.exceptions import TyperException

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
from . import data as _data  # noqa: E402
from . import explain as _explain  # noqa: E402
from . import llm as _llm  # noqa: E402
from . import models as _models  # noqa: E402
from . import schema as _schema  # noqa: E402
from . import tasks as _tasks  # noqa: E402
from . import train as _train  # noqa: E402

for _module in (_analyze, _explain, _tasks, _data, _train, _bench, _models, _schema, _llm):
    _module.register(app)


def _say_error(message: str) -> None:
    sys.stderr.write(f"mentalens: error: {message}\n")


def main(argv: list[str] | None = None) -> int:
    """Console entry point. Returns the exit code (and exits with it when run as a script)."""
    try:
        rv = app(args=argv, standalone_mode=False)
        code = rv if isinstance(rv, int) else 0
    except MentalensError as exc:
        _say_error(str(exc))
        code = exc.exit_code
    except KeyboardInterrupt:
        _say_error("interrupted")
        code = 130
    except typer.Exit as exc:
        code = exc.exit_code
    except typer.Abort:
        _say_error("aborted")
        code = 1
    except TyperException as exc:  # usage errors: bad option, missing argument
        show = getattr(exc, "show", None)
        if show is not None:
            show(file=sys.stderr)
        else:
            _say_error(str(exc))
        code = getattr(exc, "exit_code", 2)
    if argv is None:
        sys.exit(code)
    return code
