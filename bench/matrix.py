"""Benchmark of itinerant.routing.travel_matrix against a networkx baseline.

Run with ``.venv/bin/python bench/matrix.py [--side 320] [--sizes 100,500,1000] [--sample 20]``.

The road network is a synthetic road-like grid (side × side nodes, about 100 m apart, near
Guéret): a primary road (80 km/h) every 16th row and column, a tertiary road (60 km/h) every
4th, residential streets (30 km/h) elsewhere, one residential row or column in three one-way
(alternating directions), lengths 1.0-1.2 × the straight line. Random places are snapped to it,
then the travel matrix is computed through the pipeline (:func:`itinerant.pipeline.snap` and
:func:`itinerant.pipeline.matrix_between`, each run with an empty cache folder so that nothing
is read back; the snapping time is taken out), with one process and with two.
The networkx baseline runs ``nx.single_source_dijkstra_path_length(weight="travel_time")`` from
each distinct source node; for large sizes it runs a random sample of sources and extrapolates
linearly (said in the table).
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from typing import Any

import networkx as nx
import numpy as np

from itinerant.model import Location
from itinerant.pipeline import Place, matrix_between, snap
from itinerant.places import PlaceKey
from itinerant.routing import RoadNetwork
from itinerant.routing.network import haversine_m

LON0, LAT0 = 1.80, 46.10
DLON, DLAT = 0.0013, 0.0009  # about 100 m each way at this latitude


def road_grid(side: int, seed: int = 0) -> Any:
    """A side × side road-like grid as an osmnx-compatible MultiDiGraph."""
    rng = np.random.default_rng(seed)
    g = nx.MultiDiGraph(crs="epsg:4326")
    jj, ii = np.meshgrid(np.arange(side), np.arange(side))
    lons = LON0 + jj.ravel() * DLON + rng.normal(0, DLON * 0.1, side * side)
    lats = LAT0 + ii.ravel() * DLAT + rng.normal(0, DLAT * 0.1, side * side)
    g.add_nodes_from(
        (k, {"x": float(x), "y": float(y)}) for k, (x, y) in enumerate(zip(lons, lats, strict=True))
    )

    def add_line(nodes: np.ndarray, line: int) -> None:
        if line % 16 == 0:
            hwy, speed, oneway = "primary", 80.0, 0
        elif line % 4 == 0:
            hwy, speed, oneway = "tertiary", 60.0, 0
        else:
            hwy, speed = "residential", 30.0
            oneway = 0 if line % 3 else (1 if line % 2 else -1)
        a, b = nodes[:-1], nodes[1:]
        length = haversine_m(lons[a], lats[a], lons[b], lats[b]) * rng.uniform(1.0, 1.2, len(a))
        tt = length / (speed / 3.6)
        for u, v, ln, t in zip(a.tolist(), b.tolist(), length.tolist(), tt.tolist(), strict=True):
            attrs = {"length": ln, "speed_kph": speed, "travel_time": t, "highway": hwy}
            if oneway >= 0:
                g.add_edge(u, v, **attrs)
            if oneway <= 0:
                g.add_edge(v, u, **attrs)

    ids = np.arange(side * side).reshape(side, side)
    for r in range(side):
        add_line(ids[r, :], r)
    for c in range(side):
        add_line(ids[:, c], c)
    return g


def networkx_seconds(g: Any, sources: list[int], sample: int, rng: Any) -> tuple[float, str]:
    """Seconds for networkx to run dijkstra from every source (sampled and extrapolated)."""
    chosen = sources if len(sources) <= sample else list(rng.choice(sources, sample, False))
    t0 = time.perf_counter()
    for s in chosen:
        nx.single_source_dijkstra_path_length(g, int(s), weight="travel_time")
    elapsed = time.perf_counter() - t0
    if len(chosen) == len(sources):
        return elapsed, "measured"
    return elapsed * len(sources) / len(chosen), f"extrapolated from {len(chosen)} sources"


def peak_mb() -> tuple[float, float]:
    """Peak resident memory (MB) of this process and of its finished child processes."""
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return me, kids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--side", type=int, default=320, help="grid side (nodes = side²)")
    parser.add_argument("--sizes", default="100,500,1000", help="numbers of places")
    parser.add_argument("--sample", type=int, default=20, help="networkx sources when sampled")
    parser.add_argument("--full-networkx-up-to", type=int, default=100)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rng = np.random.default_rng(42)

    t0 = time.perf_counter()
    g = road_grid(args.side)
    t_graph = time.perf_counter() - t0
    t0 = time.perf_counter()
    network = RoadNetwork.from_graph(g, source="file", label=f"synthetic grid {args.side}²")
    t_wrap = time.perf_counter() - t0
    print(
        f"grid {args.side}x{args.side}: {network.n_nodes:,} nodes, {network.n_edges:,} edges "
        f"(built in {t_graph:.1f} s, wrapped + fingerprinted in {t_wrap:.1f} s); "
        f"{os.cpu_count()} CPU(s)"
    )

    rows = []
    for n in sizes:
        lons = rng.uniform(LON0, LON0 + (args.side - 1) * DLON, n)
        lats = rng.uniform(LAT0, LAT0 + (args.side - 1) * DLAT, n)
        places = [
            Place(PlaceKey.stop(f"p{k}"), f"p{k}", Location(float(lon), float(lat)))
            for k, (lon, lat) in enumerate(zip(lons, lats, strict=True))
        ]
        t0 = time.perf_counter()
        snapped = snap(network, places)
        t_snap = time.perf_counter() - t0
        timings = {}
        for workers in (1, 2):
            with tempfile.TemporaryDirectory(prefix="bench-matrix-") as cache:
                t0 = time.perf_counter()
                m = matrix_between(
                    network, places, cache_dir=cache, allow_unreachable=True, workers=workers
                )
                timings[workers] = time.perf_counter() - t0 - t_snap
        unreachable = int((~m.reachable).sum())
        sources = sorted({int(x) for x in snapped.nodes.tolist()})
        sample = len(sources) if n <= args.full_networkx_up_to else args.sample
        t_nx, how = networkx_seconds(g, sources, sample, rng)
        best = min(timings.values())
        rows.append((n, len(sources), t_snap, timings[1], timings[2], t_nx, how, t_nx / best))
        print(
            f"  {n} places done: snap {t_snap:.2f} s, 1 proc {timings[1]:.2f} s, "
            f"2 procs {timings[2]:.2f} s, networkx {t_nx:.1f} s ({how}); "
            f"{unreachable} unreachable pairs"
        )

    print()
    header = (
        f"{'places':>6} {'sources':>7} {'snap s':>7} {'ours 1p s':>9} {'ours 2p s':>9} "
        f"{'networkx s':>10} {'speed-up':>8}  networkx timing"
    )
    print(header)
    print("-" * len(header))
    for n, srcs, t_snap, t1, t2, t_nx, how, ratio in rows:
        print(
            f"{n:>6} {srcs:>7} {t_snap:>7.2f} {t1:>9.2f} {t2:>9.2f} {t_nx:>10.1f} "
            f"{ratio:>7.0f}x  {how}"
        )
    me, kids = peak_mb()
    print(f"\npeak memory: {me:.0f} MB (this process), {kids:.0f} MB (largest worker process)")
    print("speed-up = networkx / best of our two timings")


if __name__ == "__main__":
    main()
