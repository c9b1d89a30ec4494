"""``mailer rsvp list``: the attendance list for the door, as a table, JSON, CSV or XLSX.

Added to the ``rsvp`` group that ``mailer/cli/event.py`` registers (with
``rsvp set``), so both live under one ``mailer rsvp``. Files are written as
every Pleinpost export is: private (0600) from the first byte, complete or not
at all (a temporary file renamed into place), and no cell a spreadsheet would
run as a formula (``subscribers.safefile``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.table import Table
from sqlmodel import Session, select

from mailer import invitations
from mailer.cli.event import rsvp_group
from mailer.cli.runtime import console, print_json, runtime
from mailer.db import session_scope
from mailer.errors import InvalidInput, NotFound
from mailer.i18n import N_, _, label
from mailer.inbound.attendance import attendance
from mailer.inbound.attendance_files import csv_bytes, rows, xlsx_bytes
from mailer.invitations import RsvpStatus
from subscribers.models import Organisation
from subscribers.safefile import private_output
from subscribers.sqltypes import utcnow

FORMATS = ("csv", "xlsx")

STATUS_LABELS = {
    "attending": N_("attending"),
    "declined": N_("declined"),
    "maybe": N_("maybe"),
    "no_response": N_("not answered"),
    "refused": N_("no place"),
}


def _write(data: list[dict[str, Any]], out: Path, fmt: str) -> int:
    """The door list as the dashboard's download makes it (one definition of its rows)."""
    with private_output(out) as raw:
        raw.write(csv_bytes(data) if fmt == "csv" else xlsx_bytes(data))
    return sum(1 for _row in rows(data))


def _format(fmt: str | None, out: Path | None) -> str | None:
    if fmt is None and out is None:
        return None
    if out is None:
        raise typer.BadParameter(_("--format needs --out FILE"), param_hint="--format")
    chosen = (fmt or out.suffix.lstrip(".")).lower()
    if chosen not in FORMATS:
        raise typer.BadParameter(
            _("Unknown format {fmt!r}: choose csv or xlsx").format(fmt=fmt or out.suffix),
            param_hint="--format",
        )
    return chosen


def _print_table(data: list[dict[str, Any]]) -> None:
    table = Table(_("organisation"), _("answer"), _("who"), _("note"))
    for line in data:
        people = ", ".join(p["name"] or _("(name unknown)") for p in line["attendees"])
        notes = []
        if line["refused"]:
            refused = ", ".join(p["name"] for p in line["refused"])
            notes.append(_("no place: {names}").format(names=refused))
        if line["late"]:
            notes.append(_("late"))
        if line["review"]:
            notes.append(_("in review"))
        table.add_row(
            line["organisation"], label(STATUS_LABELS, line["status"]), people, "; ".join(notes)
        )
    console.print(table, markup=False)


def list_cmd(
    ctx: typer.Context,
    event_id: int = typer.Argument(..., metavar="EVENT"),
    as_json: bool = typer.Option(False, "--json", help=_("The list as JSON.")),
    fmt: str | None = typer.Option(None, "--format", "-f", help=_("csv or xlsx (with --out).")),
    out: Path | None = typer.Option(None, "--out", "-o", help=_("Output file.")),
) -> None:
    """Every invited organisation with its answer and who comes (the list for the door)."""
    chosen = _format(fmt, out)
    rt = runtime(ctx)
    with Session(rt.engine) as session:
        data = [line.as_dict(rt.settings.zone) for line in attendance(session, event_id)]
    if chosen is not None:
        assert out is not None
        count = _write(data, out, chosen)
        console.print(
            _("{count} rows written to {path}").format(count=count, path=out), markup=False
        )
        return
    if as_json:
        print_json({"event": event_id, "rsvps": data})
        return
    _print_table(data)


def _organisation(session: Session, ref: str) -> int:
    """An organisation by id or by exact name."""
    org = session.get(Organisation, int(ref)) if ref.isdigit() else None
    org = org or session.exec(select(Organisation).where(Organisation.name == ref)).first()
    if org is None or org.id is None:
        raise NotFound(_("Organisation {ref!r} not found").format(ref=ref))
    return org.id


def set_cmd(
    ctx: typer.Context,
    event_id: int = typer.Argument(..., metavar="EVENT"),
    organisation: str = typer.Argument(..., metavar="ORGANISATION", help="Id or exact name."),
    attending: str | None = typer.Option(None, "--attending", help='"Naam <email>; Naam"'),
    declined: bool = typer.Option(False, "--declined"),
    maybe: bool = typer.Option(False, "--maybe", help="Not sure yet; holds no places."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Record an organisation's answer (kept in its history; cap and capacity checked)."""
    if [attending is not None, declined, maybe].count(True) != 1:
        raise InvalidInput(_("Choose one of --attending, --declined or --maybe"))
    status = (
        RsvpStatus.DECLINED if declined else RsvpStatus.MAYBE if maybe else RsvpStatus.ATTENDING
    )
    rt = runtime(ctx)
    with session_scope(rt.engine) as session:
        rsvp = invitations.set_rsvp(
            session,
            event_id,
            _organisation(session, organisation),
            status=status,
            attendees=invitations.parse_attendees(attending or ""),
            now=utcnow(),
        )
        data = {
            "id": rsvp.id,
            "status": rsvp.status,
            "attendees": rsvp.attendees,
            "late": rsvp.late,
        }
    if as_json:
        print_json(data)
        return
    late = _(" (after the deadline)") if data["late"] else ""
    status_text = label(STATUS_LABELS, str(data["status"]))
    console.print(_("Recorded: {status}{late}").format(status=status_text, late=late))


def register(app: typer.Typer) -> None:
    """``rsvp set`` and ``rsvp list`` in the group ``mailer.cli.event`` registers."""
    rsvp_group.command("set", help=_("Record an organisation's answer by hand."))(set_cmd)
    rsvp_group.command(
        "list",
        help=_("Every invited organisation with its answer and who comes (the list for the door)."),
    )(list_cmd)
