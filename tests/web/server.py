"""The app served by a real uvicorn on a free port, in a thread, for tests."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime

import uvicorn
from sqlalchemy.engine import Engine

from mailer.config import Settings
from mailer.web.app import create_app
from subscribers.sqltypes import utcnow


@dataclass
class Clock:
    """A clock a test can set; None means the real time."""

    fixed: datetime | None = None

    def __call__(self) -> datetime:
        return self.fixed or utcnow()


@dataclass
class LiveServer:
    url: str
    clock: Clock
    _server: uvicorn.Server = field(repr=False)
    _thread: threading.Thread = field(repr=False)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=30)


def serve(settings: Settings, engine: Engine) -> LiveServer:
    clock = Clock()
    app = create_app(settings, engine, clock=clock)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:  # a condition, not a clock: it starts or the thread dies
        if not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.01)
    return LiveServer(f"http://127.0.0.1:{port}", clock, server, thread)
