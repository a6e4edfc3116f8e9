"""Coverage: the Need reached, the first visit counting fully and each further one less."""

from __future__ import annotations

import pytest

from itinerant.model import Scenario
from itinerant.schedule.cpsat import coverage
from itinerant.schedule.cpsat.variables import SCALE, Variables
from tests.schedule.cpsat.world import THURSDAY, TUESDAY, best, fix, fresh, pattern, planning_data

NEED = 8.0


@pytest.fixture
def world(scenario: Scenario) -> Variables:
    data = planning_data(
        scenario, catchments={"s1": ("99001",), "s2": ("99003",)}, need={"99001": NEED}
    )
    return fresh(data, {("bus-1", d): [pattern("s1"), pattern("s2")] for d in (TUESDAY, THURSDAY)})


def test_only_communes_with_need_and_a_possible_visit_count(world: Variables) -> None:
    assert coverage.communes_within_reach(world) == ["99001"]  # 99003 has no Need


@pytest.mark.parametrize(("visits", "value"), [(0, 0.0), (1, NEED), (2, NEED * 1.25)])
def test_each_further_visit_is_worth_repeat_decay_less(
    world: Variables, visits: int, value: float
) -> None:
    terms = coverage.add_levels(world, "99001")
    assert len(terms) == world.data.settings.max_counted_visits
    s1_tue, s1_thu = (world.day_runs("bus-1", d)[0] for d in (TUESDAY, THURSDAY))
    fix(world, {s1_tue: int(visits >= 1), s1_thu: int(visits >= 2)})
    reached, solver = best(world, terms)
    assert reached == round(value * SCALE)  # decay 0.25: 8, then 8 + 2
    assert solver.value(world.reached["99001"]) == int(visits >= 1)


def test_levels_are_ordered(world: Variables) -> None:
    terms = coverage.add_levels(world, "99001")
    (first, _), (second, _) = terms[:2]
    fix(world, {first: 0})
    assert best(world, [(second, 1)])[0] == 0  # no second visit counted without a first
