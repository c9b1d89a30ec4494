"""campaign content per language, chosen agenda (filled by the campaign-editing work)

Revision ID: c4a1d2e3f405
Revises: ff0ca574e518
Create Date: 2026-12-02 06:10:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'c4a1d2e3f405'
down_revision: str | None = 'ff0ca574e518'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
