from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st

from mailer import tokens
from mailer.errors import InvalidInput
from mailer.tokens import Purpose


@examples(suppress_health_check=[HealthCheck.function_scoped_fixture])  # settings are read only
@given(st.integers(min_value=1, max_value=2**63))
def test_every_reference_names_its_delivery_and_survives_case_folding(settings, number):
    address = tokens.reply_address(settings, number)
    assert tokens.delivery_from_address(settings, address.upper()) == number  # MTAs fold case
    assert tokens.delivery_from_address(settings, f"<{address}>") == number
    assert tokens.delivery_from_message_id(settings, tokens.message_id(settings, number)) == number


def test_one_reference_never_reveals_another(settings):
    refs = {p: tokens.ref(settings, p, 42) for p in Purpose}
    assert len(set(refs.values())) == len(Purpose)
    for purpose, value in refs.items():
        for other in Purpose:
            expected = 42 if other is purpose else None
            assert tokens.delivery_id(settings, other, value) == expected
    mid = tokens.message_id(settings, 42).strip("<>").split("@")[0]
    assert mid not in tokens.reply_address(settings, 42)
    assert mid not in tokens.unsubscribe_url(settings, 42)


def test_a_reference_for_one_delivery_does_not_work_for_another(settings):
    mine = tokens.ref(settings, Purpose.UNSUBSCRIBE, 7)
    forged = tokens.ref(settings, Purpose.UNSUBSCRIBE, 8).split("-")[0] + "-" + mine.split("-")[1]
    assert tokens.delivery_id(settings, Purpose.UNSUBSCRIBE, forged) is None


def test_another_secret_makes_every_reference_invalid(settings):
    value = tokens.ref(settings, Purpose.UNSUBSCRIBE, 7)
    other = settings.model_copy(update={"secret_key": "another-installation"})
    assert tokens.delivery_id(other, Purpose.UNSUBSCRIBE, value) is None


@pytest.mark.parametrize(
    "address",
    [
        "antwoord@antwoord.pleinpost.example",
        "antwoord+short@antwoord.pleinpost.example",
        "antwoord+ba-aaaaaaaaaaaaaaaa@antwoord.pleinpost.example",
        "other+{ref}@antwoord.pleinpost.example",
        "antwoord+{ref}@elsewhere.example",
    ],
)
def test_foreign_or_forged_addresses_name_no_delivery(settings, address):
    ref = tokens.ref(settings, Purpose.REPLY, 5)
    assert tokens.delivery_from_address(settings, address.format(ref=ref)) is None


def test_links_refuse_tampering(settings):
    url = tokens.unsubscribe_url(settings, 1234)
    value = url.rsplit("/", 1)[1]
    assert tokens.link_delivery(settings, Purpose.UNSUBSCRIBE, value) == 1234
    with pytest.raises(InvalidInput):
        tokens.link_delivery(settings, Purpose.UNSUBSCRIBE, value[:-2] + "xx")
    with pytest.raises(InvalidInput):  # a link for another purpose is not valid here
        tokens.link_delivery(settings, Purpose.RSVP, value)


@given(st.binary(min_size=10, max_size=10))
def test_the_fast_mac_encoding_is_base32(mac: bytes) -> None:
    assert tokens._b32_mac(mac) == tokens._b32(mac)
