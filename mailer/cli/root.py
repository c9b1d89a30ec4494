"""The root ``mailer`` app: the command groups wired together, and ``--version``.

Imported by :func:`mailer.cli.run` only after the operator's language is set,
because the command modules translate their help texts (``_()``) as they
register their commands.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence

import typer

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


# The modules in the order their commands are listed in ``mailer --help``.
MODULES = (
    "db",
    "contacts",
    "segments",
    "event",
    "campaign",
    "preview",
    "send",
    "schedule",
    "inbound",
    "rsvp",
    "web",
    "users",
    "demo",
    "check",
)

# Which modules a command needs: ``mailer campaign list`` imports the campaign
# commands only, not the readers, the scheduler and the web app (each call
# starts a new process, and the tests start hundreds). tests/test_cli_root.py
# checks this table against what the modules register.
COMMANDS: dict[str, tuple[str, ...]] = {
    "db": ("db",),
    "contacts": ("contacts",),
    "network": ("contacts",),
    "segments": ("segments",),
    "event": ("event",),
    "rsvp": ("event", "rsvp"),
    "campaign": ("campaign",),
    "preview": ("preview",),
    "send-due": ("send",),
    "worker": ("send",),
    "tick": ("schedule",),
    "scheduler": ("schedule",),
    "inbound": ("inbound",),
    "web": ("web",),
    "users": ("users",),
    "demo": ("demo",),
    "check": ("check",),
}

_registered: set[str] = set()


def _register(modules: Sequence[str]) -> typer.Typer:
    """Register each module once per process (``rsvp`` adds to a group ``event`` owns)."""
    for name in modules:
        if name not in _registered:
            importlib.import_module(f"mailer.cli.{name}").register(app)
            _registered.add(name)
    return app


def app_for(args: Sequence[str]) -> typer.Typer:
    """The root app with what ``args`` need; all of it for help or an unknown command
    (whose suggestion needs every name)."""
    first = next((a for a in args if not a.startswith("-")), None)
    return _register(COMMANDS.get(first or "", MODULES))


def full_app() -> typer.Typer:
    """Every command: ``from mailer.cli import app`` in tests and scripts."""
    return _register(MODULES)
