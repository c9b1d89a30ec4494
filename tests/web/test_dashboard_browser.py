# ruff: noqa: F811  (the shared dashboard fixtures are imported, and named as parameters)
"""The golden path in Debian's Chromium: log in, compose an invitation for a segment,
watch its live count and preview, schedule it, send it, and see the status page follow.

Every dashboard page passes axe-core without serious or critical violations;
screenshots land in ``$PLEINPOST_SCREENSHOTS`` when set (for the README).
"""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect
from sqlmodel import Session, select

from mailer.campaigns import Campaign
from mailer.outbox import Delivery
from subscribers.sqltypes import utcnow
from tests import factories
from tests.web.conftest import PASSWORD
from tests.web.test_browser import browser, serious_violations, shots  # noqa: F401

DESKTOP = {"width": 1280, "height": 900}


def check(page, shots, name: str) -> None:
    assert serious_violations(page) == [], page.url
    page.screenshot(path=str(shots / f"web-{name}.png"), full_page=True)


def check_with_frames(page, shots, name: str, height: int) -> None:
    """A page with the live preview: Chromium paints the sandboxed frames only into a
    viewport screenshot (a full-page one leaves them blank), so the viewport grows."""
    assert serious_violations(page) == [], page.url
    page.set_viewport_size({"width": DESKTOP["width"], "height": height})
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shots / f"web-{name}.png"))
    page.set_viewport_size(DESKTOP)


def test_golden_path_invitation(browser, live, engine, settings, coordinator, shots):
    with Session(engine) as s:
        factories.network(s, initiatives=2, contacts_per_org=2)
        event = factories.event(s, settings, capacity=40, max_per_organisation=2)
        s.commit()
        event_id = event.id
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(live.url + "/campagnes")
    page.locator("#email").fill(coordinator)
    page.locator("#password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(live.url + "/campagnes")

    page.goto(f"{live.url}/bijeenkomsten/{event_id}")
    check(page, shots, "event")
    page.get_by_role("link", name="Write the invitation").click()
    page.wait_for_url("**/campagnes/nieuw**")
    page.locator("#subject").fill("Uitnodiging: Netwerkmiddag vervoer")
    page.locator("#content").fill("Kom ook naar de **netwerkmiddag** in Het Dorpshuis.")
    page.get_by_label("initiatives").check()
    page.wait_for_selector("#audience >> text=4 contacts will get it")
    phone = page.frame(name="preview-phone")
    assert phone is not None
    phone.wait_for_selector("strong >> text=netwerkmiddag")
    desktop = page.frame(name="preview-desktop")
    assert desktop is not None
    desktop.wait_for_selector("strong >> text=netwerkmiddag")
    check_with_frames(page, shots, "compose", height=1700)

    page.get_by_role("button", name="Save as draft").click()
    page.wait_for_selector("text=Saved as a draft")
    with Session(engine) as s:
        campaign = s.exec(select(Campaign)).one()
        assert (campaign.kind, campaign.segments) == ("invitation", ["initiatives"])
    at = (utcnow() + timedelta(days=1)).astimezone(settings.zone)
    page.locator("#at").fill(at.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Schedule", exact=True).click()
    page.wait_for_selector("p.notice >> text=Scheduled.")
    check(page, shots, "campaign-scheduled")

    stats = factories.send_once(engine, settings, at + timedelta(minutes=5))  # the real send pass
    assert stats.sent == 4
    sent = page.locator("#counts tbody td").nth(2)  # the counts refresh themselves
    expect(sent).to_have_text("4", timeout=30_000)
    with Session(engine) as s:
        assert {d.status for d in s.exec(select(Delivery))} == {"sent"}
    check(page, shots, "campaign-sent")

    for path, name in [
        ("/campagnes", "campaigns"),
        ("/bijeenkomsten", "events"),
        ("/bijeenkomsten/nieuw", "event-new"),
        ("/contacten", "contacts"),
        ("/contacten/organisaties", "organisations"),
        ("/contacten/segmenten", "segments"),
        ("/contacten/importeren", "import"),
        ("/contacten/persoon?email=c0%40org2.example", "person"),
    ]:
        answer = page.goto(live.url + path)
        assert answer is not None and answer.status == 200, path
        check(page, shots, name)
    context.close()
