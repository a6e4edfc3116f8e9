"""Road networks: local files, approximate commune graph, OpenStreetMap download (mocked)."""

from __future__ import annotations

import bz2
import logging
import math
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import osmnx as ox
import pytest
from shapely.geometry import Polygon, box

from itinerant.errors import InputError, NetworkError
from itinerant.routing import (
    APPROX_DETOUR_FACTOR,
    APPROX_SPEED_KMH,
    HWY_SPEEDS_KMH,
    RoadNetwork,
    approximate_network,
    network_from_file,
    network_from_osm,
    snap_places,
    travel_matrix,
)
from itinerant.routing.network import haversine_m, is_drivable
from tests.paths import TEST_DATA

DATA = TEST_DATA / "routing"
SMALL_TOWN = DATA / "small_town.osm"


def _pyrosm_test_pbf() -> Path:
    pyrosm = pytest.importorskip(
        "pyrosm", reason="pyrosm is not installed: its test.osm.pbf extract is the fixture"
    )
    path = Path(pyrosm.__file__).parent / "data" / "test.osm.pbf"
    if not path.is_file():
        pytest.skip(f"pyrosm is installed but has no data file {path}")
    return path


def _check_enriched(network: RoadNetwork) -> None:
    g = network.graph
    assert g.graph["crs"] == "epsg:4326"
    assert all("x" in d and "y" in d for _, d in g.nodes(data=True))
    for _, _, d in g.edges(data=True):
        assert d["length"] >= 0
        assert d["speed_kph"] > 0
        assert d["travel_time"] == pytest.approx(d["length"] / (d["speed_kph"] / 3.6), rel=1e-6)


# --------------------------------------------------------------------------- small_town.osm


@pytest.fixture(scope="module")
def town() -> RoadNetwork:
    return network_from_file(SMALL_TOWN)


def test_small_town_keeps_only_drivable_roads(town: RoadNetwork) -> None:
    g = town.graph
    assert town.source == "file"
    assert not town.approximate
    assert town.label == "OpenStreetMap file small_town.osm"
    assert town.max_snap_m == 1000.0
    # footway (8), path (9), driveway (12), private road (13), construction/building (14-17)
    # are gone; interstitial nodes 5, 7 and 10 are simplified away
    assert set(g.nodes) == {1, 2, 3, 4, 6, 11, 18}
    highways = {str(d["highway"]) for _, _, d in g.edges(data=True)}
    assert highways == {"primary", "residential", "tertiary", "unclassified"}
    _check_enriched(town)


def test_small_town_one_way_street(town: RoadNetwork) -> None:
    g = town.graph
    assert g.has_edge(6, 3)
    assert not g.has_edge(3, 6)
    assert g.has_edge(2, 6)
    assert g.has_edge(6, 2)  # ordinary street: both ways


def test_small_town_speeds(town: RoadNetwork) -> None:
    g = town.graph
    # maxspeed 90 on a primary road is capped to the class average (80 km/h)
    assert g[1][2][0]["speed_kph"] == pytest.approx(HWY_SPEEDS_KMH["primary"])
    # maxspeed 30 below the tertiary class speed is kept
    assert g[4][11][0]["speed_kph"] == pytest.approx(30.0)
    assert g[4][18][0]["speed_kph"] == pytest.approx(HWY_SPEEDS_KMH["unclassified"])
    assert g[2][6][0]["speed_kph"] == pytest.approx(HWY_SPEEDS_KMH["residential"])
    length = haversine_m(1.870, 46.170, 1.872, 46.170)
    assert g[1][2][0]["length"] == pytest.approx(float(length), rel=1e-3)


def test_custom_speeds(tmp_path: Path) -> None:
    speeds = dict(HWY_SPEEDS_KMH, residential=15.0)
    net = network_from_file(SMALL_TOWN, hwy_speeds=speeds)
    assert net.graph[2][6][0]["speed_kph"] == pytest.approx(15.0)
    assert net.fingerprint != network_from_file(SMALL_TOWN).fingerprint


def test_bz2_gives_the_same_network(tmp_path: Path, town: RoadNetwork) -> None:
    path = tmp_path / "small_town.osm.bz2"
    path.write_bytes(bz2.compress(SMALL_TOWN.read_bytes()))
    net = network_from_file(path)
    assert net.fingerprint == town.fingerprint
    assert net.label == "OpenStreetMap file small_town.osm.bz2"


def test_graphml_round_trip(tmp_path: Path, town: RoadNetwork) -> None:
    path = tmp_path / "town.graphml"
    ox.save_graphml(town.graph, path)
    net = network_from_file(path)
    assert net.source == "file"
    assert net.fingerprint == town.fingerprint
    _check_enriched(net)


def test_graphml_without_speeds_is_enriched(tmp_path: Path, town: RoadNetwork) -> None:
    raw = town.graph.copy()
    for _, _, d in raw.edges(data=True):
        del d["speed_kph"], d["travel_time"]
    path = tmp_path / "raw.graphml"
    ox.save_graphml(raw, path)
    net = network_from_file(path)
    _check_enriched(net)
    assert net.graph[2][6][0]["speed_kph"] == pytest.approx(30.0)


def test_fingerprint_is_stable_and_sensitive(town: RoadNetwork) -> None:
    g = town.graph.copy()
    same = RoadNetwork.from_graph(g, source="file", label="copy")
    assert same.fingerprint == town.fingerprint
    g[1][2][0]["travel_time"] += 1.0
    changed = RoadNetwork.from_graph(g, source="file", label="copy")
    assert changed.fingerprint != town.fingerprint


@pytest.mark.parametrize(
    ("name", "content", "match"),
    [
        ("roads.shp", b"x", "unsupported road network file type"),
        ("empty.osm", b"", "empty"),
        ("broken.osm", b"<osm><way id='1'", "cannot read|no drivable"),
        (
            "nodes_only.osm",
            b"<osm version='0.6'><node id='1' lat='1' lon='1'/></osm>",
            "no drivable",
        ),
        ("broken.osm.pbf", b"not a pbf at all", "cannot read"),
        ("broken.graphml", b"<graphml>", "cannot read GraphML"),
    ],
)
def test_bad_files_raise_input_error_naming_the_file(
    tmp_path: Path, name: str, content: bytes, match: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=match) as info:
        network_from_file(path)
    assert name in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"missing\.osm\.pbf: road network file not found"):
        network_from_file(tmp_path / "missing.osm.pbf")


def test_is_drivable() -> None:
    assert is_drivable({"highway": "residential"})
    assert is_drivable({"highway": "primary", "access": "destination"})
    for tags in (
        {"highway": "footway"},
        {"highway": "cycleway"},
        {"highway": "track"},
        {"highway": "steps"},
        {"highway": "pedestrian"},
        {"highway": "service"},
        {"highway": "residential", "access": "private"},
        {"highway": "residential", "motor_vehicle": "no"},
        {"highway": "unclassified", "area": "yes"},
        {"building": "yes"},
    ):
        assert not is_drivable(tags), tags


# --------------------------------------------------------------------------- real extract


def test_pyrosm_test_extract() -> None:
    net = network_from_file(_pyrosm_test_pbf())
    # 249 drivable nodes in the extract, 229 in its largest connected part
    assert 200 <= net.n_nodes <= 260
    assert net.n_edges > net.n_nodes
    assert nx.is_weakly_connected(net.graph)
    classes = {
        h for _, _, d in net.graph.edges(data=True) for h in np.atleast_1d(d["highway"]).tolist()
    }
    assert classes.isdisjoint({"footway", "cycleway", "path", "service", "track", "construction"})
    assert "motorway" in classes
    _check_enriched(net)


# --------------------------------------------------------------------------- approximate


def _row_of_communes(n: int = 4, size: float = 0.05) -> dict[str, Any]:
    boundaries = [box(1.8 + k * size, 46.0, 1.8 + (k + 1) * size, 46.0 + size) for k in range(n)]
    return {
        "codes": [f"2300{k}" for k in range(n)],
        "names": [f"Commune {k}" for k in range(n)],
        "points": [(b.centroid.x, b.centroid.y) for b in boundaries],
        "boundaries": boundaries,
    }


def test_approximate_network_joins_touching_communes() -> None:
    c = _row_of_communes()
    net = approximate_network(c["codes"], c["names"], c["points"], c["boundaries"])
    g = net.graph
    assert net.source == "approximate"
    assert net.approximate
    assert net.label == "approximate network (straight line × 1.3 at 60 km/h)"
    assert net.max_snap_m == 20_000.0
    assert sorted(g.nodes) == [0, 1, 2, 3]
    assert g.nodes[2]["code"] == "23002"
    assert g.nodes[2]["name"] == "Commune 2"
    assert sorted((u, v) for u, v in g.edges()) == [(0, 1), (1, 0), (1, 2), (2, 1), (2, 3), (3, 2)]
    (x0, y0), (x1, y1) = c["points"][0], c["points"][1]
    expected = float(haversine_m(x0, y0, x1, y1)) * APPROX_DETOUR_FACTOR
    edge = g[0][1][0]
    assert edge["length"] == pytest.approx(expected)
    assert edge["travel_time"] == pytest.approx(expected / (APPROX_SPEED_KMH / 3.6))
    assert edge["speed_kph"] == APPROX_SPEED_KMH
    _check_enriched(net)


def test_approximate_network_options() -> None:
    c = _row_of_communes(2)
    net = approximate_network(
        c["codes"], c["names"], c["points"], c["boundaries"], detour_factor=1.5, speed_kmh=45
    )
    assert net.label == "approximate network (straight line × 1.5 at 45 km/h)"
    assert net.access_speed_kmh == 45
    (x0, y0), (x1, y1) = c["points"]
    assert net.graph[0][1][0]["length"] == pytest.approx(float(haversine_m(x0, y0, x1, y1)) * 1.5)


def test_approximate_network_connects_isolated_communes(caplog: pytest.LogCaptureFixture) -> None:
    c = _row_of_communes()
    # an island far to the east, and an enclave pair far to the north
    island = box(2.5, 46.0, 2.55, 46.05)
    north = [box(1.8, 47.0, 1.85, 47.05), box(1.85, 47.0, 1.9, 47.05)]
    extra = [island, *north]
    codes = [*c["codes"], "23100", "23200", "23201"]
    names = [*c["names"], "Île", "Nord A", "Nord B"]
    points = [*c["points"], *((b.centroid.x, b.centroid.y) for b in extra)]
    with caplog.at_level(logging.WARNING, logger="itinerant.routing.network"):
        net = approximate_network(codes, names, points, [*c["boundaries"], *extra])
    assert "Île" in caplog.text
    assert "Nord A" in caplog.text
    assert "Commune 0" not in caplog.text
    assert nx.is_strongly_connected(net.graph)
    # the island is joined to its nearest commune (Commune 3) by the straight-line rule
    assert net.graph.has_edge(4, 3)
    assert net.graph.has_edge(3, 4)
    (x3, y3), (x4, y4) = points[3], points[4]
    expected = float(haversine_m(x3, y3, x4, y4)) * APPROX_DETOUR_FACTOR
    assert net.graph[3][4][0]["length"] == pytest.approx(expected)
    assert net.graph.has_edge(5, 6)  # touching communes in the northern group
    assert net.graph.out_degree(5) + net.graph.out_degree(6) == 3  # plus one bridge south


def test_approximate_matrix_is_flagged() -> None:
    c = _row_of_communes()
    net = approximate_network(c["codes"], c["names"], c["points"], c["boundaries"])
    lons = [p[0] for p in c["points"]]
    lats = [p[1] for p in c["points"]]
    snapped = snap_places(net, c["codes"], c["names"], lons, lats)
    assert np.allclose(snapped.distances_m, 0.0)
    m = travel_matrix(net, snapped)
    assert m.approximate
    assert m.network_label == net.label
    # 0 -> 3 goes through 1 and 2: three straight hops of about 3.9 km at 60 km/h
    hop = float(haversine_m(lons[0], lats[0], lons[1], lats[1])) * APPROX_DETOUR_FACTOR
    assert m.distances_m[0, 3] == pytest.approx(3 * hop, abs=1)
    assert m.durations_s[0, 3] == pytest.approx(3 * hop / (60 / 3.6), abs=1)


def test_approximate_network_bridges_small_gaps(caplog: pytest.LogCaptureFixture) -> None:
    gap = 5 / 111_195 / math.cos(math.radians(46.0))  # 5 m of longitude, in degrees
    boundaries = [box(1.8, 46.0, 1.85, 46.05), box(1.85 + gap, 46.0, 1.9, 46.05)]
    points = [(b.centroid.x, b.centroid.y) for b in boundaries]
    net = approximate_network(["a", "b"], ["A", "B"], points, boundaries)
    assert net.graph.has_edge(0, 1)
    assert not caplog.records
    with caplog.at_level(logging.WARNING):
        strict = approximate_network(["a", "b"], ["A", "B"], points, boundaries, tolerance_m=0)
    assert "B" in caplog.text  # not touching: joined by the isolated-commune rule instead
    assert strict.graph.has_edge(0, 1)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"codes": ["1", "1"]}, "duplicate commune codes 1"),
        ({"names": ["a"]}, "differ in length"),
        ({"detour_factor": 0.5}, "detour_factor"),
        ({"tolerance_m": -1.0}, "tolerance_m"),
        ({"boundaries": [box(0, 0, 1, 1), Polygon()]}, "no boundary for Commune 1"),
        ({"points": [(1.8, 46.0), (float("nan"), 46.0)]}, "invalid point for Commune 1"),
    ],
)
def test_approximate_network_bad_input(kwargs: dict[str, Any], match: str) -> None:
    c = _row_of_communes(2)
    args = {**c, **{k: v for k, v in kwargs.items() if k in c}}
    options = {k: v for k, v in kwargs.items() if k not in c}
    with pytest.raises(InputError, match=match):
        approximate_network(
            args["codes"], args["names"], args["points"], args["boundaries"], **options
        )


# --------------------------------------------------------------------------- OSM download


@pytest.fixture
def fake_download(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> list[tuple[str, Any, dict[str, Any]]]:
    """Replace osmnx's downloads by the small town, as an unsimplified "drive" graph."""
    from itinerant.routing.network import _write_drivable_xml

    xml = tmp_path / "drive.osm"
    _write_drivable_xml(SMALL_TOWN, xml)
    calls: list[tuple[str, Any, dict[str, Any]]] = []

    def from_polygon(polygon: Any, **kwargs: Any) -> Any:
        calls.append(("polygon", polygon, kwargs))
        return ox.graph_from_xml(xml, simplify=kwargs.get("simplify", True))

    def from_place(query: Any, **kwargs: Any) -> Any:
        calls.append(("place", query, kwargs))
        return ox.graph_from_xml(xml, simplify=kwargs.get("simplify", True))

    monkeypatch.setattr(ox, "graph_from_polygon", from_polygon)
    monkeypatch.setattr(ox, "graph_from_place", from_place)
    return calls


POLYGON = Polygon([(1.86, 46.16), (1.88, 46.16), (1.88, 46.18), (1.86, 46.18)])


def test_osm_download_is_enriched_and_cached(
    fake_download: list[tuple[str, Any, dict[str, Any]]], tmp_path: Path, town: RoadNetwork
) -> None:
    cache = tmp_path / "cache"
    net = network_from_osm(polygon=POLYGON, cache_dir=cache)
    assert len(fake_download) == 1
    kind, polygon, kwargs = fake_download[0]
    assert kind == "polygon"
    assert polygon.equals(POLYGON)
    assert kwargs["network_type"] == "drive"
    assert net.source == "osm"
    assert not net.approximate
    _check_enriched(net)
    assert net.fingerprint == town.fingerprint  # same data, same processing as the file path
    assert len(list(cache.glob("osm-*.graphml"))) == 1

    again = network_from_osm(polygon=POLYGON, cache_dir=cache)
    assert len(fake_download) == 1  # cache hit: no second download
    assert again.fingerprint == net.fingerprint
    assert again.source == "osm"


def test_osm_download_by_place(
    fake_download: list[tuple[str, Any, dict[str, Any]]], tmp_path: Path
) -> None:
    net = network_from_osm(place="Guéret, France", cache_dir=tmp_path)
    assert fake_download[0][:2] == ("place", "Guéret, France")
    assert fake_download[0][2]["network_type"] == "drive"
    assert "Guéret" in net.label
    network_from_osm(place="Guéret, France", cache_dir=tmp_path)
    network_from_osm(polygon=POLYGON, cache_dir=tmp_path)
    assert [c[0] for c in fake_download] == ["place", "polygon"]


def test_osm_download_failure_explains_offline_use(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def offline(*_args: Any, **_kwargs: Any) -> Any:
        msg = "Max retries exceeded with url: overpass-api.de"
        raise ConnectionError(msg)

    monkeypatch.setattr(ox, "graph_from_polygon", offline)
    with pytest.raises(NetworkError) as info:
        network_from_osm(polygon=POLYGON, cache_dir=tmp_path)
    text = str(info.value)
    assert "offline" in text
    assert "--network path/to/file.osm.pbf" in text
    assert "approximate" in text
    assert isinstance(info.value.__cause__, ConnectionError)
    assert not list(tmp_path.glob("osm-*.graphml"))


def test_osm_needs_exactly_one_area(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="exactly one"):
        network_from_osm(cache_dir=tmp_path)
    with pytest.raises(InputError, match="exactly one"):
        network_from_osm(polygon=POLYGON, place="Guéret", cache_dir=tmp_path)


def test_haversine() -> None:
    # one degree of latitude is about 111.2 km
    assert float(haversine_m(0.0, 45.0, 0.0, 46.0)) == pytest.approx(111_195, rel=1e-3)
    assert math.isclose(float(haversine_m(1.0, 2.0, 1.0, 2.0)), 0.0)
