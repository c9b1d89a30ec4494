"""delivery: no foreign key to campaign, no index of its own on email

A snapshot writes one row per recipient in a single ``INSERT … SELECT``; on
PostgreSQL each row also ran the foreign-key check on its campaign (a
``SELECT … FOR KEY SHARE`` per row) and filled an email index of its own.
Measured at 100,000 rows: 1.5-1.9 s with both, 0.9-1.1 s without. Neither
guarded anything the ledger needs: deliveries are only ever written by the
snapshot, in the transaction that moves their (locked) campaign to
`sending`, and campaigns are never deleted. A person's deliveries by address
(export and erasure) are found through the unique ``(campaign_id, email)``
index instead, probed once per campaign (``subscribers.privacy``).

Revision ID: a7d1c0de0009
Revises: a7d1c0de0008
Create Date: 2026-12-02 20:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a7d1c0de0009"
down_revision: str | None = "a7d1c0de0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# SQLite's foreign keys have no names: batch mode names them by this convention
# so that they can be dropped (PostgreSQL's own names follow the same pattern).
_NAMES = {"fk": "%(table_name)s_%(column_0_name)s_fkey"}


def upgrade() -> None:
    op.drop_index("ix_delivery_email", table_name="delivery")
    with op.batch_alter_table("delivery", naming_convention=_NAMES) as batch:
        batch.drop_constraint("delivery_campaign_id_fkey", type_="foreignkey")


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM delivery WHERE campaign_id NOT IN (SELECT id FROM campaign)"))
    with op.batch_alter_table("delivery", naming_convention=_NAMES) as batch:
        batch.create_foreign_key(
            "delivery_campaign_id_fkey", "campaign", ["campaign_id"], ["id"], ondelete="CASCADE"
        )
    op.create_index("ix_delivery_email", "delivery", ["email"])
