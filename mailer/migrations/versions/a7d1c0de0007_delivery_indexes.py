"""delivery indexes: campaign_id's own dropped, one on email added

Each index costs every snapshot row. ``uq (campaign_id, email)`` and
``ix_delivery_campaign_status (campaign_id, status)`` serve every query the
campaign_id index served; a person's export and erasure look their
deliveries up by address, which read the whole table (0.2-0.4 s a visit of
the person page at 500,000 deliveries).

Revision ID: a7d1c0de0007
Revises: a7d1c0de0006
Create Date: 2026-12-02 14:20:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "a7d1c0de0007"
down_revision: str | None = "a7d1c0de0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_delivery_campaign_id", table_name="delivery")
    op.create_index("ix_delivery_email", "delivery", ["email"])


def downgrade() -> None:
    op.drop_index("ix_delivery_email", table_name="delivery")
    op.create_index("ix_delivery_campaign_id", "delivery", ["campaign_id"])
