"""AVG/GDPR: show everything stored about a person, erase it, keep only a hash.

Other packages' tables (deliveries, replies, RSVPs) are found at run time with
SQLAlchemy's inspector, by their ``contact_id`` / ``email`` columns, because
this package may not import ``mailer``. Policy: ``forget`` always keeps a
suppression hash of the address. Asking to be erased is also asking not to be
mailed, and the hash alone cannot be turned back into the address.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from sqlalchemy import MetaData, Table, delete, false, func, inspect, or_, select, update
from sqlalchemy.engine import Connection
from sqlmodel import Session, col

from mailer.i18n import _
from subscribers.errors import UnknownContact
from subscribers.models import Contact, ContactStatus, Organisation, OrganisationTag, Suppression
from subscribers.normalise import normalise_email
from subscribers.sqltypes import utcnow

# Tables this module handles itself, or that hold no personal data.
_OWN = {"contact", "suppression", "alembic_version", "organisation", "organisation_tag"}
# Columns blanked in other tables' rows that mention the person.
_PERSONAL = ("email", "name", "recipient", "to_address", "from_address", "sender")
_HASH_PREFIX = b"pleinpost-suppression-v1:"


def email_hash(email: str) -> str:
    """A stable SHA-256 of the normalised address: enough to refuse it, not to read it."""
    try:
        canonical = normalise_email(email)
    except ValueError:
        canonical = email.strip().lower()
    return hashlib.sha256(_HASH_PREFIX + canonical.encode("utf-8")).hexdigest()


def is_suppressed(session: Session, email: str) -> bool:
    query = select(col(Suppression.id)).where(col(Suppression.email_hash) == email_hash(email))
    return session.execute(query).first() is not None


def suppressed_hashes(session: Session) -> set[str]:
    """Every suppressed hash, for checking a whole campaign or import in memory."""
    return set(session.execute(select(col(Suppression.email_hash))).scalars())


def suppress(session: Session, email: str, reason: str) -> bool:
    """Add the address's hash to the suppression list; False when it was there already."""
    if is_suppressed(session, email):
        return False
    session.add(Suppression(email_hash=email_hash(email), reason=reason[:50]))
    session.flush()
    return True


def _related_tables(conn: Connection) -> list[Table]:
    """Tables outside this package whose rows can mention a person."""
    names = [n for n in inspect(conn).get_table_names() if n not in _OWN]
    found = []
    meta = MetaData()
    for name in sorted(names):
        columns = {c["name"] for c in inspect(conn).get_columns(name)}
        if columns & {"contact_id", "email"}:
            found.append(Table(name, meta, autoload_with=conn))
    return found


def _mentions(table: Table, contact_id: int | None, email: str) -> Any:
    conditions = []
    if contact_id is not None and "contact_id" in table.c:
        conditions.append(table.c.contact_id == contact_id)
    if "email" in table.c:
        conditions.append(func.lower(table.c.email) == email)
    return or_(false(), *conditions)  # a table that cannot mention this person matches nothing


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


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


def _find_contact(session: Session, email: str) -> Contact | None:
    return session.execute(select(Contact).where(col(Contact.email) == email)).scalar_one_or_none()


def person_record(session: Session, email: str) -> dict[str, Any]:
    """Everything stored about ``email``: contact, organisation, and other tables' rows."""
    address = normalise_email(email)
    contact = _find_contact(session, address)
    contact_id = contact.id if contact else None
    related: dict[str, list[dict[str, Any]]] = {}
    conn = session.connection()
    for table in _related_tables(conn):
        rows = conn.execute(select(table).where(_mentions(table, contact_id, address)))
        found = [{k: _jsonable(v) for k, v in row._mapping.items()} for row in rows]
        if found:
            related[table.name] = found
    if contact is None and not related and not is_suppressed(session, address):
        raise UnknownContact(_("Nothing stored about {address}").format(address=address))
    return {
        "email": address,
        "contact": _contact_dict(session, contact) if contact else None,
        "suppressed": is_suppressed(session, address),
        "related": related,
    }


def _blank_values(table: Table) -> dict[str, Any]:
    """What replaces personal fields: NULL where allowed, else an unlinkable placeholder."""
    values: dict[str, Any] = {}
    for name in _PERSONAL:
        if name not in table.c:
            continue
        column = table.c[name]
        if column.nullable:
            values[name] = None
        elif name == "email":
            values[name] = f"gewist-{secrets.token_hex(8)}@erased.invalid"
        else:
            values[name] = ""
    if "contact_id" in table.c and table.c.contact_id.nullable:
        values["contact_id"] = None
    return values


def forget(session: Session, email: str) -> dict[str, Any]:
    """Erase a person: delete the contact, blank them in other tables, keep the hash.

    Returns what was done per table, for the coordinator's record of the request.
    """
    address = normalise_email(email)
    contact = _find_contact(session, address)
    contact_id = contact.id if contact else None
    conn = session.connection()
    scrubbed: dict[str, int] = {}
    for table in _related_tables(conn):
        values = _blank_values(table)
        if not values:
            continue
        result = conn.execute(
            update(table).where(_mentions(table, contact_id, address)).values(**values)
        )
        if result.rowcount:
            scrubbed[table.name] = result.rowcount
    if contact is None and not scrubbed and is_suppressed(session, address):
        return {"email": address, "contact_deleted": False, "scrubbed": {}, "suppressed": True}
    if contact is None and not scrubbed:
        raise UnknownContact(_("Nothing stored about {address}").format(address=address))
    reason = "erased"
    if contact is not None:
        if contact.status != ContactStatus.ACTIVE.value:
            reason = contact.status
        session.execute(delete(Contact).where(col(Contact.id) == contact.id))
    suppress(session, address, f"{reason} {utcnow():%Y-%m-%d}")
    session.expunge_all()
    return {
        "email": address,
        "contact_deleted": contact is not None,
        "scrubbed": scrubbed,
        "suppressed": True,
    }
