"""What the send loop puts in the Maildir, with tracking off (the default) and on."""

from __future__ import annotations

import html

from mailer.tracking import links
from tests.mailbox import messages
from tests.tracking.tracked import GUIDE, REPORT, hrefs, sent_with_links, tracking_on


def _html(message) -> str:  # type: ignore[no-untyped-def]
    body = message.get_body(("html",))
    assert body is not None
    return str(body.get_content())


def test_tracking_off_sends_the_real_links_and_no_pixel(engine, settings):
    sent = sent_with_links(engine, settings)
    mails = messages(settings.maildir)
    assert len(mails) == len(sent.deliveries)
    for mail in mails:
        body = _html(mail)
        found = [html.unescape(h) for h in hrefs(body)]
        assert GUIDE in found and REPORT in found
        assert "/c/" not in body and "/o/" not in body and "track_ref" not in body
    with engine.connect() as conn:
        assert links.links(conn, sent.campaign_id) == []
        assert links.was_tracked(conn, [sent.campaign_id]) == set()


def test_tracking_on_sends_links_through_the_redirect(engine, settings):
    on = tracking_on(settings)
    sent = sent_with_links(engine, on)
    with engine.connect() as conn:
        assert links.links(conn, sent.campaign_id) == [(1, GUIDE), (2, REPORT)]
    public = on.public_url.rstrip("/")
    for mail in messages(on.maildir):
        body = _html(mail)
        tracked = [h for h in hrefs(body) if h.startswith(f"{public}/c/")]
        assert len(tracked) == 3 and GUIDE not in body
        assert f'<img src="{public}/o/' in body
        text = mail.get_body(("plain",))
        assert text is not None and GUIDE in str(text.get_content())
