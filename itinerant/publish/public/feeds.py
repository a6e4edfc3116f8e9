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

Regular patterns (:mod:`itinerant.publish.public.rotations`) are published in a feed of their
own, ``rotations.ics``: one recurring ``VEVENT`` per rotation (``RRULE`` with ``UNTIL``, and an
``EXDATE`` for each date the pattern skips). The dated feeds keep every Visit as a dated
``VEVENT``, so no feed holds the same session twice: subscribe to ``territoire.ics`` *or*
``rotations.ics`` (which lacks one-off dates and PopUps), not both.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from itinerant import __version__
from itinerant.i18n import current_language, t
from itinerant.model import Commune, Scenario
from itinerant.publish.calendar import CalendarEvent, ics_bytes, local_time
from itinerant.publish.public.events import EventKind, PublicEvent
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


def feed_bytes(
    events: Sequence[PublicEvent],
    *,
    name: str,
    description: str,
    generated_at: dt.datetime,
    lang: str | None = None,
) -> bytes:
    """An iCalendar file of public events.

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
    stamp = generated_at.astimezone(dt.UTC)
    # a VTIMEZONE covering the events only (the full 1970-2038 history is 3 kB per feed)
    years = [e.date.year for e in events] or [stamp.year]
    span = (dt.date(min(*years, stamp.year), 1, 1), dt.date(max(years) + 2, 1, 1))
    return ics_bytes(
        (_calendar_event(event, lang) for event in events),
        prodid=_PRODID,
        name=name,
        description=description,
        stamp=stamp,
        zone_span=span,
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
    stamp = generated_at.astimezone(dt.UTC)
    years = [r.last.year for r in rotations] + [r.first.year for r in rotations]
    years = years or [stamp.year]
    span = (dt.date(min(*years, stamp.year), 1, 1), dt.date(max(years) + 2, 1, 1))
    return ics_bytes(
        (_rotation_event(rotation, lang) for rotation in rotations),
        prodid=_PRODID,
        name=name,
        description=description,
        stamp=stamp,
        zone_span=span,
    )


def write_feeds(timetable: PublicTimetable, out_dir: str | Path) -> list[Path]:
    """Write the Territory feed and one feed per commune.

    Parameters
    ----------
    timetable
        What to publish (:class:`~itinerant.publish.public.timetable.PublicTimetable`).
    out_dir
        Folder to write ``territoire.ics``, ``communes/<code>.ics`` and ``rotations.ics`` into
        (created).

    Returns
    -------
    list of Path
        The files written: the Territory feed, the commune feeds, then ``rotations.ics``.
    """
    lang, stamp, minutes = timetable.lang, timetable.generated_at, timetable.within_minutes
    events, scenario = timetable.events, timetable.scenario
    territory = scenario.territory
    out = Path(out_dir)
    (out / "communes").mkdir(parents=True, exist_ok=True)
    path = out / TERRITORY_FEED
    path.write_bytes(
        feed_bytes(
            events,
            name=t("public.ics.name_territory", lang, territory=territory.name),
            description=t("public.ics.description_territory", lang, territory=territory.name),
            generated_at=stamp,
            lang=lang,
        )
    )
    written = [path]
    for commune in territory.communes:
        mine = commune_events(events, scenario, timetable.matrix, commune, within_minutes=minutes)
        path = out / "communes" / f"{commune.code}.ics"
        path.write_bytes(
            feed_bytes(
                mine,
                name=t("public.ics.name_commune", lang, commune=commune.name),
                description=t(
                    "public.ics.description_commune",
                    lang,
                    minutes=f"{minutes:g}",
                    commune=commune.name,
                ),
                generated_at=stamp,
                lang=lang,
            )
        )
        written.append(path)
    rotations = detect_rotations(events, midday=scenario.plan.midday)
    path = out / ROTATIONS_FEED
    path.write_bytes(
        rotations_feed_bytes(
            rotations,
            name=t("public.ics.name_rotations", lang, territory=territory.name),
            description=t("public.ics.description_rotations", lang, territory=territory.name),
            generated_at=stamp,
            lang=lang,
        )
    )
    written.append(path)
    logger.info("wrote %d rotations in %s", len(rotations), path)
    logger.info("wrote %d calendar feeds (%d events) in %s", len(written), len(events), out)
    return written
