"""Unguessable per-delivery tokens, and signed links built from them.

The reply token goes into the local part of the reply address, where mail
systems may change case: so it is lower-case base32, 128 random bits, and
stored on the delivery (a lookup, not a signature, proves it). Links in the
mail carry an itsdangerous signature so a forged or edited link is refused
without a database lookup.
"""

from __future__ import annotations

import base64
import re
import secrets
from functools import lru_cache

from itsdangerous import BadSignature, URLSafeSerializer

from mailer.config import Settings
from mailer.errors import InvalidInput
from mailer.i18n import _

_TOKEN_RE = re.compile(r"^[a-z2-7]{26}$")


def new_token() -> str:
    return base64.b32encode(secrets.token_bytes(16)).decode("ascii").rstrip("=").lower()


def reply_address(settings: Settings, token: str) -> str:
    return f"{settings.reply_local}+{token}@{settings.reply_domain}"


def token_from_address(address: str, settings: Settings) -> str | None:
    """The token in a reply address, or None when the address is not one of ours."""
    local, _, domain = address.strip().strip("<>").rpartition("@")
    if domain.lower() != settings.reply_domain.lower():
        return None
    prefix, _, token = local.partition("+")
    token = token.lower()
    if prefix.lower() != settings.reply_local.lower() or not _TOKEN_RE.match(token):
        return None
    return token


def sender_domain(settings: Settings) -> str:
    return settings.sender.rsplit("@", 1)[-1].strip(" >")


def message_id(settings: Settings, token: str) -> str:
    return f"<{token}@{sender_domain(settings)}>"


def _serializer(settings: Settings, purpose: str) -> URLSafeSerializer:
    return _cached_serializer(settings.secret(), purpose)


@lru_cache(maxsize=32)
def _cached_serializer(secret: str, purpose: str) -> URLSafeSerializer:
    """Built once per key and purpose: the send loop signs a link for every recipient."""
    return URLSafeSerializer(secret, salt=f"pleinpost.{purpose}")


def sign(settings: Settings, purpose: str, token: str) -> str:
    return str(_serializer(settings, purpose).dumps(token))


def unsign(settings: Settings, purpose: str, signed: str) -> str:
    try:
        value = _serializer(settings, purpose).loads(signed)
    except BadSignature as err:
        raise InvalidInput(_("This link is not valid or has been damaged")) from err
    return str(value)


def unsubscribe_url(settings: Settings, token: str) -> str:
    return f"{settings.public_url.rstrip('/')}/u/{sign(settings, 'unsubscribe', token)}"


def unsubscribe_mailto(settings: Settings, token: str) -> str:
    return f"mailto:{reply_address(settings, token)}?subject=unsubscribe"
