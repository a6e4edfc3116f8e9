"""The baseline's PopUp staffing: every mandatory PopUp staffed whenever it can be."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from itinerant.access import diagnose
from itinerant.model import AvailabilityRule, Counsellor, Pole, PopUp, Scenario, Slot
from itinerant.pipeline import build_network, matrix_between, scenario_places
from itinerant.schedule.baseline import CrewBook, round_robin, staff_popups
from itinerant.schedule.data import prepare
from itinerant.schedule.validate import validate

TUESDAY = dt.date(2027, 1, 5)


def _two_forums(tiny: Scenario) -> Scenario:
    """Two mandatory forums the same Tuesday: the greedy order gives the wrong one ``a``."""
    forum = tiny.popups[0]
    counsellors = (
        Counsellor(
            id="a", name="A", institution="CIO", poles=frozenset({Pole.EMPLOI, Pole.FORMATION})
        ),
        Counsellor(id="b", name="B", institution="CIO", poles=frozenset({Pole.EMPLOI})),
    )
    popups = (
        replace(forum, id="emploi", date=TUESDAY, needs=((Pole.EMPLOI, 1),), priority=3),
        replace(forum, id="formation", date=TUESDAY, needs=((Pole.FORMATION, 1),), priority=1),
    )
    availability = tuple(AvailabilityRule(c.id, 1, Slot.DAY) for c in counsellors)
    return replace(
        tiny, counsellors=counsellors, availability=availability, popups=popups, stops=()
    )


def test_mandatory_popups_are_staffed_together(tiny_scenario: Scenario) -> None:
    scenario = _two_forums(tiny_scenario)
    matrix = matrix_between(build_network(scenario), scenario_places(scenario))
    data = prepare(scenario, matrix, diagnose(scenario, matrix))
    book = CrewBook(data)
    staffing = {s.popup: s.assignments for s in staff_popups(data, book)}
    assert staffing == {"emploi": (("b", Pole.EMPLOI),), "formation": (("a", Pole.FORMATION),)}
    # booked once each, nothing left over from the search's backtracking
    assert book.busy == {(c, TUESDAY, h) for c in ("a", "b") for h in (Slot.AM, Slot.PM)}
    assert validate(round_robin(data), data).ok


def test_a_popup_that_cannot_be_staffed_is_left_out(tiny_scenario: Scenario) -> None:
    scenario = _two_forums(tiny_scenario)
    extra = replace(scenario.popups[1], id="orientation", needs=((Pole.ORIENTATION, 1),))
    assert isinstance(extra, PopUp)
    scenario = replace(scenario, popups=(*scenario.popups, replace(extra, mandatory=False)))
    matrix = matrix_between(build_network(scenario), scenario_places(scenario))
    data = prepare(scenario, matrix, diagnose(scenario, matrix))
    staffed = {s.popup for s in staff_popups(data, CrewBook(data))}
    assert staffed == {"emploi", "formation"}
