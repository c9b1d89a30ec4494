"""Opens and clicks: counters per delivery, first times kept, figures per campaign."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session

from mailer.tracking import activity, links
from mailer.tracking.activity import Figures, Seen
from mailer.tracking.models import DeliveryTracking
from subscribers.sqltypes import utcnow


def _row(engine, delivery_id: int) -> DeliveryTracking | None:
    with Session(engine) as s:
        return s.get(DeliveryTracking, delivery_id)


def test_the_first_time_stays_and_counts_go_up(engine, sent):
    first, later = utcnow(), utcnow() + timedelta(hours=2)
    delivery = sent[0].id
    with engine.begin() as conn:
        activity.record(conn, delivery, Seen.OPEN, first)
        activity.record(conn, delivery, Seen.OPEN, later)
        activity.record(conn, delivery, Seen.CLICK, later)
    row = _row(engine, delivery)
    assert row is not None
    assert (row.first_opened_at, row.opens) == (first, 2)
    assert (row.first_clicked_at, row.clicks) == (later, 1)
    with engine.begin() as conn:
        activity.record(conn, 999_999, Seen.CLICK, later)  # no such delivery: nothing
    assert _row(engine, 999_999) is None


def test_figures_only_for_a_campaign_sent_tracked(engine, sent):
    campaign = sent[0].campaign_id
    with engine.connect() as conn:
        assert activity.figures(conn, campaign) is None
    links.remember(engine, campaign, [])
    now = utcnow()
    with engine.begin() as conn:
        activity.record(conn, sent[0].id, Seen.OPEN, now)
        activity.record(conn, sent[0].id, Seen.OPEN, now)
        activity.record(conn, sent[1].id, Seen.CLICK, now)  # images off: a click, no open
    with engine.connect() as conn:
        figures = activity.figures(conn, campaign)
    assert figures == Figures(sent=len(sent), opened=2, clicked=1, opens=2, clicks=1)
    assert figures.share(figures.opened) == round(200 / len(sent))
