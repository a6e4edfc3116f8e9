"""Sample resources that let a new territory plan at once, every row ``source = sample``.

A new Territory has real communes but no fleet, counsellors or Stops yet. These fictitious rows,
made like the Creuse sample (``data/README.md``), let the coordinator see a plan in minutes and
then replace them with their own:

- a Site (ServicePoint of kind ``site``) and a depot at the hub commune (the préfecture, or the
  most populous commune), at the commune's point;
- one minibus, or two for a large Territory (:attr:`SampleRules.buses`): 3 counsellor seats, a
  crew of at least 2, 08:30-17:30 with a 60-minute lunch between 12:00 and 14:00, at most 180
  minutes of driving a day, Monday to Friday;
- eight counsellors covering the five pôles, with weekly availability giving at least four
  counsellors every weekday;
- candidate Stops at the town hall of every commune of at least
  :attr:`SampleRules.stop_min_population` inhabitants (the rule a coordinator sets), at most
  :attr:`SampleRules.max_stops` of them (the most populous), open 09:00-17:00 on weekdays, with
  sessions by commune size (:func:`session_minutes`) and a 10-minute catchment;
- candidate Stops at the markets of a markets CSV (:func:`read_markets`, columns in
  ``docs/directories.md``), open on the market's weekdays and hours at its place;
- no suggested Stop closer than :attr:`SampleRules.min_service_distance_km` (crow-fly) to an
  existing ServicePoint (:func:`suggest_stops`), so that the bus does not park next to a
  service that is already there.

The Stops are ordinary rows of ``stops.csv``: the coordinator edits them afterwards.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from itinerant.clock import minutes_between
from itinerant.errors import InputError, Problem, ScenarioError
from itinerant.i18n import folding
from itinerant.io.cells import parse_float, parse_time, parse_weekdays
from itinerant.io.tables import Collector, Column, Table, read_table
from itinerant.model import (
    SAMPLE,
    AvailabilityRule,
    Bus,
    Commune,
    Counsellor,
    Depot,
    FieldError,
    Location,
    Pole,
    ServiceKind,
    ServicePoint,
    Stop,
    StopKind,
)
from itinerant.model import WEEKDAYS as WEEKDAY_CODES

__all__ = [
    "MARKETS",
    "Market",
    "SampleRules",
    "next_monday",
    "read_markets",
    "sample_resources",
    "session_minutes",
    "slug",
    "suggest_stops",
]

logger = logging.getLogger(__name__)
_EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class Market:
    """One market of a markets CSV: where and when it is held (a candidate Stop).

    The commune is ``commune`` (its INSEE code) or ``commune_name`` with ``postcode``;
    ``lon``/``lat`` place it (both or neither: the commune's point then); ``file`` and ``row``
    say where it was read, for error messages.
    """

    weekdays: frozenset[int]
    place: str
    commune: str = ""
    commune_name: str = ""
    postcode: str = ""
    address: str = ""
    lon: float | None = None
    lat: float | None = None
    opens: dt.time = dt.time(8)
    closes: dt.time = dt.time(12, 30)
    file: str = ""
    row: int = 0

    def __post_init__(self) -> None:
        if not self.commune and not (self.commune_name and self.postcode):
            raise FieldError("commune", "give the INSEE code, or commune_name and postcode")
        if not self.place.strip():
            raise FieldError("place", "must not be empty")
        if (self.lon is None) != (self.lat is None):
            raise FieldError("lat" if self.lat is None else "lon", "give both lon and lat or none")
        if self.lon is not None and self.lat is not None:
            Location(self.lon, self.lat)
        if minutes_between(self.opens, self.closes) < 15:
            raise FieldError("closes", "the market must last at least 15 minutes after opens")
        if not self.weekdays:
            raise FieldError("weekdays", "needs at least one weekday")


MARKETS = Table(
    "markets",
    Market,
    (
        Column("commune", default=""),
        Column("commune_name", default=""),
        Column("postcode", default=""),
        Column("weekdays", parse_weekdays),
        Column("place"),
        Column("address", default=""),
        Column("lon", parse_float, None),
        Column("lat", parse_float, None),
        Column("opens", parse_time, dt.time(8)),
        Column("closes", parse_time, dt.time(12, 30)),
    ),
    id_column=None,
    location=None,
)
"""The columns of a markets CSV (``docs/directories.md``, "Markets")."""


def read_markets(path: str | os.PathLike[str]) -> tuple[Market, ...]:
    """The markets of a markets CSV (:data:`MARKETS`), each knowing its file and row.

    Raises
    ------
    ScenarioError
        Naming the file, row and field of every bad cell or row.
    InputError
        When the file does not exist.
    """
    file = Path(path)
    if not file.is_file():
        msg = f"{file}: markets file not found"
        raise InputError(msg)
    out = Collector()
    rows = read_table(file.parent, file.name, MARKETS, out)
    if out.problems:
        raise ScenarioError(out.problems)
    return tuple(replace(market, file=file.name, row=row) for row, market in rows)


@dataclass(frozen=True)
class SampleRules:
    """The rules a coordinator sets for the sample resources of a new territory.

    Attributes
    ----------
    stop_min_population
        A commune gets a candidate town-hall Stop from this many inhabitants.
    max_stops
        At most this many Stops (the most populous communes win; ties by code).
    min_stops
        At least this many Stops (the most populous communes), whatever the threshold.
    buses
        Number of minibuses; ``None``: one, or two from :attr:`two_buses_from` inhabitants.
    two_buses_from
        Population from which the automatic fleet has two minibuses.
    start
        First day of the Horizon (a Monday); ``None``: the Monday after today.
    weeks
        Length of the Horizon in weeks.
    markets
        Markets (:func:`read_markets`) that become candidate Stops on their weekdays.
    min_service_distance_km
        No suggested Stop (town hall or market) closer than this (km, crow-fly) to an existing
        ServicePoint; 0 keeps them all.
    """

    stop_min_population: int = 250
    max_stops: int = 150
    min_stops: int = 3
    buses: int | None = None
    two_buses_from: int = 200_000
    start: dt.date | None = None
    weeks: int = 4
    markets: tuple[Market, ...] = field(default=(), repr=False)
    min_service_distance_km: float = 0.0

    def __post_init__(self) -> None:
        if not (math.isfinite(self.min_service_distance_km) and self.min_service_distance_km >= 0):
            raise FieldError("min_service_distance_km", "must be a distance of 0 km or more")


_DAY = (dt.time(8, 30), dt.time(17, 30), dt.time(12), dt.time(14))
_WEEKDAYS = frozenset(range(5))
_COUNSELLORS: tuple[tuple[str, str, str, str, str], ...] = (
    # id, name, institution, pôles, weekdays (0 = Monday)
    ("cns-1", "Alex Exemple", "France Travail", "emploi formation", "0 1 3"),
    ("cns-2", "Sam Fictif", "France Travail", "emploi evolution", "0 2 4"),
    ("cns-3", "Lou Démo", "Mission locale", "orientation emploi formation", "1 2 3"),
    (
        "cns-4",
        "Claude Essai",
        "Centre d'information et d'orientation",
        "orientation formation",
        "2 4",
    ),
    ("cns-5", "Dominique Modèle", "Chambre de commerce et d'industrie", "creation", "0 3"),
    (
        "cns-6",
        "Andrea Placebo",
        "Conseil en évolution professionnelle",
        "evolution formation",
        "1 4",
    ),
    ("cns-7", "Maxime Témoin", "Cap emploi", "emploi orientation", "0 2 3 4"),
    (
        "cns-8",
        "Charlie Prototype",
        "Chambre de métiers et de l'artisanat",
        "creation formation",
        "1 2",
    ),
)


def session_minutes(population: int) -> int:
    """Session length (min) of a sample town-hall Stop for a commune of ``population``.

    A village of a few hundred inhabitants does not fill a half-day: 90 minutes below 500
    inhabitants, 120 below 1,000, a 150-minute half-day from 1,000.
    """
    if population < 500:
        return 90
    if population < 1000:
        return 120
    return 150


def slug(name: str) -> str:
    """ASCII, lower-case, dash-separated form of ``name`` for ids (``Guéret`` -> ``gueret``)."""
    return folding.slug(name, fallback="commune", lower=True)


def next_monday(today: dt.date) -> dt.date:
    """The first Monday strictly after ``today``."""
    return today + dt.timedelta(days=7 - today.weekday())


def _distance_km(a: Location, b: Location) -> float:
    """Great-circle (crow-fly) distance between two WGS84 points, in km."""
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlat, dlon = lat2 - lat1, math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _far_enough(where: Location, service_points: Sequence[ServicePoint], min_km: float) -> bool:
    return all(_distance_km(where, p.location) >= min_km for p in service_points)


def _stop_communes(
    communes: Sequence[Commune], rules: SampleRules, service_points: Sequence[ServicePoint]
) -> list[Commune]:
    ranked = [
        c
        for c in sorted(communes, key=lambda c: (-c.population, c.code))
        if _far_enough(c.point, service_points, rules.min_service_distance_km)
    ]
    if len(ranked) < len(communes):
        logger.info(
            "%d town hall(s) closer than %g km to a service point: no Stop suggested there",
            len(communes) - len(ranked),
            rules.min_service_distance_km,
        )
    chosen = [c for c in ranked if c.population >= rules.stop_min_population]
    if len(chosen) < rules.min_stops:
        chosen = ranked[: rules.min_stops]
    return sorted(chosen[: rules.max_stops], key=lambda c: c.code)


def _folded(name: str) -> str:
    return folding.fold(name).lower().replace("-", " ").replace("'", " ").strip()


def _market_commune(
    market: Market, communes: Sequence[Commune], problems: list[Problem]
) -> Commune | None:
    """The market's commune; ``None`` when outside the Territory (or reported in ``problems``)."""
    if market.commune:
        found = [c for c in communes if c.code == market.commune]
        return found[0] if found else None
    same_postcode = [c for c in communes if market.postcode in c.postcodes]
    named = [c for c in same_postcode if _folded(c.name) == _folded(market.commune_name)]
    if len(named) == 1:
        return named[0]
    if same_postcode:
        problems.append(
            Problem(
                market.file,
                market.row,
                "commune_name",
                f"{market.commune_name!r} is no commune of postcode {market.postcode} "
                f"({', '.join(c.name for c in same_postcode)})",
            )
        )
    return None


def _market_stops(
    communes: Sequence[Commune], rules: SampleRules, service_points: Sequence[ServicePoint]
) -> list[Stop]:
    stops: list[Stop] = []
    problems: list[Problem] = []
    outside = near = 0
    ids: set[str] = set()
    for market in rules.markets:
        commune = _market_commune(market, communes, problems)
        if commune is None:
            outside += 1
            continue
        where = (
            Location(market.lon, market.lat)
            if market.lon is not None and market.lat is not None
            else commune.point
        )
        if not _far_enough(where, service_points, rules.min_service_distance_km):
            near += 1
            continue
        days = "-".join(WEEKDAY_CODES[d] for d in sorted(market.weekdays))
        stop_id = f"marche-{slug(commune.name)}-{days}"
        if stop_id in ids:
            stop_id = f"{stop_id}-{market.row}"
        ids.add(stop_id)
        window = minutes_between(market.opens, market.closes)
        try:
            stops.append(
                Stop(
                    id=stop_id,
                    name=f"Marché, {market.place}, {commune.name}",
                    kind=StopKind.MARCHE,
                    commune=commune.code,
                    location=where,
                    weekdays=market.weekdays,
                    opens=market.opens,
                    closes=market.closes,
                    session_minutes=min(session_minutes(commune.population), window),
                    address=market.address or market.place,
                    catchment_minutes=10,
                    source=f"{market.file}:row {market.row}",
                )
            )
        except FieldError as exc:
            problems.append(Problem(market.file, market.row, exc.field, exc.message))
    if problems:
        raise ScenarioError(problems)
    if outside or near:
        logger.info(
            "markets: %d outside the territory, %d closer than %g km to a service point, skipped",
            outside,
            near,
            rules.min_service_distance_km,
        )
    return stops


def suggest_stops(
    communes: Sequence[Commune],
    addresses: Mapping[str, str],
    rules: SampleRules,
    service_points: Sequence[ServicePoint] = (),
) -> tuple[Stop, ...]:
    """The candidate Stops the rules suggest: town halls, then markets, far from services.

    Parameters
    ----------
    communes
        The Territory's communes.
    addresses
        Town-hall address by INSEE code (``""`` when unknown).
    rules
        The population threshold, markets and minimum distance (km) from ``service_points``.
    service_points
        The existing ServicePoints.

    Raises
    ------
    ScenarioError
        When a market names a commune that does not match its postcode (file, row and field).
    """
    town_halls = _stops(communes, addresses, rules, service_points)
    markets = _market_stops(communes, rules, service_points)
    return (*town_halls, *markets)


def _stops(
    communes: Sequence[Commune],
    addresses: Mapping[str, str],
    rules: SampleRules,
    service_points: Sequence[ServicePoint],
) -> tuple[Stop, ...]:
    stops: list[Stop] = []
    ids: set[str] = set()
    for commune in _stop_communes(communes, rules, service_points):
        stop_id = f"mairie-{slug(commune.name)}"
        if stop_id in ids:
            stop_id = f"{stop_id}-{commune.code}"
        ids.add(stop_id)
        stops.append(
            Stop(
                id=stop_id,
                name=f"Place de la mairie, {commune.name}",
                kind=StopKind.MAIRIE,
                commune=commune.code,
                location=commune.point,
                weekdays=_WEEKDAYS,
                opens=dt.time(9),
                closes=dt.time(17),
                session_minutes=session_minutes(commune.population),
                address=addresses.get(commune.code, ""),
                catchment_minutes=10,
                source=SAMPLE,
            )
        )
    return tuple(stops)


def _crew() -> tuple[tuple[Counsellor, ...], tuple[AvailabilityRule, ...]]:
    counsellors, availability = [], []
    for ident, name, institution, poles, days in _COUNSELLORS:
        weekdays = [int(d) for d in days.split()]
        counsellors.append(
            Counsellor(
                id=ident,
                name=name,
                institution=institution,
                poles=frozenset(Pole(p) for p in poles.split()),
                max_days_per_week=len(weekdays),
                email=f"{slug(name).replace('-', '.')}@example.org",
                source=SAMPLE,
            )
        )
        availability += [AvailabilityRule(ident, day, source=SAMPLE) for day in weekdays]
    return tuple(counsellors), tuple(availability)


def sample_resources(
    communes: Sequence[Commune],
    hub: str,
    addresses: Mapping[str, str],
    rules: SampleRules,
) -> dict[str, Any]:
    """The sample Site, depot, buses, counsellors, availability and Stops of a Territory.

    Returns
    -------
    dict
        ``service_points``, ``depots``, ``buses``, ``counsellors``, ``availability`` and
        ``stops``, each a tuple of domain objects marked ``source = sample``.
    """
    centre = next(c for c in communes if c.code == hub)
    population = sum(c.population for c in communes)
    buses = rules.buses or (2 if population >= rules.two_buses_from else 1)
    depot = Depot(
        id=f"depot-{slug(centre.name)}",
        name=f"Dépôt du minibus, {centre.name} (exemple)",
        commune=centre.code,
        location=centre.point,
        source=SAMPLE,
    )
    site = ServicePoint(
        id=f"site-{slug(centre.name)}",
        name=f"Cité des métiers, {centre.name} (exemple)",
        kind=ServiceKind.SITE,
        commune=centre.code,
        location=centre.point,
        source=SAMPLE,
    )
    start, end, lunch_start, lunch_end = _DAY
    fleet = tuple(
        Bus(
            id=f"bus-{k}",
            name=f"Minibus {k} (exemple)",
            depot=depot.id,
            seats=3,
            min_crew=2,
            day_start=start,
            day_end=end,
            lunch_start=lunch_start,
            lunch_end=lunch_end,
            lunch_minutes=60,
            max_drive_minutes=180,
            source=SAMPLE,
        )
        for k in range(1, buses + 1)
    )
    counsellors, availability = _crew()
    return {
        "service_points": (site,),
        "depots": (depot,),
        "buses": fleet,
        "counsellors": counsellors,
        "availability": availability,
        "stops": suggest_stops(communes, addresses, rules, (site,)),
    }
