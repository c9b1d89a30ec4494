"""What a batch writes, and when: the messages' results together at the batch's end, the
RSVPs without the unit of work, the answers' compare-and-sets in one statement. What
must not change: a message that fails leaves nothing behind, not even in the copies
the session holds, and a compare-and-set that lost its race is noticed."""

from __future__ import annotations

import pytest
from sqlalchemy import event, update
from sqlmodel import Session, select

from mailer.inbound import answers, loops, pipeline, runs
from mailer.inbound.apply import apply
from mailer.inbound.intake import Source, intake
from mailer.inbound.models import InboundMessage
from mailer.invitations.rsvp import rsvp_history
from mailer.tokens import reply_address
from subscribers.models import Organisation
from subscribers.sqltypes import utcnow
from tests.inbound.apply_support import rsvp_of
from tests.inbound.builders import invited, mail


class Updates:
    """How often the engine ran an UPDATE of a table (an executemany counts once)."""

    def __init__(self, engine, table: str):
        self.engine, self.table, self.count = engine, table, 0
        event.listen(engine, "before_cursor_execute", self.note)

    def note(self, conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith(f"UPDATE {self.table.upper()} "):
            self.count += 1

    def close(self):
        event.remove(self.engine, "before_cursor_execute", self.note)


def _rows(engine) -> dict[int, InboundMessage]:
    with Session(engine) as s:
        return {m.id: m for m in s.exec(select(InboundMessage)).all()}


def test_a_batch_writes_its_messages_results_in_one_statement(engine, settings):
    invited(engine, settings)
    ids = [
        intake(engine, mail(number=n, subject=f"antwoord {n}"), source=Source.FILE).id
        for n in range(5)
    ]
    counted = Updates(engine, "inbound_message")
    try:
        report = pipeline.process(engine, settings, apply=pipeline.record_only)
    finally:
        counted.close()
    assert report.processed == 5
    assert counted.count == 2, counted.count  # the claim, then every result at once
    rows = _rows(engine)
    assert [rows[i].status for i in ids] == ["review"] * 5
    assert [rows[i].subject for i in ids] == [f"antwoord {n}" for n in range(5)]
    assert all(rows[i].outcome["note"] == pipeline.Recorded(True).note for i in ids)


def test_an_rsvp_written_by_a_message_that_failed_is_read_as_stored_by_the_next(engine, settings):
    """The failed message's RSVP change is rolled back with its SAVEPOINT; the session's
    copy of the RSVP must not keep it (it was written without the unit of work), or the
    next answer in the batch is compared with a list that was never stored."""
    net = invited(engine, settings)
    to = reply_address(settings, net.delivery)
    anna = "Wij komen graag met Anna de Vries.\n"
    both = "Wij komen graag met Anna de Vries en Jan Bakker.\n"

    def store(n: int, subject: str, body: str) -> int:
        return intake(
            engine, mail(to=to, body=body, subject=subject, number=n), source=Source.FILE
        ).id

    ids = [store(0, "een", anna)]
    pipeline.process(engine, settings)  # the RSVP is stored before the batch: loaded with it
    ids += [store(1, "KAPOT", both), store(2, "drie", anna)]

    def breaks_after_writing(session, settings, message, reading, match):
        done = apply(session, settings, message, reading, match)
        if message.subject == "KAPOT":
            raise RuntimeError("broke after the RSVP was written")
        return done

    report = pipeline.process(engine, settings, apply=breaks_after_writing)
    assert (report.processed, report.errors) == (2, 1)
    rows = _rows(engine)
    assert [rows[i].status for i in ids] == ["processed", "failed", "processed"]
    assert rows[ids[0]].outcome["action"] == "rsvp"
    assert rows[ids[2]].outcome["action"] == "unchanged"  # the same answer as stored
    rsvp = rsvp_of(engine, net)
    assert rsvp is not None and [p["name"] for p in rsvp.attendees] == ["Anna de Vries"]
    with Session(engine) as s:
        assert len(rsvp_history(s, rsvp.id)) == 1


def test_a_message_that_fails_when_its_savepoint_is_released_keeps_no_result(engine, settings):
    """What the applier left to the unit of work is flushed when the message's SAVEPOINT
    is released; if that fails, the message is failed, and its result (already decided)
    must not be written with the batch's, nor its answers sent."""
    net = invited(engine, settings)
    to = reply_address(settings, net.delivery)
    ids = [
        intake(engine, mail(to=to, subject=subject, number=n), source=Source.FILE).id
        for n, subject in enumerate(["KAPOT", "twee"])
    ]

    def leaves_a_bad_row(session, settings, message, reading, match):
        done = apply(session, settings, message, reading, match)
        if message.subject == "KAPOT":
            session.add(Organisation(name=None))  # NOT NULL: fails at the flush
        return done

    report = pipeline.process(engine, settings, apply=leaves_a_bad_row)
    assert (report.processed, report.errors) == (2, 1)
    rows = _rows(engine)
    assert [rows[i].status for i in ids] == ["failed", "processed"]
    assert "IntegrityError" in rows[ids[0]].reason


def test_answers_claimed_in_one_statement_notice_a_row_changed_meanwhile(engine, monkeypatch):
    """Between loading a group and claiming it, another process changes one message's
    outcome: its compare-and-set fails, so the one-statement claim must not count it as
    claimed; it is tried again on its own, on what is stored now."""
    now = utcnow()
    with Session(engine) as s:
        for n in range(3):
            answer = answers.new_answer("unsubscribe_confirmed", f"iemand{n}@voorbeeld.nl", now)
            s.add(
                InboundMessage(
                    sha256=f"{n:064}",
                    received_at=now,
                    source="file",
                    status="processed",
                    outcome={"action": "unsubscribed", "answers": [answer]},
                )
            )
        s.commit()
        waiting = answers.pending_ids(s)
    assert len(waiting) == 3
    raced = waiting[1]
    load = answers._outcomes

    def load_then_race(session, ids):
        loaded = load(session, ids)
        with Session(engine) as other:  # another process writes a note on one of them
            row = other.get(InboundMessage, raced)
            changed = {**row.outcome, "note": "touched meanwhile"}
            other.execute(
                update(InboundMessage).where(InboundMessage.id == raced).values(outcome=changed)
            )
            other.commit()
        monkeypatch.setattr(answers, "_outcomes", load)  # only the first load races
        return loaded

    monkeypatch.setattr(answers, "_outcomes", load_then_race)
    claimed = answers._swap_many(engine, {i: answers._mark_claimed("now") for i in waiting})
    assert sorted(claimed) == waiting
    rows = _rows(engine)
    assert rows[raced].outcome["note"] == "touched meanwhile"  # not overwritten
    for i in waiting:
        [answer] = rows[i].outcome["answers"]
        assert (answer["state"], answer["tries"]) == ("sending", 1), (i, answer)


def test_copies_are_looked_up_by_their_message_id_not_by_every_handled_message(engine):
    """Each batch asks which of its Message-IDs were handled before. Asked together with
    the status, SQLite read every handled message (the status index) once per batch: an
    import's time grew with the square of its size."""
    if engine.dialect.name != "sqlite":
        pytest.skip("the query plan asked about is SQLite's")
    query = pipeline._copies_of(["<a@client.example>", "<b@client.example>"])
    compiled = query.compile(engine, compile_kwargs={"literal_binds": True})
    with engine.connect() as conn:
        plan = " ".join(
            str(row[-1]) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}")
        )
    assert "ix_inbound_message_message_id" in plan, plan


def test_one_answer_an_hour_holds_for_a_sender_the_batch_did_not_prefetch(
    engine, settings, monkeypatch
):
    """The batch's rows are written at its end, so the database does not know yet what
    this batch answered: a sender missing from the batch's prefetch is asked of the
    database and of the batch's own outcomes together, and is still answered once."""
    net = invited(engine, settings)
    to = reply_address(settings, net.delivery)
    for number, body in ((1, "Wij komen met Anna de Vries.\n"), (2, "Ook Jan Bakker komt.\n")):
        intake(engine, mail(to=to, number=number, body=body), source=Source.FILE)
    prefetch = loops.prefetch_recent
    monkeypatch.setattr(
        loops, "prefetch_recent", lambda session, senders, now: prefetch(session, [], now)
    )
    runs.process_stored(engine, settings)
    rows = sorted(_rows(engine).values(), key=lambda m: m.id)
    states = [[(a["state"], a["reason"]) for a in m.outcome["answers"]] for m in rows]
    assert [state for state, _reason in states[0]] == ["sent"]
    assert states[1] == [("held", "rate:one-per-hour")]
