"""Campagnes: the list, composing a newsletter or invitation, its live count and preview.

Creating and editing go through ``mailer.campaigns.create`` / ``edit`` (one
``validate`` for the CLI and the page alike); the live preview renders the
form's values as an unsaved campaign through the send loop's own compose
path, so a template or sandbox refusal shows in the frame before anything is
saved. The status page and its actions are ``campaign_status``'s.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import func
from sqlmodel import Session, col, select
from starlette.datastructures import FormData

from mailer import campaigns
from mailer.campaigns import Audience, Campaign, CampaignKind, Changes
from mailer.errors import InvalidInput
from mailer.i18n import N_
from mailer.invitations import Event
from mailer.outbox import Delivery
from mailer.tracking.models import DashboardUser
from mailer.web import common, mailview, refusals
from mailer.web.auth import Guard
from mailer.web.context import Web
from mailer.web.lang import gettext_for
from subscribers import segments

# What the page can compose; the other kinds come from an event's timeline.
COMPOSABLE = (CampaignKind.NEWSLETTER.value, CampaignKind.INVITATION.value)
PREVIEW_FRAMES = (("phone", 375), ("desktop", 800))


def _coming_events(session: Session, now: datetime) -> list[Event]:
    return list(
        session.exec(
            select(Event)
            .where(col(Event.cancelled).is_(False), col(Event.ends_at) > now)
            .order_by(col(Event.starts_at))
        )
    )


def _counts(session: Session) -> dict[int, dict[str, int]]:
    """Deliveries per campaign and state, in one grouped query over the ledger's index."""
    result: dict[int, dict[str, int]] = {}
    rows = session.execute(
        select(col(Delivery.campaign_id), col(Delivery.status), func.count()).group_by(
            col(Delivery.campaign_id), col(Delivery.status)
        )
    )
    for campaign_id, status, n in rows:
        result.setdefault(campaign_id, {})[status] = n
    return result


def listing(session: Session) -> dict[str, Any]:
    rows = list(session.exec(select(Campaign).order_by(col(Campaign.id).desc())))
    return {"campaigns": rows, "counts": _counts(session)}


def audience_count(session: Session, names: list[str]) -> dict[str, Any]:
    """Who the chosen segments reach: contacts, the active ones (who get it), organisations."""
    if not names:
        return {"names": [], "total": 0, "active": 0, "organisations": 0}
    query = segments.audience(session, names)
    return {
        "names": names,
        "total": segments.count(session, query),
        "active": segments.count(session, query.where(query.selected_columns.status == "active")),
        "organisations": segments.count(session, segments.organisations(session, names)),
    }


def _form_values(form: common.Fields) -> dict[str, Any]:
    kind = common.text(form, "kind") or CampaignKind.NEWSLETTER.value
    newsletter = kind == CampaignKind.NEWSLETTER.value
    return {
        "kind": kind,
        "subject": common.text(form, "subject"),
        "subject_en": common.text(form, "subject_en"),
        "content": common.body(form, "content"),
        "content_en": common.body(form, "content_en"),
        "segments": common.texts(form, "segments"),
        "event_id": None if newsletter else common.number(form, "event_id"),
        "agenda": common.numbers(form, "agenda") if newsletter else [],
    }


def _values_of(campaign: Campaign) -> dict[str, Any]:
    keys = ("kind", "subject", "subject_en", "content", "content_en", "segments", "event_id")
    return {**{k: getattr(campaign, k) for k in keys}, "agenda": list(campaign.agenda)}


def _unsaved(values: dict[str, Any]) -> Campaign:
    """The form as a campaign that is never added to a session (for the preview only)."""
    kind = CampaignKind(values["kind"]) if values["kind"] in COMPOSABLE else CampaignKind.NEWSLETTER
    return Campaign(
        kind=kind.value,
        subject=values["subject"],
        subject_en=values["subject_en"],
        content=values["content"],
        content_en=values["content_en"],
        segments=values["segments"],
        event_id=values["event_id"],
        agenda=values["agenda"],
        audience=campaigns.DEFAULT_AUDIENCE[kind].value,
    )


def router(web: Web, guard: Guard) -> APIRouter:
    api = APIRouter()
    signed_in = Depends(guard.user)
    posted = Depends(guard.form)
    zone = web.settings.zone

    def compose_page(
        request: Request,
        user: DashboardUser,
        values: dict[str, Any],
        *,
        campaign: Campaign | None = None,
        error: str = "",
    ) -> HTMLResponse:
        with Session(web.engine) as session:
            events = _coming_events(session, web.clock())
            names = [(n, built_in) for n, _rule, built_in in segments.list_segments(session)]
            count = audience_count(session, values["segments"]) if values["segments"] else None
        return guard.page(
            request,
            "dashboard/campaign_form.html",
            status=400 if error else 200,
            user=user,
            page="campaigns",
            campaign=campaign,
            values=values,
            events=events,
            segment_names=names,
            count=count,
            error=error,
            frames=PREVIEW_FRAMES,
            local=common.shown(zone),
            kind_labels=campaigns.KIND_LABELS,
        )

    @api.get("/campagnes", response_class=HTMLResponse)
    def campaign_list(request: Request, user: DashboardUser = signed_in) -> HTMLResponse:
        with Session(web.engine) as session:
            data = listing(session)
        return guard.page(
            request,
            "dashboard/campaigns.html",
            user=user,
            page="campaigns",
            local=common.shown(zone),
            kind_labels=campaigns.KIND_LABELS,
            status_labels=campaigns.STATUS_LABELS,
            **data,
        )

    @api.get("/campagnes/nieuw", response_class=HTMLResponse)
    def new_campaign(request: Request, user: DashboardUser = signed_in) -> HTMLResponse:
        values = _form_values(request.query_params)
        if values["kind"] not in COMPOSABLE:
            values["kind"] = CampaignKind.NEWSLETTER.value
        return compose_page(request, user, values)

    @api.post("/campagnes/nieuw", response_class=HTMLResponse)
    def create_campaign(
        request: Request, user: DashboardUser = signed_in, form: FormData = posted
    ) -> Response:
        try:
            values = _form_values(form)
            if values["kind"] not in COMPOSABLE:
                raise campaigns_error(user, N_("Choose a newsletter or an invitation"))
            with Session(web.engine) as session:
                made = campaigns.create(
                    session, **{**values, "kind": CampaignKind(values["kind"])}, now=web.clock()
                )
                session.commit()
                new_id = made.id
        except common.REFUSALS as err:
            return compose_page(request, user, _safe_values(form), error=refusals.shown(err, user))
        return RedirectResponse(f"/campagnes/{new_id}?gedaan=created", status_code=303)

    @api.get("/campagnes/{campaign_id:int}/bewerken", response_class=HTMLResponse)
    def edit_form(
        request: Request, campaign_id: int, user: DashboardUser = signed_in
    ) -> HTMLResponse:
        with Session(web.engine) as session:
            campaign = session.get(Campaign, campaign_id)
        if campaign is None:
            return common.missing(guard, request, user)
        return compose_page(request, user, _values_of(campaign), campaign=campaign)

    @api.post("/campagnes/{campaign_id:int}/bewerken", response_class=HTMLResponse)
    def edit_campaign(
        request: Request, campaign_id: int, user: DashboardUser = signed_in, form: FormData = posted
    ) -> Response:
        with Session(web.engine) as session:
            campaign = session.get(Campaign, campaign_id)
            if campaign is None:
                return common.missing(guard, request, user)
            try:
                values = _form_values(form)
                by_segments = campaign.audience == Audience.SEGMENTS.value
                newsletter = campaign.kind == CampaignKind.NEWSLETTER.value
                changes = Changes(
                    subject=values["subject"],
                    subject_en=values["subject_en"],
                    content=values["content"],
                    content_en=values["content_en"],
                    segments=values["segments"] if by_segments else None,
                    agenda=values["agenda"] if newsletter else None,
                )
                campaigns.edit(session, campaign_id, changes, now=web.clock())
                session.commit()
            except common.REFUSALS as err:
                session.rollback()
                shown = {**_safe_values(form), "kind": campaign.kind, "event_id": campaign.event_id}
                return compose_page(
                    request, user, shown, campaign=campaign, error=refusals.shown(err, user)
                )
        return RedirectResponse(f"/campagnes/{campaign_id}?gedaan=edited", status_code=303)

    @api.get("/campagnes/publiek", response_class=HTMLResponse)
    def audience_fragment(request: Request, user: DashboardUser = signed_in) -> HTMLResponse:
        """The live count beside the segment checkboxes (fetched again on every change)."""
        names = common.texts(request.query_params, "segments")
        try:
            with Session(web.engine) as session:
                count = audience_count(session, names) if names else None
            error = ""
        except common.REFUSALS as err:
            count, error = None, refusals.shown(err, user)
        return guard.page(request, "dashboard/_audience.html", user=user, count=count, error=error)

    @api.get("/campagnes/voorbeeld", response_class=HTMLResponse)
    def empty_preview(user: DashboardUser = signed_in) -> HTMLResponse:
        """What a preview frame shows before the first preview arrives."""
        message = gettext_for(user.language)("The preview of the mail appears here.")
        return _note(web, message, user)

    @api.post("/campagnes/voorbeeld", response_class=HTMLResponse)
    def live_preview(
        request: Request, user: DashboardUser = signed_in, form: FormData = posted
    ) -> HTMLResponse:
        """The form's mail, rendered for real, into a frame (phone or desktop width)."""
        language = "en" if common.text(form, "preview_lang") == "en" else "nl"
        translate = gettext_for(user.language)
        try:
            values = _form_values(form)
            if values["kind"] == CampaignKind.INVITATION.value and values["event_id"] is None:
                return _note(web, translate("Choose the event to see the invitation."), user)
            with Session(web.engine) as session:
                html = mailview.preview_html(
                    session, _unsaved(values), language, web.settings, web.clock()
                )
        except common.REFUSALS as err:
            return _note(web, refusals.shown(err, user), user, status=400)
        return mailview.framed(html)

    @api.get("/campagnes/{campaign_id:int}/voorbeeld/{language}", response_class=HTMLResponse)
    def stored_preview(
        campaign_id: int, language: str, user: DashboardUser = signed_in
    ) -> HTMLResponse:
        try:
            with Session(web.engine) as session:
                campaign = campaigns.get(session, campaign_id)
                lang = language if language in campaigns.languages(campaign) else "nl"
                html = mailview.preview_html(session, campaign, lang, web.settings, web.clock())
        except common.REFUSALS as err:
            return _note(web, refusals.shown(err, user), user, status=400)
        return mailview.framed(html)

    return api


def _safe_values(form: common.Fields) -> dict[str, Any]:
    """The form as typed, for showing it again after a refusal (bad numbers dropped)."""
    values: dict[str, Any] = {
        "kind": common.text(form, "kind") or CampaignKind.NEWSLETTER.value,
        "subject": common.text(form, "subject"),
        "subject_en": common.text(form, "subject_en"),
        "content": common.body(form, "content"),
        "content_en": common.body(form, "content_en"),
        "segments": common.texts(form, "segments"),
        "event_id": None,
        "agenda": [],
    }
    raw_event = common.text(form, "event_id")
    values["event_id"] = int(raw_event) if raw_event.isdigit() else None
    values["agenda"] = [int(a) for a in common.texts(form, "agenda") if a.isdigit()]
    return values


def campaigns_error(user: DashboardUser, message: str) -> Exception:
    return InvalidInput(gettext_for(user.language)(message))


def _note(web: Web, message: str, user: DashboardUser, status: int = 200) -> HTMLResponse:
    """A short text in the preview frame instead of the mail (a refusal, a missing choice)."""
    template = web.pages.env.get_template("dashboard/frame_note.html")
    return mailview.framed(template.render(message=message, lang=user.language), status=status)
