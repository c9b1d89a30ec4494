"""SendGrid's signed Event Webhook: ECDSA P-256 / SHA-256 over timestamp + raw body.

Verified over the bytes as they arrived (SendGrid's body ends in CRLF; a
re-serialised JSON would never match), before anything is parsed. The
timestamp must also be recent, so a captured request cannot be replayed
later; the clock is a parameter so old signed vectors stay testable.
"""

from __future__ import annotations

import base64
import binascii
from datetime import datetime
from functools import lru_cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import load_der_public_key, load_pem_public_key

from mailer.errors import ConfigError, InvalidInput
from mailer.i18n import _

SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature"
TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp"


class WebhookRefused(InvalidInput):
    """A webhook request that is not signed by the provider, or not recently."""


@lru_cache(maxsize=4)
def public_key(text: str) -> ec.EllipticCurvePublicKey:
    """The key as SendGrid shows it (base64 of the DER key), or a PEM block."""
    text = text.strip()
    try:
        if text.startswith("-----BEGIN"):
            key = load_pem_public_key(text.encode("ascii"))
        else:
            key = load_der_public_key(base64.b64decode(text, validate=True))
    except (ValueError, binascii.Error, UnicodeEncodeError) as err:
        raise ConfigError(
            _("MAILER_SENDGRID_WEBHOOK_KEY: not a public key SendGrid gave ({error})").format(
                error=err
            )
        ) from err
    if not isinstance(key, ec.EllipticCurvePublicKey):
        raise ConfigError(_("MAILER_SENDGRID_WEBHOOK_KEY: not an elliptic-curve public key"))
    return key


def signature_valid(
    key: ec.EllipticCurvePublicKey, body: bytes, signature: str, stamp: str
) -> bool:
    try:
        der = base64.b64decode(signature.strip(), validate=True)
        key.verify(der, stamp.encode("utf-8") + body, ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, binascii.Error, ValueError, UnicodeEncodeError):
        return False
    return True


def verify(
    key_text: str,
    body: bytes,
    signature: str | None,
    stamp: str | None,
    *,
    now: datetime,
    window_seconds: int,
) -> None:
    """Raise :class:`WebhookRefused` unless ``body`` is signed and recent; say nothing more."""
    if not signature or not stamp:
        raise WebhookRefused(_("The webhook request is not signed"))
    if not signature_valid(public_key(key_text), body, signature, stamp):
        raise WebhookRefused(_("The webhook signature does not match"))
    try:
        sent = int(stamp.strip())
    except ValueError:
        raise WebhookRefused(_("The webhook timestamp is not a number")) from None
    if abs(now.timestamp() - sent) > window_seconds:
        raise WebhookRefused(_("The webhook timestamp is outside the allowed window"))
