"""Re-planning after a disruption keeps every visit that does not need changing."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest

from itinerant.access import diagnose
from itinerant.cli import main
from itinerant.errors import InputError
from itinerant.io import default_scenario_dir, load_scenario
from itinerant.pipeline import build_network, matrix_between, scenario_places
from itinerant.schedule.data import PlanningData, prepare
from itinerant.schedule.export import write_plan
from itinerant.schedule.planner import PlanResult, plan_data
from itinerant.schedule.replan import (
    Disruption,
    apply_disruptions,
    diff_schedules,
    parse_disruption,
    replan,
)
from itinerant.schedule.validate import validate


@pytest.fixture(scope="module")
def creuse(tmp_path_factory: pytest.TempPathFactory) -> PlanningData:
    cache = tmp_path_factory.mktemp("cache")
    scenario = load_scenario(default_scenario_dir())
    matrix = matrix_between(build_network(scenario), scenario_places(scenario), cache_dir=cache)
    return prepare(scenario, matrix, diagnose(scenario, matrix))


@pytest.fixture(scope="module")
def published(creuse: PlanningData) -> PlanResult:
    return plan_data(creuse, time_limit_s=20, seed=3)


def test_parse_disruptions() -> None:
    assert parse_disruption("absence:cns-ft-1:2027-01-12") == Disruption(
        "absence", "cns-ft-1", dt.date(2027, 1, 12)
    )
    assert parse_disruption("bus:bus-1:2027-01-13").kind == "bus"
    with pytest.raises(InputError, match="not absence"):
        parse_disruption("sick:someone")
    with pytest.raises(InputError, match="not a date"):
        parse_disruption("bus:bus-1:13/01/2027")


def test_unknown_subject_is_refused(creuse: PlanningData) -> None:
    with pytest.raises(InputError, match="unknown counsellor"):
        apply_disruptions(creuse.scenario, [Disruption("absence", "nobody", dt.date(2027, 1, 5))])


@pytest.mark.slow
def test_absence_keeps_every_visit_that_does_not_need_changing(
    creuse: PlanningData, published: PlanResult
) -> None:
    plan = published.schedule
    # the busiest counsellor on the first date they work after the first week
    tour, visit = next((t, v) for t, v in plan.visits() if t.date >= dt.date(2027, 1, 11))
    absent = visit.crew[0]
    day = tour.date
    result, changes = replan(
        creuse, plan, [Disruption("absence", absent, day)], time_limit_s=20, seed=3
    )
    scenario = apply_disruptions(creuse.scenario, [Disruption("absence", absent, day)])
    disrupted = replace(
        creuse,
        scenario=scenario,
        availability={k: s for k, s in creuse.availability.items() if k != (absent, day)},
    )
    assert validate(result.schedule, disrupted).ok
    new = {(t.bus, t.date, v.stop): v for t, v in result.schedule.visits()}
    for t, v in plan.visits():
        if t.date != day:
            # untouched days: every visit kept, same times, same crew
            assert new.get((t.bus, t.date, v.stop)) == v, (t.date, v.stop)
    # the absent counsellor works nowhere that day
    assert all(absent not in v.crew for t, v in result.schedule.visits() if t.date == day)
    # every visit cancelled, moved or re-crewed is of that day (new visits may be added on
    # free days to make up for what was lost)
    assert changes
    assert {c.date for c in changes if c.kind != "added"} == {day}


@pytest.mark.slow
def test_bus_breakdown_moves_or_cancels_only_that_day(
    creuse: PlanningData, published: PlanResult
) -> None:
    plan = published.schedule
    day = plan.tours[len(plan.tours) // 2].date
    result, changes = replan(
        creuse, plan, [Disruption("bus", "bus-1", day)], time_limit_s=20, seed=3
    )
    assert not [t for t in result.schedule.tours if t.date == day]
    cancelled_or_moved = {c.stop for c in changes if c.kind in ("cancelled", "moved")}
    assert cancelled_or_moved == {v.stop for t, v in plan.visits() if t.date == day} or (
        cancelled_or_moved >= {v.stop for t, v in plan.visits() if t.date == day}
    )
    earlier = [t for t in plan.tours if t.date < day]
    assert all(t in result.schedule.tours for t in earlier)  # the past is never re-planned


def test_diff_names_cancelled_added_moved_and_crew_changes(published: PlanResult) -> None:
    plan = published.schedule
    first, second = plan.tours[0], plan.tours[1]
    other_crew = replace(first.visits[0], crew=tuple(reversed(first.visits[0].crew))[:1])
    edited = replace(
        plan,
        tours=(
            replace(first, visits=(other_crew, *first.visits[1:])),
            replace(second, date=second.date + dt.timedelta(days=7)),
            *plan.tours[2:],
        ),
    )
    kinds = {c.kind for c in diff_schedules(plan, edited)}
    assert {"crew", "moved"} <= kinds
    dropped = replace(plan, tours=plan.tours[1:])
    assert {c.kind for c in diff_schedules(plan, dropped)} == {"cancelled"}
    assert {c.kind for c in diff_schedules(dropped, plan)} == {"added"}


@pytest.mark.slow
def test_replan_command_writes_changes(
    published: PlanResult, creuse: PlanningData, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan_dir = tmp_path / "plan"
    report = validate(published.schedule, creuse)
    write_plan(published.schedule, report, report, creuse.scenario, plan_dir)
    tour, visit = next(
        (t, v) for t, v in published.schedule.visits() if t.date >= dt.date(2027, 1, 11)
    )
    args = [
        "replan",
        "--schedule",
        str(plan_dir / "schedule.json"),
        "--disruption",
        f"absence:{visit.crew[0]}:{tour.date.isoformat()}",
        "--time-limit",
        "6",
        "--out",
        str(tmp_path / "again"),
        "--cache-dir",
        str(tmp_path / "c"),
    ]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Replanification" in out
    changes = json.loads((tmp_path / "again" / "changes.json").read_text(encoding="utf-8"))
    assert changes
    assert {c["date"] for c in changes if c["kind"] != "added"} == {tour.date.isoformat()}


def test_replan_command_refuses_a_bad_disruption(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["replan", "--schedule", "x.json", "--disruption", "oops", "--out", str(tmp_path)]
    assert main(args) == 2
    assert "oops" in capsys.readouterr().err


def test_a_locked_day_enumeration_did_not_make_is_timed_and_kept(
    creuse: PlanningData, published: PlanResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a short limit cuts enumeration before the longer days: a locked day of several Stops
    # is then timed on its own instead of refused as "no longer fits"
    from itinerant.schedule import planner

    enumerate_all = planner.day_patterns

    def single_stops(data: PlanningData, **kwargs: object) -> dict:  # type: ignore[type-arg]
        every = enumerate_all(data, **kwargs)  # type: ignore[arg-type]
        return {key: [p for p in days if len(p.stops) == 1] for key, days in every.items()}

    monkeypatch.setattr(planner, "day_patterns", single_stops)
    monkeypatch.setattr(planner, "long_days_by_weekday", lambda *_a, **_k: {})
    tour = next(t for t in published.schedule.tours if len(t.visits) >= 2)
    stops = tuple(v.stop for v in tour.visits)
    result = plan_data(
        creuse,
        time_limit_s=10,
        keep=published.schedule,
        locked={(tour.bus, tour.date): stops},
    )
    assert validate(result.schedule, creuse).ok
    kept = {(t.bus, t.date): tuple(v.stop for v in t.visits) for t in result.schedule.tours}
    assert kept[(tour.bus, tour.date)] == stops
