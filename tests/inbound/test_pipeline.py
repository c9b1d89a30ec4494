"""The pipeline: each stored message read, matched and applied in its own transaction.

Whatever breaks one message marks it failed with the reason, and the next one
is still processed; a message is never applied twice.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from mailer.campaigns import Campaign
from mailer.errors import ConfigError
from mailer.inbound import jobs, pipeline, serial
from mailer.inbound.intake import Source, intake, raw_bytes
from mailer.inbound.models import InboundMessage, InboundStatus
from mailer.inbound.reading import Kind
from mailer.tokens import reply_address
from subscribers.sqltypes import utcnow
from tests.inbound.builders import invited, mail


@dataclass(frozen=True)
class Done:
    applied: bool = True
    review: bool = False

    def as_dict(self):
        return {"applied": self.applied, "review": self.review}


class Recorder:
    """An applier that notes what it was handed, and can be told to break on a subject."""

    def __init__(self, breaks_on: str = "", error: type[Exception] = RuntimeError):
        self.calls: list[tuple[int, str, str]] = []
        self.breaks_on = breaks_on
        self.error = error

    def __call__(self, session, settings, message, reading, match):
        if self.breaks_on and self.breaks_on in message.subject:
            raise self.error("the applier broke on purpose")
        self.calls.append((message.id, reading.kind.value, match.rule.value))
        return Done()


def _rows(engine) -> dict[int, InboundMessage]:
    with Session(engine) as s:
        return {m.id: m for m in s.exec(select(InboundMessage)).all()}


def _store(engine, *raws: bytes) -> list[int]:
    return [intake(engine, raw, source=Source.FILE).id for raw in raws]


def test_stored_mail_is_read_matched_and_recorded(engine, settings):
    net = invited(engine, settings)
    [first] = _store(engine, mail(to=reply_address(settings, net.delivery)))
    report = pipeline.process(engine, settings, apply=pipeline.record_only)
    assert (report.processed, report.errors, report.applied, report.review) == (1, 0, 0, 1)
    row = _rows(engine)[first]
    assert row.status == InboundStatus.REVIEW  # record_only applies nothing
    assert (row.match_rule, row.delivery_id, row.event_id) == (
        "reply_address",
        net.delivery,
        net.event,
    )
    assert row.from_address == "anna@buurtbus.example" and "Uitnodiging" in row.subject
    assert row.kind == Kind.REPLY
    assert serial.from_json(row.reading).kind == Kind.REPLY
    assert row.outcome == {"applied": False, "review": True, "note": pipeline.Recorded(True).note}


def test_unmatched_answers_are_counted_as_unmatched(engine, settings):
    _store(engine, mail(sender="wie@gmail.com"))
    report = pipeline.process(engine, settings)
    assert report.kinds == {"unmatched": 1}
    [row] = _rows(engine).values()
    assert (row.kind, row.match_rule, row.match_reason) == ("unmatched", "none", "no_rule")


def test_an_applier_that_breaks_marks_that_message_failed_and_goes_on(engine, settings):
    invited(engine, settings)
    ids = _store(
        engine,
        mail(subject="een", number=1),
        mail(subject="KAPOT", number=2),
        mail(subject="drie", number=3),
    )
    recorder = Recorder(breaks_on="KAPOT")
    report = pipeline.process(engine, settings, apply=recorder)
    assert [c[0] for c in recorder.calls] == [ids[0], ids[2]]
    assert (report.processed, report.applied, report.errors) == (3, 2, 1)
    rows = _rows(engine)
    assert [rows[i].status for i in ids] == ["processed", "failed", "processed"]
    assert rows[ids[1]].reason == "RuntimeError: the applier broke on purpose"
    assert rows[ids[1]].subject == "KAPOT"  # the review queue still shows what it was
    assert report.failures == [(ids[1], rows[ids[1]].reason)]


def test_a_reader_that_breaks_fails_one_message(engine, settings):
    ids = _store(engine, mail(number=1), mail(number=2))
    seen = []

    def reader(parsed, context):
        seen.append(parsed.message_id)
        if len(seen) == 1:
            raise ValueError("cannot read this")
        return pipeline.read_parsed(parsed, context)

    report = pipeline.process(engine, settings, read=reader)
    assert report.errors == 1
    assert [_rows(engine)[i].status for i in ids] == ["failed", "review"]


def test_processing_again_applies_nothing_twice(engine, settings):
    invited(engine, settings)
    _store(engine, mail(number=1), mail(number=2))
    recorder = Recorder()
    pipeline.process(engine, settings, apply=recorder)
    again = pipeline.process(engine, settings, apply=recorder)
    assert len(recorder.calls) == 2 and again.processed == 0


def test_a_second_copy_of_the_same_mail_is_not_applied(engine, settings):
    """Another copy (a second mailbox added a header): other bytes, the same Message-ID."""
    invited(engine, settings)
    raw = mail(number=5)
    ids = _store(engine, raw, b"Delivered-To: tweede@buurtbus.example\r\n" + raw)
    recorder = Recorder()
    report = pipeline.process(engine, settings, apply=recorder)
    assert [c[0] for c in recorder.calls] == [ids[0]]
    assert report.processed == 2
    copy = _rows(engine)[ids[1]]
    assert copy.status == "processed" and "copy of message" in copy.outcome["note"]


def test_a_broken_configuration_stops_the_pass_and_keeps_the_message(engine, settings):
    invited(engine, settings)
    [only] = _store(engine, mail(subject="KAPOT"))
    with pytest.raises(ConfigError):
        pipeline.process(engine, settings, apply=Recorder("KAPOT", ConfigError))
    assert _rows(engine)[only].status == InboundStatus.STORED


def _big_with_attachments(mb: int) -> bytes:
    chunk = base64.encodebytes(b"\x89PNG" + bytes(range(256)) * 4096)
    body = chunk * (mb * 1024 * 1024 // len(chunk) + 1)
    return (
        b"From: Anna <anna@buurtbus.example>\r\nTo: antwoord@antwoord.pleinpost.example\r\n"
        b"Subject: Foto's van vorige keer\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="grens"\r\n\r\n'
        b"--grens\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nZie bijlage.\r\n"
        b"--grens\r\nContent-Type: image/png; name=a.png\r\nContent-Transfer-Encoding: base64\r\n"
        b"Content-Disposition: attachment; filename=a.png\r\n\r\n" + body + b"\r\n--grens--\r\n"
    )


BAD = {
    "malformed_mime": (
        b"From: Anna <anna@buurtbus.example>\r\nSubject: kapot\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="nooit"\r\n\r\n'
        b"--verkeerd\r\nContent-Type: text/plain\r\n\r\nWij komen.\r\n"
    ),
    "unknown_charset": (
        b"From: =?x-klingon?q?K=E9s?= <kees@buurtbus.example>\r\nSubject: =?x-klingon?b?////?=\r\n"
        b"Content-Type: text/plain; charset=x-klingon\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        b"Wij komen \xe9\xff\xfe.\r\n"
    ),
    "no_headers_at_all": b"\r\n\r\njust some bytes \x00\x01\x02",
    "500_recipients": mail(to=", ".join(f"p{n}@lijst.example" for n in range(500)), number=500),
    "broken_headers": b"From:\r\nTo: <<<\r\nSubject: =?utf-8?q?=ZZ?=\r\n: no name\r\n\r\nJa\r\n",
}


def test_bad_input_is_stored_gets_a_reason_and_never_stops_the_next(engine, settings, english):
    invited(engine, settings)
    raws = [*BAD.values(), _big_with_attachments(30), mail(number=99)]
    ids = _store(engine, *raws)
    report = pipeline.process(engine, settings)
    rows = _rows(engine)
    assert report.processed == len(raws)
    for inbound_id in ids:
        row = rows[inbound_id]
        assert row.status in {"review", "processed", "failed"}, row
        assert row.kind or row.reason  # a kind, or the failure's reason
        assert row.status == "failed" or row.reading["evidence"] or row.match_reason
    assert "StartBoundaryNotFoundDefect" in rows[ids[0]].reason  # said in the review queue
    assert rows[ids[2]].reading["evidence"][0]["rule"] == "unreadable"
    assert rows[ids[-1]].status in {"review", "processed"} and rows[ids[-1]].kind == "reply"
    with Session(engine) as s:
        assert len(raw_bytes(s, ids[-2])) > 30 * 1024 * 1024  # stored whole


def test_a_reply_to_a_deleted_campaign_is_unmatched_not_failed(engine, settings):
    """The whole pass, prefetch included: a campaign removed by hand takes its deliveries
    with it (migration 0010), and a reply to one is unmatched with the reason."""
    net = invited(engine, settings)
    with Session(engine) as s:
        s.delete(s.get(Campaign, net.campaign))
        s.commit()
    [inbound_id] = _store(engine, mail(to=reply_address(settings, net.delivery)))
    report = pipeline.process(engine, settings)
    row = _rows(engine)[inbound_id]
    assert (report.errors, row.status, row.kind) == (0, "review", "unmatched")
    assert (row.match_rule, row.match_reason) == ("none", "unknown_delivery")


def test_retention_deletes_old_raw_mail_and_keeps_the_result(engine, settings):
    old = intake(
        engine, mail(number=1), source=Source.FILE, received_at=utcnow() - timedelta(days=400)
    )
    new = intake(engine, mail(number=2), source=Source.FILE)
    pipeline.process(engine, settings)
    assert jobs.purge_raw(engine, settings) == 1
    assert jobs.purge_raw(engine, settings) == 0
    with Session(engine) as s:
        assert raw_bytes(s, old.id) is None and raw_bytes(s, new.id) is not None
        row = s.get(InboundMessage, old.id)
        assert row.raw_deleted_at is not None and row.reading is not None
    assert intake(engine, mail(number=1), source=Source.FILE).duplicate  # still known
