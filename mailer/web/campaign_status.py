"""One campaign's status page and what a coordinator does from it.

Counts per delivery state (a fragment the page fetches again while it is
open), the problems with their reasons, the uncertain rows and the resend
decision, and the moves: test copy, schedule, send now, pause, resume,
cancel. Each move is the CLI's own call (``mailer.campaigns``,
``mailer.outbox``); cancelling and resending uncertain rows ask first, on a
page of their own, as the CLI asks on a terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session
from starlette.datastructures import FormData

from mailer import campaigns, outbox, reasons
from mailer.errors import InvalidInput, NotFound
from mailer.i18n import N_
from mailer.invitations import Event
from mailer.tracking import activity
from mailer.tracking.models import DashboardUser
from mailer.web import common, mailview, refusals
from mailer.web.auth import Guard
from mailer.web.common import missing
from mailer.web.context import Web
from mailer.web.lang import gettext_for

# After a move the page says what happened; only these fixed texts, never one from the URL.
DONE = {
    "created": N_("Saved as a draft. Check the preview, send yourself a test, then schedule it."),
    "edited": N_("Changes saved."),
    "scheduled": N_("Scheduled."),
    "queued": N_("Queued: the next send pass (worker, `mailer tick` or the scheduler) sends it."),
    "paused": N_("Paused."),
    "resumed": N_("Resumed."),
    "cancelled": N_("Cancelled; what was still queued is skipped."),
    "requeued": N_("The uncertain deliveries are queued again."),
}

# Moves without a question; cancel and resend ask first (see CONFIRM).
_MOVES = {"pauzeren": "paused", "hervatten": "resumed"}
CONFIRM = {
    "annuleren": N_(
        "Cancel campaign {id}? Nothing more is sent; what is still queued is skipped. "
        "This cannot be undone."
    ),
    "opnieuw": N_(
        "{count} deliveries of campaign {id} may or may not have arrived (the sending process "
        "stopped while they were handed over). Resending may mail those recipients twice. "
        "Resend them?"
    ),
}


def status_data(session: Session, campaign_id: int) -> dict[str, Any]:
    campaign = campaigns.get(session, campaign_id)
    event = session.get(Event, campaign.event_id) if campaign.event_id else None
    return {
        "campaign": campaign,
        "event": event,
        "languages": campaigns.languages(campaign),
        "counts": outbox.counts(session, campaign_id),
        "problems": outbox.problems(session, campaign_id),
        "note": reasons.render(campaign.note),
        # opens and clicks: None unless the campaign went out with MAILER_TRACKING on
        "tracking": activity.figures(session.connection(), campaign_id),
        "tracking_texts": (activity.FIGURES, activity.CAVEAT),
    }


def _move(session: Session, campaign_id: int, action: str) -> None:
    if action == "pauzeren":
        campaigns.pause(session, campaign_id)
    elif action == "hervatten":
        campaigns.resume(session, campaign_id)
    elif action == "annuleren":
        campaigns.cancel(session, campaign_id)
    elif action == "opnieuw":
        _resend_uncertain(session, campaign_id)


def _resend_uncertain(session: Session, campaign_id: int) -> None:
    """What ``mailer campaign resend --uncertain --yes`` does, after the page asked."""
    campaigns.resend_uncertain(session, campaign_id)


def router(web: Web, guard: Guard) -> APIRouter:
    api = APIRouter()
    signed_in = Depends(guard.user)
    posted = Depends(guard.form)
    zone = web.settings.zone

    def status_page(
        request: Request,
        user: DashboardUser,
        campaign_id: int,
        *,
        error: str = "",
        notice: str = "",
        status: int = 200,
    ) -> HTMLResponse:
        try:
            with Session(web.engine) as session:
                data = status_data(session, campaign_id)
        except NotFound:
            return missing(guard, request, user)
        done = common.text(request.query_params, "gedaan")
        translate = gettext_for(user.language)
        return guard.page(
            request,
            "dashboard/campaign.html",
            status=400 if error else status,
            user=user,
            page="campaigns",
            error=error,
            notice=notice or (translate(DONE[done]) if done in DONE else ""),
            local=common.shown(zone),
            kind_labels=campaigns.KIND_LABELS,
            status_labels=campaigns.STATUS_LABELS,
            editable=data["campaign"].status in campaigns.EDITABLE,
            zone=web.settings.timezone,
            **data,
        )

    @api.get("/campagnes/{campaign_id:int}", response_class=HTMLResponse)
    def campaign_status(
        request: Request, campaign_id: int, user: DashboardUser = signed_in
    ) -> HTMLResponse:
        return status_page(request, user, campaign_id)

    @api.get("/campagnes/{campaign_id:int}/live", response_class=HTMLResponse)
    def campaign_live(
        request: Request, campaign_id: int, user: DashboardUser = signed_in
    ) -> HTMLResponse:
        with Session(web.engine) as session:
            data = status_data(session, campaign_id)
        return guard.page(
            request,
            "dashboard/_campaign_counts.html",
            user=user,
            status_labels=campaigns.STATUS_LABELS,
            **data,
        )

    @api.post("/campagnes/{campaign_id:int}/plannen", response_class=HTMLResponse)
    def schedule(
        request: Request, campaign_id: int, user: DashboardUser = signed_in, form: FormData = posted
    ) -> Response:
        now = web.clock()
        try:
            at = common.moment(form, "at", zone)
            if at is None or at <= now:
                raise InvalidInput(
                    gettext_for(user.language)("Give a time in the future, or use 'Send now'")
                )
            _commit(web, lambda s: campaigns.schedule(s, campaign_id, at, now=now))
        except common.REFUSALS as err:
            return status_page(request, user, campaign_id, error=refusals.shown(err, user))
        return _back(campaign_id, "scheduled")

    @api.post("/campagnes/{campaign_id:int}/nu", response_class=HTMLResponse)
    def send_now(
        request: Request, campaign_id: int, user: DashboardUser = signed_in, form: FormData = posted
    ) -> Response:
        """``mailer campaign send --queue-only``: due now; the next send pass takes it."""
        now = web.clock()
        try:
            _commit(web, lambda s: campaigns.schedule(s, campaign_id, now, now=now))
        except common.REFUSALS as err:
            return status_page(request, user, campaign_id, error=refusals.shown(err, user))
        return _back(campaign_id, "queued")

    @api.post("/campagnes/{campaign_id:int}/test", response_class=HTMLResponse)
    def test_copy(
        request: Request, campaign_id: int, user: DashboardUser = signed_in, form: FormData = posted
    ) -> HTMLResponse:
        translate = gettext_for(user.language)
        try:
            with Session(web.engine) as session:
                campaign = campaigns.get(session, campaign_id)
                results = mailview.send_test_copies(
                    session, campaign, user.email, web.settings, web.clock()
                )
        except common.REFUSALS as err:
            return status_page(request, user, campaign_id, error=refusals.shown(err, user))
        if not mailview.all_sent(results):
            failed = "; ".join(f"{lang}: {r.reason}" for lang, r in results.items())
            message = translate("The test copy to {to} did not go out: {reasons}")
            return status_page(
                request, user, campaign_id, error=message.format(to=user.email, reasons=failed)
            )
        notice = translate("Test copies ({languages}) sent to {to}.").format(
            languages=", ".join(results), to=user.email
        )
        return status_page(request, user, campaign_id, notice=notice)

    @api.post("/campagnes/{campaign_id:int}/{action}", response_class=HTMLResponse)
    def move(
        request: Request,
        campaign_id: int,
        action: str,
        user: DashboardUser = signed_in,
        form: FormData = posted,
    ) -> Response:
        if action not in _MOVES and action not in CONFIRM:
            return HTMLResponse(status_code=404)
        if action in CONFIRM and common.text(form, "confirm") != "yes":
            return confirm_page(request, user, campaign_id, action)
        try:
            _commit(web, lambda s: _move(s, campaign_id, action))
        except common.REFUSALS as err:
            return status_page(request, user, campaign_id, error=refusals.shown(err, user))
        done = _MOVES.get(action) or ("cancelled" if action == "annuleren" else "requeued")
        return _back(campaign_id, done)

    @api.get("/campagnes/{campaign_id:int}/{action}", response_class=HTMLResponse)
    def ask(
        request: Request, campaign_id: int, action: str, user: DashboardUser = signed_in
    ) -> HTMLResponse:
        if action not in CONFIRM:
            return HTMLResponse(status_code=404)
        return confirm_page(request, user, campaign_id, action)

    def confirm_page(
        request: Request, user: DashboardUser, campaign_id: int, action: str
    ) -> HTMLResponse:
        with Session(web.engine) as session:
            campaign = campaigns.get(session, campaign_id)
            waiting = outbox.counts(session, campaign_id)["uncertain"]
        question = gettext_for(user.language)(CONFIRM[action]).format(id=campaign_id, count=waiting)
        return guard.page(
            request,
            "dashboard/confirm.html",
            user=user,
            page="campaigns",
            title=campaign.subject,
            question=question,
            action=f"/campagnes/{campaign_id}/{action}",
            back=f"/campagnes/{campaign_id}",
            danger=True,
        )

    return api


def _commit(web: Web, work: Callable[[Session], object]) -> None:
    with Session(web.engine) as session:
        try:
            work(session)
            session.commit()
        except BaseException:
            session.rollback()
            raise


def _back(campaign_id: int, done: str) -> RedirectResponse:
    return RedirectResponse(f"/campagnes/{campaign_id}?gedaan={done}", status_code=303)
