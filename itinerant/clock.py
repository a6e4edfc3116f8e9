"""Clock times and seconds: the one conversion between :class:`datetime.time` and integers.

Inside the planner, times are integer seconds since midnight (the solver's unit); scenarios,
Schedules and every output speak local clock times. These helpers are the only place that
converts between the two.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["DAY_S", "clock_of", "hhmm", "minutes_between", "seconds_of"]

DAY_S = 24 * 3600
"""Seconds in a day."""


def seconds_of(value: dt.time) -> int:
    """Seconds since midnight of the clock time ``value`` (microseconds dropped)."""
    return value.hour * 3600 + value.minute * 60 + value.second


def clock_of(seconds: int) -> dt.time:
    """The clock time ``seconds`` after midnight, clamped to the day (00:00:00..23:59:59)."""
    seconds = min(max(int(seconds), 0), DAY_S - 1)
    return dt.time(seconds // 3600, seconds % 3600 // 60, seconds % 60)


def hhmm(seconds: int) -> str:
    """``seconds`` after midnight as ``"HH:MM"`` (seconds dropped; not clamped)."""
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


def minutes_between(start: dt.time, end: dt.time) -> int:
    """Whole minutes from ``start`` to ``end`` on the same day (negative if ``end`` is earlier)."""
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
