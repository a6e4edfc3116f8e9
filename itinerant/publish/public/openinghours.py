"""The sessions of one Stop as an OpenStreetMap ``opening_hours`` string.

``opening_hours`` (https://wiki.openstreetmap.org/wiki/Key:opening_hours/specification) is the
syntax of OpenStreetMap, and the one the data·inclusion schema asks for the hours of a service.
:func:`opening_hours` writes a small, exact subset of it, so that an evaluator finds the Stop
open during its sessions and at no other time:

- a weekly rotation (:class:`~itinerant.publish.public.rotations.Rotation`) is a date range and
  a weekday, with a week rule when it comes every *N* > 1 weeks, split per ISO year so that week
  numbers keep their parity:
  ``2027 Jan 05-2027 Feb 02 week 01-05/2 Tu 09:30-11:00``; every week:
  ``2027 Jan 07-2027 Jan 28 Th 14:00-16:00``;
- a monthly rotation uses the *n*-th weekday: ``2027 Jan 14-2027 Mar 11 Th[2] 14:00-16:00``;
- a Visit in no rotation is a dated rule: ``2027 Jan 12 09:00-11:30`` (several sessions of one
  day: ``2027 Jan 12 09:00-11:30,14:00-15:00``);
- these rules are joined with the *additional* rule separator ``", "`` (they add up, none
  overrides another); then each date a rotation skips gets a *normal* rule (``"; "``), which
  replaces every earlier rule on that day: the sessions really held that day, or ``off``:
  ``...; 2027 Jan 19 off``.

Grammar used (nothing else is written)::

    hours     = rule *( ", " rule ) *( "; " date SP ( times / "off" ) )
    rule      = span SP [ "week " WW [ "-" WW "/" N ] SP ] day SP times / date SP times
    span      = date [ "-" date ]
    date      = YYYY SP Mon SP DD            ; Mon = Jan..Dec
    day       = Mo / Tu / We / Th / Fr / Sa / Su [ "[" n "]" ]
    times     = HH:MM "-" HH:MM *( "," HH:MM "-" HH:MM )

Month and weekday abbreviations are those of the syntax (English), not texts for people.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from itinerant.publish.public.events import EventKind, PublicEvent
from itinerant.publish.public.rotations import Rotation, RotationKind

__all__ = ["CLOSED", "DAYS", "MONTHS", "opening_hours", "osm_date"]

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
"""Weekday abbreviations of the syntax; index = :meth:`datetime.date.weekday`."""

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
"""Month abbreviations of the syntax."""

CLOSED = "off"
"""The whole string when there is no session at all."""


def osm_date(day: dt.date) -> str:
    """``2027 Jan 05``."""
    return f"{day.year} {MONTHS[day.month - 1]} {day.day:02d}"


def _span(first: dt.date, last: dt.date) -> str:
    return osm_date(first) if first == last else f"{osm_date(first)}-{osm_date(last)}"


def _times(ranges: Iterable[tuple[dt.time, dt.time]]) -> str:
    return ",".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in sorted(set(ranges)))


def _rotation_rules(rotation: Rotation) -> list[str]:
    times = _times([(rotation.start, rotation.end)])
    days = rotation.pattern_dates
    if rotation.kind is RotationKind.MONTHLY:
        day = f"{DAYS[rotation.weekday]}[{rotation.ordinal}]"
        return [f"{_span(days[0], days[-1])} {day} {times}"]
    day = DAYS[rotation.weekday]
    if rotation.interval == 1:
        return [f"{_span(days[0], days[-1])} {day} {times}"]
    by_year: dict[int, list[dt.date]] = {}
    for d in days:
        by_year.setdefault(d.isocalendar().year, []).append(d)
    rules = []
    for year_days in by_year.values():
        first, last = year_days[0], year_days[-1]
        w1, w2 = first.isocalendar().week, last.isocalendar().week
        weeks = f"week {w1:02d}" if w1 == w2 else f"week {w1:02d}-{w2:02d}/{rotation.interval}"
        rules.append(f"{_span(first, last)} {weeks} {day} {times}")
    return rules


def opening_hours(events: Sequence[PublicEvent], rotations: Sequence[Rotation] = ()) -> str:
    """The ``opening_hours`` string of one Stop's sessions (rules in the module docstring).

    Parameters
    ----------
    events
        The public events of one place (other kinds than Visits are welcome: a PopUp is a
        dated session too).
    rotations
        The rotations of that place (:func:`~itinerant.publish.public.rotations.detect_rotations`
        over ``events``); their Visits are written as rotation rules, the other events as
        dated rules.

    Returns
    -------
    str
        The string, or :data:`CLOSED` (``"off"``) when there is no session.

    Raises
    ------
    ValueError
        If the events or rotations are of several places, or a rotation has a date with no
        Visit in ``events``.
    """
    refs = {(e.kind, e.ref) for e in events} | {(EventKind.VISIT, r.ref) for r in rotations}
    if len(refs) > 1:
        msg = f"events: opening_hours is for one place, got {sorted(r for _, r in refs)}"
        raise ValueError(msg)
    sessions: dict[dt.date, set[tuple[dt.time, dt.time]]] = {}
    for event in events:
        sessions.setdefault(event.date, set()).add((event.start, event.end))
    covered: set[tuple[dt.date, dt.time, dt.time]] = set()
    rules: list[str] = []
    for rotation in rotations:
        for day in rotation.dates:
            if (rotation.start, rotation.end) not in sessions.get(day, set()):
                msg = (
                    f"rotations: {rotation.ref} {day.isoformat()} {rotation.start:%H:%M} "
                    "is not among the events"
                )
                raise ValueError(msg)
            covered.add((day, rotation.start, rotation.end))
        rules += _rotation_rules(rotation)
    for day in sorted(sessions):
        left = [(a, b) for a, b in sessions[day] if (day, a, b) not in covered]
        if left:
            rules.append(f"{osm_date(day)} {_times(left)}")
    if not rules:
        return CLOSED
    skipped = sorted({d for r in rotations for d in r.skipped})
    exceptions = [
        f"{osm_date(day)} {_times(sessions[day]) if day in sessions else CLOSED}" for day in skipped
    ]
    return "; ".join([", ".join(rules), *exceptions])
