"""AVG/GDPR: show everything stored about a person, erase it, keep only a keyed hash.

Where personal data lives is an explicit list (:data:`PLACES`), not guessed
from column names: a guess finds ``email`` columns but not a raw mail, an
attendee list inside JSON or a webhook body. ``tests/test_subscribers_privacy.py``
fails when a table with a column that looks personal is neither listed here
nor exempted (:data:`EXEMPT`) with the reason. Other packages' tables are
named and reflected, because this package may not import ``mailer``.

Policy: ``forget`` always keeps a suppression hash of the address (asking to
be erased is also asking not to be mailed). With the installation's secret
the hash is an HMAC, so a leaked database cannot confirm a guessed address;
hashes stored the old way (a fixed public prefix) are still recognised, and
rewritten as HMACs whenever the address is seen with the secret.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import (
    ColumnElement,
    MetaData,
    Select,
    Table,
    Text,
    and_,
    delete,
    false,
    func,
    inspect,
    or_,
    select,
    text,
    type_coerce,
    update,
)
from sqlalchemy import column as sql_column
from sqlalchemy import table as sql_table
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlmodel import Session, col

from mailer.i18n import _
from subscribers.errors import UnknownContact
from subscribers.models import Contact, ContactStatus, Organisation, OrganisationTag, Suppression
from subscribers.normalise import normalise_email
from subscribers.sqltypes import utcnow

# --------------------------------------------------------------------------- where it lives


@dataclass(frozen=True)
class Place:
    table: str
    columns: tuple[str, ...]  # the columns that hold personal data
    erased: str  # what ``forget`` does there (for people reading this list)


PLACES: tuple[Place, ...] = (
    Place("contact", ("email", "name", "role", "consent_source"), "the row is deleted"),
    Place(
        "delivery",
        ("email", "name", "contact_id"),
        "address and name blanked; queued, claimed or uncertain rows skipped, never sent",
    ),
    Place(
        "inbound_message",
        ("from_address", "subject", "message_id", "reading", "outcome", "contact_id"),
        "their review items deleted; their other messages blanked; others' mentions removed",
    ),
    Place("inbound_raw", ("data",), "the raw mail they sent is deleted"),
    Place(
        "delivery_tracking",
        ("first_opened_at", "opens", "first_clicked_at", "clicks"),
        "their deliveries' opens and clicks are deleted",
    ),
    Place("rsvp", ("attendees",), "their attendee entries become an unnamed place"),
    Place("rsvp_change", ("attendees",), "their entries in the history become unnamed"),
    Place("provider_event", ("email", "payload"), "address and payload blanked"),
    Place("webhook_body", ("body",), "their address is replaced in stored webhook bodies"),
    Place("suppression", ("email_hash",), "kept: only a keyed hash, to never mail them again"),
)

EXEMPT: dict[str, str] = {
    "organisation": "organisations, not people (their names are public)",
    "organisation_tag": "tags of organisations",
    "dashboard_user": "the coordinators' own logins, managed with `mailer users`",
    "campaign": "what coordinators wrote to everyone",
    "event": "events: title, place and address of a venue",
    "event_update": "what an event looked like before an update",
    "segment": "saved audience rules",
    "installation": "the signing secret: no person in it",
    "tracked_campaign": "which campaigns went out with tracking on",
    "campaign_link": "the links a campaign holds (the click redirect's allow-list)",
    "alembic_version": "the schema version",
    "apscheduler_jobs": "the scheduler's job store",
}

ERASED_ADDRESS = "gewist@erased.invalid"
# The stored reason of a delivery skipped because its person was erased: the
# outbox's "suppressed address" code (mailer.reasons.Code.SUPPRESSED).
SKIPPED_REASON = "pp:suppressed"
# Uncertain ones could be resent, and a claimed ("sending") one may sit in a batch made
# but not yet handed over: none of them may go to an erased person. (One already on
# the wire cannot be called back; its result then no longer lands on the row.)
_UNSENT = ("queued", "uncertain", "sending")
_REVIEW = ("review", "failed")


# --------------------------------------------------------------------------- hashes

_LEGACY_PREFIX = b"pleinpost-suppression-v1:"
_HMAC_LABEL = b"pleinpost-suppression-v2:"


def _canonical(email: str) -> str:
    try:
        return normalise_email(email)
    except ValueError:
        return email.strip().lower()


def email_hash(email: str, secret: str | None = None) -> str:
    """The suppression hash: an HMAC under ``secret``; without one, the old unkeyed form."""
    canonical = _canonical(email).encode("utf-8")
    if secret:
        return hmac.new(secret.encode("utf-8"), _HMAC_LABEL + canonical, hashlib.sha256).hexdigest()
    return hashlib.sha256(_LEGACY_PREFIX + canonical).hexdigest()


def _candidates(email: str, secret: str | None) -> list[str]:
    """Every form this address may be stored in, the preferred one first."""
    legacy = email_hash(email)
    return [email_hash(email, secret), legacy] if secret else [legacy]


def _upgrade(session: Session, email: str, secret: str | None) -> None:
    """A hash stored the old way becomes the keyed one (the address is known right now)."""
    if not secret:
        return
    session.execute(
        update(Suppression)
        .where(col(Suppression.email_hash) == email_hash(email))
        .values(email_hash=email_hash(email, secret))
        .execution_options(synchronize_session=False)
    )


def is_suppressed(session: Session, email: str, secret: str | None = None) -> bool:
    hashes = _candidates(email, secret)
    found = (
        session.execute(
            select(col(Suppression.email_hash)).where(col(Suppression.email_hash).in_(hashes))
        )
        .scalars()
        .all()
    )
    if secret and hashes[1] in found and hashes[0] not in found:
        _upgrade(session, email, secret)
    return bool(found)


def suppressed_hashes(session: Session) -> set[str]:
    """Every suppressed hash, for checking a whole campaign or import in memory."""
    return set(session.execute(select(col(Suppression.email_hash))).scalars())


class SuppressionList:
    """The suppression list in memory: ``email in suppressions``, in either stored form."""

    def __init__(self, session: Session, secret: str | None = None):
        self.secret = secret
        self.hashes = suppressed_hashes(session)
        # Both hash states with their constant prefix already absorbed: a snapshot or
        # an import asks for every address (12 µs a row with normalising and keying
        # each time, a quarter of that from copies of these).
        self._keyed = (
            hmac.new(secret.encode("utf-8"), _HMAC_LABEL, hashlib.sha256) if secret else None
        )
        self._legacy = hashlib.sha256(_LEGACY_PREFIX)

    def __contains__(self, email: object) -> bool:
        if not self.hashes or not isinstance(email, str):
            return False
        return any(h in self.hashes for h in _candidates(email, self.secret))

    def holds(self, canonical: str) -> bool:
        """``canonical in self`` for an address already in ``normalise_email``'s form
        (the contact table's, the ledger's), without normalising it again."""
        if not self.hashes:
            return False
        data = canonical.encode("utf-8")
        if self._keyed is not None:
            keyed = self._keyed.copy()
            keyed.update(data)
            if keyed.hexdigest() in self.hashes:
                return True
        legacy = self._legacy.copy()
        legacy.update(data)
        return legacy.hexdigest() in self.hashes

    def __bool__(self) -> bool:
        return bool(self.hashes)


def suppress(session: Session, email: str, reason: str, secret: str | None = None) -> bool:
    """Add the address's hash to the suppression list; False when it was there already."""
    if is_suppressed(session, email, secret):
        return False
    session.add(Suppression(email_hash=email_hash(email, secret), reason=reason[:50]))
    session.flush()
    return True


# --------------------------------------------------------------------------- one person


@dataclass(frozen=True)
class Person:
    email: str
    contact: Contact | None

    @property
    def contact_id(self) -> int | None:
        return self.contact.id if self.contact is not None else None

    @property
    def name(self) -> str:
        return (self.contact.name if self.contact is not None else "").strip()

    @property
    def organisation_id(self) -> int | None:
        return self.contact.organisation_id if self.contact is not None else None

    def is_them(self, entry: Any, organisation_id: int | None = None) -> bool:
        """An attendee entry that names this person: their address, or their name in their
        own organisation's list (a name alone elsewhere may be someone else)."""
        if not isinstance(entry, dict):
            return False
        if str(entry.get("email") or "").strip().lower() == self.email:
            return True
        name = " ".join(str(entry.get("name") or "").split()).casefold()
        own = organisation_id is not None and organisation_id == self.organisation_id
        return own and bool(self.name) and name == " ".join(self.name.split()).casefold()


def _find_contact(session: Session, email: str) -> Contact | None:
    return session.execute(select(Contact).where(col(Contact.email) == email)).scalar_one_or_none()


def _person(session: Session, email: str) -> Person:
    address = normalise_email(email)
    return Person(address, _find_contact(session, address))


def _tables(conn: Connection) -> dict[str, Table]:
    """The listed tables that exist in this database, reflected again only when the
    set of tables changed (the person page asked for every table's columns on each
    visit; a migration while a web process runs still shows)."""
    existing = frozenset(inspect(conn).get_table_names())  # one query; a migration shows
    cached = _REFLECTED.get(conn.engine)
    if cached is not None and cached[0] == existing:
        return cached[1]
    meta = MetaData()
    known = {
        p.table: Table(p.table, meta, autoload_with=conn)
        for p in PLACES
        if p.table in existing and p.table not in ("contact", "suppression")
    }
    _REFLECTED[conn.engine] = (existing, known)
    return known


_REFLECTED: WeakKeyDictionary[Engine, tuple[frozenset[str], dict[str, Table]]] = WeakKeyDictionary()
_CAMPAIGN_IDS = select(sql_table("campaign", sql_column("id")).c.id)


def _email_is(table: Table, person: Person) -> Any:
    """The outbox stores addresses in canonical (lower-case) form and has no index on
    the address alone (each index costs every snapshot row): its unique
    ``(campaign_id, email)`` index finds them, probed once per campaign."""
    if table.name == "delivery":
        return and_(table.c.email == person.email, EachOf(table.c.campaign_id, _CAMPAIGN_IDS))
    return func.lower(table.c.email) == person.email


class EachOf(ColumnElement[bool]):
    """``column IN (subquery)``, written so that an index on ``column`` serves it even
    inside an ``OR`` on PostgreSQL (``= ANY(ARRAY(…))``: an IN there becomes a hashed
    subplan over the whole table; SQLite probes the index for IN as it is)."""

    inherit_cache = False  # a privacy query, rare: not worth a cache key
    # No Boolean type on purpose: SQLite would compare it with 1, and use no index.

    def __init__(self, column: ColumnElement[Any], values: Select[Any]) -> None:
        self.column = column
        self.values = values


@compiles(EachOf)
def _each_of(element: EachOf, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.column.in_(element.values), **kw)


@compiles(EachOf, "postgresql")
def _each_of_postgresql(element: EachOf, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.column, **kw)
    return f"{column} = ANY(ARRAY({compiler.process(element.values, **kw)}))"


def _like(column: Any, text: str) -> Any:
    """A text search inside a JSON or text column (a prefilter; rows are checked exactly)."""
    return type_coerce(column, Text).like(f"%{text}%")


def _json(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool | list | dict):
        return value
    if isinstance(value, bytes | memoryview):
        return f"<{len(bytes(value))} bytes>"
    return str(value)


# --------------------------------------------------------------------------- show


def _row_dict(row: Any) -> dict[str, Any]:
    return {k: _jsonable(_json(v)) for k, v in row._mapping.items()}


def person_record(session: Session, email: str, secret: str | None = None) -> dict[str, Any]:
    """Everything stored about ``email``: the contact and every listed place that names them."""
    person = _person(session, email)
    conn = session.connection()
    related = {name: rows for name, rows in _found(conn, person).items() if rows}
    suppressed = is_suppressed(session, person.email, secret)
    if person.contact is None and not related and not suppressed:
        raise UnknownContact(_("Nothing stored about {address}").format(address=person.email))
    return {
        "email": person.email,
        "contact": _contact_dict(session, person.contact) if person.contact else None,
        "suppressed": suppressed,
        "related": related,
    }


def _found(conn: Connection, person: Person) -> dict[str, list[dict[str, Any]]]:
    tables = _tables(conn)
    found: dict[str, list[dict[str, Any]]] = {}
    for name, table in tables.items():
        if name == "inbound_raw":
            continue  # shown as the messages' size; the bytes are not for a JSON record
        if name == "delivery_tracking":
            rows = conn.execute(select(table).where(_of_their_deliveries(tables, person))).all()
            found[name] = [_row_dict(r) for r in rows]
            continue
        rows = conn.execute(select(table).where(_about(table, person))).all()
        found[name] = [_row_dict(r) for r in rows if _really_about(name, r, person)]
    return found


def _about(table: Table, person: Person) -> Any:
    """Rows that may name the person (checked exactly by :func:`_really_about`)."""
    c = table.c
    conditions = []
    if person.contact_id is not None and "contact_id" in c:
        conditions.append(c.contact_id == person.contact_id)
    if "email" in c:
        conditions.append(_email_is(table, person))
    if "from_address" in c:
        conditions.append(func.lower(c.from_address) == person.email)
    for json_column in ("attendees", "reading", "outcome", "payload", "body"):
        if json_column in c:
            conditions.append(_like(c[json_column], person.email))
    if "attendees" in c and person.name:
        conditions.append(_like(c.attendees, person.name))
    return or_(false(), *conditions)


def _really_about(table: str, row: Any, person: Person) -> bool:
    values = row._mapping
    if person.contact_id is not None and values.get("contact_id") == person.contact_id:
        return True
    for key in ("email", "from_address"):
        if str(values.get(key) or "").lower() == person.email:
            return True
    if table in ("rsvp", "rsvp_change"):
        org = values.get("organisation_id")
        return any(person.is_them(e, org) for e in _json(values.get("attendees")) or [])
    texts = (values.get(k) for k in ("reading", "outcome", "payload", "body"))
    return any(person.email in _text(v).lower() for v in texts if v is not None)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _contact_dict(session: Session, contact: Contact) -> dict[str, Any]:
    data = {k: _jsonable(v) for k, v in contact.model_dump().items()}
    org = session.get(Organisation, contact.organisation_id) if contact.organisation_id else None
    if org is not None:
        tags = session.execute(
            select(col(OrganisationTag.tag)).where(col(OrganisationTag.organisation_id) == org.id)
        ).scalars()
        data["organisation"] = {
            "id": org.id,
            "name": org.name,
            "kind": org.kind,
            "region": org.region,
            "tags": sorted(tags),
        }
    return data


# --------------------------------------------------------------------------- forget


# Erasure and the outbox's snapshot exclude each other (PostgreSQL transaction-level
# advisory lock; a snapshot holds it shared, an erasure alone). Without it a snapshot
# that read a person just before ``forget`` committed would commit rows for them after
# ``forget`` had blanked theirs, and mail them. (SQLite has one writer: a transaction
# that read before another's commit cannot write after it.)
_ERASURE_LOCK = 0x706C6570


def hold_off_erasure(session: Session) -> None:
    """For a snapshot: no erasure commits between its reading the audience and its end."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock_shared(:key)"), {"key": _ERASURE_LOCK})


def _wait_for_snapshots(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ERASURE_LOCK})


def forget(session: Session, email: str, secret: str | None = None) -> dict[str, Any]:
    """Erase a person everywhere :data:`PLACES` lists; keep the hash. Returns rows per table."""
    _wait_for_snapshots(session)
    person = _person(session, email)
    conn = session.connection()
    tables = _tables(conn)
    scrubbed: dict[str, int] = {}
    for name, eraser in _ERASERS:
        if name in tables:
            count = eraser(conn, tables, person)
            if count:
                scrubbed[name] = scrubbed.get(name, 0) + count
    contact = person.contact
    if contact is None and not scrubbed and is_suppressed(session, person.email, secret):
        return {"email": person.email, "contact_deleted": False, "scrubbed": {}, "suppressed": True}
    if contact is None and not scrubbed:
        raise UnknownContact(_("Nothing stored about {address}").format(address=person.email))
    reason = "erased"
    if contact is not None:
        if contact.status != ContactStatus.ACTIVE.value:
            reason = contact.status
        session.execute(delete(Contact).where(col(Contact.id) == contact.id))
    suppress(session, person.email, f"{reason} {utcnow():%Y-%m-%d}", secret)
    session.expunge_all()
    return {
        "email": person.email,
        "contact_deleted": contact is not None,
        "scrubbed": scrubbed,
        "suppressed": True,
    }


def _of_their_deliveries(tables: dict[str, Table], person: Person) -> Any:
    """Rows keyed by a delivery of theirs (opens and clicks name nobody by themselves)."""
    delivery = tables["delivery"]
    return tables["delivery_tracking"].c.delivery_id.in_(
        select(delivery.c.id).where(_own_rows(delivery, person))
    )


def _erase_deliveries(conn: Connection, tables: dict[str, Table], person: Person) -> int:
    """Unsent mail to them is skipped with the reason first, then the rows are blanked
    (their opens and clicks deleted before the rows stop naming them)."""
    table = tables["delivery"]
    mine = _own_rows(table, person)
    if "delivery_tracking" in tables:
        tracking = tables["delivery_tracking"]
        conn.execute(delete(tracking).where(_of_their_deliveries(tables, person)))
    conn.execute(
        update(table)
        .where(mine, table.c.status.in_(_UNSENT))
        .values(status="skipped", reason=SKIPPED_REASON, next_attempt_at=None)
    )
    placeholder = f"gewist-{secrets.token_hex(8)}@erased.invalid"
    result = conn.execute(
        update(table).where(mine).values(email=placeholder, name="", contact_id=None)
    )
    return int(result.rowcount or 0)


def _own_rows(table: Table, person: Person) -> Any:
    conditions = [_email_is(table, person)]
    if person.contact_id is not None:
        conditions.append(table.c.contact_id == person.contact_id)
    return or_(*conditions)


def _their_messages(table: Table, person: Person) -> Any:
    conditions = [func.lower(table.c.from_address) == person.email]
    if person.contact_id is not None:
        conditions.append(table.c.contact_id == person.contact_id)
    return or_(*conditions)


def _erase_inbound(conn: Connection, tables: dict[str, Table], person: Person) -> int:
    """Their raw mail and review items go; their other messages keep only what was done."""
    table = tables["inbound_message"]
    theirs = _their_messages(table, person)
    ids = [r[0] for r in conn.execute(select(table.c.id).where(theirs))]
    if not ids:
        return _scrub_mentions(conn, table, person)
    if "inbound_raw" in tables:
        raw = tables["inbound_raw"]
        conn.execute(delete(raw).where(raw.c.inbound_id.in_(ids)))
    conn.execute(delete(table).where(table.c.id.in_(ids), table.c.status.in_(_REVIEW)))
    kept = [r[0] for r in conn.execute(select(table.c.id).where(table.c.id.in_(ids)))]
    if kept:
        outcome_rows = conn.execute(select(table.c.id, table.c.outcome).where(table.c.id.in_(kept)))
        for row_id, outcome in outcome_rows:
            done = _json(outcome)
            action = done.get("action") if isinstance(done, dict) else None
            conn.execute(
                update(table)
                .where(table.c.id == row_id)
                .values(
                    from_address="",
                    subject="",
                    message_id="",
                    reading=None,
                    outcome=json.dumps({"action": action, "erased": True}),
                    contact_id=None,
                    raw_deleted_at=utcnow(),
                )
            )
    return len(ids) + _scrub_mentions(conn, table, person)


def _scrub_mentions(conn: Connection, table: Table, person: Person) -> int:
    """Other people's messages that name them (an attendee, an answer's address)."""
    rows = conn.execute(
        select(table.c.id, table.c.reading, table.c.outcome).where(
            or_(_like(table.c.reading, person.email), _like(table.c.outcome, person.email))
        )
    ).all()
    changed = 0
    for row_id, reading, outcome in rows:
        values = {
            name: json.dumps(_without(_json(value), person), ensure_ascii=False, sort_keys=True)
            for name, value in (("reading", reading), ("outcome", outcome))
            if value is not None
        }
        conn.execute(update(table).where(table.c.id == row_id).values(**values))
        changed += 1
    return changed


def _without(value: Any, person: Person, organisation_id: int | None = None) -> Any:
    """``value`` with every entry naming the person made anonymous, and their address gone."""
    if isinstance(value, list):
        return [
            {"name": "", "email": None}
            if person.is_them(v, organisation_id)
            else _without(v, person, organisation_id)
            for v in value
        ]
    if isinstance(value, dict):
        return {k: _without(v, person, organisation_id) for k, v in value.items()}
    if isinstance(value, str) and person.email in value.lower():
        return value.lower().replace(person.email, ERASED_ADDRESS)
    return value


def _erase_rsvp_attendees(conn: Connection, tables: dict[str, Table], person: Person) -> int:
    """Their entries in RSVPs become unnamed places (the count of places stays).

    The RSVPs' events are locked first, in id order, as every answer locks them: a
    reply import holds its batch's RSVPs in memory under those locks, and would
    otherwise write an erased name back with its next answer."""
    rsvp = tables["rsvp"]
    changed = 0
    if conn.dialect.name == "postgresql" and "event" in tables:
        event = tables["event"]
        theirs = select(rsvp.c.event_id).where(_about(rsvp, person))
        conn.execute(
            select(event.c.id).where(event.c.id.in_(theirs)).order_by(event.c.id).with_for_update()
        ).all()
    candidates = conn.execute(
        select(rsvp.c.id, rsvp.c.organisation_id, rsvp.c.attendees).where(_about(rsvp, person))
    ).all()
    for rsvp_id, org, attendees in candidates:
        changed += _rewrite(conn, rsvp, rsvp.c.id == rsvp_id, attendees, person, org)
    return changed


def _erase_history_attendees(conn: Connection, tables: dict[str, Table], person: Person) -> int:
    """The same in every earlier answer kept in the RSVP history."""
    history = tables["rsvp_change"]
    owners: dict[int, int | None] = {}
    if "rsvp" in tables:
        rsvp = tables["rsvp"]
        owners = {i: o for i, o in conn.execute(select(rsvp.c.id, rsvp.c.organisation_id))}
    changed = 0
    rows = conn.execute(
        select(history.c.id, history.c.rsvp_id, history.c.attendees).where(_about(history, person))
    ).all()
    for change_id, rsvp_id, attendees in rows:
        where = history.c.id == change_id
        changed += _rewrite(conn, history, where, attendees, person, owners.get(rsvp_id))
    return changed


def _rewrite(
    conn: Connection, table: Table, where: Any, attendees: Any, person: Person, org: int | None
) -> bool:
    people = _json(attendees) or []
    if not any(person.is_them(p, org) for p in people):
        return False
    cleaned = _without(people, person, org)
    conn.execute(
        update(table).where(where).values(attendees=json.dumps(cleaned, ensure_ascii=False))
    )
    return True


def _erase_provider_events(conn: Connection, tables: dict[str, Table], person: Person) -> int:
    table = tables["provider_event"]
    result = conn.execute(
        update(table)
        .where(or_(func.lower(table.c.email) == person.email, _like(table.c.payload, person.email)))
        .values(email=None, payload="{}")
    )
    return int(result.rowcount or 0)


def _erase_webhook_bodies(conn: Connection, tables: dict[str, Table], person: Person) -> int:
    table = tables["webhook_body"]
    changed = 0
    for row_id, body in conn.execute(
        select(table.c.id, table.c.body).where(_like(func.lower(table.c.body), person.email))
    ).all():
        cleaned = _replace_address(body or "", person.email)
        conn.execute(update(table).where(table.c.id == row_id).values(body=cleaned))
        changed += 1
    return changed


def _replace_address(text: str, email: str) -> str:
    lowered, out, start = text.lower(), [], 0
    while (found := lowered.find(email, start)) >= 0:
        out += [text[start:found], ERASED_ADDRESS]
        start = found + len(email)
    return "".join([*out, text[start:]])


_ERASERS = (
    ("delivery", _erase_deliveries),
    ("inbound_message", _erase_inbound),
    ("rsvp", _erase_rsvp_attendees),
    ("rsvp_change", _erase_history_attendees),
    ("provider_event", _erase_provider_events),
    ("webhook_body", _erase_webhook_bodies),
)


def places_for(tables: Iterable[str]) -> dict[str, str]:
    """Each table with its place in the privacy list ("listed" or the exemption's reason),
    or "" when it is on neither (what the test checks)."""
    listed = {p.table for p in PLACES}
    return {t: "listed" if t in listed else EXEMPT.get(t, "") for t in tables}
