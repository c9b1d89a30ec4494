"""What is unsafe about the settings before real mail goes out (pure: no I/O).

``mailer check`` prints these findings, and every send over SMTP or SendGrid
shows them as a warning first (``mailer.cli.check.warn_before_real_mail``), so
nobody mails a real network with ``http://localhost`` unsubscribe links or the
shipped placeholder address without knowing it. See the README, "Before real
mail: ``mailer check``".

``mailer check`` answers "is this ready for real mail?", so the findings are
failures whatever the transport (the Maildir default works as it is, but a
network must not be mailed from these settings); the warning before a send
is printed only where mail really leaves (``smtp``, ``sendgrid``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import parseaddr
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from pydantic import AliasChoices

from mailer.config import Settings, TransportName
from mailer.i18n import N_, _

# Reserved for documentation and testing (RFC 2606, RFC 6761): never a real recipient.
EXAMPLE_SUFFIXES = (".example", ".invalid", ".test", ".localhost", ".local")
EXAMPLE_DOMAINS = ("example.com", "example.org", "example.net", "localhost")
MASK = "****"
# Fields whose whole value is a secret; URLs are masked by their password part instead.
SECRET_FIELDS = frozenset({"sendgrid_api_key", "secret_key"})


class Severity(StrEnum):
    FAIL = "fail"  # must be fixed before real mail: `mailer check` exits non-zero
    NOTE = "note"  # worth knowing; nothing leaves the machine


@dataclass(frozen=True)
class Finding:
    """One problem, naming the setting to change; the message is translated when shown."""

    code: str
    setting: str
    severity: Severity
    msgid: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self) -> str:
        return _(self.msgid).format(setting=self.setting, **self.params)

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "setting": self.setting,
            "severity": self.severity.value,
            "message": self.message(),
            "params": self.params,
        }


def real_mail(settings: Settings) -> bool:
    """Whether the transport hands mail to the outside world."""
    return settings.transport != TransportName.MAILDIR


def is_example_domain(domain: str) -> bool:
    """A domain reserved for examples and tests, or this machine itself."""
    name = domain.strip().rstrip(".").lower()
    if not name:
        return True
    if name in EXAMPLE_DOMAINS or name in {s.lstrip(".") for s in EXAMPLE_SUFFIXES}:
        return True
    if any(name.endswith("." + d) for d in EXAMPLE_DOMAINS):
        return True
    return name.endswith(EXAMPLE_SUFFIXES) or name.startswith("127.") or name == "[::1]"


def findings(settings: Settings) -> list[Finding]:
    """Everything about ``settings`` that would be wrong in mail to real people."""
    found = [
        Finding(code, setting, Severity.FAIL, msgid, params)
        for code, setting, msgid, params in _problems(settings)
    ]
    return found


def failed(found: list[Finding]) -> bool:
    return any(f.severity == Severity.FAIL for f in found)


Problem = tuple[str, str, str, dict[str, Any]]


def _problems(settings: Settings) -> Iterator[Problem]:
    yield from _sender(settings.sender)
    if is_example_domain(settings.reply_domain):
        yield (
            "example_reply_domain",
            "MAILER_REPLY_DOMAIN",
            N_("{setting} is {value!r}, an example domain: replies would never arrive"),
            {"value": settings.reply_domain},
        )
    yield from _public_url(settings.public_url)
    yield from _postal_address(settings.postal_address)


def _sender(sender: str) -> Iterator[Problem]:
    address = parseaddr(sender)[1]
    if "@" not in address:
        yield (
            "sender_not_an_address",
            "MAILER_FROM",
            N_("{setting} is {value!r}, not an address like 'Name <news@your-domain.nl>'"),
            {"value": sender},
        )
    elif is_example_domain(address.rpartition("@")[2]):
        yield (
            "example_sender",
            "MAILER_FROM",
            N_("{setting} uses {value!r}, an example domain: set your network's own address"),
            {"value": address},
        )


def _public_url(url: str) -> Iterator[Problem]:
    parts = urlsplit(url)
    if parts.scheme != "https":
        yield (
            "public_url_not_https",
            "MAILER_PUBLIC_URL",
            N_(
                "{setting} is {value!r}: unsubscribe and RSVP links need an https address "
                "that recipients can reach"
            ),
            {"value": url},
        )
    elif is_example_domain(parts.hostname or ""):
        yield (
            "public_url_example_host",
            "MAILER_PUBLIC_URL",
            N_("{setting} is {value!r}: recipients cannot reach that host"),
            {"value": url},
        )


def _postal_address(address: str) -> Iterator[Problem]:
    placeholder = Settings.model_fields["postal_address"].default
    if not address.strip():
        yield (
            "postal_address_missing",
            "MAILER_POSTAL_ADDRESS",
            N_("{setting} is empty: bulk mail must show the sender's postal address"),
            {},
        )
    elif " ".join(address.split()).lower() == " ".join(placeholder.split()).lower():
        yield (
            "postal_address_placeholder",
            "MAILER_POSTAL_ADDRESS",
            N_("{setting} is still the shipped placeholder {value!r}"),
            {"value": address},
        )


# --- the effective configuration, secrets masked ------------------------------


def env_name(name: str) -> str:
    """The variable an operator sets for field ``name`` (``sender`` → ``MAILER_FROM``)."""
    alias = Settings.model_fields[name].validation_alias
    if isinstance(alias, AliasChoices) and isinstance(alias.choices[0], str):
        return alias.choices[0]
    return f"MAILER_{name.upper()}"


def mask_url(url: str) -> str:
    """The URL with its password (if any) replaced by ``****``."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:{MASK}@{host}"))


def mask_secret(value: str) -> str:
    """Enough to tell two keys apart (the last four characters of a long one), no more."""
    if not value:
        return ""
    return f"{MASK}{value[-4:]}" if len(value) >= 20 else MASK


def effective(settings: Settings) -> dict[str, str]:
    """Every setting by its variable name, as the code will use it, secrets masked."""
    out: dict[str, str] = {}
    for name in Settings.model_fields:
        value: Any = getattr(settings, name)
        if name == "database_url":
            value = settings.db_url
        elif name == "maildir_path":
            value = settings.maildir
        text = "" if value is None else str(value)
        if name in SECRET_FIELDS:
            text = mask_secret(text)
        elif "://" in text:
            text = mask_url(text)
        out[env_name(name)] = text
    if not settings.secret_key:
        out[env_name("secret_key")] = _("(made once, kept in the database)")
    return out


def is_default(settings: Settings, name: str) -> bool:
    """Whether field ``name`` still has the value the code ships with."""
    info = Settings.model_fields[name]
    return bool(getattr(settings, name) == info.get_default(call_default_factory=True))
