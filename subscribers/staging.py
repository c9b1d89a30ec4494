"""Where an import keeps its rows until the whole file is read: TEMP tables.

SQLite has one writer at a time. An import that wrote ``contact`` as it read
held that lock for the whole file, so the sender's write after a delivery
waited 30 s and failed ("database is locked"). Now the rows go to TEMP
tables of the import's own connection, in committed chunks: a TEMP table
lives in the connection's private temporary database, so writing it takes no
lock on the shared one (and on PostgreSQL it is not even WAL-logged). Only
the final step (``apply``) writes the shared tables, in one short
transaction: contacts appear all at once or not at all.

A crash needs no clean-up: TEMP tables die with their connection, so a
SIGKILL leaves nothing behind on either database, and a Ctrl-C drops them on
the way out. A pooled connection that somehow kept them gets them dropped
first by the next import (``open``).

The per-batch statements go straight to the driver (``executemany`` on
SQLite, ``COPY`` on PostgreSQL), without SQLAlchemy's per-row parameter
processing: they are most of an import's database time.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import bindparam, insert, text, update
from sqlalchemy.engine import Connection, RootTransaction
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from mailer.i18n import _
from subscribers.errors import SubscriberError
from subscribers.models import Contact
from subscribers.network import ORG, TAG, Network, Org
from subscribers.sqltypes import UTCDateTime, utcnow

SEEN = "pleinpost_import_seen"
STAGE = "pleinpost_import_stage"
ORG_IDS = "pleinpost_import_orgs"
TABLES = {
    SEEN: "email TEXT PRIMARY KEY, line INTEGER NOT NULL",
    STAGE: (
        "line INTEGER NOT NULL, email TEXT NOT NULL, name TEXT NOT NULL, "
        "organisation_id INTEGER, role TEXT NOT NULL, language TEXT NOT NULL, "
        "status TEXT, contact_id INTEGER"
    ),
    ORG_IDS: "provisional INTEGER PRIMARY KEY, real_id INTEGER NOT NULL",
}
STAGE_COLUMNS: tuple[str, ...] = ("line", "email", "name", "organisation_id", "role")
STAGE_COLUMNS += ("language", "status", "contact_id")

StagedRow = tuple[int, str, str, int | None, str, str, str | None, int | None]


class ImportConflict(SubscriberError, RuntimeError):
    """Someone else stored the same address or organisation while the file was read."""


class Staging:
    """The import's TEMP tables on its own connection (which must stay the same)."""

    def __init__(self, conn: Connection):
        self.conn = conn
        self.postgres = conn.dialect.name == "postgresql"
        self._schema = "pg_temp" if self.postgres else "temp"
        self.inserts = 0
        self.updates = 0

    def _driver(self) -> Any:
        driver = self.conn.connection.driver_connection
        assert driver is not None
        return driver

    def _query(self, sql: str, emails: Sequence[str]) -> list[Any]:
        """``sql`` joined to the list ``emails`` (``{emails}``, one column ``email``).

        The list is one parameter, a JSON array, read as a table (an ``IN``
        list or ``= ANY`` made PostgreSQL scan a TEMP table whole for every
        batch), so no list is too long for SQLite's parameter limit. JSON
        rather than a PostgreSQL array: the driver writes an array parameter
        element by element in Python, which cost more than the query.
        """
        if not emails:
            return []
        cursor = self._driver().cursor()
        listed = json.dumps(list(emails))
        try:
            if self.postgres:
                table = "(SELECT value AS email FROM json_array_elements_text(%s::json)) AS listed"
                cursor.execute(sql.format(emails=table), [listed], prepare=False)
            else:
                table = "(SELECT value AS email FROM json_each(?)) AS listed"
                cursor.execute(sql.format(emails=table), [listed])
            return list(cursor.fetchall())
        finally:
            cursor.close()

    def _copy(self, name: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """Many rows into a TEMP table: ``COPY`` on PostgreSQL, one ``executemany`` on SQLite."""
        cursor = self._driver().cursor()
        try:
            if self.postgres:
                with cursor.copy(f"COPY {name} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join("?" * len(columns))
                cursor.executemany(
                    f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({marks})", rows
                )
        finally:
            cursor.close()

    # -- transactions ----------------------------------------------------------------------
    @contextmanager
    def chunk(self) -> Iterator[None]:
        """One committed chunk of staging. Its commit holds only TEMP rows, which a crash
        loses anyway, so PostgreSQL need not wait for the disk (as it would per commit)."""
        with self.conn.begin():
            if self.postgres:
                self.conn.exec_driver_sql("SET LOCAL synchronous_commit = off")
            yield

    @contextmanager
    def final(self) -> Iterator[RootTransaction]:
        """The storing step's transaction. SQLite: the write lock is taken up front (waiting
        for it if need be), so the step never fails half-way on a lock it could not upgrade.
        PostgreSQL: enough memory to sort the staged rows without spilling to disk, and no
        JIT compilation."""
        with self.conn.begin() as transaction:
            if self.postgres:
                self.conn.exec_driver_sql("SET LOCAL work_mem = '64MB'")
                # TEMP tables have no statistics: the planner's guesses would switch JIT
                # compilation on, which costs more than these simple statements do
                self.conn.exec_driver_sql("SET LOCAL jit = off")
            else:
                self.conn.exec_driver_sql("BEGIN IMMEDIATE")
            yield transaction

    # -- life ----------------------------------------------------------------------------
    def open(self) -> None:
        self.drop()
        for name, columns in TABLES.items():
            self.conn.exec_driver_sql(f"CREATE TEMP TABLE {name} ({columns})")

    def drop(self) -> None:
        for name in TABLES:
            self.conn.exec_driver_sql(f"DROP TABLE IF EXISTS {self._schema}.{name}")

    # -- per batch -----------------------------------------------------------------------
    def earlier(self, emails: Sequence[str]) -> dict[str, int]:
        """The first line of each of ``emails`` that an earlier batch accepted.

        One index lookup per address, as a subquery per listed row: as a join,
        PostgreSQL, knowing the list's length, read the whole (growing) table
        into a hash for every batch, so the import slowed down with the file.
        """
        sql = (
            f"SELECT listed.email, (SELECT s.line FROM {SEEN} AS s WHERE s.email = listed.email) "
            "FROM {emails}"
        )
        rows = self._query(sql, emails)
        return {email: line for email, line in rows if line is not None}

    def see(self, first_lines: dict[str, int]) -> None:
        if first_lines:
            self._copy(SEEN, ("email", "line"), first_lines.items())

    def existing(self, emails: Sequence[str]) -> dict[str, tuple[int, str, int | None, str]]:
        """Stored contacts by address: (id, name, organisation_id, role)."""
        sql = (
            "SELECT c.email, c.id, c.name, c.organisation_id, c.role "
            "FROM {emails} JOIN contact AS c ON c.email = listed.email"
        )
        return {
            email: (id_, name, org, role)
            for email, id_, name, org, role in self._query(sql, emails)
        }

    def stage(self, rows: list[StagedRow]) -> None:
        if rows:
            self._copy(STAGE, STAGE_COLUMNS, rows)
            updates = sum(1 for row in rows if row[-1] is not None)
            self.updates += updates
            self.inserts += len(rows) - updates


class DeferredNetwork(Network):
    """``Network`` deciding in memory, writing nothing until ``apply``.

    New organisations get provisional negative ids, so staged contacts can
    point at them; ``apply`` creates them and maps the ids in one step.
    """

    def __init__(self, session: Session):
        super().__init__(session)
        self.new: list[Org] = []
        self.filled: set[int] = set()
        self.new_tags: list[tuple[int, str]] = []

    def _create(self, name: str, kind: str, municipality_id: int | None, region: str | None) -> Org:
        org = Org(-1 - len(self.new), name, kind, municipality_id, region)
        self.new.append(org)
        self.created += 1
        return self._remember(org)

    def _fill(self, org: Org, muni_id: int | None, region: str | None) -> None:
        """In memory; a new organisation is created with these values anyway."""
        changed = False
        if muni_id and org.municipality_id is None and muni_id != org.id:
            org.municipality_id = muni_id
            changed = True
        if region and not org.region:
            org.region = region
            changed = True
        if changed and org.id > 0:
            self.filled.add(org.id)

    def tag(self, org: Org, tags: list[str]) -> None:
        for tag in dict.fromkeys(tags):
            if tag and tag not in org.tags:
                org.tags.add(tag)
                self.new_tags.append((org.id, tag))


def apply(conn: Connection, staging: Staging, network: DeferredNetwork, source: str) -> None:
    """Organisations, tags and contacts into the shared tables: the one short write.

    Runs in the caller's transaction (which on SQLite took the write lock up
    front, so nothing waits halfway). What was read earlier may have changed
    meanwhile: an address or organisation stored since fails the whole step
    with ``ImportConflict``, and nothing is imported.
    """
    try:
        ids = _organisations(conn, network)
        if ids:
            conn.execute(
                text(f"INSERT INTO {ORG_IDS} (provisional, real_id) VALUES (:p, :r)"),
                [{"p": p, "r": r} for p, r in ids.items()],
            )
        _contacts(conn, staging, source)
    except IntegrityError as err:
        raise _conflict() from err


def _conflict() -> ImportConflict:
    return ImportConflict(
        _(
            "Contacts or organisations were changed by someone else while the file was "
            "read; nothing was imported. Run the import again."
        )
    )


def _organisations(conn: Connection, network: DeferredNetwork) -> dict[int, int]:
    """Create the new organisations, fill in the old ones, add tags; provisional → real id."""
    ids: dict[int, int] = {}
    now = utcnow()
    if network.new:
        rows = [
            {
                "name": org.name,
                "kind": org.kind,
                "municipality_id": org.municipality_id if (org.municipality_id or 0) > 0 else None,
                "region": org.region,
                "created_at": now,
                "updated_at": now,
            }
            for org in network.new
        ]
        statement = insert(ORG).returning(ORG.c.id, sort_by_parameter_order=True)
        real = conn.execute(statement, rows).scalars().all()
        ids = {org.id: new_id for org, new_id in zip(network.new, real, strict=True)}
    changed = [org for org in network.new if (org.municipality_id or 0) < 0]
    changed += [org for org in network.by_name.values() if org.id in network.filled]
    if changed:
        conn.execute(
            update(ORG)
            .where(ORG.c.id == bindparam("_id"))
            .values(municipality_id=bindparam("_m"), region=bindparam("_r"), updated_at=now),
            [
                {
                    "_id": ids.get(org.id, org.id),
                    "_m": ids.get(org.municipality_id or 0, org.municipality_id),
                    "_r": org.region,
                }
                for org in changed
            ],
        )
    if network.new_tags:
        tags = [{"organisation_id": ids.get(o, o), "tag": t} for o, t in network.new_tags]
        conn.execute(insert(TAG), tags)
    return ids


# A staged row's organisation: a new one's provisional (negative) id becomes the real one
# by a join with the few rows of ORG_IDS, rather than by rewriting every staged row.
_STAGED = f"{STAGE} AS s LEFT JOIN {ORG_IDS} AS o ON o.provisional = s.organisation_id"
_ORGANISATION = "COALESCE(o.real_id, s.organisation_id)"


def _contacts(conn: Connection, staging: Staging, source: str) -> None:
    """New contacts inserted, existing ones updated; a statement with nothing to do is
    not run (each would read every staged row)."""
    contact = Contact.__table__.name  # type: ignore[attr-defined]
    now = bindparam("now", value=utcnow(), type_=UTCDateTime)
    inserted = updated = 0
    if staging.inserts:
        inserted = conn.execute(
            text(
                f"INSERT INTO {contact} (email, name, organisation_id, role, language, status, "
                "consent_basis, consent_source, consent_at, created_at, updated_at) "
                f"SELECT s.email, s.name, {_ORGANISATION}, s.role, s.language, "
                f"COALESCE(s.status, 'active'), '', :source, :now, :now, :now FROM {_STAGED} "
                "WHERE s.contact_id IS NULL ORDER BY s.line"
            ).bindparams(now, source=f"import {source}"[:200])
        ).rowcount
    if staging.updates:
        updated = conn.execute(
            text(
                f"UPDATE {contact} SET name = u.name, organisation_id = u.organisation_id, "
                "role = u.role, language = u.language, updated_at = :now "
                f"FROM (SELECT s.contact_id, s.name, {_ORGANISATION} AS organisation_id, "
                f"s.role, s.language FROM {_STAGED} WHERE s.contact_id IS NOT NULL) AS u "
                f"WHERE {contact}.id = u.contact_id"
            ).bindparams(now)
        ).rowcount
    if (inserted, updated) != (staging.inserts, staging.updates):
        raise _conflict()  # a contact to update was erased meanwhile
