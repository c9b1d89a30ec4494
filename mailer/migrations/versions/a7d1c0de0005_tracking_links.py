"""campaign links for click tracking (the redirect's allow-list) and open/click events

Revision ID: a7d1c0de0005
Revises: a7d1c0de0004
Create Date: 2026-12-02 13:20:00
"""

from collections.abc import Sequence

revision: str = "a7d1c0de0005"
down_revision: str | None = "a7d1c0de0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
