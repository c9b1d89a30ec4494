"""Why a delivery was skipped or failed, why a campaign paused: stored as codes.

A reason is written once and read for years, by coordinators who may read
another language than the process that wrote it. So the database keeps a code
with its parameters, and the words are chosen when the reason is shown::

    from mailer import reasons

    # storing (Delivery.reason, Campaign.note)
    campaign.note = reasons.encode(reasons.Code.PAUSED_BY_COORDINATOR)
    row.reason = reasons.encode(reasons.Code.GAVE_UP, tries=3, reason="SMTP 451 busy")
    #   -> 'pp:gave_up {"tries": 3, "reason": "SMTP 451 busy"}'

    # showing (CLI output, JSON for people): in the operator's language
    console.print(reasons.render(campaign.note))
    #   nl: 'gepauzeerd door de coördinator'   en: 'paused by the coordinator'

Anything that is not one of our codes (a provider's own words, an SMTP reply,
rows written before codes existed, a code from a newer version) is shown as it
is, so ``render`` is safe on every stored value, including ``""``. A string
parameter that is itself a stored code is rendered too (``GAVE_UP`` wraps the
last attempt's reason).
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any

from mailer.i18n import N_, _

PREFIX = "pp:"
MAX_PARAM_CHARS = 400  # Delivery.reason holds 1000 characters; a cut code would show raw


class Code(StrEnum):
    # a delivery that is not sent (snapshot, cancel, deadline)
    UNSUBSCRIBED = "unsubscribed"
    BOUNCED = "bounced"
    COMPLAINED = "complained"
    SUPPRESSED = "suppressed"
    CAMPAIGN_CANCELLED = "campaign_cancelled"
    DEADLINE_PASSED = "deadline_passed"
    # a delivery that failed or may have arrived
    GAVE_UP = "gave_up"
    INTERRUPTED = "interrupted"
    NO_RESULT = "no_result"
    # a campaign that paused or did not start
    PAUSED_BY_COORDINATOR = "paused_by_coordinator"
    PAUSED_WITH_NOTE = "paused_with_note"
    ERROR_BUDGET = "error_budget"
    CONFIG_PROBLEM = "config_problem"
    SEND_BEFORE_PASSED = "send_before_passed"
    MISSED = "missed"
    TIME_PASSED_WHEN_PLANNED = "time_passed_when_planned"
    RENDER_FAILED = "render_failed"
    SEGMENT_MISSING = "segment_missing"
    START_FAILED = "start_failed"
    ALL_UNCERTAIN = "all_uncertain"


# English msgids, translated by ``render`` at display time; placeholders are the params.
CATALOGUE: dict[Code, str] = {
    Code.UNSUBSCRIBED: N_("unsubscribed"),
    Code.BOUNCED: N_("bounced earlier"),
    Code.COMPLAINED: N_("complained about our mail"),
    Code.SUPPRESSED: N_("suppressed address"),
    Code.CAMPAIGN_CANCELLED: N_("campaign cancelled"),
    Code.DEADLINE_PASSED: N_("not sent: its send-before deadline had passed"),
    Code.GAVE_UP: N_("gave up after {tries} tries: {reason}"),
    Code.INTERRUPTED: N_("interrupted while sending; may have been delivered"),
    Code.ALL_UNCERTAIN: N_(
        "nothing is known to have arrived: {n} deliveries are uncertain; check a few "
        "recipients, then `campaign resend --uncertain` or cancel"
    ),
    Code.NO_RESULT: N_("no answer from the transport"),
    Code.PAUSED_BY_COORDINATOR: N_("paused by the coordinator"),
    Code.PAUSED_WITH_NOTE: N_("paused by the coordinator: {note}"),
    Code.ERROR_BUDGET: N_("auto-paused: {failed} of {tried} failed"),
    Code.CONFIG_PROBLEM: N_("paused until a setting is fixed: {problem}"),
    Code.SEND_BEFORE_PASSED: N_("not sent: its send-before time had passed"),
    Code.MISSED: N_("not sent: {late_hours} hours late (grace {grace_hours} hours); reschedule it"),
    Code.TIME_PASSED_WHEN_PLANNED: N_("its time had passed when planned"),
    Code.RENDER_FAILED: N_("paused: the mail could not be made: {error}"),
    Code.SEGMENT_MISSING: N_(
        "paused: segment {segment} no longer exists; edit the campaign's segments "
        "or create the segment again, then resume"
    ),
    Code.START_FAILED: N_("paused: the campaign could not start: {error}"),
}


def _param(value: Any) -> Any:
    if isinstance(value, bool | int | float) or value is None:
        return value
    text = str(value)
    return text if len(text) <= MAX_PARAM_CHARS else text[: MAX_PARAM_CHARS - 1] + "…"


def encode(code: Code | str, **params: Any) -> str:
    """The value to store: ``pp:<code>`` plus its params as JSON (long strings shortened)."""
    code = Code(code)  # an unknown code is a bug here, not something to store
    if not params:
        return PREFIX + code.value
    values = {name: _param(value) for name, value in params.items()}
    return f"{PREFIX}{code.value} {json.dumps(values, ensure_ascii=False)}"


def decode(stored: str) -> tuple[Code, dict[str, Any]] | None:
    """(code, params) of a stored code; None for anything else (shown as it is)."""
    if not stored or not stored.startswith(PREFIX):
        return None
    name, _sep, rest = stored[len(PREFIX) :].partition(" ")
    try:
        code = Code(name)
        params = json.loads(rest) if rest else {}
    except ValueError:
        return None
    return (code, params) if isinstance(params, dict) else None


def render(stored: str | None) -> str:
    """A stored reason in the operator's language now; anything else unchanged."""
    if not stored:
        return ""
    decoded = decode(stored)
    if decoded is None:
        return stored
    code, params = decoded
    shown = {k: render(v) if isinstance(v, str) else v for k, v in params.items()}
    try:
        return _(CATALOGUE[code]).format(**shown)
    except (KeyError, IndexError, ValueError):
        return stored  # a param missing from an old row: the raw value beats a crash


def is_code(stored: str | None, code: Code | None = None) -> bool:
    """Is ``stored`` one of our codes (``code`` in particular, when given)?"""
    decoded = decode(stored or "")
    return decoded is not None and (code is None or decoded[0] is code)
