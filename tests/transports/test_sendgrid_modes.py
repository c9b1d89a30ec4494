"""SendGrid's two reply modes through the real client against the schema-checking
fake server: the From is always the network; invitations go one request per
recipient (concurrently, each its own reply_to and its own fate); newsletters go
grouped with one campaign-level reply_to and a Message-ID per delivery."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from mailer.message import Batch, ReplyMode
from mailer.transports.base import Outcome
from mailer.transports.sendgrid import Pacer, SendGridTransport, build_payloads
from tests.transports.conftest import API_KEY, SENDER, invitation, make_batch, recipient
from tests.transports.sendgrid_server import FakeSendGrid, Reply

NETWORK = f"{SENDER.name} <{SENDER.email}>"
CAMPAIGN_REPLY = "antwoord@antwoord.pleinpost.example"


def transport(server: FakeSendGrid, **kwargs: Any) -> SendGridTransport:
    return SendGridTransport(API_KEY, host=server.url, timeout=10, **kwargs)


def by_ref(results: list[Any]) -> dict[str, Any]:
    out = {r.ref: r for r in results}
    assert len(out) == len(results)  # one result per recipient
    return out


@pytest.mark.parametrize("batch", [invitation(6), make_batch(6)], ids=["invitation", "newsletter"])
def test_the_from_is_the_network_in_both_modes(sendgrid: FakeSendGrid, batch: Batch) -> None:
    results = transport(sendgrid).send_batch(batch)
    assert {r.outcome for r in results} == {Outcome.SENT}
    delivered = sendgrid.rendered()
    assert len(delivered) == 6
    for item in delivered:
        assert item["mail_headers"]["From"] == NETWORK
        assert "antwoord" not in item["mail_headers"]["From"]
    for body in sendgrid.accepted:
        assert body["from"] == {"email": SENDER.email, "name": SENDER.name}
        assert all("from" not in p for p in body["personalizations"])
    assert sendgrid.invalid == []


def test_an_invitation_is_one_request_per_recipient_with_its_own_reply_to(
    sendgrid: FakeSendGrid,
) -> None:
    batch = invitation(12)
    assert batch.reply_mode is ReplyMode.PER_RECIPIENT
    results = by_ref(transport(sendgrid).send_batch(batch))
    assert sendgrid.requests == len(sendgrid.accepted) == 12
    assert all(len(body["personalizations"]) == 1 for body in sendgrid.accepted)
    by_address = {item["to"]: item for item in sendgrid.rendered()}
    for r in batch.recipients:
        got = by_address[r.to.email]
        assert r.reply_to is not None
        assert got["mail_headers"]["Reply-To"] == r.reply_to.email  # antwoord+tok<i>@...
        assert got["mail_headers"]["Message-ID"] == r.message_id
        assert got["mail_headers"]["From"] == NETWORK
        # each recipient's provider id is the X-Message-Id of its own request
        assert results[r.ref].provider_id == got["x_message_id"]
    assert len({r.provider_id for r in results.values()}) == 12


def test_per_recipient_requests_are_in_flight_together(sendgrid: FakeSendGrid) -> None:
    """The server lets requests through only four at a time: one after the other, the
    barrier breaks and every request gets a 503."""
    sendgrid.barrier = threading.Barrier(4, timeout=8)
    results = transport(sendgrid, concurrency=4).send_batch(invitation(8))
    assert {r.outcome for r in results} == {Outcome.SENT}
    assert sendgrid.max_in_flight == 4
    assert len(sendgrid.accepted) == 8


def test_concurrency_is_capped(sendgrid: FakeSendGrid) -> None:
    results = transport(sendgrid, concurrency=3).send_batch(invitation(20))
    assert {r.outcome for r in results} == {Outcome.SENT}
    assert 1 <= sendgrid.max_in_flight <= 3


@pytest.mark.parametrize(
    "reply",
    [Reply(429, headers={"Retry-After": "7"}), Reply(503, headers={"Retry-After": "7"})],
    ids=["429", "503"],
)
def test_a_refused_request_defers_only_its_recipient(sendgrid: FakeSendGrid, reply: Reply) -> None:
    sendgrid.reply(reply)  # the first request to arrive gets it, the others 202
    batch = invitation(6)
    results = by_ref(transport(sendgrid).send_batch(batch))
    deferred = [r for r in results.values() if r.outcome is not Outcome.SENT]
    assert len(deferred) == 1
    assert deferred[0].outcome is Outcome.TRANSIENT
    assert deferred[0].retry_after == 7.0
    assert str(reply.status) in deferred[0].reason
    sent_refs = {item["custom_args"]["d"] for item in sendgrid.rendered()}
    assert len(sent_refs) == 5 and deferred[0].ref not in sent_refs
    assert {r.ref for r in results.values() if r.outcome is Outcome.SENT} == sent_refs


def test_a_bad_api_key_stops_the_remaining_requests(sendgrid: FakeSendGrid) -> None:
    """401 is our settings, not the recipients: no point in asking 20 times."""
    results = SendGridTransport(
        "SG.wrong", host=sendgrid.url, timeout=10, concurrency=4
    ).send_batch(invitation(20))
    assert {r.outcome for r in results} == {Outcome.CONFIG}
    assert len(results) == 20
    assert all("SENDGRID_API_KEY" in r.reason for r in results)
    assert sendgrid.requests <= 4  # only those already in flight when the first 401 came


def test_a_newsletter_is_grouped_with_one_campaign_reply_to_and_its_own_message_ids(
    sendgrid: FakeSendGrid,
) -> None:
    batch = make_batch(30)
    assert batch.reply_mode is ReplyMode.GROUPED
    results = transport(sendgrid).send_batch(batch)
    assert {r.outcome for r in results} == {Outcome.SENT}
    assert sendgrid.requests == 1
    (body,) = sendgrid.accepted
    assert body["reply_to"] == {"email": CAMPAIGN_REPLY}
    delivered = sendgrid.rendered()
    assert {item["mail_headers"]["Reply-To"] for item in delivered} == {CAMPAIGN_REPLY}
    ids = {item["to"]: item["mail_headers"]["Message-ID"] for item in delivered}
    assert len(set(ids.values())) == 30
    assert ids == {r.to.email: r.message_id for r in batch.recipients}


def test_grouped_requests_split_at_1000_and_each_carries_the_reply_to(
    sendgrid: FakeSendGrid,
) -> None:
    transport(sendgrid, concurrency=4).send_batch(make_batch(1500))
    assert [len(b["personalizations"]) for b in sendgrid.accepted] == [1000, 500]
    assert {b["reply_to"]["email"] for b in sendgrid.accepted} == {CAMPAIGN_REPLY}
    assert sendgrid.max_in_flight == 1  # grouped requests go one after the other


def test_the_batch_can_override_the_rule() -> None:
    grouped = build_payloads(
        Batch(invitation(3).message, invitation(3).recipients, ReplyMode.GROUPED)
    )
    assert len(grouped) == 1 and grouped[0]["reply_to"] == {"email": CAMPAIGN_REPLY}
    single = build_payloads(make_batch(3, mode=ReplyMode.PER_RECIPIENT))
    assert [p["reply_to"]["email"] for p in single] == [
        f"antwoord+tok{i}@antwoord.pleinpost.example" for i in range(3)
    ]


def test_a_bad_recipient_is_refused_without_a_request(sendgrid: FakeSendGrid) -> None:
    batch = invitation(3)
    good = list(batch.recipients)
    bad = type(good[1])(good[1].to, good[1].message_id, {"name": "x"}, good[1].reply_to, ref="bad")
    results = by_ref(transport(sendgrid).send_batch(Batch(batch.message, [good[0], bad, good[2]])))
    assert results["bad"].outcome is Outcome.PERMANENT
    assert sendgrid.requests == 2


def test_per_recipient_requests_are_paced(sendgrid: FakeSendGrid) -> None:
    """MAILER_RATE_PER_SECOND holds inside a batch too: each request waits for its slot."""
    slept: list[float] = []
    sender = transport(sendgrid, concurrency=1)
    sender.pacer = Pacer(10, clock=lambda: 100.0, sleep=slept.append)
    sender.send_batch(invitation(5))
    assert slept == pytest.approx([0.1, 0.2, 0.3, 0.4])


def test_pacer_reserves_slots_for_the_messages_of_each_request() -> None:
    now = [0.0]
    slept: list[float] = []
    pacer = Pacer(4, clock=lambda: now[0], sleep=slept.append)
    pacer.wait(2)  # starts at once, takes the slots up to 0.5 s
    pacer.wait(1)
    now[0] = 10.0  # idle for a while: no debt carried over
    pacer.wait(1)
    assert slept == pytest.approx([0.5])
    unlimited = Pacer(0, clock=lambda: 0.0, sleep=slept.append)
    unlimited.wait(1000)
    assert slept == pytest.approx([0.5])


def test_the_recipient_helper_has_a_tagged_reply_address() -> None:
    """The fixtures above rely on this shape (antwoord+tok<i>@...)."""
    r = recipient(3)
    assert r.reply_to is not None and r.reply_to.without_tag().email == CAMPAIGN_REPLY
