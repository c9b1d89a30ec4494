"""indexes for the contacts pages at 100,000 contacts

Contacts per (organisation, status): the organisations page and every
segment count group by these two columns, and with both in one index the
count reads the index alone. The composite also serves every lookup by
organisation, so it replaces the single-column index.

Revision ID: a7d1c0de0006
Revises: a7d1c0de0005
Create Date: 2026-12-02 13:20:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "a7d1c0de0006"
down_revision: str | None = "a7d1c0de0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_contact_organisation_status", "contact", ["organisation_id", "status"])
    op.drop_index("ix_contact_organisation_id", table_name="contact")


def downgrade() -> None:
    op.create_index("ix_contact_organisation_id", "contact", ["organisation_id"])
    op.drop_index("ix_contact_organisation_status", table_name="contact")
