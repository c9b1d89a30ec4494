"""Stored reasons are codes with parameters, shown in the reader's language."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlmodel import Session

from mailer import i18n, outbox, reasons
from mailer.outbox import Delivery
from mailer.reasons import Code
from mailer.sending.dispatch import DEADLINE_REASON
from subscribers.sqltypes import utcnow
from tests.factories import network, newsletter, send_once


@pytest.fixture
def english() -> Iterator[None]:
    before = i18n.language()
    i18n.set_language("en")
    yield
    i18n.set_language(before)


def test_a_stored_code_renders_dutch_by_default():
    stored = reasons.encode(Code.ERROR_BUDGET, failed=21, tried=30)
    assert stored.startswith("pp:error_budget ")
    assert i18n.language() == "nl"
    assert reasons.render(stored) == "automatisch gepauzeerd: 21 van 30 mislukt"


def test_the_same_stored_code_renders_english(english):
    stored = reasons.encode(Code.ERROR_BUDGET, failed=21, tried=30)
    assert reasons.render(stored) == "auto-paused: 21 of 30 failed"


def test_a_code_inside_a_parameter_is_rendered_too(english):
    stored = reasons.encode(Code.GAVE_UP, tries=3, reason=reasons.encode(Code.NO_RESULT))
    assert reasons.render(stored) == "gave up after 3 tries: no answer from the transport"


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "SMTP 550 5.1.1 no such user",  # a provider's own words
        "afgemeld / unsubscribed",  # a row from before codes
        "pp:from_a_newer_version",
        "pp:gave_up {not json",
        'pp:gave_up {"tries": 3}',  # a parameter missing
    ],
)
def test_anything_else_is_shown_as_it_is(stored):
    assert reasons.render(stored) == stored


def test_every_code_has_a_msgid_with_a_dutch_translation():
    params = {
        "tries": 2,
        "reason": "x",
        "note": "x",
        "failed": 1,
        "tried": 2,
        "problem": "x",
        "late_hours": 1,
        "grace_hours": 6,
        "error": "x",
        "segment": "x",
        "n": 1,
    }
    for code in Code:
        dutch = reasons.render(reasons.encode(code, **params))
        assert not dutch.startswith(reasons.PREFIX)
        i18n.set_language("en")
        try:
            assert reasons.render(reasons.encode(code, **params)) != dutch, code
        finally:
            i18n.set_language("nl")


def test_long_parameters_are_shortened_so_the_code_still_fits():
    stored = reasons.encode(Code.GAVE_UP, tries=1, reason="x" * 5000)
    assert len(stored) < 1000 and reasons.decode(stored) is not None


def test_problems_and_snapshots_show_rendered_reasons(engine, settings, english):
    with Session(engine) as s:
        network(s, initiatives=0, contacts_per_org=2)
    now = utcnow()
    cid = newsletter(engine, now, send_before=now + timedelta(minutes=1))
    send_once(engine, settings, now)  # started and sent; nothing left to close
    with Session(engine) as s:
        rows = list(s.exec(outbox.select(Delivery).where(Delivery.campaign_id == cid)))
        for row in rows:  # as an interrupted send and an old row would leave them
            row.status = "uncertain"
        rows[0].reason = reasons.encode(Code.INTERRUPTED)
        rows[1].reason = "SMTP 451 try later"
        s.add_all(rows)
        s.commit()
        shown = {p["reason"] for p in outbox.problems(s, cid)}
    assert shown == {"interrupted while sending; may have been delivered", "SMTP 451 try later"}
    assert reasons.render(DEADLINE_REASON).startswith("not sent: its send-before deadline")
