"""RFC 7946 winding in every GeoJSON itinerant writes: exteriors counter-clockwise, holes clockwise.

The check is independent of the writer (which uses shapely's ``orient``): the signed area of
each ring by the shoelace formula on the parsed JSON (RFC 7946 section 3.1.6). The inputs are
deliberately given clockwise, as many French open-data boundaries are.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.polygon import orient

from itinerant.access import diagnose, write_access
from itinerant.io import write_scenario
from itinerant.io.geojsonfiles import geojson_geometry
from itinerant.io.territories import write_embedded_communes
from itinerant.model import Scenario
from itinerant.publish.public import write_public
from tests.conftest import DefaultPlan


def signed_area(ring: list[list[float]]) -> float:
    """Shoelace formula: positive for a counter-clockwise ring (lon east, lat north)."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0, *_), (x1, y1, *_) in itertools.pairwise(ring)) / 2


def winding_errors(geometry: dict[str, Any], where: str) -> list[str]:
    """Every ring of a GeoJSON geometry wound against RFC 7946."""
    kind = geometry["type"]
    if kind == "GeometryCollection":
        return [e for g in geometry["geometries"] for e in winding_errors(g, where)]
    polygons = {
        "Polygon": [geometry.get("coordinates")],
        "MultiPolygon": geometry.get("coordinates"),
    }
    errors = []
    for p, rings in enumerate(polygons.get(kind) or []):
        for r, ring in enumerate(rings):
            area = signed_area(ring)
            if (r == 0 and area <= 0) or (r > 0 and area >= 0):
                role = "exterior" if r == 0 else f"hole {r}"
                errors.append(f"{where}: polygon {p} {role} is wound the wrong way")
    return errors


def file_errors(path: Path) -> tuple[int, list[str]]:
    """Polygons checked and winding errors of one GeoJSON file."""
    document = json.loads(path.read_text(encoding="utf-8"))
    features = document["features"] if document["type"] == "FeatureCollection" else [document]
    checked, errors = 0, []
    for i, feature in enumerate(features):
        geometry = feature.get("geometry")
        if geometry is None:
            continue
        checked += geometry["type"] in ("Polygon", "MultiPolygon")
        errors += winding_errors(geometry, f"{path.name} feature {i}")
    return checked, errors


def clockwise(scenario: Scenario) -> Scenario:
    """``scenario`` with every commune boundary wound clockwise (the wrong way)."""

    def flip(geometry: Any) -> Any:
        if isinstance(geometry, MultiPolygon):
            return MultiPolygon([orient(p, sign=-1.0) for p in geometry.geoms])
        return orient(geometry, sign=-1.0)

    communes = tuple(
        replace(c, boundary=flip(c.boundary)) if c.boundary is not None else c
        for c in scenario.territory.communes
    )
    return replace(scenario, territory=replace(scenario.territory, communes=communes))


@pytest.fixture(scope="module")
def backwards(default_plan: DefaultPlan) -> Scenario:
    scenario = clockwise(default_plan.scenario)
    checked, errors = 0, []
    for c in scenario.territory.communes:
        assert c.boundary is not None
        geo = json.loads(json.dumps(c.boundary.__geo_interface__))
        checked += 1
        errors += winding_errors(geo, c.code)
    assert len(errors) >= checked, "the input should be wound the wrong way"
    return scenario


def test_the_check_detects_a_clockwise_ring_and_a_counter_clockwise_hole() -> None:
    shell = [(0, 0), (0, 4), (4, 4), (4, 0), (0, 0)]  # clockwise
    hole = [(1, 1), (2, 1), (2, 2), (1, 2), (1, 1)]  # counter-clockwise
    raw = json.loads(json.dumps(Polygon(shell, [hole]).__geo_interface__))
    assert len(winding_errors(raw, "raw")) == 2
    fixed = json.loads(json.dumps(geojson_geometry(Polygon(shell, [hole]))))
    assert winding_errors(fixed, "fixed") == []
    multi = geojson_geometry(MultiPolygon([Polygon(shell, [hole]), Polygon(shell[::-1])]))
    assert winding_errors(json.loads(json.dumps(multi)), "multi") == []


def test_access_geojson_is_wound_as_rfc_7946_says(
    backwards: Scenario, default_plan: DefaultPlan, tmp_path: Path
) -> None:
    _, path = write_access(diagnose(backwards, default_plan.matrix), backwards, tmp_path)
    checked, errors = file_errors(path)
    assert checked == len(backwards.territory.communes)
    assert errors == []


def test_scenario_and_embedded_territory_geojson_are_wound_as_rfc_7946_says(
    backwards: Scenario, tmp_path: Path
) -> None:
    folder = write_scenario(backwards, tmp_path / "scenario")
    write_embedded_communes(backwards.territory.communes, tmp_path / "embedded")
    for path in (folder / "communes.geojson", tmp_path / "embedded" / "communes.geojson"):
        checked, errors = file_errors(path)
        assert checked == len(backwards.territory.communes), path
        assert errors == [], path


def test_every_public_geojson_is_wound_as_rfc_7946_says(
    backwards: Scenario, default_plan: DefaultPlan, tmp_path: Path
) -> None:
    files = write_public(default_plan.schedule, backwards, default_plan.matrix, tmp_path, lang="fr")
    geojson = [p for p in files if p.suffix == ".geojson"]
    assert geojson, "the publication writes GeoJSON open data"
    for path in geojson:
        _, errors = file_errors(path)
        assert errors == [], path
