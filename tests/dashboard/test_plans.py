"""Plan runs in the store, their KPIs and views, variants (itinerant.dashboard.plans)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from itinerant.dashboard.maps import tour_paths
from itinerant.dashboard.plans import (
    compare_kpis,
    kpi_rows,
    latest_plan,
    result_kpis,
    variant_with_extra_bus,
    variant_workspace,
)
from itinerant.dashboard.timeline import bus_days, locked_days, mark_locked, timeline_rows
from itinerant.errors import InputError


def test_plan_record_round_trip_and_views(store, planned):
    ws, result = planned
    record = latest_plan(store, ws.version.id)
    assert record is not None
    assert record.schedule.tours == result.schedule.tours
    assert latest_plan(store, None) is None
    rows = {r.key: r for r in kpi_rows(record.kpis)}
    assert rows["need_reached"].plan == pytest.approx(result.report.kpis.need_reached, abs=0.1)
    assert rows["need_reached_share"].share
    assert not rows["km_driven"].higher_is_better
    # the day map, the timeline, the lockable days
    day = result.schedule.tours[0].date
    (path,) = tour_paths(ws, result.schedule, day)
    assert path["path"][0] == path["path"][-1]  # depot to depot
    # along the road network: every Stop is on the path, with the network's nodes in between
    stops_on_path = [[c["lon"], c["lat"]] for c in path["stops"]]
    assert all(point in path["path"] for point in stops_on_path)
    assert len(path["path"]) > len(stops_on_path) + 2
    assert path["stops"][0]["name"].startswith("1. Place de la mairie")
    timeline = timeline_rows(result.schedule, ws.scenario)
    groups = {r["group"] for r in timeline}
    assert groups == {"Minibus", "Conseiller"}
    assert {r["lane"] for r in timeline if r["group"] == "Conseiller"} <= {
        "Camille Exemple",
        "Hélène Exemple",
    }
    assert timeline[0]["week"] == "2027-S01"
    options = bus_days(result.schedule, ws.scenario)
    key = options[0][:2]
    assert locked_days(result.schedule, [key]) == {
        key: tuple(v.stop for v in result.schedule.tours[0].visits)
    }
    with pytest.raises(InputError, match="no tour"):
        locked_days(result.schedule, [("bus-1", dt.date(2027, 1, 9))])
    marked = mark_locked(result.schedule, [key])
    assert all(v.locked for v in marked.tours[0].visits)
    assert not any(v.locked for t in marked.tours[1:] for v in t.visits)


def test_variant_with_one_more_bus_and_comparison(planned):
    ws, result = planned
    variant = variant_with_extra_bus(ws.scenario)
    assert [b.id for b in variant.buses] == ["bus-1", "bus-1-2"]
    assert variant.name == "Tiny (+1 minibus)"
    vws = variant_workspace(ws, copies=2)
    assert len(vws.scenario.buses) == 3
    assert vws.version is None
    assert vws.matrix is ws.matrix
    kpis = result_kpis(result, approximate=True)
    rows = compare_kpis(kpis, kpis)
    assert all(r.plan == r.baseline for r in rows)
    with pytest.raises(InputError, match="buses"):
        variant_with_extra_bus(dataclasses.replace(ws.scenario, buses=()))
