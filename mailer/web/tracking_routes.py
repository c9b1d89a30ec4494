"""The click redirect and the open pixel of tracked mail (``MAILER_TRACKING``).

``GET /c/{ref}/{n}`` goes to link ``n`` of the campaign of the delivery that
``ref`` names, and only there: the address comes from the campaign's stored
links (``mailer/tracking/links.py``), never from the request, so a forged
reference, an unknown number or a ``?url=`` parameter gets the plain page
every bad link gets and no redirect at all. ``GET /o/{ref}.gif`` is a 1x1
GIF whatever the reference, never cached. Both only count
(``mailer/tracking/activity.py``), and only while tracking is on: a link
scanner or a HEAD request can raise a counter, nothing more. Mail sent while
tracking was on keeps working after it is switched off, without counting.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import col

from mailer import tokens
from mailer.outbox import Delivery
from mailer.tokens import Purpose
from mailer.tracking import activity, links
from mailer.tracking.activity import Seen
from mailer.web.context import Web
from mailer.web.texts import INVALID

log = logging.getLogger(__name__)

# The smallest transparent GIF: 1x1, one colour, transparent.
PIXEL = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff"
    b"!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)
_NEVER_CACHE = {"Cache-Control": "no-store, no-cache, max-age=0, private", "Pragma": "no-cache"}
_NUMBER = re.compile(r"[0-9]{1,9}")


def destination(engine: Engine, delivery_id: int, number: int) -> str | None:
    """Where link ``number`` of this delivery's mail goes, or None: not one of its links."""
    with engine.connect() as conn:
        campaign_id = conn.execute(
            select(col(Delivery.campaign_id)).where(col(Delivery.id) == delivery_id)
        ).scalar_one_or_none()
        if campaign_id is None:
            return None
        url = links.link(conn, campaign_id, number)
    return url if url is not None and _web_address(url) else None


def _web_address(url: str) -> bool:
    """A stored link is an http(s) address with a host; checked again before every redirect."""
    parts = urlsplit(url)
    plain = not any(char.isspace() or ord(char) < 32 for char in url)
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname) and plain


def count(engine: Engine, delivery_id: int, seen: Seen, now: datetime) -> None:
    """Count an open or a click; a database that cannot count costs the figure, not the page."""
    try:
        with engine.begin() as conn:
            activity.record(conn, delivery_id, seen, now)
    except SQLAlchemyError:
        log.warning("could not count a %s of delivery %s", seen.value, delivery_id, exc_info=True)


def router(web: Web) -> APIRouter:
    api = APIRouter()

    def refused(status: int) -> HTMLResponse:
        response = web.pages.render("public/invalid.html", status=status, t=INVALID)
        response.headers.update(_NEVER_CACHE)
        return response

    @api.api_route("/c/{ref}/{number}", methods=["GET", "HEAD"], response_model=None)
    def click(ref: str, number: str, request: Request) -> Response:
        if request.url.query:  # where to go is never the request's to say
            return refused(400)
        delivery = tokens.delivery_id(web.settings, Purpose.CLICK, ref)
        if delivery is None or not _NUMBER.fullmatch(number):
            return refused(404)
        url = destination(web.engine, delivery, int(number))
        if url is None:
            return refused(404)
        if web.settings.tracking:
            count(web.engine, delivery, Seen.CLICK, web.clock())
        return RedirectResponse(url, status_code=302, headers=_NEVER_CACHE)

    @api.api_route("/o/{ref}.gif", methods=["GET", "HEAD"], response_model=None)
    def pixel(ref: str) -> Response:
        delivery = tokens.delivery_id(web.settings, Purpose.CLICK, ref)
        if delivery is not None and web.settings.tracking:
            count(web.engine, delivery, Seen.OPEN, web.clock())
        return Response(PIXEL, media_type="image/gif", headers=_NEVER_CACHE)

    return api
