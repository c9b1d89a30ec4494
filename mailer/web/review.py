"""Te beoordelen: the review queue, one reply at a time, decided in one click.

The list and the item are :mod:`mailer.inbound.queue`'s (what ``mailer inbound
review`` and ``show`` print); every decision is a
:class:`~mailer.inbound.resolve.Correction` handed to
:func:`~mailer.inbound.resolve.resolve`, as ``mailer inbound resolve`` does:
applied like an automatic answer (source ``manual``) and answered like one.
The reply's own words are shown first; the message as it came, with the quoted
invitation and the signature, is folded away below them. Everything in it
came from outside and reaches the page only through autoescaping.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session, col, select
from starlette.datastructures import FormData

from mailer.errors import InvalidInput, NotFound
from mailer.i18n import N_, _
from mailer.inbound import queue
from mailer.inbound.intake import raw_bytes
from mailer.inbound.models import InboundMessage
from mailer.inbound.parse import parse
from mailer.inbound.resolve import IGNORE, Correction, ResolveReport, resolve
from mailer.invitations import Event
from mailer.invitations.rsvp import parse_attendees
from mailer.tracking.models import DashboardUser
from mailer.web import common, refusals
from mailer.web.auth import Guard
from mailer.web.context import Web
from mailer.web.lang import gettext_for
from subscribers.models import Organisation

BASE = "/te-beoordelen"
ACTIONS = ("accept", "correct", "declined", "maybe", IGNORE)
_ANSWERS = ("attending", "declined", "maybe")

# outcome["note"] codes (mailer.inbound.outcome.Note), as the queue explains them
NOTE_LABELS = {
    "unmatched": N_("no invitation or organisation found for it"),
    "no_event": N_("it answers no event"),
    "unclear": N_("no answer could be read"),
    "low_confidence": N_("the answer was not read with enough certainty"),
    "no_attendees": N_("attending, but nobody is named"),
    "unnamed_attendees": N_("more people come than were named: fill in the names"),
    "event_cancelled": N_("the event is cancelled"),
    "event_over": N_("the event is over"),
    "event_full": N_("the event is full: nobody could be registered"),
    "unknown_sender": N_("an unsubscribe from an address that is no contact"),
    "unknown_recipient": N_("a bounce for an address we do not know"),
    "no_coordinator": N_("not an answer, and MAILER_COORDINATOR_EMAIL is not set to forward it"),
    "own_address": N_("it comes from our own sender or the coordinator: not forwarded (no loop)"),
}
DONE_LABELS = {
    "rsvp": N_("Applied: the answer is recorded."),
    "unchanged": N_("Nothing changed: that was already the answer."),
    "ignored": N_("Ignored: nothing was changed."),
    "review": N_("Still in review: {note}."),
    "late_refused": N_("Not recorded: the answer came after the deadline."),
}


def proposed_people(item: dict[str, Any]) -> list[dict[str, Any]]:
    """The reading's attendees as a correction names them ("ik kom zelf": the sender)."""
    people = []
    for person in item.get("attendees") or []:
        email = person.get("email") or (item.get("from") if person.get("is_sender") else None)
        name = " ".join(str(person.get("name") or "").split()) or (email or "")
        if name:
            people.append({"name": name, "email": email or None})
    return people


def people_text(people: list[dict[str, Any]]) -> str:
    """One person a line, ``Naam <mail>`` as ``--attending`` takes it."""
    return "\n".join(f"{p['name']} <{p['email']}>" if p.get("email") else p["name"] for p in people)


def correction_from(form: FormData, item: dict[str, Any]) -> Correction:
    """What the button pressed means; "accept" takes the proposal as it stands."""
    action = common.text(form, "action")
    organisation = common.text(form, "organisation") or None
    event = common.number(form, "event")
    if action not in ACTIONS:
        raise InvalidInput(_("Choose what the message means"))
    if action == IGNORE:
        return Correction(IGNORE)
    if action in ("declined", "maybe"):
        return Correction(action, (), organisation, event)
    if action == "accept":
        decision = item.get("decision")
        if decision not in _ANSWERS:
            raise InvalidInput(_("There is no proposal to accept: correct it instead"))
        people = proposed_people(item) if decision != "declined" else []
        return Correction(decision, tuple(people), organisation, event)
    lines = common.body(form, "attendees").replace("\n", ";")
    people = parse_attendees(lines)
    if not people:
        raise InvalidInput(_("Who attends? Give at least one name"))
    return Correction("attending", tuple(people), organisation, event)


def message_text(session: Session, inbound_id: int) -> str:
    """The message's body as it came (quote and signature included), for the folded part."""
    raw = raw_bytes(session, inbound_id)
    if raw is None:
        return ""
    parsed = parse(raw)
    return "\n\n".join(part for part in (parsed.text, parsed.html_quote) if part.strip())


def review_notes(session: Session, ids: list[int]) -> dict[int, str]:
    """Why each listed message waits (its outcome's note code), where it says."""
    if not ids:
        return {}
    rows = session.exec(
        select(InboundMessage.id, InboundMessage.outcome).where(col(InboundMessage.id).in_(ids))
    )
    return {
        i: str(o.get("note") or "")
        for i, o in rows
        if i is not None and isinstance(o, dict) and o.get("note")
    }


def choices(session: Session) -> dict[str, Any]:
    """Organisations and events a coordinator may hand an unmatched message to."""
    orgs = session.exec(select(Organisation.name).order_by(col(Organisation.name)).limit(5000))
    events = session.exec(select(Event).order_by(col(Event.starts_at).desc()).limit(50))
    return {"organisations": list(orgs), "events": list(events)}


def router(web: Web, guard: Guard) -> APIRouter:
    api = APIRouter()
    signed_in = Depends(guard.user)
    posted = Depends(guard.form)
    show = common.shown(web.settings.zone)

    def item_data(inbound_id: int) -> dict[str, Any]:
        with Session(web.engine) as session:
            item = queue.detail(session, inbound_id)
            return {
                "item": item,
                "whole": message_text(session, inbound_id),
                "people": people_text(proposed_people(item)),
                **choices(session),
            }

    def item_page(
        request: Request,
        user: DashboardUser,
        inbound_id: int,
        *,
        status: int = 200,
        error: str = "",
        notice: str = "",
    ) -> HTMLResponse:
        try:
            data = item_data(inbound_id)
        except NotFound:
            return common.missing(guard, request, user)
        return guard.page(
            request,
            "dashboard/review.html",
            status=status,
            user=user,
            page="review",
            error=error,
            notice=notice,
            note_labels=NOTE_LABELS,
            in_review=data["item"]["status"] in queue.REVIEW_STATUSES,
            received=datetime.fromisoformat(data["item"]["received_at"]),
            local=show,
            **data,
        )

    @api.get(BASE, response_class=HTMLResponse)
    def review_list(request: Request, user: DashboardUser = signed_in) -> HTMLResponse:
        with Session(web.engine) as session:
            items = queue.summaries(session, statuses=queue.REVIEW_STATUSES, limit=500)
            notes = review_notes(session, [i["id"] for i in items])
        for item in items:
            item["received"] = datetime.fromisoformat(item["received_at"])
            item["note"] = notes.get(item["id"]) or item["note"]
        return guard.page(
            request,
            "dashboard/review_list.html",
            user=user,
            page="review",
            items=items,
            local=show,
            note_labels=NOTE_LABELS,
        )

    @api.get(BASE + "/{inbound_id:int}", response_class=HTMLResponse)
    def review_item(
        request: Request, inbound_id: int, gedaan: str = "", user: DashboardUser = signed_in
    ) -> HTMLResponse:
        return item_page(request, user, inbound_id, notice=_done_notice(user, gedaan))

    @api.post(BASE + "/{inbound_id:int}", response_class=HTMLResponse)
    async def decide(
        request: Request, inbound_id: int, user: DashboardUser = signed_in, form: FormData = posted
    ) -> Response:
        try:
            item = await run_in_threadpool(_detail, web, inbound_id)
        except NotFound:
            return common.missing(guard, request, user)
        try:
            correction = correction_from(form, item)
            report: ResolveReport = await run_in_threadpool(
                resolve, web.engine, web.settings, inbound_id, correction, now=web.clock()
            )
        except common.REFUSALS as err:
            message = refusals.shown(err, user)
            return item_page(request, user, inbound_id, status=400, error=message)
        done = report.outcome.action
        if done == "review":
            done = f"review:{report.outcome.note}"
        return RedirectResponse(f"{BASE}/{inbound_id}?gedaan={done}", status_code=303)

    return api


def _detail(web: Web, inbound_id: int) -> dict[str, Any]:
    with Session(web.engine) as session:
        return queue.detail(session, inbound_id)


def _done_notice(user: DashboardUser, done: str) -> str:
    if not done:
        return ""
    gettext = gettext_for(user.language)
    action, _sep, note = done.partition(":")
    text = DONE_LABELS.get(action)
    if text is None:
        return ""
    note_text = gettext(NOTE_LABELS.get(note, note)) if note else ""
    return gettext(text).format(note=note_text)
