"""The RSVP page of every invitation: ``/r/{ref}``, bound to a signed per-delivery reference.

``GET`` shows the event, the organisation's answer on record and a form with
a row per place (the cap per organisation); ``POST`` hands the answer to
:mod:`mailer.inbound.webanswer`, which applies it as an emailed reply is
applied (source ``web``), and shows what happened. There is no session on a
public page, so the form carries its own token: signed, bound to the
reference, and valid for a week; a page left open longer is shown again to
be sent once more. A reference that is not ours, is for another purpose, or
names a delivery that is no invitation gets the plain 400 page.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlmodel import Session
from starlette.datastructures import FormData

from mailer import tokens
from mailer.errors import ConfigError, InvalidInput, PleinpostError
from mailer.inbound import webanswer
from mailer.inbound.webanswer import AnswerClosed, BadAddress, Invitation, WebResult
from mailer.invitations.rsvp import is_late
from mailer.render.dates import deadline_phrase, long_date, time_range
from mailer.tokens import Purpose
from mailer.web.context import Web
from mailer.web.texts import INVALID, rsvp_texts

log = logging.getLogger(__name__)

FORM_MAX_AGE = 7 * 24 * 3600
FIELDS_WITHOUT_CAP = 6  # rows shown when the event sets no cap per organisation


@dataclass(frozen=True)
class Shown:
    """One invitation as the page shows it, read in one short session."""

    found: Invitation
    status: str
    attendees: list[dict[str, Any]]
    late: bool


def form_signer(web: Web) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(web.settings.secret(), salt="pleinpost-rsvp-form")


def form_token_ok(web: Web, ref: str, given: object) -> bool:
    if not isinstance(given, str) or not given:
        return False
    try:
        bound = form_signer(web).loads(given, max_age=FORM_MAX_AGE)
    except BadSignature:
        return False
    return bool(bound == ref)


def rows(event_cap: int | None, attendees: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The name and address rows: the cap's number, filled with the answer on record."""
    count = event_cap or max(FIELDS_WITHOUT_CAP, len(attendees) + 2)
    filled = [{"name": a.get("name") or "", "email": a.get("email") or ""} for a in attendees]
    return (filled + [{"name": "", "email": ""}] * count)[:count]


def typed_rows(form: FormData, count: int) -> list[dict[str, str]]:
    names = [v if isinstance(v, str) else "" for v in form.getlist("name")]
    emails = [v if isinstance(v, str) else "" for v in form.getlist("email")]
    size = max(len(names), len(emails), count)
    names += [""] * (size - len(names))
    emails += [""] * (size - len(emails))
    return [{"name": n.strip(), "email": e.strip()} for n, e in zip(names, emails, strict=True)]


def router(web: Web) -> APIRouter:
    api = APIRouter()
    zone = web.settings.zone

    def invalid() -> HTMLResponse:
        return web.pages.render("public/invalid.html", status=400, t=INVALID)

    def load(delivery: int) -> Shown | None:
        with Session(web.engine) as session:
            found = webanswer.invitation(session, delivery)
            if found is None:
                return None
            rsvp = webanswer.current(session, found)
            if rsvp is None:
                return Shown(found, "no_response", [], False)
            return Shown(found, rsvp.status, list(rsvp.attendees), rsvp.late)

    def event_facts(found: Invitation) -> dict[str, str]:
        event, lang = found.event, found.language
        deadline = deadline_phrase(event.reply_by, lang, zone) if event.reply_by else ""
        return {
            "date": long_date(event.starts_at, lang, zone),
            "time": time_range(event.starts_at, event.ends_at, lang, zone),
            "deadline": deadline,
        }

    def form_page(
        ref: str,
        shown: Shown,
        *,
        status: int = 200,
        error: str = "",
        choice: str = "",
        values: list[dict[str, str]] | None = None,
    ) -> HTMLResponse:
        found, now = shown.found, web.clock()
        event = found.event
        state = "open"
        if event.cancelled:
            state = "cancelled"
        elif event.ends_at <= now:
            state = "over"
        elif webanswer.late_refused(web.settings, event, now):
            state = "late_closed"
        elif is_late(event, now):
            state = "late_open"
        if not choice and shown.status in ("attending", "declined"):
            choice = "yes" if shown.status == "attending" else "no"
        return web.pages.render(
            "public/rsvp.html",
            status=status,
            lang=found.language,
            t=rsvp_texts(found.language, web.settings.network_name),
            ref=ref,
            found=found,
            event=event,
            facts=event_facts(found),
            shown=shown,
            state=state,
            error=error,
            choice=choice,
            rows=values or rows(event.max_per_organisation, shown.attendees),
            form_token=form_signer(web).dumps(ref),
        )

    def apply(delivery: int, attending: bool, people: list[dict[str, Any]]) -> WebResult:
        result = webanswer.submit(
            web.engine, web.settings, delivery, attending, people, web.clock()
        )
        try:
            return webanswer.send_answers(web.engine, web.settings, result)
        except (PleinpostError, ConfigError, OSError) as err:
            # the answer is recorded and its mail stays pending for the next pass
            log.warning("RSVP answer %s recorded, mail not sent now: %s", result.inbound_id, err)
            return result

    @api.get("/r/{ref}", response_class=HTMLResponse)
    async def rsvp_page(ref: str) -> HTMLResponse:
        try:
            delivery = tokens.link_delivery(web.settings, Purpose.RSVP, ref)
        except InvalidInput:
            return invalid()
        shown = await run_in_threadpool(load, delivery)
        if shown is None:
            return invalid()
        return form_page(ref, shown)

    @api.post("/r/{ref}", response_class=HTMLResponse)
    async def rsvp_answer(ref: str, request: Request) -> HTMLResponse:
        try:
            delivery = tokens.link_delivery(web.settings, Purpose.RSVP, ref)
        except InvalidInput:
            return invalid()
        shown = await run_in_threadpool(load, delivery)
        if shown is None:
            return invalid()
        form = await request.form()
        texts = rsvp_texts(shown.found.language, web.settings.network_name)
        choice = form.get("answer")
        choice = choice if choice in ("yes", "no") else ""
        typed = typed_rows(form, shown.found.event.max_per_organisation or 0)

        def again(error: str) -> HTMLResponse:
            return form_page(ref, shown, status=400, error=error, choice=choice, values=typed)

        if not form_token_ok(web, ref, form.get("form_token")):
            return again(texts["stale"])
        if not choice:
            return again(texts["choose"])
        try:
            people = webanswer.people([(r["name"], r["email"]) for r in typed])
        except BadAddress as err:
            return again(texts["bad_email"].format(email=err.value))
        if choice == "yes" and not people:
            return again(texts["need_name"])
        try:
            result = await run_in_threadpool(apply, delivery, choice == "yes", people)
        except AnswerClosed:
            return form_page(ref, shown, status=409)
        return web.pages.render(
            "public/rsvp_done.html",
            lang=shown.found.language,
            t=texts,
            ref=ref,
            found=shown.found,
            event=shown.found.event,
            outcome=result.outcome,
            rsvp=result.outcome.rsvp or {},
            mailed=any(a.get("state") in ("pending", "sent") for a in result.outcome.answers),
        )

    return api
