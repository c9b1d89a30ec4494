# ruff: noqa: F811  (the shared dashboard fixtures are imported, and named as parameters)
"""Campagnes through a real server: list, compose, live count and preview, the moves."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update
from sqlmodel import Session, col, select

from mailer import campaigns
from mailer.campaigns import Campaign, CampaignKind
from mailer.outbox import Delivery
from subscribers.models import Contact
from subscribers.sqltypes import utcnow
from tests import factories
from tests.web.dashboard_support import post, signed_in, small_network, token  # noqa: F401

PAGES = [
    "/campagnes",
    "/campagnes/nieuw",
    "/campagnes/publiek?segments=iedereen",
    "/campagnes/1",
    "/campagnes/1/live",
    "/campagnes/1/bewerken",
    "/campagnes/1/voorbeeld/nl",
    "/campagnes/1/annuleren",
    "/campagnes/1/opnieuw",
    "/bijeenkomsten",
    "/bijeenkomsten/nieuw",
    "/bijeenkomsten/1",
    "/bijeenkomsten/1/bewerken",
    "/contacten",
    "/contacten/organisaties",
    "/contacten/segmenten",
    "/contacten/segmenten/telling?kinds=initiative",
    "/contacten/importeren",
    "/contacten/importeren/abcdefghijklmnopqrstuvwx/weigeringen",
    "/contacten/persoon?email=a@b.example",
    "/contacten/persoon/export?email=a@b.example",
    "/contacten/persoon/vergeten?email=a@b.example",
]
FORMS = [
    "/campagnes/nieuw",
    "/campagnes/voorbeeld",
    "/campagnes/1/bewerken",
    "/campagnes/1/test",
    "/campagnes/1/plannen",
    "/campagnes/1/nu",
    "/campagnes/1/pauzeren",
    "/campagnes/1/hervatten",
    "/campagnes/1/annuleren",
    "/campagnes/1/opnieuw",
    "/bijeenkomsten/nieuw",
    "/bijeenkomsten/1/bewerken",
    "/bijeenkomsten/1/bijwerken",
    "/contacten/segmenten",
    "/contacten/segmenten/verwijderen",
    "/contacten/importeren",
    "/contacten/persoon/vergeten",
]


def draft(engine, **kw) -> int:
    with Session(engine) as s:
        values = {
            "kind": "newsletter",
            "subject": "Nieuws uit het netwerk",
            "content": "## Nieuws\n\nEen kort bericht.",
            "segments": ["iedereen"],
            **kw,
        }
        values["kind"] = CampaignKind(values["kind"])
        c = campaigns.create(s, **values)
        s.commit()
        assert c.id is not None
        return c.id


@pytest.mark.parametrize("path", PAGES)
def test_every_page_without_a_session_goes_to_log_in(client, path):
    answer = client.get(path)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/login?next=")


@pytest.mark.parametrize("path", FORMS)
def test_every_form_without_the_csrf_token_gets_403(signed_in, engine, small_network, path):
    draft(engine)
    answer = signed_in.post(path, data={"subject": "x", "confirm": "yes", "email": "c0@x.example"})
    assert answer.status_code == 403
    with Session(engine) as s:
        assert s.get(Campaign, 1).status == "draft"  # nothing happened


def test_compose_a_newsletter_and_its_subject_shows_as_text(signed_in, token, small_network):
    page = signed_in.get("/campagnes/nieuw?kind=newsletter")
    assert page.status_code == 200 and 'name="segments" value="everyone"' in page.text
    answer = post(
        signed_in,
        "/campagnes/nieuw",
        token,
        kind="newsletter",
        subject="Hallo <script>alert(1)</script>",
        content="## Kop\n\nTekst",
        segments="iedereen",
    )
    assert answer.status_code == 303
    status = signed_in.get(answer.headers["location"])
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in status.text
    assert "<script>alert(1)" not in status.text
    listing = signed_in.get("/campagnes").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in listing and "<script>alert" not in listing


def test_a_refused_campaign_shows_why_and_keeps_what_was_typed(signed_in, token, engine, english):
    answer = post(signed_in, "/campagnes/nieuw", token, kind="newsletter", subject="Zonder publiek")
    assert answer.status_code == 400
    assert "Choose at least one segment" in answer.text
    assert 'value="Zonder publiek"' in answer.text
    with Session(engine) as s:
        assert s.exec(select(Campaign)).first() is None


def test_the_live_count_counts_active_contacts_of_the_segments(signed_in, engine, small_network):
    with Session(engine) as s:
        s.execute(
            update(Contact)
            .where(col(Contact.id) == small_network["contacts"][0])
            .values(status="unsubscribed")
        )
        s.commit()
    fragment = signed_in.get("/campagnes/publiek", params={"segments": ["iedereen"]}).text
    assert "5 contacts will get it" in fragment and "(6 in these segments" in fragment
    assert "<html" not in fragment
    nobody = signed_in.get("/campagnes/publiek").text
    assert "Choose at least one segment" in nobody


def test_the_live_preview_is_the_rendered_mail_in_a_frame_of_our_own(signed_in, token):
    answer = post(
        signed_in,
        "/campagnes/voorbeeld",
        token,
        kind="newsletter",
        subject="Voorbeeld",
        content="## Kopje\n\nHallo <script>x()</script> daar",
        preview_lang="nl",
    )
    assert answer.status_code == 200
    assert "Kopje" in answer.text and "<script>x()" not in answer.text
    assert answer.headers["x-frame-options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in answer.headers["content-security-policy"]
    assert "sandbox" in answer.headers["content-security-policy"]
    refused = post(
        signed_in, "/campagnes/voorbeeld", token, kind="newsletter", content="{{ x.__class__ }}"
    )
    assert refused.status_code == 400 and "<html" in refused.text
    invitation = post(signed_in, "/campagnes/voorbeeld", token, kind="invitation", subject="U")
    assert "Choose the event" in invitation.text


def test_schedule_in_local_time_then_pause_resume_and_cancel(
    signed_in, token, engine, settings, small_network
):
    cid = draft(engine)
    when = datetime.now(UTC) + timedelta(days=30)
    local = when.astimezone(settings.zone).strftime("%Y-%m-%dT%H:%M")
    answer = post(signed_in, f"/campagnes/{cid}/plannen", token, at=local)
    assert (answer.status_code, answer.headers["location"]) == (
        303,
        f"/campagnes/{cid}?gedaan=scheduled",
    )
    with Session(engine) as s:
        c = s.get(Campaign, cid)
        assert c.status == "scheduled"
        assert abs((c.scheduled_at - when).total_seconds()) < 60
    assert "Scheduled." in signed_in.get(f"/campagnes/{cid}?gedaan=scheduled").text
    assert post(signed_in, f"/campagnes/{cid}/pauzeren", token).status_code == 303
    assert post(signed_in, f"/campagnes/{cid}/hervatten", token).status_code == 303
    asked = post(signed_in, f"/campagnes/{cid}/annuleren", token)  # no confirm: the question
    assert asked.status_code == 200 and "This cannot be undone" in asked.text
    with Session(engine) as s:
        assert s.get(Campaign, cid).status == "scheduled"
    assert post(signed_in, f"/campagnes/{cid}/annuleren", token, confirm="yes").status_code == 303
    with Session(engine) as s:
        assert s.get(Campaign, cid).status == "cancelled"
    again = post(signed_in, f"/campagnes/{cid}/hervatten", token)
    assert again.status_code == 400 and 'role="alert"' in again.text


def test_a_time_in_the_past_is_refused(signed_in, token, engine, small_network, english):
    cid = draft(engine)
    answer = post(signed_in, f"/campagnes/{cid}/plannen", token, at="2020-01-01T09:00")
    assert answer.status_code == 400 and "future" in answer.text
    with Session(engine) as s:
        assert s.get(Campaign, cid).status == "draft"


def test_uncertain_rows_are_resent_only_after_the_question(
    signed_in, token, engine, settings, small_network
):
    cid = draft(engine)
    with Session(engine) as s:
        campaigns.schedule(s, cid, utcnow())
        s.commit()
    factories.send_once(engine, settings, utcnow() + timedelta(minutes=1))
    with Session(engine) as s:
        s.execute(update(Delivery).where(col(Delivery.id) <= 2).values(status="uncertain"))
        s.commit()
    page = signed_in.get(f"/campagnes/{cid}").text
    assert "2 deliveries are uncertain" in page
    question = signed_in.get(f"/campagnes/{cid}/opnieuw")
    assert "2 deliveries" in question.text and "twice" in question.text
    with Session(engine) as s:
        assert s.exec(select(Delivery).where(Delivery.status == "uncertain")).all()
    answer = post(signed_in, f"/campagnes/{cid}/opnieuw", token, confirm="yes")
    assert answer.status_code == 303
    with Session(engine) as s:
        states = sorted(d.status for d in s.exec(select(Delivery)))
        assert states.count("queued") == 2 and s.get(Campaign, cid).status == "sending"


def test_a_test_copy_goes_to_the_user_and_not_in_the_ledger(
    signed_in, token, engine, settings, coordinator, small_network
):
    cid = draft(engine, subject_en="News", content_en="## News\n\nShort.")
    answer = post(signed_in, f"/campagnes/{cid}/test", token)
    assert answer.status_code == 200 and "Test copies (nl, en) sent to" in answer.text
    mails = [p.read_bytes() for p in (settings.maildir / "new").iterdir()]
    assert len(mails) == 2
    assert any(b"[TEST nl] Nieuws uit het netwerk" in m for m in mails)
    assert all(coordinator.encode() in m for m in mails)
    with Session(engine) as s:
        assert s.exec(select(Delivery)).first() is None


def test_edit_changes_a_draft_and_send_now_queues_it(signed_in, token, engine, small_network):
    cid = draft(engine)
    form = signed_in.get(f"/campagnes/{cid}/bewerken").text
    assert 'value="Nieuws uit het netwerk"' in form
    answer = post(
        signed_in,
        f"/campagnes/{cid}/bewerken",
        token,
        subject="Nieuw onderwerp",
        content="Tekst",
        segments=["gemeenten"],
    )
    assert answer.status_code == 303
    with Session(engine) as s:
        c = s.get(Campaign, cid)
        assert (c.subject, c.segments) == ("Nieuw onderwerp", ["gemeenten"])
    assert post(signed_in, f"/campagnes/{cid}/nu", token).status_code == 303
    with Session(engine) as s:
        assert s.get(Campaign, cid).status == "scheduled"


def test_a_campaign_that_is_not_there_is_a_404_page(signed_in):
    assert signed_in.get("/campagnes/999").status_code == 404
    assert signed_in.get("/campagnes/999/bewerken").status_code == 404
