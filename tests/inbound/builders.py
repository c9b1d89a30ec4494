"""An invited network and inbound mail, built for the intake tests.

Rows go straight in through the models (a sent invitation is a campaign and
its deliveries), so these tests do not depend on the send loop.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage

from sqlalchemy.engine import Engine
from sqlmodel import Session

from mailer.campaigns import Campaign, CampaignKind, CampaignStatus
from mailer.config import Settings
from mailer.invitations import create_event
from mailer.outbox import Delivery
from subscribers.models import Contact, Organisation
from subscribers.sqltypes import utcnow


@dataclass(frozen=True)
class Invited:
    organisation: int
    other_organisation: int
    contact: int
    contact_email: str
    event: int
    event_uid: str
    campaign: int
    delivery: int


def invited(engine: Engine, settings: Settings) -> Invited:
    """Two organisations invited to one event; the first's contact got delivery ``delivery``."""
    now = utcnow()
    with Session(engine, expire_on_commit=False) as s:
        town = Organisation(name="Gemeente Testdorp", kind="municipality")
        bus = Organisation(name="Buurtbus Testdorp", kind="initiative")
        other = Organisation(name="Vervoersdienst Zuid", kind="initiative")
        s.add_all([town, bus, other])
        s.flush()
        anna = Contact(email="anna@buurtbus.example", name="Anna de Vries", organisation_id=bus.id)
        piet = Contact(email="piet@zuid.example", name="Piet Jansen", organisation_id=other.id)
        s.add_all([anna, piet])
        s.flush()
        event = create_event(
            s,
            title="Netwerkmiddag vervoer",
            starts_at=now + timedelta(days=30),
            ends_at=now + timedelta(days=30, hours=2),
            reply_by=now + timedelta(days=20),
            place="Het Dorpshuis",
            address="Dorpsstraat 1, 1234 AB Testdorp",
            max_per_organisation=2,
            now=now,
        )
        campaign = Campaign(
            kind=CampaignKind.INVITATION.value,
            status=CampaignStatus.SENT.value,
            subject="Uitnodiging netwerkmiddag",
            event_id=event.id,
        )
        s.add(campaign)
        s.flush()
        assert campaign.id is not None
        first = Delivery(
            campaign_id=campaign.id,
            contact_id=anna.id,
            organisation_id=bus.id,
            email=anna.email,
            name=anna.name,
            status="sent",
        )
        second = Delivery(
            campaign_id=campaign.id,
            contact_id=piet.id,
            organisation_id=other.id,
            email=piet.email,
            name=piet.name,
            status="sent",
        )
        s.add_all([first, second])
        s.commit()
        assert bus.id and other.id and anna.id and event.id and first.id
        return Invited(
            organisation=bus.id,
            other_organisation=other.id,
            contact=anna.id,
            contact_email=anna.email,
            event=event.id,
            event_uid=event.uid,
            campaign=campaign.id,
            delivery=first.id,
        )


def mail(
    *,
    sender: str = "Anna de Vries <anna@buurtbus.example>",
    to: str = "antwoord@antwoord.pleinpost.example",
    subject: str = "Re: Uitnodiging netwerkmiddag",
    body: str = "Wij komen graag met Anna de Vries en Jan Bakker.\n",
    headers: dict[str, str] | None = None,
    number: int = 0,
) -> bytes:
    """A plain reply as a mail client writes it; ``number`` makes otherwise equal mails differ."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = "Mon, 01 Jun 2026 10:00:00 +0200"
    msg["Message-ID"] = f"<reply-{number}@client.example>"
    for name, value in (headers or {}).items():
        del msg[name]
        msg[name] = value
    msg.set_content(body)
    return msg.as_bytes()
