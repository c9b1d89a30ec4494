"""The click redirect and the open pixel through a real server: only the campaign's own
links, a plain refusal for everything else, counters and nothing more."""

from __future__ import annotations

import html
from collections.abc import Iterator

import httpx
import pytest
from sqlmodel import Session

from mailer import campaigns, tokens
from mailer.campaigns import CampaignKind
from mailer.config import Settings
from mailer.outbox import Delivery
from mailer.tokens import Purpose
from mailer.tracking import links
from mailer.tracking.models import CampaignLink, DeliveryTracking
from mailer.web.tracking_routes import PIXEL
from tests.tracking.tracked import GUIDE, REPORT, Sent, hrefs, mail_for, sent_with_links
from tests.tracking.tracked import tracking_on as with_tracking
from tests.web.server import serve


@pytest.fixture
def on(settings) -> Settings:
    return with_tracking(settings)


@pytest.fixture
def mailed(engine, settings) -> Sent:
    return sent_with_links(engine, settings)


@pytest.fixture
def tracked(on, engine) -> Iterator[httpx.Client]:
    """A client of a server with tracking on."""
    server = serve(on, engine)
    with httpx.Client(base_url=server.url, follow_redirects=False, timeout=30) as c:
        yield c
    server.stop()


def _counters(engine, delivery_id: int) -> tuple[int, int]:
    with Session(engine) as s:
        row = s.get(DeliveryTracking, delivery_id)
        return (row.opens, row.clicks) if row else (0, 0)


def _paths(engine, on: Settings, mailed: Sent, n: int = 0) -> list[str]:
    """The tracked links in delivery n's mail, as paths on our server."""
    public = on.public_url.rstrip("/")
    found = hrefs(mail_for(engine, on, mailed.deliveries[n]).html)
    return [h.removeprefix(public) for h in found if h.startswith(public + "/c/")]


def test_a_link_in_the_mail_goes_to_the_campaigns_address_and_counts(tracked, engine, on, mailed):
    paths = _paths(engine, on, mailed)
    assert len(paths) == 3  # guide, report, guide again
    answers = [tracked.get(path) for path in paths]
    assert [a.status_code for a in answers] == [302, 302, 302]
    assert [a.headers["location"] for a in answers] == [GUIDE, REPORT, GUIDE]
    assert "no-store" in answers[0].headers["cache-control"]
    assert answers[0].headers["referrer-policy"] == "no-referrer"
    assert _counters(engine, mailed.deliveries[0].id) == (0, 3)
    assert _counters(engine, mailed.deliveries[1].id) == (0, 0)


def test_the_pixel_is_a_gif_never_cached_and_counts_only_a_real_reference(
    tracked, engine, on, mailed
):
    mail = mail_for(engine, on, mailed.deliveries[0]).html
    public = on.public_url.rstrip("/")
    src = html.unescape(mail.split('<img src="' + public, 1)[1].split('"', 1)[0])
    assert src.startswith("/o/") and src.endswith(".gif")
    answer = tracked.get(src)
    assert answer.status_code == 200 and answer.content == PIXEL
    assert answer.headers["content-type"] == "image/gif"
    assert "no-store" in answer.headers["cache-control"]
    assert PIXEL[:6] == b"GIF89a" and PIXEL[6:10] == b"\x01\x00\x01\x00"  # 1 x 1
    forged = tracked.get(src.replace(src[-8], "a" if src[-8] != "a" else "b"))
    assert forged.status_code == 200 and forged.content == PIXEL  # the same answer
    assert tracked.get("/o/nonsense.gif").content == PIXEL
    assert _counters(engine, mailed.deliveries[0].id) == (1, 0)


def test_head_requests_and_scanners_only_move_counters(tracked, engine, on, mailed):
    path = _paths(engine, on, mailed)[0]
    answer = tracked.head(path)
    assert answer.status_code == 302 and answer.headers["location"] == GUIDE
    assert _counters(engine, mailed.deliveries[0].id) == (0, 1)
    with Session(engine) as s:  # the delivery itself is untouched
        row = s.get(Delivery, mailed.deliveries[0].id)
        assert row is not None and row.status == "sent"


def _refused(answer: httpx.Response, status: int) -> None:
    assert answer.status_code == status
    assert "location" not in answer.headers
    assert "gids.example" not in answer.text and "verslag.example" not in answer.text


def test_nothing_but_a_stored_link_is_ever_a_redirect(tracked, engine, on, mailed):
    delivery = mailed.deliveries[0].id
    good = tokens.track_ref(on, delivery)
    other_purpose = tokens.ref(on, Purpose.UNSUBSCRIBE, delivery)
    altered = good[:-1] + ("a" if good[-1] != "a" else "b")
    for path in (
        f"/c/{altered}/1",  # forged
        f"/c/{other_purpose}/1",  # another link's reference
        f"/c/{tokens.track_ref(on, 0)}/1",  # delivery 0 (test copies) never exists
        f"/c/{tokens.track_ref(on, 999_999)}/1",  # a delivery that does not exist
        f"/c/{good}/4",  # no such link
        f"/c/{good}/0",
        f"/c/{good}/-1",
        f"/c/{good}/1.0",
        f"/c/{good}/%31",
        f"/c/{good}/99999999999999999999",
        f"/c/{good}/https:%2F%2Fevil.example",
    ):
        _refused(tracked.get(path), 404)
    for query in ("url=https://evil.example/", "next=//evil.example", "1"):
        _refused(tracked.get(f"/c/{good}/1?{query}"), 400)
    _refused(tracked.get("/c/https://evil.example/1"), 404)
    assert _counters(engine, delivery) == (0, 0)


def test_a_link_of_another_campaign_is_not_this_deliverys(tracked, engine, on, mailed):
    with Session(engine) as s:
        other = campaigns.create(
            s, kind=CampaignKind.NEWSLETTER, subject="x", content="x", segments=["iedereen"]
        )
        s.commit()
        assert other.id is not None
    links.remember(engine, other.id, ["https://other.example/", "https://evil.example/"])
    links.remember(engine, mailed.campaign_id, [GUIDE])
    ref = tokens.track_ref(on, mailed.deliveries[0].id)
    assert tracked.get(f"/c/{ref}/1").headers["location"] == GUIDE
    _refused(tracked.get(f"/c/{ref}/2"), 404)


def test_a_stored_address_that_is_not_a_web_address_is_never_followed(tracked, engine, on, mailed):
    with Session(engine) as s:  # a row no compile makes: defence in depth
        for number, url in enumerate(("javascript:alert(1)", "https:///nohost", "//evil"), 1):
            s.add(CampaignLink(campaign_id=mailed.campaign_id, number=number, url=url))
        s.commit()
    ref = tokens.track_ref(on, mailed.deliveries[0].id)
    for number in (1, 2, 3):
        _refused(tracked.get(f"/c/{ref}/{number}"), 404)


def test_with_tracking_off_links_still_work_and_nothing_is_counted(client, engine, on, mailed):
    paths = _paths(engine, on, mailed)  # mail sent while tracking was on
    answer = client.get(paths[0])  # the `client` fixture's server runs with tracking off
    assert answer.status_code == 302 and answer.headers["location"] == GUIDE
    pixel = client.get("/o/" + tokens.track_ref(on, mailed.deliveries[0].id) + ".gif")
    assert pixel.content == PIXEL
    assert _counters(engine, mailed.deliveries[0].id) == (0, 0)
