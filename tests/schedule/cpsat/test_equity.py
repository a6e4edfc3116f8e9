"""The equity floor: a zone left below its fair share of the Need reached costs its shortfall."""

from __future__ import annotations

from itinerant.model import Scenario
from itinerant.schedule.cpsat import coverage, equity
from itinerant.schedule.cpsat.variables import SCALE, Term, Variables
from itinerant.schedule.schedule import PlanSettings
from tests.schedule.cpsat.world import TUESDAY, best, fix, fresh, pattern, planning_data

ZONES = {"99000": "A", "99001": "A", "99002": "B", "99003": "B"}


def _world(scenario: Scenario) -> tuple[Variables, list[Term]]:
    """Zones A and B of 10 need units each; s1 reaches A's 99001, s2 B's 99002."""
    data = planning_data(
        scenario,
        catchments={"s1": ("99001",), "s2": ("99002",)},
        need={"99001": 10.0, "99002": 10.0},
        zones=ZONES,
        settings=PlanSettings(equity_floor=0.5, equity_weight=1.0),
    )
    patterns = {("bus-1", TUESDAY): [pattern("s1"), pattern("s2"), pattern("s1", "s2")]}
    variables = fresh(data, patterns)
    for code in coverage.communes_within_reach(variables):
        coverage.add_levels(variables, code)  # the floor reads the communes reached
    return variables, equity.add_equity_floor(variables)


def test_a_zone_left_out_pays_its_shortfall_in_whole_need_units(scenario: Scenario) -> None:
    variables, terms = _world(scenario)
    assert len(terms) == 2  # one shortfall per zone
    only_a, _, _ = variables.day_runs("bus-1", TUESDAY)
    fix(variables, {only_a: 1, variables.reached["99001"]: 1, variables.reached["99002"]: 0})
    value, solver = best(variables, terms)
    # B's floor: 0.5 x (10 reached / 20) x 10 = 2.5, rounded up to 3 whole need units
    assert value == -3 * round(1.0 * SCALE)
    short = {name: solver.value(var) for name, var in (("A", terms[0][0]), ("B", terms[1][0]))}
    assert short == {"A": 0, "B": 3}


def test_both_zones_reached_or_no_floor_cost_nothing(scenario: Scenario) -> None:
    variables, terms = _world(scenario)
    _, _, both = variables.day_runs("bus-1", TUESDAY)
    fix(variables, {both: 1, variables.reached["99001"]: 1, variables.reached["99002"]: 1})
    assert best(variables, terms)[0] == 0
    assert equity.add_equity_floor(fresh(variables.data, {})) == []  # nothing reachable
