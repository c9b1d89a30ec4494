"""``mailer web``: the public endpoints, SendGrid's webhooks and the dashboard, via uvicorn."""

from __future__ import annotations

import logging
import signal
from types import FrameType

import typer
import uvicorn

from mailer.cli.runtime import console, runtime
from mailer.i18n import _
from mailer.web.app import create_app


def _stopped(signum: int, frame: FrameType | None) -> None:
    """SIGTERM after uvicorn's graceful shutdown: nothing left to do."""


def register(app: typer.Typer) -> None:
    @app.command("web")
    def web_cmd(
        ctx: typer.Context,
        host: str | None = typer.Option(None, help=_("Address to listen on (MAILER_WEB_HOST).")),
        port: int | None = typer.Option(
            None, min=1, max=65535, help=_("Port to listen on (MAILER_WEB_PORT).")
        ),
        forwarded_allow_ips: str | None = typer.Option(
            None,
            help=_(
                "Proxies whose X-Forwarded-For is believed, comma-separated "
                "(MAILER_WEB_FORWARDED_ALLOW_IPS; default 127.0.0.1)."
            ),
        ),
    ) -> None:
        """Serve the web app until Ctrl-C or SIGTERM (behind a TLS proxy in production)."""
        rt = runtime(ctx)
        settings = rt.settings
        bind_host = host or settings.web_host
        bind_port = port or settings.web_port
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
        application = create_app(settings, rt.engine)
        console.print(
            _("Serving on http://{host}:{port}/ (links in mail point to {public})").format(
                host=bind_host, port=bind_port, public=settings.public_url
            )
        )
        # uvicorn stops gracefully on SIGTERM, then raises the signal again: with
        # this handler in place that ends the command (exit 0), as a stop should
        signal.signal(signal.SIGTERM, _stopped)
        uvicorn.run(
            application,
            host=bind_host,
            port=bind_port,
            proxy_headers=True,
            forwarded_allow_ips=forwarded_allow_ips or settings.web_forwarded_allow_ips,
            server_header=False,
            log_level="info",
        )
