"""Dates and times as a reader expects them, via Babel, in the event's zone.

Dutch style is written out by hand where Babel's CLDR default differs from
Dutch house style: times with a period ("15.00 uur"), an en dash in ranges.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_skeleton, format_time

from mailer.errors import InvalidInput
from mailer.i18n import _

LANGUAGES = ("nl", "en")


def _local(moment: datetime, zone: ZoneInfo | str) -> datetime:
    if moment.tzinfo is None:
        raise InvalidInput(
            _("A time without a time zone: {moment}; store UTC").format(moment=moment.isoformat())
        )
    return moment.astimezone(ZoneInfo(zone) if isinstance(zone, str) else zone)


def _lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise InvalidInput(_("Unknown language {lang!r}: choose nl or en").format(lang=lang))
    return lang


def long_date(moment: datetime, lang: str, zone: ZoneInfo | str) -> str:
    """'donderdag 7 juni 2029' / 'Thursday 7 June 2029'."""
    local = _local(moment, zone)
    if _lang(lang) == "nl":
        return format_date(local, "EEEE d MMMM y", locale="nl")
    return format_date(local, "EEEE d MMMM y", locale="en_GB")


def short_date(moment: datetime, lang: str, zone: ZoneInfo | str) -> str:
    """'do 7 jun' / 'Thu 7 Jun', for agenda lists."""
    local = _local(moment, zone)
    if _lang(lang) == "nl":
        return format_date(local, "EEE d MMM", locale="nl").replace(".", "")
    return format_date(local, "EEE d MMM", locale="en_GB")


def clock(moment: datetime, lang: str, zone: ZoneInfo | str) -> str:
    """'15.00' / '15:00' (24-hour clock in both: the readers are in the Netherlands)."""
    local = _local(moment, zone)
    if _lang(lang) == "nl":
        return format_time(local, "H.mm", locale="nl")
    return format_time(local, "HH:mm", locale="en_GB")


def time_range(start: datetime, end: datetime, lang: str, zone: ZoneInfo | str) -> str:
    """'15.00–17.00 uur' / '15:00–17:00'; an end on another day gets its date."""
    first, last = clock(start, lang, zone), clock(end, lang, zone)
    if _local(start, zone).date() != _local(end, zone).date():
        last = f"{short_date(end, lang, zone)} {last}"
    return f"{first}–{last} uur" if lang == "nl" else f"{first}–{last}"


def day_month(moment: datetime, lang: str, zone: ZoneInfo | str) -> str:
    """'28 mei' / '28 May'."""
    local = _local(moment, zone)
    if _lang(lang) == "nl":
        return format_date(local, "d MMMM", locale="nl")
    return format_skeleton("dMMMM", local, locale="en_GB")


def deadline_phrase(reply_by: datetime, lang: str, zone: ZoneInfo | str) -> str:
    """'vóór 28 mei' / 'before 28 May'.

    ``reply_by`` is the start of that day in local time (stored in UTC): the
    day named is the day the deadline falls on, so answers on it are late.
    A deadline that is not at midnight names the time too.
    """
    local = _local(reply_by, zone)
    day = day_month(local, lang, zone)
    midnight = local.hour == local.minute == local.second == 0
    if lang == "nl":
        return f"vóór {day}" if midnight else f"vóór {day} {clock(local, lang, zone)} uur"
    return f"before {day}" if midnight else f"before {day}, {clock(local, lang, zone)}"


def deadline_instant(day: datetime, zone: ZoneInfo | str) -> datetime:
    """The instant 'vóór <day>' means: the start of that day, local time, as UTC."""
    local = _local(day, zone)
    start = datetime(local.year, local.month, local.day, tzinfo=local.tzinfo)
    return start.astimezone(UTC)
