"""`campaign resend --uncertain`: says how many, asks first, and a script must say --yes."""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session

from mailer.outbox import counts
from subscribers.sqltypes import utcnow
from tests.factories import network, newsletter, send_once


def _sent_newsletter(engine, settings) -> int:
    with Session(engine) as s:
        network(s, initiatives=1, contacts_per_org=2)  # four addresses
    cid = newsletter(engine, utcnow())
    send_once(engine, settings, utcnow())
    return cid


def _half_uncertain(engine, settings) -> int:
    cid = _sent_newsletter(engine, settings)
    with engine.begin() as conn:  # as a crash leaves them: handed over, fate unknown
        conn.execute(
            text("UPDATE delivery SET status = 'uncertain' WHERE id IN "
                 "(SELECT id FROM delivery WHERE campaign_id = :c ORDER BY id LIMIT 2)"),
            {"c": cid},
        )  # fmt: skip
    return cid


def test_resend_counts_and_refuses_without_yes_when_not_asked(engine, settings, mailer):
    cid = _half_uncertain(engine, settings)
    shown = mailer("campaign", "status", str(cid)).stdout  # states in the operator's words
    assert "│ onzeker  " in shown and "│ verzonden " in shown and "│ uncertain" not in shown
    refused = mailer("campaign", "resend", str(cid), "--uncertain", MAILER_LANGUAGE="en")
    assert refused.returncode == 1
    assert "2 deliveries of campaign" in refused.stderr and "--yes" in refused.stderr
    with Session(engine) as s:
        assert counts(s, cid)["uncertain"] == 2  # nothing changed
    done = mailer("campaign", "resend", str(cid), "--uncertain", "--yes")
    assert done.returncode == 0, done.stderr
    assert "2 leveringen opnieuw in de wachtrij" in done.stdout
    with Session(engine) as s:
        assert counts(s, cid)["uncertain"] == 0 and counts(s, cid)["queued"] == 2


def test_resend_with_nothing_uncertain_says_so(engine, settings, mailer):
    cid = _sent_newsletter(engine, settings)
    done = mailer("campaign", "resend", str(cid), "--uncertain")
    assert done.returncode == 0 and "geen onzekere leveringen" in done.stdout
