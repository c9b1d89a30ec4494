from __future__ import annotations

import pytest

from mailer import tokens
from mailer.errors import InvalidInput


def test_tokens_are_unique_lowercase_and_parse_back(settings):
    seen = {tokens.new_token() for _ in range(2000)}
    assert len(seen) == 2000
    token = seen.pop()
    assert token == token.lower() and len(token) == 26
    address = tokens.reply_address(settings, token)
    assert tokens.token_from_address(address.upper(), settings) == token  # case folded by MTAs
    assert tokens.token_from_address(f"<{address}>", settings) == token


@pytest.mark.parametrize(
    "address",
    [
        "antwoord@antwoord.pleinpost.example",
        "antwoord+short@antwoord.pleinpost.example",
        "other+aaaaaaaaaaaaaaaaaaaaaaaaaa@antwoord.pleinpost.example",
        "antwoord+aaaaaaaaaaaaaaaaaaaaaaaaaa@elsewhere.example",
    ],
)
def test_foreign_addresses_have_no_token(settings, address):
    assert tokens.token_from_address(address, settings) is None


def test_signed_links_refuse_tampering(settings):
    url = tokens.unsubscribe_url(settings, "abc")
    signed = url.rsplit("/", 1)[1]
    assert tokens.unsign(settings, "unsubscribe", signed) == "abc"
    with pytest.raises(InvalidInput):
        tokens.unsign(settings, "unsubscribe", signed[:-2] + "xx")
    with pytest.raises(InvalidInput):  # a link for another purpose is not valid here
        tokens.unsign(settings, "rsvp", signed)
