"""Road networks, snapping and travel matrices (the only package that imports osmnx/networkx).

Typical use::

    network = network_from_file("creuse.osm.pbf")  # or network_from_osm, approximate_network
    snapped = snap_places(network, ids, names, lons, lats)  # SnappingError if too far
    matrix = travel_matrix(network, snapped, cache_dir=default_cache_dir() / "matrices")

Names are loaded lazily (PEP 562), each from its own module when first used: ``from
itinerant.routing import TravelMatrix`` loads :mod:`~itinerant.routing.travel_times` (numpy only)
and none of scipy's graph routines, networkx, osmnx or scikit-learn.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from itinerant.routing.cache import default_cache_dir
    from itinerant.routing.matrix import travel_matrix
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
    from itinerant.routing.travel_times import TravelMatrix

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

_MODULES = {
    "cache": "default_cache_dir",
    "matrix": "travel_matrix",
    "network": "ACCESS_SPEED_KMH APPROX_DETOUR_FACTOR APPROX_MAX_SNAP_M APPROX_SPEED_KMH "
    "HWY_SPEEDS_KMH OSM_MAX_SNAP_M NetworkSource RoadNetwork approximate_network "
    "network_from_file network_from_osm",
    "paths": "path_coordinates route_coordinates",
    "snapping": "SnappedPlaces snap_places",
    "travel_times": "TravelMatrix",
}
_HOME = {name: module for module, names in _MODULES.items() for name in names.split()}
"""The module that defines each public name."""


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
