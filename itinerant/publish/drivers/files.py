"""Drivers' files for one bus's week: GPX (GPS), ICS (calendar), CSV (spreadsheet), and all four.

- **GPX** (:func:`itinerary_gpx`, GPX 1.1): one waypoint per Stop in driving order (name,
  session hours in the description, arrival time), one track per day following the road network
  from the Depot through the Stops back to the Depot (one segment per Leg, its first and last
  points timed at the Leg's departure and arrival), and one route per day (Depot, Stops, Depot)
  for navigation devices that compute their own way. Times are UTC, as GPX expects.
- **ICS** (:func:`itinerary_ics`, iCalendar): one event per visit (the session, start to end, in
  Europe/Paris with its VTIMEZONE), with the Stop's address, commune and position, and the crew
  in the description. Each event's UID is made of bus, date and Stop, so a newer file replaces
  the same visits in the driver's calendar instead of duplicating them.
- **CSV** (:func:`itinerary_csv`): one row per visit for French spreadsheet software: ``;``
  separated, UTF-8 with BOM, CRLF line ends, French headers, times ``HH:MM``, kilometres with a
  decimal comma; every text cell quoted, and one that could start a formula prefixed with ``'``
  (:mod:`itinerant.io.csvfiles`).
- :func:`write_driver_files` writes the roadbook PDF and these three files for a bus and a week
  (or every bus and week with Tours), named ``feuille-de-route_<bus>_<year>-S<week>.<ext>``.

Every file says when times and tracks come from the approximate network. See
``docs/itineraries.md``.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import gpxpy.gpx

from itinerant import __version__
from itinerant.errors import InputError
from itinerant.i18n import current_language, t
from itinerant.i18n.folding import slug
from itinerant.io.csvfiles import Cell, csv_text
from itinerant.model import Scenario
from itinerant.publish.calendar import TIMEZONE, CalendarEvent, ics_bytes, local_time
from itinerant.publish.drivers.itinerary import (
    Coordinate,
    DayItinerary,
    Itinerary,
    StopCall,
    Week,
    clock_text,
    date_text,
    duration_text,
    itineraries,
    itinerary_tracks,
    km_text,
    network_text,
    week_code,
)
from itinerant.publish.drivers.roadbook import roadbook_title, write_roadbook
from itinerant.schedule.schedule import Schedule

if TYPE_CHECKING:
    from itinerant.routing import RoadNetwork, TravelMatrix

__all__ = [
    "TIMEZONE",
    "file_stem",
    "itinerary_csv",
    "itinerary_gpx",
    "itinerary_ics",
    "visit_uid",
    "write_driver_files",
]

logger = logging.getLogger(__name__)

_UID_DOMAIN = "itinerant.citedesmetiers"


def _utc(day: dt.date, time: dt.time) -> dt.datetime:
    return local_time(day, time).astimezone(dt.UTC)


def _slug(text: str) -> str:
    return slug(text, fallback="bus")


def file_stem(itinerary: Itinerary, lang: str | None = None) -> str:
    """The file name (without extension) of a bus's week: ``feuille-de-route_bus-1_2027-S02``."""
    return (
        f"{t('roadbook.file_stem', lang)}_{_slug(itinerary.bus)}_"
        f"{week_code(itinerary.year, itinerary.week, lang)}"
    )


def _network_note(itinerary: Itinerary, lang: str) -> str:
    note = t("roadbook.gpx.network", lang, label=network_text(itinerary.network_label, lang))
    if itinerary.approximate:
        note += " " + t("roadbook.gpx.approximate", lang)
    return note


# --------------------------------------------------------------------------- GPX


def itinerary_gpx(
    itinerary: Itinerary,
    tracks: Mapping[dt.date, Sequence[Sequence[Coordinate]]],
    *,
    lang: str | None = None,
    stamp: dt.datetime | None = None,
) -> str:
    """The GPX 1.1 document of one bus's week.

    Waypoints, tracks and routes are those of the module docstring; times are UTC.

    Parameters
    ----------
    itinerary
        The bus's week.
    tracks
        Date -> one list of ``(lon, lat)`` per Leg, from
        :func:`~itinerant.publish.drivers.itinerary.itinerary_tracks`.
    lang
        ``"fr"`` or ``"en"``; default :func:`~itinerant.i18n.current_language`.
    stamp
        The document's time (aware); default now. Pass a fixed value for reproducible files.

    Returns
    -------
    str
        The GPX XML.

    Raises
    ------
    InputError
        If a day of the Itinerary has no track, or a track has the wrong number of Legs.
    """
    lang = lang or current_language()
    gpx = gpxpy.gpx.GPX()
    gpx.creator = f"itinerant {__version__}"
    gpx.name = roadbook_title(itinerary, lang)
    subject = t(
        "roadbook.subject",
        lang,
        bus=itinerary.bus_name,
        week=week_code(itinerary.year, itinerary.week, lang),
        scenario=itinerary.scenario,
    )
    gpx.description = f"{subject}. {_network_note(itinerary, lang)}"
    gpx.author_name = "itinerant"
    gpx.time = (stamp or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    gpx.keywords = t("roadbook.keywords", lang)
    for day in itinerary.days:
        for stop in day.stops:
            gpx.waypoints.append(_waypoint(day, stop, lang))
    for day in itinerary.days:
        legs = tracks.get(day.date)
        if legs is None or len(legs) != len(day.legs):
            msg = (
                f"track of {day.bus} on {day.date.isoformat()}: expected {len(day.legs)} legs, "
                f"got {'none' if legs is None else len(legs)}"
            )
            raise InputError(msg)
        name = t("roadbook.gpx.track", lang, bus=day.bus_name, date=date_text(day.date, lang))
        track = gpxpy.gpx.GPXTrack(name=name, description=_network_note(itinerary, lang))
        for leg, points in zip(day.legs, legs, strict=True):
            segment = gpxpy.gpx.GPXTrackSegment()
            for k, (lon, lat) in enumerate(points):
                time = None
                if k == 0:
                    time = _utc(day.date, leg.departure)
                elif k == len(points) - 1:
                    time = _utc(day.date, leg.arrival)
                segment.points.append(gpxpy.gpx.GPXTrackPoint(lat, lon, time=time))
            track.segments.append(segment)
        gpx.tracks.append(track)
        route = gpxpy.gpx.GPXRoute(name=name, description=_network_note(itinerary, lang))
        route.points.append(
            gpxpy.gpx.GPXRoutePoint(
                day.depot_location.lat, day.depot_location.lon, name=day.depot_name
            )
        )
        for stop in day.stops:
            route.points.append(
                gpxpy.gpx.GPXRoutePoint(stop.location.lat, stop.location.lon, name=stop.name)
            )
        route.points.append(
            gpxpy.gpx.GPXRoutePoint(
                day.depot_location.lat, day.depot_location.lon, name=day.depot_name
            )
        )
        gpx.routes.append(route)
    return str(gpx.to_xml(version="1.1"))


def _address(stop: StopCall) -> str:
    if stop.address:
        return (
            stop.address
            if stop.commune_name in stop.address
            else (f"{stop.address}, {stop.commune_name}")
        )
    return stop.commune_name


def _waypoint(day: DayItinerary, stop: StopCall, lang: str) -> gpxpy.gpx.GPXWaypoint:
    description = t(
        "roadbook.gpx.waypoint",
        lang,
        date=date_text(day.date, lang),
        start=clock_text(stop.start),
        end=clock_text(stop.end),
        arrival=clock_text(stop.arrival),
        departure=clock_text(stop.departure),
    )
    waypoint = gpxpy.gpx.GPXWaypoint(
        stop.location.lat,
        stop.location.lon,
        time=_utc(day.date, stop.arrival),
        name=stop.name,
        description=f"{description}. {_address(stop)}",
        symbol="Flag, Blue",
        type="stop",
    )
    waypoint.comment = f"{day.date.isoformat()} {clock_text(stop.start)}–{clock_text(stop.end)}"
    return waypoint


# --------------------------------------------------------------------------- ICS


def visit_uid(bus: str, day: dt.date, stop: str) -> str:
    """The stable UID of a visit's calendar event: same bus, date and Stop, same UID."""
    return f"{_slug(bus)}-{day:%Y%m%d}-{_slug(stop)}@{_UID_DOMAIN}"


def itinerary_ics(
    itinerary: Itinerary,
    *,
    lang: str | None = None,
    stamp: dt.datetime | None = None,
) -> bytes:
    """The iCalendar document of one bus's week: one event per visit.

    ``lang`` and ``stamp`` (here the events' ``DTSTAMP``) are those of :func:`itinerary_gpx`.

    Returns
    -------
    bytes
        The ICS document (UTF-8, CRLF line ends, as RFC 5545 requires).
    """
    lang = lang or current_language()
    span = None
    if itinerary.days:
        first = itinerary.days[0].date
        last = itinerary.days[-1].date
        span = (dt.date(first.year - 1, 1, 1), dt.date(last.year + 1, 12, 31))
    return ics_bytes(
        (_event(itinerary, day, stop, lang) for day, stop in itinerary.stop_calls),
        prodid=f"-//itinerant//itinerant {__version__}//{lang.upper()}",
        name=t("roadbook.ics.calendar", lang, bus=itinerary.bus_name),
        stamp=stamp or dt.datetime.now(dt.UTC),
        zone_span=span,
    )


def _event(itinerary: Itinerary, day: DayItinerary, stop: StopCall, lang: str) -> CalendarEvent:
    crew = ", ".join(c.label for c in stop.crew) or "-"
    lines = [
        f"{t('roadbook.bus_label', lang)} {day.bus_name} ({day.bus})",
        t(
            "roadbook.ics.times",
            lang,
            arrival=clock_text(stop.arrival),
            start=clock_text(stop.start),
            end=clock_text(stop.end),
            departure=clock_text(stop.departure),
        ),
        t(
            "roadbook.ics.leg",
            lang,
            origin=stop.leg.origin_name,
            drive=duration_text(stop.leg.duration_s, lang),
            km=km_text(stop.leg.distance_m, lang),
        ),
        t(
            "roadbook.ics.day",
            lang,
            departure=clock_text(day.departure),
            back=clock_text(day.return_time),
        ),
        f"{t('roadbook.crew', lang)} {crew}",
    ]
    if itinerary.approximate:
        lines.append(
            t("roadbook.approximate", lang, label=network_text(itinerary.network_label, lang))
        )
    return CalendarEvent(
        uid=visit_uid(day.bus, day.date, stop.stop),
        start=local_time(day.date, stop.start),
        end=local_time(day.date, stop.end),
        summary=t("roadbook.ics.summary", lang, stop=stop.name),
        location=_address(stop),
        description="\n".join(lines),
        lat=stop.location.lat,
        lon=stop.location.lon,
        categories=(t("roadbook.csv.bus", lang),),
        busy=True,
    )


# --------------------------------------------------------------------------- CSV


def itinerary_csv(itinerary: Itinerary, *, lang: str | None = None) -> bytes:
    """The CSV of one bus's week, one row per visit, for French spreadsheet software.

    Columns: date, week, bus, number in the day, Stop, Stop id, address, commune, departure
    from the Depot, arrival, session start and end, departure, drive time (min) and distance
    (km) of the Leg before the Stop, return to the Depot, crew, network.

    Returns
    -------
    bytes
        UTF-8 with BOM, ``;`` separated, CRLF line ends; times ``HH:MM``; kilometres with a
        decimal comma in French (a point in English).
    """
    lang = lang or current_language()
    keys = (
        "date",
        "week",
        "bus",
        "number",
        "stop",
        "stop_id",
        "address",
        "commune",
        "depot_departure",
        "arrival",
        "start",
        "end",
        "departure",
        "leg_min",
        "leg_km",
        "depot_return",
        "crew",
        "network",
    )
    rows: list[list[Cell]] = [[t(f"roadbook.csv.{k}", lang) for k in keys]]
    network = t("roadbook.csv.approximate" if itinerary.approximate else "roadbook.csv.road", lang)
    date_format = t("roadbook.csv.date_format", lang)
    for day in itinerary.days:
        for stop in day.stops:
            rows.append(
                [
                    day.date.strftime(date_format),
                    week_code(*day.week, lang),
                    day.bus_name,
                    stop.number,
                    stop.name,
                    stop.stop,
                    stop.address,
                    stop.commune_name,
                    clock_text(day.departure),
                    clock_text(stop.arrival),
                    clock_text(stop.start),
                    clock_text(stop.end),
                    clock_text(stop.departure),
                    round(stop.leg.duration_s / 60),
                    _decimal(stop.leg.distance_m / 1000.0, lang),
                    clock_text(day.return_time),
                    ", ".join(c.name for c in stop.crew),
                    network,
                ]
            )
    text = csv_text(rows, delimiter=";", lineterminator="\r\n", quote_text=True)
    return ("\ufeff" + text).encode("utf-8")


def _decimal(value: float, lang: str) -> str:
    """One decimal, no thousands separator; a decimal comma in French."""
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "fr" else text


# --------------------------------------------------------------------------- all files


def write_driver_files(
    schedule: Schedule,
    scenario: Scenario,
    matrix: TravelMatrix,
    network: RoadNetwork,
    out_dir: str | os.PathLike[str],
    *,
    bus: str | None = None,
    week: Week | None = None,
    lang: str | None = None,
    stamp: dt.datetime | None = None,
    invariant: bool = False,
) -> list[Path]:
    """Write the roadbook (PDF), GPX, ICS and CSV of each selected bus and week.

    Parameters
    ----------
    schedule, scenario, matrix
        The Schedule, its Scenario and the TravelMatrix it was planned on.
    network
        The road network of ``matrix`` (tracks follow it).
    out_dir
        Folder to write into (created if needed).
    bus
        Only this Bus (id); default every bus.
    week
        Only this ISO week ``(year, week)``
        (see :func:`~itinerant.publish.drivers.itinerary.parse_week`):
        every selected bus gets its four files for it, saying "no tour" when it has none.
        Default: every (bus, week) pair with Tours.
    lang
        ``"fr"`` or ``"en"``; default :func:`~itinerant.i18n.current_language`.
    stamp
        Time stamp written into GPX and ICS files (aware); default now.
    invariant
        Make the PDF byte-identical for identical input.

    Returns
    -------
    list of Path
        Per bus and week, in that order: ``.pdf``, ``.gpx``, ``.ics``, ``.csv``.

    Raises
    ------
    InputError
        On an unknown bus or week, a Schedule that does not match the Scenario or the matrix,
        or a network other than the matrix's.
    """
    lang = lang or current_language()
    selected = itineraries(schedule, scenario, matrix, bus=bus, week=week)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for itinerary in selected:
        tracks = itinerary_tracks(itinerary, network)
        stem = out / file_stem(itinerary, lang)
        pdf = write_roadbook(
            itinerary,
            scenario.territory,
            stem.with_suffix(".pdf"),
            tracks=tracks,
            lang=lang,
            invariant=invariant,
        )
        gpx = stem.with_suffix(".gpx")
        gpx.write_text(itinerary_gpx(itinerary, tracks, lang=lang, stamp=stamp), encoding="utf-8")
        ics = stem.with_suffix(".ics")
        ics.write_bytes(itinerary_ics(itinerary, lang=lang, stamp=stamp))
        table = stem.with_suffix(".csv")
        table.write_bytes(itinerary_csv(itinerary, lang=lang))
        paths += [pdf, gpx, ics, table]
        logger.info(
            "driver files for %s, week %s: %d day(s)",
            itinerary.bus,
            week_code(itinerary.year, itinerary.week, lang),
            len(itinerary.days),
        )
    return paths
