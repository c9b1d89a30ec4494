"""The one place that decides "try again later" or "this will never work".

Every transport turns the exceptions of its way out into ``Failure`` here, so
the retry policy of the whole system can be read in one screen. Transient
means the same message may succeed later (rate limits, 5xx, timeouts, dropped
connections, SMTP 4xx); permanent means retrying only repeats the failure
(SMTP 5xx for a recipient, SendGrid 400/413) or an operator must change a
setting first (then the reason names the setting).
"""

from __future__ import annotations

import email.utils
import http.client
import json
import smtplib
import ssl
import time
import urllib.error
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from python_http_client.exceptions import HTTPError as SendGridHTTPError

from mailer.errors import ConfigError
from mailer.transports.base import Outcome

TRANSIENT = Outcome.TRANSIENT
PERMANENT = Outcome.PERMANENT
CONFIG = Outcome.CONFIG

# SendGrid statuses whose cause is our configuration, not the message.
_SENDGRID_CONFIG_HINTS = {
    401: "check SENDGRID_API_KEY",
    403: "check that SENDGRID_API_KEY may send mail and that the sender is verified",
    404: "check MAILER_SENDGRID_API_HOST",
}


@dataclass(frozen=True)
class Failure:
    outcome: Outcome
    reason: str
    retry_after: float | None = None  # seconds from now, when the provider said so


def classify(exc: BaseException, *, now: float | None = None) -> Failure:
    """Transient or permanent, with the provider's words as the reason.

    ``now`` (unix seconds) is only for ``X-RateLimit-Reset``, which is an
    absolute time; tests pass it to stay deterministic.
    """
    if isinstance(exc, ConfigError):
        return Failure(CONFIG, str(exc))
    if isinstance(exc, SendGridHTTPError):
        return _sendgrid(exc, time.time() if now is None else now)
    if isinstance(exc, smtplib.SMTPException):
        return _smtp(exc)
    if isinstance(exc, urllib.error.URLError) and isinstance(exc.reason, BaseException):
        exc = exc.reason if isinstance(exc.reason, ssl.SSLCertVerificationError) else exc
    if isinstance(exc, ssl.SSLCertVerificationError):
        return Failure(CONFIG, f"TLS certificate refused: {exc}; check the host in the settings")
    if isinstance(exc, urllib.error.URLError):
        return Failure(TRANSIENT, f"connection failed: {exc.reason}")
    if isinstance(exc, http.client.RemoteDisconnected | ConnectionError):
        return Failure(TRANSIENT, f"connection dropped: {exc or type(exc).__name__}")
    if isinstance(exc, TimeoutError):  # socket.timeout is TimeoutError since 3.10
        return Failure(TRANSIENT, f"timed out: {exc or 'no answer in time'}")
    if isinstance(exc, http.client.HTTPException):
        return Failure(TRANSIENT, f"broken HTTP answer: {type(exc).__name__}: {exc}")
    if isinstance(exc, PermissionError):
        return Failure(CONFIG, f"no permission: {exc}; check MAILER_MAILDIR_PATH")
    if isinstance(exc, OSError):
        return Failure(TRANSIENT, f"system error: {exc}")
    return Failure(PERMANENT, f"unexpected error: {type(exc).__name__}: {exc}")


def classify_smtp_reply(code: int, message: bytes | str) -> Failure:
    """RFC 5321: 4xx is a temporary refusal, 5xx a permanent one."""
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else message
    reason = f"SMTP {code} {text}".strip()
    if code in (530, 535):  # authentication required / refused
        return Failure(CONFIG, reason + "; check the user and password in MAILER_SMTP_URL")
    if 400 <= code < 500:
        return Failure(TRANSIENT, reason)
    return Failure(PERMANENT, reason)


def classify_refused(exc: smtplib.SMTPRecipientsRefused) -> dict[str, Failure]:
    """Per refused address, because one SMTP transaction can refuse each differently."""
    return {addr: classify_smtp_reply(code, msg) for addr, (code, msg) in exc.recipients.items()}


def _smtp(exc: smtplib.SMTPException) -> Failure:
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        words = f"SMTP {exc.smtp_code} {_text(exc.smtp_error)}".strip()
        return Failure(CONFIG, f"{words}; check the user and password in MAILER_SMTP_URL")
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return Failure(TRANSIENT, f"SMTP server disconnected: {exc}")
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        failures = list(classify_refused(exc).values())
        if not failures:
            return Failure(PERMANENT, "SMTP server refused every recipient")
        # permanent only when retrying cannot help any of them
        transient = [f for f in failures if f.outcome is TRANSIENT]
        return transient[0] if transient else failures[0]
    if isinstance(exc, smtplib.SMTPSenderRefused):
        failure = classify_smtp_reply(exc.smtp_code, exc.smtp_error)
        hint = "; check MAILER_FROM or ?bounce= in MAILER_SMTP_URL"
        outcome = CONFIG if failure.outcome is PERMANENT else failure.outcome
        return Failure(outcome, f"sender {exc.sender} refused: {failure.reason}{hint}")
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return Failure(CONFIG, f"SMTP server lacks a feature: {exc}; check MAILER_SMTP_URL")
    if isinstance(exc, smtplib.SMTPResponseException):
        return classify_smtp_reply(exc.smtp_code, exc.smtp_error)
    return Failure(TRANSIENT, f"SMTP error: {type(exc).__name__}: {exc}")


def _text(message: bytes | str) -> str:
    return message.decode("utf-8", "replace") if isinstance(message, bytes) else message


def _sendgrid(exc: SendGridHTTPError, now: float) -> Failure:
    status = int(getattr(exc, "status_code", 0) or 0)
    reason = f"SendGrid {status}: {_sendgrid_message(getattr(exc, 'body', b''))}"
    headers = getattr(exc, "headers", None) or {}
    if status == 429:
        return Failure(TRANSIENT, reason, _retry_after(headers, now))
    if status >= 500 or status == 408:
        return Failure(TRANSIENT, reason, _retry_after(headers, now))
    hint = _SENDGRID_CONFIG_HINTS.get(status)
    if hint:
        return Failure(CONFIG, f"{reason}; {hint}")
    return Failure(PERMANENT, reason)


def _sendgrid_message(body: bytes | str | None) -> str:
    """SendGrid answers ``{"errors": [{"message", "field", "help"}]}``; keep the words."""
    if not body:
        return "no details"
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    try:
        data: Any = json.loads(text)
        parts = []
        for error in data.get("errors", []):
            field = f" ({error['field']})" if error.get("field") else ""
            parts.append(f"{error.get('message', '')}{field}")
        if parts:
            return "; ".join(parts)
    except (ValueError, AttributeError, TypeError):
        pass
    return text[:300]


def _retry_after(headers: Mapping[str, str] | Any, now: float) -> float | None:
    """``Retry-After`` (seconds or an HTTP date) first, else ``X-RateLimit-Reset`` (epoch)."""
    value = headers.get("Retry-After")
    if value:
        value = value.strip()
        if value.isdigit():
            return float(value)
        try:
            when = email.utils.parsedate_to_datetime(value)
            return max(0.0, when.timestamp() - now)
        except (TypeError, ValueError):
            pass
    reset = headers.get("X-RateLimit-Reset")
    if reset:
        try:
            return max(0.0, float(reset) - now)
        except ValueError:
            return None
    return None
