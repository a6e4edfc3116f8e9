"""The round-robin baseline: what a coordinator would do by hand, for comparison.

Communes are taken in decreasing order of population, in turn; each is served from the Stop that
reaches it fastest (among the Stops whose Catchment contains it). Every bus-day that can run gets
the next Stops of that cycle that are open that weekday and fit the day (two sessions a day by
default, each within one half-day as in the planner), with a crew picked greedily among the
counsellors available, within their weekly limits, covering the Stop's required pôles. PopUps
are staffed first (mandatory ones, then the others by priority), greedily. The result is a
valid Schedule (the validator accepts it), so that KPIs compare like with like.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable

from itinerant.clock import clock_of
from itinerant.model import Pole, PopUp, Slot
from itinerant.places import PlaceKey
from itinerant.schedule.data import PlanningData, slots_of
from itinerant.schedule.patterns import DayPattern, tour_from_pattern
from itinerant.schedule.schedule import PopUpStaffing, Schedule, Tour
from itinerant.schedule.timing import TimedTour, time_tour

__all__ = ["CrewBook", "round_robin", "staff_popups", "stop_cycle"]

logger = logging.getLogger(__name__)


class CrewBook:
    """Who works when: half-days taken and days worked per ISO week, for greedy assignment."""

    def __init__(self, data: PlanningData) -> None:
        self.data = data
        self.busy: set[tuple[str, dt.date, Slot]] = set()
        self.worked: dict[tuple[str, int, int], set[dt.date]] = defaultdict(set)

    def can_work(self, counsellor: str, day: dt.date, halves: Iterable[Slot]) -> bool:
        """Whether ``counsellor`` is available, free and within their weekly limit."""
        halves = frozenset(halves)
        if not halves <= self.data.available(counsellor, day):
            return False
        if any((counsellor, day, h) in self.busy for h in halves):
            return False
        year, week, _ = day.isocalendar()
        days = self.worked[(counsellor, year, week)]
        limit = self.data.counsellors[counsellor].max_days_per_week
        return day in days or len(days) < limit

    def book(self, counsellor: str, day: dt.date, halves: Iterable[Slot]) -> bool:
        """Record that ``counsellor`` works those half-days; whether the day is a new one."""
        for h in halves:
            self.busy.add((counsellor, day, h))
        year, week, _ = day.isocalendar()
        days = self.worked[(counsellor, year, week)]
        new = day not in days
        days.add(day)
        return new

    def unbook(self, counsellor: str, day: dt.date, halves: Iterable[Slot], *, new: bool) -> None:
        """Undo :meth:`book` (``new``: what it returned), for a search that backtracks."""
        for h in halves:
            self.busy.discard((counsellor, day, h))
        if new:
            year, week, _ = day.isocalendar()
            self.worked[(counsellor, year, week)].discard(day)

    def pick(
        self,
        day: dt.date,
        halves: frozenset[Slot],
        count: int,
        poles: frozenset[Pole],
        *,
        limit: int | None = None,
    ) -> list[str] | None:
        """Pick at least ``count`` free counsellors together covering ``poles``, or ``None``.

        Counsellors already working that day come first (fewer counsellor-days), then by id.
        """
        free = [c for c in sorted(self.data.counsellors) if self.can_work(c, day, halves)]
        free.sort(key=lambda c: (not any((c, day, h) in self.busy for h in Slot), c))
        chosen: list[str] = []
        missing = set(poles)
        while missing:
            best = max(
                (c for c in free if c not in chosen),
                key=lambda c: len(self.data.counsellors[c].poles & missing),
                default=None,
            )
            if best is None or not self.data.counsellors[best].poles & missing:
                return None
            chosen.append(best)
            missing -= self.data.counsellors[best].poles
        for c in free:
            if len(chosen) >= count:
                break
            if c not in chosen:
                chosen.append(c)
        if len(chosen) < count or (limit is not None and len(chosen) > limit):
            return None
        return chosen


def stop_cycle(data: PlanningData) -> list[str]:
    """Stops in the order of the round-robin.

    Communes by decreasing population, each served by the Stop that reaches it fastest; a Stop
    appears once, at its first commune.
    """
    reach = data.stops_reaching
    order: list[str] = []
    communes = sorted(data.scenario.territory.communes, key=lambda c: (-c.population, c.code))
    for commune in communes:
        stops = reach.get(commune.code)
        if not stops:
            continue
        nearest = min(
            stops,
            key=lambda s: (data.travel_s(PlaceKey.stop(s), PlaceKey.commune(commune.code)), s),
        )
        if nearest not in order:
            order.append(nearest)
    return order


MANDATORY_NODES = 20_000
"""Nodes of the exact search for the mandatory PopUps' staffing before it gives up."""


def _staff_mandatory(
    data: PlanningData, book: CrewBook, popups: list[PopUp]
) -> dict[str, list[tuple[str, Pole]]] | None:
    """Staff every PopUp of ``popups`` (mandatory ones), booking them, or ``None``.

    A depth-first search over their places (one per pôle and count), trying the counsellors
    already working that day first; it backtracks where the greedy order fails, e.g. when two
    PopUps of a day need the only two counsellors of a pôle in the other order. It gives up
    after :data:`MANDATORY_NODES` nodes (then nothing is booked).
    """
    midday = data.settings.midday
    places = [
        (popup, slots_of(popup.start, popup.end, midday), pole)
        for popup in popups
        for pole, count in popup.needs
        for _ in range(count)
    ]
    chosen: dict[str, list[tuple[str, Pole]]] = {p.id: [] for p in popups}
    undo: list[tuple[str, dt.date, frozenset[Slot], bool]] = []
    nodes = 0

    def search(i: int) -> bool:
        nonlocal nodes
        if i == len(places):
            return True
        nodes += 1
        if nodes > MANDATORY_NODES:
            return False
        popup, halves, pole = places[i]
        taken = {c for c, _ in chosen[popup.id]}
        candidates = sorted(
            (
                c
                for c in data.counsellors
                if c not in taken
                and pole in data.counsellors[c].poles
                and book.can_work(c, popup.date, halves)
            ),
            key=lambda c: (not any((c, popup.date, h) in book.busy for h in Slot), c),
        )
        for c in candidates:
            new = book.book(c, popup.date, halves)
            chosen[popup.id].append((c, pole))
            undo.append((c, popup.date, halves, new))
            if search(i + 1):
                return True
            chosen[popup.id].pop()
            undo.pop()
            book.unbook(c, popup.date, halves, new=new)
            if nodes > MANDATORY_NODES:
                return False
        return False

    if search(0):
        return chosen
    for c, day, halves, new in reversed(undo):
        book.unbook(c, day, halves, new=new)
    logger.info("baseline: no staffing of every mandatory PopUp found (%d nodes)", nodes)
    return None


def staff_popups(data: PlanningData, book: CrewBook) -> list[PopUpStaffing]:
    """Staff PopUps (mandatory first, then by priority), booking their counsellors.

    The mandatory PopUps are staffed all together by an exact search (:func:`_staff_mandatory`),
    so that a starting plan staffs them whenever it can be done; the others greedily.
    """
    days = set(data.days)
    out = []
    mandatory = sorted(
        (p for p in data.scenario.popups if p.mandatory and p.date in days),
        key=lambda p: (-p.priority, p.date, p.id),
    )
    staffed = _staff_mandatory(data, book, mandatory) if mandatory else None
    if staffed is not None:
        out = [PopUpStaffing(p.id, tuple(staffed[p.id])) for p in mandatory]
    popups = sorted(data.scenario.popups, key=lambda p: (not p.mandatory, -p.priority, p.date))
    for popup in popups:
        if popup.date not in days or (staffed is not None and popup.id in staffed):
            continue
        halves = slots_of(popup.start, popup.end, data.settings.midday)
        assignments: list[tuple[str, Pole]] = []
        for pole, count in popup.needs:
            for _ in range(count):
                taken = {c for c, _ in assignments}
                candidates = [
                    c
                    for c in sorted(data.counsellors)
                    if c not in taken
                    and pole in data.counsellors[c].poles
                    and book.can_work(c, popup.date, halves)
                ]
                if not candidates:
                    break
                assignments.append((candidates[0], pole))
        complete = all(
            sum(1 for _, p in assignments if p == pole) >= count for pole, count in popup.needs
        )
        if not complete:
            logger.info("baseline: PopUp %s cannot be staffed", popup.name)
            continue
        for c, _ in assignments:
            book.book(c, popup.date, halves)
        out.append(PopUpStaffing(popup.id, tuple(assignments)))
    return out


def _one_half_each(data: PlanningData, timed: TimedTour) -> bool:
    """Whether every session lies in one half-day (crews are chosen per half-day)."""
    return all(
        len(slots_of(clock_of(s), clock_of(e), data.settings.midday)) == 1
        for s, e in zip(timed.starts, timed.ends, strict=True)
    )


def round_robin(data: PlanningData, *, sessions_per_day: int = 2) -> Schedule:
    """The round-robin baseline Schedule (see the module docstring)."""
    book = CrewBook(data)
    popups = staff_popups(data, book)
    cycle = stop_cycle(data)
    tours: list[Tour] = []
    visited: set[tuple[str, dt.date]] = set()  # a Stop receives one visit a day
    position = 0
    for bus_id, day in data.bus_days():
        if not cycle:
            break
        bus = data.buses[bus_id]
        chosen: list[str] = []
        timed = None
        scanned = 0
        cursor = position
        while len(chosen) < sessions_per_day and scanned < len(cycle):
            candidate = cycle[cursor % len(cycle)]
            cursor += 1
            scanned += 1
            stop = data.stops[candidate]
            if (
                candidate in chosen
                or (candidate, day) in visited
                or not data.stop_open_on(stop, day)
            ):
                continue
            attempt = time_tour(data, bus_id, [*chosen, candidate])
            if attempt is not None and _one_half_each(data, attempt):
                chosen.append(candidate)
                timed = attempt
        if timed is None:
            continue
        halves = frozenset().union(
            *(
                slots_of(clock_of(s), clock_of(e), data.settings.midday)
                for s, e in zip(timed.starts, timed.ends, strict=True)
            )
        )
        poles = frozenset().union(*(data.stops[s].required_poles for s in chosen))
        crew = book.pick(day, halves, bus.min_crew, poles, limit=bus.seats)
        if crew is None:
            logger.info("baseline: no crew for %s on %s", bus_id, day)
            continue
        for c in crew:
            book.book(c, day, halves)
        position = cursor
        visited.update((stop_id, day) for stop_id in chosen)
        halves_each = tuple(
            next(iter(slots_of(clock_of(a), clock_of(b), data.settings.midday)))
            for a, b in zip(timed.starts, timed.ends, strict=True)
        )
        pattern = DayPattern(tuple(chosen), timed, halves_each)
        tours.append(tour_from_pattern(bus_id, day, pattern, dict.fromkeys(halves, tuple(crew))))
    return data.schedule(tours, popups, "round-robin baseline")
