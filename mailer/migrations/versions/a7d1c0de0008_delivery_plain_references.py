"""delivery: contact and organisation as plain references, not foreign keys

A foreign key is checked row by row: on PostgreSQL each new delivery locks its
contact's and its organisation's row (``FOR KEY SHARE``), which dirtied every
contact page and took half of a snapshot's time (100,000 rows: 2.8-3.1 s with
the two checks, 1.5-1.7 s without). The ledger records whom a message was made
for and outlives them: the one place that deletes a contact
(``subscribers.privacy.forget``) clears ``delivery.contact_id`` first, and
organisations are never deleted. The indexes stay: erasure finds a person's
deliveries by contact id, reply matching an organisation's latest invitation.

Revision ID: a7d1c0de0008
Revises: a7d1c0de0007
Create Date: 2026-12-02 15:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a7d1c0de0008"
down_revision: str | None = "a7d1c0de0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# SQLite's foreign keys have no names: batch mode names them by this convention
# so that they can be dropped (PostgreSQL's own names follow the same pattern).
_NAMES = {"fk": "%(table_name)s_%(column_0_name)s_fkey"}
_REFERENCES = (("contact_id", "contact"), ("organisation_id", "organisation"))


def upgrade() -> None:
    with op.batch_alter_table("delivery", naming_convention=_NAMES) as batch:
        for column, _table in _REFERENCES:
            batch.drop_constraint(f"delivery_{column}_fkey", type_="foreignkey")


def downgrade() -> None:
    op.execute(
        sa.text(
            "UPDATE delivery SET contact_id = NULL WHERE contact_id IS NOT NULL"
            " AND contact_id NOT IN (SELECT id FROM contact)"
        )
    )
    with op.batch_alter_table("delivery", naming_convention=_NAMES) as batch:
        for column, table in _REFERENCES:
            batch.create_foreign_key(
                f"delivery_{column}_fkey", table, [column], ["id"], ondelete="SET NULL"
            )
