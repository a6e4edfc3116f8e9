"""Road networks, snapping and travel matrices (the only package that imports osmnx/networkx).

Typical use::

    network = network_from_file("creuse.osm.pbf")  # or network_from_osm, approximate_network
    snapped = snap_places(network, ids, names, lons, lats)  # SnappingError if too far
    matrix = travel_matrix(network, snapped, cache_dir=default_cache_dir() / "matrices")
"""

from __future__ import annotations

from itinerant.routing.cache import default_cache_dir
from itinerant.routing.matrix import TravelMatrix, travel_matrix
from itinerant.routing.network import (
    ACCESS_SPEED_KMH,
    APPROX_DETOUR_FACTOR,
    APPROX_MAX_SNAP_M,
    APPROX_SPEED_KMH,
    HWY_SPEEDS_KMH,
    OSM_MAX_SNAP_M,
    NetworkSource,
    RoadNetwork,
    approximate_network,
    network_from_file,
    network_from_osm,
)
from itinerant.routing.paths import path_coordinates, route_coordinates
from itinerant.routing.snapping import SnappedPlaces, snap_places

__all__ = [
    "ACCESS_SPEED_KMH",
    "APPROX_DETOUR_FACTOR",
    "APPROX_MAX_SNAP_M",
    "APPROX_SPEED_KMH",
    "HWY_SPEEDS_KMH",
    "OSM_MAX_SNAP_M",
    "NetworkSource",
    "RoadNetwork",
    "SnappedPlaces",
    "TravelMatrix",
    "approximate_network",
    "default_cache_dir",
    "network_from_file",
    "network_from_osm",
    "path_coordinates",
    "route_coordinates",
    "snap_places",
    "travel_matrix",
]
