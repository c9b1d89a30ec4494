"""event programme text and update sequence (filled by the event-editing work)

Revision ID: e5b2c3d4a506
Revises: c4a1d2e3f405
Create Date: 2026-12-02 06:10:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'e5b2c3d4a506'
down_revision: str | None = 'c4a1d2e3f405'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
