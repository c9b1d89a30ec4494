"""Failed log-ins per client address: 429 after the limit, whatever the account, and the
client's address from X-Forwarded-For only when uvicorn trusts the proxy that sent it.

The real log-in router behind a real uvicorn, with a limit of 2 (each failure costs an
Argon2 check, so the production limit of 20 would make a slow test).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import httpx
import uvicorn
from fastapi import FastAPI

from mailer.web import auth
from mailer.web.context import Web
from mailer.web.pages import Pages
from mailer.web.session import Sessions
from mailer.web.throttle import FailureLimit, client_key
from tests.web.conftest import PASSWORD
from tests.web.server import Clock
from tests.web.test_login import csrf_of

LIMIT = 2
WINDOW = timedelta(minutes=15)
START = datetime(2029, 3, 1, 9, 0, tzinfo=UTC)


@contextmanager
def log_in_app(settings, engine, *, trusted: str) -> Iterator[tuple[httpx.Client, Clock]]:
    """The log-in pages with a small limit, served by uvicorn trusting proxies ``trusted``."""
    clock = Clock(START)
    web = Web(settings, engine, clock, Pages(), Sessions(settings.secret(), secure=False))
    guard = auth.Guard(web, logins=FailureLimit(LIMIT, WINDOW))
    app = FastAPI()
    app.include_router(auth.router(web, guard))
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(
        app, log_level="warning", lifespan="off", proxy_headers=True, forwarded_allow_ips=trusted
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        assert thread.is_alive(), "uvicorn did not start"
        time.sleep(0.01)
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    try:
        with httpx.Client(base_url=url, timeout=30) as client:
            yield client, clock
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def attempt(client: httpx.Client, email: str, password: str, ip: str) -> httpx.Response:
    token = csrf_of(client.get("/login").text)
    return client.post(
        "/login",
        data={"email": email, "password": password, "csrf": token, "next": "/overzicht"},
        headers={"X-Forwarded-For": ip},
    )


def test_an_address_over_its_limit_gets_429_whatever_account_it_tries(
    settings, engine, coordinator
):
    with log_in_app(settings, engine, trusted="127.0.0.1") as (client, clock):
        guesser = "203.0.113.5"
        assert attempt(client, coordinator, "wrong password 1", guesser).status_code == 401
        assert attempt(client, "nobody@example.org", "wrong 2", guesser).status_code == 401
        known = attempt(client, coordinator, PASSWORD, guesser)  # the right password, too late
        unknown = attempt(client, "nobody@example.org", "whatever", guesser)
        assert known.status_code == unknown.status_code == 429
        assert known.text == unknown.text  # nothing tells which account exists
        assert int(known.headers["Retry-After"]) == WINDOW.total_seconds()
        assert "Try again in 15 minutes." in known.text
        assert '<p lang="en">Too many failed log-ins' in known.text  # after the Dutch line

        colleague = attempt(client, coordinator, PASSWORD, "198.51.100.7")  # another address
        assert colleague.status_code == 303

        clock.fixed = START + WINDOW + timedelta(seconds=1)  # the failures age out
        assert attempt(client, coordinator, PASSWORD, guesser).status_code == 303


def test_x_forwarded_for_from_an_untrusted_peer_is_ignored(settings, engine, coordinator):
    """A client cannot dodge the limit by naming a new address in each request."""
    with log_in_app(settings, engine, trusted="10.9.9.9") as (client, _clock):
        for n in range(LIMIT):
            assert attempt(client, coordinator, "wrong", f"192.0.2.{n}").status_code == 401
        assert attempt(client, coordinator, PASSWORD, "192.0.2.200").status_code == 429


def test_the_window_slides_and_ipv6_counts_per_64():
    limit = FailureLimit(2, WINDOW)
    first, second = "2001:db8:1:2::10", "2001:db8:1:2:ffff::1"  # one /64
    assert client_key(first) == client_key(second) == "2001:db8:1:2::/64"
    assert client_key("2001:db8:1:3::10") != client_key(first)
    limit.failed(first, START)
    assert limit.wait(second, START) is None
    limit.failed(second, START + timedelta(minutes=10))
    assert limit.wait(first, START + timedelta(minutes=10)) == timedelta(minutes=5)
    assert limit.wait("2001:db8:1:3::10", START) is None  # the next /64 is someone else
    assert limit.wait(first, START + timedelta(minutes=15)) is None  # the oldest aged out
    limit.failed(first, START + timedelta(minutes=16))
    assert limit.wait(first, START + timedelta(minutes=16)) == timedelta(minutes=9)
