"""Every explanation class, each triggered by a scenario made to trigger it."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from itinerant.access import diagnose
from itinerant.io import default_scenario_dir, load_scenario
from itinerant.model import Pole, Scenario
from itinerant.pipeline import build_network, matrix_between, scenario_places
from itinerant.routing import TravelMatrix
from itinerant.schedule.data import PlanningData, prepare
from itinerant.schedule.explain import ImpossiblePlanError, check_inputs, unreached_reasons
from itinerant.schedule.planner import day_patterns, plan_data
from itinerant.schedule.schedule import Schedule


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Scenario, TravelMatrix]:
    cache = tmp_path_factory.mktemp("cache")
    scenario = load_scenario(default_scenario_dir())
    matrix = matrix_between(build_network(scenario), scenario_places(scenario), cache_dir=cache)
    return scenario, matrix


def data_for(base: tuple[Scenario, TravelMatrix], **changes: object) -> PlanningData:
    scenario, matrix = base
    scenario = replace(scenario, **changes)
    return prepare(scenario, matrix, diagnose(scenario, matrix))


def codes(findings: list) -> set[str]:  # type: ignore[type-arg]
    return {f.code for f in findings}


def test_default_territory_has_no_blocking_problem(base: tuple[Scenario, TravelMatrix]) -> None:
    findings = check_inputs(data_for(base))
    assert not [f for f in findings if f.severity == "error"]


def test_mandatory_popup_needing_an_unavailable_pole_is_refused(
    base: tuple[Scenario, TravelMatrix],
) -> None:
    scenario, _ = base
    popup = next(p for p in scenario.popups if p.mandatory)
    greedy = replace(popup, needs=((Pole.CREATION, 5),))
    others = tuple(p for p in scenario.popups if p.id != popup.id)
    data = data_for(base, popups=(greedy, *others))
    with pytest.raises(ImpossiblePlanError) as info:
        plan_data(data, time_limit_s=1)
    (finding,) = [e for e in info.value.explanations if e.code == "popup-pole-unavailable"]
    assert finding.subject == popup.id
    assert "création d'activité" in finding.message
    assert popup.date.strftime("%d/%m/%Y") in finding.message
    assert "Aucun planning n'est possible" in str(info.value)


def test_mandatory_popup_on_a_public_holiday_is_refused(
    base: tuple[Scenario, TravelMatrix],
) -> None:
    scenario, _ = base
    popup = next(p for p in scenario.popups if p.mandatory)
    new_year = replace(popup, date=dt.date(2027, 1, 1))  # inside no horizon: Friday holiday
    horizon = replace(scenario.horizon, start=dt.date(2026, 12, 28))
    data = data_for(base, popups=(new_year,), horizon=horizon)
    findings = check_inputs(data)
    assert "popup-not-working-day" in codes(findings)
    assert all(f.severity == "error" for f in findings if f.code == "popup-not-working-day")


def test_optional_popup_that_cannot_be_staffed_is_only_a_warning(
    base: tuple[Scenario, TravelMatrix],
) -> None:
    scenario, _ = base
    optional = next(p for p in scenario.popups if not p.mandatory)
    big = replace(optional, needs=((Pole.EMPLOI, 9),))
    findings = check_inputs(data_for(base, popups=(big,)))
    flagged = [f for f in findings if f.subject == optional.id]
    assert flagged
    assert {f.severity for f in flagged} == {"warning"}


def test_stop_too_far_for_a_working_day(base: tuple[Scenario, TravelMatrix]) -> None:
    scenario, _ = base
    bus = replace(scenario.buses[0], max_drive_minutes=5)
    findings = check_inputs(data_for(base, buses=(bus,)))
    far = [f for f in findings if f.code == "stop-too-far"]
    assert far
    assert "ne tiennent pas dans la journée" in far[0].message


def test_stop_never_open_and_stop_needing_a_missing_pole(
    base: tuple[Scenario, TravelMatrix],
) -> None:
    scenario, _ = base
    saturday = replace(scenario.stops[0], weekdays=frozenset({5}))
    counsellors = tuple(replace(c, poles=frozenset({Pole.EMPLOI})) for c in scenario.counsellors)
    needs_creation = replace(scenario.stops[1], required_poles=frozenset({Pole.CREATION}))
    stops = (saturday, needs_creation, *scenario.stops[2:])
    findings = check_inputs(data_for(base, stops=stops, counsellors=counsellors))
    assert {"stop-never-open", "stop-pole-missing"} <= codes(findings)


def test_bus_without_enough_counsellors_any_day(base: tuple[Scenario, TravelMatrix]) -> None:
    scenario, _ = base
    lonely = tuple(r for r in scenario.availability if r.counsellor == scenario.counsellors[0].id)
    findings = check_inputs(data_for(base, availability=lonely))
    assert "bus-no-crew" in codes(findings)


def test_each_unreached_reason(base: tuple[Scenario, TravelMatrix]) -> None:
    scenario, _ = base
    data = data_for(base)
    empty = Schedule(scenario=scenario.name, tours=())
    patterns = day_patterns(data, restrict=False)
    reasons = {f.subject: f for f in unreached_reasons(data, empty, patterns)}
    assert set(reasons) == set(data.high_need)  # nothing reached: every one explained
    assert {f.code for f in reasons.values()} <= {"no-stop", "outweighed"}
    assert "outweighed" in {f.code for f in reasons.values()}
    # a commune that no Stop reaches
    reachable = {c for codes_ in data.catchments.values() for c in codes_}
    lonely = [c for c in data.high_need if c not in reachable]
    for code in lonely:
        assert reasons[code].code == "no-stop"
    # Stops that fit in no bus day
    tight = replace(scenario.buses[0], max_drive_minutes=1)
    tight_data = data_for(base, buses=(tight,))
    tight_patterns = day_patterns(tight_data, restrict=False)
    tight_reasons = unreached_reasons(tight_data, empty, tight_patterns)
    assert "stops-unusable" in codes(tight_reasons)
    # Stops open only on days without a crew
    nobody = data_for(base, availability=())
    crewless = unreached_reasons(nobody, empty, day_patterns(nobody, restrict=False))
    assert "no-crew" in codes(crewless)


def test_mandatory_popups_competing_for_the_same_counsellors(
    base: tuple[Scenario, TravelMatrix],
) -> None:
    scenario, _ = base
    popup = next(p for p in scenario.popups if p.mandatory)
    halves_free = [
        c for c in scenario.counsellors if Pole.EMPLOI in c.poles
    ]  # every counsellor with the pôle, whatever their availability
    twins = tuple(
        replace(popup, id=f"{popup.id}-{k}", name=f"Forum {k}", needs=((Pole.EMPLOI, 1),))
        for k in range(len(halves_free) + 1)
    )
    data = data_for(base, popups=twins)
    with pytest.raises(ImpossiblePlanError) as info:
        plan_data(data, time_limit_s=1)
    assert "popups-together" in {e.code for e in info.value.explanations}
