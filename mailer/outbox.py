"""The outbox ledger: one ``Delivery`` per (campaign, address), and its state machine."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, NamedTuple

from sqlalchemy import (
    Column,
    ColumnElement,
    Index,
    Integer,
    Select,
    UniqueConstraint,
    and_,
    bindparam,
    case,
    false,
    func,
    insert,
    literal,
    or_,
    text,
    true,
    update,
)
from sqlalchemy import select as sa_select  # typed for many columns, unlike sqlmodel's
from sqlmodel import Field, Session, SQLModel, col, select
from sqlmodel.sql.expression import SelectOfScalar

from mailer import reasons
from mailer.config import Settings
from mailer.reasons import Code
from subscribers.privacy import SuppressionList, hold_off_erasure
from subscribers.sqltypes import UTCDateTime, utcnow


class DeliveryStatus(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    UNCERTAIN = "uncertain"
    SKIPPED = "skipped"


class Delivery(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("campaign_id", "email"),
        # One index for the claims and the counts: a campaign's rows of one status are
        # one range, in claim order (campaign, id). Every index is written once per
        # snapshot row, so two that answered the same questions became this (0011).
        Index("ix_delivery_campaign_status_id", "campaign_id", "status", "id"),
        # The rows in flight, for lease expiry on every pass (a snapshot writes none).
        Index(
            "ix_delivery_in_flight",
            "lease_until",
            postgresql_where=text("status = 'sending'"),
            sqlite_where=text("status = 'sending'"),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    # No index of its own: the unique (campaign_id, email) and the (campaign_id, status,
    # id) indexes begin with it, and every index costs each snapshot row (migration 0007).
    # No foreign key either: only the snapshot writes rows, in the transaction that
    # moves its locked campaign to `sending`, and campaigns are never deleted; the
    # check cost a third of a snapshot on PostgreSQL (migration 0009). The same
    # holds for email: a person's rows are found through the unique index (privacy).
    campaign_id: int = Field(sa_column=Column(Integer, nullable=False))
    # Whom the row was made for, as plain references: a foreign key would lock each
    # contact's row per snapshot row (half its time on PostgreSQL; migration 0008).
    # Erasure clears contact_id before the contact goes; organisations stay.
    contact_id: int | None = Field(default=None, index=True)
    organisation_id: int | None = Field(default=None, index=True)
    email: str = Field(max_length=320)
    name: str = Field(default="", max_length=200)
    language: str = Field(default="nl", max_length=5)
    status: str = Field(default=DeliveryStatus.QUEUED.value, max_length=20)
    reason: str = Field(default="", max_length=1000)
    attempts: int = Field(default=0)
    next_attempt_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    provider_id: str = Field(default="", max_length=200)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


# ---------------------------------------------------------------------------
# Snapshot: the audience of a campaign becomes rows, in the same transaction
# that moves the campaign to `sending`, so a crash leaves either both or neither.

SNAPSHOT_CHUNK = 2000
_MAILABLE = "active"


class AudienceRow(NamedTuple):
    contact_id: int | None
    email: str
    name: str
    language: str
    organisation_id: int | None
    status: str = _MAILABLE


@dataclass
class SnapshotReport:
    campaign_id: int
    queued: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    duplicates: int = 0
    organisations_without_contact: list[str] = field(default_factory=list)
    reached_organisations: set[int] = field(default_factory=set)

    @property
    def total_skipped(self) -> int:
        return sum(self.skipped.values())


def _skip_reason(row: AudienceRow, suppressed: SuppressionList) -> str | None:
    if row.status != _MAILABLE:
        code = _STATUS_REASONS.get(row.status)
        return reasons.encode(code) if code else row.status
    if suppressed and row.email in suppressed:
        return reasons.encode(Code.SUPPRESSED)
    return None


# A contact's status → the stored reason its delivery is skipped (codes: mailer.reasons).
_STATUS_REASONS = {
    "unsubscribed": Code.UNSUBSCRIBED,
    "bounced": Code.BOUNCED,
    "complained": Code.COMPLAINED,
}


def snapshot(
    session: Session, campaign_id: int, settings: Settings, audience: Iterable[AudienceRow]
) -> SnapshotReport:
    """Insert one delivery per address of ``audience``; skipped ones are kept, with why."""
    hold_off_erasure(session)  # before ``audience`` (a stream) is read
    report = SnapshotReport(campaign_id=campaign_id)
    suppressed = SuppressionList(session, settings.secret())
    seen: set[str] = set()
    reached_orgs: set[int] = set()
    chunk: list[dict[str, object]] = []
    now = utcnow()
    for row in audience:
        email = row.email.strip().lower()
        if email in seen:
            report.duplicates += 1
            continue
        seen.add(email)
        reason = _skip_reason(row, suppressed)
        if reason is None:
            report.queued += 1
            if row.organisation_id is not None:
                reached_orgs.add(row.organisation_id)
        else:
            shown = reasons.render(reason)
            report.skipped[shown] = report.skipped.get(shown, 0) + 1
        chunk.append(
            {
                "campaign_id": campaign_id,
                "contact_id": row.contact_id,
                "organisation_id": row.organisation_id,
                "email": email,
                "name": row.name or "",
                "language": row.language or "nl",
                "status": (
                    DeliveryStatus.QUEUED if reason is None else DeliveryStatus.SKIPPED
                ).value,
                "reason": reason or "",
                "attempts": 0,
                "provider_id": "",
                "created_at": now,
                "updated_at": now,
            }
        )
        if len(chunk) >= SNAPSHOT_CHUNK:
            session.execute(insert(Delivery), chunk)
            chunk = []
    if chunk:
        session.execute(insert(Delivery), chunk)
    report.reached_organisations = reached_orgs
    return report


def snapshot_select(
    session: Session, campaign_id: int, settings: Settings, audience: Select[Any]
) -> SnapshotReport:
    """The snapshot of a segment audience in the database itself: one INSERT … SELECT.

    ``audience`` selects (contact id, email, name, language, organisation id,
    status) from the contact table, where addresses are unique and normalised,
    so nothing needs deduplicating. Memory stays flat whatever the audience;
    only the suppression list is checked in Python (it holds hashes), over the
    queued rows, streamed, and only when the list is not empty.
    """
    hold_off_erasure(session)
    now = utcnow()
    src = audience.subquery()
    status_reason = case(
        *(
            (src.c.status == status, reasons.encode(code))
            for status, code in _STATUS_REASONS.items()
        ),
        (src.c.status == _MAILABLE, ""),
        else_=src.c.status,
    )
    rows = sa_select(
        literal(campaign_id),
        src.c.id,
        src.c.organisation_id,
        src.c.email,
        func.coalesce(src.c.name, ""),
        func.coalesce(src.c.language, "nl"),
        case(
            (src.c.status == _MAILABLE, DeliveryStatus.QUEUED.value),
            else_=DeliveryStatus.SKIPPED.value,
        ),
        status_reason,
        literal(0),
        literal(""),
        literal(now, UTCDateTime),
        literal(now, UTCDateTime),
    )
    columns = [
        "campaign_id",
        "contact_id",
        "organisation_id",
        "email",
        "name",
        "language",
        "status",
        "reason",
        "attempts",
        "provider_id",
        "created_at",
        "updated_at",
    ]
    statement = insert(Delivery).from_select(columns, rows)
    made = session.execute(statement.execution_options(preserve_rowcount=True))
    inserted = int(getattr(made, "rowcount", -1))
    if inserted < 0:  # a driver that does not say: count them (ours both say)
        inserted = _counted(session, campaign_id)
    _skip_suppressed(session, campaign_id, SuppressionList(session, settings.secret()))
    return _report(session, campaign_id, inserted)


def _counted(session: Session, campaign_id: int) -> int:
    """How many deliveries the campaign has."""
    query = sa_select(func.count()).where(col(Delivery.campaign_id) == campaign_id)
    return int(session.execute(query).scalar_one())


def _skip_suppressed(session: Session, campaign_id: int, suppressed: SuppressionList) -> None:
    """Suppressed addresses become skipped rows. The list holds keyed hashes, so each
    queued address is hashed here (streamed: memory stays flat); an empty list costs
    nothing. Read as plain rows (Core, not the ORM session: a third of the cost)."""
    if not suppressed:
        return
    queued = (
        sa_select(col(Delivery.id), col(Delivery.email))
        .where(col(Delivery.campaign_id) == campaign_id, col(Delivery.status) == "queued")
        .execution_options(yield_per=SNAPSHOT_CHUNK)
    )
    rows = session.connection().execute(queued)
    hits = [row_id for row_id, email in rows if suppressed.holds(email)]
    reason = reasons.encode(Code.SUPPRESSED)
    for start in range(0, len(hits), SNAPSHOT_CHUNK):
        session.execute(
            update(Delivery)
            .where(col(Delivery.id).in_(hits[start : start + SNAPSHOT_CHUNK]))
            .values(status=DeliveryStatus.SKIPPED.value, reason=reason)
            .execution_options(synchronize_session=False)
        )


def _report(session: Session, campaign_id: int, inserted: int) -> SnapshotReport:
    """What the snapshot made, without reading it all back: the skipped rows (few) are
    tallied by reason, queued is the rest of what was inserted, and one pass over the
    queued rows names the organisations reached (``organisations_missed`` needs them)."""
    report = SnapshotReport(campaign_id=campaign_id)
    tally = session.execute(
        sa_select(col(Delivery.reason), func.count())
        .where(
            col(Delivery.campaign_id) == campaign_id,
            col(Delivery.status) == DeliveryStatus.SKIPPED.value,
        )
        .group_by(col(Delivery.reason))
    )
    for reason, n in tally:
        shown = reasons.render(reason)
        report.skipped[shown] = report.skipped.get(shown, 0) + n
    report.queued = inserted - report.total_skipped
    reached = (
        sa_select(col(Delivery.organisation_id))
        .distinct()
        .where(
            col(Delivery.campaign_id) == campaign_id,
            col(Delivery.status) == DeliveryStatus.QUEUED.value,
            col(Delivery.organisation_id).is_not(None),
        )
    )
    report.reached_organisations = {org for (org,) in session.execute(reached)}
    return report


# ---------------------------------------------------------------------------
# Claiming: one statement marks a batch `sending` under a lease and returns it.
# PostgreSQL lets several workers claim side by side (SKIP LOCKED); SQLite has
# one writer, and the single UPDATE ... RETURNING keeps it atomic there too.


class Claimed(NamedTuple):
    id: int
    campaign_id: int
    contact_id: int | None
    organisation_id: int | None
    email: str
    name: str
    language: str
    attempts: int


def claim(
    session: Session,
    sending: SelectOfScalar[int | None],
    *,
    now: datetime,
    lease_seconds: int,
    limit: int,
) -> list[Claimed]:
    """Mark up to ``limit`` due rows of the campaigns ``sending`` selects as `sending`.

    Which campaigns may send now (status, deadline) is the campaigns' to say
    (``campaigns.sending_now``); the ledger only claims rows, the lowest campaign
    first, each campaign's in id order. Asked campaign by campaign: each is one
    range of the ``(campaign_id, status, id)`` index, read only as far as the
    batch needs. Asked for all campaigns at once, PostgreSQL sorted every queued
    row of them per claim (0.4 s per claim at 1,000,000 queued rows).
    """
    rows: list[Claimed] = []
    for campaign_id in sorted(i for i in session.exec(sending) if i is not None):
        if len(rows) >= limit:
            break
        rows += _claim_in(session, campaign_id, sending, now, lease_seconds, limit - len(rows))
    rows.sort(key=lambda r: r.id)
    return rows


def _claim_in(
    session: Session,
    campaign_id: int,
    sending: SelectOfScalar[int | None],
    now: datetime,
    lease_seconds: int,
    limit: int,
) -> list[Claimed]:
    """One campaign's share of a claim; ``sending`` asked again in the same statement, so
    a campaign paused since its id was read gives nothing."""
    due = (
        select(Delivery.id)
        .where(
            col(Delivery.campaign_id) == campaign_id,
            col(Delivery.status) == DeliveryStatus.QUEUED.value,
            col(Delivery.campaign_id).in_(sending.scalar_subquery()),
            or_(col(Delivery.next_attempt_at).is_(None), col(Delivery.next_attempt_at) <= now),
        )
        .order_by(col(Delivery.id))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    stmt = (
        update(Delivery)
        .where(col(Delivery.id).in_(due.scalar_subquery()))
        .values(
            status=DeliveryStatus.SENDING.value,
            lease_until=now + timedelta(seconds=lease_seconds),
            attempts=col(Delivery.attempts) + 1,
            updated_at=now,
        )
        .returning(*(getattr(Delivery, f) for f in Claimed._fields))
        .execution_options(synchronize_session=False)
    )
    return [Claimed(*r) for r in session.execute(stmt)]


# ---------------------------------------------------------------------------
# Recording what the transport said.


@dataclass(frozen=True)
class Update:
    id: int
    attempts: int  # the attempt this result answers (from the claim)
    status: DeliveryStatus
    reason: str = ""
    provider_id: str = ""
    next_attempt_at: datetime | None = None


def record(session: Session, updates: Sequence[Update], now: datetime) -> None:
    """Write the outcome of a batch, to rows of this very attempt only.

    A row whose lease ran out was marked `uncertain` meanwhile; a late "sent"
    still lands there (we now know it arrived), anything else leaves it for the
    coordinator. Results that share an outcome (a SendGrid request's thousand
    recipients) go in one ``UPDATE … WHERE id IN``: a row each cost a third of
    the sender's CPU.
    """
    groups: dict[tuple[int, DeliveryStatus, str, str, datetime | None], list[int]] = {}
    for u in updates:
        key = (u.attempts, u.status, u.reason[:1000], u.provider_id[:200], u.next_attempt_at)
        groups.setdefault(key, []).append(u.id)
    conn = session.connection()
    singles = []
    for (attempts, status, reason, provider_id, next_at), ids in groups.items():
        if len(ids) == 1:
            singles.append(_one_result(ids[0], attempts, status, reason, provider_id, next_at, now))
            continue
        for these in among(ids):
            conn.execute(
                _result_update(now)
                .where(
                    these,
                    col(Delivery.attempts) == attempts,
                    _recordable(true() if status is DeliveryStatus.SENT else false()),
                )
                .values(
                    status=status.value,
                    reason=reason,
                    provider_id=provider_id,
                    next_attempt_at=next_at,
                    sent_at=now if status is DeliveryStatus.SENT else None,
                )
            )
    if singles:
        stmt = _result_update(now).where(
            col(Delivery.id) == bindparam("b_id"),
            col(Delivery.attempts) == bindparam("b_attempts"),
            _recordable(bindparam("b_status") == "sent"),
        )
        conn.execute(
            stmt.values(
                status=bindparam("b_status"),
                reason=bindparam("b_reason"),
                provider_id=bindparam("b_provider_id"),
                next_attempt_at=bindparam("b_next"),
                sent_at=bindparam("b_sent_at"),
            ),
            singles,
        )


_IN_CHUNK = 500  # ids per IN list: well inside every driver's parameter limit
_FEW_RUNS = 8


def among(ids: Sequence[int]) -> list[ColumnElement[bool]]:
    """Conditions that together select exactly the rows with these (distinct) ids.

    A batch's ids are mostly consecutive (a claim takes the lowest queued ids):
    a few ``BETWEEN`` ranges name them in one short statement, where a thousand
    parameters cost rendering each and, on PostgreSQL, parsing the statement
    anew every time (too long for psycopg's cache). Ids with many gaps go as
    ``IN`` lists of ``_IN_CHUNK``.
    """
    ordered = sorted(ids)
    runs: list[tuple[int, int]] = []
    for number in ordered:
        if runs and number == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], number)
        elif len(runs) == _FEW_RUNS:
            break
        else:
            runs.append((number, number))
    else:
        column = col(Delivery.id)
        return [or_(*(column.between(low, high) for low, high in runs))] if runs else []
    return [
        col(Delivery.id).in_(ordered[start : start + _IN_CHUNK])
        for start in range(0, len(ordered), _IN_CHUNK)
    ]


def _recordable(is_sent: Any) -> Any:
    """The rows a result may land on: in flight; a late "sent" also on `uncertain`
    (we now know it arrived). One rule for grouped and single results."""
    status = col(Delivery.status)
    return or_(status == "sending", and_(status == "uncertain", is_sent))


def _result_update(now: datetime) -> Any:
    return (
        update(Delivery)
        .values(lease_until=None, updated_at=now)
        .execution_options(synchronize_session=False)
    )


def _one_result(
    delivery: int,
    attempts: int,
    status: DeliveryStatus,
    reason: str,
    provider_id: str,
    next_at: datetime | None,
    now: datetime,
) -> dict[str, Any]:
    return {
        "b_id": delivery,
        "b_attempts": attempts,
        "b_status": status.value,
        "b_reason": reason,
        "b_provider_id": provider_id,
        "b_next": next_at,
        "b_sent_at": now if status is DeliveryStatus.SENT else None,
    }


def release(session: Session, rows: Sequence[Claimed]) -> int:
    """Claimed rows that were never handed to a transport go back to `queued`, the
    claim's attempt undone: nothing was tried (the mail could not be made, or the run
    broke off before sending)."""
    if not rows:
        return 0
    stmt = (
        update(Delivery)
        .where(
            col(Delivery.id) == bindparam("b_id"),
            col(Delivery.attempts) == bindparam("b_attempts"),
            col(Delivery.status) == DeliveryStatus.SENDING.value,
        )
        .values(
            status=DeliveryStatus.QUEUED.value,
            attempts=col(Delivery.attempts) - 1,
            lease_until=None,
        )
        .execution_options(synchronize_session=False)
    )
    result = session.connection().execute(
        stmt, [{"b_id": r.id, "b_attempts": r.attempts} for r in rows]
    )
    return int(getattr(result, "rowcount", 0) or 0)


def expire_leases(session: Session, now: datetime) -> int:
    """Rows still `sending` past their lease were in flight during a crash: never resend
    them silently, mark them `uncertain` for the coordinator."""
    result = session.execute(
        update(Delivery)
        .where(col(Delivery.status) == "sending", col(Delivery.lease_until) < now)
        .values(
            status=DeliveryStatus.UNCERTAIN.value,
            reason=reasons.encode(Code.INTERRUPTED),
            lease_until=None,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def requeue_uncertain(session: Session, campaign_id: int) -> int:
    """Uncertain rows back to the queue (the coordinator decided); an erased person's never."""
    result = session.execute(
        update(Delivery)
        .where(
            col(Delivery.campaign_id) == campaign_id,
            col(Delivery.status) == "uncertain",
            col(Delivery.email).not_like("%@erased.invalid"),
        )
        .values(status=DeliveryStatus.QUEUED.value, reason="", next_attempt_at=None)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def skip_queued(session: Session, campaign_id: int, reason: str) -> int:
    result = session.execute(
        update(Delivery)
        .where(col(Delivery.campaign_id) == campaign_id, col(Delivery.status) == "queued")
        .values(status=DeliveryStatus.SKIPPED.value, reason=reason)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def sweep_cancelled(session: Session, cancelled: SelectOfScalar[int | None]) -> int:
    """Rows of cancelled campaigns that came back `queued` (a transient result that
    arrived after the cancel) are skipped, so none waits for ever."""
    result = session.execute(
        update(Delivery)
        .where(col(Delivery.status) == "queued", col(Delivery.campaign_id).in_(cancelled))
        .values(status=DeliveryStatus.SKIPPED.value, reason=reasons.encode(Code.CAMPAIGN_CANCELLED))
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def has_deliveries(session: Session, campaign_id: int) -> bool:
    query = select(Delivery.id).where(col(Delivery.campaign_id) == campaign_id).limit(1)
    return session.execute(query).first() is not None


def counts(session: Session, campaign_id: int) -> dict[str, int]:
    """Deliveries per state, every state present (zero where none)."""
    result = {s.value: 0 for s in DeliveryStatus}
    rows = session.execute(
        select(Delivery.status, func.count())
        .where(col(Delivery.campaign_id) == campaign_id)
        .group_by(col(Delivery.status))
    )
    for status, n in rows:
        result[status] = n
    return result


def problems(session: Session, campaign_id: int, limit: int = 50) -> list[dict[str, object]]:
    """Failed and uncertain deliveries with the reason, for `campaign status`; the
    reason is rendered here, in the reader's language (it is stored as a code)."""
    rows = session.execute(
        select(Delivery.email, Delivery.status, Delivery.reason, Delivery.attempts)
        .where(
            col(Delivery.campaign_id) == campaign_id,
            col(Delivery.status).in_(["failed", "uncertain"]),
        )
        .order_by(col(Delivery.id))
        .limit(limit)
    )
    return [{**r._mapping, "reason": reasons.render(r.reason)} for r in rows]


def unfinished(session: Session, campaign_id: int) -> int:
    """Rows that may still be sent: queued (now or later) or in flight."""
    return int(
        session.execute(
            select(func.count())
            .select_from(Delivery)
            .where(
                col(Delivery.campaign_id) == campaign_id,
                col(Delivery.status).in_(["queued", "sending"]),
            )
        ).scalar_one()
    )
