"""Long days: many short sessions in one day, built by the routing core instead of enumerated.

Day patterns (:mod:`~itinerant.schedule.patterns`) are enumerated up to four Stops: beyond,
orderings explode. Yet a bus whose Stops hold 20- to 45-minute sessions (a stop in a village
square, a relay point) can visit 7 to 15 of them in a day, as mobile libraries do. For each bus
and weekday where the shortest session allows more than four, this module asks the OR-Tools
routing core (:mod:`~itinerant.schedule.routing_core`: the prize-collecting routing with time
windows and a driving cap that scores 0.98-1.00 of the best known TOPTW results) for the most
valuable long days, and adds them to the bus-days of that weekday as ordinary day patterns, so
that the CP-SAT model and its large-neighbourhood search choose among them like any other day.

The prize of a Stop is the Need of the communes it reaches, each commune's Need shared among
the open Stops that reach it (a day of Stops that all reach the same village is worth that
village once). :data:`VARIANTS` days are built per bus and weekday, each one with the prize of
the communes already reached by the previous ones decayed by ``repeat_decay``, so that the
variants cover different parts of the territory (one per week of a rotation, for instance).

The routing core knows no lunch break and no half-days: the vehicle's day is shortened by the
lunch, then every route is timed exactly by :func:`~itinerant.schedule.timing.time_tour`
(lunch, driving cap, opening hours) and Stops are dropped from its end until it fits and every
session lies within one half-day. The search is bounded by a number of solutions and
iterations, not by time, so the same data give the same days on any machine.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

from itinerant.clock import minutes_between, seconds_of
from itinerant.places import PlaceKey
from itinerant.schedule.data import PlanningData
from itinerant.schedule.patterns import MAX_ENUMERATED_STOPS, DayPattern, day_pattern
from itinerant.schedule.routing_core import (
    PrizeGroup,
    RoutingProblem,
    RoutingVehicle,
    solve_routing,
)

__all__ = [
    "VARIANTS",
    "add_long_days",
    "long_day_patterns",
    "long_days_by_weekday",
    "needs_long_days",
]

logger = logging.getLogger(__name__)

VARIANTS = 4
"""Long days built per bus and weekday."""
LONG_DAY_SESSIONS = 6
"""Long days are built when the bus's day holds this many of its shortest sessions (below,
the enumerated days of up to :data:`~itinerant.schedule.patterns.MAX_ENUMERATED_STOPS` Stops
lose little)."""
PRIZE_SCALE = 100
"""Need units are multiplied by this to give the routing core's integer prizes."""
_SOLUTIONS = 30
_ITERATIONS = 12
_WALL_S = 5.0


def needs_long_days(data: PlanningData, bus_id: str, open_stops: Sequence[str]) -> bool:
    """Whether the bus's day holds :data:`LONG_DAY_SESSIONS` of its shortest sessions."""
    if not open_stops:
        return False
    bus = data.buses[bus_id]
    shortest = min(data.stops[s].session_minutes for s in open_stops)
    day = minutes_between(bus.day_start, bus.day_end) - bus.lunch_minutes
    return day // max(shortest, 1) >= max(LONG_DAY_SESSIONS, MAX_ENUMERATED_STOPS + 1)


def _prizes(data: PlanningData, open_stops: Sequence[str]) -> dict[str, dict[str, float]]:
    """Per open Stop, the share of each reached commune's Need."""
    reaching: Counter[str] = Counter()
    for stop in open_stops:
        reaching.update(data.catchments.get(stop, ()))
    return {
        stop: {
            code: data.need.get(code, 0.0) / reaching[code]
            for code in data.catchments.get(stop, ())
        }
        for stop in open_stops
    }


def _problem(
    data: PlanningData, bus_id: str, stops: Sequence[str], prizes: Sequence[int]
) -> RoutingProblem:
    bus = data.buses[bus_id]
    places = [PlaceKey.depot(bus.depot), *(PlaceKey.stop(s) for s in stops)]
    n = len(places)
    travel = np.zeros((n, n), dtype=np.int64)
    unreachable = 10 * 86_400
    for i, a in enumerate(places):
        for j, b in enumerate(places):
            if i != j:
                leg = data.travel_s(a, b)
                travel[i, j] = leg if leg >= 0 else unreachable
    service = np.array([0, *(data.stops[s].session_minutes * 60 for s in stops)], dtype=np.int64)
    windows = [(0, 86_400)]
    for stop in stops:
        s = data.stops[stop]
        opens = seconds_of(s.opens)
        windows.append((opens, max(opens, seconds_of(s.closes) - s.session_minutes * 60)))
    vehicle = RoutingVehicle(
        start=0,
        end=0,
        earliest_start=seconds_of(bus.day_start),
        latest_end=seconds_of(bus.day_end) - bus.lunch_minutes * 60,
        max_travel=bus.max_drive_minutes * 60,
    )
    groups = tuple(PrizeGroup((k + 1,), prize) for k, prize in enumerate(prizes))
    return RoutingProblem(travel, service, tuple(windows), (vehicle,), groups)


def _fitting(data: PlanningData, bus_id: str, route: Sequence[str]) -> DayPattern | None:
    """The longest prefix of ``route`` that fits the bus's day exactly, as a pattern."""
    for length in range(len(route), 0, -1):
        pattern = day_pattern(data, bus_id, tuple(route[:length]))
        if pattern is not None:
            return pattern
    return None


def long_day_patterns(
    data: PlanningData, bus_id: str, open_stops: Sequence[str], *, seed: int = 0
) -> list[DayPattern]:
    """Up to :data:`VARIANTS` long days of ``bus_id`` over ``open_stops`` (see the docstring)."""
    stops = sorted(open_stops)
    shares = _prizes(data, stops)
    decay = data.settings.repeat_decay
    seen: Counter[str] = Counter()
    out: dict[tuple[str, ...], DayPattern] = {}
    for variant in range(VARIANTS):
        prizes = [
            round(PRIZE_SCALE * sum(v * decay ** seen[code] for code, v in shares[stop].items()))
            for stop in stops
        ]
        if not any(prizes):
            break
        solution = solve_routing(
            _problem(data, bus_id, stops, prizes),
            time_limit_s=_WALL_S,
            seed=seed + variant,
            solution_limit=_SOLUTIONS,
            iterations=_ITERATIONS,
        )
        route = [stops[node - 1] for node in solution.routes[0]] if solution.found else []
        pattern = _fitting(data, bus_id, route) if route else None
        if pattern is None:
            break
        out.setdefault(pattern.stops, pattern)
        for stop in pattern.stops:
            seen.update(data.catchments.get(stop, ()))
    logger.debug("%d long days for %s over %d Stops", len(out), bus_id, len(stops))
    return sorted(out.values(), key=lambda p: p.stops)


def long_days_by_weekday(
    data: PlanningData, *, seed: int = 0, stop_at: float | None = None
) -> dict[tuple[str, int], list[DayPattern]]:
    """Long days of each bus and weekday of the Horizon whose short sessions allow them.

    After ``stop_at`` (a :func:`time.monotonic` moment) no more are built (a warning says so).
    """
    out: dict[tuple[str, int], list[DayPattern]] = {}
    for bus_id, day in data.bus_days():
        weekday = day.weekday()
        if (bus_id, weekday) in out:
            continue
        open_stops = [s.id for s in data.scenario.stops if weekday in s.weekdays]
        if not needs_long_days(data, bus_id, open_stops):
            out[(bus_id, weekday)] = []
        elif stop_at is not None and time.monotonic() > stop_at:
            logger.warning("long days of %s on weekday %d left out (time limit)", bus_id, weekday)
            out[(bus_id, weekday)] = []
        else:
            out[(bus_id, weekday)] = long_day_patterns(data, bus_id, open_stops, seed=seed)
    return out


def add_long_days(
    every: Mapping[tuple[str, dt.date], list[DayPattern]],
    long_days: Mapping[tuple[str, int], Sequence[DayPattern]],
) -> dict[tuple[str, dt.date], list[DayPattern]]:
    """``every`` with the long days of each bus-day's bus and weekday added (not repeated)."""
    out: dict[tuple[str, dt.date], list[DayPattern]] = {}
    for (bus_id, day), options in every.items():
        known = {p.stops for p in options}
        extra = [p for p in long_days.get((bus_id, day.weekday()), ()) if p.stops not in known]
        out[(bus_id, day)] = [*options, *extra] if extra else options
    return out
