"""Geometries as RFC 7946 GeoJSON: the one way itinerant turns a geometry into GeoJSON.

RFC 7946 section 3.1.6: a polygon's exterior ring is counter-clockwise and its holes
clockwise. Shapely keeps rings as they were read (French open data often has them clockwise),
so every GeoJSON geometry that itinerant writes goes through :func:`geojson_geometry`, which
orients each polygon (``shapely.geometry.polygon.orient`` with ``sign=1``) before mapping it.
"""

from __future__ import annotations

from typing import Any

from shapely.geometry import GeometryCollection, MultiPolygon, Polygon, mapping
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

__all__ = ["geojson_geometry", "rfc7946_oriented"]


def rfc7946_oriented(geometry: BaseGeometry) -> BaseGeometry:
    """``geometry`` with every polygon's exterior counter-clockwise and holes clockwise.

    Points and lines are returned unchanged; multi-polygons and collections part by part.
    """
    if isinstance(geometry, Polygon):
        return orient(geometry, sign=1.0)
    if isinstance(geometry, MultiPolygon):
        return MultiPolygon([orient(p, sign=1.0) for p in geometry.geoms])
    if isinstance(geometry, GeometryCollection):
        return GeometryCollection([rfc7946_oriented(g) for g in geometry.geoms])
    return geometry


def geojson_geometry(geometry: BaseGeometry) -> dict[str, Any]:
    """The GeoJSON mapping of ``geometry``, its rings oriented as RFC 7946 requires."""
    return dict(mapping(rfc7946_oriented(geometry)))
