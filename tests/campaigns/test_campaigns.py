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
        with pytest.raises(InvalidInput, match="bijeenkomst"):
            campaigns.create(s, kind=CampaignKind.INVITATION, subject="x", segments=["x"])


def test_subject_with_line_break_is_refused(engine):
    with Session(engine) as s, pytest.raises(InvalidInput, match="één regel"):
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


# --------------------------------------------------------------------------- editing


def _event(session: Session, days: int = 30, **kw):
    from mailer import invitations

    now = datetime.now(UTC)
    start = now + timedelta(days=days)
    return invitations.create_event(
        session, title="Middag", starts_at=start, ends_at=start + timedelta(hours=2), now=now, **kw
    )


def test_edit_is_checked_by_the_same_rules_as_create(engine):
    with Session(engine) as s:
        c = _draft(s)
        campaigns.edit(s, c.id, campaigns.Changes(subject="Nieuw", segments=["gemeenten"]))
        assert (c.subject, c.segments) == ("Nieuw", ["gemeenten"])
        with pytest.raises(NotFound, match="weg"):
            campaigns.edit(s, c.id, campaigns.Changes(segments=["weg"]))
        with pytest.raises(InvalidInput, match="één regel"):
            campaigns.edit(s, c.id, campaigns.Changes(subject="a\nb"))
        assert c.subject == "Nieuw"  # a refused edit changes nothing
        with pytest.raises(InvalidInput, match="subject-en"):
            campaigns.edit(s, c.id, campaigns.Changes(content_en="Hello"))
        with pytest.raises(InvalidInput):
            campaigns.edit(s, c.id, campaigns.Changes())


@pytest.mark.parametrize("status", ["sending", "sent", "paused", "cancelled", "missed"])
def test_only_drafts_and_scheduled_campaigns_can_be_edited(engine, status):
    with Session(engine) as s:
        c = _draft(s)
        c.status = status
        with pytest.raises(InvalidTransition, match="concept"):
            campaigns.edit(s, c.id, campaigns.Changes(subject="x"))


def test_kinds_find_their_audience_and_events_must_exist(engine):
    with Session(engine) as s:
        with pytest.raises(NotFound, match="Bijeenkomst 99"):
            campaigns.create(s, kind=CampaignKind.INVITATION, subject="x", segments=["iedereen"],
                             event_id=99)  # fmt: skip
        event = _event(s)
        programme = campaigns.create(s, kind=CampaignKind.PROGRAMME, subject="P", event_id=event.id)
        assert programme.audience == "registered" and programme.segments == []
        with pytest.raises(InvalidInput, match="--segment"):
            campaigns.create(s, kind=CampaignKind.PROGRAMME, subject="P", event_id=event.id,
                             segments=["iedereen"])  # fmt: skip
        with pytest.raises(InvalidInput, match="nieuwsbrief"):
            campaigns.create(s, kind=CampaignKind.INVITATION, subject="x", segments=["iedereen"],
                             event_id=event.id, agenda=[event.id])  # fmt: skip


def test_the_agenda_takes_events_still_to_come(engine):
    with Session(engine) as s:
        event = _event(s)
        c = _draft(s, agenda=[event.id, event.id])
        assert c.agenda == [event.id]
        with pytest.raises(NotFound, match="Bijeenkomst 404"):
            campaigns.edit(s, c.id, campaigns.Changes(agenda=[404]))
        later = datetime.now(UTC) + timedelta(days=60)
        with pytest.raises(InvalidInput, match="voorbij"):
            campaigns.edit(s, c.id, campaigns.Changes(agenda=[event.id]), now=later)
        campaigns.edit(s, c.id, campaigns.Changes(agenda=()))
        assert c.agenda == []


def test_schedule_checks_again_for_a_vanished_segment(engine):
    from subscribers.segments import Rule, delete_segment, save_segment

    with Session(engine) as s:
        save_segment(s, "tijdelijk", Rule.build(tags=["x"]))
        c = _draft(s)
        campaigns.edit(s, c.id, campaigns.Changes(segments=["tijdelijk"]))
        delete_segment(s, "tijdelijk")
        with pytest.raises(NotFound, match="tijdelijk"):
            campaigns.schedule(s, c.id, datetime(2030, 1, 1, tzinfo=UTC))
        assert c.status == "draft"


def test_campaigns_waiting_on_a_segment_block_its_deletion(engine):
    from subscribers.segments import Rule, save_segment

    with Session(engine) as s:
        save_segment(s, "oost", Rule.build(tags=["x"]))
        waiting = [_draft(s) for _ in range(4)]
        for c in waiting:
            campaigns.edit(s, c.id, campaigns.Changes(segments=["oost", "iedereen"]))
        draft, scheduled, paused, started = waiting
        for c in (scheduled, paused, started):
            campaigns.schedule(s, c.id, datetime(2030, 1, 1, tzinfo=UTC))
        campaigns.pause(s, paused.id)
        campaigns.transition(started, CampaignStatus.SENDING)
        started.started_at = datetime(2030, 1, 1, tzinfo=UTC)
        campaigns.pause(s, started.id)  # paused after it started: its audience is in the outbox
        s.flush()
        assert campaigns.waiting_on_segment(s, " oost ") == [draft.id, scheduled.id, paused.id]
        with pytest.raises(InvalidInput, match=f"{draft.id}, {scheduled.id}, {paused.id}"):
            campaigns.check_segment_unused(s, "oost")
        campaigns.check_segment_unused(s, "west")


def test_a_contact_gets_the_mail_in_a_language_the_campaign_speaks(engine):
    from mailer.sending.compose import mail_language

    with Session(engine) as s:
        dutch = _draft(s, content="Hallo")
        both = _draft(s, content="Hallo", subject_en="News", content_en="Hello")
        frame_only = campaigns.create(s, kind=CampaignKind.NEWSLETTER, subject="",
                                      segments=["iedereen"])  # fmt: skip
        assert [mail_language(dutch, lang) for lang in ("nl", "en", "fr")] == ["nl", "nl", "nl"]
        assert [mail_language(both, lang) for lang in ("nl", "en", "fr")] == ["nl", "en", "nl"]
        assert campaigns.languages(frame_only) == ("nl", "en")  # nothing written to translate


def test_pause_by_the_coordinator_is_stored_as_a_code(engine):
    from mailer import reasons

    with Session(engine) as s:
        c = _draft(s)
        campaigns.schedule(s, c.id, datetime(2030, 1, 1, tzinfo=UTC))
        campaigns.pause(s, c.id)
        assert reasons.is_code(c.note, reasons.Code.PAUSED_BY_COORDINATOR)
        assert reasons.render(c.note) == "gepauzeerd door de coördinator"
