"""indexes for the contacts pages at 100,000 contacts

Revision ID: a7d1c0de0006
Revises: a7d1c0de0005
Create Date: 2026-12-02 13:20:00
"""

from collections.abc import Sequence

revision: str = "a7d1c0de0006"
down_revision: str | None = "a7d1c0de0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
