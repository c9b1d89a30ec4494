"""Bijeenkomsten: create and edit an event (local times), its timeline, its answers so far.

Creating is ``invitations.create_event`` then ``timeline.plan_timeline``, as
``mailer event create`` does; editing is ``event_edit.edit_event`` with only
the fields the coordinator changed (so a moved start takes the deadline and
programme time along, as on the command line), then the same question the
CLI asks: tell those invited now, keep the update as a draft, or not yet.
Cancelling is ``event_edit.cancel_event``, as ``mailer event cancel`` does:
a confirmation page first (how many addresses the cancellation reaches, an
optional word of explanation for the guests, the CLI's ``--message``), then
the cancellation mail is queued for everyone invited and registered.
The RSVP board (every invited organisation, editable, and the list for the
door) is :mod:`mailer.web.board`'s, embedded here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session, col, select
from starlette.datastructures import FormData

from mailer import campaigns, invitations
from mailer.campaigns import event_edit, timeline
from mailer.campaigns.event_edit import FIELD_LABELS, CancelReport, EditReport, EventChanges
from mailer.errors import InvalidInput, NotFound
from mailer.i18n import N_, _
from mailer.inbound import attendance
from mailer.invitations import Event
from mailer.tracking.models import DashboardUser
from mailer.web import board, common, refusals
from mailer.web.auth import Guard
from mailer.web.context import Web
from mailer.web.lang import gettext_for
from subscribers.models import Organisation

# Timeline words as the page shows them (translated per user); reminders add their days.
STEP_LABELS = {
    "invitation": N_("invitation"),
    "deadline": N_("reply-by date"),
    "programme": N_("programme"),
    "event": N_("the event"),
    "update": N_("update"),
    "cancellation": N_("cancellation"),
    "reminder": N_("reminder"),
}
STEP_STATUS_LABELS = {
    "lapsed": N_("lapsed"),
    "open": N_("open"),
    "closed": N_("closed"),
    "upcoming": N_("upcoming"),
    "done": N_("done"),
}

_TEXTS = ("title", "place", "address")
_TIMES = ("starts_at", "ends_at", "reply_by", "programme_at")
_NUMBERS = ("max_per_organisation", "capacity")


def _days(raw: str) -> list[int]:
    """``3,1`` → [3, 1] (days before the deadline), as ``--reminder-days`` reads it."""
    try:
        return [int(p) for p in raw.replace(" ", "").split(",") if p]
    except ValueError as err:
        raise InvalidInput(
            _("Reminder days {text!r}: write e.g. 3,1 (days before the deadline)").format(text=raw)
        ) from err


def event_values(form: common.Fields, web: Web) -> dict[str, Any]:
    """The form's fields as ``create_event`` takes them (blank optional fields: None)."""
    zone = web.settings.zone
    values: dict[str, Any] = {name: common.text(form, name) for name in _TEXTS}
    values["description"] = common.body(form, "description")
    values["programme"] = common.body(form, "programme")
    for name in _TIMES:
        values[name] = common.moment(form, name, zone)
    for name in _NUMBERS:
        values[name] = common.number(form, name)
    values["reminder_days"] = _days(common.text(form, "reminder_days"))
    if values["starts_at"] is None or values["ends_at"] is None:
        raise InvalidInput(_("An event needs a start and an end"))
    return values


def changes_from(event: Event, values: dict[str, Any]) -> EventChanges:
    """Only what differs from the event now; a blank optional field leaves it as it is."""
    changed = {
        name: value
        for name, value in values.items()
        if value is not None and value != getattr(event, name)
    }
    return EventChanges(**changed)


def shown_values(event: Event | None, web: Web) -> dict[str, Any]:
    """What the form fields show: the event's values, times as local ``datetime-local``."""
    zone = web.settings.zone
    if event is None:
        blank = dict.fromkeys((*_TEXTS, *_TIMES, *_NUMBERS, "description", "programme"), "")
        return {**blank, "reminder_days": "3,1"}
    values: dict[str, Any] = {
        name: getattr(event, name) for name in (*_TEXTS, "description", "programme")
    }
    values.update({name: common.as_input(getattr(event, name), zone) for name in _TIMES})
    values.update({name: getattr(event, name) or "" for name in _NUMBERS})
    values["reminder_days"] = ",".join(str(d) for d in event.reminder_days)
    return values


def _form_echo(form: FormData) -> dict[str, Any]:
    """The form as typed, to show it again after a refusal."""
    names = (*_TEXTS, *_TIMES, *_NUMBERS, "reminder_days")
    echo: dict[str, Any] = {name: common.text(form, name) for name in names}
    echo["description"] = common.body(form, "description")
    echo["programme"] = common.body(form, "programme")
    return echo


def _field_names(say: Callable[[str], str]) -> Callable[[list[str]], str]:
    """``["starts_at", "reply_by"]`` as the user reads them: "start, reply-by deadline"."""
    return lambda names: ", ".join(say(FIELD_LABELS.get(n, n)) for n in names)


def event_page_data(session: Session, event_id: int, web: Web) -> dict[str, Any]:
    event = invitations.get_event(session, event_id)
    names = {oid: name for oid, name in session.execute(select(Organisation.id, Organisation.name))}
    return {
        "event": event,
        "steps": timeline.timeline(session, event_id, web.clock(), web.settings.zone),
        "rsvps": [
            {"organisation": names.get(r.organisation_id, str(r.organisation_id)), "rsvp": r}
            for r in invitations.rsvps(session, event_id)
        ],
        "answers": attendance.counts(session, event_id),
        "pending_update": event_edit.pending_update(session, event_id),
        "unannounced": event_edit.unannounced(event),
        "can_cancel": not event.cancelled and event.starts_at > web.clock(),
        **board.board_data(session, event_id, web),
        "board_back": "event",
    }


def router(web: Web, guard: Guard) -> APIRouter:
    api = APIRouter()
    signed_in = Depends(guard.user)
    posted = Depends(guard.form)
    show = common.shown(web.settings.zone)

    def form_page(
        request: Request,
        user: DashboardUser,
        values: dict[str, Any],
        *,
        event: Event | None = None,
        error: str = "",
    ) -> HTMLResponse:
        return guard.page(
            request,
            "dashboard/event_form.html",
            status=400 if error else 200,
            user=user,
            page="events",
            event=event,
            values=values,
            error=error,
            zone=web.settings.timezone,
        )

    def event_page(
        request: Request,
        user: DashboardUser,
        event_id: int,
        *,
        report: EditReport | None = None,
        cancelled: CancelReport | None = None,
        notice: str = "",
        error: str = "",
    ) -> HTMLResponse:
        try:
            with Session(web.engine) as session:
                data = event_page_data(session, event_id, web)
        except NotFound:
            return common.missing(guard, request, user)
        return guard.page(
            request,
            "dashboard/event.html",
            user=user,
            page="events",
            local=show,
            report=report,
            cancelled=cancelled,
            say=refusals.speaker(user),  # timeline notes, made in the process language
            fields=_field_names(gettext_for(user.language)),
            notice=notice,
            error=error,
            step_labels=STEP_LABELS,
            status_labels={**campaigns.STATUS_LABELS, **STEP_STATUS_LABELS},
            **data,
        )

    @api.get("/bijeenkomsten", response_class=HTMLResponse)
    def event_list(request: Request, user: DashboardUser = signed_in) -> HTMLResponse:
        with Session(web.engine) as session:
            events = list(session.exec(select(Event).order_by(col(Event.starts_at).desc())))
        return guard.page(
            request,
            "dashboard/events.html",
            user=user,
            page="events",
            events=events,
            local=show,
            now=web.clock(),
        )

    @api.get("/bijeenkomsten/nieuw", response_class=HTMLResponse)
    def new_event(request: Request, user: DashboardUser = signed_in) -> HTMLResponse:
        return form_page(request, user, shown_values(None, web))

    @api.post("/bijeenkomsten/nieuw", response_class=HTMLResponse)
    def create_event(
        request: Request, user: DashboardUser = signed_in, form: FormData = posted
    ) -> Response:
        try:
            values = event_values(form, web)
            with Session(web.engine) as session:
                event = invitations.create_event(
                    session, **values, timezone=web.settings.timezone, now=web.clock()
                )
                assert event.id is not None
                new_id = event.id
                timeline.plan_timeline(session, new_id, web.settings, now=web.clock())
                session.commit()
        except common.REFUSALS as err:
            return form_page(request, user, _form_echo(form), error=refusals.shown(err, user))
        return RedirectResponse(f"/bijeenkomsten/{new_id}", status_code=303)

    @api.get("/bijeenkomsten/{event_id:int}", response_class=HTMLResponse)
    def event_detail(
        request: Request, event_id: int, user: DashboardUser = signed_in
    ) -> HTMLResponse:
        return event_page(request, user, event_id)

    @api.get("/bijeenkomsten/{event_id:int}/bewerken", response_class=HTMLResponse)
    def edit_form(request: Request, event_id: int, user: DashboardUser = signed_in) -> HTMLResponse:
        with Session(web.engine) as session:
            event = session.get(Event, event_id)
        if event is None:
            return common.missing(guard, request, user)
        return form_page(request, user, shown_values(event, web), event=event)

    @api.post("/bijeenkomsten/{event_id:int}/bewerken", response_class=HTMLResponse)
    def edit_event(
        request: Request, event_id: int, user: DashboardUser = signed_in, form: FormData = posted
    ) -> Response:
        with Session(web.engine) as session:
            event = session.get(Event, event_id)
            if event is None:
                return common.missing(guard, request, user)
            try:
                changes = changes_from(event, event_values(form, web))
                report = event_edit.edit_event(
                    session, event_id, changes, web.settings, web.clock()
                )
                session.commit()
            except common.REFUSALS as err:
                session.rollback()
                return form_page(
                    request, user, _form_echo(form), event=event, error=refusals.shown(err, user)
                )
        return event_page(request, user, event_id, report=report)

    @api.post("/bijeenkomsten/{event_id:int}/bijwerken", response_class=HTMLResponse)
    def announce(
        request: Request, event_id: int, user: DashboardUser = signed_in, form: FormData = posted
    ) -> Response:
        """Tell those invited what changed: queued now, or kept as a draft to check first."""
        queue = common.text(form, "queue") == "yes"
        with Session(web.engine) as session:
            made = event_edit.announce(session, event_id, web.clock(), queue=queue)
            session.commit()
            target = made[0].id if made else None
        if target is None:
            return event_page(request, user, event_id)
        done = "queued" if queue else "created"
        return RedirectResponse(f"/campagnes/{target}?gedaan={done}", status_code=303)

    def cancel_page(
        request: Request, user: DashboardUser, event_id: int, *, message: str = "", error: str = ""
    ) -> HTMLResponse:
        """The confirmation step: what a cancellation stops and whom it tells."""
        try:
            with Session(web.engine) as session:
                event = event_edit.check_cancellable(session, event_id, web.clock())
                count = event_edit.recipients_count(session, event_id)
        except NotFound:
            return common.missing(guard, request, user)
        except common.REFUSALS as err:
            return event_page(request, user, event_id, error=refusals.shown(err, user))
        return guard.page(
            request,
            "dashboard/event_cancel.html",
            status=400 if error else 200,
            user=user,
            page="events",
            event=event,
            recipients=count,
            message=message,
            error=error,
            local=show,
        )

    @api.get("/bijeenkomsten/{event_id:int}/annuleren", response_class=HTMLResponse)
    def cancel_form(
        request: Request, event_id: int, user: DashboardUser = signed_in
    ) -> HTMLResponse:
        return cancel_page(request, user, event_id)

    @api.post("/bijeenkomsten/{event_id:int}/annuleren", response_class=HTMLResponse)
    def cancel_event(
        request: Request, event_id: int, user: DashboardUser = signed_in, form: FormData = posted
    ) -> Response:
        """Cancel only with the confirmation page's ``confirm=yes``, as the CLI's ``--yes``."""
        message = common.body(form, "message").strip()
        if common.text(form, "confirm") != "yes":
            return cancel_page(request, user, event_id, message=message)
        try:
            with Session(web.engine) as session:
                report = event_edit.cancel_event(session, event_id, web.clock(), message=message)
                session.commit()
        except NotFound:
            return common.missing(guard, request, user)
        except common.REFUSALS as err:
            return cancel_page(
                request, user, event_id, message=message, error=refusals.shown(err, user)
            )
        return event_page(request, user, event_id, cancelled=report)

    return api
