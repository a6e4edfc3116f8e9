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
  sessions by commune size (:func:`session_minutes`) and a 10-minute catchment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from itinerant.i18n import folding
from itinerant.model import (
    SAMPLE,
    AvailabilityRule,
    Bus,
    Commune,
    Counsellor,
    Depot,
    Pole,
    ServiceKind,
    ServicePoint,
    Stop,
    StopKind,
)

__all__ = ["SampleRules", "next_monday", "sample_resources", "session_minutes", "slug"]


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
    """

    stop_min_population: int = 250
    max_stops: int = 150
    min_stops: int = 3
    buses: int | None = None
    two_buses_from: int = 200_000
    start: dt.date | None = None
    weeks: int = 4


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


def _stop_communes(communes: Sequence[Commune], rules: SampleRules) -> list[Commune]:
    ranked = sorted(communes, key=lambda c: (-c.population, c.code))
    chosen = [c for c in ranked if c.population >= rules.stop_min_population]
    if len(chosen) < rules.min_stops:
        chosen = ranked[: rules.min_stops]
    return sorted(chosen[: rules.max_stops], key=lambda c: c.code)


def _stops(
    communes: Sequence[Commune], addresses: Mapping[str, str], rules: SampleRules
) -> tuple[Stop, ...]:
    stops: list[Stop] = []
    ids: set[str] = set()
    for commune in _stop_communes(communes, rules):
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
        "stops": _stops(communes, addresses, rules),
    }
