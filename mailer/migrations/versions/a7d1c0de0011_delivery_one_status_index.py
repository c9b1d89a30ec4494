"""delivery: one (campaign_id, status, id) index instead of two

A snapshot writes every index once per row: on PostgreSQL each is a WAL
record and a B-tree insertion, so seven per row (the heap and six indexes).
Two indexes served the same questions: ``(campaign_id, status)`` counted a
campaign's rows per status, and a partial ``(campaign_id, next_attempt_at,
id) WHERE status = 'queued'`` fed the claims. One index on ``(campaign_id,
status, id)`` does both: a campaign's queued rows are one contiguous range
in claim order (the claim orders by campaign and id and filters
``next_attempt_at`` on the row), and the counts read the index alone. A
row's status change rewrote both old indexes anyway (status is in both),
so claims and results now write one index entry less too.

Lease expiry (every pass) looks for rows `sending` past their lease across all
campaigns: a partial index of the rows in flight, ``(lease_until) WHERE status
= 'sending'``, answers it without reading the table. A snapshot writes queued
rows only, so it never touches this index.

Revision ID: a7d1c0de0011
Revises: a7d1c0de0010
Create Date: 2026-12-03 00:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a7d1c0de0011"
down_revision: str | None = "a7d1c0de0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_QUEUED = sa.text("status = 'queued'")
_SENDING = sa.text("status = 'sending'")


def upgrade() -> None:
    op.create_index("ix_delivery_campaign_status_id", "delivery", ["campaign_id", "status", "id"])
    op.drop_index("ix_delivery_campaign_status", table_name="delivery")
    op.drop_index(
        "ix_delivery_queued", table_name="delivery", postgresql_where=_QUEUED, sqlite_where=_QUEUED
    )
    op.create_index(
        "ix_delivery_in_flight",
        "delivery",
        ["lease_until"],
        postgresql_where=_SENDING,
        sqlite_where=_SENDING,
    )


def downgrade() -> None:
    op.drop_index(
        "ix_delivery_in_flight",
        table_name="delivery",
        postgresql_where=_SENDING,
        sqlite_where=_SENDING,
    )
    op.create_index(
        "ix_delivery_queued",
        "delivery",
        ["campaign_id", "next_attempt_at", "id"],
        postgresql_where=_QUEUED,
        sqlite_where=_QUEUED,
    )
    op.create_index("ix_delivery_campaign_status", "delivery", ["campaign_id", "status"])
    op.drop_index("ix_delivery_campaign_status_id", table_name="delivery")
