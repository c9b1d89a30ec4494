"""Click tracking's allow-list: a campaign's links, numbered once and stored before mail leaves.

Off unless ``MAILER_TRACKING`` is on. The send loop hands each compiled mail
to :func:`tracked` (once per campaign, language and edit, as it compiles):
its web links are numbered per campaign, stored, and rewritten to
``/c/<ref>/<number>`` with an open pixel (``render.compile.with_tracking``).
The redirect (``mailer/web/tracking_routes.py``) goes to a stored address
only, looked up by the delivery's campaign and the number: nothing in the
request says where to go, so there is no open redirect to abuse.

Numbers are given by the database, not by the compile: the same address gets
the same number in every language, every process and every later compile
(an agenda item that drops off, a worker restarted), and a number once given
never names another address, so mail already sent keeps working.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Insert, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from mailer.config import Settings
from mailer.errors import PleinpostError
from mailer.i18n import _
from mailer.message import PreparedMessage
from mailer.render.compile import trackable_links, with_tracking
from mailer.tracking.models import CampaignLink, TrackedCampaign
from subscribers.sqltypes import utcnow

_TRIES = 8  # rounds of "read the numbers, add the missing ones" against other processes
_LINKS = CampaignLink.__table__  # type: ignore[attr-defined]
_TRACKED = TrackedCampaign.__table__  # type: ignore[attr-defined]


class LinksNotStored(PleinpostError, RuntimeError):
    """Other processes kept numbering the same campaign's links; its mail was not sent (paused)."""


def tracked(
    engine: Engine, campaign_id: int, prepared: PreparedMessage, settings: Settings
) -> PreparedMessage:
    """The mail as it is sent: untouched with tracking off (the default); with it on,
    its links through the redirect and an open pixel, the links stored first."""
    if not settings.tracking:
        return prepared
    urls = trackable_links(prepared.html, settings.public_url)
    numbers = remember(engine, campaign_id, urls)
    return with_tracking(prepared, settings.public_url, numbers)


def remember(engine: Engine, campaign_id: int, urls: Sequence[str]) -> dict[str, int]:
    """Each address's number in this campaign, stored (committed) before it is used.

    Idempotent and safe against other processes doing the same: numbers are
    added with "insert unless taken" and read back; an address that lost a
    number to another process's address tries the next free one. Two
    processes adding one address at once may give it two numbers: both lead
    to it, and the lowest is used from then on.
    """
    wanted = list(dict.fromkeys(urls))
    with engine.begin() as conn:
        conn.execute(_insert(conn, _TRACKED).values(campaign_id=campaign_id, since=utcnow()))
    for _attempt in range(_TRIES):
        with engine.connect() as conn:
            known = _numbers(conn, campaign_id)
        missing = [url for url in wanted if url not in known]
        if not missing:
            return {url: known[url] for url in wanted}
        first = max(known.values(), default=0) + 1
        rows = [
            {"campaign_id": campaign_id, "number": first + i, "url": url}
            for i, url in enumerate(missing)
        ]
        with engine.begin() as conn:  # a fresh write: never upgrades a stale SQLite read
            conn.execute(_insert(conn, _LINKS), rows)
    raise LinksNotStored(
        _(
            "Campaign {id}: its links could not be numbered for click tracking "
            "(other processes kept taking the numbers); resume it to try again"
        ).format(id=campaign_id)
    )


def _numbers(conn: Connection, campaign_id: int) -> dict[str, int]:
    """Address → its lowest number in the campaign."""
    rows = conn.execute(
        select(_LINKS.c.url, func.min(_LINKS.c.number))
        .where(_LINKS.c.campaign_id == campaign_id)
        .group_by(_LINKS.c.url)
    )
    return {url: number for url, number in rows}


def _insert(conn: Connection, table: Any) -> Insert:
    """INSERT … ON CONFLICT DO NOTHING, in the dialect's words (SQLite, PostgreSQL)."""
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing()
    return sqlite.insert(table).on_conflict_do_nothing()


def link(conn: Connection, campaign_id: int, number: int) -> str | None:
    """The address of link ``number`` of a campaign, or None when it has no such link."""
    return conn.execute(
        select(_LINKS.c.url).where(_LINKS.c.campaign_id == campaign_id, _LINKS.c.number == number)
    ).scalar_one_or_none()


def links(conn: Connection, campaign_id: int) -> list[tuple[int, str]]:
    """A campaign's stored links by number (for the status and for tests)."""
    rows = conn.execute(
        select(_LINKS.c.number, _LINKS.c.url)
        .where(_LINKS.c.campaign_id == campaign_id)
        .order_by(_LINKS.c.number)
    )
    return [(number, url) for number, url in rows]


def was_tracked(conn: Connection, campaign_ids: Iterable[int]) -> set[int]:
    """Which of these campaigns went out with tracking on."""
    ids = list(campaign_ids)
    if not ids:
        return set()
    rows = conn.execute(
        select(_TRACKED.c.campaign_id).where(_TRACKED.c.campaign_id.in_(ids))
    ).scalars()
    return set(rows)
