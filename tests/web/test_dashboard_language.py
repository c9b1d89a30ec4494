# ruff: noqa: F811  (the shared dashboard fixtures are imported, and named as parameters)
"""Dutch first, English per user: the dashboard's own words (templates) follow the reader.

The texts live in the Jinja templates as English msgids; they reach a Dutch
reader only when babel.cfg extracts them and the catalog has their Dutch. The
language is the user's, read at each request, not the process's: one log-in
(Argon2 is the slow part), then the same user switches to Dutch.
"""

from __future__ import annotations

import re

import httpx

from mailer.db import session_scope
from mailer.web import users
from tests.web.dashboard_support import signed_in  # noqa: F401

NAV = {
    "en": ["Overview", "Campaigns", "Events", "To review", "Contacts"],
    "nl": ["Overzicht", "Campagnes", "Bijeenkomsten", "Te beoordelen", "Contacten"],
}
LOG_OUT = {"en": "Log out", "nl": "Uitloggen"}


def _nav_links(html: str) -> list[str]:
    nav = re.search(r"<nav aria-label=\"[^\"]*\">(.*?)</nav>", html, re.S)
    assert nav, "no main navigation on the page"
    return re.findall(r">([^<]+)</a>", nav.group(1))


def _reads(client: httpx.Client, lang: str) -> None:
    """The campaigns page in ``lang``: the html lang, the nav, log out, heading, title."""
    other = "nl" if lang == "en" else "en"
    page = client.get("/campagnes")
    assert page.status_code == 200
    html = page.text
    assert f'<html lang="{lang}">' in html
    assert _nav_links(html) == NAV[lang]
    assert f">{LOG_OUT[lang]}</button>" in html and LOG_OUT[other] not in html
    heading = NAV[lang][1]
    assert f"<h1>{heading}</h1>" in html
    assert f"<title>{heading} · Pleinpost</title>" in html


def test_the_dashboard_speaks_its_users_language(signed_in, engine, coordinator):
    _reads(signed_in, "en")  # the fixture's coordinator reads English
    with session_scope(engine) as s:
        user = users.find(s, coordinator)
        assert user is not None
        user.language = "nl"
    _reads(signed_in, "nl")  # the next page, same session: Dutch
