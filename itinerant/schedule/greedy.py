"""A need-greedy plan: a strong, valid starting point for the solver.

Repeatedly, the (bus-day, day pattern) pair with the largest marginal value — the Need of the
communes its Stops reach, each discounted by ``repeat_decay`` for every earlier visit reaching
it, less the driving cost — is given to its bus-day, provided a crew can be found (greedily,
within availability, weekly limits and required pôles). Marginal values only fall as visits are
added, so a priority queue re-evaluated lazily finds the best pair without re-scoring every
pattern at each step (the "lazy greedy" of submodular maximisation). PopUps are staffed first,
as in the baseline. It ignores frequency targets, regularity and equity, which the solver then
weighs.
"""

from __future__ import annotations

import datetime as dt
import heapq
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
    # (-gain, bus, day, index): ties broken by date, bus and pattern order (deterministic)
    queue: list[tuple[float, dt.date, str, int]] = []
    for (bus, day), options in patterns.items():
        for i, pattern in enumerate(options):
            gain = _gain(data, pattern, counts)
            if gain > 0:
                queue.append((-gain, day, bus, i))
    heapq.heapify(queue)
    done: set[tuple[str, dt.date]] = set()
    while queue:
        _, day, bus, i = heapq.heappop(queue)
        if (bus, day) in done:
            continue
        pattern = patterns[(bus, day)][i]
        gain = _gain(data, pattern, counts)
        if gain <= 0:
            continue
        if queue and gain < -queue[0][0]:
            heapq.heappush(queue, (-gain, day, bus, i))  # stale: re-queue at its true value
            continue
        bus_obj = data.buses[bus]
        halves = frozenset(pattern.halves)
        poles = frozenset().union(*(data.stops[s].required_poles for s in pattern.stops))
        crew = book.pick(day, halves, bus_obj.min_crew, poles, limit=bus_obj.seats)
        if crew is None:
            continue  # never again: bookings only grow
        for c in crew:
            book.book(c, day, halves)
        for stop in pattern.stops:
            counts.update(data.catchments.get(stop, ()))
        done.add((bus, day))
        tours.append(tour_from_pattern(bus, day, pattern, dict.fromkeys(halves, tuple(crew))))
    tours.sort(key=lambda tour: (tour.date, tour.bus))
    return data.schedule(tours, popups, "need-greedy")
