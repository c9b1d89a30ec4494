from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from mailer.errors import AmbiguousLocalTime, InvalidInput, NonexistentLocalTime
from mailer.i18n import DEFAULT_LANGUAGE, set_language
from mailer.localtime import format_local, parse_local

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def english():
    """Operator messages in English for one test (as MAILER_LANGUAGE=en does at the root)."""
    set_language("en")
    yield
    set_language(DEFAULT_LANGUAGE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01 09:00", datetime(2026, 12, 1, 8, 0, tzinfo=UTC)),  # winter: UTC+1
        ("2026-06-01 09:00", datetime(2026, 6, 1, 7, 0, tzinfo=UTC)),  # summer: UTC+2
        ("2026-06-01T09:00:30", datetime(2026, 6, 1, 7, 0, 30, tzinfo=UTC)),
        # a bare date is the start of that day: "vóór 28 mei" closes as 28 May begins
        ("2029-05-28", datetime(2029, 5, 27, 22, 0, tzinfo=UTC)),
        # 09:00 on both sides of the March and October changes stays 09:00 local
        ("2026-03-28 09:00", datetime(2026, 3, 28, 8, 0, tzinfo=UTC)),
        ("2026-03-30 09:00", datetime(2026, 3, 30, 7, 0, tzinfo=UTC)),
        ("2026-10-24 09:00", datetime(2026, 10, 24, 7, 0, tzinfo=UTC)),
        ("2026-10-26 09:00", datetime(2026, 10, 26, 8, 0, tzinfo=UTC)),
        # an explicit offset decides by itself
        ("2026-10-25 02:30+01:00", datetime(2026, 10, 25, 1, 30, tzinfo=UTC)),
        ("2026-10-25T00:30Z", datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
    ],
)
def test_local_text_becomes_aware_utc(text, expected):
    got = parse_local(text, AMS)
    assert got == expected
    assert got.utcoffset().total_seconds() == 0


def test_the_missing_march_hour_is_refused():
    with pytest.raises(NonexistentLocalTime, match=r"bestaat niet in Europe/Amsterdam"):
        parse_local("2026-03-29 02:30", AMS)
    # fold does not make a missing time exist
    with pytest.raises(NonexistentLocalTime):
        parse_local("2026-03-29 02:00", AMS, fold=1)
    assert parse_local("2026-03-29 03:00", AMS) == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)


def test_the_doubled_october_hour_needs_a_choice():
    with pytest.raises(AmbiguousLocalTime, match=r"twee keer.*\+02:00.*\+01:00"):
        parse_local("2026-10-25 02:30", AMS)
    summer = parse_local("2026-10-25 02:30", AMS, fold=0)
    winter = parse_local("2026-10-25 02:30", AMS, fold=1)
    assert summer == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert winter == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)


@pytest.mark.parametrize("text", ["morgen", "2026-13-01 09:00", "01-12-2026 09:00", ""])
def test_nonsense_is_refused(text):
    with pytest.raises(InvalidInput, match=r"Onbekende tijd.*JJJJ-MM-DD"):
        parse_local(text, AMS)


def test_messages_follow_the_operator_language(english):
    with pytest.raises(NonexistentLocalTime, match=r"does not exist in Europe/Amsterdam"):
        parse_local("2026-03-29 02:30", AMS)
    with pytest.raises(InvalidInput, match=r"Unknown time 'morgen'"):
        parse_local("morgen", AMS)


def test_format_shows_local_time_with_the_side_of_dst():
    assert format_local(datetime(2026, 3, 28, 8, 0, tzinfo=UTC), AMS) == "2026-03-28 09:00 CET"
    assert format_local(datetime(2026, 3, 30, 7, 0, tzinfo=UTC), AMS) == "2026-03-30 09:00 CEST"
    assert format_local(None, AMS) == "—"
    for text in ("2026-10-24 09:00", "2026-10-26 09:00", "2029-06-07 15:00"):
        assert format_local(parse_local(text, AMS), AMS).startswith(text)


def test_naive_datetimes_are_not_formatted():
    with pytest.raises(ValueError, match="naive"):
        format_local(datetime(2026, 1, 1, 9, 0), AMS)
