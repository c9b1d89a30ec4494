"""Opens and clicks are a person's data: in their export, and gone when they are forgotten."""

from __future__ import annotations

from sqlmodel import Session

from mailer.tracking import activity
from mailer.tracking.activity import Seen
from mailer.tracking.models import DeliveryTracking
from subscribers import privacy
from subscribers.sqltypes import utcnow


def test_export_lists_and_forget_deletes_only_their_opens_and_clicks(engine, sent):
    theirs, other = sent[0], sent[1]
    with engine.begin() as conn:
        activity.record(conn, theirs.id, Seen.CLICK, utcnow())
        activity.record(conn, other.id, Seen.OPEN, utcnow())
    with Session(engine) as s:
        record = privacy.person_record(s, theirs.email)
    [row] = record["related"]["delivery_tracking"]
    assert (row["delivery_id"], row["clicks"]) == (theirs.id, 1)
    with Session(engine) as s:
        privacy.forget(s, theirs.email)
        s.commit()
    with Session(engine) as s:
        assert s.get(DeliveryTracking, theirs.id) is None
        assert s.get(DeliveryTracking, other.id) is not None
