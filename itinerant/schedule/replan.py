"""Re-planning after a disruption, changing as few published visits as possible.

A disruption is a counsellor absent on a date (``absence:<counsellor>:<YYYY-MM-DD>``) or a bus
out of service on a date (``bus:<bus>:<YYYY-MM-DD>``). :func:`replan` applies the disruptions
to the scenario, fixes every Tour before the first disrupted date and every locked Visit, and
re-plans the rest with a bonus for each published visit and crew assignment kept, worth more
than any gain in need: what still works is kept, and only what must change changes.
:func:`diff_schedules` lists what changed, visit by visit.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from itinerant.errors import InputError
from itinerant.model import AvailabilityRule, BlockedDay, Scenario, Slot
from itinerant.schedule.cpsat import Progress
from itinerant.schedule.data import PlanningData
from itinerant.schedule.planner import PlanResult, plan_data
from itinerant.schedule.schedule import Schedule, Tour, Visit

__all__ = [
    "Change",
    "Disruption",
    "apply_disruptions",
    "diff_schedules",
    "parse_disruption",
    "replan",
]


@dataclass(frozen=True, slots=True)
class Disruption:
    """A counsellor absent, or a bus out of service, on a date."""

    kind: Literal["absence", "bus"]
    subject: str
    date: dt.date

    def __str__(self) -> str:
        return f"{self.kind}:{self.subject}:{self.date.isoformat()}"


def parse_disruption(text: str) -> Disruption:
    """Parse ``absence:<counsellor>:<date>`` or ``bus:<bus>:<date>``.

    Raises
    ------
    InputError
        Naming the text and what is wrong with it.
    """
    parts = text.strip().split(":")
    if len(parts) != 3 or parts[0] not in ("absence", "bus") or not parts[1]:
        msg = (
            f"disruption {text!r} is not absence:<counsellor>:<YYYY-MM-DD> or "
            "bus:<bus>:<YYYY-MM-DD>"
        )
        raise InputError(msg)
    try:
        day = dt.date.fromisoformat(parts[2])
    except ValueError:
        msg = f"disruption {text!r}: {parts[2]!r} is not a date YYYY-MM-DD"
        raise InputError(msg) from None
    kind: Literal["absence", "bus"] = "absence" if parts[0] == "absence" else "bus"
    return Disruption(kind, parts[1], day)


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


@dataclass(frozen=True, slots=True)
class Change:
    """One difference between a published Schedule and its re-plan.

    ``kind``: ``cancelled`` (the visit no longer takes place), ``added`` (a new visit),
    ``moved`` (the same Stop at another date, bus or time), ``crew`` (same visit, other
    counsellors).
    """

    kind: Literal["cancelled", "added", "moved", "crew"]
    stop: str
    bus: str
    date: dt.date
    start: dt.time
    before: Visit | None
    after: Visit | None
    new_bus: str = ""
    new_date: dt.date | None = None


def _visits(schedule: Schedule) -> dict[tuple[str, dt.date, str], tuple[Tour, Visit]]:
    return {(t.bus, t.date, v.stop): (t, v) for t, v in schedule.visits()}


def diff_schedules(before: Schedule, after: Schedule) -> list[Change]:
    """Every visit cancelled, added, moved (same Stop, other date, bus or time) or re-crewed."""
    old = _visits(before)
    new = _visits(after)
    changes: list[Change] = []
    gone = {k: tv for k, tv in old.items() if k not in new}
    came = {k: tv for k, tv in new.items() if k not in old}
    for key in sorted(set(old) & set(new)):
        (_, v0), (_, v1) = old[key], new[key]
        if (v0.start, v0.end) != (v1.start, v1.end):
            changes.append(
                Change("moved", key[2], key[0], key[1], v0.start, v0, v1, key[0], key[1])
            )
        elif set(v0.crew) != set(v1.crew):
            changes.append(Change("crew", key[2], key[0], key[1], v0.start, v0, v1))
    # a Stop cancelled on one day and added on another is a move, for the public
    for key in sorted(gone):
        bus, day, stop = key
        _, v0 = gone[key]
        target = next((k for k in sorted(came) if k[2] == stop), None)
        if target is not None:
            _, v1 = came.pop(target)
            changes.append(Change("moved", stop, bus, day, v0.start, v0, v1, target[0], target[1]))
        else:
            changes.append(Change("cancelled", stop, bus, day, v0.start, v0, None))
    for key in sorted(came):
        bus, day, stop = key
        _, v1 = came[key]
        changes.append(Change("added", stop, bus, day, v1.start, None, v1))
    return changes


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
