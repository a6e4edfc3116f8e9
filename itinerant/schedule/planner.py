"""The tour planner: from a Scenario to a validated Schedule, compared with the baseline.

:func:`plan_data` runs on prepared :class:`~itinerant.schedule.data.PlanningData`:

1. day patterns for every bus-day (:mod:`~itinerant.schedule.patterns`);
2. the round-robin baseline (:mod:`~itinerant.schedule.baseline`), also the solver's first hint;
3. the CP-SAT model (:mod:`~itinerant.schedule.cpsat`);
4. the Schedule, re-checked by the solver-independent validator: a plan that breaks a rule is
   a bug and raises :class:`PlannerError` rather than being returned.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from itinerant.errors import ItinerantError
from itinerant.model import Slot
from itinerant.schedule.baseline import round_robin
from itinerant.schedule.cpsat import Progress, solve_cpsat
from itinerant.schedule.data import PlanningData
from itinerant.schedule.patterns import DayPattern, patterns_for
from itinerant.schedule.schedule import PopUpStaffing, Schedule, Tour, Visit
from itinerant.schedule.timing import clock
from itinerant.schedule.validate import Report, validate

__all__ = ["PlanResult", "PlannerError", "plan_data", "tour_from_pattern"]

logger = logging.getLogger(__name__)


class PlannerError(ItinerantError):
    """The planner produced no valid Schedule (a bug, or a solver failure)."""


@dataclass(frozen=True)
class PlanResult:
    """A validated Schedule with its report, and the baseline with its report."""

    schedule: Schedule
    report: Report
    baseline: Schedule
    baseline_report: Report
    status: str


def tour_from_pattern(
    bus: str, day: dt.date, pattern: DayPattern, crews: Mapping[Slot, tuple[str, ...]]
) -> Tour:
    """The Tour of ``bus`` on ``day`` following ``pattern``, with the crew of each half-day."""
    timed = pattern.timed
    visits = tuple(
        Visit(
            stop=stop,
            arrival=clock(arrival),
            start=clock(start),
            end=clock(end),
            crew=tuple(crews.get(half, ())),
        )
        for stop, half, arrival, start, end in zip(
            pattern.stops, pattern.halves, timed.arrivals, timed.starts, timed.ends, strict=True
        )
    )
    return Tour(
        bus=bus,
        date=day,
        departure=clock(timed.departure),
        return_time=clock(timed.return_time),
        visits=visits,
        lunch=(clock(timed.lunch[0]), clock(timed.lunch[1])) if timed.lunch else None,
    )


def day_patterns(data: PlanningData) -> dict[tuple[str, dt.date], list[DayPattern]]:
    """Feasible patterns for every bus-day, enumerated once per bus and weekday."""
    cache: dict[tuple[str, int], list[DayPattern]] = {}
    out = {}
    for bus, day in data.bus_days():
        key = (bus, day.weekday())
        if key not in cache:
            open_stops = [s.id for s in data.scenario.stops if data.stop_open_on(s, day)]
            cache[key] = patterns_for(data, bus, open_stops)
        out[(bus, day)] = cache[key]
    return out


def plan_data(
    data: PlanningData,
    *,
    time_limit_s: float = 30.0,
    seed: int = 0,
    progress: Callable[[Progress], None] | None = None,
    deterministic: bool = True,
) -> PlanResult:
    """Plan on prepared data and validate the result (see the module docstring)."""
    patterns = day_patterns(data)
    logger.info(
        "%d bus-days, %d day patterns in all", len(patterns), sum(map(len, patterns.values()))
    )
    baseline = round_robin(data)
    baseline_report = validate(baseline, data)
    result = solve_cpsat(
        data,
        patterns,
        time_limit_s=time_limit_s,
        seed=seed,
        progress=progress,
        hint=baseline,
        deterministic=deterministic,
    )
    if result.objective is None and result.status != "HINT":
        msg = f"the solver found no plan ({result.status})"
        raise PlannerError(msg)
    tours = tuple(tour_from_pattern(b, d, p, crews) for b, d, p, crews in result.tours)
    schedule = Schedule(
        scenario=data.scenario.name,
        tours=tuple(sorted(tours, key=lambda t: (t.date, t.bus))),
        popups=tuple(PopUpStaffing(pid, assignments) for pid, assignments in result.popups),
        method="planner (OR-Tools CP-SAT over day patterns)",
        approximate=data.matrix.approximate,
        network_label=data.matrix.network_label,
        bound=result.bound,
        seed=seed,
        elapsed_s=result.elapsed_s,
    )
    report = validate(schedule, data)
    # the Schedule carries the validator's objective: the model's own value of a non-optimal
    # solution can undercount (its coverage levels are only bounded from above)
    schedule = replace(schedule, objective=report.objective.total)
    if not report.ok:
        details = "\n".join(f"  - {v}" for v in report.violations)
        msg = f"the planner's Schedule breaks {len(report.violations)} rule(s):\n{details}"
        raise PlannerError(msg)
    logger.info(
        "plan: objective %.1f (bound %.1f), baseline %.1f",
        report.objective.total,
        result.bound or float("nan"),
        baseline_report.objective.total,
    )
    return PlanResult(schedule, report, baseline, baseline_report, result.status)
