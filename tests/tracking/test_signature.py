"""The Event Webhook signature: both public vector sets, our own keys, the replay window."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from mailer.errors import ConfigError
from mailer.tracking.signature import WebhookRefused, public_key, signature_valid, verify
from tests.services import CORPORA, corpus, need
from tests.tracking.support import Signer

VECTOR_FILES = [
    ("sendgrid-python", "eventwebhook", "signature_test_vectors.json"),
    ("sendgrid-nodejs", "eventwebhook", "signature_test_vectors.json"),
]


def _cases():
    cases = []
    for parts in VECTOR_FILES:
        path = CORPORA.joinpath(*parts)
        if not path.exists():
            cases.append(pytest.param(None, id=f"{parts[0]}-missing"))
            continue
        for case in json.loads(path.read_text())["cases"]:
            cases.append(pytest.param(case, id=f"{parts[0]}-{case['name']}"))
    return cases


@pytest.mark.parametrize("case", _cases())
def test_public_signature_vectors(case):
    need(case is not None, f"public test corpus not found at {CORPORA}")
    key = public_key(case["public_key"])
    body = case["payload"].encode("utf-8")
    valid = signature_valid(key, body, case["signature"], case["timestamp"])
    assert valid is case["expected_valid"]
    if case["expected_valid"]:  # and the full check passes with the clock at its time
        now = datetime.fromtimestamp(int(case["timestamp"]), UTC)
        verify(
            case["public_key"],
            body,
            case["signature"],
            case["timestamp"],
            now=now,
            window_seconds=60,
        )
        with pytest.raises(WebhookRefused):  # the same request a day later is a replay
            later = datetime.fromtimestamp(int(case["timestamp"]) + 86400, UTC)
            verify(
                case["public_key"],
                body,
                case["signature"],
                case["timestamp"],
                now=later,
                window_seconds=600,
            )


def test_python_vector_body_file_is_the_signed_bytes():
    body = corpus("sendgrid-python", "eventwebhook", "signed_payload_body.txt").read_bytes()
    case = json.loads(
        corpus("sendgrid-python", "eventwebhook", "signature_test_vectors.json").read_text()
    )["cases"][0]
    assert body.endswith(b"\r\n")
    assert signature_valid(
        public_key(case["public_key"]), body, case["signature"], case["timestamp"]
    )
    assert not signature_valid(
        public_key(case["public_key"]), body.rstrip(), case["signature"], case["timestamp"]
    )


@pytest.mark.parametrize("form", ["b64", "pem"])
def test_own_key_pair_both_key_forms(form):
    signer = Signer.new()
    key = signer.public_b64 if form == "b64" else signer.public_pem
    now = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
    stamp = str(int(now.timestamp()))
    body = b'[{"event":"delivered"}]\r\n'
    verify(key, body, signer.sign(body, stamp), stamp, now=now, window_seconds=600)
    with pytest.raises(WebhookRefused):
        verify(key, body + b" ", signer.sign(body, stamp), stamp, now=now, window_seconds=600)
    with pytest.raises(WebhookRefused):  # the timestamp is signed too: it cannot be moved
        moved = str(int(stamp) + 1)
        verify(key, body, signer.sign(body, stamp), moved, now=now, window_seconds=600)


@pytest.mark.parametrize("offset", [-601, 601])
def test_outside_the_window_is_refused_both_ways(offset):
    signer = Signer.new()
    now = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
    stamp = str(int(now.timestamp()) + offset)
    body = b"[]"
    with pytest.raises(WebhookRefused):
        verify(
            signer.public_b64, body, signer.sign(body, stamp), stamp, now=now, window_seconds=600
        )
    verify(signer.public_b64, body, signer.sign(body, stamp), stamp, now=now, window_seconds=700)


@pytest.mark.parametrize("signature,stamp", [(None, "1"), ("", "1"), ("abc", None), ("%%%", "1")])
def test_unsigned_or_garbled_is_refused(signature, stamp):
    signer = Signer.new()
    with pytest.raises(WebhookRefused):
        verify(
            signer.public_b64, b"[]", signature, stamp, now=datetime.now(UTC), window_seconds=600
        )


def test_a_bad_key_setting_names_the_variable():
    with pytest.raises(ConfigError, match="MAILER_SENDGRID_WEBHOOK_KEY"):
        public_key("not a key")
