"""Re-planning after a disruption, changing as few published visits as possible.

A disruption is a counsellor absent on a date (``absence:<counsellor>:<YYYY-MM-DD>``) or a bus
out of service on a date (``bus:<bus>:<YYYY-MM-DD>``). :func:`replan` applies the disruptions
to the scenario, fixes every Tour before the first disrupted date and every locked Visit, and
re-plans the rest with a bonus for each published visit and crew assignment kept, worth more
than any gain in need: what still works is kept, and only what must change changes.
:func:`~itinerant.schedule.changes.diff_schedules` lists what changed, visit by visit
(disruptions and changes are plain data in :mod:`~itinerant.schedule.changes`, re-exported here).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from itinerant.errors import InputError
from itinerant.model import AvailabilityRule, BlockedDay, Scenario, Slot
from itinerant.schedule.changes import Change, Disruption, diff_schedules, parse_disruption
from itinerant.schedule.cpsat import Progress
from itinerant.schedule.data import PlanningData
from itinerant.schedule.planner import PlanResult, plan_data
from itinerant.schedule.schedule import Schedule

__all__ = [
    "Change",
    "Disruption",
    "apply_disruptions",
    "diff_schedules",
    "parse_disruption",
    "replan",
]


def apply_disruptions(scenario: Scenario, disruptions: Iterable[Disruption]) -> Scenario:
    """The scenario with the disruptions recorded (an absence rule, a blocked day).

    Raises
    ------
    InputError
        If a disruption names an unknown counsellor or bus.
    """
    counsellors = {c.id for c in scenario.counsellors}
    buses = {b.id for b in scenario.buses}
    availability = list(scenario.availability)
    blocked = list(scenario.blocked_days)
    for d in disruptions:
        if d.kind == "absence":
            if d.subject not in counsellors:
                msg = f"disruption {d}: unknown counsellor {d.subject!r}"
                raise InputError(msg)
            availability.append(
                AvailabilityRule(d.subject, d.date, Slot.DAY, available=False, source="disruption")
            )
        else:
            if d.subject not in buses:
                msg = f"disruption {d}: unknown bus {d.subject!r}"
                raise InputError(msg)
            blocked.append(BlockedDay(d.subject, d.date, "disruption", source="disruption"))
    return replace(scenario, availability=tuple(availability), blocked_days=tuple(blocked))


def _still_possible(
    published: Schedule, disruptions: Sequence[Disruption], data: PlanningData
) -> Schedule:
    """The published Schedule less what the disruptions make impossible: the solver's start.

    Tours of a bus out of service are dropped; an absent counsellor leaves the crews of that
    date, and a Tour left with too small a crew is dropped (the solver may re-crew it).
    """
    blocked = {(d.subject, d.date) for d in disruptions if d.kind == "bus"}
    absent = {(d.subject, d.date) for d in disruptions if d.kind == "absence"}
    tours = []
    for tour in published.tours:
        if (tour.bus, tour.date) in blocked:
            continue
        visits = tuple(
            replace(v, crew=tuple(c for c in v.crew if (c, tour.date) not in absent))
            for v in tour.visits
        )
        if all(len(v.crew) >= data.buses[tour.bus].min_crew for v in visits):
            tours.append(replace(tour, visits=visits))
    popups = tuple(
        p
        for p in published.popups
        if not any((c, data.popups[p.popup].date) in absent for c in p.counsellors)
    )
    return replace(published, tours=tuple(tours), popups=popups)


def replan(
    data: PlanningData,
    published: Schedule,
    disruptions: Sequence[Disruption],
    *,
    time_limit_s: float = 30.0,
    seed: int = 0,
    progress: Callable[[Progress], None] | None = None,
    cancel: threading.Event | None = None,
) -> tuple[PlanResult, list[Change]]:
    """Re-plan ``published`` after ``disruptions`` (see the module docstring).

    ``data`` is prepared from the scenario *before* the disruptions; they are applied here.
    Returns the new plan and the changes against ``published``. ``cancel`` stops the search
    early (see :func:`~itinerant.schedule.planner.plan_data`).
    """
    if not disruptions:
        msg = "re-planning needs at least one disruption"
        raise InputError(msg)
    scenario = apply_disruptions(data.scenario, disruptions)
    disrupted = replace(data, scenario=scenario)
    availability = dict(data.availability)
    for d in disruptions:
        if d.kind == "absence":
            availability.pop((d.subject, d.date), None)
    disrupted = replace(disrupted, availability=availability)
    first = min(d.date for d in disruptions)
    locked = {
        (t.bus, t.date): tuple(v.stop for v in t.visits)
        for t in published.tours
        if t.date < first or any(v.locked for v in t.visits)
    }
    result = plan_data(
        disrupted,
        time_limit_s=time_limit_s,
        seed=seed,
        progress=progress,
        keep=published,
        locked=locked,
        hint=_still_possible(published, disruptions, disrupted),
        cancel=cancel,
    )
    return result, diff_schedules(published, result.schedule)
