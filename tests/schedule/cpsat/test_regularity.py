"""Regularity: a bonus for the same Stop in the same half-day one rotation period apart."""

from __future__ import annotations

import datetime as dt

from itinerant.model import Scenario, Slot
from itinerant.schedule.cpsat import days, regularity
from itinerant.schedule.cpsat.variables import SCALE, Variables
from tests.schedule.cpsat.world import TUESDAY, best, fix, fresh, pattern, planning_data

NEXT_TUESDAY = TUESDAY + dt.timedelta(days=7)


def _world(scenario: Scenario) -> Variables:
    options = [pattern("s1"), pattern("s2", "s1")]  # s1 in the morning, or in the afternoon
    variables = fresh(
        planning_data(scenario), {("bus-1", d): options for d in (TUESDAY, NEXT_TUESDAY)}
    )
    for day in (TUESDAY, NEXT_TUESDAY):
        days.add_one_pattern(variables, "bus-1", day)
    return variables


def test_a_repeat_one_rotation_later_earns_the_bonus(scenario: Scenario) -> None:
    variables = _world(scenario)
    terms = regularity.add_regularity(variables)
    # s1 am, s1 pm and s2 am can each repeat a week later
    assert len(terms) == 3
    bonus = round(variables.data.settings.regularity_weight * SCALE)
    assert {coef for _, coef in terms} == {bonus}
    morning = {d: variables.day_runs("bus-1", d)[0] for d in (TUESDAY, NEXT_TUESDAY)}
    fix(variables, {morning[TUESDAY]: 1, morning[NEXT_TUESDAY]: 1})
    assert best(variables, terms)[0] == bonus


def test_another_half_day_earns_nothing(scenario: Scenario) -> None:
    variables = _world(scenario)
    terms = regularity.add_regularity(variables)
    morning = variables.day_runs("bus-1", TUESDAY)[0]
    afternoon = variables.day_runs("bus-1", NEXT_TUESDAY)[1]
    fix(variables, {morning: 1, afternoon: 1})
    value, solver = best(variables, terms)
    assert value == 0
    assert solver.value(variables.visits[("s1", "bus-1", NEXT_TUESDAY, Slot.PM)]) == 1
