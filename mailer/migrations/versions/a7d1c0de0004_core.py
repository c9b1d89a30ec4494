"""installation secret and ledger changes (house work)

Deliveries no longer store a random token and a Message-ID: every per-delivery
reference (reply address, Message-ID, links) is derived from the delivery id
with an HMAC (mailer/tokens.py), so the snapshot inserts nothing per row that
the database could not compute itself.

The signing secret moves into the database (``installation``), so every
machine sharing it signs alike (mailer/installation.py).

Revision ID: a7d1c0de0004
Revises: a7d1c0de0003
Create Date: 2026-12-02 08:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a7d1c0de0004"
down_revision: str | None = "a7d1c0de0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("delivery") as batch:
        # their unique constraints go with them (PostgreSQL; SQLite's batch copy)
        batch.drop_column("token")
        batch.drop_column("message_id")
    op.create_table(
        "installation",
        sa.Column("name", sa.String(50), nullable=False),
        sa.Column("value", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )


def downgrade() -> None:
    op.drop_table("installation")
    with op.batch_alter_table("delivery") as batch:
        batch.add_column(sa.Column("token", sa.String(40), nullable=False, server_default=""))
        batch.add_column(sa.Column("message_id", sa.String(200), nullable=False, server_default=""))
