"""Fixtures of the dashboard core's tests: a store, and the tiny scenario planned in it."""

from __future__ import annotations

import pytest

from itinerant.dashboard.plans import record_plan
from itinerant.dashboard.workspace import build_workspace
from itinerant.store import Store, sqlite_url
from tests.app.test_common import plannable


@pytest.fixture
def store(tmp_path):
    with Store.open(sqlite_url(tmp_path / "store.db")) as opened:
        yield opened


@pytest.fixture
def planned(store, tiny_scenario):
    """A store holding the plannable tiny scenario and one plan run."""
    from itinerant.schedule.planner import plan_data

    scenario = plannable(tiny_scenario)
    version = store.save_scenario(scenario, author="t")
    ws = build_workspace(scenario, version)
    result = plan_data(ws.planning_data(), time_limit_s=2, seed=0)
    record_plan(store, ws, result, author="t", settings={"seed": 0})
    return ws, result
