"""Snap places (communes, stops, depots...) to their nearest road-network node, all at once."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.neighbors import BallTree

from itinerant.errors import InputError, SnappingError
from itinerant.routing.network import EARTH_RADIUS_M, RoadNetwork, same_length
from itinerant.routing.travel_times import fields_equal

__all__ = ["SnappedPlaces", "snap_places"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, eq=False)
class SnappedPlaces:
    """Places and the road-network nodes they are snapped to.

    Attributes
    ----------
    ids
        Unique place ids (e.g. INSEE code, stop id).
    names
        Place names, for messages.
    lons, lats
        Place coordinates in WGS84 degrees (float64).
    nodes
        Graph node id of each place's nearest node.
    distances_m
        Great-circle distance from each place to its node, in metres (float64).
    """

    ids: tuple[str, ...]
    names: tuple[str, ...]
    lons: NDArray[np.float64]
    lats: NDArray[np.float64]
    nodes: NDArray[np.generic]
    distances_m: NDArray[np.float64]

    def __len__(self) -> int:
        return len(self.ids)

    def __eq__(self, other: object) -> bool:
        return fields_equal(self, other) if isinstance(other, SnappedPlaces) else NotImplemented

    __hash__ = None  # type: ignore[assignment]


def snap_places(
    network: RoadNetwork,
    ids: Sequence[str],
    names: Sequence[str],
    lons: ArrayLike,
    lats: ArrayLike,
    *,
    max_distance_m: float | None = None,
) -> SnappedPlaces:
    """Snap every place to its nearest graph node in one vectorised query.

    Uses a haversine ball tree on the node coordinates; distances are great-circle metres.

    Parameters
    ----------
    network
        The road network.
    ids
        Unique place ids.
    names
        Place names (same length), used in error messages.
    lons, lats
        Place coordinates in WGS84 degrees.
    max_distance_m
        Largest distance allowed between a place and its node, in metres; default
        ``network.max_snap_m``.

    Returns
    -------
    SnappedPlaces

    Raises
    ------
    InputError
        On mismatched lengths, duplicate ids or non-finite / out-of-range coordinates.
    SnappingError
        Naming every place (with its distance) farther than ``max_distance_m`` from any node.
    """
    lon = np.array(lons, dtype=np.float64).reshape(-1)  # a copy: made read-only below
    lat = np.array(lats, dtype=np.float64).reshape(-1)
    n = same_length("snap_places", ids=ids, names=names, lons=lon, lats=lat)
    dupes = sorted(k for k, c in Counter(ids).items() if c > 1)
    if dupes:
        msg = f"snap_places: duplicate place ids {', '.join(map(str, dupes))}"
        raise InputError(msg)
    bad = ~(np.isfinite(lon) & np.isfinite(lat) & (np.abs(lat) <= 90) & (np.abs(lon) <= 180))
    if bad.any():
        listing = ", ".join(
            f"{names[i]} ({lon[i]}, {lat[i]})" for i in np.flatnonzero(bad).tolist()
        )
        msg = f"snap_places: invalid WGS84 coordinates for {listing}"
        raise InputError(msg)
    limit = network.max_snap_m if max_distance_m is None else float(max_distance_m)
    arrays = network.arrays
    if n == 0:
        return SnappedPlaces(
            (), (), lon, lat, arrays.node_ids[:0].copy(), np.zeros(0, dtype=np.float64)
        )

    tree = BallTree(np.radians(np.column_stack([arrays.lats, arrays.lons])), metric="haversine")
    dist_rad, idx = tree.query(np.radians(np.column_stack([lat, lon])), k=1)
    distances = np.asarray(dist_rad[:, 0] * EARTH_RADIUS_M, dtype=np.float64)
    nodes = arrays.node_ids[idx[:, 0]]

    too_far = np.flatnonzero(distances > limit)
    if too_far.size:
        raise SnappingError([(names[i], float(distances[i])) for i in too_far.tolist()], limit)
    logger.debug(
        "snapped %d places to %s (max %.0f m, mean %.0f m)",
        n,
        network.label,
        distances.max(),
        distances.mean(),
    )
    for arr in (lon, lat, nodes, distances):
        arr.setflags(write=False)
    return SnappedPlaces(tuple(map(str, ids)), tuple(map(str, names)), lon, lat, nodes, distances)
