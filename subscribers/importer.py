"""``mailer contacts import``: every row imported, updated, or rejected with a reason.

Rows are checked one by one in memory (address, kind, language, CR/LF), then
written in batches with a few lookups and one ``executemany`` per batch, so
100,000 rows take seconds. Nothing is kept per row between batches: the
addresses already seen in the file live in a TEMP table of the import's own
connection (``SeenEmails``), so memory does not grow with the file. The whole
import is one transaction: a dry run is the same work rolled back, so its
figures are exact.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, column, insert, select, table, text, update
from sqlmodel import Session

from mailer.i18n import N_, _
from subscribers.errors import ImportFormatError, InvalidEmail, InvalidRule
from subscribers.models import Contact, Language
from subscribers.network import Network, Org
from subscribers.normalise import normalise_email
from subscribers.privacy import email_hash, suppressed_hashes
from subscribers.rejects import RejectsWriter
from subscribers.segments import parse_kind, parse_status
from subscribers.sources import RawRow, Source, open_source
from subscribers.sqltypes import utcnow

CONTACT = Contact.__table__  # type: ignore[attr-defined]

HEADERS = {
    "email": {"email", "e-mail", "emailadres", "e-mailadres", "mail", "emailaddress", "mailadres"},
    "name": {"naam", "name", "contactpersoon", "volledigenaam", "fullname"},
    "first_name": {"voornaam", "roepnaam", "firstname", "givenname"},
    "infix": {"tussenvoegsel", "tussenvoegsels", "infix"},
    "last_name": {"achternaam", "familienaam", "lastname", "surname", "familyname"},
    "organisation": {
        "organisatie",
        "organisation",
        "organization",
        "org",
        "bedrijf",
        "bedrijfsnaam",
        "company",
        "companyname",
    },
    "kind": {"soort", "kind", "type", "soortorganisatie"},
    "municipality": {"gemeente", "municipality"},
    "region": {"regio", "region"},
    "tags": {"tags", "tag", "labels", "trefwoorden"},
    "role": {"rol", "role", "functie"},
    "language": {"taal", "language"},
    "status": {"status"},
}
LANGUAGES = {
    "": "nl",
    "nl": "nl",
    "nederlands": "nl",
    "dutch": "nl",
    "en": "en",
    "engels": "en",
    "english": "en",
}
# Columns our own rejects file adds (``subscribers.rejects``): re-importing it is the way
# to fix rejected rows, so they are skipped without a warning.
QUIETLY_SKIPPED = {"reden", "reason", "reden/reason"}
LIMITS = {
    "name": 200,
    "first_name": 200,
    "infix": 200,
    "last_name": 200,
    "organisation": 200,
    "role": 200,
    "region": 100,
    "municipality": 200,
}
FIELD_LABELS = {
    "name": N_("name"),
    "first_name": N_("first name"),
    "infix": N_("infix"),
    "last_name": N_("last name"),
    "organisation": N_("organisation"),
    "role": N_("role"),
    "region": N_("region"),
    "municipality": N_("municipality"),
}
_TAG_SPLIT = re.compile(r"[,;|]")


class Rejected(Exception):
    """One row refused; the message is the reason shown to the coordinator."""


@dataclass
class ImportResult:
    read: int = 0
    imported: int = 0
    updated: int = 0
    rejected: int = 0
    blank: int = 0
    organisations_created: int = 0
    dry_run: bool = False
    rejects: list[dict[str, Any]] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "imported": self.imported,
            "updated": self.updated,
            "rejected": self.rejected,
            "blank": self.blank,
            "organisations_created": self.organisations_created,
            "dry_run": self.dry_run,
            "rejects": self.rejects,
            "ignored_columns": self.ignored_columns,
        }


@dataclass
class _Row:
    raw: RawRow
    email: str | None = None  # set once the address is valid, even if a later check fails
    values: dict[str, Any] = field(default_factory=dict)
    reason: str | None = None


def duplicate_reason(line: int) -> str:
    return _("Duplicate in the file (also on line {line})").format(line=line)


class SeenEmails:
    """The line where each accepted address first appeared in this file.

    Kept in a TEMP table on the import's own connection rather than in a dict:
    a dict grows with the file (about 15 MB per 100,000 rows), the table costs
    one lookup and one ``executemany`` per batch. ``CREATE TEMP TABLE`` works on
    SQLite and PostgreSQL alike. On PostgreSQL the table lives and dies with the
    import's transaction; SQLite runs DDL outside a transaction that has not
    written yet, so a failed import may leave the (empty) table behind on its
    pooled connection, and ``open`` therefore drops any leftover first.
    """

    NAME = "pleinpost_import_seen"
    TABLE = table(NAME, column("email"), column("line"))

    def __init__(self, session: Session):
        self.session = session
        schema = "pg_temp" if session.get_bind().dialect.name == "postgresql" else "temp"
        self._qualified = f"{schema}.{self.NAME}"

    def open(self) -> None:
        self.session.execute(text(f"DROP TABLE IF EXISTS {self._qualified}"))
        self.session.execute(
            text(f"CREATE TEMP TABLE {self.NAME} (email TEXT PRIMARY KEY, line INTEGER NOT NULL)")
        )

    def earlier(self, emails: list[str]) -> dict[str, int]:
        """The first line of each of ``emails`` that an earlier batch accepted."""
        if not emails:
            return {}
        query = select(self.TABLE.c.email, self.TABLE.c.line).where(self.TABLE.c.email.in_(emails))
        return {email: line for email, line in self.session.execute(query)}

    def add(self, first_lines: dict[str, int]) -> None:
        if first_lines:
            rows = [{"email": email, "line": line} for email, line in first_lines.items()]
            self.session.execute(insert(self.TABLE), rows)

    def close(self) -> None:
        """Drop the table inside the import's transaction, before it commits or rolls back."""
        self.session.execute(text(f"DROP TABLE IF EXISTS {self._qualified}"))


def _header_key(title: str) -> str:
    """'E-mail adres', 'first_name', 'Voor.naam' → one spelling to look up."""
    return re.sub(r"[\s_.]", "", title.strip().lstrip("\ufeff").lower())


def map_header(header: list[str]) -> dict[str, int]:
    """Column positions by our field names; Dutch and English spellings both work."""
    lookup = {alias: name for name, aliases in HEADERS.items() for alias in aliases}
    found: dict[str, int] = {}
    for index, title in enumerate(header):
        key = _header_key(title)
        name = lookup.get(key) or lookup.get(key.replace("-", ""))
        if name and name not in found:
            found[name] = index
    if "email" not in found:
        columns = ", ".join(repr(h) for h in header) or _("none")
        raise ImportFormatError(
            _("No email column found (columns: {columns}); name one 'e-mail' or 'email'").format(
                columns=columns
            )
        )
    return found


def ignored_columns(header: list[str], columns: dict[str, int]) -> list[str]:
    """Titled columns the import does not read (unknown, or a second 'name' column),
    so a coordinator sees that e.g. 'telefoon' was not imported rather than lost."""
    used = set(columns.values())
    return [
        title
        for index, title in enumerate(header)
        if index not in used and title.strip() and _header_key(title) not in QUIETLY_SKIPPED
    ]


class Importer:
    def __init__(self, session: Session, *, update: bool, source_name: str, batch_size: int):
        self.session = session
        self.update = update
        self.source_name = source_name
        self.batch_size = batch_size
        self.network = Network(session)
        self.suppressed = suppressed_hashes(session)
        self.seen = SeenEmails(session)
        self.result = ImportResult()
        self.columns: dict[str, int] = {}
        self.header: list[str] = []

    # -- per row, in memory ---------------------------------------------------------
    def check(self, raw: RawRow) -> _Row:
        row = _Row(raw)
        try:
            texts = raw.texts()
            self._refuse_line_breaks(texts)
            raw_email = self._cell(texts, "email")
            if not raw_email:
                raise Rejected(_("Email address is missing"))
            row.email = normalise_email(raw_email)
            row.values = self._values(texts, row.email)
        except (Rejected, InvalidEmail, InvalidRule) as err:
            row.reason = str(err)
        return row

    def _cell(self, texts: list[str], name: str) -> str:
        index = self.columns.get(name)
        value = texts[index] if index is not None and index < len(texts) else ""
        limit = LIMITS.get(name)
        if limit and len(value.strip()) > limit:
            raise Rejected(
                _("Too long: {field} (at most {limit} characters)").format(
                    field=_(FIELD_LABELS.get(name, name)), limit=limit
                )
            )
        return value.strip()

    def _refuse_line_breaks(self, texts: list[str]) -> None:
        for index, cell in enumerate(texts):
            if "\r" in cell or "\n" in cell:
                name = self._column_name(index)
                raise Rejected(
                    _(
                        "Line break in column '{column}': refused as a header injection attempt"
                    ).format(column=name)
                )

    def _values(self, texts: list[str], email: str) -> dict[str, Any]:
        """The row's fields; a duplicate address is found later, per batch (``_duplicates``)."""
        if self.suppressed and email_hash(email) in self.suppressed:
            raise Rejected(_("Address is on the suppression list (unsubscribed or erased)"))
        language = LANGUAGES.get(self._cell(texts, "language").lower())
        if language is None:
            value = self._cell(texts, "language")
            raise Rejected(_("Unknown language {value!r} (nl or en)").format(value=value))
        kind_word = self._cell(texts, "kind")
        status_word = self._cell(texts, "status")
        tags = [t.strip().lower() for t in _TAG_SPLIT.split(self._cell(texts, "tags"))]
        if any(len(t) > 100 for t in tags):
            raise Rejected(_("Tag too long (at most 100 characters)"))
        values = {
            "email": email,
            "name": self._name(texts),
            "organisation": self._cell(texts, "organisation"),
            "kind": parse_kind(kind_word) if kind_word else None,
            "municipality": self._cell(texts, "municipality"),
            "region": self._cell(texts, "region") or None,
            "tags": [t for t in tags if t],
            "role": self._cell(texts, "role"),
            "language": language,
            "status": parse_status(status_word) if status_word else None,
        }
        return values

    def _name(self, texts: list[str]) -> str:
        """The name column, or 'voornaam tussenvoegsel achternaam' put together."""
        name = self._cell(texts, "name")
        if name:
            return name
        parts = (self._cell(texts, part) for part in ("first_name", "infix", "last_name"))
        name = " ".join(part for part in parts if part)
        if len(name) > LIMITS["name"]:
            raise Rejected(
                _("Too long: {field} (at most {limit} characters)").format(
                    field=_(FIELD_LABELS["name"]), limit=LIMITS["name"]
                )
            )
        return name

    def _column_name(self, index: int) -> str:
        if index < len(self.header) and self.header[index]:
            return self.header[index]
        return f"#{index + 1}"

    # -- organisations (may touch the database, rarely) -------------------------------
    def organisation(self, values: dict[str, Any]) -> Org | None:
        name, kind, muni = values["organisation"], values["kind"], values["municipality"]
        region = values["region"]
        if not name and kind == "initiative":
            raise Rejected(_("Initiative without an organisation name"))
        if not name and muni and kind in (None, "municipality"):
            org = self.network.municipality(muni, region)
        elif name:
            org = self.network.organisation(name, kind, muni or None, region)
        else:
            return None
        self.network.tag(org, values["tags"])
        return org

    # -- per batch, in the database ----------------------------------------------------
    def _duplicates(self, batch: list[_Row]) -> None:
        """Refuse addresses seen on an earlier line, in this batch or an earlier one.

        As before the batching, a duplicate outranks the row's other faults, and
        only a row that passed every in-memory check counts as the first one.
        """
        earlier = self.seen.earlier(list({r.email for r in batch if r.email is not None}))
        first: dict[str, int] = {}
        for row in batch:
            if row.email is None:
                continue
            line = earlier.get(row.email) or first.get(row.email)
            if line is not None:
                row.reason = duplicate_reason(line)
            elif row.reason is None:
                first[row.email] = row.raw.line
        self.seen.add(first)

    def write(self, batch: list[_Row]) -> None:
        self._duplicates(batch)
        for row in batch:
            if row.reason is None:
                try:  # refusals happen before any write, so no savepoint is needed
                    org = self.organisation(row.values)
                except (Rejected, InvalidRule) as err:
                    row.reason = str(err)
                    continue
                row.values["organisation_id"] = org.id if org else None
        good = [r for r in batch if r.reason is None]
        existing = self._existing([r.values["email"] for r in good])
        inserts, updates = [], []
        for row in good:
            current = existing.get(row.values["email"])
            if current is None:
                inserts.append(self._insert_values(row.values))
            elif self.update:
                updates.append(self._update_values(row.values, current))
            else:
                row.reason = _("Already exists; use --update to change it")
        if inserts:
            self.session.execute(insert(CONTACT), inserts)
        if updates:
            self.session.execute(
                update(CONTACT).where(CONTACT.c.id == bindparam("_id")),
                updates,
            )
        self.result.imported += len(inserts)
        self.result.updated += len(updates)

    def _existing(self, emails: list[str]) -> dict[str, dict[str, Any]]:
        if not emails:
            return {}
        query = select(
            CONTACT.c.id,
            CONTACT.c.email,
            CONTACT.c.name,
            CONTACT.c.organisation_id,
            CONTACT.c.role,
            CONTACT.c.language,
        ).where(CONTACT.c.email.in_(emails))
        return {row.email: dict(row._mapping) for row in self.session.execute(query)}

    def _insert_values(self, values: dict[str, Any]) -> dict[str, Any]:
        now = utcnow()
        return {
            "email": values["email"],
            "name": values["name"],
            "organisation_id": values["organisation_id"],
            "role": values["role"],
            "language": values["language"] or Language.NL.value,
            "status": values["status"] or "active",
            "consent_basis": "",
            "consent_source": f"import {self.source_name}"[:200],
            "consent_at": now,
            "created_at": now,
            "updated_at": now,
        }

    def _update_values(self, values: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
        """Filled cells overwrite, blank cells keep; the status is never changed by an import."""
        return {
            "_id": current["id"],
            "name": values["name"] or current["name"],
            "organisation_id": values["organisation_id"] or current["organisation_id"],
            "role": values["role"] or current["role"],
            "language": values["language"],
            "updated_at": utcnow(),
        }


def import_contacts(
    session: Session,
    path: Path,
    *,
    update: bool = False,
    dry_run: bool = False,
    rejects_path: Path | None = None,
    batch_size: int = 1000,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Import ``path`` into the store; commits unless ``dry_run`` (then rolls back)."""
    source: Source = open_source(path)
    importer = Importer(session, update=update, source_name=path.name, batch_size=batch_size)
    writer = RejectsWriter(rejects_path, source) if rejects_path else None
    rows = source.rows()
    try:
        _plan_each_lookup(session)
        importer.seen.open()
        batch: list[_Row] = []
        for raw in rows:
            if not importer.columns:
                importer.columns = map_header(source.header)
                importer.header = source.header
                importer.result.ignored_columns = ignored_columns(source.header, importer.columns)
            if raw.is_blank():
                importer.result.blank += 1
                continue
            importer.result.read += 1
            batch.append(importer.check(raw))
            if len(batch) >= batch_size:
                _finish(importer, batch, writer, source, progress)
                batch = []
        if not importer.columns:  # a header without rows: still refused without an email column
            importer.columns = map_header(source.header)
            importer.result.ignored_columns = ignored_columns(source.header, importer.columns)
        _finish(importer, batch, writer, source, progress)
        importer.seen.close()
    except BaseException:
        session.rollback()
        raise
    finally:
        rows.close()  # a refused header leaves the reader suspended with its file open
        if writer:
            writer.close()
    result = importer.result
    result.organisations_created = importer.network.created
    result.dry_run = dry_run
    if dry_run:
        session.rollback()
    else:
        session.commit()
    return result


def _plan_each_lookup(session: Session) -> None:
    """PostgreSQL: plan the per-batch lookups afresh each time, for this transaction only.

    psycopg prepares a statement after five runs, and PostgreSQL then keeps a
    generic plan made while the tables were still nearly empty: a sequential
    scan of ``contact`` for every batch, which made a 100,000-row import
    quadratic (about 2,800 rows/s instead of tens of thousands).
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))


def _finish(
    importer: Importer,
    batch: list[_Row],
    writer: RejectsWriter | None,
    source: Source,
    progress: Callable[[int, int], None] | None,
) -> None:
    importer.write(batch)
    for row in batch:
        if row.reason is not None:
            importer.result.rejected += 1
            importer.result.rejects.append({"line": row.raw.line, "reason": row.reason})
            if writer:
                writer.write(row.raw, row.reason)
    if progress:
        progress(*source.progress())
