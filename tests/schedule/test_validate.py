"""The solver-independent validator, the tour timing and the round-robin baseline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from itinerant.access import diagnose
from itinerant.io import default_scenario_dir, load_scenario
from itinerant.model import Pole, Slot
from itinerant.pipeline import build_network, matrix_between, scenario_places
from itinerant.schedule.baseline import round_robin, stop_cycle
from itinerant.schedule.data import PlanningData, prepare, slots_of
from itinerant.schedule.schedule import PlanSettings, PopUpStaffing, Schedule, Tour, Visit
from itinerant.schedule.timing import time_tour
from itinerant.schedule.validate import validate


@pytest.fixture(scope="module")
def creuse(tmp_path_factory: pytest.TempPathFactory) -> PlanningData:
    cache = tmp_path_factory.mktemp("cache")
    scenario = load_scenario(default_scenario_dir())
    network = build_network(scenario, cache_dir=cache)
    matrix = matrix_between(network, scenario_places(scenario), cache_dir=cache)
    return prepare(scenario, matrix, diagnose(scenario, matrix))


@pytest.fixture(scope="module")
def baseline(creuse: PlanningData) -> Schedule:
    return round_robin(creuse)


def test_availability_resolves_weekly_rules_and_one_off_absences(creuse: PlanningData) -> None:
    rules = creuse.scenario.availability
    absence = next(r for r in rules if isinstance(r.day, dt.date) and not r.available)
    assert not (
        {Slot.AM, Slot.PM} if absence.slot is Slot.DAY else {absence.slot}
    ) <= creuse.available(absence.counsellor, absence.day)
    weekly = next(r for r in rules if isinstance(r.day, int) and r.available)
    day = next(d for d in creuse.days if d.weekday() == weekly.day)
    overridden = any(
        isinstance(r.day, dt.date) and r.day == day and r.counsellor == weekly.counsellor
        for r in rules
    )
    if not overridden:
        assert creuse.available(weekly.counsellor, day)


def test_bus_days_skip_blocked_days_and_holidays(creuse: PlanningData) -> None:
    blocked = {(b.bus, b.date) for b in creuse.scenario.blocked_days}
    bus_days = set(creuse.bus_days())
    assert blocked
    assert not blocked & bus_days
    assert all(day.weekday() < 5 for _, day in bus_days)


def test_half_days_of_an_interval() -> None:
    noon = dt.time(13)
    assert slots_of(dt.time(9), dt.time(11, 30), noon) == {Slot.AM}
    assert slots_of(dt.time(13, 30), dt.time(16), noon) == {Slot.PM}
    assert slots_of(dt.time(9, 30), dt.time(16, 30), noon) == {Slot.AM, Slot.PM}


def test_timing_respects_opening_lunch_and_day(creuse: PlanningData) -> None:
    stops = stop_cycle(creuse)[:2]
    timed = time_tour(creuse, "bus-1", stops)
    assert timed is not None
    assert all(s % 900 == 0 for s in timed.starts)  # quarter-hour starts
    assert timed.lunch is not None
    lunch0, lunch1 = timed.lunch
    assert lunch0 >= 12 * 3600
    assert lunch1 <= 14 * 3600
    assert lunch1 - lunch0 == 3600
    assert timed.ends[0] <= lunch0 < lunch1 <= timed.starts[1]
    # four half-day sessions cannot fit in one day
    assert time_tour(creuse, "bus-1", stop_cycle(creuse)[:4]) is None


def test_baseline_is_valid_and_reaches_need(creuse: PlanningData, baseline: Schedule) -> None:
    report = validate(baseline, creuse)
    assert report.ok, report.violations
    assert report.kpis.tours == len(baseline.tours) > 0
    assert 0 < report.kpis.need_reached <= report.kpis.need_total
    assert report.kpis.km_driven > 0
    assert report.kpis.co2_kg == pytest.approx(report.kpis.km_driven * 0.25)
    mandatory = {p.id for p in creuse.scenario.popups if p.mandatory and p.date in creuse.days}
    assert mandatory <= {p.popup for p in baseline.popups}


def _first(schedule: Schedule) -> tuple[Tour, Visit]:
    tour = schedule.tours[0]
    return tour, tour.visits[0]


def _with_tour(schedule: Schedule, index: int, tour: Tour) -> Schedule:
    tours = list(schedule.tours)
    tours[index] = tour
    return replace(schedule, tours=tuple(tours))


def _with_visit(schedule: Schedule, visit: Visit) -> Schedule:
    tour = schedule.tours[0]
    return _with_tour(schedule, 0, replace(tour, visits=(visit, *tour.visits[1:])))


Mutated = tuple[Schedule, PlanningData]


def with_scenario(d: PlanningData, **changes: object) -> PlanningData:
    return replace(d, scenario=replace(d.scenario, **changes))


def swap(items: tuple, old_id: str, new: object) -> tuple:  # type: ignore[type-arg]
    return tuple(new if getattr(x, "id", None) == old_id else x for x in items)


def early_arrival(s: Schedule, d: PlanningData) -> Schedule:
    tour, visit = _first(s)
    late = (dt.datetime.combine(tour.date, visit.arrival) + dt.timedelta(minutes=5)).time()
    return _with_tour(s, 0, replace(tour, departure=late))  # leaves after it should arrive


def wrong_weekday(s: Schedule, d: PlanningData) -> Schedule:
    tour, visit = _first(s)
    closed = next(x for x in d.scenario.stops if tour.date.weekday() not in x.weekdays)
    return _with_visit(s, replace(visit, stop=closed.id))


def short_session(s: Schedule, d: PlanningData) -> Schedule:
    _, visit = _first(s)
    return _with_visit(s, replace(visit, end=dt.time(visit.end.hour - 1, visit.end.minute)))


def no_lunch(s: Schedule, d: PlanningData) -> Schedule:
    return _with_tour(s, 0, replace(s.tours[0], lunch=None))


def late_return(s: Schedule, d: PlanningData) -> Schedule:
    return _with_tour(s, 0, replace(s.tours[0], return_time=dt.time(19)))


def too_much_driving(s: Schedule, d: PlanningData) -> Mutated:
    small = replace(d.buses["bus-1"], max_drive_minutes=10)
    return s, with_scenario(d, buses=swap(d.scenario.buses, "bus-1", small))


def small_crew(s: Schedule, d: PlanningData) -> Schedule:
    _, visit = _first(s)
    return _with_visit(s, replace(visit, crew=visit.crew[:1]))


def unavailable_counsellor(s: Schedule, d: PlanningData) -> Schedule:
    tour, visit = _first(s)
    absent = next(
        c for c in sorted(d.counsellors) if not d.available(c, tour.date) and c not in visit.crew
    )
    return _with_visit(s, replace(visit, crew=(*visit.crew[:-1], absent)))


def missing_pole(s: Schedule, d: PlanningData) -> Mutated:
    _, visit = _first(s)
    stop = d.stops[visit.stop]
    crew_poles = set().union(*(d.counsellors[c].poles for c in visit.crew))
    lacking = next(p for p in Pole if p not in crew_poles)
    strict = replace(stop, required_poles=frozenset({lacking}))
    return s, with_scenario(d, stops=swap(d.scenario.stops, stop.id, strict))


def double_booking(s: Schedule, d: PlanningData) -> Mutated:
    tour = s.tours[0]
    other = replace(d.scenario.buses[0], id="bus-2", name="Second")
    data = with_scenario(d, buses=(*d.scenario.buses, other))
    return replace(s, tours=(*s.tours, replace(tour, bus="bus-2"))), data


def same_stop_twice_a_day(s: Schedule, d: PlanningData) -> Mutated:
    tour = s.tours[0]
    other = replace(d.scenario.buses[0], id="bus-2", name="Second")
    data = with_scenario(d, buses=(*d.scenario.buses, other))
    crew = tuple(c for c in sorted(d.counsellors) if c not in tour.crew)[:0]
    twin = replace(tour, bus="bus-2", visits=tuple(replace(v, crew=crew) for v in tour.visits))
    return replace(s, tours=(*s.tours, twin)), data


def weekly_limit(s: Schedule, d: PlanningData) -> Mutated:
    cid = s.tours[0].visits[0].crew[0]
    limited = replace(d.counsellors[cid], max_days_per_week=1)
    data = with_scenario(d, counsellors=swap(d.scenario.counsellors, cid, limited))
    week = s.tours[0].date.isocalendar()[1]
    same_week = [i for i, t in enumerate(s.tours) if t.date.isocalendar()[1] == week]
    tours = list(s.tours)
    for i in same_week[1:2]:
        t = tours[i]
        visits = tuple(
            replace(v, crew=(cid, *(c for c in v.crew if c != cid))[: d.buses[t.bus].seats])
            for v in t.visits
        )
        tours[i] = replace(t, visits=visits)
    return replace(s, tours=tuple(tours)), data


def understaffed_popup(s: Schedule, d: PlanningData) -> Schedule:
    first = s.popups[0]
    return replace(s, popups=(PopUpStaffing(first.popup, first.assignments[:1]), *s.popups[1:]))


def mandatory_popup_missing(s: Schedule, d: PlanningData) -> Schedule:
    mandatory = {p.id for p in d.scenario.popups if p.mandatory}
    return replace(s, popups=tuple(p for p in s.popups if p.popup not in mandatory))


def blocked_day(s: Schedule, d: PlanningData) -> Schedule:
    blocked = d.scenario.blocked_days[0]
    return _with_tour(s, 0, replace(s.tours[0], date=blocked.date))


Mutation = Callable[[Schedule, PlanningData], "Schedule | Mutated"]
MUTATIONS: list[tuple[Mutation, str]] = [
    (early_arrival, "timing"),
    (wrong_weekday, "timing"),
    (short_session, "timing"),
    (late_return, "timing"),
    (no_lunch, "lunch"),
    (too_much_driving, "driving"),
    (small_crew, "crew"),
    (unavailable_counsellor, "crew"),
    (missing_pole, "crew"),
    (double_booking, "double-booking"),
    (same_stop_twice_a_day, "stop-day"),
    (weekly_limit, "weekly-limit"),
    (understaffed_popup, "popup"),
    (mandatory_popup_missing, "popup"),
    (blocked_day, "bus-day"),
]


@pytest.mark.parametrize(("mutation", "rule"), MUTATIONS, ids=[m.__name__ for m, _ in MUTATIONS])
def test_validator_catches_each_broken_rule(
    creuse: PlanningData, baseline: Schedule, mutation: Mutation, rule: str
) -> None:
    result = mutation(baseline, creuse)
    broken, data = result if isinstance(result, tuple) else (result, creuse)
    report = validate(broken, data)
    assert rule in {v.rule for v in report.violations}, report.violations


def test_objective_terms_follow_their_definitions(creuse: PlanningData, baseline: Schedule) -> None:
    settings = creuse.settings
    report = validate(baseline, creuse)
    counts = report.reached_counts
    expected = sum(
        creuse.need[c] * sum(settings.repeat_decay**i for i in range(min(n, 4)))
        for c, n in counts.items()
    )
    assert report.objective.coverage == pytest.approx(expected)
    assert report.objective.driving_cost == pytest.approx(
        settings.km_weight * report.kpis.km_driven
    )
    assert report.objective.total == pytest.approx(
        report.objective.coverage
        - report.objective.frequency_penalty
        + report.objective.regularity_bonus
        - report.objective.equity_penalty
        - report.objective.driving_cost
        + report.objective.popup_value
    )
    # a stop visited again on the same weekday and half-day one rotation later is rewarded
    tour = baseline.tours[0]
    again = replace(tour, date=tour.date + dt.timedelta(days=14))
    repeated = replace(
        baseline, tours=(*[t for t in baseline.tours if t.date != again.date], again)
    )
    assert validate(repeated, creuse).objective.regularity_bonus >= settings.regularity_weight


def test_settings_refuse_bad_weights() -> None:
    with pytest.raises(ValueError, match="repeat_decay"):
        PlanSettings(repeat_decay=1.5)
    with pytest.raises(ValueError, match="km_weight"):
        PlanSettings(km_weight=-1)


def test_empty_schedule_is_valid_without_mandatory_popups(
    creuse: PlanningData, tmp_path: Path
) -> None:
    scenario = replace(creuse.scenario, popups=())
    data = replace(creuse, scenario=scenario)
    report = validate(Schedule(scenario=scenario.name, tours=()), data)
    assert report.ok
    assert report.kpis.need_reached == 0
    assert report.objective.coverage == 0
