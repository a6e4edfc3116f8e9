"""The tour planner: from a Scenario to a validated Schedule, compared with the baseline.

:func:`plan_data` runs on prepared :class:`~itinerant.schedule.data.PlanningData`:

0. inputs that make a plan impossible are refused with explanations
   (:mod:`~itinerant.schedule.explain`);
1. day patterns for every bus-day (:mod:`~itinerant.schedule.patterns`);
2. the round-robin baseline (:mod:`~itinerant.schedule.baseline`) and the need-greedy plan
   (:mod:`~itinerant.schedule.greedy`); the better of the two is the solver's starting point;
3. the CP-SAT model (:mod:`~itinerant.schedule.cpsat`);
4. the Schedule, re-checked by the solver-independent validator: a plan that breaks a rule is
   a bug and raises :class:`PlannerError` rather than being returned;
5. a reason for every high-need commune left unreached.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from itinerant.errors import ItinerantError
from itinerant.schedule.baseline import round_robin
from itinerant.schedule.cpsat import Progress, Search, solve_cpsat
from itinerant.schedule.data import PlanningData
from itinerant.schedule.explain import (
    Explanation,
    ImpossiblePlanError,
    check_inputs,
    jointly_infeasible,
    unreached_reasons,
)
from itinerant.schedule.greedy import greedy_plan
from itinerant.schedule.patterns import DayPattern, patterns_for, tour_from_pattern
from itinerant.schedule.schedule import PopUpStaffing, Schedule
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
    warnings: tuple[Explanation, ...] = ()
    """Input findings that do not prevent planning (unusable Stops...)."""
    unreached: tuple[Explanation, ...] = ()
    """Why each high-need commune left unreached was left out."""


MAX_PATTERNS_PER_DAY = 400
"""Patterns kept per bus-day (the most valuable ones; see :func:`day_patterns`)."""
PATTERNS_PER_STOP = 2
"""Patterns kept for each Stop whatever their rank, so that every Stop stays a choice."""


def pattern_value(data: PlanningData, pattern: DayPattern) -> float:
    """Static value of a day: Need of the communes its Stops reach, less its driving cost."""
    reached = {code for stop in pattern.stops for code in data.catchments.get(stop, ())}
    need = sum(data.need.get(code, 0.0) for code in sorted(reached))  # a fixed order: same sum
    return need - data.settings.km_weight * pattern.km


def _restrict(
    data: PlanningData,
    patterns: list[DayPattern],
    keep: set[tuple[str, ...]],
    ranking: dict[int, list[DayPattern]] | None = None,
) -> list[DayPattern]:
    """The patterns kept for a bus-day (see :func:`day_patterns`).

    ``ranking`` caches the ranked list of each pattern list (bus-days of the same weekday share
    their list), so each list is valued and sorted once.
    """
    if len(patterns) <= MAX_PATTERNS_PER_DAY:
        return patterns
    ranking = {} if ranking is None else ranking
    ranked = ranking.get(id(patterns))
    if ranked is None:
        ranked = sorted(patterns, key=lambda p: (-pattern_value(data, p), p.stops))
        ranking[id(patterns)] = ranked
    chosen = {p.stops for p in ranked[:MAX_PATTERNS_PER_DAY]} | keep
    per_stop: dict[str, int] = {}
    for p in ranked:
        for stop in p.stops:
            if per_stop.get(stop, 0) < PATTERNS_PER_STOP:
                per_stop[stop] = per_stop.get(stop, 0) + 1
                chosen.add(p.stops)
    return [p for p in ranked if p.stops in chosen]


def day_patterns(
    data: PlanningData,
    *,
    keep: Mapping[tuple[str, dt.date], tuple[str, ...]] | None = None,
    restrict: bool = True,
) -> dict[tuple[str, dt.date], list[DayPattern]]:
    """Feasible patterns for every bus-day, enumerated once per bus and set of open Stops.

    When a bus-day has more than :data:`MAX_PATTERNS_PER_DAY` feasible days (many candidate
    Stops), the model keeps the most valuable ones by :func:`pattern_value`, plus the
    :data:`PATTERNS_PER_STOP` best of every Stop and the ``keep`` patterns (a hint, locked
    days): a restricted choice that keeps the model small, every Stop available, and never
    drops the starting plan. Value overlaps between days are left to the solver. With
    ``restrict=False`` every feasible pattern is returned.
    """
    keep = keep or {}
    every_stop = [s.id for s in data.scenario.stops]
    enumerated = {bus: patterns_for(data, bus, every_stop) for bus in data.buses}
    restricted: dict[tuple[str, int], list[DayPattern]] = {}
    ranking: dict[int, list[DayPattern]] = {}
    out = {}
    for bus, day in data.bus_days():
        weekday = day.weekday()
        if (bus, weekday) not in restricted:
            open_patterns = [
                p
                for p in enumerated[bus]
                if all(weekday in data.stops[stop].weekdays for stop in p.stops)
            ]
            restricted[(bus, weekday)] = open_patterns
        options = restricted[(bus, weekday)]
        if restrict:
            kept = {keep[(bus, day)]} if (bus, day) in keep else set()
            options = _restrict(data, options, kept, ranking)
        out[(bus, day)] = options
    return out


def plan_data(
    data: PlanningData,
    *,
    time_limit_s: float = 30.0,
    seed: int = 0,
    progress: Callable[[Progress], None] | None = None,
    deterministic: bool = True,
    keep: Schedule | None = None,
    locked: Mapping[tuple[str, dt.date], tuple[str, ...]] | None = None,
    hint: Schedule | None = None,
    cancel: threading.Event | None = None,
) -> PlanResult:
    """Plan on prepared data and validate the result (see the module docstring).

    ``keep`` is a published Schedule to change as little as possible and ``locked`` the
    bus-days whose Stops must stay (re-planning, see :mod:`~itinerant.schedule.replan`); the
    published Schedule is then the starting point, unless ``hint`` gives another one.
    ``cancel`` (a :class:`threading.Event` set from another thread) stops the search early
    with the best valid plan found so far.

    Raises
    ------
    ImpossiblePlanError
        When the inputs make any plan impossible (e.g. a mandatory PopUp needs a pôle that no
        available counsellor has that day), with explanations for coordinators.
    """
    findings = check_inputs(data)
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        raise ImpossiblePlanError(errors)
    warnings = tuple(f for f in findings if f.severity != "error")
    for finding in warnings:
        logger.info("input: %s", finding.message)
    baseline = round_robin(data)
    baseline_report = validate(baseline, data)
    every = day_patterns(data, restrict=False)
    start = hint if hint is not None else keep
    if start is None:  # no given start (re-planning has one): the better of baseline and greedy
        greedy = greedy_plan(data, every)
        greedy_report = validate(greedy, data)
        start = baseline
        if greedy_report.ok and greedy_report.objective.total > baseline_report.objective.total:
            start = greedy
        logger.info(
            "starting plan: %s (baseline %.1f, need-greedy %.1f)",
            start.method,
            baseline_report.objective.total,
            greedy_report.objective.total,
        )
    kept_days = {(t.bus, t.date): tuple(v.stop for v in t.visits) for t in start.tours}
    ranking: dict[int, list[DayPattern]] = {}
    patterns = {
        key: _restrict(data, options, {kept_days[key]} if key in kept_days else set(), ranking)
        for key, options in every.items()
    }
    logger.info(
        "%d bus-days, %d day patterns kept of %d",
        len(patterns),
        sum(map(len, patterns.values())),
        sum(map(len, every.values())),
    )
    search = Search(time_limit_s, seed, deterministic, progress, cancel)
    result = solve_cpsat(data, patterns, search, hint=start, keep=keep, locked=locked)
    if result.status == "INFEASIBLE":
        raise ImpossiblePlanError([jointly_infeasible(data)])
    if result.objective is None and result.status != "HINT":
        msg = f"the solver found no plan ({result.status})"
        raise PlannerError(msg)
    tours = tuple(tour_from_pattern(b, d, p, crews) for b, d, p, crews in result.tours)
    schedule = data.schedule(
        sorted(tours, key=lambda t: (t.date, t.bus)),
        (PopUpStaffing(pid, assignments) for pid, assignments in result.popups),
        "planner (OR-Tools CP-SAT over day patterns)",
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
    unreached = tuple(unreached_reasons(data, schedule, every))
    return PlanResult(
        schedule, report, baseline, baseline_report, result.status, warnings, unreached
    )
