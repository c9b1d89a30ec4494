"""Opens and clicks: recorded per delivery as counters, shown as a campaign's figures.

What the open pixel and the click redirect record is all there is: the first
time and a count, per delivery. Nothing else changes on an open or a click
(no contact status, no RSVP, no unsubscribe), so a link scanner or a
prefetching mail client that fetches every link and image (Apple Mail does,
so do corporate gateways, some with HEAD) can only inflate counters, and a
client that blocks images hides an open: the figures are estimates, and the
status says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import and_, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from mailer.i18n import N_
from mailer.outbox import Delivery
from mailer.tracking.links import was_tracked
from mailer.tracking.models import DeliveryTracking

_ROWS = DeliveryTracking.__table__  # type: ignore[attr-defined]
_DELIVERIES = Delivery.__table__  # type: ignore[attr-defined]


class Seen(StrEnum):
    OPEN = "open"
    CLICK = "click"


_COLUMNS = {Seen.OPEN: ("first_opened_at", "opens"), Seen.CLICK: ("first_clicked_at", "clicks")}


def record(conn: Connection, delivery_id: int, seen: Seen, now: datetime) -> None:
    """Count one open or click of a delivery: one statement, safe to repeat and to race.

    The first time is kept (a later one never replaces it); the count goes up.
    A delivery that does not exist (its campaign deleted, or a reference made
    for a number never used) records nothing.
    """
    first, count = _COLUMNS[seen]
    exists = select(_DELIVERIES.c.id).where(_DELIVERIES.c.id == delivery_id)
    if conn.execute(exists).first() is None:
        return
    module = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = module.insert(_ROWS).values(
        {"delivery_id": delivery_id, "opens": 0, "clicks": 0, first: now, count: 1}
    )
    conn.execute(
        stmt.on_conflict_do_update(
            index_elements=[_ROWS.c.delivery_id],
            set_={
                first: func.coalesce(_ROWS.c[first], stmt.excluded[first]),
                count: _ROWS.c[count] + 1,
            },
        )
    )


# How the CLI and the dashboard show them, each in its reader's language.
FIGURES = N_(
    "Opened: {opened} of {sent} sent ({opened_share}%); clicked: {clicked} ({clicked_share}%)"
)
CAVEAT = N_(
    "Estimates: mail apps that load images by themselves and link scanners count too; "
    "mail read with images off counts only when a link is clicked"
)


@dataclass(frozen=True)
class Figures:
    """A tracked campaign's opens and clicks, next to what was sent."""

    sent: int
    # deliveries opened at least once: the pixel loaded, or a link was clicked (a click
    # is an open the pixel did not see, in a mail client that blocks images)
    opened: int
    clicked: int  # deliveries with at least one click
    opens: int  # every pixel load
    clicks: int  # every click

    def share(self, part: int) -> int:
        """``part`` in whole percent of what was sent (0 when nothing was)."""
        return round(100 * part / self.sent) if self.sent else 0

    def shown(self) -> dict[str, int]:
        """The values ``FIGURES`` names."""
        return {
            "sent": self.sent,
            "opened": self.opened,
            "opened_share": self.share(self.opened),
            "clicked": self.clicked,
            "clicked_share": self.share(self.clicked),
        }


def figures(conn: Connection, campaign_id: int) -> Figures | None:
    """The campaign's figures, or None when it did not go out with tracking on."""
    if campaign_id not in was_tracked(conn, [campaign_id]):
        return None
    sent = conn.execute(
        select(func.count())
        .select_from(_DELIVERIES)
        .where(_DELIVERIES.c.campaign_id == campaign_id, _DELIVERIES.c.status == "sent")
    ).scalar_one()
    row = conn.execute(
        select(
            func.count(),
            func.count(_ROWS.c.first_clicked_at),
            func.coalesce(func.sum(_ROWS.c.opens), 0),
            func.coalesce(func.sum(_ROWS.c.clicks), 0),
        ).select_from(
            _ROWS.join(
                _DELIVERIES,
                and_(
                    _DELIVERIES.c.id == _ROWS.c.delivery_id,
                    _DELIVERIES.c.campaign_id == campaign_id,
                ),
            )
        )
    ).one()
    opened, clicked, opens, clicks = (int(value) for value in row)
    return Figures(sent=int(sent), opened=opened, clicked=clicked, opens=opens, clicks=clicks)
