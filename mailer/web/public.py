"""The unsubscribe link in every mail (RFC 8058), bound to a signed per-delivery reference.

``GET /u/{ref}`` only shows a page with one button: link scanners and
previewers fetch every link in a mail and must never unsubscribe anyone.
``POST /u/{ref}`` with ``List-Unsubscribe=One-Click`` (what Gmail and
Outlook send, and what the button sends) unsubscribes at once. A reference
that is not ours gets the same plain 400 page whatever was wrong with it.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from mailer import tokens
from mailer.db import session_scope
from mailer.errors import InvalidInput
from mailer.tokens import Purpose
from mailer.tracking.optout import OptOut, language_of, unsubscribe
from mailer.web.context import Web
from mailer.web.texts import INVALID, public_texts

ONE_CLICK = ("List-Unsubscribe", "One-Click")


def router(web: Web) -> APIRouter:
    api = APIRouter()

    def invalid() -> HTMLResponse:
        return web.pages.render("public/invalid.html", status=400, t=INVALID)

    def page(name: str, language: str, **context: Any) -> HTMLResponse:
        texts = public_texts(language, web.settings.network_name)
        return web.pages.render(name, lang=language, t=texts, **context)

    def ask(delivery: int) -> str:
        with session_scope(web.engine) as session:
            return language_of(session, delivery)

    def opt_out(delivery: int) -> OptOut:
        with session_scope(web.engine) as session:
            return unsubscribe(session, delivery, web.clock(), web.settings.secret())

    @api.get("/u/{ref}", response_class=HTMLResponse)
    async def unsubscribe_page(ref: str) -> HTMLResponse:
        try:
            delivery = tokens.link_delivery(web.settings, Purpose.UNSUBSCRIBE, ref)
        except InvalidInput:
            return invalid()
        language = await run_in_threadpool(ask, delivery)
        return page("public/unsubscribe.html", language, ref=ref, field=ONE_CLICK)

    @api.post("/u/{ref}", response_class=HTMLResponse)
    async def unsubscribe_now(ref: str, request: Request) -> HTMLResponse:
        try:
            delivery = tokens.link_delivery(web.settings, Purpose.UNSUBSCRIBE, ref)
        except InvalidInput:
            return invalid()
        form = await request.form()
        if form.get(ONE_CLICK[0]) != ONE_CLICK[1]:
            return invalid()
        done = await run_in_threadpool(opt_out, delivery)
        return page("public/unsubscribed.html", done.language, found=done.found)

    return api
