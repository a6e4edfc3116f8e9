"""A need-greedy plan: a strong, valid starting point for the solver.

Bus-days are taken in date order; each gets the day pattern with the largest marginal value —
the Need of the communes its Stops reach, each discounted by ``repeat_decay`` for every earlier
visit reaching it, less the driving cost — among those for which a crew can be found (greedily,
within availability, weekly limits and required pôles). PopUps are staffed first, as in the
baseline. It ignores frequency targets, regularity and equity, which the solver then weighs.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence

from itinerant.schedule.baseline import CrewBook, staff_popups
from itinerant.schedule.data import PlanningData
from itinerant.schedule.patterns import DayPattern, tour_from_pattern
from itinerant.schedule.schedule import Schedule, Tour

__all__ = ["greedy_plan"]


def _gain(data: PlanningData, pattern: DayPattern, counts: Counter[str]) -> float:
    decay = data.settings.repeat_decay
    seen: Counter[str] = Counter()
    value = 0.0
    for stop in pattern.stops:
        for code in data.catchments.get(stop, ()):
            k = counts[code] + seen[code]
            if k < data.settings.max_counted_visits:
                value += data.need.get(code, 0.0) * decay**k
            seen[code] += 1
    return value - data.settings.km_weight * pattern.km


def greedy_plan(
    data: PlanningData, patterns: Mapping[tuple[str, dt.date], Sequence[DayPattern]]
) -> Schedule:
    """The need-greedy Schedule over the given day patterns (see the module docstring)."""
    book = CrewBook(data)
    popups = staff_popups(data, book)
    counts: Counter[str] = Counter()
    tours: list[Tour] = []
    visited: set[tuple[str, dt.date]] = set()
    for bus, day in sorted(patterns, key=lambda key: (key[1], key[0])):
        bus_obj = data.buses[bus]
        ranked = sorted(patterns[(bus, day)], key=lambda p: (-_gain(data, p, counts), p.stops))
        for pattern in ranked:
            if _gain(data, pattern, counts) <= 0:
                break
            if any((stop, day) in visited for stop in pattern.stops):
                continue  # a Stop receives one visit a day
            halves = frozenset(pattern.halves)
            poles = frozenset().union(*(data.stops[s].required_poles for s in pattern.stops))
            crew = book.pick(day, halves, bus_obj.min_crew, poles, limit=bus_obj.seats)
            if crew is None:
                continue
            for c in crew:
                book.book(c, day, halves)
            for stop in pattern.stops:
                counts.update(data.catchments.get(stop, ()))
                visited.add((stop, day))
            tours.append(tour_from_pattern(bus, day, pattern, dict.fromkeys(halves, tuple(crew))))
            break
    return Schedule(
        scenario=data.scenario.name,
        tours=tuple(tours),
        popups=tuple(popups),
        method="need-greedy",
        approximate=data.matrix.approximate,
        network_label=data.matrix.network_label,
    )
