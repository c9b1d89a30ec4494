"""The batched intake and pipeline: the same results as one message at a time, far fewer
questions to the database.

An import stores a batch per transaction and the pipeline reads a batch per
transaction, each message in its own SAVEPOINT. What must not change: the
same bytes are stored once, a message that breaks fails alone, the applier
sees each message once and in order, a copy is recognised inside a batch too.
What must change: matching a batch asks for its deliveries once, not once per
message (counted here, so a change that loses it fails).
"""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import event
from sqlmodel import Session, select

from mailer.errors import InvalidInput
from mailer.inbound import pipeline, runs
from mailer.inbound.intake import Incoming, Source, intake, intake_many
from mailer.inbound.models import InboundMessage, InboundRaw
from mailer.tokens import reply_address
from subscribers.models import Contact
from tests.inbound.builders import invited, mail
from tests.inbound.test_pipeline import Recorder


def _rows(engine) -> dict[int, InboundMessage]:
    with Session(engine) as s:
        return {m.id: m for m in s.exec(select(InboundMessage)).all()}


def test_a_batch_is_stored_once_per_message_whatever_repeats(engine):
    before = intake(engine, mail(number=1), source=Source.FILE)
    items = [
        Incoming(mail(number=1), Source.FILE, origin="a"),  # stored before
        Incoming(mail(number=2), Source.FILE, origin="b"),
        Incoming(b"   \r\n", Source.FILE, origin="c"),  # no message
        Incoming(mail(number=2).replace(b"\n", b"\r\n"), Source.FILE, origin="d"),  # CRLF copy
        Incoming(mail(number=3), Source.FILE, origin="e", envelope_to=["x@y.example"]),
    ]
    results = intake_many(engine, items)
    assert results[0].duplicate and results[0].id == before.id
    assert not results[1].duplicate
    assert isinstance(results[2], InvalidInput)
    assert results[3].duplicate and results[3].id == results[1].id
    assert not results[4].duplicate
    rows = _rows(engine)
    assert len(rows) == 3
    assert rows[results[4].id].envelope_to == ["x@y.example"]
    assert rows[results[1].id].origin == "b" and rows[results[1].id].status == "stored"
    with Session(engine) as s:
        assert s.get(InboundRaw, results[1].id).data == mail(number=2)
    again = intake_many(engine, items)
    assert [getattr(r, "duplicate", None) for r in again] == [True, True, None, True, True]


def test_an_import_stores_in_batches_and_reads_everything(engine, settings, tmp_path, monkeypatch):
    monkeypatch.setattr(runs, "STORE_BATCH", 3)
    monkeypatch.setattr(pipeline, "BATCH", 4)
    folder = tmp_path / "antwoorden"
    folder.mkdir()
    for n in range(10):
        (folder / f"{n:02}.eml").write_bytes(mail(number=n))
    (folder / "leeg.eml").write_bytes(b"")
    recorder = Recorder()
    report = runs.import_paths(engine, settings, [folder], apply=recorder)
    assert (report.read, report.stored, report.duplicates, report.processed) == (11, 10, 0, 10)
    assert report.errors == 1 and "leeg.eml" in report.problems[0]
    assert [c[0] for c in recorder.calls] == sorted(_rows(engine))  # each once, in order
    again = runs.import_paths(engine, settings, [folder], apply=recorder)
    assert (again.stored, again.duplicates, again.processed) == (0, 10, 0)
    assert len(recorder.calls) == 10


def test_one_broken_message_fails_alone_inside_a_batch(engine, settings, english):
    invited(engine, settings)
    ids = [
        intake(engine, mail(subject=s, number=n), source=Source.FILE).id
        for n, s in enumerate(["een", "KAPOT", "drie", "vier"])
    ]
    with Session(engine) as s:  # retention took the raw bytes of the last one
        s.delete(s.get(InboundRaw, ids[3]))
        s.commit()
    recorder = Recorder(breaks_on="KAPOT")
    report = pipeline.process(engine, settings, apply=recorder)
    assert [c[0] for c in recorder.calls] == [ids[0], ids[2]]
    rows = _rows(engine)
    assert [rows[i].status for i in ids] == ["processed", "failed", "processed", "failed"]
    assert rows[ids[1]].reason == "RuntimeError: the applier broke on purpose"
    assert rows[ids[1]].subject == "KAPOT" and rows[ids[1]].attempts == 1
    assert "raw message is gone" in rows[ids[3]].reason
    assert (report.processed, report.errors, report.applied) == (4, 2, 2)


def test_a_copy_inside_the_same_batch_is_not_applied(engine, settings):
    invited(engine, settings)
    raw = mail(number=7)
    first = intake(engine, raw, source=Source.FILE).id
    copy = intake(engine, b"Delivered-To: tweede@buurtbus.example\r\n" + raw, source=Source.FILE)
    recorder = Recorder()
    pipeline.process(engine, settings, apply=recorder)
    assert [c[0] for c in recorder.calls] == [first]
    assert f"copy of message {first}" in _rows(engine)[copy.id].outcome["note"]


class Statements:
    """Every SQL statement the engine runs, by the table it reads first."""

    def __init__(self, engine):
        self.seen: Counter[str] = Counter()
        self.engine = engine
        event.listen(engine, "before_cursor_execute", self.note)

    def note(self, conn, cursor, statement, parameters, context, executemany):
        words = statement.split()
        if words and words[0].upper() == "SELECT" and "FROM" in (w.upper() for w in words):
            upper = [w.upper() for w in words]
            self.seen[words[upper.index("FROM") + 1].strip('"').lower()] += 1

    def close(self):
        event.remove(self.engine, "before_cursor_execute", self.note)


def test_matching_a_batch_asks_for_its_deliveries_once(engine, settings, monkeypatch):
    """30 replies, each to its own invitation: one look-up of deliveries and contacts per
    batch, not one per message (what made the import slow)."""
    monkeypatch.setattr(pipeline, "BATCH", 100)
    net = invited(engine, settings)
    with Session(engine) as s:
        anna = s.get(Contact, net.contact)
        sender = f"{anna.name} <{anna.email}>"
    raws = [
        mail(sender=sender, to=reply_address(settings, net.delivery), number=n) for n in range(30)
    ]
    for raw in raws:
        intake(engine, raw, source=Source.FILE)
    counted = Statements(engine)
    try:
        report = pipeline.process(engine, settings, apply=pipeline.record_only)
    finally:
        counted.close()
    assert report.processed == 30 and report.kinds == {"reply": 30}
    assert counted.seen["delivery"] <= 1, counted.seen
    assert counted.seen["contact"] <= 2, counted.seen  # the senders, the matched contacts
    assert counted.seen["inbound_raw"] <= 1, counted.seen
    assert counted.seen["inbound_message"] <= 5, counted.seen  # pending, load, copies


@pytest.mark.parametrize("size", [1, 3])
def test_batches_never_exceed_their_bytes(monkeypatch, size):
    monkeypatch.setattr(pipeline, "BATCH", size)
    monkeypatch.setattr(pipeline, "BATCH_BYTES", 100)
    got = list(pipeline.batches([(1, 40), (2, 40), (3, 40), (4, 500), (5, 10)]))
    assert [i for b in got for i in b] == [1, 2, 3, 4, 5]
    assert all(len(b) <= size for b in got)
    assert [4] in got  # a message larger than the limit goes alone


def test_one_answer_an_hour_holds_inside_a_batch_and_the_headers_are_read(engine, settings):
    """The loop guard's look-up of earlier answers is made once per batch and kept up to
    date as the batch goes: two answers from one sender in one batch send one mail. The
    headers the applier reads are the batch's parsed ones: mail from a list is not answered."""
    net = invited(engine, settings)
    to = reply_address(settings, net.delivery)
    for number, body in ((1, "Wij komen met Anna de Vries.\n"), (2, "Ook Jan Bakker komt.\n")):
        intake(engine, mail(to=to, number=number, body=body), source=Source.FILE)
    automatic = mail(
        to=to,
        sender="Piet Jansen <piet@buurtbus.example>",
        number=3,
        body="Helaas kunnen wij niet komen.\n",
        headers={"List-Post": "<mailto:leden@buurtbus.example>"},
    )
    intake(engine, automatic, source=Source.FILE)
    runs.process_stored(engine, settings)
    rows = sorted(_rows(engine).values(), key=lambda m: m.id)
    states = [[(a["state"], a["reason"]) for a in m.outcome["answers"]] for m in rows]
    assert [state for state, _reason in states[0]] == ["sent"]
    assert states[1:] == [[("held", "rate:one-per-hour")], [("held", "header:list")]]
