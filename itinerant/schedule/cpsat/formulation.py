"""The whole model: every family of constraints, in the order of the specification.

Each family lives in its own module, adds its constraints and returns its objective terms; this
module only calls them in turn. The order is fixed: CP-SAT's search depends on the order of
variables and constraints, so a seed reproduces its plan only if the model is built the same
way every time. That is why the locks go bus-day by bus-day with the choice of one pattern, and
coverage and frequency targets commune by commune.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from itinerant.schedule.cpsat import (
    coverage,
    crews,
    days,
    equity,
    frequency,
    keep,
    popups,
    regularity,
    workload,
)
from itinerant.schedule.cpsat.variables import Term, Variables
from itinerant.schedule.data import PlanningData
from itinerant.schedule.patterns import DayPattern
from itinerant.schedule.schedule import Schedule

__all__ = ["Formulation", "formulate"]


@dataclass(frozen=True)
class Formulation:
    """A built model: its variables, its objective terms and the offset of the objective."""

    model: cp_model.CpModel
    variables: Variables
    terms: tuple[Term, ...]
    """Every objective term (to maximise), including :attr:`kept`."""
    kept: tuple[Term, ...]
    """The bonuses for keeping the published plan (re-planning), not part of the plan's value."""
    offset: float
    """Subtracted from the model's objective (need units) to give the validator's objective."""


def formulate(
    data: PlanningData,
    patterns: Mapping[tuple[str, dt.date], Sequence[DayPattern]],
    *,
    locked: Mapping[tuple[str, dt.date], tuple[str, ...]] | None = None,
    keep_plan: Schedule | None = None,
) -> Formulation:
    """Build the planning model (see :mod:`itinerant.schedule.cpsat` for its variables).

    Raises
    ------
    InputError
        When a locked bus-day no longer fits its bus's day.
    """
    locked = locked or {}
    model = cp_model.CpModel()
    variables = Variables.create(model, data, patterns)
    for bus, day in patterns:
        days.add_one_pattern(variables, bus, day)
        if (bus, day) in locked:
            keep.add_lock(variables, bus, day, locked[(bus, day)])
    variables.add_visits()
    days.add_one_visit_per_stop_day(variables)
    terms: list[Term] = []
    for code in coverage.communes_within_reach(variables):
        terms += coverage.add_levels(variables, code)
        terms += frequency.add_targets(variables, code)
    terms += regularity.add_regularity(variables)
    terms += equity.add_equity_floor(variables)
    terms += crews.add_crews(variables)
    terms += popups.add_popups(variables)
    ties = workload.add_workload(variables)
    kept = keep.keep_terms(variables, keep_plan) if keep_plan is not None else []
    terms += [*kept, *days.driving_cost(variables), *ties]
    model.maximize(sum(coef * var for var, coef in terms))
    return Formulation(model, variables, tuple(terms), tuple(kept), frequency.constant(data))
