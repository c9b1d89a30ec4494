"""The root ``mailer`` app: the command groups wired together, and ``--version``.

Imported by :func:`mailer.cli.run` only after the operator's language is set,
because the command modules translate their help texts (``_()``) as they
register their commands.
"""

from __future__ import annotations

import typer

from mailer.cli import (
    campaign,
    check,
    contacts,
    db,
    demo,
    event,
    inbound,
    preview,
    rsvp,
    schedule,
    segments,
    send,
    users,
    web,
)
from mailer.cli.failures import package_version
from mailer.cli.runtime import Runtime
from mailer.i18n import _

app = typer.Typer(
    name="mailer",
    no_args_is_help=True,
    add_completion=False,
    help=_("Pleinpost: newsletters and invitations for regional networks."),
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"mailer (Pleinpost) {package_version()}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: bool = typer.Option(
        False,
        "--version",
        is_eager=True,
        expose_value=False,
        callback=_show_version,
        help=_("Show the version and exit."),
    ),
) -> None:
    if ctx.obj is None:  # run in-process (tests), not through mailer.cli.run
        ctx.obj = Runtime()
    ctx.call_on_close(ctx.obj.close)


for _module in (
    db,
    contacts,
    segments,
    event,
    campaign,
    preview,
    send,
    schedule,
    inbound,
    rsvp,
    web,
    users,
    demo,
    check,
):
    _module.register(app)
