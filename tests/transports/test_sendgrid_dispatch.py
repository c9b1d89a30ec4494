"""The reply mode as the send loop really uses it: campaigns rendered and batched by
``mailer.sending.dispatch``, sent through SendGrid to the fake server. An invitation goes one
request per delivery with the delivery's own reply address; a newsletter goes in
one request with the campaign's reply address and every delivery's Message-ID."""

from __future__ import annotations

from datetime import timedelta
from email.utils import parseaddr

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from mailer import campaigns
from mailer.campaigns import CampaignKind
from mailer.config import Settings
from mailer.invitations import create_event
from mailer.outbox import Delivery
from mailer.tokens import message_id, reply_address
from subscribers.sqltypes import utcnow
from tests.conftest import SENDGRID_KEY
from tests.factories import network, send_once, with_settings
from tests.transports.sendgrid_server import FakeSendGrid


def _sendgrid(settings: Settings, fake: FakeSendGrid) -> Settings:
    return with_settings(
        settings,
        transport="sendgrid",
        sendgrid_api_key=SENDGRID_KEY,
        sendgrid_api_host=fake.url,
        sendgrid_timeout=10,
        sendgrid_concurrency=3,
    )


def _schedule(engine: Engine, kind: CampaignKind) -> int:
    now = utcnow()
    with Session(engine) as s:
        network(s, initiatives=2, contacts_per_org=2)  # 6 contacts
        event_id = None
        if kind is CampaignKind.INVITATION:
            event = create_event(
                s,
                title="Netwerkmiddag vervoer",
                starts_at=now + timedelta(days=30),
                ends_at=now + timedelta(days=30, hours=2),
                place="Het Dorpshuis",
                now=now,
            )
            event_id = event.id
        c = campaigns.create(
            s,
            kind=kind,
            subject="Bericht",
            content="Hallo.",
            segments=["iedereen"],
            event_id=event_id,
        )
        assert c.id is not None
        campaigns.schedule(s, c.id, now)
        s.commit()
        return c.id


def _deliveries(engine: Engine, campaign_id: int) -> dict[str, Delivery]:
    with Session(engine) as s:
        rows = s.exec(select(Delivery).where(Delivery.campaign_id == campaign_id))
        return {row.email: row for row in rows}


def test_an_invitation_goes_one_request_per_delivery(
    engine: Engine, settings: Settings, fake: FakeSendGrid
) -> None:
    s = _sendgrid(settings, fake)
    cid = _schedule(engine, CampaignKind.INVITATION)
    stats = send_once(engine, s, utcnow())
    assert stats.sent == 6 and fake.invalid == []
    assert fake.requests == 6
    assert all(len(body["personalizations"]) == 1 for body in fake.accepted)
    rows = _deliveries(engine, cid)
    sender_name, sender_email = parseaddr(s.sender)
    for item in fake.rendered():
        row = rows[item["to"]]
        assert item["from"] == {"email": sender_email, "name": sender_name}
        assert item["reply_to"]["email"] == reply_address(s, row.id)
        assert item["mail_headers"]["Message-ID"] == message_id(s, row.id)
        assert row.status == "sent" and row.provider_id == item["x_message_id"]


def test_a_newsletter_goes_grouped_with_the_campaign_reply_address(
    engine: Engine, settings: Settings, fake: FakeSendGrid
) -> None:
    s = _sendgrid(settings, fake)
    cid = _schedule(engine, CampaignKind.NEWSLETTER)
    stats = send_once(engine, s, utcnow())
    assert stats.sent == 6 and fake.invalid == []
    assert fake.requests == 1
    (body,) = fake.accepted
    sender_name, sender_email = parseaddr(s.sender)
    assert body["from"] == {"email": sender_email, "name": sender_name}
    assert body["reply_to"]["email"] == f"{s.reply_local}@{s.reply_domain}"
    rows = _deliveries(engine, cid)
    ids = {item["to"]: item["mail_headers"]["Message-ID"] for item in fake.rendered()}
    assert ids == {email: message_id(settings, row.id) for email, row in rows.items()}
    assert len(set(ids.values())) == 6
