"""The search: hints, CP-SAT's parameters, progress reports, cancel, and the plain-data result.

:func:`solve_cpsat` builds the model (:func:`~itinerant.schedule.cpsat.formulation.formulate`),
gives CP-SAT the starting plan as a complete hint, solves (deterministically by default),
forwards each improving solution to ``progress`` from CP-SAT's worker thread, stops when
``cancel`` is set, and reads the chosen patterns, crews and pop-up staffing back as plain data.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import os
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from itinerant.model import Pole, Slot
from itinerant.schedule.cpsat.formulation import Formulation, formulate
from itinerant.schedule.cpsat.variables import SCALE, Variables
from itinerant.schedule.data import HALF_DAYS, PlanningData, slots_of
from itinerant.schedule.patterns import DayPattern
from itinerant.schedule.schedule import Schedule

__all__ = [
    "DETERMINISTIC_SUBSOLVERS",
    "CpSatResult",
    "Progress",
    "Search",
    "add_hints",
    "solve_cpsat",
]

logger = logging.getLogger(__name__)

DETERMINISTIC_SUBSOLVERS = 8
"""Subsolvers interleaved in deterministic mode (they share one thread, in a fixed order)."""
_HINT_TIME_LIMIT_S = 10.0
"""Wall-clock limit of completing a hint (seconds)."""

ValueOf = Callable[[cp_model.IntVar], int]
TourChoice = tuple[str, dt.date, DayPattern, Mapping[Slot, tuple[str, ...]]]
"""A bus-day's chosen pattern and the crew of each half-day."""
Staffing = tuple[str, tuple[tuple[str, Pole], ...]]
"""A staffed PopUp and its (counsellor, pôle) assignments."""


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
    tours: tuple[TourChoice, ...]
    popups: tuple[Staffing, ...]
    work: float = 0.0
    """CP-SAT's deterministic time spent (units)."""


@dataclass(frozen=True)
class Search:
    """How CP-SAT searches, and the caller's hooks into the search.

    Attributes
    ----------
    time_limit_s
        Wall-clock limit in seconds; also used as CP-SAT's deterministic-time limit, so that
        runs that stop on it are reproducible for the same seed.
    seed
        CP-SAT's random seed.
    deterministic
        True (default): CP-SAT's subsolvers (including LNS) are interleaved deterministically and
        the search stops on a *deterministic* time budget of ``time_limit_s`` units, so the same
        seed gives the same plan on any machine (a wall-clock guard, :attr:`wall_guard` ×
        ``time_limit_s``, stops a very slow machine). False: a parallel portfolio on every
        core, stopped by the wall clock at ``time_limit_s``; often better plans, not
        reproducible.
    progress
        Called with each improving solution (from a worker thread).
    cancel
        When set (from another thread), the search stops and the best plan found so far is
        returned (the starting plan when none was found yet).
    deadline_at
        A moment (:func:`time.monotonic`) the search never runs past, whatever the mode: the
        user's wall-clock limit (:class:`~itinerant.schedule.budget.Deadline`).
    """

    time_limit_s: float
    seed: int = 0
    deterministic: bool = True
    progress: Callable[[Progress], None] | None = None
    cancel: threading.Event | None = None
    deadline_at: float | None = None
    light_presolve: bool = False
    """No probing and no symmetry detection in presolve: for the small sub-models of the
    large-neighbourhood search, whose presolve would otherwise use most of their budget."""
    wall_guard: float = 3.0
    """In deterministic mode, the wall-clock guard as a multiple of ``time_limit_s``: a guard
    that fires makes the run depend on the machine's load, so reproducible runs (a work limit)
    raise it."""

    def wall_left(self) -> float:
        """Seconds left before :attr:`deadline_at` (infinite without one)."""
        if self.deadline_at is None:
            return math.inf
        return max(0.0, self.deadline_at - time.monotonic())


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


def add_hints(variables: Variables, start: Schedule | None) -> None:
    """Hint every decision: 1 where ``start`` makes it (its patterns, crews, staffing), else 0."""
    model = variables.model
    midday = variables.data.settings.midday
    tours = start.tours if start is not None else ()
    days = {(t.bus, t.date): tuple(v.stop for v in t.visits) for t in tours}
    crews = {
        (c, t.bus, t.date, half)
        for t in tours
        for visit in t.visits
        for c in visit.crew
        for half in slots_of(visit.start, visit.end, midday)
    }
    staffing = start.popups if start is not None else ()
    sent = {(c, p.popup, pole) for p in staffing for c, pole in p.assignments}
    for (bus, day, i), run in variables.runs.items():
        model.add_hint(run, days.get((bus, day)) == variables.pattern(bus, day, i).stops)
    for crew_key, var in variables.on_board.items():
        model.add_hint(var, crew_key in crews)
    for sent_key, var in variables.sent.items():
        model.add_hint(var, sent_key in sent)


def complete_hint(
    model: cp_model.CpModel,
    *,
    fixed: Sequence[cp_model.IntVar],
    seed: int,
    wall_s: float = _HINT_TIME_LIMIT_S,
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
    solver.parameters.max_time_in_seconds = max(0.01, min(_HINT_TIME_LIMIT_S, wall_s))
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


def _start_from(variables: Variables, seed: int, wall_s: float = math.inf) -> list[int] | None:
    """Complete the hint from the whole starting plan, else from its patterns only.

    Re-planning may start from crews that no longer work; when neither completes, the hint is
    cleared and CP-SAT solves from scratch.
    """
    model = variables.model
    runs = list(variables.runs.values())
    decisions = [*runs, *variables.on_board.values(), *variables.sent.values()]
    values = complete_hint(model, fixed=decisions, seed=seed, wall_s=wall_s) or complete_hint(
        model, fixed=runs, seed=seed, wall_s=wall_s
    )
    if values is None:
        logger.warning("the starting plan does not fit the model: solving from scratch")
        model.clear_hints()  # type: ignore[no-untyped-call]
    return values


def _solver(search: Search) -> cp_model.CpSolver:
    """CP-SAT with the parameters of ``search``."""
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.random_seed = search.seed
    if search.deterministic:
        params.num_workers = DETERMINISTIC_SUBSOLVERS
        params.interleave_search = True
        params.max_deterministic_time = search.time_limit_s
        params.max_time_in_seconds = search.wall_guard * search.time_limit_s
    else:
        params.num_workers = max(2, os.cpu_count() or 2)
        params.max_time_in_seconds = search.time_limit_s
    params.max_time_in_seconds = max(0.01, min(params.max_time_in_seconds, search.wall_left()))
    if search.light_presolve:
        params.cp_model_probing_level = 0
        params.symmetry_level = 0
    params.log_search_progress = logger.isEnabledFor(logging.DEBUG)
    return solver


def _run(
    solver: cp_model.CpSolver,
    model: cp_model.CpModel,
    callback: _Callback | None,
    cancel: threading.Event | None,
) -> cp_model.CpSolverStatus:
    """Solve, stopping the search as soon as ``cancel`` is set (checked every 0.1 s)."""
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
        return solver.solve(model, callback)
    finally:
        finished.set()
        if watcher is not None:
            watcher.join()


def _extract(
    variables: Variables, value_of: ValueOf
) -> tuple[tuple[TourChoice, ...], tuple[Staffing, ...]]:
    """The chosen patterns with their crews, and the PopUps staffed, as plain data."""
    counsellors = variables.data.counsellors
    on_board = variables.on_board
    tours: list[TourChoice] = []
    for (bus, day, i), run in variables.runs.items():
        if value_of(run):
            crews = {
                half: tuple(
                    cid
                    for cid in counsellors
                    if (cid, bus, day, half) in on_board
                    and value_of(on_board[(cid, bus, day, half)])
                )
                for half in HALF_DAYS
            }
            tours.append((bus, day, variables.pattern(bus, day, i), crews))
    popups: list[Staffing] = []
    for popup_id, s in variables.staffed.items():
        if value_of(s):
            assignments = tuple(
                (cid, pole)
                for (cid, pid, pole), var in variables.sent.items()
                if pid == popup_id and value_of(var)
            )
            popups.append((popup_id, assignments))
    return tuple(tours), tuple(popups)


def solve_cpsat(
    data: PlanningData,
    patterns: Mapping[tuple[str, dt.date], Sequence[DayPattern]],
    search: Search,
    *,
    hint: Schedule | None = None,
    locked: Mapping[tuple[str, dt.date], tuple[str, ...]] | None = None,
    keep: Schedule | None = None,
) -> CpSatResult:
    """Solve the planning model.

    Parameters
    ----------
    data
        Planning data.
    patterns
        Feasible day patterns per bus-day (bus, date).
    search
        Time budget, seed and mode of the search, and the caller's progress and cancel hooks.
    hint
        A known valid Schedule (e.g. the baseline) to start from: its patterns, crews and
        pop-up staffing are given to CP-SAT as a solution hint.
    locked
        Bus-days whose Stops (in order) must be kept.
    keep
        A published Schedule to change as little as possible (re-planning): keeping each of its
        visits (same bus, date, Stop and half-day) is worth more than any gain in need, and
        keeping each of its crew assignments a quarter of that
        (:data:`~itinerant.schedule.cpsat.keep.KEEP_CREW_SHARE`), so the solver first keeps
        what still works, visits before crews, and only then improves.
    """
    start = time.perf_counter()
    built = formulate(data, patterns, locked=locked, keep_plan=keep)
    add_hints(built.variables, hint)
    hint_values = (
        _start_from(built.variables, search.seed, search.wall_left()) if hint is not None else None
    )
    solver = _solver(search)
    callback = _Callback(search.progress, start, built.offset) if search.progress else None
    status = _run(solver, built.model, callback, search.cancel)
    return _result(built, solver, status, hint_values, time.perf_counter() - start)


def _result(
    built: Formulation,
    solver: cp_model.CpSolver,
    status: cp_model.CpSolverStatus,
    hint_values: list[int] | None,
    elapsed: float,
) -> CpSatResult:
    """What the search found: the solution, else the completed hint, else nothing."""
    name = solver.status_name(status)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    logger.info(
        "CP-SAT %s in %.1f s: objective %.1f, bound %.1f (%d variables)",
        name,
        elapsed,
        solver.objective_value / SCALE if found else 0,
        solver.best_objective_bound / SCALE,
        len(built.model.proto.variables),
    )
    bound: float | None = solver.best_objective_bound / SCALE - built.offset
    objective: float | None = None
    if found:
        value_of: ValueOf = solver.value
        objective = solver.objective_value / SCALE - built.offset - _value(built, solver)
    elif hint_values is not None:
        # stopped before registering even the hint (tiny budget): the hint stands
        logger.warning("CP-SAT stopped before any solution (%s): keeping the hint", name)
        name = "HINT"
        completed = hint_values

        def value_of(var: cp_model.IntVar) -> int:
            return completed[var.index]

    else:
        return CpSatResult(
            name, None, None, elapsed, (), (), solver.response_proto.deterministic_time
        )
    tours, popups = _extract(built.variables, value_of)
    if built.kept:
        bound = None  # the bound mixes need and the bonuses for keeping: not comparable
    work = solver.response_proto.deterministic_time
    return CpSatResult(name, objective, bound, elapsed, tours, popups, work)


def _value(built: Formulation, solver: cp_model.CpSolver) -> float:
    """The bonuses for keeping the published plan in the solution (need units)."""
    return sum(coef * solver.value(var) for var, coef in built.kept) / SCALE
