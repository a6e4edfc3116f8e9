"""Pop-ups: a staffed PopUp gets a counsellor per pôle and unit, each sent for one pôle."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from itinerant.model import Pole, Scenario
from itinerant.schedule.cpsat import popups
from itinerant.schedule.cpsat.variables import SCALE, Variables
from tests.schedule.cpsat.world import THURSDAY, best, feasible, fresh, planning_data, popup_on

EMPLOI, FORMATION = Pole.EMPLOI, Pole.FORMATION


def _world(scenario: Scenario, *, mandatory: bool, available: tuple[str, ...]) -> Variables:
    """A PopUp on Thursday needing emploi and formation; these counsellors available then."""
    popup = popup_on(THURSDAY, EMPLOI, FORMATION, mandatory=mandatory, priority=2)
    data = planning_data(
        replace(scenario, popups=(popup,)), available=dict.fromkeys(available, (THURSDAY,))
    )
    return fresh(data, {})


def test_one_counsellor_cannot_fill_two_poles(scenario: Scenario) -> None:
    variables = _world(scenario, mandatory=False, available=("c1", "c3"))
    popups.add_popups(variables)
    staffed, sent = variables.staffed["p1"], variables.sent
    assert set(sent) == {("c1", "p1", EMPLOI), ("c1", "p1", FORMATION), ("c3", "p1", FORMATION)}
    assert not feasible(variables, {staffed: 1, sent[("c3", "p1", FORMATION)]: 0})
    assert feasible(variables, {staffed: 1, sent[("c3", "p1", FORMATION)]: 1})
    assert not feasible(variables, {staffed: 0, sent[("c1", "p1", EMPLOI)]: 1})


def test_a_mandatory_popup_must_be_staffed(scenario: Scenario) -> None:
    variables = _world(scenario, mandatory=True, available=("c1", "c3"))
    assert popups.add_popups(variables) == []  # no value: it must happen anyway
    assert feasible(variables)
    assert not feasible(variables, {variables.staffed["p1"]: 0})
    alone = _world(scenario, mandatory=True, available=("c1",))
    popups.add_popups(alone)
    assert not feasible(alone)  # c1 has both pôles but is one counsellor


def test_an_optional_popup_is_worth_its_priority(scenario: Scenario) -> None:
    variables = _world(scenario, mandatory=False, available=("c1", "c3"))
    terms = popups.add_popups(variables)
    value = round(variables.data.settings.popup_priority_value * 2 * SCALE)
    assert terms == [(variables.staffed["p1"], value)]
    assert best(variables, terms)[0] == value


@pytest.mark.parametrize("shift", [-1, 14])
def test_popups_off_the_working_days_are_left_out(scenario: Scenario, shift: int) -> None:
    popup = popup_on(scenario.horizon.start + dt.timedelta(days=shift), EMPLOI)
    variables = fresh(planning_data(replace(scenario, popups=(popup,))), {})
    assert popups.add_popups(variables) == []
    assert variables.staffed == {}
