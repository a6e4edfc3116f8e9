"""The one pipeline from a scenario to planning data, used by every entry point.

CLI commands, the dashboard, the demo and the benchmarks all go the same way, with the same
options::

    scenario = load_scenario_or_default(path)          # io: load + validate
    routed = route_scenario(scenario, network="approx")  # routing: network, snapping, matrix
    routed.diagnostic                                    # access diagnostic (Need per commune)
    data = routed.planning_data()                        # schedule: PlanningData for the planner

:func:`route_scenario` builds the road network (:func:`build_network`), snaps every place of the
scenario (:func:`scenario_places`) and computes one travel matrix between them all; pairs that
no road joins are *named*, never an error here (a commune cut off by the network must still be
diagnosed and planned around), so every entry point sees the same matrix. This module is the
only one that turns a :class:`~itinerant.model.Scenario` into routing inputs: the routing layer
itself (:mod:`itinerant.routing`) knows nothing of scenarios.

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
from typing import TYPE_CHECKING

from itinerant.access import AccessDiagnostic, diagnose
from itinerant.errors import InputError
from itinerant.io import default_scenario_dir, load_scenario
from itinerant.model import Location, PlanSettings, Scenario
from itinerant.places import PlaceKey, PlaceKind
from itinerant.routing import (
    RoadNetwork,
    SnappedPlaces,
    TravelMatrix,
    approximate_network,
    default_cache_dir,
    network_from_file,
    network_from_osm,
    snap_places,
    travel_matrix,
)

if TYPE_CHECKING:
    from itinerant.schedule.data import PlanningData

__all__ = [
    "Place",
    "RoutedScenario",
    "build_network",
    "load_scenario_or_default",
    "matrix_between",
    "route_scenario",
    "scenario_places",
    "snap",
]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Place:
    """A named point to route between (a commune, a ServicePoint, a Stop, a Depot...)."""

    id: PlaceKey
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

    Ids are :class:`~itinerant.places.PlaceKey` handles (``commune:23096``, ``sp:ft-gueret``...),
    unique across kinds.
    """
    t = scenario.territory
    places = [Place(PlaceKey.commune(c.code), c.name, c.point) for c in t.communes]
    places += [Place(PlaceKey.service_point(s.id), s.name, s.location) for s in t.service_points]
    places += [Place(PlaceKey.depot(d.id), d.name, d.location) for d in scenario.depots]
    places += [Place(PlaceKey.stop(s.id), s.name, s.location) for s in scenario.stops]
    places += [Place(PlaceKey.popup(p.id), p.name, p.location) for p in scenario.popups]
    return places


_ACCESS_KINDS = frozenset({PlaceKind.COMMUNE, PlaceKind.SERVICE_POINT})


def snap(network: RoadNetwork, places: Sequence[Place]) -> SnappedPlaces:
    """Snap ``places`` to ``network`` in one vectorised call (``SnappingError`` if too far)."""
    return snap_places(
        network,
        [p.id for p in places],
        [p.name for p in places],
        [p.location.lon for p in places],
        [p.location.lat for p in places],
    )


def matrix_between(
    network: RoadNetwork,
    places: Sequence[Place],
    *,
    cache_dir: str | os.PathLike[str] | None = None,
    allow_unreachable: bool = False,
    workers: int | None = None,
) -> TravelMatrix:
    """Snap ``places`` to ``network`` (:func:`snap`) and compute their travel matrix.

    ``workers`` is the number of processes of the shortest-path runs (default: up to 2, see
    :func:`~itinerant.routing.travel_matrix`).
    """
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    return travel_matrix(
        network,
        snap(network, places),
        cache_dir=cache,
        allow_unreachable=allow_unreachable,
        workers=workers,
    )


def load_scenario_or_default(folder: str | os.PathLike[str] | None = None) -> Scenario:
    """Load and validate the scenario in ``folder`` (default: the embedded default territory)."""
    return load_scenario(folder if folder is not None else default_scenario_dir())


@dataclass(frozen=True)
class RoutedScenario:
    """A scenario with its road network, travel matrix and access diagnostic (never mutated).

    ``matrix`` covers every place of the scenario, or only its communes and ServicePoints when
    it was routed with ``access_only`` (enough for the diagnostic, not for planning).
    """

    scenario: Scenario
    network: RoadNetwork
    matrix: TravelMatrix
    diagnostic: AccessDiagnostic

    @property
    def approximate(self) -> bool:
        """Whether the travel times come from the approximate network."""
        return self.matrix.approximate

    def planning_data(self, settings: PlanSettings | None = None) -> PlanningData:
        """The planner's prepared data, with ``settings`` or else the scenario's ``[plan]``."""
        from itinerant.schedule.data import prepare  # noqa: PLC0415 (loads the planner's stage)

        return prepare(self.scenario, self.matrix, self.diagnostic, settings or self.scenario.plan)


def route_scenario(
    scenario: Scenario,
    *,
    network: str | RoadNetwork | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    access_only: bool = False,
) -> RoutedScenario:
    """Route ``scenario``: network, snapping, one travel matrix and the access diagnostic.

    Parameters
    ----------
    scenario
        The validated scenario.
    network
        ``"approximate"``, ``"osm"``, a file path (see :func:`build_network`), or a network
        already built; default: the scenario's ``[network] source``.
    cache_dir
        Cache of downloaded networks and computed matrices (default ``~/.cache/itinerant``).
    access_only
        Compute the matrix between communes and ServicePoints only (the diagnostic's need).
    """
    road = (
        network
        if isinstance(network, RoadNetwork)
        else build_network(scenario, network, cache_dir=cache_dir)
    )
    places = scenario_places(scenario)
    if access_only:
        places = [p for p in places if p.id.kind in _ACCESS_KINDS]
    matrix = matrix_between(road, places, cache_dir=cache_dir, allow_unreachable=True)
    return RoutedScenario(scenario, road, matrix, diagnose(scenario, matrix))
