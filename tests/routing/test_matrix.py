"""Travel matrices, checked against an independent networkx recomputation."""

from __future__ import annotations

import itertools
import logging
import multiprocessing
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import itinerant.routing.matrix as matrix_mod
from itinerant.errors import InputError, UnreachableError
from itinerant.routing import (
    ACCESS_SPEED_KMH,
    APPROX_DETOUR_FACTOR,
    RoadNetwork,
    SnappedPlaces,
    TravelMatrix,
    default_cache_dir,
    network_from_file,
    snap_places,
    travel_matrix,
)
from itinerant.routing.network import haversine_m
from tests.paths import SMALL_TOWN

ACCESS_MPS = ACCESS_SPEED_KMH / 3.6


# --------------------------------------------------------------------------- helpers


def random_graph(seed: int, n: int = 40, *, island: bool = True) -> Any:
    """A random directed road graph: one-way and two-way streets, parallel edges, an island."""
    rng = np.random.default_rng(seed)
    g = nx.MultiDiGraph(crs="epsg:4326")
    lons = rng.uniform(1.8, 2.0, n)
    lats = rng.uniform(46.0, 46.1, n)
    for k in range(n):
        g.add_node(1000 + 7 * k, x=float(lons[k]), y=float(lats[k]))
    main = n - 2 if island else n
    for _ in range(3 * main):
        a, b = (int(x) for x in rng.choice(main, 2, replace=False))
        length = float(haversine_m(lons[a], lats[a], lons[b], lats[b])) * rng.uniform(1.0, 1.6)
        speed = float(rng.choice([20.0, 30.0, 50.0, 80.0, 110.0]))
        attrs = {"length": length, "speed_kph": speed, "travel_time": length / (speed / 3.6)}
        u, v = 1000 + 7 * a, 1000 + 7 * b
        g.add_edge(u, v, **attrs)
        if rng.random() < 0.7:  # two-way street
            g.add_edge(v, u, **attrs)
    if island:  # two nodes joined to each other only
        u, v = 1000 + 7 * (n - 2), 1000 + 7 * (n - 1)
        length = float(haversine_m(lons[n - 2], lats[n - 2], lons[n - 1], lats[n - 1]))
        attrs = {"length": length, "speed_kph": 50.0, "travel_time": length / (50 / 3.6)}
        g.add_edge(u, v, **attrs)
        g.add_edge(v, u, **attrs)
    return g


def places_on(
    network: RoadNetwork, nodes: list[Any], access_m: list[float] | None = None
) -> SnappedPlaces:
    """Places already snapped to ``nodes`` at the given distances (default 0)."""
    g = network.graph
    n = len(nodes)
    dist = np.zeros(n) if access_m is None else np.asarray(access_m, dtype=float)
    return SnappedPlaces(
        ids=tuple(f"id{k}" for k in range(n)),
        names=tuple(f"Place {k}" for k in range(n)),
        lons=np.array([g.nodes[u]["x"] for u in nodes], dtype=float),
        lats=np.array([g.nodes[u]["y"] for u in nodes], dtype=float),
        nodes=np.array(nodes),
        distances_m=dist,
    )


def fastest_edge(g: Any, a: Any, b: Any, weight: str = "travel_time") -> dict[str, Any]:
    return min(g[a][b].values(), key=lambda d: d[weight])


def networkx_reference(
    g: Any, nodes: list[Any]
) -> tuple[dict[tuple[int, int], float], dict[tuple[int, int], float], dict[tuple[int, int], int]]:
    """Fastest time (s), length along that path (m) and edge count, per reachable pair."""
    times, lengths, hops = {}, {}, {}
    for i, s in enumerate(nodes):
        dist, paths = nx.single_source_dijkstra(g, s, weight="travel_time")
        for j, t in enumerate(nodes):
            if t in dist:
                path = paths[t]
                times[i, j] = dist[t]
                lengths[i, j] = sum(
                    fastest_edge(g, a, b)["length"] for a, b in itertools.pairwise(path)
                )
                hops[i, j] = len(path) - 1
    return times, lengths, hops


# --------------------------------------------------------------------------- correctness


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_matches_networkx_on_random_graphs(seed: int) -> None:
    g = random_graph(seed)
    network = RoadNetwork.from_graph(g, source="file", label=f"random {seed}")
    nodes = list(g.nodes)
    rng = np.random.default_rng(seed + 100)
    access = rng.uniform(0, 300, len(nodes)).tolist()
    snapped = places_on(network, nodes, access)
    m = travel_matrix(network, snapped, allow_unreachable=True, workers=1)
    times, lengths, hops = networkx_reference(g, nodes)

    acc_m = np.array(access) * APPROX_DETOUR_FACTOR
    acc_s = acc_m / ACCESS_MPS
    n = len(nodes)
    n_unreachable = 0
    for i in range(n):
        for j in range(n):
            if i == j:
                assert m.durations_s[i, j] == 0
                assert m.distances_m[i, j] == 0
                assert m.reachable[i, j]
            elif (i, j) in times:
                tol = 1 + hops[i, j]
                expected_t = times[i, j] + acc_s[i] + acc_s[j]
                expected_d = lengths[i, j] + acc_m[i] + acc_m[j]
                assert m.reachable[i, j]
                assert abs(m.durations_s[i, j] - expected_t) <= tol, (i, j)
                assert abs(m.distances_m[i, j] - expected_d) <= tol, (i, j)
            else:
                n_unreachable += 1
                assert not m.reachable[i, j]
                assert m.durations_s[i, j] == -1
                assert m.distances_m[i, j] == -1
    assert n_unreachable >= 2 * 2 * (n - 2)  # at least the island <-> mainland pairs
    assert m.durations_s.dtype == np.int64
    assert m.distances_m.dtype == np.int64


@st.composite
def decisecond_graphs(draw: st.DrawFn) -> tuple[Any, list[int]]:
    """Small graphs whose travel times are whole deciseconds (so rounding is exact)."""
    n = draw(st.integers(2, 9))
    g = nx.MultiDiGraph(crs="epsg:4326")
    for k in range(n):
        g.add_node(k, x=1.8 + 0.01 * k, y=46.0 + 0.003 * (k % 3))
    edges = draw(
        st.lists(
            st.tuples(
                st.integers(0, n - 1),
                st.integers(0, n - 1),
                st.integers(0, 3000),  # deciseconds
                st.floats(0, 50_000, allow_nan=False),  # metres
                st.booleans(),  # one-way
            ),
            max_size=4 * n,
        )
    )
    for u, v, ds, length, oneway in edges:
        attrs = {"length": length, "speed_kph": 50.0, "travel_time": ds / 10, "ds": ds}
        g.add_edge(u, v, **attrs)
        if not oneway:
            g.add_edge(v, u, **attrs)
    return g, list(range(n))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(decisecond_graphs())
def test_fastest_then_shortest_is_exact(case: tuple[Any, list[int]]) -> None:
    """With whole-decisecond times, time is exact and length is the shortest fastest path."""
    g, nodes = case
    network = RoadNetwork.from_graph(g, source="file", label="hypothesis")
    m = travel_matrix(network, places_on(network, nodes), allow_unreachable=True, workers=1)
    for i, s in enumerate(nodes):
        best = nx.single_source_dijkstra_path_length(g, s, weight="ds")
        tight = nx.DiGraph()
        tight.add_node(s)
        for a, b, d in g.edges(data=True):
            if a in best and best[a] + d["ds"] == best.get(b):
                old = tight.get_edge_data(a, b, {"length": np.inf})["length"]
                tight.add_edge(a, b, length=min(old, d["length"]))
        shortest = nx.single_source_dijkstra_path_length(tight, s, weight="length")
        for j, t in enumerate(nodes):
            if i == j:
                continue
            if t in best:
                assert m.reachable[i, j]
                assert m.durations_s[i, j] == round(best[t] / 10), (s, t)
                assert abs(m.distances_m[i, j] - shortest[t]) <= 1, (s, t)
            else:
                assert not m.reachable[i, j]
                assert m.durations_s[i, j] == -1


def test_combined_weight_precision_on_a_long_chain() -> None:
    """3,000 edges, 450 km: the time in deciseconds and the length survive the packing."""
    g = nx.MultiDiGraph(crs="epsg:4326")
    rng = np.random.default_rng(5)
    n = 3001
    for k in range(n):
        g.add_node(k, x=1.0 + k * 0.002, y=46.0)
    lengths = rng.uniform(50, 250, n - 1)
    ds = rng.integers(1, 200, n - 1)
    for k in range(n - 1):
        g.add_edge(k, k + 1, length=float(lengths[k]), travel_time=float(ds[k]) / 10)
    network = RoadNetwork.from_graph(g, source="file", label="chain")
    m = travel_matrix(network, places_on(network, [0, n - 1]), workers=1, allow_unreachable=True)
    assert lengths.sum() > 300_000
    assert m.durations_s[0, 1] == round(ds.sum() / 10)
    assert m.distances_m[0, 1] == round(lengths.sum())
    assert m.unreachable_pairs() == [("Place 1", "Place 0")]  # one-way chain


def test_parallel_edges_keep_the_fastest() -> None:
    g = nx.MultiDiGraph(crs="epsg:4326")
    g.add_node("a", x=1.0, y=46.0)
    g.add_node("b", x=1.01, y=46.0)
    g.add_edge("a", "b", length=1000.0, travel_time=120.0)  # slow and short
    g.add_edge("a", "b", length=1500.0, travel_time=60.0)  # fast and long
    g.add_edge("b", "a", length=900.0, travel_time=0.0)  # zero time is still an edge
    g.add_edge("a", "a", length=5.0, travel_time=1.0)  # self-loop, ignored
    network = RoadNetwork.from_graph(g, source="file", label="parallel")
    m = travel_matrix(network, places_on(network, ["a", "b"]), workers=1)
    assert m.durations_s.tolist() == [[0, 60], [0, 0]]
    assert m.distances_m.tolist() == [[0, 1500], [900, 0]]
    assert m.reachable.all()


# --------------------------------------------------------------------------- access legs


@pytest.fixture(scope="module")
def town() -> RoadNetwork:
    return network_from_file(SMALL_TOWN)


def test_access_legs(town: RoadNetwork) -> None:
    # two places 100 m and 200 m north of node 1, one place on node 18
    dlat = 1 / 111_195 * 100
    snapped = snap_places(
        town,
        ["a", "b", "c"],
        ["A", "B", "C"],
        [1.870, 1.870, 1.878],
        [46.170 + dlat, 46.170 + 2 * dlat, 46.170],
    )
    assert snapped.nodes.tolist() == [1, 1, 18]
    assert snapped.distances_m == pytest.approx([100, 200, 0], abs=0.5)
    m = travel_matrix(town, snapped)
    acc_m = snapped.distances_m * APPROX_DETOUR_FACTOR
    acc_s = acc_m / ACCESS_MPS
    # same node: only the access legs
    assert m.durations_s[0, 1] == round(acc_s[0] + acc_s[1])
    assert m.distances_m[0, 1] == round(acc_m[0] + acc_m[1])
    assert m.durations_s[0, 1] == round(390 / ACCESS_MPS)
    assert m.durations_s[0, 1] == m.durations_s[1, 0]
    # 1 -> 18 along the primary road (3 x 154 m at 80 km/h) then the unclassified road
    g = town.graph
    t = sum(g[a][b][0]["travel_time"] for a, b in [(1, 2), (2, 3), (3, 4), (4, 18)])
    d = sum(g[a][b][0]["length"] for a, b in [(1, 2), (2, 3), (3, 4), (4, 18)])
    assert abs(m.durations_s[0, 2] - (t + acc_s[0])) <= 1
    assert abs(m.distances_m[0, 2] - (d + acc_m[0])) <= 1
    assert np.diag(m.durations_s).tolist() == [0, 0, 0]


def test_one_way_street_in_the_matrix(town: RoadNetwork) -> None:
    snapped = places_on(town, [6, 3])
    m = travel_matrix(town, snapped)
    g = town.graph
    one_way = g[6][3][0]["travel_time"]  # down the one-way street (slow residential)
    around = g[6][2][0]["travel_time"] + g[2][3][0]["travel_time"]  # via the primary road
    assert abs(m.durations_s[0, 1] - min(one_way, around)) <= 1
    back = g[3][2][0]["travel_time"] + g[2][6][0]["travel_time"]  # the one-way is not usable
    assert abs(m.durations_s[1, 0] - back) <= 1
    # make the primary road slow: 6 -> 3 now takes the one-way street, 3 -> 6 cannot
    slow = network_from_file(SMALL_TOWN, hwy_speeds={"primary": 5.0, "residential": 30.0})
    m2 = travel_matrix(slow, places_on(slow, [6, 3]))
    h = slow.graph
    assert abs(m2.durations_s[0, 1] - h[6][3][0]["travel_time"]) <= 1
    assert abs(m2.durations_s[1, 0] - h[3][2][0]["travel_time"] - h[2][6][0]["travel_time"]) <= 1


# --------------------------------------------------------------------------- unreachable


def _island_case() -> tuple[RoadNetwork, SnappedPlaces]:
    g = random_graph(11, n=12)
    network = RoadNetwork.from_graph(g, source="file", label="with island")
    nodes = list(g.nodes)
    # two mainland nodes that reach each other, and the two island nodes
    main = next(
        (a, b)
        for a in nodes[:-2]
        for b in nodes[:-2]
        if a != b and nx.has_path(g, a, b) and nx.has_path(g, b, a)
    )
    return network, places_on(network, [*main, nodes[-2], nodes[-1]])


def test_unreachable_pairs_are_named() -> None:
    network, snapped = _island_case()
    with pytest.raises(UnreachableError) as info:
        travel_matrix(network, snapped)
    pairs = set(info.value.pairs)
    mainland, island = ("Place 0", "Place 1"), ("Place 2", "Place 3")
    expected = {(a, b) for a in mainland for b in island} | {
        (b, a) for a in mainland for b in island
    }
    assert pairs == expected
    assert "Place 0 -> Place 2" in str(info.value)


def test_allow_unreachable_logs_and_marks_minus_one(caplog: pytest.LogCaptureFixture) -> None:
    network, snapped = _island_case()
    with caplog.at_level(logging.WARNING, logger="itinerant.routing.matrix"):
        m = travel_matrix(network, snapped, allow_unreachable=True)
    assert "8 unreachable pair(s)" in caplog.text
    assert "Place 2 -> Place 0" in caplog.text
    assert m.durations_s[0, 2] == -1
    assert m.distances_m[2, 0] == -1
    assert not m.reachable[0, 3]
    assert m.reachable[0, 1]
    assert m.reachable[2, 3]
    assert m.durations_s[2, 3] > 0
    assert len(m.unreachable_pairs()) == 8


# --------------------------------------------------------------------------- TravelMatrix API


def test_travel_matrix_helpers(town: RoadNetwork) -> None:
    m = travel_matrix(town, places_on(town, [1, 2, 3, 4]))
    assert m.index("id2") == 2
    assert len(m) == 4
    sub = m.submatrix(["id3", "id1"])
    assert sub.ids == ("id3", "id1")
    assert sub.names == ("Place 3", "Place 1")
    assert sub.durations_s.tolist() == [
        [0, m.durations_s[3, 1]],
        [m.durations_s[1, 3], 0],
    ]
    between = m.durations_between(["id0", "id1"], ["id2", "id3", "id0"])
    assert between.shape == (2, 3)
    assert between[1, 1] == m.durations_s[1, 3]
    assert m.distances_between(["id0"], ["id3"])[0, 0] == m.distances_m[0, 3]
    with pytest.raises(InputError, match="'nope'"):
        m.index("nope")
    with pytest.raises(InputError, match="'zz'"):
        m.durations_between(["id0"], ["zz"])
    with pytest.raises(ValueError, match="read-only"):
        m.durations_s[0, 1] = 5
    assert m == travel_matrix(town, places_on(town, [1, 2, 3, 4]))
    assert m != sub


def test_travel_matrix_validates_shapes() -> None:
    with pytest.raises(InputError, match="durations_s must be int64"):
        TravelMatrix(
            ids=("a",),
            names=("A",),
            durations_s=np.zeros((2, 2), dtype=np.int64),
            distances_m=np.zeros((1, 1), dtype=np.int64),
            reachable=np.ones((1, 1), dtype=bool),
            approximate=False,
            network_label="x",
        )


def test_bad_workers_and_foreign_nodes(town: RoadNetwork) -> None:
    with pytest.raises(InputError, match="workers"):
        travel_matrix(town, places_on(town, [1, 2]), workers=0)
    foreign = SnappedPlaces(
        ("a",), ("A",), np.array([1.0]), np.array([46.0]), np.array([999]), np.zeros(1)
    )
    with pytest.raises(InputError, match="999"):
        travel_matrix(town, foreign)


# --------------------------------------------------------------------------- cache


def test_cache_hit_skips_dijkstra(
    town: RoadNetwork, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    snapped = places_on(town, [1, 2, 3, 4, 6, 11], [10, 20, 0, 5, 50, 100])
    first = travel_matrix(town, snapped, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("matrix-*.npz"))) == 1
    assert len(list(tmp_path.glob("matrix-*.json"))) == 1

    def boom(*_args: Any, **_kwargs: Any) -> Any:
        msg = "dijkstra must not run on a cache hit"
        raise AssertionError(msg)

    monkeypatch.setattr(matrix_mod, "dijkstra", boom)
    second = travel_matrix(town, snapped, cache_dir=tmp_path)
    assert second == first
    # a different snapping distance is a different key: dijkstra would run
    other = places_on(town, [1, 2, 3, 4, 6, 11], [10, 20, 0, 5, 50, 101])
    with pytest.raises(AssertionError, match="cache hit"):
        travel_matrix(town, other, cache_dir=tmp_path)


def test_cache_hit_still_reports_unreachable(tmp_path: Path) -> None:
    network, snapped = _island_case()
    travel_matrix(network, snapped, cache_dir=tmp_path, allow_unreachable=True)
    with pytest.raises(UnreachableError):
        travel_matrix(network, snapped, cache_dir=tmp_path)


def test_corrupt_cache_is_recomputed(
    town: RoadNetwork, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    snapped = places_on(town, [1, 2, 3])
    first = travel_matrix(town, snapped, cache_dir=tmp_path)
    for npz in tmp_path.glob("matrix-*.npz"):
        npz.write_bytes(b"garbage")
    with caplog.at_level(logging.WARNING):
        again = travel_matrix(town, snapped, cache_dir=tmp_path)
    assert again == first
    assert "unreadable matrix cache" in caplog.text


def test_default_cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ITINERANT_CACHE_DIR", str(tmp_path / "c"))
    assert default_cache_dir() == tmp_path / "c"
    monkeypatch.delenv("ITINERANT_CACHE_DIR")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / ".cache" / "itinerant"


# --------------------------------------------------------------------------- processes


@pytest.mark.parametrize("method", ["default", "forkserver"])
def test_process_pool_gives_the_same_matrix(monkeypatch: pytest.MonkeyPatch, method: str) -> None:
    g = random_graph(3, n=60, island=False)
    network = RoadNetwork.from_graph(g, source="file", label="pool")
    snapped = places_on(network, list(g.nodes))
    serial = travel_matrix(network, snapped, workers=1, allow_unreachable=True)
    monkeypatch.setattr(matrix_mod, "_PARALLEL_MIN_WORK", 0)
    if method == "forkserver":
        if "forkserver" not in multiprocessing.get_all_start_methods():
            pytest.skip("no forkserver start method on this platform")
        monkeypatch.setattr(
            matrix_mod, "_pool_context", lambda: multiprocessing.get_context("forkserver")
        )
    pooled = travel_matrix(network, snapped, workers=2, allow_unreachable=True)
    assert pooled == serial
