"""Map layers as plain data (itinerant.dashboard.maps)."""

from __future__ import annotations

from itinerant.dashboard.maps import commune_features, place_points
from itinerant.dashboard.workspace import build_workspace


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
