"""Snapping places to road-network nodes."""

from __future__ import annotations

import numpy as np
import pytest

from itinerant.errors import InputError, SnappingError
from itinerant.routing import RoadNetwork, network_from_file, snap_places
from itinerant.routing.network import haversine_m
from tests.paths import SMALL_TOWN


@pytest.fixture(scope="module")
def town() -> RoadNetwork:
    return network_from_file(SMALL_TOWN)


def _brute_force(network: RoadNetwork, lon: float, lat: float) -> tuple[int, float]:
    a = network.arrays
    d = haversine_m(a.lons, a.lats, lon, lat)
    k = int(np.argmin(d))
    return int(a.node_ids[k]), float(d[k])


def test_snaps_each_place_to_its_nearest_node(town: RoadNetwork) -> None:
    rng = np.random.default_rng(7)
    lons = rng.uniform(1.869, 1.879, 40)
    lats = rng.uniform(46.166, 46.174, 40)
    ids = [f"p{k}" for k in range(40)]
    names = [f"Place {k}" for k in range(40)]
    snapped = snap_places(town, ids, names, lons, lats)
    assert snapped.ids == tuple(ids)
    assert snapped.names == tuple(names)
    assert len(snapped) == 40
    for k in range(40):
        node, dist = _brute_force(town, lons[k], lats[k])
        assert snapped.nodes[k] == node
        assert snapped.distances_m[k] == pytest.approx(dist, abs=0.01)
    np.testing.assert_array_equal(snapped.lons, lons)
    assert snapped.distances_m.dtype == np.float64


def test_place_on_a_node_has_zero_distance(town: RoadNetwork) -> None:
    snapped = snap_places(town, ["a"], ["Mairie"], [1.872], [46.173])
    assert snapped.nodes.tolist() == [6]
    assert snapped.distances_m[0] == pytest.approx(0.0, abs=1e-6)


def test_far_places_are_all_named_at_once(town: RoadNetwork) -> None:
    # 50 km north and 0.45 degrees east (~35 km) of the town, plus one good place
    lons = [1.872, 1.872, 1.872 + 0.45]
    lats = [46.170, 46.170 + 50_000 / 111_195, 46.170]
    with pytest.raises(SnappingError) as info:
        snap_places(town, ["ok", "far", "east"], ["Mairie", "Loin", "Est"], lons, lats)
    err = info.value
    assert [name for name, _ in err.places] == ["Loin", "Est"]
    assert err.places[0][1] == pytest.approx(50_000 - 333.6, rel=0.01)
    assert 34_000 < err.places[1][1] < 36_000
    assert err.max_distance_m == 1000.0
    assert "Loin" in str(err)
    assert "Est" in str(err)
    assert "Mairie" not in str(err)


def test_max_distance_option(town: RoadNetwork) -> None:
    lons, lats = [1.872 + 0.45], [46.170]
    snapped = snap_places(town, ["e"], ["Est"], lons, lats, max_distance_m=40_000)
    assert snapped.distances_m[0] > 30_000
    with pytest.raises(SnappingError, match=r"farther than 10 m"):
        snap_places(town, ["e"], ["Est"], [1.8705], [46.1701], max_distance_m=10)


@pytest.mark.parametrize(
    ("places", "match"),
    [
        ((["a", "a"], ["A", "B"], [1.87, 1.87], [46.17, 46.17]), "duplicate place ids a"),
        ((["a", "b"], ["A"], [1.87, 1.87], [46.17, 46.17]), "differ in length"),
        ((["a", "b"], ["A", "B"], [1.87], [46.17, 46.17]), "differ in length"),
        ((["a"], ["A"], [float("nan")], [46.17]), "invalid WGS84 coordinates for A"),
        ((["a"], ["A"], [1.87], [95.0]), "invalid WGS84"),
    ],
)
def test_bad_input(
    town: RoadNetwork,
    places: tuple[list[str], list[str], list[float], list[float]],
    match: str,
) -> None:
    ids, names, lons, lats = places
    with pytest.raises(InputError, match=match):
        snap_places(town, ids, names, lons, lats)


def test_no_places(town: RoadNetwork) -> None:
    snapped = snap_places(town, [], [], [], [])
    assert len(snapped) == 0


def test_caller_arrays_are_not_frozen(town: RoadNetwork) -> None:
    lons = np.array([1.872])
    snap_places(town, ["a"], ["A"], lons, np.array([46.17]))
    lons[0] = 1.0  # still writable
    assert lons.flags.writeable
