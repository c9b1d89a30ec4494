"""Who may use the dashboard: adding users, checking passwords, limiting guesses.

Passwords are kept only as Argon2 hashes. After ``MAX_FAILURES`` wrong
passwords in a row an account is locked for ``LOCK_MINUTES``; the answer to a
wrong password, a locked account and an unknown address is the same, and
takes as long, so the log-in page does not tell which addresses exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, col, select

from mailer.errors import InvalidInput
from mailer.i18n import _
from mailer.tracking.models import DashboardUser, Role
from subscribers.normalise import normalise_email

MAX_FAILURES = 5
LOCK_MINUTES = 15
MIN_PASSWORD = 12

_hasher = PasswordHasher()
_DUMMY = _hasher.hash("pleinpost-no-such-user")  # verified against for unknown addresses


class UserExists(InvalidInput):
    """A dashboard user with this address exists already."""


@dataclass(frozen=True)
class LoginResult:
    user: DashboardUser | None  # None: refused (unknown, wrong password or locked)
    locked: bool = False


def _address(email: str) -> str:
    try:
        return normalise_email(email)
    except ValueError as err:
        raise InvalidInput(_("Not an email address: {email}").format(email=email)) from err


def find(session: Session, email: str) -> DashboardUser | None:
    query = select(DashboardUser).where(col(DashboardUser.email) == email.strip().lower())
    return session.exec(query).first()


def add_user(
    session: Session, email: str, password: str, *, role: Role, language: str, now: datetime
) -> DashboardUser:
    address = _address(email)
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(
            _("The password is too short: use at least {n} characters").format(n=MIN_PASSWORD)
        )
    if find(session, address) is not None:
        raise UserExists(_("A dashboard user {email} exists already").format(email=address))
    user = DashboardUser(
        email=address,
        password_hash=_hasher.hash(password),
        role=role.value,
        language=language,
        created_at=now,
    )
    session.add(user)
    session.flush()
    return user


def _verify(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def authenticate(session: Session, email: str, password: str, now: datetime) -> LoginResult:
    """Check a log-in and count it; the caller commits."""
    user = find(session, email)
    if user is None:
        _verify(_DUMMY, password)
        return LoginResult(None)
    if user.locked_until is not None and user.locked_until > now:
        _verify(_DUMMY, password)
        return LoginResult(None, locked=True)
    if not _verify(user.password_hash, password):
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILURES:
            user.locked_until = now + timedelta(minutes=LOCK_MINUTES)
            user.failed_logins = 0
        session.add(user)
        return LoginResult(None)
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    session.add(user)
    return LoginResult(user)


def end_sessions(session: Session, user_id: int) -> None:
    """Log-out: every cookie issued to this user so far stops working."""
    user = session.get(DashboardUser, user_id)
    if user is not None:
        user.session_epoch += 1
        session.add(user)


def list_users(session: Session) -> list[DashboardUser]:
    return list(session.exec(select(DashboardUser).order_by(col(DashboardUser.email))))
