"""Fixtures of the CP-SAT constraint tests: the tiny scenario, two Stops, three counsellors."""

from __future__ import annotations

from dataclasses import replace

import pytest

from itinerant.model import Horizon, Pole, Scenario
from tests.schedule.cpsat.world import MONDAY, counsellor, with_stops


@pytest.fixture
def scenario(tiny_scenario: Scenario) -> Scenario:
    """Two weeks in two rotation periods of one week; Stops s1 and s2; no PopUp.

    Counsellors: ``c1`` (emploi, formation), ``c2`` (orientation), ``c3`` (formation).
    """
    return replace(
        with_stops(tiny_scenario, "s1", "s2"),
        horizon=Horizon(start=MONDAY, weeks=2, rotation_weeks=1),
        counsellors=(
            counsellor("c1", Pole.EMPLOI, Pole.FORMATION),
            counsellor("c2", Pole.ORIENTATION),
            counsellor("c3", Pole.FORMATION),
        ),
        availability=(),
        popups=(),
        blocked_days=(),
    )
