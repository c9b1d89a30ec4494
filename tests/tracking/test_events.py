"""SendGrid's events in our own words, checked on SendGrid's and anymail's samples."""

from __future__ import annotations

import json

import pytest

from mailer.errors import InvalidInput
from mailer.tracking.events import EventType, parse_sendgrid, read_event
from mailer.tracking.record import contact_status
from subscribers.models import ContactStatus
from tests.services import corpus

DOCS = ("sendgrid-docs", "event_webhook_examples")
ANYMAIL = ("django-anymail", "sendgrid_event_webhook")

# anymail's normalised names → ours (its "rejected" is SendGrid's "dropped")
ANYMAIL_KINDS = {
    "queued": EventType.PROCESSED,
    "delivered": EventType.DELIVERED,
    "deferred": EventType.DEFERRED,
    "bounced": EventType.BOUNCED,
    "rejected": EventType.DROPPED,
    "opened": EventType.OPENED,
    "clicked": EventType.CLICKED,
}
ANYMAIL_REJECTS = {
    "invalid": ContactStatus.BOUNCED,
    "bounced": ContactStatus.BOUNCED,
    "unsubscribed": ContactStatus.UNSUBSCRIBED,
}


def test_every_documented_event_type_is_known():
    body = corpus(*DOCS, "00_events.json").read_bytes()
    events = parse_sendgrid(body)
    assert len(events) == 11
    kinds = {e.provider_kind: e.kind for e in events}
    assert EventType.UNKNOWN not in kinds.values(), kinds
    assert kinds["bounce"] is EventType.BOUNCED
    assert kinds["spamreport"] is EventType.COMPLAINED
    assert kinds["group_unsubscribe"] is EventType.UNSUBSCRIBED
    assert kinds["group_resubscribe"] is EventType.RESUBSCRIBED


def test_blocked_is_a_soft_bounce():
    (event,) = parse_sendgrid(corpus(*DOCS, "06_blocked.json").read_bytes())
    assert event.kind is EventType.BLOCKED
    assert event.provider_kind == "bounce/blocked"
    assert contact_status(event) is None  # the address is fine; this message was refused


def test_every_documented_single_event_parses():
    index = json.loads(corpus(*DOCS, "index.json").read_text())
    checked = 0
    for block in index["blocks"]:
        if "file" not in block:  # a block the page itself got wrong (not JSON)
            continue
        data = json.loads(corpus(*DOCS, block["file"]).read_text())
        items = data if isinstance(data, list) else [data]
        if not all(isinstance(item, dict) and "event" in item for item in items):
            continue  # fragments (unique_args, custom_args) are not events
        for event in parse_sendgrid(json.dumps(items).encode()):
            assert event.kind is not EventType.UNKNOWN, block["file"]
            checked += 1
    assert checked >= 25


@pytest.mark.parametrize(
    "name",
    [
        "bounce_event",
        "click_event",
        "deferred_event",
        "delivered_event",
        "dropped_bounced",
        "dropped_invalid_event",
        "dropped_unsubscribed_event",
        "open_event",
        "processed_event",
    ],
)
def test_anymail_cases_map_like_anymail(name):
    case = json.loads(corpus(*ANYMAIL, f"{name}.json").read_text())
    expected = case["expected_anymail_normalized"]
    (event,) = parse_sendgrid(json.dumps(case["request_body"]).encode())
    assert event.kind is ANYMAIL_KINDS[expected["event_type"]]
    assert event.event_id == expected.get("event_id", event.event_id)
    assert event.email == expected.get("recipient", event.email)
    if expected.get("mta_response"):
        assert event.reason == expected["mta_response"]
    if expected.get("reject_reason"):
        assert contact_status(event) is ANYMAIL_REJECTS[expected["reject_reason"]]


def test_unknown_event_names_are_unknown_not_errors():
    event = read_event({"event": "machine_open", "sg_event_id": "x1", "email": "a@b.nl"})
    assert event.kind is EventType.UNKNOWN
    assert contact_status(event) is None


def test_hard_bounce_classified_as_technical_is_soft():
    event = read_event({"event": "bounce", "type": "bounce", "bounce_classification": "Technical"})
    assert event.kind is EventType.BLOCKED


def test_custom_arg_and_missing_event_id():
    a = read_event({"event": "delivered", "d": "abc-def", "email": "x@y.nl", "timestamp": 1})
    b = read_event({"event": "delivered", "d": "abc-def", "email": "x@y.nl", "timestamp": 1})
    assert a.ref == "abc-def"
    assert a.event_id == b.event_id and a.event_id.startswith("sha256:")


@pytest.mark.parametrize("body", [b"not json", b'{"event": "x"}', b"[1, 2]", b"\xff\xfe"])
def test_bodies_that_are_not_event_lists_are_refused(body):
    with pytest.raises(InvalidInput):
        parse_sendgrid(body)
