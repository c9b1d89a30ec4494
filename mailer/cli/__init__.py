"""The ``mailer`` command: choose the operator's language, run, and report failures.

Each command group lives in its own module with a ``register(app)`` function,
wired together in ``mailer.cli.root``. That module is imported here only after
``set_language``: the command modules translate their help texts as they
register their commands, so importing them first would fix the help in the
default language whatever ``MAILER_LANGUAGE`` says.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from typing import Any

from mailer.cli.failures import EXIT_INTERRUPTED, EXIT_OK, report, say
from mailer.cli.runtime import Runtime
from mailer.config import private_files
from mailer.i18n import _, set_language

ROOT_MODULE = "mailer.cli.root"


def __getattr__(name: str) -> Any:
    """``from mailer.cli import app`` (tests, scripts): the root app, built on first use."""
    if name == "app":
        return importlib.import_module(ROOT_MODULE).full_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def run(args: Sequence[str]) -> int:
    """Run ``mailer ARGS``; every failure becomes one clear message and an exit code."""
    runtime = Runtime()
    try:
        set_language(runtime.operator_language())
        app = importlib.import_module(ROOT_MODULE).app_for(args)
        result = app(args=list(args), prog_name="mailer", standalone_mode=False, obj=runtime)
    except (Exception, KeyboardInterrupt) as err:
        return report(err, runtime)
    # Without standalone mode Typer returns typer.Exit's code (and turns Ctrl-C into 130).
    if result == EXIT_INTERRUPTED:
        say(_("Interrupted."))
    return result if isinstance(result, int) else EXIT_OK


def main() -> None:
    """Entry point of the ``mailer`` script."""
    private_files()
    sys.exit(run(sys.argv[1:]))
