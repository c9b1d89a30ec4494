"""``mailer check``: the effective configuration and what is unsafe before real mail.

The findings themselves come from ``mailer.checks`` (pure); here they are
printed, and the transport's credentials are tried without sending anything:
SMTP connects, greets, upgrades to TLS when asked, logs in and quits; SendGrid
answers one authenticated ``GET /v3/scopes``; a Maildir must be writable.
``warn_before_real_mail`` is what every send over SMTP or SendGrid calls first.
"""

from __future__ import annotations

import json
import smtplib
import socket
import ssl
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer
from python_http_client.exceptions import HTTPError
from rich.markup import escape
from rich.table import Table
from rich.text import Text
from sendgrid import SendGridAPIClient

from mailer import checks
from mailer.checks import Finding, Severity
from mailer.cli.runtime import console, console_err, print_json, runtime
from mailer.config import Settings, TransportName
from mailer.errors import ConfigError
from mailer.i18n import _
from mailer.transports.smtp import parse_smtp_url

SENDGRID_SEND_SCOPE = "mail.send"
# What a refusal of GET /v3/scopes says about our settings.
SENDGRID_STATUS_SETTING = {
    401: "SENDGRID_API_KEY",
    403: "SENDGRID_API_KEY",
    404: "MAILER_SENDGRID_API_HOST",
}


@dataclass(frozen=True)
class Probe:
    """The outcome of trying the transport's credentials: what was tried, and whether it worked."""

    ok: bool
    detail: str


# --- trying the credentials without sending -----------------------------------


def probe_transport(settings: Settings) -> Probe:
    """Try the configured way out as far as it goes without handing over a message."""
    try:
        if settings.transport == TransportName.SMTP:
            return _probe_smtp(settings.smtp_url)
        if settings.transport == TransportName.SENDGRID:
            return _probe_sendgrid(settings)
        return _probe_maildir(settings.maildir)
    except ConfigError as err:
        return Probe(False, str(err))


def _probe_smtp(url: str) -> Probe:
    """Connect, EHLO, STARTTLS if asked, AUTH if credentials are given, QUIT."""
    u = parse_smtp_url(url)
    context = ssl.create_default_context(cafile=u.cafile)
    if not u.verify:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    done: list[str] = []
    try:
        conn = _smtp_connect(u.host, u.port, u.timeout, context if u.implicit_tls else None, u.helo)
        done.append("connect")
        try:
            conn.ehlo()
            done.append("EHLO")
            if u.starttls:
                conn.starttls(context=context)
                conn.ehlo()
                done.append("STARTTLS")
            if u.user:
                conn.login(u.user, u.password)
                done.append("AUTH")
        finally:
            _quit(conn)
    except (smtplib.SMTPException, OSError) as err:
        msgid = (
            _("SMTP server {host}:{port} accepted {steps}, then: {error}; check MAILER_SMTP_URL")
            if done
            else _("Cannot connect to SMTP server {host}:{port}: {error}; check MAILER_SMTP_URL")
        )
        text = msgid.format(host=u.host, port=u.port, steps=" + ".join(done), error=_describe(err))
        return Probe(False, text)
    return Probe(
        True,
        _("SMTP server {host}:{port} accepted {steps} (nothing sent)").format(
            host=u.host, port=u.port, steps=" + ".join([*done[1:], "QUIT"])
        ),
    )


def _smtp_connect(
    host: str, port: int, timeout: float, tls: ssl.SSLContext | None, helo: str
) -> smtplib.SMTP:
    """A connection as the SMTP transport opens it (TLS from the first byte with a context)."""
    name = helo or socket.gethostname()
    if tls is not None:
        return smtplib.SMTP_SSL(host, port, timeout=timeout, context=tls, local_hostname=name)
    return smtplib.SMTP(host, port, timeout=timeout, local_hostname=name)


def _quit(conn: smtplib.SMTP) -> None:
    try:
        conn.quit()
    except (smtplib.SMTPException, OSError):
        conn.close()


def _probe_sendgrid(settings: Settings) -> Probe:
    """One authenticated GET with the official client and the configured timeout."""
    if not settings.sendgrid_api_key:
        return Probe(False, _("SENDGRID_API_KEY is missing"))
    client = SendGridAPIClient(settings.sendgrid_api_key, host=settings.sendgrid_api_host)
    client.client.timeout = settings.sendgrid_timeout
    host = settings.sendgrid_api_host
    try:
        response = client.client.scopes.get()
    except HTTPError as err:
        setting = SENDGRID_STATUS_SETTING.get(err.status_code)
        if setting is None:  # 429, 5xx: SendGrid's trouble, not a setting of ours
            text = _("SendGrid at {host} answered {status}; try again later").format(
                host=host, status=err.status_code
            )
        else:
            text = _("SendGrid at {host} refused the key ({status}); check {setting}").format(
                host=host, status=err.status_code, setting=setting
            )
        return Probe(False, text)
    except OSError as err:  # URLError, timeouts, refused connections
        return Probe(
            False,
            _(
                "SendGrid at {host} cannot be reached: {error}; check MAILER_SENDGRID_API_HOST"
            ).format(host=host, error=_describe(err)),
        )
    scopes = _scopes(response.body)
    if scopes is not None and SENDGRID_SEND_SCOPE not in scopes:
        return Probe(
            False,
            _(
                "The SendGrid key may not send mail (no {scope} scope); check SENDGRID_API_KEY"
            ).format(scope=SENDGRID_SEND_SCOPE),
        )
    return Probe(True, _("SendGrid at {host} accepted the key (nothing sent)").format(host=host))


def _scopes(body: bytes | str | None) -> list[str] | None:
    """The key's scopes from a ``/v3/scopes`` answer, or None when it says nothing readable."""
    try:
        data = json.loads(body or b"null")
    except ValueError:
        return None
    scopes = data.get("scopes") if isinstance(data, dict) else None
    return [str(s) for s in scopes] if isinstance(scopes, list) else None


def _probe_maildir(path: Path) -> Probe:
    """The Maildir's folders (or, before the first mail, the folder that would hold it)
    take a file, as the transport will write one."""
    target = path.resolve()
    existing = target
    while not existing.exists():
        existing = existing.parent
    folders = [f for f in (target / "tmp", target / "new") if f.is_dir()] or [existing]
    for folder in folders:
        try:
            if not folder.is_dir():
                raise NotADirectoryError(str(folder))
            with tempfile.TemporaryFile(dir=folder):
                pass
        except OSError as err:
            return Probe(
                False,
                _("Cannot write in {path}: {error}; check MAILER_MAILDIR_PATH").format(
                    path=folder, error=_describe(err)
                ),
            )
    return Probe(True, _("Maildir {path} is writable").format(path=target))


def _describe(err: BaseException) -> str:
    text = str(err) or type(err).__name__
    if isinstance(err, smtplib.SMTPResponseException):
        words = (
            err.smtp_error.decode("utf-8", "replace")
            if isinstance(err.smtp_error, bytes)
            else err.smtp_error
        )
        text = f"{err.smtp_code} {words}"
    return text


# --- printing -------------------------------------------------------------------


def _print_findings(found: list[Finding], out: Any) -> None:
    for f in found:
        if f.severity == Severity.FAIL:
            out.print(f"[bold red]✗[/] {escape(f.message())}", highlight=False, markup=True)
        else:
            out.print(f"[yellow]·[/] {escape(f.message())}", highlight=False, markup=True)


def _print_report(settings: Settings, found: list[Finding], probe: Probe) -> None:
    table = Table(_("setting"), _("value"), title=_("Effective configuration"))
    values = checks.effective(settings)
    for name in Settings.model_fields:
        var = checks.env_name(name)
        value = values[var]
        mark = " [dim]" + _("(default)") + "[/]" if checks.is_default(settings, name) else ""
        table.add_row(var, Text.from_markup(escape(value) + mark))
    console.print(table)
    console.print(
        f"[green]✓[/] {escape(probe.detail)}"
        if probe.ok
        else f"[bold red]✗[/] {escape(probe.detail)}",
        highlight=False,
        markup=True,
    )
    _print_findings(found, console)
    if not probe.ok or (checks.failed(found) and checks.real_mail(settings)):
        console.print(
            _("Not ready for real mail: change the settings named above."), style="bold red"
        )
    elif checks.failed(found):
        console.print(
            _(
                "Not ready for real mail: change the settings named above. The {transport} "
                "transport keeps mail on this machine, so trying things out works as it is."
            ).format(transport=settings.transport.value),
            style="bold red",
        )
    elif found:
        console.print(_("Ready for real mail; read the notes above."), style="green")
    else:
        console.print(_("Ready for real mail."), style="green")


_warned = False


def warn_before_real_mail(settings: Settings) -> None:
    """Before mail leaves the machine, say on stderr what is still unsafe; once per process.

    Called by every send pass (``run_pass``) and by ``campaign test``. Nothing is
    printed for the Maildir transport: its mail stays on disk.
    """
    global _warned
    if _warned or not checks.real_mail(settings):
        return
    found = [f for f in checks.findings(settings) if f.severity == Severity.FAIL]
    if not found:
        return
    _warned = True
    console_err.print(
        _(
            "Warning: these settings are not ready for real mail "
            "(`mailer check` tells more); sending over {transport} anyway:"
        ).format(transport=settings.transport.value),
        style="bold yellow",
        highlight=False,
        markup=False,
    )
    _print_findings(found, console_err)


def register(app: typer.Typer) -> None:
    @app.command(
        "check",
        help=_(
            "Show the effective settings, try the transport's credentials without sending, "
            "and say what is unsafe before real mail (exit 1 if anything is)."
        ),
    )
    def check_cmd(
        ctx: typer.Context,
        as_json: bool = typer.Option(False, "--json", help=_("One JSON document on stdout.")),
        offline: bool = typer.Option(
            False, "--offline", help=_("Do not try the transport's credentials.")
        ),
    ) -> None:
        """Show the effective settings and what is unsafe before real mail; exit 1 if so."""
        settings = runtime(ctx).settings
        found = checks.findings(settings)
        probe = Probe(True, _("not tried (--offline)")) if offline else probe_transport(settings)
        ok = probe.ok and not checks.failed(found)
        if as_json:
            print_json(
                {
                    "ok": ok,
                    "transport": settings.transport.value,
                    "settings": checks.effective(settings),
                    "transport_check": {
                        "ok": probe.ok,
                        "tried": not offline,
                        "detail": probe.detail,
                    },
                    "findings": [f.as_dict() for f in found],
                }
            )
        else:
            _print_report(settings, found, probe)
        if not ok:
            raise typer.Exit(1)
