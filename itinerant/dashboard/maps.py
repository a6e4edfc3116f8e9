"""Map layers as plain data: communes coloured by Need or drive time, places, Tours of a day.

The pages hand these to pydeck as they are: GeoJSON features (:func:`commune_features`), points
(:func:`place_points`) and paths along the road network (:func:`tour_paths`), each with its
colour (RGBA, 0..255) and a tooltip ``label``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from itinerant.i18n import t
from itinerant.io.geojsonfiles import geojson_geometry
from itinerant.routing import route_coordinates

if TYPE_CHECKING:
    import datetime as dt

    from itinerant.dashboard.workspace import Workspace
    from itinerant.schedule.schedule import Schedule

__all__ = ["BUS_COLOURS", "RGBA", "bus_colour", "commune_features", "place_points", "tour_paths"]

RGB = tuple[int, int, int]
RGBA = tuple[int, int, int, int]


def _rgb(*codes: str) -> tuple[RGB, ...]:
    """Colours written ``"#rrggbb"`` as (red, green, blue) triples."""
    return tuple((int(c[1:3], 16), int(c[3:5], 16), int(c[5:7], 16)) for c in codes)


_RAMP = _rgb("#fff7ec", "#fdd49e", "#fc8d59", "#d7301f", "#7f0000")
"""Colour ramp from pale (low) to dark red (high) for Need and drive times."""
_NO_VALUE: RGBA = (200, 200, 200, 160)
_NO_COLOUR: RGBA = (235, 235, 235, 120)
BUS_COLOURS = _rgb("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2")
"""Colours of buses on maps and timelines, in the order of the scenario's buses."""

PlaceKind = Literal["service_points", "stops", "depots", "popups"]
_PLACE_COLOURS: dict[str, RGBA] = {
    "service_points": (0, 90, 160, 230),
    "stops": (230, 120, 0, 230),
    "depots": (40, 40, 40, 230),
    "popups": (150, 0, 150, 230),
}


def _ramp(value: float | None, low: float, high: float, alpha: int = 190) -> RGBA:
    if value is None:
        return _NO_VALUE
    span = high - low
    x = 0.0 if span <= 0 else min(max((value - low) / span, 0.0), 1.0)
    pos = x * (len(_RAMP) - 1)
    i = min(int(pos), len(_RAMP) - 2)
    frac = pos - i
    a, b = _RAMP[i], _RAMP[i + 1]
    r, g, bl = (round(a[k] + (b[k] - a[k]) * frac) for k in range(3))
    return (r, g, bl, alpha)


def bus_colour(workspace: Workspace, bus: str, alpha: int = 220) -> list[int]:
    """The RGBA colour of ``bus`` (by its rank among the scenario's buses)."""
    order = [b.id for b in workspace.scenario.buses]
    index = order.index(bus) if bus in order else 0
    return [*BUS_COLOURS[index % len(BUS_COLOURS)], alpha]


def commune_features(
    workspace: Workspace, colour_by: Literal["need", "minutes", "none"] = "need"
) -> dict[str, Any]:
    """Commune boundaries as a GeoJSON FeatureCollection, filled by Need or drive time.

    Each feature's properties hold ``code``, ``name``, ``population``, ``minutes`` (drive to the
    nearest ServicePoint, ``None`` when unreachable), ``need``, ``need_index``, ``fill`` (RGBA)
    and ``label`` (a tooltip text). Communes without a boundary are left out.
    """
    access = {c.code: c for c in workspace.diagnostic.communes}
    top_need = max((c.need for c in access.values()), default=0.0)
    far = workspace.scenario.need.far_minutes
    features = []
    for commune in workspace.scenario.territory.communes:
        if commune.boundary is None:
            continue
        a = access.get(commune.code)
        minutes = a.minutes if a else None
        need = a.need if a else 0.0
        if colour_by == "need":
            fill = _ramp(need, 0.0, top_need)
        elif colour_by == "minutes":
            fill = _ramp(minutes, 0.0, far)
        else:
            fill = _NO_COLOUR
        shown = "—" if minutes is None else f"{minutes:.0f}"
        features.append(
            {
                "type": "Feature",
                "geometry": geojson_geometry(commune.boundary),
                "properties": {
                    "code": commune.code,
                    "name": commune.name,
                    "population": commune.population,
                    "minutes": None if minutes is None else round(minutes, 1),
                    "need": round(need, 1),
                    "need_index": round(a.need_index, 3) if a else 0.0,
                    "fill": list(fill),
                    "label": t(
                        "app.map.commune_tip",
                        name=commune.name,
                        population=commune.population,
                        minutes=shown,
                        need=f"{need:.0f}",
                    ),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def place_points(workspace: Workspace, kinds: Iterable[PlaceKind]) -> list[dict[str, Any]]:
    """Points of the scenario's places for a map.

    Each item: ``lon``, ``lat``, ``id``, ``name``, ``kind``, ``colour`` (RGBA), ``label``.
    """
    scenario = workspace.scenario
    places: dict[str, Sequence[Any]] = {
        "service_points": scenario.territory.service_points,
        "stops": scenario.stops,
        "depots": scenario.depots,
        "popups": scenario.popups,
    }
    return [
        {
            "lon": row.location.lon,
            "lat": row.location.lat,
            "id": row.id,
            "name": row.name,
            "kind": kind,
            "colour": list(_PLACE_COLOURS[kind]),
            "label": f"{row.name} ({t('app.map.kind.' + kind)})",
        }
        for kind in kinds
        for row in places[kind]
    ]


def _along_roads(workspace: Workspace, points: list[list[float]]) -> list[list[float]]:
    """The path through ``points`` (``[lon, lat]``) along the fastest roads of the network."""
    if len(points) < 2:
        return points
    legs = route_coordinates(workspace.network, [(lon, lat) for lon, lat in points])
    road = [list(points[0])]
    for leg in legs:  # each leg runs from one place to the next, both included
        road += [[lon, lat] for lon, lat in leg[1:]]
    return road


def tour_paths(workspace: Workspace, schedule: Schedule, day: dt.date) -> list[dict[str, Any]]:
    """The Tours of ``day`` as paths: depot, Stops, depot, along the road network.

    Legs follow the fastest path of :attr:`Workspace.network` (as the roadbook and GPX do; on
    the approximate network, from commune centre to commune centre).

    Each item: ``bus``, ``name``, ``path`` (list of ``[lon, lat]``), ``colour`` (RGBA) and
    ``stops`` (list of ``{"lon", "lat", "name", "order"}``).
    """
    scenario = workspace.scenario
    buses = {b.id: b for b in scenario.buses}
    depots = {d.id: d for d in scenario.depots}
    stops = {s.id: s for s in scenario.stops}
    out = []
    for tour in schedule.tours:
        if tour.date != day:
            continue
        bus = buses.get(tour.bus)
        depot = depots.get(bus.depot) if bus else None
        home = [[depot.location.lon, depot.location.lat]] if depot is not None else []
        called = [
            (k, visit, stops[visit.stop])
            for k, visit in enumerate(tour.visits, start=1)
            if visit.stop in stops
        ]
        calls = [
            {
                "lon": stop.location.lon,
                "lat": stop.location.lat,
                "name": f"{k}. {stop.name} {visit.start:%H:%M}–{visit.end:%H:%M}",
                "order": k,
            }
            for k, visit, stop in called
        ]
        points = [*home, *([s.location.lon, s.location.lat] for _, _, s in called), *home]
        out.append(
            {
                "bus": tour.bus,
                "name": bus.name if bus else tour.bus,
                "path": _along_roads(workspace, points),
                "colour": bus_colour(workspace, tour.bus),
                "stops": calls,
            }
        )
    return out
