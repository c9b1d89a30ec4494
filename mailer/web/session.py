"""The dashboard's signed session cookie and the CSRF token it carries.

The cookie holds only ids (user, session epoch) and the CSRF token, signed
with the installation's secret; it is HttpOnly, SameSite=Lax, and Secure
whenever the public address is https. Every form repeats the CSRF token, and
a POST whose token does not match the cookie's is refused with 403.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

from fastapi import Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE = "pleinpost_session"
MAX_AGE = 12 * 3600  # a working day; log in again the next morning


@dataclass(frozen=True)
class SessionData:
    csrf: str
    user_id: int | None = None
    epoch: int = 0


def new_session(user_id: int | None = None, epoch: int = 0) -> SessionData:
    """A fresh token at every log-in, so a token seen before it is worthless after."""
    return SessionData(csrf=secrets.token_urlsafe(24), user_id=user_id, epoch=epoch)


class Sessions:
    def __init__(self, secret: str, *, secure: bool) -> None:
        self._signer = URLSafeTimedSerializer(secret, salt="pleinpost-web-session")
        self.secure = secure

    def read(self, request: Request) -> SessionData | None:
        raw = request.cookies.get(COOKIE)
        if not raw:
            return None
        try:
            data = self._signer.loads(raw, max_age=MAX_AGE)
        except BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("c"), str):
            return None
        user = data.get("u")
        epoch = data.get("e", 0)
        return SessionData(
            csrf=data["c"],
            user_id=user if isinstance(user, int) else None,
            epoch=epoch if isinstance(epoch, int) else 0,
        )

    def write(self, response: Response, data: SessionData) -> None:
        value = self._signer.dumps({"c": data.csrf, "u": data.user_id, "e": data.epoch})
        response.set_cookie(
            COOKIE,
            value,
            max_age=MAX_AGE,
            httponly=True,
            samesite="lax",
            secure=self.secure,
            path="/",
        )

    def clear(self, response: Response) -> None:
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax", secure=self.secure)


def csrf_matches(session: SessionData | None, given: object) -> bool:
    if session is None or not isinstance(given, str) or not given:
        return False
    return hmac.compare_digest(session.csrf.encode(), given.encode())
