"""From a campaign and its deliveries to what a transport is handed.

One place builds the render data of a campaign and the per-recipient values
and headers, so the send loop, `campaign preview` and `campaign test` all send
exactly the same mail. It also decides which language a contact's mail is
written in (:func:`mail_language`): one mail speaks one language, so a contact
whose language the campaign was not written in gets the whole mail (frame,
dates and all) in the campaign's main language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from email.utils import parseaddr
from functools import lru_cache
from typing import Any

from sqlmodel import Session, col, select

from mailer import invitations, render
from mailer.campaigns import (
    MAIN_LANGUAGE,
    SECOND_LANGUAGE,
    Campaign,
    CampaignKind,
    CampaignStatus,
    languages,
)
from mailer.config import Settings
from mailer.invitations import Event
from mailer.message import Address, PreparedMessage, Recipient
from mailer.render.dates import LANGUAGES
from mailer.render.personal import phrases
from mailer.tokens import References, loose_message_id
from subscribers.models import Organisation

_URL = re.compile(r"https?://[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"]")


def mail_language(campaign: Campaign, contact_language: str) -> str:
    """The language of a contact's mail: theirs if the campaign speaks it, else the main one."""
    return contact_language if contact_language in languages(campaign) else MAIN_LANGUAGE


def campaign_data(
    session: Session, campaign: Campaign, now: datetime, language: str = MAIN_LANGUAGE
) -> dict[str, Any]:
    """Campaign-level template data in ``language`` (keys: README, "Templates and previews")."""
    english = language == SECOND_LANGUAGE
    data: dict[str, Any] = {
        "subject": campaign.subject_en if english else campaign.subject,
        "content": campaign.content_en if english else campaign.content,
        "campaign_id": campaign.id,
    }
    if campaign.event_id is not None:
        event = session.get(Event, campaign.event_id)
        data["event"] = event
        if campaign.kind == CampaignKind.PROGRAMME and event and not data["content"].strip():
            data["content"] = event.programme  # `event create|edit --programme FILE.md`
        if campaign.kind == CampaignKind.UPDATE:  # what changed: mailer/event_edit.py
            data["previous"] = invitations.previous_facts(session, campaign.id)
    if CampaignKind(campaign.kind) is CampaignKind.NEWSLETTER:
        data["agenda"] = agenda(session, campaign.agenda, now)
    return data


def agenda(session: Session, event_ids: Iterable[int], now: datetime) -> list[dict[str, Any]]:
    """The chosen events still to come, in date order, each saying how to take part.

    An event with an invitation campaign is by invitation ("u ontvangt een
    uitnodiging"); an open one links to the first web address in its
    description, if any; otherwise the item says nothing about taking part.
    """
    ids = list(event_ids)
    if not ids:
        return []
    events = session.exec(
        select(Event)
        .where(
            col(Event.id).in_(ids),
            col(Event.cancelled).is_(False),
            col(Event.ends_at) > now,
        )
        .order_by(col(Event.starts_at))
    ).all()
    invited = set(
        session.exec(
            select(Campaign.event_id).where(
                col(Campaign.event_id).in_(ids),
                Campaign.kind == CampaignKind.INVITATION.value,
                Campaign.status != CampaignStatus.CANCELLED.value,
            )
        )
    )
    return [
        {
            "title": e.title,
            "starts_at": e.starts_at,
            "ends_at": e.ends_at,
            "timezone": e.timezone,
            "place": e.place,
            "url": "" if e.id in invited else first_url(e.description),
            "invited": e.id in invited,
        }
        for e in events
    ]


def first_url(text: str) -> str:
    """The first web address in ``text`` (an event's sign-up page, until events have a URL)."""
    match = _URL.search(text or "")
    return match.group(0) if match else ""


def prepare(
    session: Session, campaign: Campaign, language: str, settings: Settings, now: datetime
) -> PreparedMessage:
    """The compiled mail a contact speaking ``language`` gets (see :func:`mail_language`)."""
    language = mail_language(campaign, language)
    data = campaign_data(session, campaign, now, language)
    return render.prepare(campaign.kind, language, data, settings)


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
    delivery: int | None,
    ref: str,
    languages: Iterable[str] = LANGUAGES,
) -> Recipient:
    """The per-delivery part: holes (greeting and footer phrases in every language
    of ``languages``, by default all, so one recipient fits the mail of any
    language), the reply address (also the ORGANIZER of an invitation's calendar,
    mailer/render/calendar.py), the RSVP page, RFC 8058 unsubscribe headers.

    ``delivery`` None is a copy that belongs to no delivery (a test mail, a
    preview): its links and reply address name delivery 0, which never exists,
    so an answer to it lands in review instead of on someone's RSVP.
    """
    return Recipients(settings, languages=languages)(
        email=email, name=name, organisation=organisation, delivery=delivery, ref=ref
    )


class Recipients:
    """:func:`recipient` for the many deliveries of one batch (the send loop makes one
    per batch): what every recipient shares (the references' key and parts, the
    sender's name, the languages) is worked out once, not once per recipient; all
    references of a delivery come from one MAC (``tokens.References``)."""

    def __init__(self, settings: Settings, *, languages: Iterable[str] = LANGUAGES) -> None:
        self.settings = settings
        self.tracking = settings.tracking
        self.references = References(settings, tracking=settings.tracking)
        self.sender_name = sender_name(settings.sender)
        self.languages = tuple(languages)

    def __call__(
        self, *, email: str, name: str, organisation: str, delivery: int | None, ref: str
    ) -> Recipient:
        refs = self.references(delivery or 0)
        reply, unsubscribe = refs.reply_address, refs.unsubscribe_url
        values = phrases(name, organisation, email, languages=self.languages)
        values["name"] = name
        values["organisation"] = organisation
        values["email"] = email
        values["unsubscribe_url"] = unsubscribe
        values["reply_address"] = reply
        values["rsvp_url"] = refs.rsvp_url
        if self.tracking:
            values["track_ref"] = refs.track_ref
        return Recipient(
            to=Address(email, name),
            message_id=refs.message_id if delivery else loose_message_id(self.settings),
            values=values,
            reply_to=Address(reply, self.sender_name),
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>, <mailto:{reply}?subject=unsubscribe>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
            ref=ref,
        )
