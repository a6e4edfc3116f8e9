"""Workload: one place per half-day, days worked within the weekly limit, fewer days preferred."""

from __future__ import annotations

from dataclasses import replace

from itinerant.model import Pole, Scenario
from itinerant.schedule.cpsat import crews, days, popups, workload
from itinerant.schedule.cpsat.variables import Variables
from tests.schedule.cpsat.world import (
    THURSDAY,
    TUESDAY,
    WEDNESDAY,
    best,
    counsellor,
    feasible,
    fresh,
    pattern,
    planning_data,
    popup_on,
)

WEEK = (TUESDAY, WEDNESDAY, THURSDAY)


def _world(scenario: Scenario) -> Variables:
    """Bus-1 (a crew of one) may go out on three days of a week; c1 works at most two days a
    week; a PopUp on Thursday needs c1 too."""
    scenario = replace(
        scenario,
        buses=(replace(scenario.buses[0], min_crew=1),),
        counsellors=(counsellor("c1", Pole.EMPLOI, max_days=2),),
        popups=(popup_on(THURSDAY, Pole.EMPLOI),),
    )
    variables = fresh(planning_data(scenario), {("bus-1", d): [pattern("s1")] for d in WEEK})
    for day in WEEK:
        days.add_one_pattern(variables, "bus-1", day)
    crews.add_crews(variables)
    popups.add_popups(variables)
    return variables


def test_never_in_two_places_in_the_same_half_day(scenario: Scenario) -> None:
    variables = _world(scenario)
    (thursday,) = variables.day_runs("bus-1", THURSDAY)
    staffed = variables.staffed["p1"]
    assert feasible(variables, {thursday: 1, staffed: 1})  # nothing forbids it yet
    workload.add_workload(variables)
    assert not feasible(variables, {thursday: 1, staffed: 1})
    assert feasible(variables, {thursday: 0, staffed: 1})


def test_days_worked_within_the_weekly_limit(scenario: Scenario) -> None:
    variables = _world(scenario)
    workload.add_workload(variables)
    runs = {day: variables.day_runs("bus-1", day)[0] for day in WEEK}
    assert feasible(variables, {runs[TUESDAY]: 1, runs[WEDNESDAY]: 1})
    assert not feasible(variables, {runs[TUESDAY]: 1, runs[WEDNESDAY]: 1, runs[THURSDAY]: 1})
    assert not feasible(
        variables, {runs[TUESDAY]: 1, runs[WEDNESDAY]: 1, variables.staffed["p1"]: 1}
    )


def test_each_counsellor_day_costs_one_unit(scenario: Scenario) -> None:
    variables = _world(scenario)
    ties = workload.add_workload(variables)
    assert set(variables.works) == {("c1", day) for day in WEEK}
    assert sorted(coef for _, coef in ties) == [-1, -1, -1]
    variables.model.add(variables.day_runs("bus-1", TUESDAY)[0] == 1)
    value, solver = best(variables, ties)
    assert value == -1  # the day on the bus is worked, no other
    assert solver.value(variables.works[("c1", TUESDAY)]) == 1
