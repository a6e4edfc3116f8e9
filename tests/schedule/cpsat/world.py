"""A tiny hand-made planning world for the tests of the CP-SAT constraint modules.

No roads: the constraint modules read only Catchments, Need, zones, availability and the day
patterns, so the data is built by hand (:func:`planning_data`) and the patterns too
(:func:`pattern`); each test adds one family to a fresh model (:func:`fresh`) and asks CP-SAT
what it allows (:func:`best`, :func:`feasible`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

import numpy as np
from ortools.sat.python import cp_model

from itinerant.model import Counsellor, Location, Pole, PopUp, Scenario, Slot
from itinerant.routing import TravelMatrix
from itinerant.schedule.cpsat.variables import Term, Variables
from itinerant.schedule.data import PlanningData
from itinerant.schedule.patterns import DayPattern
from itinerant.schedule.schedule import PlanSettings
from itinerant.schedule.timing import TimedTour

MONDAY = dt.date(2027, 1, 4)
"""The first day of the tiny scenario's Horizon."""
TUESDAY, WEDNESDAY, THURSDAY = (MONDAY + dt.timedelta(days=k) for k in (1, 2, 3))
BOTH = frozenset({Slot.AM, Slot.PM})

NO_ROADS = TravelMatrix(
    ids=(),
    names=(),
    durations_s=np.zeros((0, 0), dtype=np.int64),
    distances_m=np.zeros((0, 0), dtype=np.int64),
    reachable=np.zeros((0, 0), dtype=np.bool_),
    approximate=True,
    network_label="none",
)


def counsellor(cid: str, *poles: Pole, max_days: int = 5) -> Counsellor:
    """A counsellor with these pôles."""
    return Counsellor(
        id=cid,
        name=cid,
        institution="test",
        poles=frozenset(poles),
        max_days_per_week=max_days,
        source="test",
    )


def popup_on(day: dt.date, *poles: Pole, mandatory: bool = False, priority: int = 1) -> PopUp:
    """A PopUp ``p1`` on ``day`` from 9:00 to 17:00 needing one counsellor per pôle."""
    return PopUp(
        id="p1",
        name="Forum",
        commune="99003",
        location=Location(2.15, 46.15),
        date=day,
        start=dt.time(9),
        end=dt.time(17),
        needs=tuple((pole, 1) for pole in poles),
        mandatory=mandatory,
        priority=priority,
        source="test",
    )


def planning_data(
    scenario: Scenario,
    *,
    catchments: Mapping[str, tuple[str, ...]] | None = None,
    need: Mapping[str, float] | None = None,
    high_need: Iterable[str] = (),
    zones: Mapping[str, str] | None = None,
    available: Mapping[str, Iterable[dt.date]] | None = None,
    settings: PlanSettings | None = None,
) -> PlanningData:
    """Planning data of ``scenario`` with hand-set Catchments, Need and availability.

    ``available`` gives, per counsellor, the dates they are available both half-days
    (default: every counsellor on every working day); ``high_need`` the communes with a
    frequency target.
    """
    days = scenario.horizon.days()
    codes = [c.code for c in scenario.territory.communes]
    need = need or {}
    high = set(high_need)
    if available is None:
        available = {c.id: days for c in scenario.counsellors}
    return PlanningData(
        scenario=scenario,
        settings=settings or PlanSettings(),
        matrix=NO_ROADS,
        days=days,
        need={code: need.get(code, 0.0) for code in codes},
        need_index={code: 1.0 if code in high else 0.0 for code in codes},
        access_minutes=dict.fromkeys(codes),
        catchments=dict(catchments or {}),
        zones=dict(zones or dict.fromkeys(codes, "CC Test")),
        availability={(cid, day): BOTH for cid, dates in available.items() for day in dates},
    )


def with_stops(scenario: Scenario, *ids: str) -> Scenario:
    """``scenario`` whose Stops are copies of its first Stop with these ids (no pôle needed)."""
    stop = scenario.stops[0]
    return replace(
        scenario, stops=tuple(replace(stop, id=i, required_poles=frozenset()) for i in ids)
    )


def pattern(*stops: str, halves: Sequence[Slot] | None = None, km: float = 0.0) -> DayPattern:
    """A day visiting ``stops`` in order, the first in the morning and the second after."""
    n = len(stops)
    zeros = (0,) * n
    timed = TimedTour(0, zeros, zeros, zeros, 0, None, 0, round(km * 1000))
    return DayPattern(stops, timed, tuple(halves or (Slot.AM, Slot.PM)[:n]))


def fresh(
    data: PlanningData, patterns: Mapping[tuple[str, dt.date], Sequence[DayPattern]]
) -> Variables:
    """A fresh model with the pattern choices and the visits of ``patterns``."""
    variables = Variables.create(cp_model.CpModel(), data, patterns)
    variables.add_visits()
    return variables


def fix(variables: Variables, values: Mapping[cp_model.IntVar, int]) -> None:
    """Fix each variable of ``values`` to its value."""
    for var, value in values.items():
        variables.model.add(var == value)


def feasible(variables: Variables, values: Mapping[cp_model.IntVar, int] | None = None) -> bool:
    """Whether the model, with ``values`` fixed, has a solution (the model is left unchanged)."""
    probe = Variables(variables.model.clone(), variables.data, variables.patterns)
    for var, value in (values or {}).items():
        probe.model.add(probe.model.get_int_var_from_proto_index(var.index) == value)
    status = cp_model.CpSolver().solve(probe.model)
    return status in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def best(variables: Variables, terms: Sequence[Term]) -> tuple[int, cp_model.CpSolver]:
    """The largest value of ``terms`` the model allows, and the solver holding that solution."""
    model = variables.model
    model.maximize(sum(coef * var for var, coef in terms))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    status = solver.solve(model)
    assert status == cp_model.OPTIMAL, solver.status_name(status)
    return round(solver.objective_value), solver
