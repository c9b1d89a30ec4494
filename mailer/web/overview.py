"""Overzicht: what is sending now, what is scheduled, what came back lately.

Plain read-only queries over the ledger and the tracking tables; the page
rules nothing. The "sending now" part is a fragment of its own, which the
page fetches again every few seconds (live progress without a full reload).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import func
from sqlmodel import Session, col, select

from mailer.campaigns import KIND_LABELS, Campaign, CampaignStatus
from mailer.inbound.models import InboundMessage, InboundStatus
from mailer.outbox import Delivery
from mailer.tracking.events import EventType
from mailer.tracking.models import DashboardUser, ProviderEvent
from mailer.web.auth import HOME, Guard
from mailer.web.context import Web
from subscribers.models import Contact, ContactStatus

RECENT = 20
_BOUNCES = (EventType.BOUNCED, EventType.BLOCKED, EventType.DROPPED, EventType.COMPLAINED)


@dataclass
class Sending:
    id: int
    subject: str
    kind: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def done(self) -> int:
        return sum(n for state, n in self.counts.items() if state not in {"queued", "sending"})


def sending_now(session: Session) -> list[Sending]:
    campaigns = session.exec(
        select(Campaign)
        .where(col(Campaign.status) == CampaignStatus.SENDING.value)
        .order_by(col(Campaign.started_at), col(Campaign.id))
    ).all()
    rows = {c.id: Sending(c.id or 0, c.subject, c.kind) for c in campaigns}
    if rows:
        counts = session.exec(
            select(col(Delivery.campaign_id), col(Delivery.status), func.count())
            .where(col(Delivery.campaign_id).in_(list(rows)))
            .group_by(col(Delivery.campaign_id), col(Delivery.status))
        ).all()
        for campaign_id, status, n in counts:
            rows[campaign_id].counts[status] = n
    return list(rows.values())


def scheduled(session: Session) -> list[Campaign]:
    return list(
        session.exec(
            select(Campaign)
            .where(col(Campaign.status) == CampaignStatus.SCHEDULED.value)
            .order_by(col(Campaign.scheduled_at))
            .limit(RECENT)
        )
    )


def recent_bounces(session: Session) -> list[ProviderEvent]:
    return list(
        session.exec(
            select(ProviderEvent)
            .where(col(ProviderEvent.kind).in_([k.value for k in _BOUNCES]))
            .order_by(col(ProviderEvent.received_at).desc(), col(ProviderEvent.id).desc())
            .limit(RECENT)
        )
    )


def recent_unsubscribes(session: Session) -> list[Contact]:
    return list(
        session.exec(
            select(Contact)
            .where(col(Contact.status) == ContactStatus.UNSUBSCRIBED.value)
            .order_by(col(Contact.updated_at).desc(), col(Contact.id).desc())
            .limit(RECENT)
        )
    )


def review_count(session: Session) -> int:
    query = select(func.count()).where(
        col(InboundMessage.status).in_([InboundStatus.REVIEW.value, InboundStatus.FAILED.value])
    )
    return int(session.exec(query).one())


def router(web: Web, guard: Guard) -> APIRouter:
    api = APIRouter()
    signed_in = Depends(guard.user)

    def local(moment: datetime | None) -> str:
        return moment.astimezone(web.settings.zone).strftime("%d-%m-%Y %H:%M") if moment else ""

    def everything() -> dict[str, Any]:
        with Session(web.engine) as session:
            return {
                "sending": sending_now(session),
                "scheduled": scheduled(session),
                "bounces": recent_bounces(session),
                "unsubscribes": recent_unsubscribes(session),
                "review": review_count(session),
            }

    def live() -> dict[str, Any]:
        with Session(web.engine) as session:
            return {"sending": sending_now(session)}

    @api.get("/")
    async def root(user: DashboardUser = signed_in) -> RedirectResponse:
        return RedirectResponse(HOME, status_code=303)

    @api.get(HOME, response_class=HTMLResponse)
    async def overview(request: Request, user: DashboardUser = signed_in) -> HTMLResponse:
        data = await run_in_threadpool(everything)
        return guard.page(
            request,
            "dashboard/overview.html",
            user=user,
            local=local,
            kind_labels=KIND_LABELS,  # a reminder's subject is its template's: name its kind
            **data,
        )

    @api.get(HOME + "/live", response_class=HTMLResponse)
    async def overview_live(request: Request, user: DashboardUser = signed_in) -> HTMLResponse:
        data = await run_in_threadpool(live)
        return guard.page(request, "dashboard/_sending.html", user=user, local=local, **data)

    return api
