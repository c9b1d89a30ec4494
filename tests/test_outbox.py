from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event
from sqlmodel import Session, col, select

from mailer import campaigns, outbox
from mailer.campaigns import CampaignKind, CampaignStatus, audience
from mailer.campaigns.model import sending_now
from mailer.outbox import Delivery, DeliveryStatus, Update
from mailer.tokens import message_id
from subscribers.models import Contact, Organisation
from subscribers.privacy import suppress
from tests.factories import network

NOW = datetime(2030, 3, 1, 9, 0, tzinfo=UTC)


def _sending_campaign(session, segments=("iedereen",)):
    c = campaigns.create(
        session, kind=CampaignKind.NEWSLETTER, subject="Nieuws", segments=list(segments)
    )
    campaigns.schedule(session, c.id, NOW)
    campaigns.transition(c, CampaignStatus.SENDING)
    return c


def test_snapshot_queues_each_address_once_and_counts_skips(engine, settings):
    with Session(engine) as s:
        network(s, initiatives=2, contacts_per_org=2)  # 3 orgs, 6 contacts
        contacts = list(s.exec(select(Contact).order_by(Contact.id)))
        contacts[0].status = "unsubscribed"
        contacts[1].status = "bounced"
        suppress(s, contacts[2].email, "complaint")
        s.add(Organisation(name="Stichting Zonder Contact", kind="initiative"))
        s.commit()
        c = _sending_campaign(s)
        report = outbox.snapshot(s, c.id, settings, audience.rows(s, c))
        s.commit()
        assert report.queued == 3
        assert report.total_skipped == 3
        missed = audience.organisations_missed(s, c, report.reached_organisations)
        assert "Stichting Zonder Contact" in missed
        tally = outbox.counts(s, c.id)
        assert tally["queued"] == 3 and tally["skipped"] == 3
        rows = list(s.exec(select(Delivery)))
        assert len(rows) == 6
        assert len({message_id(settings, r.id) for r in rows}) == 6


def test_claims_never_overlap_and_carry_a_lease(engine, settings):
    with Session(engine) as s:
        network(s, initiatives=9, contacts_per_org=3)  # 30 contacts
        c = _sending_campaign(s)
        outbox.snapshot(s, c.id, settings, audience.rows(s, c))
        s.commit()
        first = _claim(s, NOW, 12, 60)
        second = _claim(s, NOW, 100, 60)
        s.commit()
        assert len(first) == 12 and len(second) == 18
        assert not {r.id for r in first} & {r.id for r in second}
        assert _claim(s, NOW, 100, 60) == []
        row = s.get(Delivery, first[0].id)
        assert row.status == "sending" and row.attempts == 1
        assert row.lease_until == NOW + timedelta(seconds=60)


def test_a_claim_reads_one_range_of_the_index_not_every_queued_row(engine, settings, is_postgres):
    """A claim per campaign, in id order, straight from the (campaign_id, status, id) index:
    asked for all campaigns at once, PostgreSQL sorted every queued row per claim (0.4 s
    at 1,000,000 rows), so a large send spent minutes in claims alone."""
    with Session(engine) as s:
        network(s, initiatives=9, contacts_per_org=3)
        c = _sending_campaign(s)
        outbox.snapshot(s, c.id, settings, audience.rows(s, c))
        s.commit()
    seen: list[tuple[str, object]] = []

    def note(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("UPDATE DELIVERY"):
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", note)
    try:
        with Session(engine) as s:
            assert len(_claim(s, NOW, 5)) == 5
            s.rollback()
    finally:
        event.remove(engine, "before_cursor_execute", note)
    [(statement, parameters)] = seen
    with engine.connect() as conn:
        if is_postgres:
            conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
            rows = conn.exec_driver_sql(f"EXPLAIN {statement}", parameters).scalars()
            plan = "\n".join(rows)
            assert "Sort" not in plan and "Index Cond: ((campaign_id = " in plan, plan
        else:
            rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            plan = "\n".join(str(r[-1]) for r in rows)
            assert "TEMP B-TREE" not in plan, plan
        assert "ix_delivery_campaign_status_id" in plan, plan


def test_lease_expiry_reads_the_rows_in_flight_not_the_outbox(engine, is_postgres):
    """Every pass expires leases across all campaigns: a partial index of the `sending`
    rows answers it, however many millions of rows the outbox keeps."""
    statement = (
        select(Delivery.id)
        .where(col(Delivery.status) == "sending", col(Delivery.lease_until) < NOW)
        .compile(engine, compile_kwargs={"literal_binds": True})
    )
    with engine.connect() as conn:
        if is_postgres:
            conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
            plan = "\n".join(conn.exec_driver_sql(f"EXPLAIN {statement}").scalars())
        else:
            rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}")
            plan = "\n".join(str(r[-1]) for r in rows)
    assert "ix_delivery_in_flight" in plan, plan


def test_paused_campaigns_are_not_claimed(engine, settings):
    with Session(engine) as s:
        network(s)
        c = _sending_campaign(s)
        outbox.snapshot(s, c.id, settings, audience.rows(s, c))
        campaigns.pause(s, c.id)
        s.commit()
        assert _claim(s, NOW, 100, 60) == []


def test_deferred_rows_wait_for_their_time(engine, settings):
    with Session(engine) as s:
        network(s, initiatives=0, contacts_per_org=1)
        c = _sending_campaign(s)
        outbox.snapshot(s, c.id, settings, audience.rows(s, c))
        (row,) = _claim(s, NOW, 10, 60)
        later = NOW + timedelta(minutes=5)
        update = Update(row.id, row.attempts, DeliveryStatus.QUEUED, "429", next_attempt_at=later)
        outbox.record(s, [update], NOW)
        s.commit()
        assert _claim(s, NOW + timedelta(minutes=4), 10, 60) == []
        (again,) = _claim(s, later, 10, 60)
        assert again.id == row.id and again.attempts == 2


def test_expired_lease_becomes_uncertain_and_late_result_is_ignored(engine, settings):
    with Session(engine) as s:
        network(s, initiatives=0, contacts_per_org=2)
        c = _sending_campaign(s)
        outbox.snapshot(s, c.id, settings, audience.rows(s, c))
        rows = _claim(s, NOW, 10, 60)
        s.commit()
        assert outbox.expire_leases(s, NOW + timedelta(seconds=59)) == 0
        assert outbox.expire_leases(s, NOW + timedelta(seconds=61)) == 2
        outbox.record(s, [Update(rows[1].id, rows[1].attempts, DeliveryStatus.FAILED, "x")], NOW)
        outbox.record(s, [Update(rows[0].id, rows[0].attempts + 1, DeliveryStatus.SENT)], NOW)
        s.commit()
        assert outbox.counts(s, c.id)["uncertain"] == 2  # neither a failure nor another try
        outbox.record(s, [Update(rows[0].id, rows[0].attempts, DeliveryStatus.SENT)], NOW)
        s.commit()
        tally = outbox.counts(s, c.id)
        assert tally["uncertain"] == 1 and tally["sent"] == 1  # a late "sent" is news
        assert outbox.requeue_uncertain(s, c.id) == 1
        assert outbox.counts(s, c.id)["queued"] == 1


def test_concurrent_claimers_on_postgres_get_disjoint_batches(engine, settings, is_postgres):
    if not is_postgres:
        pytest.skip("SKIP LOCKED concurrency is a PostgreSQL property; SQLite has one writer")
    with Session(engine) as s:
        network(s, initiatives=49, contacts_per_org=4)  # 200 contacts
        c = _sending_campaign(s)
        outbox.snapshot(s, c.id, settings, audience.rows(s, c))
        s.commit()
    claimed: list[list[int]] = [[] for _ in range(4)]
    barrier = threading.Barrier(4)

    def worker(i: int) -> None:
        barrier.wait()
        while True:
            with Session(engine) as s:
                rows = _claim(s, NOW, 7, 60)
                s.commit()
            if not rows:
                return
            claimed[i] += [r.id for r in rows]

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    everything = [i for part in claimed for i in part]
    assert len(everything) == len(set(everything)) == 200
    assert sum(1 for part in claimed if part) > 1  # they really worked side by side


def test_rows_of_a_campaign_past_its_deadline_are_not_claimed(engine, settings):
    with Session(engine) as s:
        network(s, initiatives=0, contacts_per_org=2)
        c = _sending_campaign(s)
        c.send_before = NOW + timedelta(minutes=1)
        outbox.snapshot(s, c.id, settings, audience.rows(s, c))
        s.commit()
        assert _claim(s, NOW + timedelta(minutes=1), 10, 60) == []
        assert len(_claim(s, NOW, 10, 60)) == 2


def _claim(s, now, limit, lease=60):
    return outbox.claim(s, sending_now(now), now=now, lease_seconds=lease, limit=limit)


def test_the_database_snapshot_agrees_with_the_row_by_row_one(engine, settings):
    """The set-based snapshot (one INSERT … SELECT) skips, suppresses and counts exactly as
    the streamed one does, for old unkeyed and keyed suppression hashes alike."""
    with Session(engine) as s:
        network(s, initiatives=3, contacts_per_org=3)
        contacts = list(s.exec(select(Contact).order_by(Contact.id)))
        contacts[0].status = "unsubscribed"
        contacts[1].status = "bounced"
        contacts[2].status = "complained"
        suppress(s, contacts[3].email, "old unkeyed hash")
        suppress(s, contacts[4].email, "keyed", settings.secret())
        s.commit()
        by_rows, by_sql = _sending_campaign(s), _sending_campaign(s)
        one = outbox.snapshot(s, by_rows.id, settings, audience.rows(s, by_rows))
        query = audience.segment_query(s, by_sql)
        assert query is not None
        other = outbox.snapshot_select(s, by_sql.id, settings, query)
        s.commit()

        def ledger(cid):
            rows = s.exec(select(Delivery).where(Delivery.campaign_id == cid))
            return {(d.email, d.contact_id, d.status, d.reason, d.language) for d in rows}

        assert ledger(by_rows.id) == ledger(by_sql.id)
        assert (
            (other.queued, other.skipped)
            == (one.queued, one.skipped)
            == (other.queued, other.skipped)
        )
        assert other.queued == len(contacts) - 5 and sum(other.skipped.values()) == 5
        assert other.reached_organisations == one.reached_organisations


def test_results_that_share_an_outcome_follow_the_same_rules_as_single_ones(engine, settings):
    """One UPDATE per shared outcome (a SendGrid request's recipients) lands only on
    this attempt's rows, and a late "sent" still corrects an uncertain one."""
    with Session(engine) as s:
        network(s, initiatives=0, contacts_per_org=5)
        c = _sending_campaign(s)
        outbox.snapshot(s, c.id, settings, audience.rows(s, c))
        rows = _claim(s, NOW, 10, 60)
        s.commit()
        assert len(rows) == 5
        assert outbox.expire_leases(s, NOW + timedelta(seconds=61)) == 5
        late_failures = [Update(r.id, r.attempts, DeliveryStatus.FAILED, "x") for r in rows[:2]]
        outbox.record(s, late_failures, NOW)
        other_attempt = [Update(r.id, r.attempts + 1, DeliveryStatus.SENT) for r in rows[2:4]]
        outbox.record(s, other_attempt, NOW)
        s.commit()
        assert outbox.counts(s, c.id)["uncertain"] == 5
        outbox.record(s, [Update(r.id, r.attempts, DeliveryStatus.SENT) for r in rows[:4]], NOW)
        s.commit()
        tally = outbox.counts(s, c.id)
        assert (tally["sent"], tally["uncertain"]) == (4, 1)
        sent = s.exec(select(Delivery).where(col(Delivery.status) == "sent")).all()
        assert {d.sent_at for d in sent} == {NOW} and {d.lease_until for d in sent} == {None}


@pytest.mark.parametrize(
    "wanted",
    [
        [3, 4, 5, 9, 10],  # a few runs: ranges
        [1, 3, 5, 7, 9, 11, 13, 15, 17, 19],  # more runs than ranges are used for: IN
        [20],
        [],
    ],
)
def test_among_selects_exactly_the_ids_given(engine, wanted):
    """Results are written to ``among(ids)``: a range too wide, or a gap taken for a
    run, would record an outcome on a row that had another."""
    with Session(engine) as s:
        camp = _sending_campaign(s)
        s.add_all(Delivery(campaign_id=camp.id, email=f"p{i}@x.example") for i in range(20))
        s.flush()
        ids = sorted(s.exec(select(Delivery.id)).all())
        chosen = [ids[i - 1] for i in wanted]
        found = [
            row_id
            for these in outbox.among(list(reversed(chosen)))
            for row_id in s.exec(select(Delivery.id).where(these))
        ]
        assert sorted(found) == chosen
