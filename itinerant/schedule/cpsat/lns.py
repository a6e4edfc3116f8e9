"""Large-neighbourhood search over the planning model: free a few bus-days, solve, keep the rest.

Why
---
On a real département the whole model (every bus-day of the Horizon with its hundreds of day
patterns, every commune's coverage levels, crews for every half-day) is too large for CP-SAT to
improve on within a minute: measured on Dordogne (503 communes, 242 Stops, 2 buses, 12
counsellors, 4 weeks), a 60-unit deterministic search returned the need-greedy start unchanged.
Yet the model is easy *locally*: with the days of one week free and the rest of the plan fixed,
CP-SAT solves it to optimality in a second or two. This module exploits that, in the way of the
LNS literature and of CP-SAT's own LNS workers, but with neighbourhoods that follow the
structure of the plan:

- **a week**: every bus's days of one week (the crews of that week are re-planned with them);
- **a bus over two weeks**: one bus's days of two consecutive weeks (rotation regularity, which
  links a Stop's visit to the one a rotation period before, moves with it);
- **an area**: the bus-days whose current Stops are nearest to a random Stop, over the whole
  Horizon (repeat visits and frequency targets of the same communes move together).

In a sub-model the free bus-days choose among their day patterns (:data:`FREE_COLUMNS`: the
planner's restricted columns, plus the best patterns *given the rest of the plan*, priced by the
need they add where the fixed days do not already reach), and the fixed bus-days keep their
current pattern (they may still drop it). Crews and pop-up staffing stay free everywhere: they
are cheap and link the weeks. Every sub-model is the whole objective over fewer choices, so the
current plan is a feasible hint and the plan's value never decreases.

Reproducibility
---------------
Neighbourhoods are drawn from a generator seeded by the user's seed, and each sub-model is
solved by CP-SAT's deterministic interleaved search within :data:`STEP_WORK` deterministic-time
units. The same seed, data and number of steps therefore give the same plan on any machine. The
number of steps is decided by the wall clock (the user's limit), unless ``work_limit`` (the
total of deterministic units) stops the search first: then the plan is reproducible whatever the
machine's speed or load, and :attr:`LnsResult.stopped_by` says ``"work"``. (For that, a step's
wall-clock guard, normally 3 × :data:`STEP_WORK` seconds, is raised to
:data:`REPRODUCIBLE_GUARD` × :data:`STEP_WORK`: a step cut by the wall clock on a busy machine
would change the plan.)
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import random
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from itinerant.places import PlaceKey
from itinerant.schedule.budget import Deadline
from itinerant.schedule.cpsat.search import CpSatResult, Progress, Search, solve_cpsat
from itinerant.schedule.data import PlanningData
from itinerant.schedule.patterns import DayPattern, day_pattern
from itinerant.schedule.schedule import Schedule

__all__ = ["FREE_BUS_DAYS", "FREE_COLUMNS", "STEP_WORK", "LnsResult", "Neighbourhood", "improve"]

logger = logging.getLogger(__name__)

BusDay = tuple[str, dt.date]

FREE_BUS_DAYS = 10
"""Bus-days freed in one neighbourhood (a week of two buses)."""
FREE_COLUMNS = 300
"""Patterns added to each free bus-day, the best by the need they add to the rest of the plan."""
STEP_WORK = 1.0
"""Deterministic-time units of CP-SAT for one sub-model."""
REPRODUCIBLE_GUARD = 60.0
"""Wall-clock guard of a step (× :data:`STEP_WORK`) when a work limit asks for reproducibility:
only a machine 20 times slower than a busy 2-core one would reach it."""
STEP_MIN_S = 0.5
"""A step is not started with less wall-clock time left than this (seconds)."""


@dataclass(frozen=True)
class Neighbourhood:
    """The bus-days freed in one step, and how they were chosen."""

    kind: str
    free: frozenset[BusDay]


@dataclass(frozen=True)
class LnsResult:
    """The best plan found, as the last improving sub-model's result, and how the search went."""

    result: CpSatResult | None
    """The last improving sub-model's solution (``None`` when the start was never improved)."""
    schedule: Schedule
    """The best plan: the start, or :attr:`result` as a Schedule."""
    objective: float
    steps: int
    improvements: int
    work: float
    """Deterministic-time units spent."""
    stopped_by: str
    """``"work"`` (the work limit: reproducible), ``"time"`` (the wall clock) or ``"cancel"``."""


Choice = Mapping[BusDay, tuple[str, ...]]
"""The Stops (in order) each running bus-day visits."""


def _weeks(data: PlanningData) -> dict[BusDay, int]:
    start = data.scenario.horizon.start
    return {(bus, day): (day - start).days // 7 for bus, day in data.bus_days()}


def neighbourhoods(
    data: PlanningData, current: Choice, rng: random.Random
) -> Callable[[], Neighbourhood]:
    """A generator of neighbourhoods (see the module docstring), drawn with ``rng``."""
    week_of = _weeks(data)
    buses = sorted({bus for bus, _ in week_of})
    weeks = sorted(set(week_of.values()))
    stop_ids = sorted(data.stops)
    kinds = ("week", "bus", "area")

    def draw() -> Neighbourhood:
        kind = kinds[rng.randrange(len(kinds))]
        if kind == "week":
            week = weeks[rng.randrange(len(weeks))]
            free = {key for key, w in week_of.items() if w == week}
        elif kind == "bus":
            bus = buses[rng.randrange(len(buses))]
            first = weeks[rng.randrange(len(weeks))]
            free = {key for key, w in week_of.items() if key[0] == bus and w in (first, first + 1)}
        else:
            centre = PlaceKey.stop(stop_ids[rng.randrange(len(stop_ids))])

            def distance(key: BusDay) -> tuple[int, dt.date, str]:
                stops = current.get(key, ())
                near = min((data.travel_s(centre, PlaceKey.stop(s)) for s in stops), default=10**9)
                return (near if near >= 0 else 10**9, key[1], key[0])

            running = sorted((k for k in week_of if k in current), key=distance)
            idle = sorted(k for k in week_of if k not in current)
            free = set(running[: FREE_BUS_DAYS - 2])
            if idle:
                free |= {idle[rng.randrange(len(idle))] for _ in range(2)}
        return Neighbourhood(kind, frozenset(free))

    return draw


def _marginal(
    data: PlanningData, pattern: DayPattern, counts: Counter[str], decay: float, cap: int
) -> float:
    """The need ``pattern`` adds to a plan whose visits reach each commune ``counts`` times."""
    seen: Counter[str] = Counter()
    value = 0.0
    for stop in pattern.stops:
        for code in data.catchments.get(stop, ()):
            k = counts[code] + seen[code]
            if k < cap:
                value += data.need.get(code, 0.0) * decay**k
            seen[code] += 1
    return value - data.settings.km_weight * pattern.km


def sub_patterns(
    data: PlanningData,
    every: Mapping[BusDay, Sequence[DayPattern]],
    columns: Mapping[BusDay, Sequence[DayPattern]],
    current: Choice,
    free: frozenset[BusDay],
) -> dict[BusDay, list[DayPattern]]:
    """The choices of a sub-model: free bus-days choose, the others keep their current day."""
    counts: Counter[str] = Counter()
    for key, stops in current.items():
        if key not in free:
            for stop in stops:
                counts.update(data.catchments.get(stop, ()))
    decay, cap = data.settings.repeat_decay, data.settings.max_counted_visits
    out: dict[BusDay, list[DayPattern]] = {}
    for key, options in every.items():
        kept = current.get(key)
        if key not in free:
            out[key] = [p for p in columns[key] if p.stops == kept][:1] if kept else []
            if kept and not out[key]:
                out[key] = [p for p in options if p.stops == kept][:1]
            if kept and not out[key]:  # a day of the start that no enumeration made
                found = day_pattern(data, key[0], kept)
                out[key] = [found] if found is not None else []
            continue
        chosen = {p.stops: p for p in columns[key]}
        priced = sorted(options, key=lambda p: (-_marginal(data, p, counts, decay, cap), p.stops))
        for p in priced[:FREE_COLUMNS]:
            chosen.setdefault(p.stops, p)
        out[key] = sorted(chosen.values(), key=lambda p: p.stops)
    return out


def _choice(schedule: Schedule) -> dict[BusDay, tuple[str, ...]]:
    return {(t.bus, t.date): tuple(v.stop for v in t.visits) for t in schedule.tours}


def improve(
    data: PlanningData,
    every: Mapping[BusDay, Sequence[DayPattern]],
    columns: Mapping[BusDay, Sequence[DayPattern]],
    start: Schedule,
    *,
    start_objective: float,
    search: Search,
    deadline: Deadline,
    to_schedule: Callable[[CpSatResult], Schedule],
    value_of: Callable[[Schedule], float | None],
    until: float | None = None,
    locked: Mapping[BusDay, tuple[str, ...]] | None = None,
    keep: Schedule | None = None,
    work_limit: float | None = None,
) -> LnsResult:
    """Improve ``start`` by solving sub-models until the search's share of ``deadline`` ends.

    Parameters
    ----------
    every
        Every feasible pattern of each bus-day (the free bus-days' candidates).
    columns
        The planner's restricted patterns of each bus-day (always offered to a free bus-day).
    start, start_objective
        The starting plan (a valid Schedule) and its value.
    search
        Seed, mode, progress and cancel hooks; ``time_limit_s`` is not used (the deadline is).
    to_schedule
        Turns a result into the Schedule used as the next hint.
    value_of
        The validator's objective of a Schedule (``None`` when it breaks a rule: a bug, logged
        and skipped): steps are compared on the validator's value, not the model's.
    until
        A moment (:func:`time.monotonic`) to stop at, before the deadline's search end (a later
        phase needs the rest).
    work_limit
        Stop once this many deterministic-time units are spent (reproducible runs).
    """
    rng = random.Random(search.seed)
    # a step cut by the wall clock would make a reproducible run depend on the machine's load
    guard = search.wall_guard if work_limit is None else REPRODUCIBLE_GUARD
    end = deadline.search_end if until is None else min(until, deadline.search_end)
    best: CpSatResult | None = None
    schedule = start
    current = _choice(schedule)
    draw = neighbourhoods(data, current, rng)
    steps = improvements = 0
    work = 0.0
    stopped_by = "time"
    began = time.perf_counter()
    objective = start_objective
    if search.progress is not None and math.isfinite(objective):  # the first plan shown
        search.progress(
            Progress(elapsed_s=deadline.elapsed(), objective=objective, bound=math.inf, solutions=0)
        )
    while True:
        if search.cancel is not None and search.cancel.is_set():
            stopped_by = "cancel"
            break
        if work_limit is not None and work >= work_limit:
            stopped_by = "work"
            break
        if end - time.monotonic() < STEP_MIN_S:
            break
        hood = draw()
        options = sub_patterns(data, every, columns, current, hood.free)
        fixed = {
            key: stops
            for key, stops in current.items()
            if key not in hood.free and any(p.stops == stops for p in options[key])
        }
        step = replace(
            search,
            time_limit_s=STEP_WORK,
            progress=None,
            deadline_at=end,
            light_presolve=True,
            wall_guard=guard,
        )
        found = solve_cpsat(
            data, options, step, hint=schedule, locked={**fixed, **(locked or {})}, keep=keep
        )
        steps += 1
        work += found.work
        # the model's value of a non-optimal solution may undercount a little: compare the
        # validator's values whenever the model's is about as good
        if found.objective is None or found.objective < objective - 1e-3 * abs(objective):
            continue
        candidate = to_schedule(found)
        value = value_of(candidate)
        if value is not None and value > objective + 1e-6:
            logger.debug(
                "LNS step %d (%s, %d bus-days): %.1f -> %.1f",
                steps,
                hood.kind,
                len(hood.free),
                objective,
                value,
            )
            best, objective, schedule = found, value, candidate
            current = _choice(schedule)
            draw = neighbourhoods(data, current, rng)
            improvements += 1
            if search.progress is not None:
                search.progress(
                    Progress(
                        elapsed_s=deadline.elapsed(),
                        objective=objective,
                        bound=math.inf,  # no bound during the LNS: the gap shows "?"
                        solutions=improvements,
                    )
                )
    logger.info(
        "LNS: %d steps, %d improvements, %.1f work units in %.1f s (stopped by %s): %.1f",
        steps,
        improvements,
        work,
        time.perf_counter() - began,
        stopped_by,
        objective,
    )
    return LnsResult(best, schedule, objective, steps, improvements, work, stopped_by)
