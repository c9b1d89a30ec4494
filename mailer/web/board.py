"""An event's RSVP board: every invited organisation, its answer, editable; the door list.

The rows are :func:`mailer.inbound.attendance.attendance`'s (what ``mailer
rsvp list`` prints), with the organisation's id to edit by. A coordinator's
edit is :func:`mailer.invitations.set_rsvp` with source ``manual``, as
``mailer rsvp set`` does: the cap and the capacity are checked and a refusal
is shown, the answer history keeps the previous answer, and no mail goes out
(the coordinator heard it by phone, or is correcting a mistake). The
downloads are :mod:`mailer.inbound.attendance_files`', the same rows as
``mailer rsvp list --format csv|xlsx``.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session, col, select
from starlette.datastructures import FormData

from mailer import invitations
from mailer.errors import InvalidInput, NotFound
from mailer.i18n import N_, _
from mailer.inbound import attendance, attendance_files
from mailer.invitations import Event
from mailer.invitations.rsvp import RsvpSource, RsvpStatus
from mailer.tracking.models import DashboardUser
from mailer.web import common, refusals
from mailer.web.auth import Guard
from mailer.web.context import Web
from subscribers.models import Organisation

STATUS_LABELS = {
    "attending": N_("attending"),
    "declined": N_("declined"),
    "maybe": N_("maybe"),
    "no_response": N_("not answered"),
}
SOURCE_LABELS = {
    "reply": N_("reply"),
    "calendar": N_("calendar"),
    "manual": N_("manual"),
    "web": N_("RSVP page"),
}
_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def board_rows(session: Session, event_id: int, settings_zone: Any) -> list[dict[str, Any]]:
    """The attendance lines with the organisation id each edit names."""
    lines = attendance.attendance(session, event_id)
    names = [line.organisation for line in lines]
    ids = {
        name: oid
        for oid, name in session.exec(
            select(Organisation.id, Organisation.name).where(col(Organisation.name).in_(names))
        )
    }
    return [
        {
            **line.as_dict(settings_zone),
            "organisation_id": ids.get(line.organisation),
            "answered": line.answered_at,
            "people": "\n".join(
                f"{a.get('name') or ''} <{a['email']}>".strip() if a.get("email") else a["name"]
                for a in line.attendees
            ),
        }
        for line in lines
    ]


def board_data(session: Session, event_id: int, web: Web) -> dict[str, Any]:
    """What the board needs (embedded on the event page and on its own page)."""
    return {
        "board": board_rows(session, event_id, web.settings.zone),
        "board_status_labels": STATUS_LABELS,
        "board_source_labels": SOURCE_LABELS,
    }


def edit(session: Session, event_id: int, form: FormData, web: Web) -> None:
    """One row's form as ``mailer rsvp set`` takes it (committed by the caller)."""
    organisation_id = common.number(form, "organisation_id")
    if organisation_id is None:
        raise InvalidInput(_("Which organisation? The form is incomplete"))
    raw = common.text(form, "status")
    if raw not in STATUS_LABELS:
        raise InvalidInput(_("Choose an answer"))
    people = invitations.parse_attendees(common.body(form, "attendees").replace("\n", ";"))
    invitations.set_rsvp(
        session,
        event_id,
        organisation_id,
        status=RsvpStatus(raw),
        attendees=people,
        now=web.clock(),
        source=RsvpSource.MANUAL.value,
    )


def router(web: Web, guard: Guard) -> APIRouter:
    api = APIRouter()
    signed_in = Depends(guard.user)
    posted = Depends(guard.form)
    show = common.shown(web.settings.zone)

    def board_page(
        request: Request, user: DashboardUser, event_id: int, *, error: str = ""
    ) -> HTMLResponse:
        try:
            with Session(web.engine) as session:
                event = invitations.get_event(session, event_id)
                data = board_data(session, event_id, web)
        except NotFound:
            return common.missing(guard, request, user)
        return guard.page(
            request,
            "dashboard/board.html",
            status=400 if error else 200,
            user=user,
            page="events",
            event=event,
            error=error,
            local=show,
            board_back="board",
            **data,
        )

    @api.get("/bijeenkomsten/{event_id:int}/antwoorden", response_class=HTMLResponse)
    def board(request: Request, event_id: int, user: DashboardUser = signed_in) -> HTMLResponse:
        return board_page(request, user, event_id)

    @api.post("/bijeenkomsten/{event_id:int}/antwoorden", response_class=HTMLResponse)
    def board_edit(
        request: Request, event_id: int, user: DashboardUser = signed_in, form: FormData = posted
    ) -> Response:
        try:
            with Session(web.engine) as session:
                edit(session, event_id, form, web)
                session.commit()
        except NotFound:
            return common.missing(guard, request, user)
        except common.REFUSALS as err:
            return board_page(request, user, event_id, error=refusals.shown(err, user))
        back = common.text(form, "back")
        target = back if back == "board" else "event"
        path = f"/bijeenkomsten/{event_id}"
        path = f"{path}/antwoorden" if target == "board" else path
        return RedirectResponse(f"{path}#antwoorden", status_code=303)

    @api.get("/bijeenkomsten/{event_id:int}/aanwezigen.{fmt}")
    def download(
        request: Request, event_id: int, fmt: str, user: DashboardUser = signed_in
    ) -> Response:
        if fmt not in _TYPES:
            return common.missing(guard, request, user)
        with Session(web.engine) as session:
            event = session.get(Event, event_id)
            if event is None:
                return common.missing(guard, request, user)
            zone = web.settings.zone
            data = [line.as_dict(zone) for line in attendance.attendance(session, event_id)]
        made = attendance_files.csv_bytes if fmt == "csv" else attendance_files.xlsx_bytes
        name = f"aanwezigen-{event_id}.{fmt}"
        return Response(
            made(data),
            media_type=_TYPES[fmt],
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    return api
