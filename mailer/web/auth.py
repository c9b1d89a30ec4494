"""Log-in, log-out, and the guard every dashboard page stands behind.

``Guard.user`` is the dependency of every dashboard route: without a valid
session it raises :class:`LoginRequired`, which the app turns into a redirect
to the log-in page. ``Guard.form`` reads a POSTed form and refuses it with 403
unless it carries the session's CSRF token (the log-in form too).

Failed log-ins count twice: against the account (:mod:`mailer.web.users`
locks it) and against the client's address (:mod:`mailer.web.throttle`); an
address over its limit gets 429 before any account is looked at.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from mailer.db import session_scope
from mailer.tracking.models import DashboardUser
from mailer.web import throttle, users
from mailer.web.context import Web
from mailer.web.lang import gettext_for
from mailer.web.session import SessionData, csrf_matches, new_session

HOME = "/overzicht"


class LoginRequired(Exception):
    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


def login_redirect(request: Request, exc: Exception) -> Response:
    path = exc.path if isinstance(exc, LoginRequired) else HOME
    return RedirectResponse(f"/login?next={quote(path, safe='/')}", status_code=303)


def safe_next(value: object) -> str:
    """Only a path on this site: never ``//host`` or ``https://…`` (no open redirect)."""
    if not isinstance(value, str) or not value.startswith("/") or value.startswith("//"):
        return HOME
    if "\\" in value or any(ord(ch) < 32 for ch in value):
        return HOME
    return value


class Guard:
    def __init__(self, web: Web, logins: throttle.FailureLimit | None = None) -> None:
        self.web = web
        self.logins = logins or throttle.FailureLimit()  # failed log-ins per client address

    def session(self, request: Request) -> SessionData | None:
        return self.web.sessions.read(request)

    def _load(self, data: SessionData) -> DashboardUser | None:
        with session_scope(self.web.engine) as session:
            user = session.get(DashboardUser, data.user_id)
            if user is None or user.session_epoch != data.epoch:
                return None
            return user

    async def user(self, request: Request) -> DashboardUser:
        data = self.session(request)
        if data is None or data.user_id is None:
            raise LoginRequired(request.url.path)
        user = await run_in_threadpool(self._load, data)
        if user is None:
            raise LoginRequired(request.url.path)
        return user

    async def form(self, request: Request) -> FormData:
        form = await request.form()
        if not csrf_matches(self.session(request), form.get("csrf")):
            raise HTTPException(status_code=403, detail="CSRF token missing or wrong")
        return form

    def page(
        self, request: Request, name: str, *, status: int = 200, **context: Any
    ) -> HTMLResponse:
        """A page with forms: the session's CSRF token in the context, a cookie if new."""
        data = self.session(request)
        fresh = data is None
        if data is None:
            data = new_session()
        user = context.get("user")
        language = user.language if isinstance(user, DashboardUser) else "nl"
        response = self.web.pages.render(
            name, status=status, csrf=data.csrf, lang=language, _=gettext_for(language), **context
        )
        if fresh:
            self.web.sessions.write(response, data)
        return response


def client_host(request: Request) -> str | None:
    """The client's address as uvicorn reports it (X-Forwarded-For only from a trusted proxy)."""
    return request.client.host if request.client is not None else None


def router(web: Web, guard: Guard) -> APIRouter:
    api = APIRouter()
    limit = guard.logins

    def refused(request: Request, wait: timedelta, target: str) -> HTMLResponse:
        """429 for an address over its limit: the same page whatever account it tried."""
        response = guard.page(
            request,
            "login.html",
            status=429,
            next=target,
            failed=False,
            wait_minutes=throttle.minutes(wait),
            english=gettext_for("en"),
        )
        response.headers["Retry-After"] = str(max(1, int(wait.total_seconds())))
        return response

    def check(email: str, password: str) -> users.LoginResult:
        with session_scope(web.engine) as session:
            return users.authenticate(session, email, password, web.clock())

    def logout_user(user_id: int) -> None:
        with session_scope(web.engine) as session:
            users.end_sessions(session, user_id)

    @api.get("/login", response_class=HTMLResponse)
    async def login_page(request: Request, next: str = HOME) -> HTMLResponse:
        return guard.page(request, "login.html", next=safe_next(next), failed=False)

    @api.post("/login", response_class=HTMLResponse)
    async def login(request: Request) -> Response:
        form = await guard.form(request)
        email, password = str(form.get("email", "")), str(form.get("password", ""))
        target = safe_next(form.get("next"))
        host = client_host(request)
        wait = limit.wait(host, web.clock())
        if wait is not None:
            return refused(request, wait, target)
        result = await run_in_threadpool(check, email, password)
        if result.user is None or result.user.id is None:
            limit.failed(host, web.clock())
            return guard.page(request, "login.html", status=401, next=target, failed=True)
        response = RedirectResponse(target, status_code=303)
        web.sessions.write(response, new_session(result.user.id, result.user.session_epoch))
        return response

    @api.post("/logout")
    async def logout(request: Request) -> Response:
        await guard.form(request)
        data = guard.session(request)
        if data is not None and data.user_id is not None:
            await run_in_threadpool(logout_user, data.user_id)
        response = RedirectResponse("/login", status_code=303)
        web.sessions.clear(response)
        return response

    return api
