"""The one iCalendar (ICS) writer of itinerant: drivers' calendars and the public feeds.

:func:`ics_bytes` makes a ``VCALENDAR`` (``METHOD:PUBLISH``, Gregorian) with one ``VEVENT``
per :class:`CalendarEvent` and the ``VTIMEZONE`` of :data:`TIMEZONE` (Europe/Paris, the zone of
every clock time of a Schedule) over the years given, so that calendar apps need no zone
database. Event times are local and aware; ``DTSTAMP`` is written in UTC. Both
:mod:`itinerant.publish.drivers.files` (one bus's week) and
:mod:`itinerant.publish.public.feeds` (the public timetable) write through it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

__all__ = ["TIMEZONE", "CalendarEvent", "ics_bytes", "local_time"]

TIMEZONE = ZoneInfo("Europe/Paris")
"""The time zone of the Schedule's clock times."""


def local_time(day: dt.date, time: dt.time) -> dt.datetime:
    """The aware datetime of the clock time ``time`` on ``day`` in :data:`TIMEZONE`."""
    return dt.datetime.combine(day, time, tzinfo=TIMEZONE)


@dataclass(frozen=True)
class CalendarEvent:
    """One ``VEVENT``.

    Attributes
    ----------
    uid
        Stable identifier: the same uid in a newer file updates the event instead of adding one.
    start, end
        Aware local datetimes (:func:`local_time`).
    summary, location, description
        Texts of the event (the description may hold several lines).
    lat, lon
        The ``GEO`` position, in WGS84 degrees.
    categories
        ``CATEGORIES`` (none written when empty).
    busy
        ``TRANSP:OPAQUE`` (time taken: a driver's session) rather than ``TRANSPARENT``.
    rrule
        Recurrence rule (``RRULE``) as the mapping ``icalendar`` writes (``{"freq": "WEEKLY",
        "interval": 2, "byday": "TU", "until": <UTC datetime>}``); ``None`` for a single event.
    exdates
        Starts (aware local datetimes) of the occurrences the rule skips (``EXDATE``).
    """

    uid: str
    start: dt.datetime
    end: dt.datetime
    summary: str
    location: str
    description: str
    lat: float
    lon: float
    categories: tuple[str, ...]
    busy: bool
    rrule: Mapping[str, object] | None = None
    exdates: tuple[dt.datetime, ...] = ()


def ics_bytes(
    events: Iterable[CalendarEvent],
    *,
    prodid: str,
    name: str,
    stamp: dt.datetime,
    zone_span: tuple[dt.date, dt.date] | None,
    description: str | None = None,
) -> bytes:
    """The iCalendar document of ``events``, in their order.

    Parameters
    ----------
    events
        What to write, in that order.
    prodid
        ``PRODID`` (``-//vendor//product version//language``).
    name
        Calendar name (``X-WR-CALNAME``).
    stamp
        ``DTSTAMP`` of every event (aware; written in UTC, to the second).
    zone_span
        First and last dates the ``VTIMEZONE`` covers (placed before the events); ``None`` for
        none (a calendar without events needs none).
    description
        Calendar description; when given, the calendar also names and describes itself the
        RFC 7986 way (``NAME``, ``DESCRIPTION``) beside ``X-WR-CALNAME`` and ``X-WR-CALDESC``
        (public feeds).

    Returns
    -------
    bytes
        The ``.ics`` content (UTF-8, CRLF line ends, folded lines, as RFC 5545 requires).
    """
    utc_stamp = stamp.astimezone(dt.UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", prodid)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if description is not None:
        cal.add("name", name)
    cal.add("x-wr-calname", name)
    if description is not None:
        cal.add("description", description)
        cal.add("x-wr-caldesc", description)
    cal.add("x-wr-timezone", str(TIMEZONE))
    if zone_span is not None:
        first, last = zone_span
        cal.add_component(Timezone.from_tzid(str(TIMEZONE), first_date=first, last_date=last))
    for event in events:
        cal.add_component(_vevent(event, utc_stamp))
    return bytes(cal.to_ical())


def _vevent(event: CalendarEvent, stamp: dt.datetime) -> Event:
    item = Event()
    item.add("uid", event.uid)
    item.add("dtstamp", stamp)
    item.add("dtstart", event.start)
    item.add("dtend", event.end)
    if event.rrule is not None:
        item.add("rrule", dict(event.rrule))
    if event.exdates:
        item.add("exdate", list(event.exdates))
    item.add("summary", event.summary)
    item.add("location", event.location)
    item.add("geo", (event.lat, event.lon))
    item.add("description", event.description)
    if event.categories:
        item.add("categories", list(event.categories))
    item.add("status", "CONFIRMED")
    item.add("transp", "OPAQUE" if event.busy else "TRANSPARENT")
    return item
