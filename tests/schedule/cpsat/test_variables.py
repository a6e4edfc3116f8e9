"""The variables container: one choice per pattern, visits summing the patterns, lookups."""

from __future__ import annotations

from itinerant.model import Scenario, Slot
from itinerant.schedule.cpsat import days
from tests.schedule.cpsat.world import THURSDAY, TUESDAY, feasible, fresh, pattern, planning_data


def test_a_visit_is_the_sum_of_the_patterns_that_make_it(scenario: Scenario) -> None:
    data = planning_data(scenario)
    patterns = {("bus-1", TUESDAY): [pattern("s1"), pattern("s1", "s2"), pattern("s2")]}
    variables = fresh(data, patterns)
    days.add_one_pattern(variables, "bus-1", TUESDAY)
    assert len(variables.runs) == 3
    s1_am = variables.visits[("s1", "bus-1", TUESDAY, Slot.AM)]
    s2_pm = variables.visits[("s2", "bus-1", TUESDAY, Slot.PM)]
    first, both, second = variables.day_runs("bus-1", TUESDAY)
    assert feasible(variables, {both: 1, s1_am: 1, s2_pm: 1})
    assert not feasible(variables, {both: 1, s1_am: 0})
    assert not feasible(variables, {first: 0, both: 0, s1_am: 1})
    assert variables.runs_with("bus-1", TUESDAY, ("s2",)) == [second]


def test_visits_reaching_a_commune_by_period(scenario: Scenario) -> None:
    data = planning_data(scenario, catchments={"s1": ("99001",), "s2": ("99002",)})
    later = TUESDAY.replace(day=TUESDAY.day + 7)
    patterns = {("bus-1", d): [pattern("s1"), pattern("s2")] for d in (TUESDAY, THURSDAY, later)}
    variables = fresh(data, patterns)
    assert len(variables.visits_reaching("99001")) == 3
    assert len(variables.visits_reaching("99001", period=0)) == 2
    assert variables.visits_reaching("99001", period=1) == [
        variables.visits[("s1", "bus-1", later, Slot.AM)]
    ]
    assert variables.visits_reaching("99000") == []
    assert set(variables.visits_at) == {
        (stop, day, Slot.AM) for stop in ("s1", "s2") for day in (TUESDAY, THURSDAY, later)
    }
