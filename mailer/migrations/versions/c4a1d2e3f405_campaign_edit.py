"""campaign content per language, chosen agenda (filled by the campaign-editing work)

Revision ID: c4a1d2e3f405
Revises: ff0ca574e518
Create Date: 2026-12-02 06:10:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import subscribers.sqltypes

revision: str = 'c4a1d2e3f405'
down_revision: str | None = 'ff0ca574e518'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Existing campaigns get empty English texts (Dutch for everyone, as they were
    # written) and an empty agenda; the server defaults fill the rows already there.
    with op.batch_alter_table('campaign') as batch:
        batch.add_column(sa.Column('subject_en', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False, server_default=''))
        batch.add_column(sa.Column('content_en', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        batch.add_column(sa.Column('agenda', subscribers.sqltypes.JSONText(), nullable=False, server_default='[]'))


def downgrade() -> None:
    with op.batch_alter_table('campaign') as batch:
        batch.drop_column('agenda')
        batch.drop_column('content_en')
        batch.drop_column('subject_en')
