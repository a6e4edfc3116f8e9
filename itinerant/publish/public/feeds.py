"""iCalendar (ICS) feeds of the public timetable: one for the Territory, one per commune.

Each event of a feed is a minibus Visit or a PopUp, with a stable ``UID``
(:attr:`~itinerant.publish.public.events.PublicEvent.uid`: the same place, date and start
time keep the
same UID across re-plans, so calendar apps update rather than duplicate), local times in
``Europe/Paris`` with its ``VTIMEZONE``, the place's address and ``GEO`` position, and the pôles
present in the description and ``CATEGORIES``. No crew data: feeds are made from public events
only.

Rule of the per-commune feed (the same as the commune pages of the site): an event is in the
feed of commune *C* when it is a Visit whose Stop's catchment reaches *C* (drive time from the
Stop to *C*'s town hall within the Stop's ``catchment_minutes``), or when the drive from *C*'s
town hall to the place takes at most ``within_minutes`` (default
:data:`~itinerant.publish.public.timetable.DEFAULT_WITHIN_MINUTES`). A commune with no such
event gets
a valid feed without events, so that people can subscribe before the next publication.

Subscriptions: every feed says how often to fetch it again (``REFRESH-INTERVAL`` and
``X-PUBLISHED-TTL``: :data:`FEED_REFRESH`) and, when the public base address is known, where it
lives (``SOURCE``, ``URL``). Each event carries ``SEQUENCE`` and ``LAST-MODIFIED`` from the
feeds' history (:mod:`itinerant.publish.public.history`): they grow when a Publication changes
the event, and a visit of the previous Publication that is no longer planned stays in the feeds
that carried it as ``STATUS:CANCELLED`` until its date has passed. The history is written as
``suivi.json`` beside the feeds.

Regular patterns (:mod:`itinerant.publish.public.rotations`) are published in a feed of their
own, ``rotations.ics``: one recurring ``VEVENT`` per rotation (``RRULE`` with ``UNTIL``, and an
``EXDATE`` for each date the pattern skips). The dated feeds keep every Visit as a dated
``VEVENT``, so no feed holds the same session twice: subscribe to ``territoire.ics`` *or*
``rotations.ics`` (which lacks one-off dates and PopUps), not both.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from itinerant import __version__
from itinerant.i18n import current_language, t
from itinerant.model import Commune, Scenario
from itinerant.publish.calendar import CalendarEvent, ics_bytes, local_time
from itinerant.publish.public.events import EventKind, PublicEvent
from itinerant.publish.public.history import (
    HISTORY_FILE,
    FeedHistory,
    NoticeItem,
    next_history,
)
from itinerant.publish.public.rotations import (
    Rotation,
    detect_rotations,
    rotation_span_text,
    rotation_text,
)
from itinerant.publish.public.text import format_hours, pole_labels
from itinerant.publish.public.timetable import (
    DEFAULT_WITHIN_MINUTES,
    PublicTimetable,
    commune_nearby,
)

if TYPE_CHECKING:
    from itinerant.routing import TravelMatrix

__all__ = [
    "FEED_REFRESH",
    "ROTATIONS_FEED",
    "TERRITORY_FEED",
    "commune_events",
    "feed_bytes",
    "rotations_feed_bytes",
    "write_feeds",
]

logger = logging.getLogger(__name__)

TERRITORY_FEED = "territoire.ics"
"""File name of the whole-territory feed (per-commune feeds are ``communes/<code>.ics``)."""

ROTATIONS_FEED = "rotations.ics"
"""File name of the feed of regular patterns (recurring events only)."""

FEED_REFRESH = dt.timedelta(hours=12)
"""How often subscribers are asked to fetch a feed again (a Publication is rarely more often)."""

_PRODID = f"-//Cités des métiers//itinerant {__version__}//FR"


def commune_events(
    events: Sequence[PublicEvent],
    scenario: Scenario,
    matrix: TravelMatrix,
    commune: Commune,
    *,
    within_minutes: float | None = None,
) -> tuple[PublicEvent, ...]:
    """The events of a commune's feed and page (see the module docstring for the rule).

    Parameters
    ----------
    events
        Public events.
    scenario, matrix
        The scenario and its travel matrix.
    commune
        The commune.
    within_minutes
        Drive time limit (min); default :data:`DEFAULT_WITHIN_MINUTES`.

    Returns
    -------
    tuple of PublicEvent
    """
    minutes = DEFAULT_WITHIN_MINUTES if within_minutes is None else within_minutes
    found, _ = commune_nearby(events, scenario, matrix, commune, minutes)
    return tuple(n.event for n in found)


def _description(event: PublicEvent, lang: str | None) -> str:
    lines = [
        t(f"public.event.{event.kind.value}", lang),
        format_hours(event.start, event.end, lang),
        event.place_line,
    ]
    if event.poles:
        lines.append(
            t("public.poles_present", lang, poles=", ".join(pole_labels(event.poles, lang)))
        )
    lines.append(t("public.free", lang))
    return "\n".join(lines)


def _summary(event: PublicEvent, lang: str | None) -> str:
    if event.kind is EventKind.POPUP:
        return t("public.ics.summary_popup", lang, name=event.name)
    return t("public.ics.summary_visit", lang, place=event.name)


def _zone_span(events: Iterable[CalendarEvent], stamp: dt.datetime) -> tuple[dt.date, dt.date]:
    """Dates the ``VTIMEZONE`` covers: the publication year to two years past the last event.

    The last recurrence of a rule counts; the zone's full 1970-2038 history would be 3 kB per
    feed.
    """
    years = [stamp.year]
    for event in events:
        years.append(event.start.year)
        until = (event.rrule or {}).get("until")
        if isinstance(until, dt.datetime | dt.date):
            years.append(until.year)
    return dt.date(min(years), 1, 1), dt.date(max(years) + 2, 1, 1)


def _feed_document(
    events: Sequence[CalendarEvent],
    *,
    name: str,
    description: str,
    generated_at: dt.datetime,
    source_url: str | None = None,
) -> bytes:
    stamp = generated_at.astimezone(dt.UTC)
    return ics_bytes(
        events,
        prodid=_PRODID,
        name=name,
        description=description,
        stamp=stamp,
        zone_span=_zone_span(events, stamp),
        refresh=FEED_REFRESH,
        source_url=source_url,
    )


def feed_bytes(
    events: Sequence[PublicEvent],
    *,
    name: str,
    description: str,
    generated_at: dt.datetime,
    lang: str | None = None,
) -> bytes:
    """An iCalendar file of public events (first revision: no history).

    Parameters
    ----------
    events
        The public events, one ``VEVENT`` each, in that order.
    name, description
        Calendar name (``NAME``, ``X-WR-CALNAME``) and description.
    generated_at
        Publication time, for ``DTSTAMP`` (an aware datetime; stored in UTC).
    lang
        Language of the texts.

    Returns
    -------
    bytes
        The ``.ics`` content (UTF-8, CRLF, folded lines).
    """
    lang = lang or current_language()
    return _feed_document(
        [_calendar_event(event, lang) for event in events],
        name=name,
        description=description,
        generated_at=generated_at,
    )


def _calendar_event(event: PublicEvent, lang: str) -> CalendarEvent:
    return CalendarEvent(
        uid=event.uid,
        start=event.starts_at,
        end=event.ends_at,
        summary=_summary(event, lang),
        location=f"{event.name}, {event.place_line}",
        description=_description(event, lang),
        lat=event.location.lat,
        lon=event.location.lon,
        categories=pole_labels(event.poles, lang),
        busy=False,
    )


def _rotation_event(rotation: Rotation, lang: str) -> CalendarEvent:
    event = rotation.event
    lines = [
        t("public.rotation.regular", lang, rotation=rotation_text(rotation, lang)),
        rotation_span_text(rotation, lang, capital=True),
        event.place_line,
    ]
    if rotation.poles:
        labels = ", ".join(pole_labels(rotation.poles, lang))
        lines.append(t("public.poles_present", lang, poles=labels))
    lines.append(t("public.free", lang))
    return CalendarEvent(
        uid=rotation.uid,
        start=local_time(rotation.first, rotation.start),
        end=local_time(rotation.first, rotation.end),
        summary=t("public.ics.summary_visit", lang, place=rotation.name),
        location=f"{rotation.name}, {event.place_line}",
        description="\n".join(lines),
        lat=event.location.lat,
        lon=event.location.lon,
        categories=pole_labels(rotation.poles, lang),
        busy=False,
        rrule=rotation.rrule_values(),
        exdates=tuple(local_time(day, rotation.start) for day in rotation.skipped),
    )


def rotations_feed_bytes(
    rotations: Sequence[Rotation],
    *,
    name: str,
    description: str,
    generated_at: dt.datetime,
    lang: str | None = None,
) -> bytes:
    """An iCalendar file of rotations: one recurring ``VEVENT`` (``RRULE``, ``EXDATE``) each.

    Parameters are those of :func:`feed_bytes`, with rotations
    (:func:`~itinerant.publish.public.rotations.detect_rotations`) instead of events.
    """
    lang = lang or current_language()
    return _feed_document(
        [_rotation_event(rotation, lang) for rotation in rotations],
        name=name,
        description=description,
        generated_at=generated_at,
    )


def _planned(timetable: PublicTimetable) -> dict[str, list[tuple[CalendarEvent, str]]]:
    """Per feed file (relative to ``ics/``), its planned events with their place ids."""
    lang, events, scenario = timetable.lang, timetable.events, timetable.scenario
    # the place of an event is its Stop or PopUp id, as in the change notices
    dated = {e.uid: (_calendar_event(e, lang), e.ref) for e in events}
    feeds = {TERRITORY_FEED: [dated[e.uid] for e in events]}
    for commune in scenario.territory.communes:
        mine = commune_events(
            events,
            scenario,
            timetable.matrix,
            commune,
            within_minutes=timetable.within_minutes,
        )
        feeds[f"communes/{commune.code}.ics"] = [dated[e.uid] for e in mine]
    rotations = detect_rotations(events, midday=scenario.plan.midday)
    feeds[ROTATIONS_FEED] = [(_rotation_event(r, lang), r.event.ref) for r in rotations]
    logger.info("%d rotations detected", len(rotations))
    return feeds


def _notice_items(timetable: PublicTimetable) -> list[NoticeItem]:
    """The Publication's public notices, each with the INSEE code of its place's commune."""
    scenario = timetable.scenario
    communes = {s.id: s.commune for s in scenario.stops}
    communes |= {p.id: p.commune for p in scenario.popups}
    return [
        NoticeItem.make(timetable.generated_at, n.stop, communes.get(n.stop, ""), n.kind, n.message)
        for n in timetable.notices
    ]


def feed_history(timetable: PublicTimetable) -> FeedHistory:
    """The feeds' history of this Publication (from the previous one, see the module docstring)."""
    return next_history(
        timetable.previous_feeds,
        _planned(timetable),
        timetable.generated_at,
        _notice_items(timetable),
    )


def write_feeds(
    timetable: PublicTimetable,
    out_dir: str | Path,
    history: FeedHistory | None = None,
    *,
    url: str | None = None,
) -> list[Path]:
    """Write the Territory feed, one feed per commune, the rotations and their history.

    Parameters
    ----------
    timetable
        What to publish (:class:`~itinerant.publish.public.timetable.PublicTimetable`).
    out_dir
        Folder to write ``territoire.ics``, ``communes/<code>.ics``, ``rotations.ics`` and
        ``suivi.json`` into (created).
    history
        The feeds' history of this Publication (:func:`feed_history`), when already computed.
    url
        Absolute address ``out_dir`` is served from (ending with ``/``): each feed then names
        its own address (``SOURCE``, ``URL``); ``None``: not written.

    Returns
    -------
    list of Path
        The files written: the Territory feed, the commune feeds, ``rotations.ics``, then
        ``suivi.json``.
    """
    lang, stamp, minutes = timetable.lang, timetable.generated_at, timetable.within_minutes
    territory = timetable.scenario.territory
    history = history or feed_history(timetable)
    out = Path(out_dir)
    (out / "communes").mkdir(parents=True, exist_ok=True)
    texts = [
        (
            TERRITORY_FEED,
            t("public.ics.name_territory", lang, territory=territory.name),
            t("public.ics.description_territory", lang, territory=territory.name),
        )
    ]
    texts += [
        (
            f"communes/{commune.code}.ics",
            t("public.ics.name_commune", lang, commune=commune.name),
            t(
                "public.ics.description_commune",
                lang,
                minutes=f"{minutes:g}",
                commune=commune.name,
            ),
        )
        for commune in territory.communes
    ]
    texts.append(
        (
            ROTATIONS_FEED,
            t("public.ics.name_rotations", lang, territory=territory.name),
            t("public.ics.description_rotations", lang, territory=territory.name),
        )
    )
    written = []
    for feed, name, description in texts:
        path = out / feed
        path.write_bytes(
            _feed_document(
                history.in_feed(feed),
                name=name,
                description=description,
                generated_at=stamp,
                source_url=None if url is None else f"{url}{feed}",
            )
        )
        written.append(path)
    path = out / HISTORY_FILE
    path.write_text(json.dumps(history.document(), ensure_ascii=False, indent=1), encoding="utf-8")
    written.append(path)
    cancelled = len(history.cancelled())
    logger.info(
        "wrote %d calendar feeds (%d events, %d cancelled kept) in %s",
        len(written) - 1,
        len(timetable.events),
        cancelled,
        out,
    )
    return written
