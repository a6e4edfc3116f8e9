"""The dashboard's working set, computed without Streamlit (itinerant.dashboard.workspace)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from itinerant.dashboard.workspace import (
    access_rows,
    build_workspace,
    bus_days,
    change_rows,
    commune_features,
    compare_kpis,
    current_version,
    kpi_rows,
    latest_plan,
    locked_days,
    mark_locked,
    open_workspace,
    place_points,
    public_answer,
    public_feed,
    record_plan,
    result_kpis,
    seed_store,
    settings_document,
    settings_fields,
    settings_from_values,
    timeline_rows,
    tour_paths,
    variant_with_extra_bus,
    variant_workspace,
    weeks_of,
)
from itinerant.errors import InputError
from itinerant.model import FieldError
from itinerant.schedule import PlanSettings
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


def test_an_empty_store_is_seeded_once_with_the_default_territory(store):
    assert current_version(store) is None
    first = seed_store(store)
    assert (first.version, first.author) == (1, "demo")
    assert seed_store(store) == first
    ws = open_workspace(store)
    assert ws.version == first
    assert len(ws.scenario.territory.communes) == 255
    assert ws.matrix.approximate


def test_workspace_of_a_version(store, tiny_scenario):
    version = store.save_scenario(tiny_scenario, author="t")
    ws = open_workspace(store, version.id)
    assert ws.scenario == tiny_scenario
    assert {c.code for c in ws.diagnostic.communes} == {"99000", "99001", "99002", "99003"}
    rows = access_rows(ws)
    assert rows[0]["need"] >= rows[-1]["need"]
    assert set(rows[0]) == {
        "code",
        "name",
        "epci",
        "population",
        "minutes",
        "nearest",
        "need_index",
        "need",
    }


def test_settings_fields_carry_their_explanations():
    fields = {f.name: f for f in settings_fields()}
    assert set(fields) == {f.name for f in dataclasses.fields(PlanSettings)}
    assert fields["repeat_decay"].kind == "float"
    assert fields["max_counted_visits"].kind == "int"
    assert fields["midday"].kind == "time"
    assert "first visit counts fully" in fields["repeat_decay"].doc
    assert fields["co2_kg_per_km"].doc.startswith("Emission factor")
    assert all(f.doc for f in fields.values())


def test_settings_from_values():
    settings = settings_from_values({"km_weight": 1.0, "midday": dt.time(12, 30)})
    assert settings.km_weight == 1.0
    with pytest.raises(FieldError) as info:
        settings_from_values({"repeat_decay": 2.0})
    assert info.value.field == "repeat_decay"
    with pytest.raises(FieldError):
        settings_from_values({"nonsense": 1})
    doc = settings_document(settings, time_limit_s=5, seed=2)
    assert doc["midday"] == "12:30"
    assert (doc["time_limit_s"], doc["seed"]) == (5, 2)


def test_map_layers(tiny_scenario):
    ws = build_workspace(tiny_scenario)
    features = commune_features(ws, "need")
    assert len(features["features"]) == 4
    fills = {tuple(f["properties"]["fill"]) for f in features["features"]}
    assert len(fills) > 1  # coloured by Need
    assert "Gamma" in features["features"][2]["properties"]["label"]
    by_time = commune_features(ws, "minutes")
    assert by_time["features"][0]["properties"]["minutes"] is not None
    points = place_points(ws, ["service_points", "stops", "depots", "popups"])
    assert {p["kind"] for p in points} == {"service_points", "stops", "depots", "popups"}


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


def test_change_rows(planned):
    from itinerant.schedule.replan import diff_schedules

    ws, result = planned
    before = result.schedule
    after = dataclasses.replace(before, tours=before.tours[1:])
    rows = change_rows(diff_schedules(before, after), ws.scenario)
    assert rows[0]["kind"] == "cancelled"
    assert rows[0]["stop"] == "Place de la mairie"


def test_weeks_and_public_answer(planned):
    ws, result = planned
    assert weeks_of(ws.scenario) == [(2027, 1), (2027, 2)]
    answer = public_answer(ws, result.schedule, "Gamma", from_date=dt.date(2027, 1, 4))
    assert answer.events
    assert all(e.event.commune_name for e in answer.events)
    feed = public_feed(ws, result.schedule, "99002", from_date=dt.date(2027, 1, 4))
    assert feed.startswith(b"BEGIN:VCALENDAR")
    assert b"Camille" not in feed


@pytest.mark.slow
def test_bootstrap_demo_plans_and_publishes_once(tmp_path):
    from itinerant.dashboard.workspace import bootstrap_demo

    with Store.open(sqlite_url(tmp_path / "demo.db")) as store:
        first = bootstrap_demo(store, tmp_path / "out", time_limit_s=2)
        assert first.version.version == 1
        assert first.plan_run is not None
        assert first.plan_run.schedule["tours"]
        assert first.publication is not None
        assert first.publication.publication.plan_run == first.plan_run.id
        assert (tmp_path / "out" / "public" / "index.html").is_file()
        again = bootstrap_demo(store, tmp_path / "out", time_limit_s=2)
        assert again.publication is None
        assert again.plan_run is None
        assert len(store.publications()) == 1
        assert latest_plan(store, first.version.id) is not None


def test_demo_command(tmp_path, monkeypatch):
    from itinerant.dashboard import demo
    from itinerant.dashboard.workspace import DemoResult

    calls = []

    def fake(store, out, **kwargs):
        calls.append((store.url, out, kwargs))
        return DemoResult(seed_store(store), None, None)

    monkeypatch.setattr("itinerant.dashboard.workspace.bootstrap_demo", fake)
    assert (
        demo.main(
            ["--db", str(tmp_path / "d.db"), "--out", str(tmp_path / "o"), "--time-limit", "3"]
        )
        == 0
    )
    (url, out, kwargs) = calls[0]
    assert url.endswith("d.db")
    assert out == tmp_path / "o"
    assert kwargs["time_limit_s"] == 3.0
