"""The one web app: public endpoints, SendGrid's webhooks and the dashboard.

``create_app`` wires the routers to one settings object and one engine, as
the CLI does for its commands; nothing here decides anything a router's
package does not.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.engine import Engine

from mailer.config import Settings
from mailer.web import (
    auth,
    board,
    campaign_status,
    contacts,
    events,
    hooks,
    overview,
    public,
    review,
    rsvp_page,
    tracking_routes,
)
from mailer.web import campaigns as campaign_pages
from mailer.web.context import Clock, Web
from mailer.web.pages import Pages
from mailer.web.session import Sessions
from subscribers.sqltypes import utcnow

STATIC = Path(__file__).parent / "static"

_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # the path of /u/… and /r/… is a credential: never hand it to another site
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
}


async def _security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    for name, value in _HEADERS.items():
        response.headers.setdefault(name, value)
    if not request.url.path.startswith("/static/"):
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def create_app(settings: Settings, engine: Engine, *, clock: Clock = utcnow) -> FastAPI:
    web = Web(
        settings=settings,
        engine=engine,
        clock=clock,
        pages=Pages(),
        sessions=Sessions(
            settings.secret(), secure=settings.public_url.lower().startswith("https://")
        ),
    )
    app = FastAPI(title="Pleinpost", docs_url=None, redoc_url=None, openapi_url=None)
    app.middleware("http")(_security_headers)
    app.add_exception_handler(auth.LoginRequired, auth.login_redirect)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    guard = auth.Guard(web)
    app.include_router(public.router(web))
    app.include_router(rsvp_page.router(web))
    app.include_router(tracking_routes.router(web))
    app.include_router(hooks.router(web))
    app.include_router(auth.router(web, guard))
    app.include_router(overview.router(web, guard))
    app.include_router(campaign_pages.router(web, guard))
    app.include_router(campaign_status.router(web, guard))
    app.include_router(events.router(web, guard))
    app.include_router(review.router(web, guard))
    app.include_router(board.router(web, guard))
    app.include_router(contacts.router(web, guard))
    app.state.web = web
    return app
