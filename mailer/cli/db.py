"""``mailer db``: bring the database to the newest schema."""

from __future__ import annotations

import typer

from mailer.cli.runtime import console, runtime
from mailer.db import engine_for, upgrade


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="Database / databank.", no_args_is_help=True)

    @group.command("upgrade")
    def upgrade_cmd(ctx: typer.Context) -> None:
        """Bring the database to the newest schema (safe to repeat)."""
        settings = runtime(ctx).settings
        upgrade(engine_for(settings))
        console.print(f"Database up to date: {settings.db_url}")

    app.add_typer(group, name="db")
