"""RSVPs: one per (event, organisation), who of it attends, with history.

An invitation goes to organisations, not people: one ``Rsvp`` per
(event, organisation) lists who of that organisation attends, within the
event's cap per organisation and total capacity.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, NamedTuple

from sqlalchemy import (
    Column,
    ForeignKey,
    Integer,
    UniqueConstraint,
    bindparam,
    insert,
    inspect,
    update,
)
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Field, Session, SQLModel, col, select

from mailer.errors import (
    CapacityFull,
    CapExceeded,
    InvalidInput,
    NotFound,
)
from mailer.i18n import _, ngettext
from mailer.invitations.events import Event, get_event
from subscribers.errors import InvalidEmail
from subscribers.models import Contact, ContactStatus, Organisation
from subscribers.normalise import normalise_email
from subscribers.sqltypes import JSONText, UTCDateTime, utcnow


class RsvpStatus(StrEnum):
    ATTENDING = "attending"
    DECLINED = "declined"
    MAYBE = "maybe"  # "misschien", a calendar's TENTATIVE: not counted against the places
    NO_RESPONSE = "no_response"


class RsvpSource(StrEnum):
    """Where an answer came from (``Rsvp.source``, ``RsvpChange.source``)."""

    REPLY = "reply"  # a reply mail, read automatically
    CALENDAR = "calendar"  # a calendar client's Accept / Decline (iMIP REPLY)
    MANUAL = "manual"  # a coordinator: `mailer rsvp set`, `mailer inbound resolve`
    WEB = "web"  # the RSVP page


class Rsvp(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("event_id", "organisation_id"),)
    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(
        sa_column=Column(Integer, ForeignKey("event.id", ondelete="CASCADE"), nullable=False)
    )
    organisation_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("organisation.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    status: str = Field(default=RsvpStatus.NO_RESPONSE.value, max_length=20)
    # [{"name": "...", "email": "..." | null}, ...]
    attendees: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSONText)
    source: str = Field(default="", max_length=50)
    late: bool = Field(default=False)
    received_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class RsvpChange(SQLModel, table=True):
    """The history of an RSVP: every answer is kept, never overwritten."""

    __tablename__ = "rsvp_change"
    id: int | None = Field(default=None, primary_key=True)
    rsvp_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("rsvp.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    status: str = Field(max_length=20)
    attendees: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSONText)
    source: str = Field(default="", max_length=50)
    late: bool = Field(default=False)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


# Statuses whose answer names people: attending (counted), maybe (for information).
_WITH_PEOPLE = frozenset({RsvpStatus.ATTENDING, RsvpStatus.MAYBE})


class RecipientRow(NamedTuple):
    """One address an event-derived audience yields; the outbox snapshot reads these."""

    contact_id: int | None
    email: str
    name: str
    language: str
    organisation_id: int | None


_ADDRESSED = re.compile(r"^(?P<name>[^<>]*?)\s*<(?P<email>[^<>]+)>$")


def parse_attendees(text: str) -> list[dict[str, Any]]:
    """ "Ans de Vries <ans@voorbeeld.nl>; Piet" → [{"name", "email"}, {"name", "email": None}]."""
    attendees: list[dict[str, Any]] = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        match = _ADDRESSED.match(part)
        if match:
            name, email = match["name"].strip().strip('"'), match["email"].strip()
        elif "@" in part and " " not in part:
            name, email = "", part
        else:
            name, email = part, None
        if email is not None:
            try:
                email = normalise_email(email)
            except InvalidEmail as err:
                raise InvalidInput(str(err)) from err
        attendees.append({"name": name or (email or ""), "email": email})
    return attendees


def _attending_elsewhere(session: Session, event_id: int, organisation_id: int) -> int:
    rows = session.exec(
        select(Rsvp.attendees).where(
            Rsvp.event_id == event_id,
            Rsvp.organisation_id != organisation_id,
            Rsvp.status == RsvpStatus.ATTENDING.value,
        )
    )
    return sum(len(a) for a in rows)


def _check_limits(session: Session, event: Event, organisation_id: int, count: int) -> None:
    """The cap per organisation and the total capacity, with numbers a coordinator can use."""
    cap = event.max_per_organisation
    if cap is not None and count > cap:
        raise CapExceeded(
            ngettext(
                "At most {cap} attendee per organisation, got {count}",
                "At most {cap} attendees per organisation, got {count}",
                cap,
            ).format(cap=cap, count=count)
        )
    if event.capacity is None:
        return
    assert event.id is not None
    taken = _attending_elsewhere(session, event.id, organisation_id)
    if taken + count > event.capacity:
        left = max(event.capacity - taken, 0)
        raise CapacityFull(
            _("The event is full: {left} of {capacity} places left, asked for {count}").format(
                left=left, capacity=event.capacity, count=count
            )
        )


def set_rsvp(
    session: Session,
    event_id: int,
    organisation_id: int,
    *,
    status: RsvpStatus,
    now: datetime,
    attendees: Sequence[dict[str, Any]] = (),
    source: str = RsvpSource.MANUAL.value,
) -> Rsvp:
    """Record an organisation's answer, keep the previous ones, enforce cap and capacity.

    An answer after the deadline is kept and marked ``late``: losing it would
    be worse, and the coordinator sees the flag and decides.
    """
    event = _locked_event(session, event_id)
    if event is None:
        get_event(session, event_id)  # raises NotFound with the usual message
    assert event is not None
    if session.get(Organisation, organisation_id) is None:
        raise NotFound(_("Organisation {id} not found").format(id=organisation_id))
    people = [dict(a) for a in attendees] if status in _WITH_PEOPLE else []
    if status is RsvpStatus.ATTENDING:
        if not people:
            raise InvalidInput(_("Who attends? Give at least one name"))
        _check_limits(session, event, organisation_id, len(people))
    rsvp = _current(session, event_id, organisation_id) or Rsvp(
        event_id=event_id, organisation_id=organisation_id
    )
    return _write(session, rsvp, status, people, source, is_late(event, now), now)


def is_late(event: Event, now: datetime) -> bool:
    """After the reply-by deadline ("vóór 28 mei": from the start of 28 May)."""
    return event.reply_by is not None and now >= event.reply_by


def _locked_event(session: Session, event_id: int) -> Event | None:
    """The event row, locked for this transaction so two answers cannot both take the
    last places. SQLite has one writer and no row locks (it sends no FOR UPDATE at all),
    so there the session's copy serves, without a query when it is already loaded."""
    if session.get_bind().dialect.name == "sqlite":
        return session.get(Event, event_id)
    return session.exec(_LOCK_EVENT, params={"event_id": event_id}).first()


def _current(session: Session, event_id: int, organisation_id: int) -> Rsvp | None:
    """The organisation's RSVP. A reply import applies thousands of answers of a few
    organisations in one session: the id found once is remembered, and the session's
    own copy serves (``session.get`` asks the database only when the copy expired or
    is gone: after a commit, or a rolled-back savepoint that had made it)."""
    key = (event_id, organisation_id)
    known: dict[tuple[int, int], int] = session.info.setdefault(_KNOWN_RSVPS, {})
    if key in known:
        rsvp = session.get(Rsvp, known[key])
        if rsvp is not None and (rsvp.event_id, rsvp.organisation_id) == key:
            return rsvp
        del known[key]
    found = session.exec(_CURRENT, params={"event_id": event_id, "org_id": organisation_id}).first()
    if found is not None and found.id is not None:
        known[key] = found.id
    return found


def prefetch(session: Session, events: Iterable[int], organisations: Iterable[int]) -> list[Rsvp]:
    """The RSVPs of these events and organisations, loaded in one query and remembered
    by ``_current``, so a batch of answers asks once instead of once per answer.

    The events are locked first (in id order, as every answer locks them), so on
    PostgreSQL no other transaction changes their RSVPs while this session's copies
    serve. Keep the returned list until the commit: the session holds its objects
    only weakly.
    """
    event_ids, org_ids = sorted(set(events)), sorted(set(organisations))
    if not event_ids or not org_ids:
        return []
    for event_id in event_ids:
        _locked_event(session, event_id)
    found = session.exec(
        select(Rsvp).where(
            col(Rsvp.event_id).in_(event_ids), col(Rsvp.organisation_id).in_(org_ids)
        )
    ).all()
    known: dict[tuple[int, int], int] = session.info.setdefault(_KNOWN_RSVPS, {})
    for rsvp in found:
        if rsvp.id is not None:
            known[(rsvp.event_id, rsvp.organisation_id)] = rsvp.id
    return list(found)


# Where the session keeps the RSVP ids it has found, by (event, organisation).
_KNOWN_RSVPS = "rsvp.known"
# Built once: making a statement per answer cost more than running it.
_LOCK_EVENT = select(Event).where(Event.id == bindparam("event_id")).with_for_update()
_CURRENT = select(Rsvp).where(
    Rsvp.event_id == bindparam("event_id"), Rsvp.organisation_id == bindparam("org_id")
)
_CHANGES = SQLModel.metadata.tables["rsvp_change"]
_ADD_CHANGE = insert(_CHANGES)


def _write(
    session: Session,
    rsvp: Rsvp,
    status: RsvpStatus,
    people: list[dict[str, Any]],
    source: str,
    late: bool,
    now: datetime,
) -> Rsvp:
    """The answer on the RSVP and, unchanged for ever, in its history.

    A new RSVP goes through the unit of work (its id is needed for the history).
    One already stored is written with one prepared UPDATE and its loaded copy
    given the same values as committed: a reply import writes thousands of
    answers to a few hundred RSVPs, and a flush per answer was half of
    recording one. A rollback does not undo those values on the loaded copy, so
    whoever rolls back a SAVEPOINT and goes on in the session expires the RSVPs
    (:func:`expire_loaded`), as the pipeline does for a message that failed.
    """
    values = {
        "status": status.value,
        "attendees": people,
        "source": source,
        "late": late,
        "received_at": now,
        "updated_at": now,
    }
    if rsvp.id is None or rsvp not in session or _has_changes(rsvp):
        for name, value in values.items():
            setattr(rsvp, name, value)
        session.add(rsvp)
        session.flush()
    else:
        row = {"row_id": rsvp.id, **{f"v_{k}": v for k, v in values.items()}}
        session.connection().execute(_UPDATE_RSVP, row)
        for name, value in values.items():
            set_committed_value(rsvp, name, value)
    assert rsvp.id is not None
    session.info.setdefault(_KNOWN_RSVPS, {})[(rsvp.event_id, rsvp.organisation_id)] = rsvp.id
    # the history row is written at once, without the unit of work (nothing reads it back)
    session.connection().execute(
        _ADD_CHANGE,
        {
            "rsvp_id": rsvp.id,
            "status": status.value,
            "attendees": people,
            "source": source,
            "late": late,
            "at": now,
        },
    )
    return rsvp


def _has_changes(rsvp: Rsvp) -> bool:
    """Changes made to the loaded copy and not yet flushed (they go with this write)."""
    return bool(inspect(rsvp).modified)


def expire_loaded(session: Session) -> None:
    """Forget the session's copies of RSVPs, to be loaded again when next read: after a
    rollback to a SAVEPOINT, whose writes :func:`_write` made without the unit of work."""
    for loaded in list(session.identity_map.values()):
        if isinstance(loaded, Rsvp):
            session.expire(loaded)


_RSVPS = SQLModel.metadata.tables["rsvp"]
_WRITTEN = ("status", "attendees", "source", "late", "received_at", "updated_at")
# Built once, as the other statements here.
_UPDATE_RSVP = (
    update(_RSVPS)
    .where(_RSVPS.c.id == bindparam("row_id"))
    .values({name: bindparam(f"v_{name}", type_=_RSVPS.c[name].type) for name in _WRITTEN})
)


# --------------------------------------------------------------------------- answers


@dataclass
class Registration:
    """What an answer did: who is registered, who found no place, whether anything changed."""

    rsvp: Rsvp | None
    status: RsvpStatus
    kept: list[dict[str, Any]] = field(default_factory=list)
    refused: list[dict[str, Any]] = field(default_factory=list)
    late: bool = False
    changed: bool = False
    # nobody could be registered (the event is full): nothing was recorded
    full: bool = False
    # after the deadline while late answers are not accepted: nothing was recorded
    late_refused: bool = False


def _key(person: dict[str, Any]) -> str:
    email = (person.get("email") or "").strip().lower()
    return email or " ".join(str(person.get("name") or "").split()).casefold()


def merge_people(*groups: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """People in order, each once (same address, or same name when neither has one)."""
    seen: set[str] = set()
    merged = []
    for group in groups:
        for person in group:
            key = _key(person)
            if key and key in seen:
                continue
            seen.add(key)
            merged.append({"name": person.get("name") or "", "email": person.get("email")})
    return merged


def _same(rsvp: Rsvp | None, status: RsvpStatus, people: list[dict[str, Any]]) -> bool:
    if rsvp is None or rsvp.status != status.value:
        return False
    return [_key(p) for p in rsvp.attendees] == [_key(p) for p in people]


def _fit(
    session: Session, event: Event, organisation_id: int, people: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The first N that fit the cap per organisation and the places left; the rest."""
    limit = len(people)
    if event.max_per_organisation is not None:
        limit = min(limit, event.max_per_organisation)
    if event.capacity is not None:
        assert event.id is not None
        left = event.capacity - _attending_elsewhere(session, event.id, organisation_id)
        limit = max(0, min(limit, left))
    return people[:limit], people[limit:]


def register_answer(
    session: Session,
    event_id: int,
    organisation_id: int,
    *,
    status: RsvpStatus,
    now: datetime,
    attendees: Sequence[dict[str, Any]] = (),
    source: str = RsvpSource.REPLY.value,
    addition: bool = False,
    accept_late: bool = True,
) -> Registration:
    """An answer from outside (a reply, a calendar, a web form): never refused, fitted.

    Unlike :func:`set_rsvp` (a coordinator, told exactly what is wrong), an
    answer keeps the first names that fit the cap and the capacity and
    reports the rest, so the sender can be told who was not registered.
    ``addition`` ("nog een collega erbij") adds to an earlier attending answer.
    The same answer twice changes nothing (and so sends nothing).
    """
    event = _locked_event(session, event_id)
    if event is None:
        get_event(session, event_id)
    assert event is not None
    if session.get(Organisation, organisation_id) is None:
        raise NotFound(_("Organisation {id} not found").format(id=organisation_id))
    rsvp = _current(session, event_id, organisation_id)
    late = is_late(event, now)
    if late and not accept_late:
        return Registration(rsvp, status, late=True, late_refused=True)
    people = merge_people(attendees) if status in _WITH_PEOPLE else []
    adds_to = rsvp is not None and rsvp.status == RsvpStatus.ATTENDING.value
    if status is RsvpStatus.ATTENDING and addition and adds_to:
        assert rsvp is not None
        people = merge_people(rsvp.attendees, people)
    if status is RsvpStatus.ATTENDING and not people:
        raise InvalidInput(_("Who attends? Give at least one name"))
    kept: list[dict[str, Any]] = people
    refused: list[dict[str, Any]] = []
    if status is RsvpStatus.ATTENDING:
        kept, refused = _fit(session, event, organisation_id, people)
        if not kept:
            return Registration(rsvp, status, refused=refused, late=late, full=True)
    if _same(rsvp, status, kept):
        return Registration(rsvp, status, kept=kept, refused=refused, late=late)
    rsvp = rsvp or Rsvp(event_id=event_id, organisation_id=organisation_id)
    _write(session, rsvp, status, kept, source, late, now)
    return Registration(rsvp, status, kept=kept, refused=refused, late=late, changed=True)


def rsvp_history(session: Session, rsvp_id: int) -> list[RsvpChange]:
    return list(
        session.exec(
            select(RsvpChange)
            .where(RsvpChange.rsvp_id == rsvp_id)
            .order_by(col(RsvpChange.at), col(RsvpChange.id))
        )
    )


def rsvps(session: Session, event_id: int) -> list[Rsvp]:
    return list(session.exec(select(Rsvp).where(Rsvp.event_id == event_id).order_by(col(Rsvp.id))))


# --------------------------------------------------------------------------- audiences


def registered_recipients(session: Session, event_id: int) -> Iterable[RecipientRow]:
    """Each attendee once: their own address where given, else their organisation's contacts."""
    seen: set[str] = set()
    attending = select(Rsvp).where(
        Rsvp.event_id == event_id, Rsvp.status == RsvpStatus.ATTENDING.value
    )
    for rsvp in session.exec(attending.order_by(col(Rsvp.id))).all():
        for row in _attendee_rows(session, rsvp):
            if row.email.lower() not in seen:
                seen.add(row.email.lower())
                yield row


def _attendee_rows(session: Session, rsvp: Rsvp) -> Iterator[RecipientRow]:
    fallback = False
    for person in rsvp.attendees:
        email = person.get("email")
        if not email:
            fallback = True
            continue
        contact = session.exec(select(Contact).where(Contact.email == email.lower())).first()
        if contact is not None and contact.status != ContactStatus.ACTIVE.value:
            continue
        yield RecipientRow(
            contact.id if contact else None,
            email,
            person.get("name") or (contact.name if contact else ""),
            contact.language if contact else "nl",
            rsvp.organisation_id,
        )
    if fallback:
        contacts = select(Contact).where(
            Contact.organisation_id == rsvp.organisation_id,
            Contact.status == ContactStatus.ACTIVE.value,
        )
        for c in session.exec(contacts.order_by(col(Contact.id))).all():
            assert c.id is not None
            yield RecipientRow(c.id, c.email, c.name, c.language, rsvp.organisation_id)
