"""Schedules, their changes and the validator load no solver and no road-network library."""

from __future__ import annotations

import pytest

import itinerant.schedule
from tests.paths import heavy_modules_after

HEAVY = ("ortools", "osmnx", "networkx", "sklearn")


def _heavy_loaded_by(imports: str) -> list[str]:
    return heavy_modules_after(imports, HEAVY)


@pytest.mark.parametrize(
    "imports",
    [
        "import itinerant.schedule",
        "import itinerant.schedule.schedule",
        "from itinerant.schedule import Schedule, Tour, Visit",
        "from itinerant.schedule.changes import Change, diff_schedules, parse_disruption",
        "from itinerant.schedule import Report, validate",
    ],
)
def test_importing_loads_no_heavy_library(imports: str) -> None:
    assert _heavy_loaded_by(imports) == []


def test_the_planner_still_loads_ortools() -> None:
    # the probe is not vacuous: the solver side of the package does load OR-Tools
    assert "ortools" in _heavy_loaded_by("import itinerant.schedule.cpsat")


def test_unknown_names_are_attribute_errors() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = itinerant.schedule.nothing
