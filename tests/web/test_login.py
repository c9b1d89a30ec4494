"""Log-in, sessions, CSRF and the first dashboard page, through a real server."""

from __future__ import annotations

import re
from datetime import timedelta

import httpx
import pytest
from sqlmodel import Session

from mailer.campaigns import Campaign
from mailer.tracking.models import DashboardUser
from mailer.web.users import LOCK_MINUTES, MAX_FAILURES
from subscribers.models import Contact
from subscribers.sqltypes import utcnow
from tests.factories import with_settings
from tests.web.conftest import PASSWORD
from tests.web.server import serve

DASHBOARD = ["/", "/overzicht", "/overzicht/live"]


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "no CSRF field on the page"
    return match.group(1)


def log_in(client: httpx.Client, email: str, password: str = PASSWORD, next: str = "/overzicht"):
    token = csrf_of(client.get("/login").text)
    return client.post(
        "/login", data={"email": email, "password": password, "csrf": token, "next": next}
    )


@pytest.mark.parametrize("path", DASHBOARD)
def test_every_dashboard_url_without_a_session_goes_to_log_in(client, path):
    answer = client.get(path)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/login?next=")


def test_log_in_shows_the_overview_and_log_out_ends_the_session(client, coordinator):
    answer = log_in(client, coordinator)
    assert (answer.status_code, answer.headers["location"]) == (303, "/overzicht")
    page = client.get("/overzicht")
    assert page.status_code == 200 and "<h1>Overview</h1>" in page.text  # the user reads English
    stolen = dict(client.cookies)
    out = client.post("/logout", data={"csrf": csrf_of(page.text)})
    assert (out.status_code, out.headers["location"]) == (303, "/login")
    assert client.get("/overzicht").status_code == 303
    with httpx.Client(base_url=str(client.base_url), cookies=stolen) as thief:
        assert thief.get("/overzicht").status_code == 303  # the old cookie died at log-out


def test_session_cookie_flags(client, coordinator):
    answer = log_in(client, coordinator)
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert "secure" not in cookie  # http://localhost in the tests


def test_cookie_is_secure_behind_https(settings, engine, coordinator):
    server = serve(with_settings(settings, public_url="https://post.example.nl"), engine)
    try:
        answer = httpx.get(server.url + "/login")
        assert "; secure" in answer.headers["set-cookie"].lower()
    finally:
        server.stop()


def test_wrong_password_and_unknown_user_get_the_same_answer(client, coordinator):
    wrong = log_in(client, coordinator, "not the password at all")
    unknown = log_in(client, "nobody@pleinpost.example", "not the password at all")
    assert wrong.status_code == unknown.status_code == 401
    assert (
        csrf_of(wrong.text) and "Inloggen mislukt" in wrong.text
    )  # the log-in page speaks Dutch first
    assert wrong.text == unknown.text


def test_too_many_failures_lock_the_account_for_a_while(client, live, engine, coordinator):
    start = utcnow()
    live.clock.fixed = start
    for _ in range(MAX_FAILURES):
        assert log_in(client, coordinator, "guess guess guess").status_code == 401
    assert log_in(client, coordinator).status_code == 401  # the right password, but locked
    live.clock.fixed = start + timedelta(minutes=LOCK_MINUTES, seconds=1)
    assert log_in(client, coordinator).status_code == 303
    with Session(engine) as s:
        user = s.get(DashboardUser, 1)
        assert user.failed_logins == 0


def test_forms_without_the_csrf_token_get_403(client, coordinator):
    bare = client.post("/login", data={"email": coordinator, "password": PASSWORD})
    assert bare.status_code == 403
    client.get("/login")  # a session cookie, but the form lacks its token
    forged = client.post("/login", data={"email": coordinator, "password": PASSWORD, "csrf": "x"})
    assert forged.status_code == 403
    log_in(client, coordinator)
    assert client.post("/logout", data={}).status_code == 403
    assert client.get("/overzicht").status_code == 200  # still logged in


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
def test_log_in_never_redirects_off_site(client, coordinator, target):
    answer = log_in(client, coordinator, next=target)
    assert answer.headers["location"] == "/overzicht"


def test_text_from_outside_is_escaped(client, engine, sent, coordinator):
    with Session(engine) as s:
        contact = s.get(Contact, sent[0].contact_id)
        contact.name = "<script>alert('x')</script>"
        contact.status = "unsubscribed"
        contact.updated_at = utcnow()
        s.add(contact)
        s.commit()
    log_in(client, coordinator)
    page = client.get("/overzicht").text
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page


def test_overview_shows_live_sending_counts(client, engine, sent, coordinator):
    with Session(engine) as s:
        campaign = s.get(Campaign, sent[0].campaign_id)
        campaign.status = "sending"
        s.add(campaign)
        s.commit()
    log_in(client, coordinator)
    live = client.get("/overzicht/live")
    assert live.status_code == 200
    assert "Nieuws uit het netwerk" in live.text and f"sent: {len(sent)}" in live.text
    assert "<html" not in live.text  # a fragment, for the page to swap in


def test_a_scheduled_reminder_is_named_by_its_kind_not_an_empty_subject(
    client, engine, sent, coordinator
):
    with Session(engine) as s:
        campaign = s.get(Campaign, sent[0].campaign_id)
        campaign.status, campaign.kind, campaign.subject = "scheduled", "reminder", ""
        campaign.scheduled_at = utcnow() + timedelta(days=3)
        s.add(campaign)
        s.commit()
    log_in(client, coordinator)
    page = client.get("/overzicht").text
    assert ': reminder <span class="muted">#' in page
