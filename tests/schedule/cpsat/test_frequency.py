"""Frequency targets: a high-need commune reached in each rotation period counts once more."""

from __future__ import annotations

import datetime as dt

from itinerant.model import Scenario
from itinerant.schedule.cpsat import frequency
from itinerant.schedule.cpsat.variables import SCALE, Variables
from tests.schedule.cpsat.world import TUESDAY, best, fix, fresh, pattern, planning_data

NEXT_TUESDAY = TUESDAY + dt.timedelta(days=7)  # the second rotation period (one week each)


def _world(scenario: Scenario, *, high: bool) -> Variables:
    data = planning_data(
        scenario,
        catchments={"s1": ("99001",)},
        need={"99001": 4.0},
        high_need=("99001",) if high else (),
    )
    return fresh(data, {("bus-1", d): [pattern("s1")] for d in (TUESDAY, NEXT_TUESDAY)})


def test_a_period_counts_only_when_a_visit_reaches_the_commune_in_it(scenario: Scenario) -> None:
    variables = _world(scenario, high=True)
    assert variables.data.n_periods == 2
    terms = frequency.add_targets(variables, "99001")
    assert len(terms) == 2
    per_period = round(variables.data.settings.frequency_weight * 4.0 * SCALE)
    (first_week,) = variables.day_runs("bus-1", TUESDAY)
    (second_week,) = variables.day_runs("bus-1", NEXT_TUESDAY)
    fix(variables, {first_week: 1, second_week: 0})
    assert best(variables, terms)[0] == per_period  # the second period is missed


def test_both_periods_reached(scenario: Scenario) -> None:
    variables = _world(scenario, high=True)
    terms = frequency.add_targets(variables, "99001")
    fix(variables, dict.fromkeys(variables.runs.values(), 1))
    assert best(variables, terms)[0] == 2 * round(0.25 * 4.0 * SCALE)


def test_communes_without_a_target_get_no_term(scenario: Scenario) -> None:
    assert frequency.add_targets(_world(scenario, high=False), "99001") == []


def test_the_constant_is_the_penalty_of_reaching_nothing(scenario: Scenario) -> None:
    data = _world(scenario, high=True).data
    assert frequency.constant(data) == data.settings.frequency_weight * 4.0 * 2


def test_a_period_without_any_possible_visit_is_missed(scenario: Scenario) -> None:
    data = _world(scenario, high=True).data
    variables = fresh(data, {("bus-1", TUESDAY): [pattern("s1")]})  # nothing in the second week
    terms = frequency.add_targets(variables, "99001")
    fix(variables, dict.fromkeys(variables.runs.values(), 1))
    value, solver = best(variables, terms)
    assert value == round(0.25 * 4.0 * SCALE)
    assert solver.value(terms[1][0]) == 0
