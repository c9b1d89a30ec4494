"""The allow-list: a campaign's links numbered once, stored before mail leaves, looked up."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session

from mailer import campaigns
from mailer.campaigns import CampaignKind
from mailer.sending import compose
from mailer.tracking import links
from mailer.tracking.models import CampaignLink
from subscribers.sqltypes import utcnow
from tests.tracking.tracked import GUIDE, REPORT, hrefs, tracking_on

A, B, C = "https://a.example/", "https://b.example/x?y=1", "https://c.example/"


@pytest.fixture
def campaign_ids(engine) -> list[int]:
    with Session(engine) as s:
        made = [
            campaigns.create(
                s, kind=CampaignKind.NEWSLETTER, subject=f"n{i}", content="x", segments=["iedereen"]
            )
            for i in range(2)
        ]
        s.commit()
        return [c.id for c in made]


def test_links_are_numbered_in_order_and_keep_their_numbers(engine, campaign_ids):
    first, other = campaign_ids
    assert links.remember(engine, first, [A, B, A]) == {A: 1, B: 2}
    # another language, another compile: known addresses keep theirs, new ones come after
    assert links.remember(engine, first, [C, B]) == {C: 3, B: 2}
    assert links.remember(engine, first, [A, B, C]) == {A: 1, B: 2, C: 3}
    assert links.remember(engine, other, [C]) == {C: 1}  # numbers are per campaign
    with engine.connect() as conn:
        assert links.links(conn, first) == [(1, A), (2, B), (3, C)]
        assert links.link(conn, first, 2) == B
        assert links.link(conn, other, 2) is None  # campaign 1's link 2 is not campaign 2's
        assert links.link(conn, first, 4) is None
        assert links.was_tracked(conn, [first, other, 999]) == {first, other}


def test_a_number_another_process_took_is_never_reused(engine, campaign_ids, monkeypatch):
    """Another process numbers link 1 between our read and our write: we take the next."""
    campaign = campaign_ids[0]
    read = links._numbers

    def stale_then_real(conn, campaign_id):  # type: ignore[no-untyped-def]
        seen = read(conn, campaign_id)
        if not seen:
            with Session(engine) as s:  # the other process's write, after our read
                s.add(CampaignLink(campaign_id=campaign_id, number=1, url=C))
                s.commit()
            monkeypatch.setattr(links, "_numbers", read)
        return seen

    monkeypatch.setattr(links, "_numbers", stale_then_real)
    # A lost number 1 (it is C's), B got 2 in the same write; A gets the next free one
    assert links.remember(engine, campaign, [A, B]) == {A: 3, B: 2}
    with engine.connect() as conn:
        assert links.links(conn, campaign) == [(1, C), (2, B), (3, A)]


def test_tracking_off_leaves_the_compiled_mail_alone(engine, settings, campaign_ids):
    with Session(engine) as s:
        campaign = campaigns.get(s, campaign_ids[0])
        prepared = compose.prepare(s, campaign, "nl", settings, utcnow())
    assert settings.tracking is False
    assert links.tracked(engine, campaign_ids[0], prepared, settings) is prepared
    person = compose.recipient(
        settings, email="a@b.example", name="", organisation="", delivery=5, ref="5"
    )
    assert "track_ref" not in person.values
    with engine.connect() as conn:
        assert links.links(conn, campaign_ids[0]) == []
        assert links.was_tracked(conn, campaign_ids) == set()


def test_tracked_mail_stores_its_links_before_it_uses_them(engine, settings):
    with Session(engine) as s:
        campaign = campaigns.create(
            s,
            kind=CampaignKind.NEWSLETTER,
            subject="n",
            segments=["iedereen"],
            content=f"[gids]({GUIDE}) en [verslag]({REPORT})",
        )
        s.commit()
        assert campaign.id is not None
        prepared = compose.prepare(s, campaign, "nl", settings, utcnow() + timedelta(days=1))
    on = tracking_on(settings)
    mail = links.tracked(engine, campaign.id, prepared, on)
    with engine.connect() as conn:
        assert links.links(conn, campaign.id) == [(1, GUIDE), (2, REPORT)]
    public = on.public_url.rstrip("/")
    assert f"{public}/c/%%h:track_ref%%/1" in hrefs(mail.html)
    person = compose.recipient(
        on, email="a@b.example", name="", organisation="", delivery=5, ref="5"
    )
    assert person.values["track_ref"] in mail.personalize(person).html
