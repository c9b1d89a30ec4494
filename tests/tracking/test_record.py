"""Provider events into deliveries, contacts and the suppression list; each once."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlmodel import Session, func, select

from mailer import tokens
from mailer.errors import InvalidInput
from mailer.outbox import Delivery
from mailer.tokens import Purpose
from mailer.tracking.models import ProviderEvent, WebhookBody
from mailer.tracking.record import record_sendgrid
from subscribers.models import Contact
from subscribers.privacy import is_suppressed
from tests.conftest import TEST_SECRET

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


def event(settings, delivery, kind: str, n: int = 1, **extra) -> dict:
    return {
        "email": delivery.email,
        "event": kind,
        "sg_event_id": f"evt-{kind}-{delivery.id}-{n}",
        "timestamp": 1764676800,
        "d": tokens.ref(settings, Purpose.PROVIDER, delivery.id),
        **extra,
    }


def post(engine, settings, *events: dict):
    return record_sendgrid(engine, settings, json.dumps(list(events)).encode() + b"\r\n", NOW)


def state(engine, delivery) -> tuple[str, str, bool]:
    with Session(engine) as s:
        row = s.get(Delivery, delivery.id)
        contact = s.get(Contact, delivery.contact_id)
        return row.status, contact.status, is_suppressed(s, delivery.email, TEST_SECRET)


def test_hard_bounce_fails_the_delivery_and_suppresses_the_address(engine, settings, sent):
    words = "550 5.1.1 The email account that you tried to reach does not exist."
    report = post(engine, settings, event(settings, sent[0], "bounce", type="bounce", reason=words))
    assert (report.recorded, report.unmatched) == (1, 0)
    assert state(engine, sent[0]) == ("failed", "bounced", True)
    assert state(engine, sent[1]) == ("sent", "active", False)
    with Session(engine) as s:
        assert s.get(Delivery, sent[0].id).reason == words


def test_blocked_fails_the_delivery_only(engine, settings, sent):
    post(engine, settings, event(settings, sent[0], "bounce", type="blocked", reason="421 later"))
    assert state(engine, sent[0]) == ("failed", "active", False)


@pytest.mark.parametrize(
    "kind,extra,contact",
    [
        ("spamreport", {}, "complained"),
        ("unsubscribe", {}, "unsubscribed"),
        ("group_unsubscribe", {"asm_group_id": 1}, "unsubscribed"),
        ("dropped", {"reason": "Invalid"}, "bounced"),
        ("dropped", {"reason": "Bounced Address"}, "bounced"),
        ("dropped", {"reason": "Unsubscribed Address"}, "unsubscribed"),
    ],
)
def test_events_about_the_address_stop_mail_to_it(engine, settings, sent, kind, extra, contact):
    post(engine, settings, event(settings, sent[0], kind, **extra))
    _status, got, suppressed = state(engine, sent[0])
    assert (got, suppressed) == (contact, True)


def test_dropped_for_content_touches_only_the_delivery(engine, settings, sent):
    post(engine, settings, event(settings, sent[0], "dropped", reason="Spam Content"))
    assert state(engine, sent[0]) == ("failed", "active", False)


def test_delivered_settles_an_uncertain_delivery(engine, settings, sent):
    with Session(engine) as s:
        row = s.get(Delivery, sent[0].id)
        row.status, row.reason = "uncertain", "pp:interrupted"
        s.add(row)
        s.commit()
    post(engine, settings, event(settings, sent[0], "delivered", response="250 OK"))
    with Session(engine) as s:
        row = s.get(Delivery, sent[0].id)
        assert (row.status, row.reason) == ("sent", "")


def test_delivered_after_a_bounce_does_not_undo_it(engine, settings, sent):
    post(engine, settings, event(settings, sent[0], "bounce", reason="550 no"))
    post(engine, settings, event(settings, sent[0], "delivered"))
    assert state(engine, sent[0])[0] == "failed"


def test_the_same_event_twice_counts_once(engine, settings, sent):
    one = event(settings, sent[0], "spamreport")
    first = post(engine, settings, one)
    again = post(engine, settings, one, one)
    assert (first.recorded, again.recorded, again.repeated) == (1, 0, 2)
    with Session(engine) as s:
        assert s.exec(select(func.count()).select_from(ProviderEvent)).one() == 1
        assert s.exec(select(func.count()).select_from(WebhookBody)).one() == 2  # every body kept


def test_events_naming_no_delivery_of_ours_are_kept_but_change_nothing(engine, settings, sent):
    forged = event(settings, sent[0], "spamreport")
    forged["d"] = tokens.ref(settings, Purpose.UNSUBSCRIBE, sent[0].id)  # another purpose
    other_address = event(settings, sent[0], "unsubscribe", n=2, email="someone@else.example")
    no_ref = {k: v for k, v in event(settings, sent[0], "bounce", n=3).items() if k != "d"}
    report = post(engine, settings, forged, other_address, no_ref)
    assert (report.recorded, report.unmatched) == (3, 3)
    assert state(engine, sent[0]) == ("sent", "active", False)


def test_plain_delivery_ids_from_before_provider_refs_still_match(engine, settings, sent):
    legacy = event(settings, sent[0], "unsubscribe")
    legacy["d"] = str(sent[0].id)
    post(engine, settings, legacy)
    assert state(engine, sent[0])[1:] == ("unsubscribed", True)


def test_the_raw_body_is_kept_even_when_it_cannot_be_read(engine, settings):
    with pytest.raises(InvalidInput):
        record_sendgrid(engine, settings, b"{not json", NOW)
    with Session(engine) as s:
        (body,) = s.exec(select(WebhookBody)).all()
        assert body.body == "{not json" and body.error


def test_the_raw_payload_sits_beside_the_normalised_event(engine, settings, sent):
    raw = event(settings, sent[0], "machine_open", brand_new_field={"x": 1})
    post(engine, settings, raw)
    with Session(engine) as s:
        (row,) = s.exec(select(ProviderEvent)).all()
        assert (row.kind, row.provider_kind, row.payload) == ("unknown", "machine_open", raw)
        assert row.delivery_id == sent[0].id
