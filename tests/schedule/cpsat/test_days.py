"""One pattern per bus-day, one visit per Stop a day, and the cost of driving."""

from __future__ import annotations

from dataclasses import replace

from itinerant.model import Scenario
from itinerant.schedule.cpsat import days
from itinerant.schedule.cpsat.variables import SCALE
from tests.schedule.cpsat.world import THURSDAY, TUESDAY, feasible, fresh, pattern, planning_data


def test_a_bus_day_runs_at_most_one_pattern(scenario: Scenario) -> None:
    variables = fresh(planning_data(scenario), {("bus-1", TUESDAY): [pattern("s1"), pattern("s2")]})
    first, second = variables.day_runs("bus-1", TUESDAY)
    assert feasible(variables, {first: 1, second: 1})  # nothing forbids it yet
    days.add_one_pattern(variables, "bus-1", TUESDAY)
    assert not feasible(variables, {first: 1, second: 1})
    assert feasible(variables, {first: 1, second: 0})
    assert feasible(variables, {first: 0, second: 0})


def test_a_stop_receives_one_visit_a_day(scenario: Scenario) -> None:
    two_buses = replace(scenario, buses=(scenario.buses[0], replace(scenario.buses[0], id="bus-2")))
    patterns = {
        (bus, day): [pattern("s1")] for bus in ("bus-1", "bus-2") for day in (TUESDAY, THURSDAY)
    }
    variables = fresh(planning_data(two_buses), patterns)
    days.add_one_visit_per_stop_day(variables)
    (bus1_tue,), (bus2_tue,) = (variables.day_runs(b, TUESDAY) for b in ("bus-1", "bus-2"))
    (bus2_thu,) = variables.day_runs("bus-2", THURSDAY)
    assert not feasible(variables, {bus1_tue: 1, bus2_tue: 1})
    assert feasible(variables, {bus1_tue: 1, bus2_thu: 1})


def test_driving_costs_km_weight_per_kilometre(scenario: Scenario) -> None:
    data = planning_data(scenario)
    variables = fresh(data, {("bus-1", TUESDAY): [pattern("s1", km=12.3), pattern("s2")]})
    cost = days.driving_cost(variables)
    first, second = variables.day_runs("bus-1", TUESDAY)
    assert cost == [(first, -round(data.settings.km_weight * 12.3 * SCALE)), (second, 0)]
