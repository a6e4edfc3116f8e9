"""Paths on the road network as coordinates, for tracks on maps and GPS files.

:func:`path_coordinates` snaps both ends to their nearest graph nodes (great-circle, like
:func:`~itinerant.routing.snapping.snap_places`) and follows the *fastest* path between them,
with the very weights of :mod:`itinerant.routing.matrix` (travel time in deciseconds, ties broken
by length), so that the path drawn is the one whose time and distance the travel matrix gives.
Where an edge of a simplified OSM graph carries a ``geometry`` (the shape of the road between
two junctions), its points are followed; otherwise the path goes straight from node to node.

On an approximate network (one node per commune) the path goes from commune centre to commune
centre: a sketch of the route, not the road itself.
"""

from __future__ import annotations

import logging
import math
import weakref
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.sparse.csgraph import dijkstra
from sklearn.neighbors import BallTree

from itinerant.errors import InputError, SnappingError, UnreachableError
from itinerant.routing.matrix import _csr
from itinerant.routing.network import EARTH_RADIUS_M, RoadNetwork

__all__ = ["path_coordinates", "route_coordinates"]

logger = logging.getLogger(__name__)

Coordinate = tuple[float, float]
"""A point as ``(longitude, latitude)`` in WGS84 degrees."""

_TREES: weakref.WeakKeyDictionary[RoadNetwork, BallTree] = weakref.WeakKeyDictionary()
_TIME_SCALE = 10.0  # as in routing.matrix: combined weight = deciseconds + length * 1e-7
_LENGTH_SCALE = 1e-7


def path_coordinates(
    network: RoadNetwork,
    origin: Coordinate,
    destination: Coordinate,
    *,
    max_distance_m: float | None = None,
) -> list[Coordinate]:
    """The fastest road path from ``origin`` to ``destination``, as coordinates.

    Parameters
    ----------
    network
        The road network.
    origin, destination
        ``(longitude, latitude)`` in WGS84 degrees.
    max_distance_m
        Largest distance allowed between a point and its nearest node, in metres; default
        ``network.max_snap_m``.

    Returns
    -------
    list of (lon, lat)
        ``origin``, the path's nodes (and the shape points of edges that have a ``geometry``),
        then ``destination``; consecutive duplicates are dropped, so a path between two points
        snapped to the same node is ``[origin, node, destination]``.

    Raises
    ------
    InputError
        If a coordinate is not a valid WGS84 point.
    SnappingError
        If a point is farther than ``max_distance_m`` from any node.
    UnreachableError
        If no road path leads from ``origin`` to ``destination``.
    """
    return route_coordinates(network, [origin, destination], max_distance_m=max_distance_m)[0]


def route_coordinates(
    network: RoadNetwork,
    points: Sequence[Coordinate],
    *,
    max_distance_m: float | None = None,
) -> list[list[Coordinate]]:
    """The fastest road path between each pair of consecutive points (one snapping for all).

    Parameters
    ----------
    network
        The road network.
    points
        ``(longitude, latitude)`` in WGS84 degrees, at least two, in driving order.
    max_distance_m
        Largest distance allowed between a point and its nearest node, in metres; default
        ``network.max_snap_m``.

    Returns
    -------
    list of list of (lon, lat)
        ``len(points) - 1`` paths, each as :func:`path_coordinates` returns it.

    Raises
    ------
    InputError
        If fewer than two points are given or one is not a valid WGS84 point.
    SnappingError
        If a point is farther than ``max_distance_m`` from any node.
    UnreachableError
        Naming every leg with no road path.
    """
    if len(points) < 2:
        msg = f"route_coordinates: need at least two points (got {len(points)})"
        raise InputError(msg)
    lons = np.array([p[0] for p in points], dtype=np.float64)
    lats = np.array([p[1] for p in points], dtype=np.float64)
    bad = ~(np.isfinite(lons) & np.isfinite(lats) & (np.abs(lats) <= 90) & (np.abs(lons) <= 180))
    if bad.any():
        listing = ", ".join(f"({lons[i]}, {lats[i]})" for i in np.flatnonzero(bad).tolist())
        msg = f"route_coordinates: invalid WGS84 coordinates {listing}"
        raise InputError(msg)
    nodes = _nearest(network, lons, lats, max_distance_m)
    graph = _csr(network)
    arrays = network.arrays
    legs: list[list[Coordinate]] = []
    unreachable: list[tuple[str, str]] = []
    predecessors: dict[int, NDArray[np.int32]] = {}
    for k, (a, b) in enumerate(pairwise(nodes.tolist())):
        if a not in predecessors:
            _, pred = dijkstra(graph, directed=True, indices=a, return_predecessors=True)
            predecessors[a] = pred
        indices = _walk_back(predecessors[a], a, b)
        if indices is None:
            unreachable.append((_label(points[k]), _label(points[k + 1])))
            continue
        coords: list[Coordinate] = [(float(lons[k]), float(lats[k]))]
        coords.append((float(arrays.lons[indices[0]]), float(arrays.lats[indices[0]])))
        for u, v in pairwise(indices):
            coords.extend(_edge_shape(network, u, v))
        coords.append((float(lons[k + 1]), float(lats[k + 1])))
        legs.append(_dedupe(coords))
    if unreachable:
        raise UnreachableError(unreachable)
    return legs


def _label(point: Coordinate) -> str:
    return f"({point[0]:.6f}, {point[1]:.6f})"


def _nearest(
    network: RoadNetwork,
    lons: NDArray[np.float64],
    lats: NDArray[np.float64],
    max_distance_m: float | None,
) -> NDArray[np.int64]:
    """Node indices nearest to each point (great-circle), checking the snapping distance."""
    tree = _TREES.get(network)
    arrays = network.arrays
    if tree is None:
        tree = BallTree(np.radians(np.column_stack([arrays.lats, arrays.lons])), metric="haversine")
        _TREES[network] = tree
    dist_rad, idx = tree.query(np.radians(np.column_stack([lats, lons])), k=1)
    distances = dist_rad[:, 0] * EARTH_RADIUS_M
    limit = network.max_snap_m if max_distance_m is None else float(max_distance_m)
    too_far = np.flatnonzero(distances > limit)
    if too_far.size:
        raise SnappingError(
            [(f"({lons[i]:.6f}, {lats[i]:.6f})", float(distances[i])) for i in too_far.tolist()],
            limit,
        )
    return np.asarray(idx[:, 0], dtype=np.int64)


def _walk_back(pred: NDArray[np.int32], source: int, target: int) -> list[int] | None:
    """Node indices of the path ``source`` -> ``target`` from a predecessor array."""
    path = [target]
    node = target
    while node != source:
        node = int(pred[node])
        if node < 0:
            return None
        path.append(node)
    path.reverse()
    return path


def _edge_shape(network: RoadNetwork, u: int, v: int) -> list[Coordinate]:
    """Points of the fastest edge from node index ``u`` to ``v``, ending at ``v``.

    The fastest edge is chosen with the matrix's combined weight, so parallel edges are
    resolved as the shortest-path run resolved them.
    """
    arrays = network.arrays
    node_u, node_v = arrays.node_ids[[u, v]].tolist()
    end = (float(arrays.lons[v]), float(arrays.lats[v]))
    edges: dict[Any, dict[str, Any]] = network.graph[node_u][node_v]
    best = min(
        edges.values(),
        key=lambda d: (
            round(float(d["travel_time"]) * _TIME_SCALE) + float(d["length"]) * _LENGTH_SCALE
        ),
    )
    geometry = best.get("geometry")
    if geometry is None or not hasattr(geometry, "coords"):
        return [end]
    shape = [(float(x), float(y)) for x, y, *_ in geometry.coords]
    if len(shape) < 2:
        return [end]
    start = (float(arrays.lons[u]), float(arrays.lats[u]))
    if _sq(shape[0], end) + _sq(shape[-1], start) < _sq(shape[0], start) + _sq(shape[-1], end):
        shape.reverse()  # stored from v to u
    return [*shape[1:-1], end]


def _sq(a: Coordinate, b: Coordinate) -> float:
    return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2


def _dedupe(coords: list[Coordinate]) -> list[Coordinate]:
    """Drop consecutive duplicate points."""
    out = [coords[0]]
    for c in coords[1:]:
        if not (math.isclose(c[0], out[-1][0]) and math.isclose(c[1], out[-1][1])):
            out.append(c)
    return out
