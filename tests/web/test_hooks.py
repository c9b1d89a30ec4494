"""SendGrid's webhooks through a real server: signed events, Inbound Parse in raw mode."""

from __future__ import annotations

import base64
import email
import json
from datetime import UTC, datetime

import httpx
import pytest
from sqlmodel import Session, func, select

from mailer import tokens
from mailer.inbound.intake import raw_bytes
from mailer.inbound.models import InboundMessage
from mailer.tokens import Purpose
from mailer.tracking.models import ProviderEvent, WebhookBody
from subscribers.models import Contact
from tests.factories import with_settings
from tests.services import corpus
from tests.tracking.support import Signer
from tests.web.server import serve

SECRET = "inbound-secret-4f9a"
NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
STAMP = int(NOW.timestamp())
FORM = "multipart/form-data; boundary=xYzZY"


@pytest.fixture
def signer() -> Signer:
    return Signer.new()


@pytest.fixture
def hooked(settings, engine, signer):
    configured = with_settings(
        settings, sendgrid_webhook_key=signer.public_b64, inbound_webhook_secret=SECRET
    )
    server = serve(configured, engine)
    server.clock.fixed = NOW
    with httpx.Client(base_url=server.url, timeout=30) as client:
        yield server, client
    server.stop()


def _count(engine, model) -> int:
    with Session(engine) as s:
        return s.exec(select(func.count()).select_from(model)).one()


def _status(engine, delivery) -> str:
    with Session(engine) as s:
        return s.get(Contact, delivery.contact_id).status


def _spam_body(settings, delivery) -> bytes:
    item = {
        "email": delivery.email,
        "event": "spamreport",
        "sg_event_id": f"spam-{delivery.id}",
        "timestamp": STAMP - 5,
        "d": tokens.ref(settings, Purpose.PROVIDER, delivery.id),
    }
    return json.dumps([item]).encode() + b"\r\n"


def test_a_signed_event_is_recorded_once(hooked, engine, settings, sent, signer):
    _server, client = hooked
    body = _spam_body(settings, sent[0])
    first = client.post("/hooks/sendgrid/events", content=body, headers=signer.headers(body, STAMP))
    assert first.status_code == 200 and first.json()["recorded"] == 1
    again = client.post("/hooks/sendgrid/events", content=body, headers=signer.headers(body, STAMP))
    assert again.status_code == 200 and again.json() == {
        "recorded": 0,
        "repeated": 1,
        "unmatched": 0,
    }
    assert _status(engine, sent[0]) == "complained"
    assert _count(engine, ProviderEvent) == 1


@pytest.mark.parametrize("attack", ["unsigned", "altered", "other_key", "replayed", "future"])
def test_forged_altered_or_replayed_events_are_refused_and_change_nothing(
    hooked, engine, settings, sent, signer, attack
):
    _server, client = hooked
    body = _spam_body(settings, sent[0])
    headers = signer.headers(body, STAMP)
    if attack == "unsigned":
        headers = {"Content-Type": "application/json"}
    elif attack == "altered":
        body = body.replace(b"spamreport", b"unsubscribe")
    elif attack == "other_key":
        headers = Signer.new().headers(body, STAMP)
    elif attack == "replayed":  # a real signature, captured an hour ago
        headers = signer.headers(body, STAMP - 3600)
    elif attack == "future":
        headers = signer.headers(body, STAMP + 3600)
    answer = client.post("/hooks/sendgrid/events", content=body, headers=headers)
    assert answer.status_code == 400
    assert answer.text == "refused"
    assert _status(engine, sent[0]) == "active"
    assert _count(engine, WebhookBody) == 0 and _count(engine, ProviderEvent) == 0


def test_without_a_key_the_event_webhook_is_closed(client, engine, settings, sent, signer):
    body = _spam_body(settings, sent[0])
    answer = client.post(
        "/hooks/sendgrid/events", content=body, headers=signer.headers(body, STAMP)
    )
    assert answer.status_code == 403
    assert _count(engine, WebhookBody) == 0


def test_the_public_signed_vector_is_accepted_at_its_own_time(settings, engine):
    case = json.loads(
        corpus("sendgrid-python", "eventwebhook", "signature_test_vectors.json").read_text()
    )["cases"][0]
    body = corpus("sendgrid-python", "eventwebhook", "signed_payload_body.txt").read_bytes()
    server = serve(with_settings(settings, sendgrid_webhook_key=case["public_key"]), engine)
    try:
        headers = {
            "X-Twilio-Email-Event-Webhook-Signature": case["signature"],
            "X-Twilio-Email-Event-Webhook-Timestamp": case["timestamp"],
        }
        server.clock.fixed = datetime.fromtimestamp(int(case["timestamp"]) + 30, UTC)
        ok = httpx.post(server.url + "/hooks/sendgrid/events", content=body, headers=headers)
        assert ok.status_code == 200 and ok.json()["unmatched"] == 1  # not one of our deliveries
        server.clock.fixed = None  # today: years outside the window
        late = httpx.post(server.url + "/hooks/sendgrid/events", content=body, headers=headers)
        assert late.status_code == 400
    finally:
        server.stop()
    with Session(engine) as s:
        (stored,) = s.exec(select(WebhookBody)).all()
        assert stored.body.encode() == body  # the raw body, CRLF and all


# --- Inbound Parse -----------------------------------------------------------


def _inbound_body(name: str) -> bytes:
    return corpus("sendgrid-python", "inbound_sample_data", name).read_bytes()


def _stored(engine) -> list[InboundMessage]:
    with Session(engine) as s:
        return list(s.exec(select(InboundMessage)))


def _raw(engine, message_id: int) -> bytes:
    with Session(engine) as s:
        raw = raw_bytes(s, message_id)
        assert raw is not None
        return raw


def test_raw_mode_sample_is_committed_before_the_200(hooked, engine):
    _server, client = hooked
    answer = client.post(
        f"/hooks/sendgrid/inbound/{SECRET}",
        content=_inbound_body("raw_data.txt"),
        headers={"Content-Type": FORM},
    )
    assert answer.status_code == 200
    (message,) = _stored(engine)
    assert message.source == "webhook" and message.envelope_to == ["inbound@inbound.inbound.com"]
    parsed = email.message_from_bytes(_raw(engine, message.id))
    assert parsed["Subject"] == "Inbound Parse Test Raw Data"
    assert parsed["From"] == "Example User <test@example.com>"


def test_raw_mode_with_attachment_keeps_the_attachment_bytes(hooked, engine):
    _server, client = hooked
    answer = client.post(
        f"/hooks/sendgrid/inbound/{SECRET}",
        content=_inbound_body("raw_data_with_attachments.txt"),
        headers={"Content-Type": FORM},
    )
    assert answer.status_code == 200
    (message,) = _stored(engine)
    parsed = email.message_from_bytes(_raw(engine, message.id))
    attachments = [p for p in parsed.walk() if p.get_filename()]
    assert [(p.get_filename(), p.get_content_type()) for p in attachments] == [
        ("SendGrid.jpg", "image/jpeg")
    ]
    assert attachments[0].get_payload(decode=True)[:3] == b"\xff\xd8\xff"  # a JPEG


def test_a_retry_stores_nothing_new(hooked, engine):
    _server, client = hooked
    for _ in range(2):
        answer = client.post(
            f"/hooks/sendgrid/inbound/{SECRET}",
            content=_inbound_body("raw_data.txt"),
            headers={"Content-Type": FORM},
        )
        assert answer.status_code == 200
    assert len(_stored(engine)) == 1 and answer.json()["duplicate"] is True


def test_basic_auth_works_instead_of_the_url_secret(hooked, engine):
    _server, client = hooked
    auth = base64.b64encode(f"sendgrid:{SECRET}".encode()).decode()
    answer = client.post(
        "/hooks/sendgrid/inbound",
        content=_inbound_body("raw_data.txt"),
        headers={"Content-Type": FORM, "Authorization": f"Basic {auth}"},
    )
    assert answer.status_code == 200
    assert len(_stored(engine)) == 1


@pytest.mark.parametrize("path", ["/hooks/sendgrid/inbound/wrong", "/hooks/sendgrid/inbound"])
def test_without_the_secret_nothing_is_stored(hooked, engine, path):
    _server, client = hooked
    answer = client.post(
        path, content=_inbound_body("raw_data.txt"), headers={"Content-Type": FORM}
    )
    assert answer.status_code == 403
    assert _stored(engine) == []


def test_parsed_mode_is_refused_so_sendgrid_keeps_it(hooked, engine):
    _server, client = hooked
    answer = client.post(
        f"/hooks/sendgrid/inbound/{SECRET}",
        content=_inbound_body("default_data.txt"),
        headers={"Content-Type": FORM},
    )
    assert answer.status_code == 400
    assert _stored(engine) == []


@pytest.mark.parametrize("auth", [":", "sendgrid:"])
def test_without_a_configured_secret_inbound_is_closed(client, engine, auth):
    headers = {
        "Content-Type": FORM,
        "Authorization": "Basic " + base64.b64encode(auth.encode()).decode(),
    }
    for path in ("/hooks/sendgrid/inbound", "/hooks/sendgrid/inbound/x"):
        answer = client.post(path, content=_inbound_body("raw_data.txt"), headers=headers)
        assert answer.status_code == 403
    assert _stored(engine) == []
