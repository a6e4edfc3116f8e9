"""Choosing the road network of a Scenario and computing travel matrices between its places.

This is the one place that turns a :class:`~itinerant.model.Scenario` into routing inputs; the
routing layer itself (:mod:`itinerant.routing`) knows nothing of scenarios.

Network specifications (``--network`` on the command line, ``[network] source`` in
``scenario.toml``):

``approximate``
    One node per commune, edges between touching communes (offline default, *approximate*).
``osm``
    OpenStreetMap roads downloaded with osmnx for the Territory's boundary (needs internet; the
    download is cached as GraphML).
a path
    A local ``.osm``, ``.osm.bz2``, ``.osm.pbf`` or ``.graphml`` file.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from itinerant.errors import InputError
from itinerant.model import Location, Scenario
from itinerant.routing import (
    RoadNetwork,
    TravelMatrix,
    approximate_network,
    default_cache_dir,
    network_from_file,
    network_from_osm,
    snap_places,
    travel_matrix,
)

__all__ = ["Place", "build_network", "matrix_between", "scenario_places"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Place:
    """A named point to route between (a commune, a ServicePoint, a Stop, a Depot...)."""

    id: str
    name: str
    location: Location


def build_network(
    scenario: Scenario,
    spec: str | None = None,
    *,
    cache_dir: str | os.PathLike[str] | None = None,
) -> RoadNetwork:
    """Build the road network for ``scenario``.

    Parameters
    ----------
    scenario
        The scenario; its Territory gives the boundary (OSM) or the communes (approximate).
    spec
        ``"approximate"``, ``"osm"`` or a file path; defaults to the scenario's
        ``[network] source``.
    cache_dir
        Where downloaded networks are cached (default: :func:`default_cache_dir`).
    """
    spec = spec or scenario.network.source
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    territory = scenario.territory
    if spec in ("approximate", "approx"):
        communes = territory.communes
        if any(c.boundary is None for c in communes):
            msg = "the approximate network needs every commune's boundary (territory.boundaries)"
            raise InputError(msg)
        return approximate_network(
            [c.code for c in communes],
            [c.name for c in communes],
            [(c.point.lon, c.point.lat) for c in communes],
            [c.boundary for c in communes if c.boundary is not None],
            detour_factor=scenario.network.detour_factor,
            speed_kmh=scenario.network.speed_kmh,
        )
    if spec == "osm":
        boundary = territory.boundary
        if boundary is None:
            msg = "downloading OSM roads needs the Territory's boundary (territory.boundaries)"
            raise InputError(msg)
        return network_from_osm(polygon=boundary, cache_dir=cache)
    path = Path(spec)
    if not path.is_file():
        msg = f"network {spec!r} is neither 'approximate', 'osm' nor an existing file"
        raise InputError(msg)
    return network_from_file(path)


def scenario_places(scenario: Scenario) -> list[Place]:
    """Every place of a scenario: communes, ServicePoints, Depots, Stops and PopUps.

    Ids are prefixed by their kind (``commune:23096``, ``sp:ft-gueret``...) so they are unique.
    """
    t = scenario.territory
    places = [Place(f"commune:{c.code}", c.name, c.point) for c in t.communes]
    places += [Place(f"sp:{s.id}", s.name, s.location) for s in t.service_points]
    places += [Place(f"depot:{d.id}", d.name, d.location) for d in scenario.depots]
    places += [Place(f"stop:{s.id}", s.name, s.location) for s in scenario.stops]
    places += [Place(f"popup:{p.id}", p.name, p.location) for p in scenario.popups]
    return places


def matrix_between(
    network: RoadNetwork,
    places: Sequence[Place],
    *,
    cache_dir: str | os.PathLike[str] | None = None,
    allow_unreachable: bool = False,
) -> TravelMatrix:
    """Snap ``places`` to ``network`` (one vectorised call) and compute their travel matrix."""
    snapped = snap_places(
        network,
        [p.id for p in places],
        [p.name for p in places],
        [p.location.lon for p in places],
        [p.location.lat for p in places],
    )
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    return travel_matrix(network, snapped, cache_dir=cache, allow_unreachable=allow_unreachable)
