# ruff: noqa: F811  (the shared browser fixtures are imported, and named as parameters)
"""Cancelling an event in Debian's Chromium: from a busy overview to the event, the
confirmation page (axe-core clean), a word for the guests, and the result on the event
page. Screenshots land in ``$PLEINPOST_SCREENSHOTS`` when set (the README's overview)."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, select

from mailer.campaigns import Campaign, CampaignKind, CampaignStatus, timeline
from mailer.invitations import Event
from mailer.outbox import Delivery
from mailer.tracking.models import ProviderEvent
from subscribers.models import Contact
from subscribers.sqltypes import utcnow
from tests.inbound.apply_support import matched, reply, run
from tests.inbound.builders import invited
from tests.web.conftest import PASSWORD
from tests.web.test_browser import browser, serious_violations, shots  # noqa: F401

DESKTOP = {"width": 1280, "height": 900}


def busy_day(engine, settings):
    """An invitation out with reminders planned, a newsletter half sent, a reply to review,
    a bounce and an unsubscribe: what the overview shows on an ordinary day."""
    net = invited(engine, settings)
    run(engine, settings, reply(confidence=0.4, names=("Anna",)), matched(net))
    now = utcnow()
    with Session(engine) as s:
        timeline.plan_timeline(s, net.event, settings, now=now)
        news = Campaign(
            kind=CampaignKind.NEWSLETTER.value,
            status=CampaignStatus.SENDING.value,
            subject="Nieuws uit het netwerk: juni",
            started_at=now - timedelta(minutes=3),
        )
        s.add(news)
        s.flush()
        for n in range(40):
            status = "sent" if n < 27 else "queued"
            s.add(Delivery(campaign_id=news.id, email=f"lid{n}@netwerk.example", status=status))
        piet = s.exec(select(Contact).where(Contact.email == "piet@zuid.example")).one()
        piet.status, piet.updated_at = "unsubscribed", now - timedelta(hours=2)
        s.add(piet)
        s.add(
            ProviderEvent(
                provider="sendgrid",
                event_id="ev-1",
                kind="bounced",
                provider_kind="bounce",
                email="oud@verhuisd.example",
                reason="550 5.1.1 The email account that you tried to reach does not exist",
                occurred_at=now - timedelta(hours=1),
            )
        )
        s.commit()
    return net


def test_cancel_an_event_from_the_overview(browser, live, engine, settings, coordinator, shots):
    net = busy_day(engine, settings)
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(live.url + "/overzicht")
    page.locator("#email").fill(coordinator)
    page.locator("#password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(live.url + "/overzicht")
    page.wait_for_selector("text=Nieuws uit het netwerk: juni")
    assert serious_violations(page) == []
    page.screenshot(path=str(shots / "web-overview-busy.png"))

    page.goto(f"{live.url}/bijeenkomsten/{net.event}")
    page.get_by_role("link", name="Cancel the event").click()
    page.wait_for_url(f"**/bijeenkomsten/{net.event}/annuleren")
    assert "and send the cancellation to" in page.locator("main").inner_text()
    assert serious_violations(page) == []
    page.screenshot(path=str(shots / "web-event-cancel.png"))
    page.get_by_label("A word of explanation for the guests").fill("De zaal is dicht.")
    page.get_by_role("button", name="Yes, cancel the event").click()
    page.wait_for_selector(f"text=Event {net.event} cancelled.")
    assert page.get_by_role("link", name="Cancel the event").count() == 0
    assert serious_violations(page) == []
    with Session(engine) as s:
        assert s.get(Event, net.event).cancelled
        cancellation = s.exec(select(Campaign).where(Campaign.timeline_step == "cancellation"))
        assert [(c.status, c.content) for c in cancellation] == [("scheduled", "De zaal is dicht.")]
    context.close()
