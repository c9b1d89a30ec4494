"""SendGrid: the payload as whole JSON, SendGrid's own samples, and the real client
against the local server (splitting, limits, timeout, provider ids)."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from sendgrid.helpers.mail import (
    Attachment as SgAttachment,
)
from sendgrid.helpers.mail import (
    Category,
    ClickTracking,
    Content,
    CustomArg,
    From,
    Ganalytics,
    Header,
    Mail,
    OpenTracking,
    Personalization,
    ReplyTo,
    SubscriptionTracking,
    Substitution,
    To,
    TrackingSettings,
)

from mailer.message import Address, Attachment, Batch, Recipient
from mailer.transports.base import Outcome
from mailer.transports.sendgrid import (
    MAX_PERSONALIZATIONS,
    SendGridTransport,
    build_payload,
    split,
)
from tests.services import corpus
from tests.transports.conftest import API_KEY, make_batch, prepared, recipient
from tests.transports.sendgrid_server import FakeSendGrid, Reply, load_validator, problems

ICS = Attachment(
    "uitnodiging.ics",
    "text/calendar",
    b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
    {"method": "REQUEST"},
)
PDF = Attachment("programma.pdf", "application/pdf", b"%PDF-1.4 tiny")


def test_payload_as_whole_json() -> None:
    batch = make_batch(2, attachments=(PDF,))
    message = batch.message

    def person(i: int) -> dict[str, Any]:
        unsub = f"https://pleinpost.example/u/tok{i}"
        return {
            "to": [{"email": f"lid{i}@gemeente{i}.example", "name": f"Lid {i}"}],
            "substitutions": {
                "%%h:name%%": f"Jan {i} &amp; Co",
                "%%t:name%%": f"Jan {i} & Co",
                "%%h:org%%": f"Stichting &lt;{i}&gt;",
                "%%t:org%%": f"Stichting <{i}>",
                "%%h:unsubscribe%%": unsub,
                "%%t:unsubscribe%%": unsub,
            },
            "headers": {
                "List-Unsubscribe": f"<{unsub}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "Message-ID": f"<d{i}.x7@pleinpost.example>",
            },
            "custom_args": {"d": f"delivery-{i}"},
        }

    assert build_payload(batch) == {
        "personalizations": [person(0), person(1)],
        "from": {"email": "nieuws@pleinpost.example", "name": "Netwerk Vervoer & Welzijn"},
        "reply_to": {"email": "antwoord@antwoord.pleinpost.example"},  # the campaign's
        "subject": "Nieuwsbrief voor %%t:name%%",
        "content": [
            {"type": "text/plain", "value": message.text},
            {"type": "text/html", "value": message.html},
        ],
        "headers": {"List-Id": "Nieuwsbrief <nieuws.pleinpost.example>"},
        "attachments": [
            {
                "content": "JVBERi0xLjQgdGlueQ==",
                "filename": "programma.pdf",
                "type": "application/pdf",
                "disposition": "attachment",
            }
        ],
        "categories": ["newsletter", "campaign-7"],
        "tracking_settings": {  # SendGrid's own tracking never rewrites our links
            "click_tracking": {"enable": False, "enable_text": False},
            "open_tracking": {"enable": False},
            "subscription_tracking": {"enable": False},
            "ganalytics": {"enable": False},
        },
    }


def test_payload_equals_what_the_official_helper_builds() -> None:
    """Same message through sendgrid's ``Mail`` helper; order aside, the same JSON."""
    batch = make_batch(3, attachments=(PDF,))
    message = batch.message
    mail = Mail()
    mail.from_email = From(message.sender.email, message.sender.name)
    mail.reply_to = ReplyTo("antwoord@antwoord.pleinpost.example")
    mail.subject = message.subject
    mail.add_content(Content("text/html", message.html))
    mail.add_content(Content("text/plain", message.text))
    for name, value in message.headers.items():
        mail.add_header(Header(name, value))
    for c in message.categories:
        mail.add_category(Category(c))
    mail.add_attachment(
        SgAttachment("JVBERi0xLjQgdGlueQ==", "programma.pdf", "application/pdf", "attachment")
    )
    mail.tracking_settings = TrackingSettings(
        click_tracking=ClickTracking(False, False),
        open_tracking=OpenTracking(False),
        subscription_tracking=SubscriptionTracking(False),
        ganalytics=Ganalytics(False),
    )
    for r in batch.recipients:
        p = Personalization()
        p.add_to(To(r.to.email, r.to.name))
        for key, value in build_payload(Batch(message, [r]))["personalizations"][0][
            "substitutions"
        ].items():
            p.add_substitution(Substitution(key, value))
        for name, value in {**r.headers, "Message-ID": r.message_id}.items():
            p.add_header(Header(name, value))
        p.add_custom_arg(CustomArg("d", r.ref))
        mail.add_personalization(p)

    def normal(payload: dict[str, Any]) -> dict[str, Any]:
        payload = json.loads(json.dumps(payload))
        payload["personalizations"].sort(key=lambda p: p["to"][0]["email"])
        payload["categories"].sort()
        return payload

    assert normal(build_payload(batch)) == normal(mail.get())


@pytest.mark.parametrize("folder", ["sendgrid-oai", "twilio-sendgrid-oai"])
def test_payload_is_valid_for_both_published_schemas(folder: str) -> None:
    validator = load_validator(corpus(folder, "mail_send_request.schema.json"))
    batch = make_batch(MAX_PERSONALIZATIONS, attachments=(PDF, ICS))
    assert problems(build_payload(batch), validator) == []


def test_the_server_validator_takes_sendgrids_own_sample_bodies() -> None:
    """SendGrid's helper tests and spec examples are real request bodies: our server
    must accept them, except the two quirks named here (which SendGrid also refuses)."""
    folder = corpus("sendgrid-python", "mail_helper_expected_json")
    validator = load_validator()
    refused = {}
    for path in sorted(folder.glob("*.json")):
        body = json.loads(path.read_text())
        if "personalizations" in body:
            refused[path.name] = problems(body, validator)
    refused = {k: v for k, v in refused.items() if v}
    assert sorted(refused) == ["kitchen_sink.json", "unicode_values_in_substitutions_helper.json"]
    assert "non-unique" in refused["kitchen_sink.json"][0]  # categories listed twice
    assert (
        "'to' is a required property" in refused["unicode_values_in_substitutions_helper.json"][0]
    )
    examples = corpus("twilio-sendgrid-oai", "examples", "MailSendNoTemplate.json")
    twilio = load_validator(corpus("twilio-sendgrid-oai", "mail_send_request.schema.json"))
    assert problems(json.loads(examples.read_text()), twilio) == []


def test_custom_args_at_top_level_is_an_object_despite_the_schema() -> None:
    """The published schema says string; the API (and the helper) send an object."""
    import jsonschema

    kitchen = corpus("sendgrid-python", "mail_helper_expected_json", "kitchen_sink.json")
    body = json.loads(kitchen.read_text())
    raw = json.loads(corpus("sendgrid-oai", "mail_send_request.schema.json").read_text())
    errors = list(jsonschema.Draft202012Validator(raw).iter_errors(body))
    assert any(list(e.absolute_path) == ["custom_args"] for e in errors)
    assert not [p for p in problems(body, load_validator()) if "custom_args" in p]
    body["custom_args"] = "a string"
    assert any("custom_args" in p for p in problems(body, load_validator()))


def test_server_refuses_what_sendgrid_refuses() -> None:
    """The fake's extra limits each catch something; otherwise the tests above prove little."""
    validator = load_validator()
    good = build_payload(make_batch(2))
    twice = json.loads(json.dumps(good))
    twice["personalizations"][1]["to"][0]["email"] = "LID0@gemeente0.example"
    assert any("only once" in p for p in problems(twice, validator))
    big = json.loads(json.dumps(good))
    big["personalizations"][0]["substitutions"]["%%t:name%%"] = "x" * 10_000
    assert any("at most 10000" in p for p in problems(big, validator))
    reserved = json.loads(json.dumps(good))
    reserved["personalizations"][0]["headers"]["Reply-To"] = "a@b.example"
    assert any("reserved" in p for p in problems(reserved, validator))
    many = json.loads(json.dumps(good))
    many["personalizations"] = [
        {"to": [{"email": f"a{i}@x.example"}, {"email": f"b{i}@x.example"}]} for i in range(501)
    ]
    assert any("at most 1000 recipients" in p for p in problems(many, validator))


def test_split_keeps_each_address_once_per_request() -> None:
    people = [recipient(i) for i in range(1500)]
    twin_late = recipient(1400)  # its first copy is in the second chunk: a third is needed
    twin_early = recipient(5, email_addr="LID5@gemeente5.example")  # fits the second chunk
    chunks = list(split([*people, twin_late, twin_early]))
    assert [len(c) for c in chunks] == [1000, 501, 1]
    assert chunks[2] == [twin_late]
    for chunk in chunks:
        emails = [r.to.email.lower() for r in chunk]
        assert len(emails) == len(set(emails))


def test_send_through_the_real_client_in_requests_of_1000(sendgrid: FakeSendGrid) -> None:
    transport = SendGridTransport(API_KEY, host=sendgrid.url, timeout=5)
    batch = make_batch(2345)
    results = transport.send_batch(batch)
    assert sendgrid.invalid == []
    assert [len(b["personalizations"]) for b in sendgrid.accepted] == [1000, 1000, 345]
    by_ref = {r.ref: r for r in results}
    assert len(by_ref) == len(results) == 2345
    assert {r.outcome for r in results} == {Outcome.SENT}
    # provider id = X-Message-Id of the request that carried the recipient
    for body, message_id in zip(sendgrid.accepted, sendgrid.message_ids, strict=True):
        for item in body["personalizations"]:
            assert by_ref[item["custom_args"]["d"]].provider_id == message_id


def test_custom_args_carry_only_the_opaque_ref(sendgrid: FakeSendGrid) -> None:
    transport = SendGridTransport(API_KEY, host=sendgrid.url, timeout=5)
    transport.send_batch(make_batch(3))
    for item in sendgrid.rendered():
        assert item["custom_args"] == {"d": item["custom_args"]["d"]}
        assert item["custom_args"]["d"].startswith("delivery-")


def test_a_recipient_with_too_large_values_fails_alone(sendgrid: FakeSendGrid) -> None:
    base = recipient(1)
    huge = Recipient(base.to, base.message_id, {**base.values, "org": "<" * 3000}, ref="huge")
    batch = Batch(prepared(), [recipient(0), huge, recipient(2)])
    results = {
        r.ref: r for r in SendGridTransport(API_KEY, host=sendgrid.url, timeout=5).send_batch(batch)
    }
    assert results["huge"].outcome is Outcome.PERMANENT
    assert "10000" in results["huge"].reason
    assert results["delivery-0"].outcome is results["delivery-2"].outcome is Outcome.SENT
    assert sendgrid.invalid == []


def test_calendar_goes_inline_as_content_and_as_attachment(sendgrid: FakeSendGrid) -> None:
    attached = Attachment(ICS.filename, ICS.content_type, ICS.data, ICS.params)
    inline = Attachment(ICS.filename, ICS.content_type, ICS.data, ICS.params, inline=True)
    batch = make_batch(1, attachments=(attached, inline))
    SendGridTransport(API_KEY, host=sendgrid.url, timeout=5).send_batch(batch)
    body = sendgrid.accepted[0]
    assert [c["type"] for c in body["content"]] == [
        "text/plain",
        "text/html",
        "text/calendar; method=REQUEST",
    ]
    assert body["attachments"][0]["type"] == "text/calendar; method=REQUEST"


def test_non_ascii_header_values_are_encoded(sendgrid: FakeSendGrid) -> None:
    base = make_batch(1)
    message = prepared()
    message = type(message)(
        **{**message.__dict__, "headers": {"List-Id": "Café-nieuws <cafe.example>"}}
    )
    SendGridTransport(API_KEY, host=sendgrid.url, timeout=5).send_batch(
        Batch(message, base.recipients)
    )
    assert sendgrid.invalid == []
    assert sendgrid.accepted[0]["headers"]["List-Id"].startswith("=?utf-8?")


def test_the_timeout_is_always_set_and_a_late_answer_is_uncertain(
    sendgrid: FakeSendGrid, english: None
) -> None:
    """SendGrid had the whole request when the answer timed out: it may have sent the mail,
    so those recipients are uncertain, never retried by themselves."""
    sendgrid.reply(Reply(delay=3))
    transport = SendGridTransport(API_KEY, host=sendgrid.url, timeout=0.3)
    results = transport.send_batch(make_batch(2))
    assert {r.outcome for r in results} == {Outcome.UNKNOWN}
    assert "timed out" in results[0].reason and "may have been delivered" in results[0].reason


def test_wrong_api_key_names_the_setting(sendgrid: FakeSendGrid) -> None:
    results = SendGridTransport("SG.wrong", host=sendgrid.url, timeout=5).send_batch(make_batch(2))
    assert {r.outcome for r in results} == {Outcome.CONFIG}
    assert "SENDGRID_API_KEY" in results[0].reason


def test_recipient_without_name_or_reply_address() -> None:
    payload = build_payload(Batch(prepared(), [recipient(5)]))
    assert payload["personalizations"][0]["to"] == [
        {"email": "lid5@gemeente5.example", "name": "Lid 5"}
    ]
    no_name = Recipient(Address("x@y.example"), "<m@x>", recipient(5).values, ref="r")
    payload = build_payload(Batch(prepared(), [no_name]))
    assert payload["personalizations"][0]["to"] == [{"email": "x@y.example"}]
    assert "reply_to" not in payload  # no reply address: replies go to the sender


def test_request_bodies_never_reach_the_log(
    sendgrid: FakeSendGrid, caplog: pytest.LogCaptureFixture
) -> None:
    """A body names a thousand people: even at DEBUG it is not logged (the official
    client's ``post`` formats every body into a debug message; ``post`` does not use it)."""
    caplog.set_level(logging.DEBUG)
    results = SendGridTransport(API_KEY, host=sendgrid.url, timeout=5).send_batch(make_batch(3))
    assert {r.outcome for r in results} == {Outcome.SENT}
    assert sendgrid.accepted and sendgrid.invalid == []
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "lid1@gemeente1.example" not in logged
