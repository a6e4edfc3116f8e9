"""Travel matrices: integer seconds and metres between every pair of snapped places.

The duration from place ``i`` to place ``j`` (``i != j``) is::

    access(i) + shortest network time(node_i -> node_j) + access(j)

where the access leg is the snapping distance ×
:data:`~itinerant.routing.network.APPROX_DETOUR_FACTOR` driven at the network's
``access_speed_kmh`` (:data:`~itinerant.routing.network.ACCESS_SPEED_KMH` on real roads). So two
places snapped to the same node still differ by their access legs. The distance is the length of
the *fastest* path plus the two access legs. The diagonal is 0.

Shortest paths are computed with :func:`scipy.sparse.csgraph.dijkstra` on one CSR matrix built
from the graph, one run per distinct source node, in chunks of sources so that memory stays
bounded, in a process pool for large inputs (scipy holds the GIL, threads do not help). One
pass gives both time and length: the edge weight is ``round(travel_time × 10)`` (integer
deciseconds) ``+ length × 1e-7``, so the integer part of a path weight is its time in
deciseconds and the fractional part × 1e7 its length in metres (exact while paths are shorter
than 10,000 km); among equally fast paths the shortest wins.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import os
import threading
import weakref
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from itinerant.errors import InputError, UnreachableError
from itinerant.routing.cache import load_arrays, matrix_key, save_arrays
from itinerant.routing.network import APPROX_DETOUR_FACTOR, RoadNetwork
from itinerant.routing.snapping import SnappedPlaces
from itinerant.routing.travel_times import TravelMatrix

__all__ = ["travel_matrix"]

logger = logging.getLogger(__name__)

_TIME_SCALE = 10.0  # edge time unit in the combined weight: deciseconds
_LENGTH_SCALE = 1e-7  # metres -> fractional part of the combined weight
_MIN_WEIGHT = 1e-9  # csgraph treats explicit zeros as missing edges
_CHUNK_BYTES = 64 * 2**20  # largest (sources x nodes) float64 block per dijkstra call
_PARALLEL_MIN_WORK = 1e7  # sources x nodes below which one process is faster than a pool

_CSR_CACHE: weakref.WeakKeyDictionary[RoadNetwork, csr_matrix] = weakref.WeakKeyDictionary()


def travel_matrix(
    network: RoadNetwork,
    snapped: SnappedPlaces,
    *,
    cache_dir: Path | None = None,
    allow_unreachable: bool = False,
    workers: int | None = None,
) -> TravelMatrix:
    """Compute the travel matrix between snapped places (see the module docstring).

    Parameters
    ----------
    network
        The road network the places were snapped to.
    snapped
        The places, from :func:`~itinerant.routing.snapping.snap_places`.
    cache_dir
        If given, read the matrix from / write it to this folder (``.npz`` + ``.json``), keyed
        by the network fingerprint, place ids, nodes and snapping distances.
    allow_unreachable
        If False, unreachable pairs raise :class:`~itinerant.errors.UnreachableError`; if True
        they are logged as a warning, marked False in ``reachable`` and -1 in the matrices.
    workers
        Processes for the shortest-path runs; default ``min(2, os.cpu_count())``. Small inputs
        always run in the calling process.

    Returns
    -------
    TravelMatrix

    Raises
    ------
    UnreachableError
        Naming every unreachable ordered pair of places, unless ``allow_unreachable``.
    InputError
        If a place's node is not in the network or ``workers < 1``.
    """
    if workers is None:
        workers = min(2, os.cpu_count() or 1)
    if workers < 1:
        msg = f"travel_matrix: workers must be at least 1 (got {workers})"
        raise InputError(msg)
    key = None
    arrays = None
    if cache_dir is not None:
        key = matrix_key(
            fingerprint=network.fingerprint,
            ids=snapped.ids,
            nodes=snapped.nodes.tolist(),
            distances_m=snapped.distances_m,
            access_speed_kmh=network.access_speed_kmh,
        )
        arrays = load_arrays(Path(cache_dir), key)
        n = len(snapped)
        if arrays is not None and any(
            name not in arrays or arrays[name].shape != (n, n)
            for name in ("durations_s", "distances_m", "reachable")
        ):
            arrays = None
    if arrays is None:
        arrays = _compute(network, snapped, workers)
        if cache_dir is not None and key is not None:
            save_arrays(
                Path(cache_dir),
                key,
                arrays,
                {
                    "network": network.label,
                    "fingerprint": network.fingerprint,
                    "approximate": network.approximate,
                    "ids": list(snapped.ids),
                },
            )
    matrix = TravelMatrix(
        ids=snapped.ids,
        names=snapped.names,
        durations_s=arrays["durations_s"].astype(np.int64, copy=False),
        distances_m=arrays["distances_m"].astype(np.int64, copy=False),
        reachable=arrays["reachable"].astype(np.bool_, copy=False),
        approximate=network.approximate,
        network_label=network.label,
    )
    pairs = matrix.unreachable_pairs()
    if pairs:
        if not allow_unreachable:
            raise UnreachableError(pairs)
        logger.warning(
            "%d unreachable pair(s) of places on %s (kept as -1): %s",
            len(pairs),
            network.label,
            ", ".join(f"{a} -> {b}" for a, b in pairs),
        )
    return matrix


def _compute(network: RoadNetwork, snapped: SnappedPlaces, workers: int) -> dict[str, NDArray[Any]]:
    """Durations, distances and reachability arrays for the snapped places."""
    n = len(snapped)
    graph_arrays = network.arrays
    try:
        node_idx = np.fromiter(
            (graph_arrays.index_of[node] for node in snapped.nodes.tolist()), np.int64, n
        )
    except KeyError as exc:
        msg = f"travel_matrix: node {exc.args[0]!r} is not in {network.label}; snap again"
        raise InputError(msg) from None
    uniq, inv = np.unique(node_idx, return_inverse=True)
    weights = _shortest_weights(_csr(network), uniq, workers)[np.ix_(inv, inv)]

    reachable = np.isfinite(weights)
    w = np.where(reachable, weights, 0.0)
    time_ds = np.floor(w + 1e-6)
    length_m = np.clip(w - time_ds, 0.0, None) / _LENGTH_SCALE
    access_m = np.asarray(snapped.distances_m, dtype=np.float64) * APPROX_DETOUR_FACTOR
    access_s = access_m / (network.access_speed_kmh / 3.6)
    durations = time_ds / _TIME_SCALE + access_s[:, None] + access_s[None, :]
    distances = length_m + access_m[:, None] + access_m[None, :]
    np.fill_diagonal(durations, 0.0)
    np.fill_diagonal(distances, 0.0)
    np.fill_diagonal(reachable, val=True)
    return {
        "durations_s": np.where(reachable, np.rint(durations), -1).astype(np.int64),
        "distances_m": np.where(reachable, np.rint(distances), -1).astype(np.int64),
        "reachable": reachable,
    }


def _csr(network: RoadNetwork) -> csr_matrix:
    """The network as a CSR matrix of combined weights (fastest of parallel edges), cached."""
    cached = _CSR_CACHE.get(network)
    if cached is not None:
        return cached
    a = network.arrays
    n = len(a.node_ids)
    weight = np.rint(a.time_s * _TIME_SCALE) + a.length_m * _LENGTH_SCALE
    weight = np.maximum(weight, _MIN_WEIGHT)
    keep = a.src != a.dst  # self-loops never shorten a path
    src, dst, weight = a.src[keep], a.dst[keep], weight[keep]
    order = np.lexsort((weight, dst, src))
    src, dst, weight = src[order], dst[order], weight[order]
    first = np.ones(len(src), dtype=bool)
    first[1:] = (src[1:] != src[:-1]) | (dst[1:] != dst[:-1])
    matrix = csr_matrix((weight[first], (src[first], dst[first])), shape=(n, n))
    _CSR_CACHE[network] = matrix
    return matrix


# --------------------------------------------------------------------------- dijkstra runs

_worker_state: dict[str, Any] = {}


def _init_worker(graph: csr_matrix, targets: NDArray[np.int64]) -> None:
    _worker_state["graph"] = graph
    _worker_state["targets"] = targets


def _run_chunk(sources: NDArray[np.int64]) -> NDArray[np.float64]:
    return _dijkstra_chunk(_worker_state["graph"], sources, _worker_state["targets"])


def _dijkstra_chunk(
    graph: csr_matrix, sources: NDArray[np.int64], targets: NDArray[np.int64]
) -> NDArray[np.float64]:
    """Shortest combined weights from ``sources`` to ``targets`` (inf if unreachable)."""
    full = dijkstra(graph, directed=True, indices=sources)
    return np.asarray(full[:, targets], dtype=np.float64)


def _pool_context() -> multiprocessing.context.BaseContext:
    """``fork`` when this process runs a single thread (fastest, safe), else ``forkserver``."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        # the server imports this module once; each worker it forks then starts at once
        context.set_forkserver_preload([__name__])
        return context
    return multiprocessing.get_context("spawn")


def _shortest_weights(
    graph: csr_matrix, nodes: NDArray[np.int64], workers: int
) -> NDArray[np.float64]:
    """``(len(nodes), len(nodes))`` shortest combined weights between the given node indices."""
    n_nodes = graph.shape[0]
    n_src = len(nodes)
    chunk = max(1, min(n_src, _CHUNK_BYTES // (8 * max(n_nodes, 1))))
    parallel = workers > 1 and n_src * n_nodes >= _PARALLEL_MIN_WORK and n_src > 1
    if parallel:
        # at least two chunks per worker so that both stay busy until the end
        chunk = min(chunk, math.ceil(n_src / (2 * workers)))
    chunks = [nodes[i : i + chunk] for i in range(0, n_src, chunk)]
    logger.debug(
        "dijkstra: %d sources on %d nodes in %d chunk(s), %s",
        n_src,
        n_nodes,
        len(chunks),
        f"{workers} processes" if parallel else "1 process",
    )
    if not parallel:
        return np.vstack([_dijkstra_chunk(graph, c, nodes) for c in chunks])
    with ProcessPoolExecutor(
        max_workers=min(workers, len(chunks)),
        mp_context=_pool_context(),
        initializer=_init_worker,
        initargs=(graph, nodes),
    ) as pool:
        return np.vstack(list(pool.map(_run_chunk, chunks)))
