"""The set-based snapshot's report: counted from what it inserted, never by reading it all back.

``snapshot_select`` tallies the skipped rows only and derives ``queued`` from
the number of rows its one INSERT … SELECT made; these tests hold that
arithmetic to the ledger itself (``outbox.counts``), with every kind of skip
present, and check that a second start never snapshots again.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session, select

from mailer import campaigns, outbox
from mailer.campaigns import CampaignKind, CampaignStatus, audience
from mailer.outbox import Delivery
from mailer.sending.dispatch import start_due
from subscribers.models import Contact
from subscribers.privacy import suppress
from tests.factories import network

NOW = datetime(2030, 3, 1, 9, 0, tzinfo=UTC)


def _scheduled(session: Session) -> int:
    c = campaigns.create(session, kind=CampaignKind.NEWSLETTER, subject="N", segments=["iedereen"])
    campaigns.schedule(session, c.id, NOW)
    session.commit()
    return c.id


def test_the_report_matches_the_ledger_with_every_kind_of_skip(engine, settings):
    with Session(engine) as s:
        ids = network(s, initiatives=2, contacts_per_org=2)  # 3 orgs, 6 contacts
        contacts = list(s.exec(select(Contact).order_by(Contact.id)))
        # the first organisation: one unsubscribed, one suppressed → not reached
        contacts[0].status = "unsubscribed"
        suppress(s, contacts[1].email, "complaint", settings.secret())
        contacts[2].status = "bounced"
        s.commit()
        c = campaigns.create(s, kind=CampaignKind.NEWSLETTER, subject="N", segments=["iedereen"])
        campaigns.schedule(s, c.id, NOW)
        campaigns.transition(c, CampaignStatus.SENDING)
        query = audience.segment_query(s, c)
        assert query is not None
        report = outbox.snapshot_select(s, c.id, settings, query)
        s.commit()
        ledger = outbox.counts(s, c.id)
    assert (report.queued, report.total_skipped) == (ledger["queued"], ledger["skipped"]) == (3, 3)
    assert sorted(report.skipped.values()) == [1, 1, 1]
    assert report.reached_organisations == set(ids["orgs"][1:])


def test_a_second_start_snapshots_nothing_more(engine, settings):
    with Session(engine) as s:
        network(s, initiatives=1, contacts_per_org=3)
        cid = _scheduled(s)
    (first,) = start_due(engine, settings, NOW)
    assert first.snapshot is not None and first.snapshot.queued == 6
    with Session(engine) as s:  # as if the sender stopped and the campaign is started again
        c = campaigns.get(s, cid)
        c.status = CampaignStatus.SCHEDULED.value
        s.commit()
    (again,) = start_due(engine, settings, NOW)
    assert again.started and again.snapshot is None
    with Session(engine) as s:
        rows = s.exec(select(Delivery).where(Delivery.campaign_id == cid)).all()
    assert len(rows) == 6 and len({r.email for r in rows}) == 6
