"""Settings, read once from the environment (``MAILER_*``) and an optional ``.env``.

One ``Settings`` object is built at an entry point (CLI, web app, scheduler)
and passed down; nothing deeper reads the environment, so tests can hand in
whatever they need without patching globals.
"""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AliasChoices, Field, PrivateAttr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from mailer.errors import ConfigError
from mailer.i18n import DEFAULT_LANGUAGE, LANGUAGES, _


class TransportName(StrEnum):
    MAILDIR = "maildir"
    SMTP = "smtp"
    SENDGRID = "sendgrid"


class Settings(BaseSettings):
    """Every knob an operator can turn; the README's settings table mirrors this."""

    model_config = SettingsConfigDict(
        env_prefix="MAILER_", env_file=".env", extra="ignore", populate_by_name=True
    )

    data_dir: Path = Path("var")
    database_url: str = ""
    timezone: str = "Europe/Amsterdam"
    language: str = DEFAULT_LANGUAGE  # the operator's: CLI output and errors, not mail content
    debug: bool = False  # MAILER_DEBUG=1: an unexpected error shows its full traceback

    transport: TransportName = TransportName.MAILDIR
    maildir_path: Path | None = None
    smtp_url: str = "smtp://127.0.0.1:25"
    smtp_connections: int = Field(default=2, ge=1, le=16)
    sendgrid_api_key: str = Field(
        default="", validation_alias=AliasChoices("SENDGRID_API_KEY", "MAILER_SENDGRID_API_KEY")
    )
    sendgrid_api_host: str = "https://api.sendgrid.com"
    sendgrid_timeout: float = Field(default=30.0, gt=0)
    # requests in flight at once when mail goes one recipient per request (invitations)
    sendgrid_concurrency: int = Field(default=8, ge=1, le=32)

    sender: str = Field(
        default="Kenniscentrum Voorbeeldprovincie <nieuws@pleinpost.example>",
        validation_alias=AliasChoices("MAILER_FROM", "sender"),
    )
    reply_domain: str = "antwoord.pleinpost.example"
    reply_local: str = "antwoord"
    public_url: str = "http://localhost:8000"
    network_name: str = "Netwerk Vervoer & Welzijn"
    postal_address: str = "Voorbeeldstraat 1, 1234 AB Voorbeeldstad"
    secret_key: str = ""

    rate_per_second: float = Field(default=0.0, ge=0)
    rate_per_hour: int = Field(default=0, ge=0)
    batch_size: int = Field(default=500, ge=1, le=1000)
    lease_seconds: int = Field(default=300, ge=1)
    max_attempts: int = Field(default=6, ge=1)
    retry_base_seconds: float = Field(default=30.0, gt=0)
    error_budget: float = Field(default=0.2, gt=0, le=1)
    missed_grace_hours: float = Field(default=6.0, ge=0)

    # Inbound mail (replies, bounces, calendar answers): see mailer/inbound/
    imap_url: str = ""  # imaps://user:pass@host/INBOX, or imap://…?starttls=1
    imap_done_folder: str = "Pleinpost/Verwerkt"
    imap_poll_seconds: int = Field(default=120, ge=10)
    coordinator_email: str = ""  # replies that are no answer are forwarded here
    rsvp_min_confidence: float = Field(default=0.8, ge=0, le=1)
    accept_late_replies: bool = True
    inbound_retention_days: int = Field(default=365, ge=1)

    # The web side: public endpoints and the dashboard (mailer/web/)
    web_host: str = "127.0.0.1"
    web_port: int = Field(default=8000, ge=1, le=65535)
    # The reverse proxies whose X-Forwarded-For/-Proto uvicorn believes (the client IP
    # the log-in limit counts by); None keeps uvicorn's default: 127.0.0.1 only.
    web_forwarded_allow_ips: str | None = None
    sendgrid_webhook_key: str = ""  # the Event Webhook's public key (base64 or PEM)
    sendgrid_webhook_window_seconds: int = Field(default=600, ge=1)
    inbound_webhook_secret: str = ""  # part of the Inbound Parse URL
    tracking: bool = False  # open and click tracking, off unless switched on

    _secret_loaded: str | None = PrivateAttr(default=None)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as err:
            raise ValueError(f"unknown time zone {value!r}") from err
        return value

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        value = value.strip().lower()
        if value not in LANGUAGES:
            raise ValueError(f"choose one of {', '.join(LANGUAGES)}, not {value!r}")
        return value

    @property
    def receives_mail(self) -> bool:
        """Replies come in: from a mailbox (IMAP) or through SendGrid's Inbound Parse."""
        return bool(self.imap_url or self.inbound_webhook_secret)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'pleinpost.db'}"

    @property
    def maildir(self) -> Path:
        return self.maildir_path or self.data_dir / "maildir"

    def secret(self) -> str:
        """The signing key: ``MAILER_SECRET_KEY``, or the installation's from the database.

        The database's key is handed in by the entry point (``installation.load_secret``)
        after it opened the database, so every machine sharing it signs alike. Signing
        without one is a bug in an entry point, never a reason to make a key up.
        """
        if self.secret_key:
            return self.secret_key
        if self._secret_loaded is None:
            raise ConfigError(
                _("No signing secret: set MAILER_SECRET_KEY (the database's key was not loaded)")
            )
        return self._secret_loaded

    def use_secret(self, value: str) -> None:
        self._secret_loaded = value

    def legacy_secret(self) -> str | None:
        """The key file of an installation from before the key moved into the database."""
        path = self.data_dir / "secret.key"
        try:
            key = path.read_text().strip()
        except OSError:
            return None
        return key or None


def private_files() -> None:
    """Everything this process creates is its owner's alone, from the first byte.

    The database, the Maildir, exports, reject files, crash logs and the journal
    all hold personal data; a umask of 077 makes each new file 0600 and each new
    folder 0700 when it is created, instead of a chmod afterwards that leaves a
    moment (or, after a crash, for ever) in which others could read it. Called
    by every entry point (``mailer``, the scheduler).
    """
    os.umask(0o077)


_ALIASES = {"sender": "MAILER_FROM", "sendgrid_api_key": "SENDGRID_API_KEY"}


def load_settings(**overrides: object) -> Settings:
    """Build the settings, turning pydantic's report into one naming the variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as err:
        problems = []
        for error in err.errors():
            field = str(error["loc"][0]) if error["loc"] else "?"
            var = _ALIASES.get(field, f"MAILER_{field.upper()}")
            problems.append(f"{var}: {error['msg']}")
        raise ConfigError(
            _("Bad setting: {problems}").format(problems="; ".join(problems))
        ) from err
