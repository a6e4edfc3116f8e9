"""Long days: with 20-minute sessions a bus visits many Stops a day (routing core columns)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from itinerant.access import diagnose
from itinerant.io import default_scenario_dir, load_scenario
from itinerant.pipeline import build_network, matrix_between, scenario_places
from itinerant.schedule.data import PlanningData, prepare
from itinerant.schedule.long_days import (
    add_long_days,
    long_day_patterns,
    long_days_by_weekday,
    needs_long_days,
)
from itinerant.schedule.patterns import MAX_ENUMERATED_STOPS
from itinerant.schedule.planner import day_patterns, plan_data
from itinerant.schedule.validate import validate


@pytest.fixture(scope="module")
def short_sessions(tmp_path_factory: pytest.TempPathFactory) -> PlanningData:
    """The default territory, two weeks, every Stop a 20-minute session reaching 10 minutes
    around it (a stop in a village square), no PopUp."""
    cache = tmp_path_factory.mktemp("cache")
    scenario = load_scenario(default_scenario_dir())
    stops = tuple(replace(s, session_minutes=20, catchment_minutes=10) for s in scenario.stops)
    scenario = replace(scenario, stops=stops, horizon=replace(scenario.horizon, weeks=2), popups=())
    matrix = matrix_between(build_network(scenario), scenario_places(scenario), cache_dir=cache)
    return prepare(scenario, matrix, diagnose(scenario, matrix))


def test_long_days_are_built_only_for_short_sessions(short_sessions: PlanningData) -> None:
    stops = [s.id for s in short_sessions.scenario.stops]
    assert needs_long_days(short_sessions, "bus-1", stops)
    usual = replace(
        short_sessions.scenario,
        stops=tuple(replace(s, session_minutes=150) for s in short_sessions.scenario.stops),
    )
    assert not needs_long_days(replace(short_sessions, scenario=usual), "bus-1", stops)


def test_long_day_patterns_fit_the_day(short_sessions: PlanningData) -> None:
    stops = [s.id for s in short_sessions.scenario.stops if 1 in s.weekdays]
    days = long_day_patterns(short_sessions, "bus-1", stops)
    assert days
    assert max(len(p.stops) for p in days) > MAX_ENUMERATED_STOPS
    bus = short_sessions.buses["bus-1"]
    for p in days:
        assert len(set(p.stops)) == len(p.stops)
        assert p.timed.drive_s <= bus.max_drive_minutes * 60
        assert len(p.halves) == len(p.stops)


def test_plan_with_20_minute_sessions_has_days_of_seven_visits(
    short_sessions: PlanningData,
) -> None:
    result = plan_data(short_sessions, time_limit_s=40, seed=0)
    report = validate(result.schedule, short_sessions)
    assert report.ok, report.violations
    longest = max(len(t.visits) for t in result.schedule.tours)
    assert longest >= 7, f"longest day has {longest} visits"


def test_long_days_join_the_patterns_of_their_weekday(short_sessions: PlanningData) -> None:
    long_days = long_days_by_weekday(short_sessions)
    every = add_long_days(day_patterns(short_sessions, restrict=False), long_days)
    for (bus, day), options in every.items():
        stops = [p.stops for p in options]
        assert len(set(stops)) == len(stops)  # a long day already enumerated is not repeated
        for p in long_days[(bus, day.weekday())]:
            assert p.stops in stops
