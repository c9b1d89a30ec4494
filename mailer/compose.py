"""From a campaign and its deliveries to what a transport is handed.

One place builds the render data of a campaign and the per-recipient values
and headers, so the send loop, `campaign preview` and `campaign test` all send
exactly the same mail.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from email.utils import parseaddr
from functools import lru_cache
from typing import Any

from sqlmodel import Session, col, select

from mailer import render
from mailer.campaigns import Campaign, CampaignKind
from mailer.config import Settings
from mailer.invitations import Event
from mailer.message import Address, PreparedMessage, Recipient
from mailer.tokens import reply_address, unsubscribe_mailto, unsubscribe_url
from subscribers.models import Organisation

AGENDA_SIZE = 5


def campaign_data(session: Session, campaign: Campaign, now: datetime) -> dict[str, Any]:
    """Campaign-level template data (keys per template: README, "Templates and previews")."""
    data: dict[str, Any] = {
        "subject": campaign.subject,
        "content": campaign.content,
        "campaign_id": campaign.id,
    }
    if campaign.event_id is not None:
        data["event"] = session.get(Event, campaign.event_id)
    if CampaignKind(campaign.kind) is CampaignKind.NEWSLETTER:
        data["agenda"] = list(
            session.exec(
                select(Event)
                .where(col(Event.starts_at) > now, col(Event.cancelled).is_(False))
                .order_by(col(Event.starts_at))
                .limit(AGENDA_SIZE)
            )
        )
    return data


def prepare(
    session: Session, campaign: Campaign, language: str, settings: Settings, now: datetime
) -> PreparedMessage:
    return render.prepare(campaign.kind, language, campaign_data(session, campaign, now), settings)


def organisation_names(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.execute(
        select(Organisation.id, Organisation.name).where(col(Organisation.id).in_(wanted))
    )
    return {org_id: name for org_id, name in rows}


@lru_cache(maxsize=16)
def sender_name(sender: str) -> str:
    """The display name of ``MAILER_FROM`` (parsed once, not per recipient)."""
    return parseaddr(sender)[0]


def recipient(
    settings: Settings,
    *,
    email: str,
    name: str,
    organisation: str,
    token: str,
    message_id: str,
    ref: str,
) -> Recipient:
    """The per-delivery part: holes, the reply address, RFC 8058 unsubscribe headers."""
    reply = reply_address(settings, token)
    unsubscribe = unsubscribe_url(settings, token)
    return Recipient(
        to=Address(email, name),
        message_id=message_id,
        values={
            "name": name,
            "organisation": organisation,
            "email": email,
            "unsubscribe_url": unsubscribe,
            "reply_address": reply,
        },
        reply_to=Address(reply, sender_name(settings.sender)),
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>, <{unsubscribe_mailto(settings, token)}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        ref=ref,
    )
