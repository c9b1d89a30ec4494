# ruff: noqa: F811  (the shared browser fixtures are imported, and named as parameters)
"""Answers in Debian's Chromium: a reply corrected in the review queue shows on the RSVP
board, the attendance list downloads and opens; the public RSVP page at 375 px, within and
over the cap and after the deadline. Every page passes axe-core without serious or
critical violations; screenshots land in ``$PLEINPOST_SCREENSHOTS`` when set.
"""

from __future__ import annotations

from datetime import timedelta

import openpyxl
from sqlmodel import Session

from mailer import tokens
from mailer.inbound import serial
from mailer.inbound.models import InboundMessage
from mailer.invitations import Event, set_rsvp
from mailer.invitations.rsvp import RsvpStatus
from mailer.tokens import Purpose
from subscribers.sqltypes import utcnow
from tests.inbound.apply_support import matched, reply, rsvp_of, run
from tests.inbound.builders import invited
from tests.web.conftest import PASSWORD
from tests.web.test_browser import (  # noqa: F401
    PHONE,
    browser,
    fits_the_phone,
    serious_violations,
    shots,
)

DESKTOP = {"width": 1280, "height": 900}
BODY = (
    "Wij komen met <script>window.__x=1</script> twee mensen: Anna en Jan.\n"
    "\n"
    "Op 1 juni 2026 schreef Netwerk Vervoer:\n"
    "> Laat vóór 28 mei weten wie er komt, maximaal 2 personen.\n"
)


def check(page, shots, name: str) -> None:
    assert serious_violations(page) == [], page.url
    page.screenshot(path=str(shots / f"web-{name}.png"), full_page=True)


def test_correct_a_reply_see_the_board_and_download_the_list(
    browser, live, engine, settings, coordinator, shots, tmp_path
):
    net = invited(engine, settings)
    reading = reply(confidence=0.4, names=("Anna",), text=BODY.split("\n\n")[0])
    item = run(engine, settings, reading, matched(net), body=BODY).id
    with Session(engine) as s:
        message = s.get(InboundMessage, item)
        message.reading = serial.to_json(reading)
        s.add(message)
        s.commit()
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    page = context.new_page()
    page.goto(live.url + "/te-beoordelen")
    page.locator("#email").fill(coordinator)
    page.locator("#password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(live.url + "/te-beoordelen")
    check(page, shots, "review-list")

    page.get_by_role("link", name=f"Open message {item}").click()
    page.wait_for_url(f"**/te-beoordelen/{item}")
    assert "<script>window.__x=1</script>" in page.locator("#reply-text").inner_text()
    assert page.evaluate("window.__x === undefined")  # shown as text, never run
    assert not page.locator("details.quoted pre").is_visible()  # the quote is folded away
    check(page, shots, "review")
    page.locator("#attendees").fill("Anna de Vries <anna@buurtbus.example>\nJan Bakker")
    page.get_by_role("button", name="Attending with these names").click()
    page.wait_for_selector("p.notice >> text=Applied")

    page.get_by_role("link", name="Netwerkmiddag vervoer").click()
    page.wait_for_url(f"**/bijeenkomsten/{net.event}")
    row = page.locator("tr[data-organisation='Buurtbus Testdorp']")
    assert "Jan Bakker" in row.inner_text() and "attending" in row.inner_text()
    check(page, shots, "board")
    rsvp = rsvp_of(engine, net)
    assert rsvp is not None and rsvp.source == "manual"

    other = page.locator("tr[data-organisation='Vervoersdienst Zuid']")
    other.locator("select").select_option("declined")
    other.get_by_role("button").click()
    page.wait_for_url(f"**/bijeenkomsten/{net.event}#antwoorden")
    declined = page.locator("tr[data-organisation='Vervoersdienst Zuid'] .status")
    assert declined.inner_text() == "declined"

    with page.expect_download() as waiting:
        page.get_by_role("link", name="Download the attendance list (XLSX)").click()
    target = tmp_path / "aanwezigen.xlsx"
    waiting.value.save_as(target)
    sheet = openpyxl.load_workbook(target).active
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[0][:3] == ["organisation", "status", "name"]
    assert ["Buurtbus Testdorp", "attending", "Jan Bakker"] in [v[:3] for v in values]
    assert ["Vervoersdienst Zuid", "declined"] in [v[:2] for v in values]
    context.close()


def rsvp_url(live, settings, delivery: int) -> str:
    return live.url + "/r/" + tokens.ref(settings, Purpose.RSVP, delivery)


def test_the_rsvp_page_on_a_phone_within_and_over_the_cap(browser, live, engine, settings, shots):
    net = invited(engine, settings)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(rsvp_url(live, settings, net.delivery))
    assert page.locator("h1").inner_text() == "Netwerkmiddag vervoer"
    assert fits_the_phone(page)
    check(page, shots, "rsvp")
    page.get_by_label("Ja, wij komen").check()
    page.locator("#name1").fill("Anna de Vries")
    page.locator("#email1").fill("anna@buurtbus.example")
    page.locator("#name2").fill("Jan Bakker")
    page.get_by_role("button", name="Antwoord versturen").click()
    page.wait_for_selector("text=U bent aangemeld")
    assert fits_the_phone(page)
    check(page, shots, "rsvp-done")
    rsvp = rsvp_of(engine, net)
    assert rsvp is not None and [a["name"] for a in rsvp.attendees] == [
        "Anna de Vries",
        "Jan Bakker",
    ]

    # over the places left: one other organisation took 3 of 4, so one of two fits
    with Session(engine) as s:
        event = s.get(Event, net.event)
        event.capacity, event.max_per_organisation = 4, 3
        s.add(event)
        set_rsvp(
            s,
            net.event,
            net.other_organisation,
            status=RsvpStatus.ATTENDING,
            attendees=[{"name": n} for n in ("Piet", "Kees")],
            now=utcnow(),
        )
        s.commit()
    page.get_by_role("link", name="Antwoord bekijken of wijzigen").click()
    page.wait_for_selector("#name3")
    assert page.locator("#name2").input_value() == "Jan Bakker"  # the answer, to edit
    page.locator("#name3").fill("Els de Boer")
    page.get_by_role("button", name="Antwoord versturen").click()
    page.wait_for_selector("text=Geen plaats meer voor")
    assert "Els de Boer" in page.locator("ul.refused").inner_text()
    assert fits_the_phone(page)
    check(page, shots, "rsvp-over")
    context.close()


def test_the_rsvp_page_after_the_deadline(browser, live, engine, settings, shots):
    net = invited(engine, settings)
    with Session(engine) as s:
        live.clock.fixed = s.get(Event, net.event).reply_by + timedelta(days=1)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(rsvp_url(live, settings, net.delivery))
    page.wait_for_selector("text=De aanmeldtermijn is verlopen")
    assert fits_the_phone(page)
    check(page, shots, "rsvp-late")
    page.get_by_label("Nee, helaas").check()
    page.get_by_role("button", name="Antwoord versturen").click()
    page.wait_for_selector("text=na de aanmeldtermijn")
    rsvp = rsvp_of(engine, net)
    assert rsvp is not None and rsvp.status == "declined" and rsvp.late
    context.close()
