"""Per-delivery references: the reply address, the Message-ID and every link.

Each is ``<delivery id>-<mac>``: the delivery id in lower-case base32 and a
truncated MAC of the id under the installation's secret, one per *purpose*.
One reference never reveals another (a Message-ID that leaks through a
mailing-list archive does not let anyone unsubscribe or answer for the
recipient), a forged or edited one is refused without a database lookup, and
nothing per recipient is stored or generated at snapshot time (the outbox can
insert a million rows in one statement). Lower-case base32 survives mail
systems that change the case of an address's local part.

One MAC per delivery: the send loop makes four or five references for every
recipient, so all of them come from one keyed BLAKE2b of the delivery id (a
MAC like HMAC, designed to be used this way, a quarter of HMAC-SHA512's cost
here), each purpose taking its own 10 bytes of the 64: disjoint slices of one
keyed hash are as independent as separate MACs, so knowing one slice says
nothing of another. Its key is an HMAC-SHA512 of the installation's secret
(any length of secret; BLAKE2b takes at most 64 bytes of key). References
made before that (one HMAC-SHA256 per purpose, the *legacy* form) are in
mail already sent and still verify.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

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


# Where each purpose's 10 bytes start in the delivery's MAC (64 bytes: room for six).
# Never move one: the slot is part of every reference already sent.
_REPLY, _MESSAGE_ID, _UNSUBSCRIBE, _RSVP, _PROVIDER, _CLICK = range(0, 60, _MAC_BYTES)
assert (_REPLY, _MESSAGE_ID, _UNSUBSCRIBE, _RSVP) == (0, 10, 20, 30)  # delivery_refs' 40 bytes
_SLOT = {
    Purpose.REPLY: _REPLY,
    Purpose.MESSAGE_ID: _MESSAGE_ID,
    Purpose.UNSUBSCRIBE: _UNSUBSCRIBE,
    Purpose.RSVP: _RSVP,
    Purpose.PROVIDER: _PROVIDER,
    Purpose.CLICK: _CLICK,
}
assert len(_SLOT) == len(Purpose)


@lru_cache(maxsize=8)
def _key(secret: str) -> bytes:
    """The delivery MAC's key: derived from the secret, 64 bytes whatever its length."""
    return hmac.digest(secret.encode("utf-8"), b"pleinpost delivery references", "sha512")


@lru_cache(maxsize=8)
def _keyed(secret: str) -> hmac.HMAC:
    """The legacy form's HMAC primed with the key (only verifying uses it now)."""
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


_FROM_5_BITS = bytes.maketrans(bytes(range(32)), _ALPHABET.encode("ascii"))


def _spread_steps(groups: int) -> tuple[tuple[int, int, int], ...]:
    """Masks and shifts that move each 5-bit group of a ``groups * 5``-bit int into a
    byte of its own (``groups`` a power of two): halve the blocks until one group
    is left per block, the upper half of each moved up into its own slot."""
    steps = []
    k = groups
    while k > 1:
        half = k // 2
        bits = (1 << (5 * half)) - 1
        low = high = 0
        for block in range(0, groups * 8, 8 * k):
            low |= bits << block
            high |= bits << (block + 5 * half)
        steps.append((low, high, 4 * k - 5 * half))
        k = half
    return tuple(steps)


_SPREAD_40 = _spread_steps(64)  # the four MACs a recipient needs: 40 bytes, 64 characters


def _b32_40(data: bytes) -> str:
    """``_b32`` of 40 bytes by a handful of big-int operations and one ``translate``,
    instead of four ``_b32_mac``: the send loop does this for every recipient."""
    n = int.from_bytes(data, "big")
    for low, high, shift in _SPREAD_40:
        n = (n & low) | ((n & high) << shift)
    return n.to_bytes(64, "big").translate(_FROM_5_BITS).decode("ascii")


@lru_cache(maxsize=8)
def _primed(secret: str) -> hashlib.blake2b:
    """The delivery MAC with its key taken in: every MAC copies it and adds the id (the
    same digest as keying each anew, without hashing the key's block every time)."""
    return hashlib.blake2b(key=_key(secret), digest_size=64)


def _digest(secret: str, number: int) -> bytes:
    """The one MAC of a delivery that every purpose's MAC is a slice of."""
    return _mac_of(_primed(secret), number)


def _mac_of(primed: hashlib.blake2b, number: int) -> bytes:
    mac = primed.copy()
    mac.update(b"%d" % number)
    return mac.digest()


def _slice(digest: bytes, start: int) -> str:
    return _b32_mac(digest[start : start + _MAC_BYTES])


def _mac(secret: str, purpose: Purpose, number: int) -> str:
    return _slice(_digest(secret, number), _SLOT[purpose])


def _legacy_mac(secret: str, purpose: Purpose, number: int) -> str:
    """The form of references made before one MAC per delivery: one HMAC-SHA256 each."""
    mac = _keyed(secret).copy()
    mac.update(f"{purpose.value}:{number}".encode("ascii"))
    return _b32_mac(mac.digest()[:_MAC_BYTES])


def _encode_id(number: int) -> str:
    """``_b32`` of the id's shortest big-endian bytes, five bits at a time from an int
    (base64's pure-Python encoder took longer than the MAC)."""
    bits = max(1, (number.bit_length() + 7) // 8) * 8
    chars = (bits + 4) // 5
    n, out = number << (chars * 5 - bits), ""  # base32 pads the bits with zeros at the end
    if chars & 1:
        out, n = _ALPHABET[n & 31], n >> 5
    for _pair in range(chars // 2):
        out, n = _PAIRS[n & 1023] + out, n >> 10
    return out


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
    secret, given = settings.secret(), match.group(2)
    if hmac.compare_digest(_mac(secret, purpose, number), given):
        return number
    # mail sent before one MAC per delivery carries the legacy form
    return number if hmac.compare_digest(_legacy_mac(secret, purpose, number), given) else None


def link_delivery(settings: Settings, purpose: Purpose, value: str) -> int:
    """The delivery behind a link, or :class:`InvalidInput` saying nothing more."""
    number = delivery_id(settings, purpose, value)
    if number is None:
        raise InvalidInput(_("This link is not valid or has been damaged"))
    return number


class DeliveryRefs(NamedTuple):
    """Every reference of one delivery, made from its one MAC (the send loop's path:
    the same strings as ``reply_address``, ``message_id`` … give one at a time)."""

    reply_address: str
    message_id: str
    unsubscribe_url: str
    rsvp_url: str
    track_ref: str  # "" unless asked for (tracking on)


def delivery_refs(settings: Settings, delivery: int, *, tracking: bool = False) -> DeliveryRefs:
    """All of a delivery's references for one MAC instead of one per reference."""
    return References(settings, tracking=tracking)(delivery)


class References:
    """``delivery_refs`` for the many deliveries of one send: what every reference
    shares (the primed MAC, the reply address's parts, the link bases) is looked up
    once, not once per recipient."""

    def __init__(self, settings: Settings, *, tracking: bool = False) -> None:
        self._primed = _primed(settings.secret())
        self._reply_local = f"{settings.reply_local}+"
        self._reply_domain = f"@{settings.reply_domain}"
        self._message_domain = f"@{_sender_domain(settings.sender)}>"
        public = _public_base(settings.public_url)
        self._unsubscribe, self._rsvp = f"{public}/u/", f"{public}/r/"
        self.tracking = tracking

    def __call__(self, delivery: int) -> DeliveryRefs:
        digest = _mac_of(self._primed, delivery)
        number = _encode_id(delivery)
        macs = _b32_40(digest[:40])  # the slots of reply, Message-ID, unsubscribe, RSVP in order
        return DeliveryRefs(
            f"{self._reply_local}{number}-{macs[:16]}{self._reply_domain}",
            f"<{number}-{macs[16:32]}{self._message_domain}",
            f"{self._unsubscribe}{number}-{macs[32:48]}",
            f"{self._rsvp}{number}-{macs[48:]}",
            f"{number}-{_slice(digest, _CLICK)}" if self.tracking else "",
        )


@lru_cache(maxsize=8)
def _public_base(public_url: str) -> str:
    return public_url.rstrip("/")


@lru_cache(maxsize=8)
def _sender_domain(sender: str) -> str:
    return sender.rsplit("@", 1)[-1].strip(" >")


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
    return _sender_domain(settings.sender)


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
    return f"{_public_base(settings.public_url)}/u/{ref(settings, Purpose.UNSUBSCRIBE, delivery)}"


def rsvp_url(settings: Settings, delivery: int) -> str:
    return f"{_public_base(settings.public_url)}/r/{ref(settings, Purpose.RSVP, delivery)}"


def track_ref(settings: Settings, delivery: int) -> str:
    """The reference in a tracked mail's links and pixel (``/c/<ref>/<n>``, ``/o/<ref>.gif``)."""
    return ref(settings, Purpose.CLICK, delivery)


def unsubscribe_mailto(settings: Settings, delivery: int, reply: str | None = None) -> str:
    """``reply``: the delivery's reply address when the caller has made it already."""
    return f"mailto:{reply or reply_address(settings, delivery)}?subject=unsubscribe"
