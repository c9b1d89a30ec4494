"""A campaign of which nothing is known to have arrived is not `sent`: the coordinator decides."""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import Session

from mailer import campaigns, outbox, reasons
from mailer.campaigns import Campaign
from mailer.campaigns.model import sending_now
from mailer.outbox import Delivery
from mailer.reasons import Code
from mailer.sending.dispatch import start_due
from subscribers.sqltypes import utcnow
from tests.factories import network, newsletter, send_once
from tests.mailbox import per_recipient


def _all_uncertain(engine, settings) -> int:
    """A newsletter whose whole batch was in flight when its sender died."""
    with Session(engine) as s:
        network(s, initiatives=1, contacts_per_org=2)  # 4 recipients
    now = utcnow()
    cid = newsletter(engine, now)
    start_due(engine, settings, now)
    with Session(engine) as s:
        outbox.claim(s, sending_now(now), now=now, lease_seconds=60, limit=100)
        s.execute(update(Delivery).values(status="uncertain", reason="interrupted"))
        s.commit()
    return cid


def test_only_uncertain_rows_pause_the_campaign_with_a_note(engine, settings):
    cid = _all_uncertain(engine, settings)
    stats = send_once(engine, settings, utcnow())
    assert cid not in stats.finished
    with Session(engine) as s:
        campaign = s.get(Campaign, cid)
        assert campaign.status == "paused"
        assert reasons.decode(campaign.note) == (Code.ALL_UNCERTAIN, {"n": 4})


def test_resending_the_uncertain_ones_resumes_it_and_it_finishes(engine, settings):
    cid = _all_uncertain(engine, settings)
    send_once(engine, settings, utcnow())
    with Session(engine) as s:
        assert campaigns.resend_uncertain(s, cid) == 4
        s.commit()
    stats = send_once(engine, settings, utcnow())
    assert stats.sent == 4 and cid in stats.finished
    assert sorted(per_recipient(settings.maildir).values()) == [1, 1, 1, 1]
    with Session(engine) as s:
        assert s.get(Campaign, cid).status == "sent"
