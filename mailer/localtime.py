"""Local wall-clock time in, aware UTC out, and back for display.

Coordinators think in Amsterdam time ("maandag 09:00"); the store keeps UTC.
Twice a year a wall-clock time is not one instant: in March 02:00–03:00 does
not exist, in October 02:00–03:00 happens twice. Guessing there could move a
send by an hour, so such times are refused unless the caller says which one
is meant (``fold``, or an explicit UTC offset in the text).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from mailer.errors import AmbiguousLocalTime, InvalidInput, NonexistentLocalTime
from mailer.i18n import _

_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S")
_OFFSET = re.compile(r"(Z|[+-]\d{2}:?\d{2})$")


def _parse_wall(text: str) -> datetime:
    """The naive wall-clock time in ``text``; a bare date means the start of that day.

    The start of the day because a deadline written "vóór 28 mei" closes as
    28 May begins (ARCHITECTURE.md, "Time").
    """
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    try:
        return datetime.combine(date.fromisoformat(text), time(0, 0))
    except ValueError:
        pass
    raise InvalidInput(
        _("Unknown time {text!r}: write 'YYYY-MM-DD HH:MM' or 'YYYY-MM-DD'").format(text=text)
    )


def _explicit_offset(text: str) -> datetime | None:
    """An ISO time with its own offset ("…+01:00", "…Z") is unambiguous by itself."""
    if not _OFFSET.search(text):
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as err:
        raise InvalidInput(
            _("Unknown time {text!r}: write 'YYYY-MM-DD HH:MM' or 'YYYY-MM-DD'").format(text=text)
        ) from err
    return parsed.astimezone(UTC)


def localize(wall: datetime, zone: ZoneInfo, *, fold: int | None = None) -> datetime:
    """Attach ``zone`` to a naive wall-clock time, refusing the DST gap and overlap.

    ``fold=0`` picks the first of a doubled hour (still summer time), ``fold=1``
    the second (winter time). Without it a doubled time is an error.
    """
    if wall.tzinfo is not None:
        return wall.astimezone(UTC)
    first = wall.replace(tzinfo=zone, fold=0)
    second = wall.replace(tzinfo=zone, fold=1)
    shown = f"{wall:%Y-%m-%d %H:%M}"
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != wall:
        raise NonexistentLocalTime(
            _(
                "{time} does not exist in {zone} (clocks go forward that night); pick another time"
            ).format(time=shown, zone=zone.key)
        )
    if first.utcoffset() != second.utcoffset():
        if fold is None:
            summer, winter = _offset(first), _offset(second)
            raise AmbiguousLocalTime(
                _(
                    "{time} happens twice in {zone} (clocks go back): choose summer time "
                    "({summer}) or winter time ({winter}), e.g. '{time}{winter}'"
                ).format(time=shown, zone=zone.key, summer=summer, winter=winter)
            )
        return (second if fold else first).astimezone(UTC)
    return first.astimezone(UTC)


def _offset(moment: datetime) -> str:
    delta = moment.utcoffset() or timedelta(0)
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def parse_local(text: str, zone: ZoneInfo, *, fold: int | None = None) -> datetime:
    """Parse what a coordinator typed ("2026-12-01 09:00", "2029-05-28") into aware UTC."""
    text = text.strip()
    explicit = _explicit_offset(text)
    if explicit is not None:
        return explicit
    return localize(_parse_wall(text), zone, fold=fold)


def to_local(moment: datetime, zone: ZoneInfo) -> datetime:
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime {moment!r}: expected aware UTC")
    return moment.astimezone(zone)


def format_local(moment: datetime | None, zone: ZoneInfo, *, seconds: bool = False) -> str:
    """UTC for people: "2029-06-07 15:00 CEST" (the abbreviation shows which side of DST)."""
    if moment is None:
        return "—"
    local = to_local(moment, zone)
    return local.strftime("%Y-%m-%d %H:%M:%S %Z" if seconds else "%Y-%m-%d %H:%M %Z")
