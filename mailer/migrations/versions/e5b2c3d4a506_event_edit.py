"""event programme text and update sequence (filled by the event-editing work)

The event keeps its programme (Markdown), when it was cancelled, and what its
guests were last told (title, times, place); ``event_update`` keeps, per
update campaign, the event as guests knew it before, so the mail can say what
changed. ``event.sequence`` (the ICS SEQUENCE) exists since the first schema.

Revision ID: e5b2c3d4a506
Revises: c4a1d2e3f405
Create Date: 2026-12-02 06:10:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import subscribers.sqltypes

revision: str = 'e5b2c3d4a506'
down_revision: str | None = 'c4a1d2e3f405'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('event') as batch:
        batch.add_column(
            sa.Column(
                'programme', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''
            )
        )
        batch.add_column(
            sa.Column(
                'cancelled_at', subscribers.sqltypes.UTCDateTime(timezone=True), nullable=True
            )
        )
        batch.add_column(sa.Column('announced', subscribers.sqltypes.JSONText(), nullable=True))
    op.create_table(
        'event_update',
        sa.Column('campaign_id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('previous', subscribers.sqltypes.JSONText(), nullable=False),
        sa.Column('created_at', subscribers.sqltypes.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['event_id'], ['event.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('campaign_id'),
    )
    op.create_index(op.f('ix_event_update_event_id'), 'event_update', ['event_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_event_update_event_id'), table_name='event_update')
    op.drop_table('event_update')
    with op.batch_alter_table('event') as batch:
        batch.drop_column('announced')
        batch.drop_column('cancelled_at')
        batch.drop_column('programme')
