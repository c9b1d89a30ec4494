# ruff: noqa: F811  (the shared dashboard fixtures are imported, and named as parameters)
"""Opens and clicks in the campaign status: the dashboard page and `mailer campaign status`,
only for a campaign that went out with tracking on."""

from __future__ import annotations

from mailer.tracking import activity, links
from mailer.tracking.activity import Seen
from subscribers.sqltypes import utcnow
from tests.tracking.tracked import sent_with_links
from tests.web.dashboard_support import signed_in  # noqa: F401


def _tracked_campaign(engine, settings) -> int:
    sent = sent_with_links(engine, settings)
    links.remember(engine, sent.campaign_id, ["https://gids.example/"])
    with engine.begin() as conn:
        activity.record(conn, sent.deliveries[0].id, Seen.OPEN, utcnow())
        activity.record(conn, sent.deliveries[1].id, Seen.CLICK, utcnow())
    return sent.campaign_id


def test_the_status_page_shows_opens_and_clicks_of_a_tracked_campaign(signed_in, engine, settings):
    campaign = _tracked_campaign(engine, settings)
    page = signed_in.get(f"/campagnes/{campaign}/live").text  # the counts the page refreshes
    assert "Opened: 2 of 4 sent (50%); clicked: 1 (25%)" in page
    assert "Estimates" in page


def test_no_figures_for_a_campaign_sent_without_tracking(signed_in, engine, settings):
    campaign = sent_with_links(engine, settings).campaign_id
    page = signed_in.get(f"/campagnes/{campaign}")
    assert page.status_code == 200 and "Opened:" not in page.text


def test_cli_status_shows_the_figures(mailer, engine, settings):
    campaign = _tracked_campaign(engine, settings)
    shown = mailer("campaign", "status", str(campaign), MAILER_LANGUAGE="en")
    assert shown.returncode == 0, shown.stderr
    assert "Opened: 2 of 4 sent (50%); clicked: 1 (25%)" in shown.stdout
    assert "Estimates:" in shown.stdout
