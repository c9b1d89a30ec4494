"""The ``mailer`` command. Thin: parse, call the functions below, print.

Each command group lives in its own module with a ``register(app)`` function,
so the groups stay small and have one owner each.
"""

from __future__ import annotations

import sys

import typer

from mailer.cli import (
    campaign,
    check,
    contacts,
    db,
    demo,
    event,
    preview,
    schedule,
    segments,
    send,
)
from mailer.cli.runtime import Runtime, console_err
from mailer.errors import ConfigError, PleinpostError

app = typer.Typer(
    name="mailer",
    no_args_is_help=True,
    add_completion=False,
    help="Pleinpost: nieuwsbrieven en uitnodigingen voor regionale netwerken.",
)


@app.callback()
def _root(ctx: typer.Context) -> None:
    ctx.obj = Runtime()
    ctx.call_on_close(ctx.obj.close)


for _module in (db, contacts, segments, event, campaign, preview, send, schedule, demo, check):
    _module.register(app)


def main() -> None:
    """Entry point: turn our errors into one clear line and a non-zero exit."""
    try:
        app(standalone_mode=False)
    except ConfigError as err:
        console_err.print(f"[bold red]Configuratiefout / configuration error:[/] {err}")
        sys.exit(2)
    except PleinpostError as err:
        console_err.print(f"[bold red]Fout / error:[/] {err}")
        sys.exit(1)
    except typer.Abort:
        console_err.print("Afgebroken / aborted.")
        sys.exit(130)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except Exception as err:  # click usage errors arrive here with standalone_mode=False
        import click

        if isinstance(err, click.ClickException):
            err.show()
            sys.exit(err.exit_code)
        raise
