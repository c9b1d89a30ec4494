"""A campaign's mail as its recipients get it, for the preview frames and the test copy.

Both go through ``compose.prepare`` (the send loop's own path), so what the
coordinator sees in the frame is the real rendered mail: the same template,
sandbox and holes. The preview is filled in for the sample recipient; the
test copy is sent the way ``mailer campaign test`` sends it (subject marked
``[TEST nl]``, recorded in no ledger).
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from fastapi.responses import HTMLResponse
from sqlmodel import Session

from mailer import campaigns
from mailer.campaigns import Campaign
from mailer.config import Settings
from mailer.message import Batch, Recipient
from mailer.render.samples import sample_recipient
from mailer.sending import compose
from mailer.transports.base import Outcome, Result
from mailer.transports.classify import classify
from mailer.transports.factory import build_transport

# The mail is framed by the dashboard only: inline styles (mail HTML lives on them),
# no script, no remote fetches (a preview must not call out), no forms, no navigation.
FRAME_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        "frame-ancestors 'self'; form-action 'none'; base-uri 'none'; sandbox"
    ),
    "X-Frame-Options": "SAMEORIGIN",
}


def preview_recipient(settings: Settings, language: str) -> Recipient:
    """The sample person, with the holes a real delivery has (links name delivery 0)."""
    sample = sample_recipient(language)
    return compose.recipient(
        settings,
        email=sample.to.email,
        name=sample.to.name,
        organisation=sample.values.get("organisation", ""),
        delivery=None,
        ref="preview",
    )


def preview_html(
    session: Session, campaign: Campaign, language: str, settings: Settings, now: datetime
) -> str:
    """The HTML part a contact speaking ``language`` gets; raises what rendering refuses."""
    message = compose.prepare(session, campaign, language, settings, now)
    return message.personalize(preview_recipient(settings, language)).html


def framed(html: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(html, status_code=status, headers=FRAME_HEADERS)


def send_test_copies(
    session: Session, campaign: Campaign, to: str, settings: Settings, now: datetime
) -> dict[str, Result]:
    """One marked copy per language the campaign sends, to ``to``; results per language."""
    prepared = {
        language: compose.prepare(session, campaign, language, settings, now)
        for language in campaigns.languages(campaign)
    }
    person = compose.recipient(
        settings, email=to, name="Test", organisation="Test", delivery=None, ref="test"
    )
    transport = build_transport(settings)
    results = {}
    try:
        for language, message in prepared.items():
            copy = dataclasses.replace(message, subject=f"[TEST {language}] {message.subject}")
            try:
                (results[language],) = transport.send_batch(Batch(copy, [person]))
            except Exception as exc:  # the judgement the send loop makes (classify)
                failure = classify(exc)
                results[language] = Result("test", failure.outcome, failure.reason)
    finally:
        transport.close()
    return results


def all_sent(results: dict[str, Result]) -> bool:
    return all(r.outcome is Outcome.SENT for r in results.values())
