"""Drivers' Itineraries: a Schedule's Tours as one bus's driver sees them.

An :class:`Itinerary` is one bus's ISO week: its :class:`DayItinerary` objects, one per Tour, each
with the departure from the Depot, the ordered Stops (:class:`StopCall`: arrival, session,
departure, address, commune, and the :class:`Leg` driven to get there), the return Leg, the
lunch break and the crew. Times are the Schedule's (local clock times); drive times and
distances of Legs come from the :class:`~itinerant.routing.TravelMatrix` the Schedule was
planned on, and ``approximate`` says when that matrix comes from the approximate network.

This module is pure data plus selection: the documents made from it are in
:mod:`itinerant.publish.drivers.roadbook` (PDF) and :mod:`itinerant.publish.drivers.files`
(GPX, ICS, CSV). The crew's names are personal data: they belong in drivers' documents only,
never in public ones.

Selection rules (:func:`itineraries`):

- an unknown bus, a malformed week or a week neither in the Horizon nor in the Schedule raises
  :class:`~itinerant.errors.InputError` naming it;
- with an explicit ``week``, every selected bus gets one Itinerary for that week, *empty* (no
  days) when it has no Tour then, so that its driver gets a document saying so;
- without ``week``, only the (bus, week) pairs that have Tours are returned.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, TypedDict, Unpack

from itinerant.clock import clock_of, seconds_of
from itinerant.errors import InputError
from itinerant.i18n import current_language, long_date, number, t
from itinerant.model import Counsellor, Location, Scenario
from itinerant.places import PlaceKey, PlaceKind
from itinerant.schedule.schedule import Schedule, Tour

if TYPE_CHECKING:
    from itinerant.routing import RoadNetwork, TravelMatrix

__all__ = [
    "Coordinate",
    "CrewMember",
    "DayItinerary",
    "Itinerary",
    "Leg",
    "Selection",
    "StopCall",
    "Week",
    "clock_text",
    "date_text",
    "day_itineraries",
    "duration_text",
    "itineraries",
    "itinerary",
    "itinerary_tracks",
    "km_text",
    "network_text",
    "parse_week",
    "week_code",
    "week_dates",
]

logger = logging.getLogger(__name__)

Coordinate = tuple[float, float]
"""A point as ``(longitude, latitude)`` in WGS84 degrees."""

Week = tuple[int, int]
"""An ISO week as ``(ISO year, week number)``."""


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Leg:
    """The drive between two consecutive places of a Tour.

    Attributes
    ----------
    origin, destination
        Travel-matrix place ids (``depot:ID``, ``stop:ID``).
    origin_name, destination_name
        Names of the two places.
    departure, arrival
        Local clock times of leaving ``origin`` and reaching ``destination`` (from the Schedule).
    duration_s
        Drive time in seconds, from the TravelMatrix.
    distance_m
        Distance in metres along the fastest path, from the TravelMatrix.
    """

    origin: str
    destination: str
    origin_name: str
    destination_name: str
    departure: dt.time
    arrival: dt.time
    duration_s: int
    distance_m: int

    @property
    def distance_km(self) -> float:
        """Distance in kilometres."""
        return self.distance_m / 1000.0


@dataclass(frozen=True)
class CrewMember:
    """A counsellor on board (personal data: drivers' documents only)."""

    id: str
    name: str
    institution: str

    @property
    def label(self) -> str:
        """Name and institution: ``Camille Exemple (France Travail)``."""
        return f"{self.name} ({self.institution})"


@dataclass(frozen=True)
class StopCall:
    """One Stop of a driver's day: where, when, and the Leg driven to get there.

    Attributes
    ----------
    number
        Position in the day, from 1 (the number on the map).
    stop
        The Stop's id.
    name, address
        The Stop's name and street address (``""`` when unknown).
    commune, commune_name
        INSEE code and name of the Stop's commune.
    location
        Where the bus parks.
    arrival, start, end, departure
        Local clock times: the bus parks at ``arrival``, receives the public from ``start`` to
        ``end`` and leaves at ``departure`` (after the lunch break when it is taken there).
    leg
        The drive from the previous place (the Depot or the previous Stop).
    crew
        Counsellors on board for this session.
    locked
        Whether the visit was locked by a coordinator.
    """

    number: int
    stop: str
    name: str
    address: str
    commune: str
    commune_name: str
    location: Location
    arrival: dt.time
    start: dt.time
    end: dt.time
    departure: dt.time
    leg: Leg
    crew: tuple[CrewMember, ...]
    locked: bool = False

    @property
    def place_id(self) -> PlaceKey:
        """The Stop's travel-matrix id (``stop:ID``)."""
        return PlaceKey.stop(self.stop)


class _Driven:
    """Drive totals of a day or a week: sums over its :attr:`legs`."""

    @property
    def legs(self) -> tuple[Leg, ...]:
        """Every Leg driven, in order."""
        raise NotImplementedError

    @property
    def drive_s(self) -> int:
        """Total drive time, in seconds."""
        return sum(leg.duration_s for leg in self.legs)

    @property
    def distance_m(self) -> int:
        """Total distance, in metres."""
        return sum(leg.distance_m for leg in self.legs)


@dataclass(frozen=True)
class DayItinerary(_Driven):
    """One bus's day (one Tour) as its driver follows it.

    Attributes
    ----------
    bus, bus_name
        The Bus's id and name.
    date
        The day.
    depot, depot_name, depot_address, depot_commune_name, depot_location
        The Depot the bus leaves from and comes back to.
    departure
        Local time of leaving the Depot.
    stops
        The Stops in driving order.
    return_leg
        The drive from the last Stop back to the Depot.
    return_time
        Local time of arriving back at the Depot.
    lunch
        The lunch break (start, end), or ``None``.
    lunch_place
        Name of the place where the bus stands during the lunch break (a Stop or the Depot),
        ``""`` without a break.
    crew
        Every counsellor on board during the day, in order of appearance.
    approximate
        Whether drive times and distances come from the approximate network.
    network_label
        Description of the road network of the TravelMatrix.
    """

    bus: str
    bus_name: str
    date: dt.date
    depot: str
    depot_name: str
    depot_address: str
    depot_commune_name: str
    depot_location: Location
    departure: dt.time
    stops: tuple[StopCall, ...]
    return_leg: Leg
    return_time: dt.time
    lunch: tuple[dt.time, dt.time] | None
    lunch_place: str
    crew: tuple[CrewMember, ...]
    approximate: bool
    network_label: str

    @property
    def week(self) -> Week:
        """The ISO week ``(year, week)`` of the day."""
        iso = self.date.isocalendar()
        return (iso.year, iso.week)

    @property
    def legs(self) -> tuple[Leg, ...]:
        """Every Leg of the day in order: to each Stop, then back to the Depot."""
        return (*(s.leg for s in self.stops), self.return_leg)

    @property
    def places(self) -> tuple[Location, ...]:
        """Where the bus goes, in order: Depot, each Stop, Depot."""
        return (self.depot_location, *(s.location for s in self.stops), self.depot_location)


@dataclass(frozen=True)
class Itinerary(_Driven):
    """One bus's ISO week: one :class:`DayItinerary` per Tour, by date (may be empty).

    Attributes
    ----------
    year, week
        The ISO year and week number.
    days
        The days with a Tour, by date; empty when the bus has no Tour that week.
    scenario
        The Scenario's name.
    bus, bus_name, approximate, network_label
        As in :class:`DayItinerary` (the same for every day of the week).
    """

    bus: str
    bus_name: str
    year: int
    week: int
    days: tuple[DayItinerary, ...]
    scenario: str
    approximate: bool
    network_label: str

    @property
    def monday(self) -> dt.date:
        """First day (Monday) of the week."""
        return dt.date.fromisocalendar(self.year, self.week, 1)

    @property
    def sunday(self) -> dt.date:
        """Last day (Sunday) of the week."""
        return dt.date.fromisocalendar(self.year, self.week, 7)

    @property
    def stop_calls(self) -> tuple[tuple[DayItinerary, StopCall], ...]:
        """Every (day, Stop) pair of the week, in driving order."""
        return tuple((day, stop) for day in self.days for stop in day.stops)

    @property
    def legs(self) -> tuple[Leg, ...]:
        """Every Leg of the week, day by day."""
        return tuple(leg for day in self.days for leg in day.legs)


# --------------------------------------------------------------------------- weeks


_WEEK_RE = re.compile(r"^\s*(\d{4})\s*[-_ ]?\s*[WwSs]?\s*(\d{1,2})\s*$")


def parse_week(text: str) -> Week:
    """An ISO week from text: ``2027-W02``, ``2027-S02`` (French *semaine*), ``2027W2``, ``2027-2``.

    Parameters
    ----------
    text
        The week, as typed.

    Returns
    -------
    tuple of int
        ``(ISO year, week number)``.

    Raises
    ------
    InputError
        If the text is not an ISO week, or the year has no such week.
    """
    match = _WEEK_RE.match(text)
    if match is None:
        msg = f"week {text!r} is not an ISO week such as 2027-W02 (or 2027-S02)"
        raise InputError(msg)
    return _check_week((int(match.group(1)), int(match.group(2))))


def _check_week(week: Week) -> Week:
    year, number_ = week
    try:
        dt.date.fromisocalendar(year, number_, 1)
    except (ValueError, TypeError):
        msg = f"week {year}-W{number_:02d} does not exist (ISO weeks run 1..52 or 53)"
        raise InputError(msg) from None
    return (year, number_)


def week_dates(year: int, week: int) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of ISO week ``week`` of ``year``.

    Raises
    ------
    InputError
        If the year has no such week.
    """
    _check_week((year, week))
    return dt.date.fromisocalendar(year, week, 1), dt.date.fromisocalendar(year, week, 7)


def _iso_week(day: dt.date) -> Week:
    iso = day.isocalendar()
    return (iso.year, iso.week)


def _horizon_weeks(scenario: Scenario) -> list[Week]:
    h = scenario.horizon
    return [_iso_week(h.start + dt.timedelta(weeks=k)) for k in range(h.weeks)]


# --------------------------------------------------------------------------- building


class _Builder:
    """Looks up the Scenario and the TravelMatrix for the Tours of a Schedule."""

    def __init__(self, scenario: Scenario, matrix: TravelMatrix) -> None:
        self.scenario = scenario
        self.matrix = matrix
        self.buses = {b.id: b for b in scenario.buses}
        self.depots = {d.id: d for d in scenario.depots}
        self.stops = {s.id: s for s in scenario.stops}
        self.counsellors: Mapping[str, Counsellor] = {c.id: c for c in scenario.counsellors}

    def _where(self, tour: Tour) -> str:
        return f"Tour of {tour.bus} on {tour.date.isoformat()}"

    def _leg(
        self, tour: Tour, origin: PlaceKey, destination: PlaceKey, departure: int, arrival: dt.time
    ) -> Leg:
        i = self.matrix.index(origin)
        j = self.matrix.index(destination)
        names = (self._name(origin), self._name(destination))
        duration = int(self.matrix.durations_s[i, j])
        distance = int(self.matrix.distances_m[i, j])
        if duration < 0 or distance < 0:
            msg = f"{self._where(tour)}: no road path from {origin} to {destination}"
            raise InputError(msg)
        return Leg(origin, destination, *names, clock_of(departure), arrival, duration, distance)

    def _name(self, place: PlaceKey) -> str:
        if place.kind is PlaceKind.DEPOT and place.id in self.depots:
            return self.depots[place.id].name
        if place.kind is PlaceKind.STOP and place.id in self.stops:
            return self.stops[place.id].name
        return self.matrix.names[self.matrix.index(place)]

    def _crew(self, tour: Tour, ids: Sequence[str]) -> tuple[CrewMember, ...]:
        members = []
        for cid in ids:
            counsellor = self.counsellors.get(cid)
            if counsellor is None:
                msg = f"{self._where(tour)}: counsellor {cid!r} is not in the scenario"
                raise InputError(msg)
            members.append(CrewMember(cid, counsellor.name, counsellor.institution))
        return tuple(members)

    def _commune_name(self, code: str) -> str:
        territory = self.scenario.territory
        return territory.commune(code).name if territory.has_commune(code) else code

    def day(self, tour: Tour) -> DayItinerary:
        bus = self.buses.get(tour.bus)
        if bus is None:
            msg = f"{self._where(tour)}: bus {tour.bus!r} is not in the scenario"
            raise InputError(msg)
        depot = self.depots.get(bus.depot)
        if depot is None:
            msg = (
                f"{self._where(tour)}: depot {bus.depot!r} of bus {bus.id!r} is not in the scenario"
            )
            raise InputError(msg)
        missing = [v.stop for v in tour.visits if v.stop not in self.stops]
        if missing:
            msg = f"{self._where(tour)}: Stop(s) not in the scenario: {', '.join(missing)}"
            raise InputError(msg)
        depot_id = PlaceKey.depot(depot.id)
        places = [depot_id, *(PlaceKey.stop(v.stop) for v in tour.visits), depot_id]
        arrivals = [*(v.arrival for v in tour.visits), tour.return_time]
        # the drive to each place ends at its arrival: the bus leaves the previous place then
        # minus the drive (never before the previous session ends), or at the Depot departure
        durations = [
            int(self.matrix.durations_s[self.matrix.index(a), self.matrix.index(b)])
            for a, b in pairwise(places)
        ]
        departures = [seconds_of(tour.departure)]
        for k, visit in enumerate(tour.visits):
            leave = seconds_of(arrivals[k + 1]) - max(durations[k + 1], 0)
            departures.append(max(seconds_of(visit.end), leave))
        legs = [
            self._leg(tour, places[k], places[k + 1], departures[k], arrivals[k])
            for k in range(len(places) - 1)
        ]
        calls = []
        for k, visit in enumerate(tour.visits):
            stop = self.stops[visit.stop]
            calls.append(
                StopCall(
                    number=k + 1,
                    stop=stop.id,
                    name=stop.name,
                    address=stop.address,
                    commune=stop.commune,
                    commune_name=self._commune_name(stop.commune),
                    location=stop.location,
                    arrival=visit.arrival,
                    start=visit.start,
                    end=visit.end,
                    departure=clock_of(departures[k + 1]),
                    leg=legs[k],
                    crew=self._crew(tour, visit.crew),
                    locked=visit.locked,
                )
            )
        return DayItinerary(
            bus=bus.id,
            bus_name=bus.name,
            date=tour.date,
            departure=tour.departure,
            stops=tuple(calls),
            return_leg=legs[-1],
            return_time=tour.return_time,
            lunch=tour.lunch,
            lunch_place=_lunch_place(tour, calls, depot.name),
            crew=self._crew(tour, tour.crew),
            depot=depot.id,
            depot_name=depot.name,
            depot_address=depot.address,
            depot_commune_name=self._commune_name(depot.commune),
            depot_location=depot.location,
            approximate=self.matrix.approximate,
            network_label=self.matrix.network_label,
        )


def _lunch_place(tour: Tour, calls: Sequence[StopCall], depot_name: str) -> str:
    """Where the bus stands during the lunch break: the Depot, a Stop, or ``""``."""
    if tour.lunch is None:
        return ""
    start, end = tour.lunch
    if end <= tour.departure or start >= tour.return_time:
        return depot_name
    for call in calls:
        if call.end <= start and end <= call.departure:
            return call.name
    return ""


class Selection(TypedDict, total=False):
    """Which Tours a driver's document covers (every key may be left out, or ``None``: all).

    Keys: ``bus`` (a Bus id), ``week`` (an ISO week ``(year, week)``, see :func:`parse_week`),
    ``start`` and ``end`` (dates, inclusive; not together with ``week``).
    """

    bus: str | None
    week: Week | None
    start: dt.date | None
    end: dt.date | None


def _select_tours(
    schedule: Schedule,
    scenario: Scenario,
    *,
    bus: str | None = None,
    week: Week | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[Tour]:
    known = {b.id for b in scenario.buses}
    if bus is not None and bus not in known:
        msg = f"bus {bus!r} is not in the scenario (buses: {', '.join(sorted(known)) or 'none'})"
        raise InputError(msg)
    if week is not None and (start is not None or end is not None):
        msg = "choose either a week or a date range (start, end), not both"
        raise InputError(msg)
    if start is not None and end is not None and end < start:
        msg = f"end {end.isoformat()} is before start {start.isoformat()}"
        raise InputError(msg)
    if week is not None:
        week = _check_week(week)
        weeks = set(_horizon_weeks(scenario)) | {_iso_week(t.date) for t in schedule.tours}
        if week not in weeks:
            horizon = _horizon_weeks(scenario)
            first, last = horizon[0], horizon[-1]
            msg = (
                f"week {week[0]}-W{week[1]:02d} is outside the Horizon "
                f"({first[0]}-W{first[1]:02d} to {last[0]}-W{last[1]:02d}) and the Schedule"
            )
            raise InputError(msg)
    tours = [
        tour
        for tour in schedule.tours
        if (bus is None or tour.bus == bus)
        and (week is None or _iso_week(tour.date) == week)
        and (start is None or tour.date >= start)
        and (end is None or tour.date <= end)
    ]
    return sorted(tours, key=lambda t: (t.date, t.bus, t.departure))


def day_itineraries(
    schedule: Schedule, scenario: Scenario, matrix: TravelMatrix, **selection: Unpack[Selection]
) -> list[DayItinerary]:
    """One :class:`DayItinerary` per selected Tour, by date then bus.

    Parameters
    ----------
    schedule
        The Schedule whose Tours the drivers follow.
    scenario
        The Scenario it was planned for (buses, depots, Stops, counsellors, communes).
    matrix
        The TravelMatrix it was planned on (Leg times and distances).
    **selection
        ``bus``, ``week``, ``start``, ``end`` (see :class:`Selection`); default every Tour.

    Returns
    -------
    list of DayItinerary

    Raises
    ------
    InputError
        On an unknown bus, a bad or unknown week, a bad date range, or when the Schedule names
        a bus, Stop, depot or counsellor the Scenario lacks, or places the matrix lacks.
    """
    tours = _select_tours(schedule, scenario, **selection)
    builder = _Builder(scenario, matrix)
    return [builder.day(tour) for tour in tours]


def itineraries(
    schedule: Schedule, scenario: Scenario, matrix: TravelMatrix, **selection: Unpack[Selection]
) -> list[Itinerary]:
    """One :class:`Itinerary` per bus and ISO week, by bus then week.

    Parameters are those of :func:`day_itineraries`. With an explicit ``week``, every selected
    bus gets an Itinerary for it (empty when it has no Tour that week); otherwise only
    (bus, week) pairs with Tours are returned. Raises :class:`~itinerant.errors.InputError`
    as :func:`day_itineraries` does.
    """
    days = day_itineraries(schedule, scenario, matrix, **selection)
    bus, week = selection.get("bus"), selection.get("week")
    groups: dict[tuple[str, Week], list[DayItinerary]] = {}
    if week is not None:
        for b in scenario.buses:
            if bus is None or b.id == bus:
                groups[(b.id, _check_week(week))] = []
    for day in days:
        groups.setdefault((day.bus, day.week), []).append(day)
    names = {b.id: b.name for b in scenario.buses}
    order = {b.id: k for k, b in enumerate(scenario.buses)}
    return [
        Itinerary(
            bus=bus_id,
            bus_name=names[bus_id],
            year=wk[0],
            week=wk[1],
            days=tuple(group),
            scenario=scenario.name,
            approximate=matrix.approximate,
            network_label=matrix.network_label,
        )
        for (bus_id, wk), group in sorted(
            groups.items(), key=lambda kv: (order[kv[0][0]], kv[0][1])
        )
    ]


def itinerary(
    schedule: Schedule, scenario: Scenario, matrix: TravelMatrix, *, bus: str, week: Week
) -> Itinerary:
    """The Itinerary of one bus for one ISO week (empty when the bus has no Tour then).

    Raises :class:`~itinerant.errors.InputError` as :func:`day_itineraries` does.
    """
    (result,) = itineraries(schedule, scenario, matrix, bus=bus, week=week)
    return result


def itinerary_tracks(
    itinerary: Itinerary, network: RoadNetwork
) -> dict[dt.date, list[list[Coordinate]]]:
    """The road path of every Leg of every day, for maps and GPS files.

    Parameters
    ----------
    itinerary
        The Itinerary.
    network
        The road network the TravelMatrix was computed on.

    Returns
    -------
    dict
        Date -> one list of ``(lon, lat)`` per Leg (Depot -> Stops -> Depot), each starting at
        the place left and ending at the place reached (see
        :func:`~itinerant.routing.path_coordinates`).

    Raises
    ------
    InputError
        If ``network`` is not the network of the Itinerary's TravelMatrix.
    """
    if network.label != itinerary.network_label:
        msg = (
            f"the road network ({network.label}) is not the one the travel matrix was computed "
            f"on ({itinerary.network_label})"
        )
        raise InputError(msg)
    from itinerant.routing import route_coordinates  # noqa: PLC0415  (loads the road graph stack)

    return {
        day.date: route_coordinates(network, [(p.lon, p.lat) for p in day.places])
        for day in itinerary.days
    }


# --------------------------------------------------------------------------- text helpers


def clock_text(value: dt.time) -> str:
    """A clock time as ``HH:MM`` (seconds dropped, as in ``schedule.csv``)."""
    return f"{value:%H:%M}"


def duration_text(seconds: int, lang: str | None = None) -> str:
    """A drive time rounded to the minute: ``47 min``, ``1 h 05``."""
    minutes = round(seconds / 60)
    if minutes < 60:
        return t("roadbook.minutes", lang, minutes=minutes)
    return t("roadbook.hours_minutes", lang, hours=minutes // 60, minutes=minutes % 60)


def km_text(metres: int, lang: str | None = None) -> str:
    """A distance in kilometres with one decimal (decimal comma in French), without unit."""
    return number(metres / 1000.0, lang or current_language(), 1)


_APPROXIMATE_LABEL = re.compile(
    r"approximate network \(straight line × (?P<factor>[\d.]+) at (?P<speed>[\d.]+) km/h\)"
)
_FILE_LABEL = re.compile(r"(?P<kind>OpenStreetMap|GraphML) file (?P<name>.+)")
_OSM_LABEL = re.compile(r"OpenStreetMap roads of (?P<what>.+)")


def _decimal(text: str, lang: str) -> str:
    return text.replace(".", ",") if lang == "fr" else text


def network_text(label: str, lang: str | None = None) -> str:
    """The road network's label (:attr:`~itinerant.routing.RoadNetwork.label`) in ``lang``.

    The routing label is English, for logs; drivers' files say it in their own language:
    ``approximate network (straight line × 1.3 at 50 km/h)`` becomes ``réseau approximatif
    (ligne droite × 1,3 à 50 km/h)``. A label of no known shape is returned as it is.
    """
    lang = lang or current_language()
    if found := _APPROXIMATE_LABEL.fullmatch(label):
        return t(
            "roadbook.network.approximate",
            lang,
            factor=_decimal(found["factor"], lang),
            speed=_decimal(found["speed"], lang),
        )
    if found := _FILE_LABEL.fullmatch(label):
        return t(f"roadbook.network.file_{found['kind'].lower()}", lang, name=found["name"])
    if found := _OSM_LABEL.fullmatch(label):
        return t("roadbook.network.osm", lang, what=found["what"])
    return label


def date_text(day: dt.date, lang: str | None = None) -> str:
    """A date in words: ``lundi 4 janvier 2027``, ``Monday 4 January 2027``."""
    return long_date(day, lang)


def week_code(year: int, week: int, lang: str | None = None) -> str:
    """The ISO week as a short code: ``2027-S02`` in French, ``2027-W02`` in English."""
    return t("roadbook.week_code", lang, year=year, week=week)
