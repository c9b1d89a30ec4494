"""The public pages and the log-in in Debian's Chromium: flows, 375 px, axe-core.

Screenshots land in ``$PLEINPOST_SCREENSHOTS`` when set (for the README), else in the
test's temporary directory.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright
from sqlmodel import Session

from mailer import tokens
from mailer.tokens import Purpose
from subscribers.models import Contact
from tests.services import need
from tests.web.conftest import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PHONE = {"width": 375, "height": 740}
SERIOUS = {"serious", "critical"}


@pytest.fixture
def browser() -> Iterator[object]:
    need(CHROMIUM.exists(), f"Chromium not installed at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("PLEINPOST_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    yield page
    context.close()


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)"
        for v in results.response["violations"]
        if v.get("impact") in SERIOUS
    ]


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_unsubscribe_page_then_the_button(page, live, engine, settings, sent, shots):
    url = live.url + "/u/" + tokens.ref(settings, Purpose.UNSUBSCRIBE, sent[0].id)
    page.goto(url)
    assert page.locator("h1").inner_text() == "Afmelden"
    assert serious_violations(page) == []
    assert fits_the_phone(page)
    page.screenshot(path=str(shots / "web-unsubscribe.png"), full_page=True)
    with Session(engine) as s:
        assert s.get(Contact, sent[0].contact_id).status == "active"  # seeing it changed nothing
    page.get_by_role("button", name="Afmelden").click()
    page.wait_for_selector("text=U bent afgemeld")
    assert serious_violations(page) == []
    with Session(engine) as s:
        assert s.get(Contact, sent[0].contact_id).status == "unsubscribed"


def test_invalid_link_page_is_accessible(page, live):
    answer = page.goto(live.url + "/u/aaaa-aaaaaaaaaaaaaaaa")
    assert answer is not None and answer.status == 400
    assert serious_violations(page) == []
    assert fits_the_phone(page)


def test_log_in_in_the_browser(page, live, coordinator, shots):
    page.goto(live.url + "/overzicht")
    assert page.url.startswith(live.url + "/login")  # no session: to the log-in page
    assert serious_violations(page) == []
    assert fits_the_phone(page)
    page.screenshot(path=str(shots / "web-login.png"), full_page=True)
    page.locator("#email").fill(coordinator)  # by id: the labels follow the catalog
    page.locator("#password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(live.url + "/overzicht")
    assert page.locator("h1").inner_text() == "Overview"
    assert serious_violations(page) == []
    page.screenshot(path=str(shots / "web-overview.png"), full_page=True)
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(live.url + "/login")
