"""``mailer db``: bring the database to the newest schema."""

from __future__ import annotations

import typer
from sqlalchemy.engine import make_url

from mailer.cli.runtime import console, runtime
from mailer.db import engine_for, upgrade
from mailer.i18n import _


def register(app: typer.Typer) -> None:
    group = typer.Typer(help=_("The database."), no_args_is_help=True)

    @group.command("upgrade", help=_("Bring the database to the newest schema (safe to repeat)."))
    def upgrade_cmd(ctx: typer.Context) -> None:
        """Bring the database to the newest schema (safe to repeat)."""
        settings = runtime(ctx).settings
        upgrade(engine_for(settings))
        shown = make_url(settings.db_url).render_as_string(hide_password=True)
        console.print(_("Database up to date: {url}").format(url=shown), markup=False)

    app.add_typer(group, name="db")
