"""campaign links for click tracking (the redirect's allow-list) and open/click events

Only used when ``MAILER_TRACKING`` is on (mailer/tracking/links.py, activity.py):
``campaign_link`` holds every link a campaign's mail carries through the click
redirect, numbered per campaign (``/c/<ref>/<number>`` goes to that address and
no other); ``tracked_campaign`` marks a campaign sent with tracking on;
``delivery_tracking`` keeps per delivery the first open and click and their
counts.

Revision ID: a7d1c0de0005
Revises: a7d1c0de0004
Create Date: 2026-12-02 13:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import subscribers.sqltypes

revision: str = "a7d1c0de0005"
down_revision: str | None = "a7d1c0de0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TIME = subscribers.sqltypes.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "tracked_campaign",
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("since", _TIME(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["campaign_id"], ["campaign.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("campaign_id"),
    )
    op.create_table(
        "campaign_link",
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["campaign_id"], ["campaign.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("campaign_id", "number"),
    )
    op.create_table(
        "delivery_tracking",
        sa.Column("delivery_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("first_opened_at", _TIME(timezone=True), nullable=True),
        sa.Column("opens", sa.Integer(), nullable=False),
        sa.Column("first_clicked_at", _TIME(timezone=True), nullable=True),
        sa.Column("clicks", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["delivery_id"], ["delivery.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("delivery_id"),
    )


def downgrade() -> None:
    op.drop_table("delivery_tracking")
    op.drop_table("campaign_link")
    op.drop_table("tracked_campaign")
