"""SendGrid bodies are written as JSON text (not dicts then ``json.dumps``): the text
says exactly what the dict form says, for every odd value a recipient can bring."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mailer.message import Address, Batch, Recipient
from mailer.transports.sendgrid import (
    BadPersonalization,
    _Personalizations,
    personalization,
    plan,
)
from tests.transports.conftest import make_batch, prepared, recipient

HOLES = prepared().holes


def _both(r: Recipient) -> tuple[object, object]:
    return json.loads(_Personalizations(HOLES)(r)), personalization(HOLES, r)


ODD = [
    "",
    'aanhalingstekens " en \\ backslash',
    "regel\neen\ttab\r",
    "%%t:name%% en %s en %(x)s",  # our markers and printf signs in a value
    "Café Ünïcode ✓ 😀",
    "<b>vet</b> & 'enkel'",
    "\u2028\u2029\x00",
]


@pytest.mark.parametrize("value", ODD)
def test_a_value_comes_out_as_the_dict_form_has_it(value: str) -> None:
    base = recipient(1)
    odd = replace(base, values={**base.values, "name": value, "org": value})
    text, expected = _both(odd)
    assert text == expected


@given(
    name=st.text(max_size=30),
    value=st.text(max_size=60),
    header=st.text(max_size=40).filter(lambda v: "\r" not in v and "\n" not in v),
)
def test_any_recipient_comes_out_as_the_dict_form_has_it(name: str, value: str, header: str):
    base = recipient(2)
    r = replace(
        base,
        to=Address(base.to.email, name.replace("\r", "").replace("\n", "")),
        values={**base.values, "org": value},
        headers={**base.headers, "X-Extra": header},
    )
    text, expected = _both(r)
    assert text == expected


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"To": "x@y.example", "List-Unsubscribe": "<https://x>"},  # reserved: dropped
        {"Message-ID": "<own@x>"},  # names the Message-ID itself: the dict path
        {"message-id": "<own@x>", "X-Naam": "Zoë"},  # non-ASCII: encoded words
    ],
)
def test_headers_of_any_shape(headers: dict[str, str]) -> None:
    r = replace(recipient(3), headers=headers)
    text, expected = _both(r)
    assert text == expected


def test_no_name_and_no_ref() -> None:
    r = replace(recipient(4), to=Address("kaal@x.example"), ref="")
    text, expected = _both(r)
    assert text == expected and "custom_args" not in expected and "name" not in text


def test_a_missing_or_too_large_value_is_refused_as_before() -> None:
    r = recipient(5)
    missing = replace(r, values={k: v for k, v in r.values.items() if k != "org"})
    large = replace(r, values={**r.values, "org": "&" * 3000})  # 15,000 bytes escaped
    for bad in (missing, large):
        with pytest.raises(BadPersonalization):
            _Personalizations(HOLES)(bad)
        with pytest.raises(BadPersonalization):
            personalization(HOLES, bad)


def test_the_body_is_compact_ascii_json_and_reads_back_as_the_payload() -> None:
    batch = make_batch(3)
    (request,) = plan(batch).requests
    assert request.body.isascii() and b", " not in request.body[:200]
    payload = json.loads(request.body)
    assert payload == request.payload
    assert [p["to"][0]["email"] for p in payload["personalizations"]] == [
        r.to.email for r in batch.recipients
    ]
    assert payload["reply_to"] == {"email": "antwoord@antwoord.pleinpost.example"}


def test_every_campaign_reply_address_is_its_own_group() -> None:
    """Reply addresses are grouped by their untagged form, once per distinct one."""
    people = [
        replace(recipient(i), reply_to=Address(f"antwoord+t{i}@{domain}", name))
        for i, (domain, name) in enumerate(
            [("a.example", ""), ("a.example", ""), ("b.example", ""), ("a.example", "Netwerk")]
        )
    ]
    people.append(replace(recipient(9), reply_to=Address("+kaal@a.example")))  # no base
    people.append(replace(recipient(10), reply_to=None))
    requests = plan(Batch(prepared(), people)).requests
    seen = [(len(r.recipients), r.payload.get("reply_to")) for r in requests]
    assert seen == [
        (2, {"email": "antwoord@a.example"}),
        (1, {"email": "antwoord@b.example"}),
        (1, {"email": "antwoord@a.example", "name": "Netwerk"}),
        (1, {"email": "+kaal@a.example"}),
        (1, None),
    ]
