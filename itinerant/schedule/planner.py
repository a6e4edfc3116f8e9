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
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from itinerant.errors import ItinerantError
from itinerant.schedule.baseline import round_robin
from itinerant.schedule.budget import Deadline
from itinerant.schedule.cpsat import CpSatResult, Progress, Search, solve_cpsat
from itinerant.schedule.cpsat.lns import improve
from itinerant.schedule.data import PlanningData
from itinerant.schedule.explain import (
    Explanation,
    ImpossiblePlanError,
    check_inputs,
    jointly_infeasible,
    unreached_reasons,
)
from itinerant.schedule.greedy import greedy_plan
from itinerant.schedule.long_days import add_long_days, long_days_by_weekday
from itinerant.schedule.patterns import DayPattern, day_pattern, patterns_for, tour_from_pattern
from itinerant.schedule.schedule import PopUpStaffing, Schedule
from itinerant.schedule.validate import Report, validate

__all__ = [
    "ENGINES",
    "PlanResult",
    "PlannerError",
    "SearchStats",
    "plan_data",
    "tour_from_pattern",
]

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
    stats: SearchStats | None = None
    """How the search went."""


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
    stop_at: float | None = None,
) -> dict[tuple[str, dt.date], list[DayPattern]]:
    """Feasible patterns for every bus-day, enumerated once per bus and set of open Stops.

    When a bus-day has more than :data:`MAX_PATTERNS_PER_DAY` feasible days (many candidate
    Stops), the model keeps the most valuable ones by :func:`pattern_value`, plus the
    :data:`PATTERNS_PER_STOP` best of every Stop and the ``keep`` patterns (a hint, locked
    days): a restricted choice that keeps the model small, every Stop available, and never
    drops the starting plan. Value overlaps between days are left to the solver. With
    ``restrict=False`` every feasible pattern is returned. ``stop_at`` (a
    :func:`time.monotonic` moment) stops enumeration from growing longer days after it.
    """
    keep = keep or {}
    every_stop = [s.id for s in data.scenario.stops]
    enumerated = {bus: patterns_for(data, bus, every_stop, stop_at=stop_at) for bus in data.buses}
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


ENGINES = ("lns", "patterns")
"""The planner's search engines: ``lns`` (default) and ``patterns`` (the previous planner)."""
FINAL_SHARE = 0.2
"""Share of the search time the ``lns`` engine keeps for the whole model (its bound)."""


@dataclass(frozen=True)
class SearchStats:
    """How the search went (for the figures of ``kpis.json`` and the benchmarks)."""

    engine: str
    columns: int
    """Day patterns the model chose among (sum over bus-days)."""
    enumerated: int
    """Feasible day patterns enumerated (sum over bus-days)."""
    lns_steps: int = 0
    lns_improvements: int = 0
    work: float = 0.0
    """CP-SAT deterministic-time units spent."""
    stopped_by: str = "time"
    elapsed_s: float = 0.0
    """Wall-clock seconds from the deadline's start to the end of planning."""


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
    engine: str = "lns",
    deadline: Deadline | None = None,
    work_limit: float | None = None,
) -> PlanResult:
    """Plan on prepared data and validate the result (see the module docstring).

    ``keep`` is a published Schedule to change as little as possible and ``locked`` the
    bus-days whose Stops must stay (re-planning, see :mod:`~itinerant.schedule.replan`); the
    published Schedule is then the starting point, unless ``hint`` gives another one.
    ``cancel`` (a :class:`threading.Event` set from another thread) stops the search early
    with the best valid plan found so far.

    ``time_limit_s`` is wall-clock time, end to end: ``deadline`` (default: one starting now)
    is shared with the caller, who may have started it earlier (the command line starts it
    when the process starts). ``engine`` is ``"lns"`` (large-neighbourhood search, then the
    whole model for its bound: :mod:`~itinerant.schedule.cpsat.lns`) or ``"patterns"`` (the
    previous planner: CP-SAT on the whole model from the start). ``work_limit`` stops the
    search after that many deterministic-time units (reproducible plans, see
    ``docs/planner.md``).

    Raises
    ------
    ImpossiblePlanError
        When the inputs make any plan impossible (e.g. a mandatory PopUp needs a pôle that no
        available counsellor has that day), with explanations for coordinators.
    ValueError
        When ``engine`` is not one of :data:`ENGINES`.
    """
    if engine not in ENGINES:
        msg = f"engine: must be one of {', '.join(ENGINES)}, got {engine!r}"
        raise ValueError(msg)
    deadline = deadline if deadline is not None else Deadline.start(time_limit_s)
    findings = check_inputs(data)
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        raise ImpossiblePlanError(errors)
    warnings = tuple(f for f in findings if f.severity != "error")
    for finding in warnings:
        logger.info("input: %s", finding.message)
    baseline = round_robin(data)
    baseline_report = validate(baseline, data)
    # long days first (a bounded search per bus and weekday), then enumeration in its share
    long_days = long_days_by_weekday(data, seed=seed, stop_at=deadline.long_days_end)
    every = add_long_days(
        day_patterns(data, restrict=False, stop_at=deadline.enumeration_end), long_days
    )
    start = hint if hint is not None else keep
    if start is None:  # no given start (re-planning has one): the better of baseline and greedy
        greedy = greedy_plan(data, every)
        began = time.monotonic()
        greedy_report = validate(greedy, data)
        # after the search: validating the plan, explaining what is unreached, writing files
        deadline.reserve_for(3.0 * (time.monotonic() - began))
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
    # a day of the start or a locked day that enumeration did not make (a round-robin day, a
    # day cut by the time limit) is timed exactly and offered too
    for key, stops in [*kept_days.items(), *(locked or {}).items()]:
        if key in every and not any(p.stops == stops for p in every[key]):
            made = day_pattern(data, key[0], stops)
            if made is not None:
                every[key] = [*every[key], made]
    ranking: dict[int, list[DayPattern]] = {}
    patterns = {
        key: _restrict(data, options, {kept_days[key]} if key in kept_days else set(), ranking)
        for key, options in every.items()
    }
    columns = sum(map(len, patterns.values()))
    enumerated = sum(map(len, every.values()))
    logger.info("%d bus-days, %d day patterns kept of %d", len(patterns), columns, enumerated)
    search = Search(
        time_limit_s, seed, deterministic, progress, cancel, deadline_at=deadline.search_end
    )
    stats = SearchStats(engine, columns, enumerated)
    result: CpSatResult | None
    if engine == "lns":
        result, start, stats = _lns(
            data, every, patterns, start, search, deadline, stats, keep, locked, work_limit
        )
    else:
        result = solve_cpsat(data, patterns, search, hint=start, keep=keep, locked=locked)
        stats = replace(stats, work=result.work)
    if result is not None and result.status == "INFEASIBLE":
        raise ImpossiblePlanError([jointly_infeasible(data)])
    if result is not None and result.objective is None and result.status == "UNKNOWN":
        # the time limit ended before CP-SAT found or completed any plan: the start stands
        logger.warning("the search found no plan within the time limit: keeping the start")
        result = None
    if result is not None and result.objective is None and result.status != "HINT":
        msg = f"the solver found no plan ({result.status})"
        raise PlannerError(msg)
    if result is None:  # the lns engine never found better than its start: the start stands
        schedule = start
        status = "HINT"
    else:
        schedule = _schedule_of(data, result, seed)
        status = result.status
    report = validate(schedule, data)
    # the Schedule carries the validator's objective: the model's own value of a non-optimal
    # solution can undercount (its coverage levels are only bounded from above)
    schedule = replace(schedule, objective=report.objective.total)
    if not report.ok:
        details = "\n".join(f"  - {v}" for v in report.violations)
        msg = f"the planner's Schedule breaks {len(report.violations)} rule(s):\n{details}"
        if status == "HINT":  # the search found nothing within the limit: the start stood
            msg += f"\n(no better plan was found within {time_limit_s:g} s: give more time)"
        raise PlannerError(msg)
    logger.info(
        "plan: objective %.1f (bound %.1f), baseline %.1f",
        report.objective.total,
        schedule.bound if schedule.bound is not None else float("nan"),
        baseline_report.objective.total,
    )
    unreached = tuple(unreached_reasons(data, schedule, every))
    stats = replace(stats, elapsed_s=deadline.elapsed())
    return PlanResult(
        schedule, report, baseline, baseline_report, status, warnings, unreached, stats
    )


def _schedule_of(
    data: PlanningData, result: CpSatResult, seed: int, bound: float | None = None
) -> Schedule:
    """The Schedule of a solver result (the bound of ``result`` unless ``bound`` is given)."""
    tours = tuple(tour_from_pattern(b, d, p, crews) for b, d, p, crews in result.tours)
    return data.schedule(
        sorted(tours, key=lambda t: (t.date, t.bus)),
        (PopUpStaffing(pid, assignments) for pid, assignments in result.popups),
        "planner (OR-Tools CP-SAT over day patterns)",
        bound=result.bound if bound is None else bound,
        seed=seed,
        elapsed_s=result.elapsed_s,
    )


def _with_day(
    options: list[DayPattern], every: Sequence[DayPattern], stops: tuple[str, ...] | None
) -> list[DayPattern]:
    """``options`` with the pattern of ``every`` visiting ``stops`` (when not already in)."""
    if stops is None or any(p.stops == stops for p in options):
        return options
    return [*options, *[p for p in every if p.stops == stops][:1]]


def _lns(  # noqa: PLR0917 (a private step of plan_data, called once with its locals)
    data: PlanningData,
    every: Mapping[tuple[str, dt.date], list[DayPattern]],
    patterns: Mapping[tuple[str, dt.date], list[DayPattern]],
    start: Schedule,
    search: Search,
    deadline: Deadline,
    stats: SearchStats,
    keep: Schedule | None,
    locked: Mapping[tuple[str, dt.date], tuple[str, ...]] | None,
    work_limit: float | None,
) -> tuple[CpSatResult | None, Schedule, SearchStats]:
    """Large-neighbourhood search, then the whole model from its best plan (for the bound).

    Returns the result to build the Schedule from (``None``: keep the returned start), the
    best Schedule so far, and the search's figures.
    """
    start_report = validate(start, data)
    start_value = start_report.objective.total if start_report.ok else float("-inf")

    def value_of(schedule: Schedule) -> float | None:
        report = validate(schedule, data)
        if not report.ok:
            logger.error("LNS: a sub-model's plan breaks %s", report.violations[0])
            return None
        return report.objective.total

    final_from = deadline.search_end - FINAL_SHARE * deadline.search_remaining()
    found = improve(
        data,
        every,
        patterns,
        start,
        start_objective=start_value,
        search=search,
        deadline=deadline,
        to_schedule=lambda r: _schedule_of(data, r, search.seed),
        value_of=value_of,
        until=final_from,
        locked=locked,
        keep=keep,
        work_limit=None if work_limit is None else (1 - FINAL_SHARE) * work_limit,
    )
    stats = replace(
        stats,
        lns_steps=found.steps,
        lns_improvements=found.improvements,
        work=found.work,
        stopped_by=found.stopped_by,
    )
    best, best_value = found.result, found.objective
    if found.stopped_by == "cancel":
        return best, found.schedule, stats
    final_work = FINAL_SHARE * work_limit if work_limit is not None else deadline.search_remaining()
    # the whole model offers the LNS plan's days too (a free bus-day may have chosen a day
    # priced by the LNS that is not among the restricted columns)
    chosen = {(t.bus, t.date): tuple(v.stop for v in t.visits) for t in found.schedule.tours}
    final_columns = {
        key: _with_day(options, every[key], chosen.get(key)) for key, options in patterns.items()
    }
    whole = solve_cpsat(
        data,
        final_columns,
        replace(search, time_limit_s=max(final_work, 0.1)),
        hint=found.schedule,
        keep=keep,
        locked=locked,
    )
    stats = replace(stats, work=stats.work + whole.work)
    if whole.objective is None:
        return best, found.schedule, stats
    candidate = _schedule_of(data, whole, search.seed)
    value = value_of(candidate)
    if value is not None and value > best_value + 1e-6:
        return whole, candidate, stats
    # the whole model found nothing better: keep the LNS plan, with the whole model's bound
    if best is None:
        return None, replace(found.schedule, bound=whole.bound), stats
    return replace(best, bound=whole.bound), found.schedule, stats
