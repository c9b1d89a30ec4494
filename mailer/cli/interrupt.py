"""Ctrl-C and SIGTERM during a send: stop handing out mail, record what went, exit non-zero.

Without this, Ctrl-C raised ``KeyboardInterrupt`` in the main thread while the
transport's threads went on delivering the whole batch, whose results were
then lost (and sent twice by ``resend --uncertain``). Now the signal only asks
for a stop: the transports hand nothing more over, the recorder writes what
was sent, the command prints its figures and exits 130 (Ctrl-C) or 143
(SIGTERM), as shells expect.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from mailer.cli.runtime import console
from mailer.i18n import _
from mailer.schedule.stopping import StopRequest


@contextmanager
def stoppable() -> Iterator[threading.Event]:
    """The stop event for the send inside the block; exits non-zero after it if a
    stop was asked for."""
    request = StopRequest()
    request.install()
    try:
        yield request.event
    finally:
        request.restore()
    if request.requested():
        console.print(
            _("Stopped on request: what was handed over is recorded; the rest stays queued.")
        )
        raise typer.Exit(request.exit_code)
