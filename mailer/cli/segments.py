"""``mailer segments``: save, list, show and delete audience rules."""

from __future__ import annotations

from typing import Any

import typer
from rich.markup import escape
from rich.table import Table
from sqlmodel import Session

from mailer.campaigns import check_segment_unused
from mailer.cli.contacts import friendly_errors
from mailer.cli.runtime import console, print_json, runtime
from mailer.db import session_scope
from mailer.i18n import _
from subscribers.segments import (
    Rule,
    audience,
    count,
    delete_segment,
    list_segments,
    organisations,
    rule_for,
    save_segment,
)


def _describe(rule: Rule) -> str:
    parts = [f"{k}={','.join(v)}" for k, v in rule.to_json().items()]
    return "; ".join(parts) or _("everyone")


def segment_summary(session: Session, name: str, sample: int) -> dict[str, Any]:
    """Counts and a few contacts, so a coordinator can check a rule before mailing it."""
    rule = rule_for(session, name)
    query = audience(session, [name])
    rows = session.execute(query.limit(sample)).all() if sample else []
    return {
        "name": name,
        "rule": rule.to_json(),
        "contacts": count(session, query),
        "active": count(session, query.where(query.selected_columns.status == "active")),
        "organisations": count(session, organisations(session, [name])),
        "sample": [
            {"email": r.email, "name": r.name, "language": r.language, "status": r.status}
            for r in rows
        ],
    }


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    group = typer.Typer(help="Segments: saved audience rules.", no_args_is_help=True)

    @group.command("create")
    def create_cmd(
        ctx: typer.Context,
        name: str = typer.Argument(..., help="Segment name."),
        kind: list[str] = typer.Option(
            [], "--kind", help="gemeente, initiatief, provincie, overig"
        ),
        municipality: list[str] = typer.Option([], "--municipality", help="Municipality (name)."),
        region: list[str] = typer.Option([], "--region", help="Region."),
        tag: list[str] = typer.Option([], "--tag", help="With this tag."),
        exclude_tag: list[str] = typer.Option([], "--exclude-tag", help="Without this tag."),
        contact: list[str] = typer.Option([], "--contact", help="Single contacts (email)."),
        status: list[str] = typer.Option([], "--status", help="active, unsubscribed, …"),
    ) -> None:
        """Save a rule; values of one option are alternatives, different options all apply."""
        with friendly_errors(), session_scope(runtime(ctx).engine) as session:
            rule = Rule.build(
                kinds=kind,
                municipalities=municipality,
                regions=region,
                tags=tag,
                exclude_tags=exclude_tag,
                contacts=contact,
                statuses=status,
            )
            save_segment(session, name, rule)
            total = count(session, audience(session, [name]))
        console.print(
            _("Segment {name!r} saved: {rule} ({count} contacts)").format(
                name=name, rule=_describe(rule), count=total
            )
        )

    @group.command("list")
    def list_cmd(
        ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="As JSON.")
    ) -> None:
        """Built-in and saved segments with their contact counts."""
        with session_scope(runtime(ctx).engine) as session:
            rows: list[dict[str, Any]] = [
                {
                    "name": name,
                    "built_in": built_in,
                    "rule": rule.to_json(),
                    "contacts": count(session, audience(session, [name])),
                }
                for name, rule, built_in in list_segments(session)
            ]
        if as_json:
            print_json(rows)
            return
        table = Table(_("segment"), _("type"), _("rule"), _("contacts"))
        for row in rows:
            kind = _("built in") if row["built_in"] else _("saved")
            rule = _describe(Rule.from_json(row["rule"]))
            table.add_row(row["name"], kind, rule, str(row["contacts"]))
        console.print(table)

    @group.command("show")
    def show_cmd(
        ctx: typer.Context,
        name: str = typer.Argument(..., help="Segment name."),
        sample: int = typer.Option(10, help="Sample size."),
        as_json: bool = typer.Option(False, "--json", help="As JSON."),
    ) -> None:
        """Count and a sample of a segment."""
        with friendly_errors(), session_scope(runtime(ctx).engine) as session:
            summary = segment_summary(session, name, sample)
        if as_json:
            print_json(summary)
            return
        console.print(
            _(
                "[bold]{name}[/]: {contacts} contacts ({active} active) in {orgs} organisations"
            ).format(
                name=escape(name),
                contacts=summary["contacts"],
                active=summary["active"],
                orgs=summary["organisations"],
            ),
            markup=True,
        )
        table = Table(_("email"), _("name"), _("language"), _("status"))
        for row in summary["sample"]:
            table.add_row(row["email"], row["name"], row["language"], row["status"])
        console.print(table)

    @group.command("delete")
    def delete_cmd(
        ctx: typer.Context, name: str = typer.Argument(..., help="Segment name.")
    ) -> None:
        """Delete a saved segment; refused while a campaign that has not started uses it."""
        with friendly_errors(), session_scope(runtime(ctx).engine) as session:
            check_segment_unused(session, name)
            delete_segment(session, name)
        console.print(_("Segment {name!r} deleted").format(name=name))

    app.add_typer(group, name="segments")
