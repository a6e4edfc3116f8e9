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

from icalendar import Calendar, Event, Timezone, vDuration

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
    sequence
        ``SEQUENCE``: the revision number, raised by each publication that changes the event
        (:mod:`itinerant.publish.public.history`).
    last_modified
        ``LAST-MODIFIED`` (aware; written in UTC): when the event last changed; ``None``: not
        written.
    cancelled
        ``STATUS:CANCELLED`` (a visit withdrawn since an earlier publication) instead of
        ``CONFIRMED``.
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
    sequence: int = 0
    last_modified: dt.datetime | None = None
    cancelled: bool = False


def ics_bytes(
    events: Iterable[CalendarEvent],
    *,
    prodid: str,
    name: str,
    stamp: dt.datetime,
    zone_span: tuple[dt.date, dt.date] | None,
    description: str | None = None,
    refresh: dt.timedelta | None = None,
    source_url: str | None = None,
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
    refresh
        How often subscribers should fetch the calendar again: ``REFRESH-INTERVAL`` (RFC 7986)
        and ``X-PUBLISHED-TTL`` (the same hint for older clients); ``None``: no hint.
    source_url
        Absolute address the calendar is published at: ``SOURCE`` and ``URL`` (RFC 7986);
        ``None``: not written (a folder not yet served anywhere).

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
    if refresh is not None:
        cal.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", vDuration(refresh))
    if source_url is not None:
        cal.add("source", source_url, parameters={"VALUE": "URI"})
        cal.add("url", source_url, parameters={"VALUE": "URI"})
    if zone_span is not None:
        first, last = zone_span
        # the transitions of the zone database between those dates (any year: the rules, not a
        # fixed table); icalendar's English COMMENT on the span is dropped from French files
        zone = Timezone.from_tzid(str(TIMEZONE), first_date=first, last_date=last)
        zone.pop("COMMENT", None)
        cal.add_component(zone)
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
    item.add("sequence", event.sequence)
    if event.last_modified is not None:
        item.add("last-modified", event.last_modified.astimezone(dt.UTC).replace(microsecond=0))
    item.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    item.add("transp", "OPAQUE" if event.busy else "TRANSPARENT")
    return item
