"""Crews: enough counsellors on board, no more than the seats, covering the Stop's pôles."""

from __future__ import annotations

from dataclasses import replace

from ortools.sat.python import cp_model

from itinerant.model import Pole, Scenario, Slot
from itinerant.schedule.cpsat import crews, days
from itinerant.schedule.cpsat.variables import Variables
from tests.schedule.cpsat.world import TUESDAY, feasible, fresh, pattern, planning_data


def _world(scenario: Scenario, *, available: tuple[str, ...] = ("c1", "c2", "c3")) -> Variables:
    """Bus-1 (2 to 3 on board) may visit s1, which needs the emploi pôle, on Tuesday morning."""
    emploi = replace(scenario.stops[0], required_poles=frozenset({Pole.EMPLOI}))
    scenario = replace(scenario, stops=(emploi, scenario.stops[1]))
    data = planning_data(scenario, available=dict.fromkeys(available, (TUESDAY,)))
    variables = fresh(data, {("bus-1", TUESDAY): [pattern("s1")]})
    days.add_one_pattern(variables, "bus-1", TUESDAY)
    assert crews.add_crews(variables) == []  # no objective term
    return variables


def _on_board(variables: Variables, cid: str) -> cp_model.IntVar:
    return variables.on_board[(cid, "bus-1", TUESDAY, Slot.AM)]


def test_a_running_bus_carries_its_minimum_crew_with_the_poles_needed(scenario: Scenario) -> None:
    variables = _world(scenario)
    (run,) = variables.day_runs("bus-1", TUESDAY)
    c1, c2, c3 = (_on_board(variables, c) for c in ("c1", "c2", "c3"))
    assert feasible(variables, {run: 1, c1: 1, c2: 1, c3: 0})
    assert not feasible(variables, {run: 1, c1: 1, c2: 0, c3: 0})  # min_crew 2
    assert not feasible(variables, {run: 1, c1: 0})  # only c1 has the emploi pôle
    assert not feasible(variables, {run: 0, c1: 1})  # nobody on board a bus that stays


def test_no_more_than_the_seats(scenario: Scenario) -> None:
    small = replace(scenario, buses=(replace(scenario.buses[0], seats=2),))
    variables = _world(small)
    (run,) = variables.day_runs("bus-1", TUESDAY)
    assert not feasible(
        variables, {run: 1, **{_on_board(variables, c): 1 for c in ("c1", "c2", "c3")}}
    )


def test_only_available_counsellors_can_be_on_board(scenario: Scenario) -> None:
    variables = _world(scenario, available=("c1",))
    assert set(variables.on_board) == {("c1", "bus-1", TUESDAY, Slot.AM)}
    (run,) = variables.day_runs("bus-1", TUESDAY)
    assert not feasible(variables, {run: 1})  # one counsellor is not a crew
