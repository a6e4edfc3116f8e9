"""CP-SAT adapter of the planner: choose day patterns, crews and pop-up staffing for the Horizon.

Why CP-SAT over day patterns
----------------------------
A bus's day is short: two half-day sessions (or a few short ones) between a depot and back. Every
feasible day is enumerated and timed exactly beforehand (:mod:`~itinerant.schedule.patterns`), so
the hard part left is *combinatorial across days*: which Stop on which date, diminishing value for
repeat visits, frequency targets per rotation period, the same Stop on the same weekday each
rotation (regularity), an equity floor per zone, and crews drawn from counsellors whose half-day
availability, weekly limits and pôles are shared with the PopUps. Those are linear constraints
over booleans, which CP-SAT handles well and proves bounds for; the routing library would have
to approximate all of them with penalties on single nodes. The routing library remains the
engine for long multi-stop days (see :mod:`~itinerant.schedule.routing_core`).

Model (all coefficients integers: need × ``SCALE``)
---------------------------------------------------
- ``x[b, d, p]``: bus-day (b, d) runs pattern p; at most one per bus-day.
- ``v[s, b, d, h]``: Stop s visited by bus b on date d in half-day h (sum of the patterns that do);
  a Stop is visited at most once a day.
- ``z[c, k]``: commune c reached by at least k visits (k = 1..max_counted_visits), ordered; the
  objective gains ``need × repeat_decay^(k-1)`` for each.
- ``r[c, t]``: high-need commune c reached in rotation period t (frequency target penalty when
  not).
- ``g[s, d, h]``: Stop s visited on d and h, and also one rotation period before (regularity).
- ``short[z]``: need missing under zone z's equity floor.
- ``a[c, b, d, h]``: counsellor c on board bus b on d for half-day h; ``q[c, u, pole]``:
  counsellor c sent to PopUp u for a pôle; ``w[c, d]``: c works on d (weekly limits).
The objective is exactly the validator's (:mod:`~itinerant.schedule.validate`), up to rounding.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import os
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from itinerant.errors import InputError
from itinerant.model import Pole, Slot
from itinerant.schedule.data import HALF_DAYS, PlanningData, slots_of
from itinerant.schedule.patterns import DayPattern
from itinerant.schedule.schedule import Schedule

__all__ = ["SCALE", "CpSatResult", "Progress", "solve_cpsat"]

logger = logging.getLogger(__name__)

SCALE = 10
KEEP_CREW_SHARE = 4
"""When re-planning, keeping a crew assignment of the published plan is worth the Territory's
total Need divided by this (keeping a visit is worth the total Need): a change told to a
counsellor costs more than the need any one new visit could reach, and less than a visit."""
DETERMINISTIC_SUBSOLVERS = 8
"""Subsolvers interleaved in deterministic mode (they share one thread, in a fixed order)."""
"""Need units are multiplied by this and rounded to give integer objective coefficients."""


@dataclass(frozen=True, slots=True)
class Progress:
    """A progress report while solving (objective and bound in need units)."""

    elapsed_s: float
    objective: float
    bound: float
    solutions: int

    @property
    def gap(self) -> float | None:
        """Relative gap between bound and objective, when meaningful."""
        if self.bound <= 0 or not math.isfinite(self.bound):
            return None
        return max(0.0, (self.bound - self.objective) / abs(self.bound))


@dataclass(frozen=True)
class CpSatResult:
    """Plain-data solution: the chosen pattern, crews per half-day, pop-up staffing."""

    status: str
    """CP-SAT's status, or ``"HINT"`` when it stopped before any solution and the hint stands."""
    objective: float | None
    """The model's objective of the solution (``None`` when none was found by the search)."""
    bound: float | None
    elapsed_s: float
    tours: tuple[tuple[str, dt.date, DayPattern, Mapping[Slot, tuple[str, ...]]], ...]
    popups: tuple[tuple[str, tuple[tuple[str, Pole], ...]], ...]


class _Callback(cp_model.CpSolverSolutionCallback):
    """Forwards improving solutions to the progress callback (from CP-SAT's worker thread)."""

    def __init__(self, progress: Callable[[Progress], None], start: float, offset: float) -> None:
        super().__init__()
        self._progress = progress
        self._start = start
        self._offset = offset
        self._count = 0
        self._lock = threading.Lock()

    def on_solution_callback(self) -> None:
        with self._lock:
            self._count += 1
            self._progress(
                Progress(
                    elapsed_s=time.perf_counter() - self._start,
                    objective=self.objective_value / SCALE - self._offset,
                    bound=self.best_objective_bound / SCALE - self._offset,
                    solutions=self._count,
                )
            )


def _complete_hint(
    model: cp_model.CpModel, *, fixed: Sequence[cp_model.IntVar], seed: int
) -> list[int] | None:
    """Turn a partial hint into a complete one.

    The decisions hinted (patterns, crews, staffing) are fixed in a copy of the model, whose
    auxiliary variables (coverage levels, shortfalls, days worked...) are then solved for; the
    whole assignment becomes the hint. CP-SAT starts from a complete, feasible hint at once,
    whereas it often fails to complete a partial one within the time limit.
    """
    proto = model.proto
    hinted = dict(zip(proto.solution_hint.vars, proto.solution_hint.values, strict=True))
    probe = model.clone()
    for var in fixed:
        if var.index in hinted:
            probe.add(probe.get_int_var_from_proto_index(var.index) == hinted[var.index])
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 10.0
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    status = solver.solve(probe)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        logger.info(
            "hint not completed with these variables fixed (%s)", solver.status_name(status)
        )
        return None
    values = list(solver.response_proto.solution)
    model.clear_hints()  # type: ignore[no-untyped-call]
    for index, value in enumerate(values):
        model.add_hint(model.get_int_var_from_proto_index(index), value)
    logger.debug("hint completed: objective %.1f", solver.objective_value / SCALE)
    return values


def solve_cpsat(
    data: PlanningData,
    patterns: Mapping[tuple[str, dt.date], Sequence[DayPattern]],
    *,
    time_limit_s: float,
    seed: int = 0,
    deterministic: bool = True,
    progress: Callable[[Progress], None] | None = None,
    hint: Schedule | None = None,
    locked: Mapping[tuple[str, dt.date], tuple[str, ...]] | None = None,
    keep: Schedule | None = None,
    cancel: threading.Event | None = None,
) -> CpSatResult:
    """Solve the planning model.

    Parameters
    ----------
    data
        Planning data.
    patterns
        Feasible day patterns per bus-day (bus, date).
    time_limit_s
        Wall-clock limit in seconds; also used as CP-SAT's deterministic-time limit, so that
        runs that stop on it are reproducible for the same seed.
    seed
        CP-SAT's random seed.
    deterministic
        True (default): CP-SAT's subsolvers (including LNS) are interleaved deterministically and
        the search stops on a *deterministic* time budget of ``time_limit_s`` units, so the same
        seed gives the same plan on any machine (a wall-clock guard of 3 × ``time_limit_s``
        stops a very slow machine). False: a parallel portfolio on every core, stopped by the
        wall clock at ``time_limit_s``; often better plans, not reproducible.
    progress
        Called with each improving solution (from a worker thread).
    hint
        A known valid Schedule (e.g. the baseline) to start from: its patterns, crews and
        pop-up staffing are given to CP-SAT as a solution hint.
    locked
        Bus-days whose Stops (in order) must be kept.
    keep
        A published Schedule to change as little as possible (re-planning): keeping each of its
        visits (same bus, date, Stop and half-day) is worth more than any gain in need, and
        keeping each of its crew assignments a quarter of that (:data:`KEEP_CREW_SHARE`), so the
        solver first keeps what still works, visits before crews, and only then improves.
    cancel
        When set (from another thread), the search stops and the best plan found so far is
        returned (the starting plan when none was found yet).
    """
    start = time.perf_counter()
    model = cp_model.CpModel()
    settings = data.settings
    locked = locked or {}
    hinted_days = (
        {(t.bus, t.date): tuple(v.stop for v in t.visits) for t in hint.tours} if hint else {}
    )
    hinted_crew = {
        (c, t.bus, t.date, half)
        for t in (hint.tours if hint else ())
        for visit in t.visits
        for c in visit.crew
        for half in slots_of(visit.start, visit.end, settings.midday)
    }
    hinted_popups = {
        (c, p.popup, pole) for p in (hint.popups if hint else ()) for c, pole in p.assignments
    }

    # ------------------------------------------------------------ patterns and visits
    x: dict[tuple[str, dt.date, int], cp_model.IntVar] = {}
    visits: dict[tuple[str, str, dt.date, Slot], list[cp_model.IntVar]] = defaultdict(list)
    drive_cost: list[tuple[cp_model.IntVar, int]] = []
    for (bus, day), options in patterns.items():
        chosen = []
        for i, pattern in enumerate(options):
            var = model.new_bool_var(f"x[{bus},{day},{i}]")
            x[(bus, day, i)] = var
            chosen.append(var)
            for stop, half in zip(pattern.stops, pattern.halves, strict=True):
                visits[(stop, bus, day, half)].append(var)
            drive_cost.append((var, round(settings.km_weight * pattern.km * SCALE)))
            model.add_hint(var, hinted_days.get((bus, day)) == pattern.stops)
        model.add_at_most_one(chosen)
        if (bus, day) in locked:
            fixed = [
                x[(bus, day, i)] for i, p in enumerate(options) if p.stops == locked[(bus, day)]
            ]
            if not fixed:
                msg = (
                    f"the locked day of {bus} on {day.isoformat()} "
                    f"({', '.join(locked[(bus, day)])}) no longer fits the bus's day"
                )
                raise InputError(msg)
            model.add(sum(fixed) == 1)
    v: dict[tuple[str, str, dt.date, Slot], cp_model.IntVar] = {}
    for key, terms in visits.items():
        var = model.new_bool_var(f"v{key}")
        model.add(var == sum(terms))
        v[key] = var
    per_stop_day: dict[tuple[str, dt.date], list[cp_model.IntVar]] = defaultdict(list)
    for (stop, _bus, day, _half), var in v.items():
        per_stop_day[(stop, day)].append(var)
    for terms in per_stop_day.values():
        model.add_at_most_one(terms)

    # ------------------------------------------------------------ coverage with decay
    reaching: dict[str, list[str]] = defaultdict(list)
    for stop, codes in data.catchments.items():
        for code in codes:
            reaching[code].append(stop)
    visits_of_stop: dict[str, list[tuple[dt.date, cp_model.IntVar]]] = defaultdict(list)
    for (stop, _bus, day, _half), var in v.items():
        visits_of_stop[stop].append((day, var))
    objective: list[tuple[cp_model.IntVar, int]] = []
    reached: dict[str, cp_model.IntVar] = {}
    for code, stops in reaching.items():
        need = data.need.get(code, 0.0)
        terms = [var for s in stops for _, var in visits_of_stop.get(s, [])]
        if not terms or need <= 0:
            continue
        levels: list[cp_model.IntVar] = []
        for k in range(settings.max_counted_visits):
            z = model.new_bool_var(f"z[{code},{k + 1}]")
            if levels:
                model.add_implication(z, levels[-1])
            levels.append(z)
            objective.append((z, round(need * settings.repeat_decay**k * SCALE)))
        model.add(sum(levels) <= sum(terms))
        reached[code] = levels[0]
        if code in data.high_need:
            for period in range(data.n_periods):
                in_period = [
                    var
                    for s in stops
                    for day, var in visits_of_stop.get(s, [])
                    if data.period(day) == period
                ]
                r = model.new_bool_var(f"r[{code},{period}]")
                if in_period:
                    model.add(r <= sum(in_period))
                else:
                    model.add(r == 0)
                objective.append((r, round(settings.frequency_weight * need * SCALE)))
    frequency_constant = settings.frequency_weight * sum(
        data.need[c] * data.n_periods for c in data.high_need
    )

    # ------------------------------------------------------------ regularity
    rotation = dt.timedelta(days=7 * data.scenario.horizon.rotation_weeks)
    by_stop_day_half: dict[tuple[str, dt.date, Slot], list[cp_model.IntVar]] = defaultdict(list)
    for (stop, _bus, day, half), var in v.items():
        by_stop_day_half[(stop, day, half)].append(var)
    for (stop, day, half), terms in by_stop_day_half.items():
        earlier = by_stop_day_half.get((stop, day - rotation, half))
        if not earlier:
            continue
        g = model.new_bool_var(f"g[{stop},{day},{half}]")
        model.add(g <= sum(terms))
        model.add(g <= sum(earlier))
        objective.append((g, round(settings.regularity_weight * SCALE)))

    # ------------------------------------------------------------ equity floor by zone
    total = data.total_need
    if total > 0 and settings.equity_weight > 0 and reached:
        zone_need: dict[str, float] = defaultdict(float)
        for code, value in data.need.items():
            zone_need[data.zones.get(code, "—")] += value
        reached_need = sum(round(data.need[c] * SCALE) * z for c, z in reached.items())
        for zone, need_z in zone_need.items():
            zone_reached = sum(
                round(data.need[c] * SCALE) * z
                for c, z in reached.items()
                if data.zones.get(c, "—") == zone
            )
            # short (whole need units) >= floor * (R / T) * need_z - reached_z; R and reached_z
            # are in scaled units, so both sides are multiplied by SCALE * T to stay integral
            short = model.new_int_var(0, math.ceil(need_z) + 1, f"short[{zone}]")
            t_int = round(total * SCALE)
            coef = round(settings.equity_floor * need_z * SCALE)
            model.add(short * SCALE * t_int >= coef * reached_need - t_int * zone_reached)
            objective.append((short, -round(settings.equity_weight * SCALE)))

    # ------------------------------------------------------------ crews
    active: dict[tuple[str, dt.date, Slot], list[cp_model.IntVar]] = defaultdict(list)
    needs_pole: dict[tuple[str, dt.date, Slot, Pole], list[cp_model.IntVar]] = defaultdict(list)
    for (bus, day), options in patterns.items():
        for i, pattern in enumerate(options):
            # once per pattern and half-day, even with several (short) sessions in that half
            poles_by_half: dict[Slot, set[Pole]] = defaultdict(set)
            for stop, half in zip(pattern.stops, pattern.halves, strict=True):
                poles_by_half[half] |= data.stops[stop].required_poles
            for half, poles in poles_by_half.items():
                active[(bus, day, half)].append(x[(bus, day, i)])
                for pole in poles:
                    needs_pole[(bus, day, half, pole)].append(x[(bus, day, i)])
    a: dict[tuple[str, str, dt.date, Slot], cp_model.IntVar] = {}
    busy: dict[tuple[str, dt.date, Slot], list[cp_model.IntVar]] = defaultdict(list)
    for (bus, day, half), terms in active.items():
        on = sum(terms)  # 0/1: at most one pattern per bus-day, counted once per half-day
        crew = []
        for cid in data.counsellors:
            if half not in data.available(cid, day):
                continue
            var = model.new_bool_var(f"a[{cid},{bus},{day},{half}]")
            model.add(var <= on)
            model.add_hint(var, (cid, bus, day, half) in hinted_crew)
            a[(cid, bus, day, half)] = var
            busy[(cid, day, half)].append(var)
            crew.append(var)
        bus_obj = data.buses[bus]
        model.add(sum(crew) >= bus_obj.min_crew * on)
        model.add(sum(crew) <= bus_obj.seats)
    for (bus, day, half, pole), terms in needs_pole.items():
        holders = [
            a[(c, bus, day, half)]
            for c, counsellor in data.counsellors.items()
            if pole in counsellor.poles and (c, bus, day, half) in a
        ]
        model.add(sum(holders) >= sum(terms))

    # ------------------------------------------------------------ pop-ups
    q: dict[tuple[str, str, Pole], cp_model.IntVar] = {}
    staffed: dict[str, cp_model.IntVar] = {}
    days = set(data.days)
    for popup in data.scenario.popups:
        if popup.date not in days:
            continue
        s = model.new_bool_var(f"staffed[{popup.id}]")
        staffed[popup.id] = s
        halves = slots_of(popup.start, popup.end, settings.midday)
        per_counsellor: dict[str, list[cp_model.IntVar]] = defaultdict(list)
        for pole, count in popup.needs:
            holders = []
            for cid, counsellor in data.counsellors.items():
                if pole not in counsellor.poles or not halves <= data.available(cid, popup.date):
                    continue
                var = model.new_bool_var(f"q[{cid},{popup.id},{pole.value}]")
                model.add(var <= s)
                model.add_hint(var, (cid, popup.id, pole) in hinted_popups)
                q[(cid, popup.id, pole)] = var
                holders.append(var)
                per_counsellor[cid].append(var)
            model.add(sum(holders) >= count * s)
        for cid, terms in per_counsellor.items():
            model.add_at_most_one(terms)
            for half in halves:
                busy[(cid, popup.date, half)].append(sum(terms))  # type: ignore[arg-type]
        if popup.mandatory:
            model.add(s == 1)
        else:
            objective.append((s, round(settings.popup_priority_value * popup.priority * SCALE)))

    # ------------------------------------------------------------ counsellors' days
    works: dict[tuple[str, dt.date], cp_model.IntVar] = {}
    for (cid, day, _half), terms in busy.items():
        model.add(sum(terms) <= 1)
        w = works.get((cid, day))
        if w is None:
            w = model.new_bool_var(f"w[{cid},{day}]")
            works[(cid, day)] = w
        for term in terms:
            model.add(w >= term)
    per_week: dict[tuple[str, int, int], list[cp_model.IntVar]] = defaultdict(list)
    for (cid, day), w in works.items():
        year, week, _ = day.isocalendar()
        per_week[(cid, year, week)].append(w)
    for (cid, _y, _w), terms in per_week.items():
        model.add(sum(terms) <= data.counsellors[cid].max_days_per_week)

    # ------------------------------------------------------------ minimal change
    keep_terms: list[tuple[cp_model.IntVar, int]] = []
    if keep is not None:
        visit_weight = round(max(data.total_need, 1.0) * SCALE)
        crew_weight = visit_weight // KEEP_CREW_SHARE
        for tour in keep.tours:
            for visit in tour.visits:
                for half in slots_of(visit.start, visit.end, settings.midday):
                    visit_var = v.get((visit.stop, tour.bus, tour.date, half))
                    if visit_var is not None:
                        keep_terms.append((visit_var, visit_weight))
                    for cid in visit.crew:
                        crew_var = a.get((cid, tour.bus, tour.date, half))
                        if crew_var is not None:
                            keep_terms.append((crew_var, crew_weight))
    objective.extend(keep_terms)

    # ------------------------------------------------------------ objective
    model.maximize(
        sum(coef * var for var, coef in objective)
        - sum(coef * var for var, coef in drive_cost)
        - sum(works.values())  # tie-break: fewer counsellor-days, all else equal
    )

    hint_values = None
    if hint is not None:
        # the whole hint, else only its patterns (re-planning: some crews no longer work)
        hint_values = _complete_hint(
            model, fixed=[*x.values(), *a.values(), *q.values()], seed=seed
        ) or _complete_hint(model, fixed=list(x.values()), seed=seed)
        if hint_values is None:
            logger.warning("the starting plan does not fit the model: solving from scratch")
            model.clear_hints()  # type: ignore[no-untyped-call]

    solver = cp_model.CpSolver()
    params = solver.parameters
    params.random_seed = seed
    if deterministic:
        params.num_workers = DETERMINISTIC_SUBSOLVERS
        params.interleave_search = True
        params.max_deterministic_time = time_limit_s
        params.max_time_in_seconds = 3 * time_limit_s
    else:
        params.num_workers = max(2, os.cpu_count() or 2)
        params.max_time_in_seconds = time_limit_s
    params.log_search_progress = logger.isEnabledFor(logging.DEBUG)
    callback = _Callback(progress, start, frequency_constant) if progress else None
    finished = threading.Event()
    watcher = None
    if cancel is not None:

        def watch() -> None:
            while not finished.wait(0.1):
                if cancel.is_set():
                    logger.info("CP-SAT search cancelled: keeping the best plan found so far")
                    solver.stop_search()
                    return

        watcher = threading.Thread(target=watch, name="cpsat-cancel", daemon=True)
        watcher.start()
    try:
        status = solver.solve(model, callback)
    finally:
        finished.set()
        if watcher is not None:
            watcher.join()
    elapsed = time.perf_counter() - start
    name = solver.status_name(status)
    logger.info(
        "CP-SAT %s in %.1f s: objective %.1f, bound %.1f (%d variables)",
        name,
        elapsed,
        solver.objective_value / SCALE if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else 0,
        solver.best_objective_bound / SCALE,
        len(model.proto.variables),
    )
    bound: float | None = solver.best_objective_bound / SCALE - frequency_constant
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        val_of: Callable[[cp_model.IntVar], int] = solver.value
        kept_value = sum(coef * solver.value(var) for var, coef in keep_terms) / SCALE
        objective_value = solver.objective_value / SCALE - frequency_constant - kept_value
    elif hint_values is not None:
        # stopped before registering even the hint (tiny budget): the hint stands
        logger.warning("CP-SAT stopped before any solution (%s): keeping the hint", name)
        name = "HINT"
        completed = hint_values

        def val_of(var: cp_model.IntVar) -> int:
            return completed[var.index]

        objective_value = None
    else:
        return CpSatResult(name, None, None, elapsed, (), ())
    tours = []
    for (bus, day), options in patterns.items():
        for i, pattern in enumerate(options):
            if val_of(x[(bus, day, i)]):
                crews = {
                    half: tuple(
                        cid
                        for cid in data.counsellors
                        if (cid, bus, day, half) in a and val_of(a[(cid, bus, day, half)])
                    )
                    for half in HALF_DAYS
                }
                tours.append((bus, day, pattern, crews))
    popups = []
    for popup_id, s in staffed.items():
        if val_of(s):
            assignments = tuple(
                (cid, pole)
                for (cid, pid, pole), var in q.items()
                if pid == popup_id and val_of(var)
            )
            popups.append((popup_id, assignments))
    if keep_terms:
        bound = None  # the bound mixes need and the bonuses for keeping: not comparable
    return CpSatResult(name, objective_value, bound, elapsed, tuple(tours), tuple(popups))
