"""`register_answer`: an answer from outside is fitted, never refused, and kept in the history."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy
from sqlmodel import Session, select

from mailer.errors import InvalidInput
from mailer.invitations.rsvp import (
    Rsvp,
    RsvpStatus,
    merge_people,
    prefetch,
    register_answer,
    rsvp_history,
    set_rsvp,
)
from subscribers.models import Organisation
from subscribers.sqltypes import utcnow
from tests.factories import event as make_event

NOW = utcnow()


def _orgs(session, *names):
    orgs = [Organisation(name=n) for n in names]
    session.add_all(orgs)
    session.flush()
    return [o.id for o in orgs]


def _people(*names):
    return [{"name": n, "email": None} for n in names]


def test_the_first_names_that_fit_cap_and_capacity_are_kept(engine, settings):
    with Session(engine) as s:
        event = make_event(s, settings, max_per_organisation=2, capacity=3, now=NOW)
        a, b = _orgs(s, "A", "B")
        first = register_answer(
            s, event.id, a, status=RsvpStatus.ATTENDING, now=NOW, attendees=_people("X", "Y", "Z")
        )
        assert [p["name"] for p in first.kept] == ["X", "Y"]
        assert [p["name"] for p in first.refused] == ["Z"] and first.changed
        second = register_answer(
            s, event.id, b, status=RsvpStatus.ATTENDING, now=NOW, attendees=_people("P", "Q")
        )
        assert [p["name"] for p in second.kept] == ["P"] and second.refused == _people("Q")
        full = register_answer(
            s, event.id, b, status=RsvpStatus.ATTENDING, now=NOW, attendees=_people("P", "Q", "R")
        )
        assert full.kept == _people("P") and not full.changed  # the same list: no new history


def test_maybe_keeps_names_but_takes_no_place(engine, settings):
    with Session(engine) as s:
        event = make_event(s, settings, capacity=1, now=NOW)
        a, b = _orgs(s, "A", "B")
        maybe = register_answer(
            s, event.id, a, status=RsvpStatus.MAYBE, now=NOW, attendees=_people("X", "Y")
        )
        assert (maybe.rsvp.status, maybe.kept) == ("maybe", _people("X", "Y"))
        yes = register_answer(
            s, event.id, b, status=RsvpStatus.ATTENDING, now=NOW, attendees=_people("P")
        )
        assert yes.kept == _people("P") and yes.refused == []


def test_an_addition_merges_and_a_full_event_records_nothing(engine, settings):
    with Session(engine) as s:
        event = make_event(s, settings, capacity=2, now=NOW)
        a, b = _orgs(s, "A", "B")
        register_answer(
            s, event.id, a, status=RsvpStatus.ATTENDING, now=NOW, attendees=_people("X")
        )
        more = register_answer(
            s,
            event.id,
            a,
            status=RsvpStatus.ATTENDING,
            now=NOW,
            attendees=_people("x", "Y"),
            addition=True,
        )
        assert more.kept == _people("X", "Y")  # "x" is X again
        full = register_answer(
            s, event.id, b, status=RsvpStatus.ATTENDING, now=NOW, attendees=_people("P")
        )
        assert full.full and full.rsvp is None
        assert [len(h.attendees) for h in rsvp_history(s, more.rsvp.id)] == [1, 2]


def test_late_answers_follow_the_policy(engine, settings):
    with Session(engine) as s:
        event = make_event(s, settings, now=NOW)
        (a,) = _orgs(s, "A")
        late = event.reply_by + timedelta(minutes=1)
        refused = register_answer(
            s, event.id, a, status=RsvpStatus.DECLINED, now=late, accept_late=False
        )
        assert refused.late_refused and refused.rsvp is None
        taken = register_answer(s, event.id, a, status=RsvpStatus.DECLINED, now=late)
        assert taken.rsvp.late and taken.rsvp.source == "reply"
        with pytest.raises(InvalidInput):
            register_answer(s, event.id, a, status=RsvpStatus.ATTENDING, now=NOW, attendees=[])


def test_set_rsvp_is_manual_and_accepts_maybe(engine, settings):
    with Session(engine) as s:
        event = make_event(s, settings, now=NOW)
        (a,) = _orgs(s, "A")
        rsvp = set_rsvp(s, event.id, a, status=RsvpStatus.MAYBE, now=NOW, attendees=_people("X"))
        assert (rsvp.status, rsvp.source, rsvp.attendees) == ("maybe", "manual", _people("X"))


def test_merge_people_by_address_or_name():
    merged = merge_people(
        [{"name": "Ans", "email": "ans@x.nl"}, {"name": "Piet", "email": None}],
        [
            {"name": "Ans de Vries", "email": "ANS@x.nl"},
            {"name": " piet ", "email": None},
            {"name": "", "email": None},
            {"name": "", "email": None},
        ],
    )
    assert merged == [
        {"name": "Ans", "email": "ans@x.nl"},
        {"name": "Piet", "email": None},
        {"name": "", "email": None},
        {"name": "", "email": None},
    ]


def test_an_rsvp_made_in_a_rolled_back_savepoint_is_not_taken_for_the_current_one(engine, settings):
    """The session remembers the RSVPs it found (a reply import applies thousands of
    answers in one session); one that a failed message's savepoint made and took back
    must not be found again: the same answer, applied again, is recorded."""
    with Session(engine) as s:
        event = make_event(s, settings, now=NOW)
        (org,) = _orgs(s, "A")
        with s.begin_nested() as nested:
            register_answer(
                s, event.id, org, status=RsvpStatus.ATTENDING, now=NOW, attendees=_people("X")
            )
            nested.rollback()
        again = register_answer(
            s, event.id, org, status=RsvpStatus.ATTENDING, now=NOW, attendees=_people("X")
        )
        assert again.changed and again.rsvp is not None
        s.commit()
        stored = s.exec(select(Rsvp).where(Rsvp.event_id == event.id)).all()
        assert [(r.organisation_id, r.status) for r in stored] == [(org, "attending")]
        assert [h.status for h in rsvp_history(s, stored[0].id)] == ["attending"]
        # after the commit the remembered copy is read again, and a later answer lands on it
        later = register_answer(s, event.id, org, status=RsvpStatus.DECLINED, now=NOW)
        assert later.rsvp is not None and later.rsvp.id == stored[0].id and later.changed


def test_prefetched_rsvps_serve_the_answers_without_a_query_each(engine, settings):
    """A reply import prefetches a batch's RSVPs; answering one of them must not ask
    the database for it again (that query per answer was the import's largest cost)."""
    with Session(engine) as s:
        event_id = make_event(s, settings, now=NOW).id
        a, b = _orgs(s, "A", "B")
        for org in (a, b):
            register_answer(s, event_id, org, status=RsvpStatus.DECLINED, now=NOW)
        s.commit()
    with Session(engine) as s:
        kept = prefetch(s, [event_id], [a, b])
        assert sorted(r.organisation_id for r in kept) == [a, b]
        statements: list[str] = []
        listen = lambda *args: statements.append(args[2])  # noqa: E731 (conn, cursor, statement…)
        sqlalchemy.event.listen(engine, "before_cursor_execute", listen)
        try:
            done = register_answer(
                s, event_id, a, status=RsvpStatus.ATTENDING, now=NOW, attendees=_people("X")
            )
        finally:
            sqlalchemy.event.remove(engine, "before_cursor_execute", listen)
        assert done.changed
        assert not [
            q for q in statements if q.lstrip().upper().startswith("SELECT") and "rsvp" in q
        ]


def test_a_stored_rsvp_is_answered_without_a_flush_and_its_copy_matches_the_row(engine, settings):
    """An answer to an RSVP already stored is one UPDATE (a reply import writes thousands):
    no unit-of-work flush, and the session's copy holds what the row now holds."""
    with Session(engine) as s:
        event = make_event(s, settings, now=NOW)
        [org] = _orgs(s, "A")
        register_answer(
            s, event.id, org, status=RsvpStatus.ATTENDING, now=NOW, attendees=_people("X")
        )
        s.commit()
        flushes = []
        sqlalchemy.event.listen(s, "before_flush", lambda *a: flushes.append(a))
        later = NOW + timedelta(minutes=5)
        done = register_answer(
            s, event.id, org, status=RsvpStatus.ATTENDING, now=later, attendees=_people("X", "Y")
        )
        assert done.changed and flushes == []
        copy = done.rsvp
        assert [p["name"] for p in copy.attendees] == ["X", "Y"] and copy.updated_at == later
        assert copy not in s.dirty
        s.commit()
        assert len(rsvp_history(s, copy.id)) == 2
    with Session(engine) as fresh:
        row = fresh.get(Rsvp, copy.id)
        assert [p["name"] for p in row.attendees] == ["X", "Y"]
        assert (row.status, row.source, row.received_at) == ("attending", "reply", later)
