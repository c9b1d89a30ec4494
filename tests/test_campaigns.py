from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session

from mailer import campaigns
from mailer.campaigns import CampaignKind, CampaignStatus
from mailer.errors import InvalidInput, InvalidTransition, NotFound


def _draft(session: Session, **kw):
    return campaigns.create(
        session, kind=CampaignKind.NEWSLETTER, subject="Nieuws", segments=["iedereen"], **kw
    )


def test_create_needs_a_segment_and_invitations_an_event(engine):
    with Session(engine) as s:
        with pytest.raises(InvalidInput, match="segment"):
            campaigns.create(s, kind=CampaignKind.NEWSLETTER, subject="x")
        with pytest.raises(InvalidInput, match="evenement"):
            campaigns.create(s, kind=CampaignKind.INVITATION, subject="x", segments=["x"])


def test_subject_with_line_break_is_refused(engine):
    with Session(engine) as s, pytest.raises(InvalidInput, match="line break"):
        campaigns.create(
            s, kind=CampaignKind.NEWSLETTER, subject="Hi\r\nBcc: a@b.c", segments=["x"]
        )


def test_life_cycle_and_illegal_transitions(engine):
    at = datetime(2030, 1, 1, 8, tzinfo=UTC)
    with Session(engine) as s:
        c = _draft(s)
        campaigns.schedule(s, c.id, at)
        assert c.status == CampaignStatus.SCHEDULED and c.scheduled_at == at
        campaigns.pause(s, c.id)
        assert campaigns.resume(s, c.id).status == "scheduled"  # never started
        campaigns.cancel(s, c.id)
        assert c.status == "cancelled"
        with pytest.raises(InvalidTransition, match="geannuleerd"):
            campaigns.schedule(s, c.id, at)
        with pytest.raises(InvalidTransition):
            campaigns.resume(s, c.id)


def test_resume_after_start_goes_back_to_sending(engine):
    with Session(engine) as s:
        c = _draft(s)
        campaigns.schedule(s, c.id, datetime(2030, 1, 1, tzinfo=UTC))
        campaigns.transition(c, CampaignStatus.SENDING)
        c.started_at = datetime(2030, 1, 1, tzinfo=UTC)
        campaigns.pause(s, c.id)
        assert campaigns.resume(s, c.id).status == "sending"


def test_schedule_refuses_naive_time_and_after_send_before(engine):
    deadline = datetime(2030, 5, 28, tzinfo=UTC)
    with Session(engine) as s:
        c = _draft(s, send_before=deadline)
        with pytest.raises(InvalidInput):
            campaigns.schedule(s, c.id, datetime(2030, 5, 1))
        with pytest.raises(InvalidInput, match="vóór"):
            campaigns.schedule(s, c.id, deadline + timedelta(hours=1))


def test_unknown_campaign(engine):
    with Session(engine) as s, pytest.raises(NotFound, match="42"):
        campaigns.get(s, 42)
