"""import staging (hostile-input and import-speed work)

Revision ID: a7d1c0de0003
Revises: a7d1c0de0002
Create Date: 2026-12-02 08:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision: str = 'a7d1c0de0003'
down_revision: str | None = 'a7d1c0de0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
