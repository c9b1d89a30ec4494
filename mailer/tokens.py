"""Per-delivery references: the reply address, the Message-ID and every link.

Each is ``<delivery id>-<mac>``: the delivery id in lower-case base32 and a
truncated HMAC of the id under the installation's secret and a *purpose*.
One reference never reveals another (a Message-ID that leaks through a
mailing-list archive does not let anyone unsubscribe or answer for the
recipient), a forged or edited one is refused without a database lookup, and
nothing per recipient is stored or generated at snapshot time (the outbox can
insert a million rows in one statement). Lower-case base32 survives mail
systems that change the case of an address's local part.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from enum import StrEnum
from functools import lru_cache

from mailer.config import Settings
from mailer.errors import InvalidInput
from mailer.i18n import _

_MAC_BYTES = 10  # 80 bits: forging one reference takes 2**80 tries against a live server
# (``_b32_mac`` encodes exactly this many bytes)
_REF_RE = re.compile(r"^([a-z2-7]{1,14})-([a-z2-7]{16})$")


class Purpose(StrEnum):
    REPLY = "reply"  # the per-delivery reply address
    MESSAGE_ID = "message-id"
    UNSUBSCRIBE = "unsubscribe"
    RSVP = "rsvp"  # the RSVP page
    PROVIDER = "provider"  # the opaque id a provider hands back in its events
    CLICK = "click"  # the open pixel and the click redirect, when tracking is on (mailer/tracking/)


@lru_cache(maxsize=8)
def _keyed(secret: str) -> hmac.HMAC:
    """An HMAC primed with the key, copied per reference (the send loop signs several per mail)."""
    return hmac.new(secret.encode("utf-8"), digestmod=hashlib.sha256)


def _b32(data: bytes) -> str:
    return base64.b32encode(data).decode("ascii").rstrip("=").lower()


_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"
_PAIRS = tuple(a + b for a in _ALPHABET for b in _ALPHABET)  # 10 bits -> two characters


def _b32_mac(data: bytes) -> str:
    """``_b32`` of a 10-byte MAC, three times faster than base64's pure-Python encoder:
    the send loop signs five references per recipient."""
    n, p = int.from_bytes(data, "big"), _PAIRS
    return (
        p[n >> 70] + p[(n >> 60) & 1023] + p[(n >> 50) & 1023] + p[(n >> 40) & 1023]
        + p[(n >> 30) & 1023] + p[(n >> 20) & 1023] + p[(n >> 10) & 1023] + p[n & 1023]
    )  # fmt: skip


def _mac(secret: str, purpose: Purpose, number: int) -> str:
    mac = _keyed(secret).copy()
    mac.update(f"{purpose.value}:{number}".encode("ascii"))
    return _b32_mac(mac.digest()[:_MAC_BYTES])


@lru_cache(maxsize=64)  # one delivery's references share it
def _encode_id(number: int) -> str:
    return _b32(number.to_bytes(max(1, (number.bit_length() + 7) // 8), "big"))


def _decode_id(text: str) -> int:
    padded = text.upper() + "=" * (-len(text) % 8)
    return int.from_bytes(base64.b32decode(padded), "big")


def ref(settings: Settings, purpose: Purpose, delivery_id: int) -> str:
    """The reference of one delivery for one purpose."""
    return f"{_encode_id(delivery_id)}-{_mac(settings.secret(), purpose, delivery_id)}"


def delivery_id(settings: Settings, purpose: Purpose, value: str) -> int | None:
    """The delivery a reference names, or None when it is not one of ours (or was altered)."""
    match = _REF_RE.match(value.strip().lower())
    if match is None:
        return None
    try:
        number = _decode_id(match.group(1))
    except ValueError:
        return None
    expected = _mac(settings.secret(), purpose, number)
    return number if hmac.compare_digest(expected, match.group(2)) else None


def link_delivery(settings: Settings, purpose: Purpose, value: str) -> int:
    """The delivery behind a link, or :class:`InvalidInput` saying nothing more."""
    number = delivery_id(settings, purpose, value)
    if number is None:
        raise InvalidInput(_("This link is not valid or has been damaged"))
    return number


def reply_address(settings: Settings, delivery: int) -> str:
    return (
        f"{settings.reply_local}+{ref(settings, Purpose.REPLY, delivery)}@{settings.reply_domain}"
    )


def delivery_from_address(settings: Settings, address: str) -> int | None:
    """The delivery whose reply address this is, or None when it is not one of ours."""
    local, _at, domain = address.strip().strip("<>").rpartition("@")
    if domain.lower() != settings.reply_domain.lower():
        return None
    prefix, _plus, value = local.partition("+")
    if prefix.lower() != settings.reply_local.lower():
        return None
    return delivery_id(settings, Purpose.REPLY, value)


def sender_domain(settings: Settings) -> str:
    return settings.sender.rsplit("@", 1)[-1].strip(" >")


def message_id(settings: Settings, delivery: int) -> str:
    return f"<{ref(settings, Purpose.MESSAGE_ID, delivery)}@{sender_domain(settings)}>"


def delivery_from_message_id(settings: Settings, value: str) -> int | None:
    """The delivery a Message-ID (from In-Reply-To or References) names, or None."""
    local, _at, domain = value.strip().strip("<>").rpartition("@")
    if domain.lower() != sender_domain(settings).lower():
        return None
    return delivery_id(settings, Purpose.MESSAGE_ID, local)


def loose_message_id(settings: Settings) -> str:
    """A Message-ID for mail that belongs to no delivery (test copies, forwards)."""
    return f"<x{secrets.token_hex(12)}@{sender_domain(settings)}>"


def unsubscribe_url(settings: Settings, delivery: int) -> str:
    return f"{settings.public_url.rstrip('/')}/u/{ref(settings, Purpose.UNSUBSCRIBE, delivery)}"


def rsvp_url(settings: Settings, delivery: int) -> str:
    return f"{settings.public_url.rstrip('/')}/r/{ref(settings, Purpose.RSVP, delivery)}"


def track_ref(settings: Settings, delivery: int) -> str:
    """The reference in a tracked mail's links and pixel (``/c/<ref>/<n>``, ``/o/<ref>.gif``)."""
    return ref(settings, Purpose.CLICK, delivery)


def unsubscribe_mailto(settings: Settings, delivery: int, reply: str | None = None) -> str:
    """``reply``: the delivery's reply address when the caller has made it already."""
    return f"mailto:{reply or reply_address(settings, delivery)}?subject=unsubscribe"
