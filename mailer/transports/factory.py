"""Choose the way out from the settings; only entry points call this."""

from __future__ import annotations

from mailer.config import Settings, TransportName
from mailer.errors import ConfigError
from mailer.i18n import _
from mailer.transports.base import Transport


def build_transport(settings: Settings) -> Transport:
    """The transport ``MAILER_TRANSPORT`` names, configured and ready to send."""
    if settings.transport == TransportName.SMTP:
        from mailer.transports.smtp import SmtpTransport

        return SmtpTransport(settings.smtp_url, connections=settings.smtp_connections)
    if settings.transport == TransportName.SENDGRID:
        if not settings.sendgrid_api_key:
            raise ConfigError(
                _(
                    "SENDGRID_API_KEY is missing: set it, or choose another "
                    "MAILER_TRANSPORT (maildir, smtp)"
                )
            )
        from mailer.transports.sendgrid import SendGridTransport

        return SendGridTransport(
            settings.sendgrid_api_key,
            host=settings.sendgrid_api_host,
            timeout=settings.sendgrid_timeout,
            concurrency=settings.sendgrid_concurrency,
            rate_per_second=settings.rate_per_second,
        )
    from mailer.transports.maildir import MaildirTransport

    return MaildirTransport(settings.maildir)
