"""Shared by the dashboard tests: a logged-in client, the page's CSRF token, a network."""

from __future__ import annotations

import re

import httpx
import pytest
from sqlmodel import Session

from tests import factories
from tests.web.conftest import PASSWORD


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "no CSRF field on the page"
    return match.group(1)


@pytest.fixture
def signed_in(client: httpx.Client, coordinator: str) -> httpx.Client:
    """The test client, logged in as the (English-reading) coordinator."""
    token = csrf_of(client.get("/login").text)
    answer = client.post(
        "/login", data={"email": coordinator, "password": PASSWORD, "csrf": token, "next": "/"}
    )
    assert answer.status_code == 303
    return client


@pytest.fixture
def token(signed_in: httpx.Client) -> str:
    """The session's CSRF token, as any dashboard page carries it."""
    return csrf_of(signed_in.get("/campagnes").text)


@pytest.fixture
def small_network(engine) -> dict[str, list[int]]:
    with Session(engine) as s:
        return factories.network(s, initiatives=2, contacts_per_org=2)


def post(client: httpx.Client, path: str, token: str, **data: object) -> httpx.Response:
    return client.post(path, data={"csrf": token, **data})
