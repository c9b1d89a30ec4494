"""``mailer users``: who may log in to the dashboard."""

from __future__ import annotations

import sys

import typer

from mailer.cli.runtime import console, print_json, runtime
from mailer.db import session_scope
from mailer.errors import InvalidInput
from mailer.i18n import LANGUAGES, _
from mailer.tracking.models import Role
from subscribers.sqltypes import utcnow


def _password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt(
            _("Password"), hide_input=True, confirmation_prompt=_("Repeat the password")
        )
    if not password:
        raise InvalidInput(_("No password given"))
    return password


def register(app: typer.Typer) -> None:
    group = typer.Typer(help=_("Dashboard users: who may log in."), no_args_is_help=True)
    app.add_typer(group, name="users")

    @group.command("add")
    def add_cmd(
        ctx: typer.Context,
        email: str = typer.Argument(..., help=_("The user's email address (their log-in).")),
        role: Role = typer.Option(Role.COORDINATOR, "--role", help=_("coordinator or admin")),
        language: str = typer.Option("nl", "--language", help=_("Dashboard language: nl or en")),
        password_stdin: bool = typer.Option(
            False, "--password-stdin", help=_("Read the password from the first line of stdin.")
        ),
    ) -> None:
        """Add a dashboard user; asks for the password twice (or reads it from stdin)."""
        if language not in LANGUAGES:
            raise InvalidInput(
                _("Unknown language {language}: choose nl or en").format(language=language)
            )
        rt = runtime(ctx)
        password = _password(password_stdin)
        with session_scope(rt.engine) as session:
            from mailer.web import users  # Argon2 loads for this command only

            user = users.add_user(
                session, email, password, role=role, language=language, now=utcnow()
            )
            address, chosen = user.email, user.role
        console.print(_("Dashboard user {email} added ({role})").format(email=address, role=chosen))

    @group.command("list")
    def list_cmd(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
        """Show the dashboard users."""
        from mailer.web import users as web_users  # Argon2 loads for the users commands only

        rt = runtime(ctx)
        with session_scope(rt.engine) as session:
            rows = [
                {
                    "email": u.email,
                    "role": u.role,
                    "language": u.language,
                    "last_login_at": u.last_login_at,
                }
                for u in web_users.list_users(session)
            ]
        if as_json:
            print_json(rows)
            return
        if not rows:
            console.print(_("No dashboard users yet; add one with `mailer users add EMAIL`"))
        for row in rows:
            console.print(f"{row['email']}  {row['role']}  {row['language']}")
