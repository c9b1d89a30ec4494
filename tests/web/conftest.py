"""A live app per test, a sent newsletter to unsubscribe from, a dashboard user."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from mailer.db import session_scope
from mailer.outbox import Delivery
from mailer.tracking.models import Role
from mailer.web import users
from subscribers.sqltypes import utcnow
from tests.tracking.support import sent_newsletter
from tests.web.server import LiveServer, serve

PASSWORD = "correct horse battery staple"
EMAIL = "coordinator@pleinpost.example"


@pytest.fixture
def live(settings, engine) -> Iterator[LiveServer]:
    server = serve(settings, engine)
    yield server
    server.stop()


@pytest.fixture
def client(live: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live.url, follow_redirects=False, timeout=30) as c:
        yield c


@pytest.fixture
def sent(engine, settings) -> list[Delivery]:
    return sent_newsletter(engine, settings)


@pytest.fixture
def coordinator(engine) -> str:
    with session_scope(engine) as s:
        users.add_user(s, EMAIL, PASSWORD, role=Role.COORDINATOR, language="en", now=utcnow())
    return EMAIL
