"""Shared fixtures: a tiny, hand-made scenario (no network, no registry data needed)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
from shapely.geometry import box

from itinerant.io import write_scenario
from itinerant.model import (
    AvailabilityRule,
    BlockedDay,
    Bus,
    Commune,
    Counsellor,
    Depot,
    Horizon,
    IndicatorRule,
    Location,
    NeedSettings,
    Pole,
    PopUp,
    Precision,
    Scenario,
    ServiceKind,
    ServicePoint,
    Slot,
    Stop,
    StopKind,
    Territory,
)
from itinerant.routing import TravelMatrix
from itinerant.schedule import Schedule
from itinerant.schedule.data import PlanningData


def _commune(i: int, name: str, population: int) -> Commune:
    # Four 0.1° x 0.1° square communes in a row, near Guéret (lon 1.8..2.2, lat 46.1..46.2).
    lon0 = 1.8 + 0.1 * i
    return Commune(
        code=f"990{i:02d}",
        name=name,
        population=population,
        point=Location(lon0 + 0.05, 46.15),
        boundary=box(lon0, 46.1, lon0 + 0.1, 46.2),
        epci="200000001",
        epci_name="CC Test",
        canton="9901",
        canton_name="Canton test",
        postcodes=(f"990{i:02d}",),
        indicators=(("median_income", 18000.0 + 1000 * i),),
    )


@pytest.fixture
def tiny_scenario() -> Scenario:
    communes = (
        _commune(0, "Alpha", 5000),
        _commune(1, "Bêta-sur-Creuse", 300),
        _commune(2, "Gamma", 120),
        _commune(3, "Delta", 800),
    )
    territory = Territory(
        name="Test",
        departement="99",
        communes=communes,
        service_points=(
            ServicePoint(
                id="ft-alpha",
                name="France Travail Alpha",
                kind=ServiceKind.FRANCE_TRAVAIL,
                commune="99000",
                location=Location(1.85, 46.15),
                address="1 rue de la Gare, 99000 Alpha",
                precision=Precision.ADDRESS,
                source="test",
            ),
        ),
    )
    return Scenario(
        name="Tiny",
        description="Hand-made test scenario",
        sample=True,
        territory=territory,
        horizon=Horizon(start=dt.date(2027, 1, 4), weeks=2),
        need=NeedSettings(indicators=(IndicatorRule("median_income", "lower", 1.0),)),
        depots=(Depot("depot", "Dépôt", "99000", Location(1.86, 46.16), source="sample"),),
        buses=(
            Bus(
                id="bus-1",
                name="Minibus",
                depot="depot",
                seats=3,
                min_crew=2,
                day_start=dt.time(8, 30),
                day_end=dt.time(17, 30),
                lunch_start=dt.time(12),
                lunch_end=dt.time(14),
                lunch_minutes=60,
                max_drive_minutes=180,
                source="sample",
            ),
        ),
        counsellors=(
            Counsellor(
                id="c1",
                name="Camille Exemple",
                institution="France Travail",
                poles=frozenset({Pole.EMPLOI, Pole.FORMATION}),
                max_days_per_week=2,
                email="camille@example.org",
                source="sample",
            ),
            Counsellor(
                id="c2",
                name="Hélène Exemple",
                institution="CIO",
                poles=frozenset({Pole.ORIENTATION}),
                source="sample",
            ),
        ),
        availability=(
            AvailabilityRule("c1", 1, Slot.DAY, source="sample"),
            AvailabilityRule("c2", 3, Slot.AM, source="sample"),
            AvailabilityRule("c1", dt.date(2027, 1, 12), Slot.DAY, available=False),
        ),
        stops=(
            Stop(
                id="s-gamma",
                name="Place de la mairie",
                kind=StopKind.MAIRIE,
                commune="99002",
                location=Location(2.05, 46.15),
                weekdays=frozenset({1, 3}),
                opens=dt.time(9),
                closes=dt.time(17),
                session_minutes=150,
                required_poles=frozenset({Pole.EMPLOI}),
                source="sample",
            ),
        ),
        popups=(
            PopUp(
                id="p1",
                name="Forum emploi",
                commune="99003",
                location=Location(2.15, 46.15),
                date=dt.date(2027, 1, 14),
                start=dt.time(9),
                end=dt.time(17),
                needs=((Pole.EMPLOI, 1), (Pole.FORMATION, 1)),
                mandatory=True,
                priority=2,
                source="sample",
            ),
        ),
        blocked_days=(BlockedDay("bus-1", dt.date(2027, 1, 8), "entretien", source="sample"),),
    )


@pytest.fixture
def tiny_dir(tiny_scenario: Scenario, tmp_path: Path) -> Path:
    return write_scenario(tiny_scenario, tmp_path / "tiny")


@dataclass(frozen=True)
class DefaultPlan:
    """The default territory with a valid Schedule (the round-robin baseline: fast, no solver)."""

    scenario: Scenario
    matrix: TravelMatrix
    data: PlanningData
    schedule: Schedule


@pytest.fixture(scope="session")
def default_plan() -> DefaultPlan:
    """The embedded default territory and its round-robin Schedule, shared by a test session."""
    from itinerant.access import diagnose
    from itinerant.io import default_scenario_dir, load_scenario
    from itinerant.pipeline import build_network, matrix_between, scenario_places
    from itinerant.schedule.baseline import round_robin
    from itinerant.schedule.data import prepare
    from itinerant.schedule.validate import validate

    scenario = load_scenario(default_scenario_dir())
    network = build_network(scenario)
    matrix = matrix_between(network, scenario_places(scenario))
    data = prepare(scenario, matrix, diagnose(scenario, matrix))
    schedule = round_robin(data)
    assert validate(schedule, data).ok
    return DefaultPlan(scenario, matrix, data, schedule)
