"""A newsletter with links of every kind, sent, and its mail as tracking makes it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from mailer import campaigns
from mailer.campaigns import Campaign, CampaignKind
from mailer.config import Settings
from mailer.message import OutgoingMessage
from mailer.outbox import Delivery
from mailer.sending import compose
from mailer.tracking import links
from subscribers.sqltypes import utcnow
from tests import factories

GUIDE = "https://gids.example/vervoer?regio=noord&jaar=2029"
REPORT = "https://verslag.example/2029/werkmiddag"
CONTENT = f"""\
## Nieuws

Lees [de gids]({GUIDE}) of [het verslag]({REPORT}); de gids staat
[ook hier]({GUIDE}). Vragen? Mail [ons](mailto:info@pleinpost.example) of
bel [ons](tel:+31201234567).
"""
HREF = re.compile(r'href="([^"]*)"')


@dataclass
class Sent:
    campaign_id: int
    deliveries: list[Delivery]


def tracking_on(settings: Settings) -> Settings:
    return factories.with_settings(settings, tracking=True)


def sent_with_links(engine: Engine, settings: Settings) -> Sent:
    """A newsletter with CONTENT, sent to a small network (the Maildir)."""
    with Session(engine) as s:
        factories.network(s, initiatives=1, contacts_per_org=2)
    now = utcnow()
    with Session(engine) as s:
        campaign = campaigns.create(
            s,
            kind=CampaignKind.NEWSLETTER,
            subject="Nieuws",
            content=CONTENT,
            segments=["iedereen"],
        )
        assert campaign.id is not None
        campaign_id = campaign.id
        campaigns.schedule(s, campaign_id, now + timedelta(minutes=1))
        s.commit()
    factories.send_once(engine, settings, now + timedelta(minutes=2))
    with Session(engine) as s:
        rows = list(s.exec(select(Delivery).order_by(col(Delivery.id))))
    assert rows and all(r.status == "sent" for r in rows)
    return Sent(campaign_id, rows)


def mail_for(engine: Engine, settings: Settings, delivery: Delivery) -> OutgoingMessage:
    """The mail of one delivery as the send loop makes it: compiled, tracked, personalized."""
    with Session(engine) as s:
        campaign = s.get(Campaign, delivery.campaign_id)
        assert campaign is not None
        prepared = compose.prepare(s, campaign, delivery.language, settings, utcnow())
    prepared = links.tracked(engine, delivery.campaign_id, prepared, settings)
    person = compose.recipient(
        settings,
        email=delivery.email,
        name=delivery.name,
        organisation="",
        delivery=delivery.id,
        ref=str(delivery.id),
    )
    return prepared.personalize(person)


def hrefs(html: str) -> list[str]:
    return HREF.findall(html)
