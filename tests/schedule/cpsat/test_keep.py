"""Re-planning: locked bus-days, and the bonus for each published visit and crew kept."""

from __future__ import annotations

import datetime as dt

import pytest

from itinerant.errors import InputError
from itinerant.model import Scenario, Slot
from itinerant.schedule.cpsat import crews, days, keep
from itinerant.schedule.cpsat.variables import SCALE, Variables
from itinerant.schedule.schedule import Schedule, Tour, Visit
from tests.schedule.cpsat.world import TUESDAY, best, feasible, fresh, pattern, planning_data


def _world(scenario: Scenario) -> Variables:
    data = planning_data(scenario, catchments={"s1": ("99001",)}, need={"99001": 6.0})
    options = [pattern("s1"), pattern("s2"), pattern("s1", "s2")]
    variables = fresh(data, {("bus-1", TUESDAY): options})
    days.add_one_pattern(variables, "bus-1", TUESDAY)
    crews.add_crews(variables)
    return variables


def test_a_locked_day_runs_its_stops(scenario: Scenario) -> None:
    variables = _world(scenario)
    keep.add_lock(variables, "bus-1", TUESDAY, ("s1", "s2"))
    first, _, both = variables.day_runs("bus-1", TUESDAY)
    assert not feasible(variables, {both: 0})
    assert not feasible(variables, {first: 1})
    assert feasible(variables, {both: 1})


def test_a_lock_that_no_longer_fits_is_refused(scenario: Scenario) -> None:
    with pytest.raises(InputError, match="no longer fits"):
        keep.add_lock(_world(scenario), "bus-1", TUESDAY, ("s2", "s1"))


def test_keeping_a_visit_is_worth_the_total_need_and_a_crew_a_quarter(scenario: Scenario) -> None:
    variables = _world(scenario)
    visit = Visit("s1", dt.time(9), dt.time(9), dt.time(11, 30), ("c1", "c2"))
    published = Schedule("Tiny", (Tour("bus-1", TUESDAY, dt.time(8, 30), dt.time(12), (visit,)),))
    terms = keep.keep_terms(variables, published)
    visit_weight = round(6.0 * SCALE)
    assert terms == [
        (variables.visits[("s1", "bus-1", TUESDAY, Slot.AM)], visit_weight),
        (variables.on_board[("c1", "bus-1", TUESDAY, Slot.AM)], visit_weight // 4),
        (variables.on_board[("c2", "bus-1", TUESDAY, Slot.AM)], visit_weight // 4),
    ]
    value, solver = best(variables, terms)
    assert value == visit_weight + 2 * (visit_weight // 4)  # everything can stay
    assert solver.value(variables.visits[("s1", "bus-1", TUESDAY, Slot.AM)]) == 1


def test_visits_the_model_cannot_make_earn_nothing(scenario: Scenario) -> None:
    variables = _world(scenario)
    visit = Visit("s2", dt.time(14), dt.time(14), dt.time(16, 30), ("c1",))
    other_day = TUESDAY + dt.timedelta(days=1)
    published = Schedule("Tiny", (Tour("bus-1", other_day, dt.time(13), dt.time(17), (visit,)),))
    assert keep.keep_terms(variables, published) == []
