"""``mailer contacts import``: every row imported, updated, or rejected with a reason.

Two phases. Reading: rows are checked one by one in memory (address, kind,
language, CR/LF, controls), then per batch against the database (duplicates
in the file, existing contacts, organisations) and staged in TEMP tables of
the import's own connection, a committed chunk at a time
(``subscribers.staging``). Nothing shared is written while the file is read,
so the sender and everyone else keep writing. Applying: one short
transaction puts the organisations and contacts in place, all at once; a
dry run does the same and rolls it back, so its figures are exact.

Nothing is kept per row between batches (addresses already seen live in a
TEMP table too), so memory does not grow with the file; the per-row work
avoids SQLAlchemy and ORM objects, so 100,000 rows take a few seconds.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from mailer.i18n import N_, _
from subscribers.errors import ImportFormatError, InvalidEmail, InvalidRule
from subscribers.models import Language
from subscribers.network import Org
from subscribers.normalise import normalise_email
from subscribers.privacy import SuppressionList
from subscribers.rejects import RejectsWriter
from subscribers.safefile import check_folder, refuse_overwriting, restore
from subscribers.segments import parse_kind, parse_status
from subscribers.sources import RawRow, Source, open_source
from subscribers.staging import DeferredNetwork, StagedRow, Staging, apply

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
# Characters that would reach a header or a terminal as something else than text: ASCII
# and C1 controls (U+0085 among them), line and paragraph separators, bidi overrides and
# isolates (which make "moc.elpmaxe" read the other way). Rejected, never stripped: a
# coordinator sees the row and decides what the name should be.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
SHORTEST_LIMIT = min(LIMITS.values())  # a row with no cell longer needs no length checks
TAG_LIMIT = 100
NAME_PARTS = ("first_name", "infix", "last_name")
LISTED_REJECTS = 100  # --json and the summary list these; the rest are counted (and in --rejects)
MUNICIPALITY_PREFIX = "Gemeente "


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
    apply_seconds: float = 0.0  # how long the final step held the write lock (bench/)

    def note_reject(self, line: int, reason: str) -> None:
        """Count every reject; keep only the first ``LISTED_REJECTS`` (memory stays flat)."""
        self.rejected += 1
        if len(self.rejects) < LISTED_REJECTS:
            self.rejects.append({"line": line, "reason": reason})

    @property
    def rejects_not_listed(self) -> int:
        return self.rejected - len(self.rejects)

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
            "rejects_not_listed": self.rejects_not_listed,
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


def _too_long(name: str, limit: int) -> Rejected:
    return Rejected(
        _("Too long: {field} (at most {limit} characters)").format(
            field=_(FIELD_LABELS.get(name, name)), limit=limit
        )
    )


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
        shown = [repr(h[:40] + ("…" if len(h) > 40 else "")) for h in header[:12]]
        if len(header) > 12:
            shown.append("…")
        columns = ", ".join(shown) or _("none")
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
    def __init__(
        self, session: Session, staging: Staging, *, update: bool, secret: str | None = None
    ):
        self.staging = staging
        self.update = update
        self.network = DeferredNetwork(session)
        self.suppressed = SuppressionList(session, secret)
        self.result = ImportResult()
        self.columns = {}
        self.header: list[str] = []
        self._kinds: dict[str, str] = {}  # kind and status words already parsed
        self._statuses: dict[str, str] = {}

    # -- per row, in memory ---------------------------------------------------------
    def check(self, raw: RawRow) -> _Row:
        row = _Row(raw)
        try:
            if raw.problem is not None:
                raise Rejected(raw.problem)
            texts = raw.texts()
            joined = "".join(texts)
            if raw.no_value or _CONTROLS.search(joined):  # rare: find which and where
                self._refuse_line_breaks(texts)
                self._refuse_unreadable(raw, texts)
            cells, long = self._cells(texts, joined)
            if not cells.get("email"):
                raise Rejected(_("Email address is missing"))
            row.email = normalise_email(cells["email"])
            row.values = self._values(cells, row.email, long)
        except (Rejected, InvalidEmail, InvalidRule) as err:
            row.reason = str(err)
        return row

    @property
    def columns(self) -> dict[str, int]:
        """Column positions by field name (``map_header``)."""
        return self._columns

    @columns.setter
    def columns(self, found: dict[str, int]) -> None:
        self._columns = found
        self._positions = tuple(found.items())
        self._width = max(found.values(), default=-1) + 1  # rows this wide need no check
        self._limited = tuple(name for name in found if name in LIMITS)

    def _cells(self, texts: list[str], joined: str) -> tuple[dict[str, str], bool]:
        """Every column read, stripped, with a neutralised formula start undone; and
        whether any of them is long enough that its length must be checked.

        Per row, so the common case goes first: a row as wide as the header,
        without a quote (``joined`` is the row's text), shorter in all than the
        shortest limit.
        """
        if len(texts) >= self._width:
            cells = {name: texts[index].strip() for name, index in self._positions}
        else:
            size = len(texts)
            cells = {
                name: texts[index].strip() if index < size else ""
                for name, index in self._positions
            }
        if "'" in joined:
            for name, value in cells.items():
                if value.startswith("'"):
                    cells[name] = restore(value).strip()
        long = len(joined) > SHORTEST_LIMIT and any(
            len(cells[name]) > SHORTEST_LIMIT for name in self._limited
        )
        return cells, long

    def _refuse_line_breaks(self, texts: list[str]) -> None:
        for index, cell in enumerate(texts):
            if "\r" in cell or "\n" in cell:
                name = self._column_name(index)
                raise Rejected(
                    _(
                        "Line break in column '{column}': refused as a header injection attempt"
                    ).format(column=name)
                )

    def _refuse_unreadable(self, raw: RawRow, texts: list[str]) -> None:
        """A formula without a value, or a control character, in a column that is read."""
        read = set(self.columns.values())
        for index, coordinate in raw.no_value:
            if index in read:
                raise Rejected(
                    _(
                        "Formula without a calculated value in cell {cell}; open the file "
                        "in Excel and save it again"
                    ).format(cell=coordinate)
                )
        for index in sorted(read):
            found = _CONTROLS.search(texts[index]) if index < len(texts) else None
            if found:
                raise Rejected(
                    _("Control character U+{code:04X} in column '{column}'").format(
                        code=ord(found.group()), column=self._column_name(index)
                    )
                )

    def _values(self, cells: dict[str, str], email: str, long: bool) -> dict[str, Any]:
        """The row's fields; a duplicate address is found later, per batch (``_duplicates``).

        The checks run in a fixed order, so a row with several faults always
        gets the same reason; lengths are checked only when some cell is
        longer than the shortest limit (``long``), which few rows are.
        """
        if self.suppressed and self.suppressed.holds(email):
            raise Rejected(_("Address is on the suppression list (unsubscribed or erased)"))
        get = cells.get
        language = LANGUAGES.get(get("language", "").lower())
        if language is None:
            value = cells["language"]
            raise Rejected(_("Unknown language {value!r} (nl or en)").format(value=value))
        tag_cell = get("tags", "")
        tags = [t.strip().lower() for t in _TAG_SPLIT.split(tag_cell)] if tag_cell else []
        # a shorter cell holds no tag over the limit, even lowercased (which may double a
        # character: "İ" becomes "i̇")
        if len(tag_cell) > TAG_LIMIT // 2 and any(len(t) > TAG_LIMIT for t in tags):
            raise Rejected(_("Tag too long (at most 100 characters)"))
        if long:
            self._check_lengths(cells)
        return {
            "email": email,
            "name": get("name", "") or self._joined(cells),
            "organisation": get("organisation", ""),
            "kind": self._word(get("kind", ""), self._kinds, parse_kind),
            "municipality": get("municipality", ""),
            "region": get("region", "") or None,
            "tags": [t for t in tags if t],
            "role": get("role", ""),
            "language": language,
            "status": self._word(get("status", ""), self._statuses, parse_status),
        }

    def _check_lengths(self, cells: dict[str, str]) -> None:
        """Every length limit, in the order their reasons rank (the kind's between)."""
        municipality = self._cell(cells, "municipality")
        named = municipality.lower().startswith(MUNICIPALITY_PREFIX.lower())
        if not named and len(MUNICIPALITY_PREFIX + municipality) > LIMITS["municipality"]:
            # it becomes the organisation "Gemeente <name>"
            raise _too_long("municipality", LIMITS["municipality"] - len(MUNICIPALITY_PREFIX))
        if not self._cell(cells, "name"):
            for part in NAME_PARTS:
                self._cell(cells, part)
            self._joined(cells)
        self._cell(cells, "organisation")
        self._word(cells.get("kind", ""), self._kinds, parse_kind)
        self._cell(cells, "region")
        self._cell(cells, "role")

    @staticmethod
    def _cell(cells: dict[str, str], name: str) -> str:
        value = cells.get(name, "")
        if len(value) > LIMITS[name]:
            raise _too_long(name, LIMITS[name])
        return value

    @staticmethod
    def _word(word: str, known: dict[str, str], parse: Callable[[str], str]) -> str | None:
        """A kind or status word; the few accepted spellings are parsed once per import."""
        if not word:
            return None
        found = known.get(word)
        if found is None:
            found = known[word] = parse(word)  # refused words raise and are not kept
        return found

    @staticmethod
    def _joined(cells: dict[str, str]) -> str:
        """'voornaam tussenvoegsel achternaam' put together, when there is no name column."""
        name = " ".join(part for part in (cells.get(p, "") for p in NAME_PARTS) if part)
        if len(name) > LIMITS["name"]:
            raise _too_long("name", LIMITS["name"])
        return name

    def _column_name(self, index: int) -> str:
        if index < len(self.header) and self.header[index]:
            return self.header[index]
        return f"#{index + 1}"

    # -- organisations (in memory; created when the import is applied) --------------
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

    # -- per batch, against the database ------------------------------------------------
    def _duplicates(self, batch: list[_Row]) -> None:
        """Refuse addresses seen on an earlier line, in this batch or an earlier one.

        As before the batching, a duplicate outranks the row's other faults, and
        only a row that passed every in-memory check counts as the first one.
        """
        earlier = self.staging.earlier(list({r.email for r in batch if r.email is not None}))
        first: dict[str, int] = {}
        for row in batch:
            if row.email is None:
                continue
            line = earlier.get(row.email) or first.get(row.email)
            if line is not None:
                row.reason = duplicate_reason(line)
            elif row.reason is None:
                first[row.email] = row.raw.line
        self.staging.see(first)

    def write(self, batch: list[_Row]) -> None:
        """Stage the batch's good rows (nothing shared is written until ``apply``)."""
        self._duplicates(batch)
        good: list[_Row] = []
        for row in batch:
            if row.reason is None:
                try:
                    org = self.organisation(row.values)
                except (Rejected, InvalidRule) as err:
                    row.reason = str(err)
                    continue
                row.values["organisation_id"] = org.id if org else None
                good.append(row)
        existing = self.staging.existing([r.values["email"] for r in good])
        staged: list[StagedRow] = []
        for row in good:
            values = row.values
            current = existing.get(values["email"])
            if current is None:
                staged.append(_new(row.raw.line, values))
            elif self.update:
                staged.append(_merged(row.raw.line, values, current))
            else:
                row.reason = _("Already exists; use --update to change it")
        self.staging.stage(staged)
        self.result.imported = self.staging.inserts
        self.result.updated = self.staging.updates


def _new(line: int, values: dict[str, Any]) -> StagedRow:
    language = values["language"] or Language.NL.value
    return (
        line,
        values["email"],
        values["name"],
        values["organisation_id"],
        values["role"],
        language,
        values["status"],
        None,
    )


def _merged(
    line: int, values: dict[str, Any], current: tuple[int, str, int | None, str]
) -> StagedRow:
    """Filled cells overwrite, blank cells keep; the status is never changed by an import."""
    contact_id, name, organisation_id, role = current
    return (
        line,
        values["email"],
        values["name"] or name,
        values["organisation_id"] or organisation_id,
        values["role"] or role,
        values["language"],
        None,
        contact_id,
    )


def import_contacts(
    session: Session,
    path: Path,
    *,
    update: bool = False,
    dry_run: bool = False,
    rejects_path: Path | None = None,
    batch_size: int = 2000,
    progress: Callable[[int, int], None] | None = None,
    sheet: str | None = None,
    secret: str | None = None,
) -> ImportResult:
    """Import ``path`` into the store: all of it, or (``dry_run``, or any failure) nothing.

    ``secret`` is the installation's: suppression hashes are keyed by it (old
    unkeyed ones are recognised too), so a suppressed address is refused.

    The import works on a connection of its own (its TEMP tables must stay on
    one connection while it commits chunk by chunk), so ``session`` is
    committed first: what the caller stored is visible to the import, and the
    caller's open transaction cannot hold the lock the final step needs.

    A rejects file that is the input (also through a link) is refused before
    anything is read: writing it would truncate the file being imported.
    """
    if rejects_path is not None:
        refuse_overwriting(rejects_path, path)
        check_folder(rejects_path)
    source: Source = open_source(path, sheet=sheet)
    session.commit()
    bind = session.get_bind()
    engine = bind.engine if isinstance(bind, Connection) else bind
    assert isinstance(engine, Engine)
    with engine.connect() as conn:
        staging = Staging(conn)
        try:
            return _run(
                conn,
                staging,
                source,
                path,
                _Options(update, dry_run, rejects_path, batch_size, progress, secret),
            )
        finally:
            _clean_up(conn, staging)


def _clean_up(conn: Connection, staging: Staging) -> None:
    """Drop the TEMP tables before the connection goes back to the pool."""
    try:
        if conn.in_transaction():
            conn.rollback()
        with conn.begin():
            staging.drop()
    except SQLAlchemyError:  # a lost connection: its TEMP tables are gone with it
        conn.invalidate()


@dataclass
class _Job:
    """One import's moving parts, handed between the reading loop and its batches."""

    importer: Importer
    source: Source
    writer: RejectsWriter | None
    progress: Callable[[int, int], None] | None


@dataclass(frozen=True)
class _Options:
    update: bool
    dry_run: bool
    rejects_path: Path | None
    batch_size: int
    progress: Callable[[int, int], None] | None
    secret: str | None


def _run(
    conn: Connection, staging: Staging, source: Source, path: Path, o: _Options
) -> ImportResult:
    with conn.begin():
        staging.open()
        with Session(bind=conn) as session:
            importer = Importer(session, staging, update=o.update, secret=o.secret)
    writer = RejectsWriter(o.rejects_path, source) if o.rejects_path else None
    job = _Job(importer, source, writer, o.progress)
    batch_size, dry_run = o.batch_size, o.dry_run
    rows = source.rows()
    complete = False
    try:
        _read(job, rows, batch_size)
        started = time.perf_counter()
        with staging.final() as transaction:
            apply(conn, staging, importer.network, path.name)
            if dry_run:
                transaction.rollback()
        importer.result.apply_seconds = time.perf_counter() - started
        complete = True
    finally:
        rows.close()  # a refused header leaves the reader suspended with its file open
        if job.writer:
            job.writer.close(complete=complete)
    result = importer.result
    result.organisations_created = importer.network.created
    result.dry_run = dry_run
    return result


def _read(job: _Job, rows: Iterator[RawRow], batch_size: int) -> None:
    """Check and stage every row, a committed chunk at a time."""
    importer, source = job.importer, job.source
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
            with job.importer.staging.chunk():
                _finish(job, batch)
            _progress(job)
            batch = []
    if not importer.columns:  # a header without rows: still refused without an email column
        importer.columns = map_header(source.header)
        importer.result.ignored_columns = ignored_columns(source.header, importer.columns)
    with importer.staging.chunk():
        _finish(job, batch)
    _progress(job)


def _progress(job: _Job) -> None:
    """Between chunks, with nothing of the import's held (others may write right now)."""
    if job.progress:
        job.progress(*job.source.progress())


def _finish(job: _Job, batch: list[_Row]) -> None:
    job.importer.write(batch)
    for row in batch:
        if row.reason is not None:
            job.importer.result.note_reject(row.raw.line, row.reason)
            if job.writer:
                job.writer.write(row.raw, row.reason)
