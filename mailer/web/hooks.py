"""The endpoints SendGrid calls: the signed Event Webhook and Inbound Parse (raw mode).

Both verify before they read, answer vaguely when they refuse, and answer
200 only once what SendGrid sent is committed: SendGrid retries anything
else, and a retry is harmless (events are unique per id, inbound mail per
sha256).
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import logging

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, PlainTextResponse, Response

from mailer.errors import InvalidInput
from mailer.inbound.intake import Source, intake
from mailer.tracking import signature
from mailer.tracking.record import record_sendgrid
from mailer.web.context import Web
from mailer.web.formdata import form_fields

log = logging.getLogger(__name__)

MAX_EVENTS_BYTES = 16 * 1024 * 1024
MAX_INBOUND_BYTES = 40 * 1024 * 1024  # SendGrid posts messages up to 30 MB


def _refused(status: int = 400) -> Response:
    return PlainTextResponse("refused", status_code=status)


def _basic_password(header: str | None) -> str:
    if not header or not header.lower().startswith("basic "):
        return ""
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return ""
    return decoded.partition(":")[2]


def _same(secret: str, given: str) -> bool:
    return bool(secret) and hmac.compare_digest(secret.encode(), given.encode())


def _envelope_to(fields: dict[str, bytes]) -> list[str]:
    try:
        envelope = json.loads(fields.get("envelope", b"{}").decode("utf-8", errors="replace"))
    except ValueError:
        return []
    to = envelope.get("to") if isinstance(envelope, dict) else None
    return [str(a) for a in to] if isinstance(to, list) else []


async def _body(request: Request, limit: int) -> bytes | None:
    """The raw body, or None when it is larger than ``limit``."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    body = await request.body()
    return body if len(body) <= limit else None


def router(web: Web) -> APIRouter:
    api = APIRouter()
    settings = web.settings

    @api.post("/hooks/sendgrid/events")
    async def sendgrid_events(request: Request) -> Response:
        if not settings.sendgrid_webhook_key:
            log.warning("SendGrid event refused: MAILER_SENDGRID_WEBHOOK_KEY is not set")
            return _refused(403)
        body = await _body(request, MAX_EVENTS_BYTES)
        if body is None:
            return _refused(413)
        try:
            signature.verify(
                settings.sendgrid_webhook_key,
                body,
                request.headers.get(signature.SIGNATURE_HEADER),
                request.headers.get(signature.TIMESTAMP_HEADER),
                now=web.clock(),
                window_seconds=settings.sendgrid_webhook_window_seconds,
            )
        except signature.WebhookRefused as err:
            log.warning("SendGrid event refused: %s", err)
            return _refused()
        try:
            report = await run_in_threadpool(
                record_sendgrid, web.engine, settings, body, web.clock()
            )
        except InvalidInput as err:  # stored, but not events: a retry would not help
            log.warning("SendGrid event body unreadable: %s", err)
            return _refused()
        return JSONResponse(
            {
                "recorded": report.recorded,
                "repeated": report.repeated,
                "unmatched": report.unmatched,
            }
        )

    async def inbound(request: Request, given: str) -> Response:
        if not _same(settings.inbound_webhook_secret, given):
            return _refused(403)
        body = await _body(request, MAX_INBOUND_BYTES)
        if body is None:
            return _refused(413)
        try:
            fields = form_fields(request.headers.get("content-type", ""), body)
        except InvalidInput:
            return _refused()
        raw = fields.get("email")
        if not raw:  # "raw" mode is off at SendGrid: nothing here is the message
            log.warning("SendGrid inbound refused: no 'email' field (is raw mode on?)")
            return _refused()
        try:
            stored = await run_in_threadpool(
                lambda: intake(
                    web.engine,
                    raw,
                    source=Source.WEBHOOK,
                    received_at=web.clock(),
                    origin="sendgrid",
                    envelope_to=_envelope_to(fields),
                )
            )
        except InvalidInput:
            return _refused()
        return JSONResponse({"stored": stored.id, "duplicate": stored.duplicate})

    @api.post("/hooks/sendgrid/inbound/{secret}")
    async def inbound_by_url(secret: str, request: Request) -> Response:
        return await inbound(request, secret)

    @api.post("/hooks/sendgrid/inbound")
    async def inbound_by_basic_auth(request: Request) -> Response:
        return await inbound(request, _basic_password(request.headers.get("authorization")))

    return api
