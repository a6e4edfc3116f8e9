"""Road networks: OpenStreetMap download, local files, or an approximate commune graph.

Three sources give the same object, a :class:`RoadNetwork` holding an osmnx-compatible
:class:`networkx.MultiDiGraph` in WGS84 (``crs`` graph attribute ``"epsg:4326"``, node attributes
``x`` = longitude and ``y`` = latitude in degrees, edge attributes ``length`` in metres,
``speed_kph`` in km/h and ``travel_time`` in seconds):

- :func:`network_from_osm` downloads the drivable roads of a polygon or a named place with osmnx
  and caches them as GraphML;
- :func:`network_from_file` reads a local ``.osm``, ``.osm.bz2``, ``.osm.pbf`` or ``.graphml`` file,
  offline;
- :func:`approximate_network` builds one node per commune and joins neighbouring communes by a
  straight line lengthened by :data:`APPROX_DETOUR_FACTOR` and driven at :data:`APPROX_SPEED_KMH`.

The graph is enriched (speeds, travel times) once, when it is built, and treated as read-only
afterwards: nothing in :mod:`itinerant.routing` mutates it.
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
import tempfile
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence, Sized
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal
from xml.sax.saxutils import quoteattr

import networkx as nx
import numpy as np
import osmnx as ox
import shapely
from numpy.typing import NDArray
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from itinerant.errors import InputError, NetworkError

__all__ = [
    "ACCESS_SPEED_KMH",
    "APPROX_DETOUR_FACTOR",
    "APPROX_MAX_SNAP_M",
    "APPROX_SPEED_KMH",
    "EARTH_RADIUS_M",
    "HWY_SPEEDS_KMH",
    "OSM_MAX_SNAP_M",
    "NetworkSource",
    "RoadNetwork",
    "approximate_network",
    "haversine_m",
    "is_drivable",
    "network_from_file",
    "network_from_osm",
]

logger = logging.getLogger(__name__)

NetworkSource = Literal["osm", "file", "approximate"]

#: Mean Earth radius in metres (the value osmnx uses for great-circle distances).
EARTH_RADIUS_M = 6_371_009.0

HWY_SPEEDS_KMH: Mapping[str, float] = MappingProxyType(
    {
        "motorway": 120.0,
        "motorway_link": 60.0,
        "trunk": 100.0,
        "trunk_link": 50.0,
        "primary": 80.0,
        "primary_link": 45.0,
        "secondary": 70.0,
        "secondary_link": 40.0,
        "tertiary": 60.0,
        "tertiary_link": 35.0,
        "unclassified": 50.0,
        "road": 40.0,
        "residential": 30.0,
        "living_street": 20.0,
        "service": 20.0,
        "busway": 30.0,
    }
)
"""Realistic average driving speeds in France by OSM ``highway`` class, in km/h.

========================  ======  ===========================================================
class                     km/h    rationale
========================  ======  ===========================================================
motorway                  120     limit 130 (110 in rain), average with traffic and tolls
motorway_link             60      slip roads and interchanges
trunk                     100     dual carriageways (voies express), limit 110
trunk_link                50
primary                   80      main departmental / national roads, limit 80-90 out of town
primary_link              45
secondary                 70      departmental roads crossing villages
secondary_link            40
tertiary                  60      small departmental roads
tertiary_link             35
unclassified              50      minor rural roads (voies communales)
road                      40      road of unknown class
residential               30      streets in towns and villages (zones 30, limit 50)
living_street             20      zones de rencontre, limit 20
service                   20      access roads (only in networks that include them)
busway                    30
========================  ======  ===========================================================

They are passed as ``hwy_speeds`` to :func:`osmnx.add_edge_speeds`. Where an edge has a posted
``maxspeed`` lower than the speed of its class (a primary road through a village at 50 km/h), the
posted limit is kept; a posted limit above the class speed (130 on a motorway) is lowered to the
class speed, because a limit is an upper bound and the table gives averages.
"""

APPROX_DETOUR_FACTOR = 1.3
"""Road distance ≈ 1.3 × straight-line distance between neighbouring rural commune centres.

The usual circuity of French rural road networks between nearby places is 1.2 to 1.4.
"""

APPROX_SPEED_KMH = 60.0
"""Mean speed on French rural departmental roads, in km/h (limit 80, villages at 50 and 30)."""

ACCESS_SPEED_KMH = 30.0
"""Speed of the access leg between a place and the road node it snaps to, in km/h.

The access leg is the snapping distance × :data:`APPROX_DETOUR_FACTOR` driven at this speed
(local streets, car parks). On an approximate network the access leg is driven at the network's
own speed instead, since it stands for the roads inside the commune.
"""

OSM_MAX_SNAP_M = 1_000.0
"""Default largest distance between a place and its road node on OSM and file networks, metres."""

APPROX_MAX_SNAP_M = 20_000.0
"""Default largest snapping distance on an approximate network, in metres.

Places snap to commune centres there; 20 km covers the largest French communes.
"""

#: Osmnx's ``"drive"`` Overpass filter, as regular expressions a way's tag must NOT match
#: (``!~`` in Overpass QL); the ``access`` rule is osmnx's ``settings.default_access``.
_DRIVE_EXCLUDE: Mapping[str, re.Pattern[str]] = MappingProxyType(
    {
        "area": re.compile("yes"),
        "access": re.compile("private"),
        "highway": re.compile(
            "abandoned|bridleway|bus_guideway|construction|corridor|cycleway|elevator|"
            "escalator|footway|no|path|pedestrian|planned|platform|proposed|raceway|razed|"
            "rest_area|service|services|steps|track"
        ),
        "motor_vehicle": re.compile("no"),
        "motorcar": re.compile("no"),
        "service": re.compile("alley|driveway|emergency_access|parking|parking_aisle|private"),
    }
)

_OSM_SUFFIXES = (".osm", ".osm.bz2", ".osm.pbf", ".graphml")


def haversine_m(
    lon1: NDArray[np.float64] | float,
    lat1: NDArray[np.float64] | float,
    lon2: NDArray[np.float64] | float,
    lat2: NDArray[np.float64] | float,
) -> NDArray[np.float64]:
    """Great-circle distance between points given in WGS84 degrees, vectorised.

    Parameters
    ----------
    lon1, lat1, lon2, lat2
        Longitudes and latitudes in degrees (arrays broadcast together).

    Returns
    -------
    numpy.ndarray
        Distances in metres (sphere of radius :data:`EARTH_RADIUS_M`).
    """
    phi1 = np.radians(lat1)
    phi2 = np.radians(lat2)
    dphi = phi2 - phi1
    dlmb = np.radians(np.asarray(lon2) - np.asarray(lon1))
    h = np.sin(dphi / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(dlmb / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0))))


@dataclass(frozen=True)
class GraphArrays:
    """The graph as flat numpy arrays, for vectorised snapping and shortest paths.

    Attributes
    ----------
    node_ids
        Graph node ids, in graph order (position = node index).
    lons, lats
        Node coordinates in WGS84 degrees.
    src, dst
        Node indices of each edge's tail and head (int64).
    length_m
        Edge lengths in metres.
    time_s
        Edge travel times in seconds.
    """

    node_ids: NDArray[Any]
    lons: NDArray[np.float64]
    lats: NDArray[np.float64]
    src: NDArray[np.int64]
    dst: NDArray[np.int64]
    length_m: NDArray[np.float64]
    time_s: NDArray[np.float64]

    @cached_property
    def index_of(self) -> dict[Any, int]:
        """Map graph node id -> node index."""
        return {node: i for i, node in enumerate(self.node_ids.tolist())}


@dataclass(frozen=True)
class RoadNetwork:
    """A drivable road network, enriched with speeds and travel times, read-only.

    Attributes
    ----------
    graph
        :class:`networkx.MultiDiGraph`, osmnx-compatible, unprojected WGS84: graph attribute
        ``crs = "epsg:4326"``, node attributes ``x`` (longitude) and ``y`` (latitude) in degrees,
        edge attributes ``length`` (m), ``speed_kph`` (km/h) and ``travel_time`` (s). Do not
        mutate it.
    source
        ``"osm"`` (downloaded), ``"file"`` (local file) or ``"approximate"`` (commune graph).
    approximate
        True when travel times are estimates from straight lines rather than real roads.
    label
        Human-readable description, e.g. ``"OpenStreetMap file test.osm.pbf"``.
    fingerprint
        Stable sha256 (hex) over node ids, node coordinates and edges (u, v, length,
        travel_time); equal graphs have equal fingerprints. Used for cache keys.
    max_snap_m
        Default largest distance allowed between a place and its road node, in metres.
    access_speed_kmh
        Speed of the access leg between a place and its road node, in km/h.
    """

    graph: Any = field(repr=False, compare=False)
    source: NetworkSource
    approximate: bool
    label: str
    fingerprint: str
    max_snap_m: float = OSM_MAX_SNAP_M
    access_speed_kmh: float = ACCESS_SPEED_KMH

    @classmethod
    def from_graph(
        cls,
        graph: Any,
        *,
        source: NetworkSource,
        label: str,
        approximate: bool = False,
        max_snap_m: float | None = None,
        access_speed_kmh: float = ACCESS_SPEED_KMH,
    ) -> RoadNetwork:
        """Wrap an enriched graph, computing its fingerprint.

        Parameters
        ----------
        graph
            An osmnx-compatible MultiDiGraph in WGS84 whose edges all have ``length`` (m) and
            ``travel_time`` (s) attributes.
        source, label, approximate
            See the class attributes.
        max_snap_m
            Default largest snapping distance in metres; ``None`` gives
            :data:`APPROX_MAX_SNAP_M` for approximate networks and :data:`OSM_MAX_SNAP_M`
            otherwise.
        access_speed_kmh
            Speed of access legs in km/h.

        Returns
        -------
        RoadNetwork

        Raises
        ------
        InputError
            If the graph is empty, projected, or has edges without length or travel time.
        """
        arrays = _graph_arrays(graph, label)
        if max_snap_m is None:
            max_snap_m = APPROX_MAX_SNAP_M if approximate else OSM_MAX_SNAP_M
        network = cls(
            graph=graph,
            source=source,
            approximate=approximate,
            label=label,
            fingerprint=_fingerprint(arrays),
            max_snap_m=float(max_snap_m),
            access_speed_kmh=float(access_speed_kmh),
        )
        network.__dict__["arrays"] = arrays  # prime the cached property
        return network

    @cached_property
    def arrays(self) -> GraphArrays:
        """The graph as flat numpy arrays (computed once)."""
        return _graph_arrays(self.graph, self.label)

    @property
    def n_nodes(self) -> int:
        """Number of nodes of the graph."""
        return int(self.graph.number_of_nodes())

    @property
    def n_edges(self) -> int:
        """Number of (directed) edges of the graph."""
        return int(self.graph.number_of_edges())


def _graph_arrays(graph: Any, label: str) -> GraphArrays:
    """Flatten a graph into :class:`GraphArrays`, checking what routing needs."""
    if graph.number_of_nodes() == 0:
        msg = f"the road network ({label}) has no nodes"
        raise InputError(msg)
    crs = str(graph.graph.get("crs", "epsg:4326")).lower()
    if crs not in {"epsg:4326", "wgs84", "wgs 84"}:
        msg = (
            f"the road network ({label}) is projected ({crs}); an unprojected WGS84 graph is needed"
        )
        raise InputError(msg)
    node_list = list(graph.nodes)
    node_ids = np.empty(len(node_list), dtype=object)
    node_ids[:] = node_list
    if all(isinstance(n, int | np.integer) for n in node_list):
        node_ids = node_ids.astype(np.int64)
    try:
        lons = np.fromiter((d["x"] for _, d in graph.nodes(data=True)), float, len(node_list))
        lats = np.fromiter((d["y"] for _, d in graph.nodes(data=True)), float, len(node_list))
    except KeyError as exc:
        msg = f"the road network ({label}) has nodes without 'x'/'y' coordinates"
        raise InputError(msg) from exc
    index = {n: i for i, n in enumerate(node_list)}
    n_edges = graph.number_of_edges()
    src = np.empty(n_edges, dtype=np.int64)
    dst = np.empty(n_edges, dtype=np.int64)
    length = np.empty(n_edges, dtype=np.float64)
    time = np.empty(n_edges, dtype=np.float64)
    try:
        for k, (u, v, d) in enumerate(graph.edges(data=True)):
            src[k] = index[u]
            dst[k] = index[v]
            length[k] = d["length"]
            time[k] = d["travel_time"]
    except KeyError as exc:
        msg = f"the road network ({label}) has edges without 'length' or 'travel_time'"
        raise InputError(msg) from exc
    if not (np.isfinite(length).all() and np.isfinite(time).all()):
        msg = f"the road network ({label}) has edges with a missing length or travel time"
        raise InputError(msg)
    if (length < 0).any() or (time < 0).any():
        msg = f"the road network ({label}) has edges with a negative length or travel time"
        raise InputError(msg)
    return GraphArrays(node_ids, lons, lats, src, dst, length, time)


def _fingerprint(arrays: GraphArrays) -> str:
    """Sha256 of the graph's nodes, coordinates and weighted edges, independent of order."""
    ids = arrays.node_ids
    if ids.dtype == np.int64:
        order = np.argsort(ids, kind="stable")
        id_bytes = ids[order].tobytes()
    else:
        keys = np.array([f"{type(n).__name__}:{n}" for n in ids.tolist()])
        order = np.argsort(keys, kind="stable")
        id_bytes = "\x1f".join(keys[order].tolist()).encode()
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    coords = np.round(np.column_stack([arrays.lons, arrays.lats])[order] * 1e7).astype(np.int64)
    edges = np.column_stack(
        [
            rank[arrays.src],
            rank[arrays.dst],
            np.round(arrays.length_m * 1e3).astype(np.int64),
            np.round(arrays.time_s * 1e3).astype(np.int64),
        ]
    )
    edges = edges[np.lexsort(edges.T[::-1])]
    h = hashlib.sha256()
    for part in (b"itinerant-road-network-v1", id_bytes, coords.tobytes(), edges.tobytes()):
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()


# --------------------------------------------------------------------------- enrichment


def _enrich(graph: Any, hwy_speeds: Mapping[str, float] | None, *, force: bool = True) -> Any:
    """Add ``speed_kph`` and ``travel_time`` to every edge (in place), return the graph.

    With ``force=False`` a graph whose edges all have both attributes is left untouched.
    """
    if graph.number_of_edges() == 0:
        return graph
    if not force and all(
        "speed_kph" in d and "travel_time" in d for _, _, d in graph.edges(data=True)
    ):
        return graph
    speeds = dict(HWY_SPEEDS_KMH if hwy_speeds is None else hwy_speeds)
    for _, _, d in graph.edges(data=True):
        # every edge needs a highway class for osmnx's imputation
        d.setdefault("highway", "road")
    ox.add_edge_speeds(graph, hwy_speeds=speeds, fallback=speeds.get("road", 40.0))
    for _, _, d in graph.edges(data=True):
        hwy = d["highway"][0] if isinstance(d["highway"], list) else d["highway"]
        cap = speeds.get(hwy)
        if cap is not None and d["speed_kph"] > cap:
            d["speed_kph"] = cap
    ox.add_edge_travel_times(graph)
    return graph


def _prepare(raw: Any, hwy_speeds: Mapping[str, float] | None) -> Any:
    """Enrich an unsimplified osmnx graph segment by segment, then simplify its topology.

    Travel times are computed on the original OSM segments and summed when osmnx merges them
    (its default ``edge_attr_aggs``), so a merged edge that runs along a primary road and then
    a 30 km/h street keeps its exact time; the ``speed_kph`` of such an edge becomes its mean
    speed, length / time.
    """
    _enrich(raw, hwy_speeds)
    graph = ox.simplify_graph(raw)
    for _, _, d in graph.edges(data=True):
        if isinstance(d["speed_kph"], list) and d["travel_time"] > 0:
            d["speed_kph"] = float(d["length"] / d["travel_time"] * 3.6)
    return graph


# --------------------------------------------------------------------------- approximate


def same_length(where: str, **sequences: Sized) -> int:
    """The common length of ``sequences``; :class:`InputError` naming them if they differ.

    ``where`` names the function checking, for the message.
    """
    lengths = {name: len(seq) for name, seq in sequences.items()}
    if len(set(lengths.values())) > 1:
        *first, last = lengths
        msg = (
            f"{where}: {', '.join(first)} and {last} differ in length "
            f"({', '.join(map(str, lengths.values()))})"
        )
        raise InputError(msg)
    return next(iter(lengths.values()), 0)


def approximate_network(
    codes: Sequence[str],
    names: Sequence[str],
    points: Sequence[tuple[float, float]],
    boundaries: Sequence[BaseGeometry],
    *,
    detour_factor: float = APPROX_DETOUR_FACTOR,
    speed_kmh: float = APPROX_SPEED_KMH,
    tolerance_m: float = 10.0,
) -> RoadNetwork:
    """Build an approximate road network with one node per commune.

    Communes whose boundaries touch or intersect (or come within ``tolerance_m`` of each other,
    to bridge the slivers that simplified boundary files leave between neighbours) are joined
    both ways by an edge whose length is the great-circle distance between their representative
    points × ``detour_factor`` and whose travel time is that length at ``speed_kmh``. If the
    communes do not form one connected graph (islands, enclaves, holes in the data), a warning
    names the communes outside the largest group, and each separate group is joined to its
    nearest other group by the same straight-line rule (closest pair of points), until every
    commune is reachable.

    Parameters
    ----------
    codes
        INSEE codes of the communes (unique).
    names
        Names of the communes (for messages).
    points
        Representative points ``(lon, lat)`` in WGS84 degrees.
    boundaries
        Commune boundaries (shapely geometries, WGS84).
    detour_factor
        Road distance / straight-line distance (dimensionless, ≥ 1).
    speed_kmh
        Driving speed in km/h, also used for the access legs.
    tolerance_m
        Largest gap in metres between two boundaries still counted as touching (0: strict).

    Returns
    -------
    RoadNetwork
        ``source="approximate"``, ``approximate=True``; node ``i`` is commune ``i`` with
        attributes ``code`` and ``name``.

    Raises
    ------
    InputError
        On mismatched lengths, duplicate codes, no commune, a missing boundary or point, or a
        factor below 1 or non-positive speed.
    """
    n = same_length(
        "approximate_network", codes=codes, names=names, points=points, boundaries=boundaries
    )
    if n == 0:
        msg = "approximate_network: no commune given"
        raise InputError(msg)
    dupes = sorted(c for c, k in Counter(codes).items() if k > 1)
    if dupes:
        msg = f"approximate_network: duplicate commune codes {', '.join(dupes)}"
        raise InputError(msg)
    if detour_factor < 1.0 or speed_kmh <= 0.0 or tolerance_m < 0.0:
        msg = (
            f"approximate_network: detour_factor must be >= 1, speed_kmh > 0 and "
            f"tolerance_m >= 0 (got {detour_factor}, {speed_kmh}, {tolerance_m})"
        )
        raise InputError(msg)
    pts = np.asarray(points, dtype=float).reshape(n, 2)
    lons, lats = pts[:, 0], pts[:, 1]
    if not np.isfinite(pts).all():
        bad = [names[i] for i in np.flatnonzero(~np.isfinite(pts).all(axis=1)).tolist()]
        msg = f"approximate_network: invalid point for {', '.join(bad)}"
        raise InputError(msg)
    geoms = np.empty(n, dtype=object)
    geoms[:] = list(boundaries)
    missing = [names[i] for i in range(n) if geoms[i] is None or geoms[i].is_empty]
    if missing:
        msg = f"approximate_network: no boundary for {', '.join(missing)}"
        raise InputError(msg)
    invalid = ~shapely.is_valid(geoms)
    if invalid.any():
        geoms[invalid] = shapely.make_valid(geoms[invalid])

    tree = shapely.STRtree(geoms)
    if tolerance_m > 0:  # degrees of latitude: at least tolerance_m in every direction
        tol_deg = tolerance_m / (EARTH_RADIUS_M * math.pi / 180)
        left, right = tree.query(geoms, predicate="dwithin", distance=tol_deg)
    else:
        left, right = tree.query(geoms, predicate="intersects")
    keep = left != right
    pairs = {(int(a), int(b)) for a, b in zip(left[keep], right[keep], strict=True)}
    pairs |= {(b, a) for a, b in pairs}

    components = _components(n, pairs)
    if len(components) > 1:
        components.sort(key=len, reverse=True)
        isolated = [names[i] for comp in components[1:] for i in sorted(comp)]
        logger.warning(
            "approximate network: %d commune(s) do not touch the main group of communes and "
            "are joined to their nearest neighbour by a straight line: %s",
            len(isolated),
            ", ".join(isolated),
        )
        pairs |= _bridges(components, lons, lats)

    mps = speed_kmh / 3.6
    graph = nx.MultiDiGraph(crs="epsg:4326", name="approximate")
    for i in range(n):
        graph.add_node(i, x=float(lons[i]), y=float(lats[i]), code=str(codes[i]), name=names[i])
    if pairs:
        a = np.array(sorted(pairs), dtype=np.int64)
        dist = haversine_m(lons[a[:, 0]], lats[a[:, 0]], lons[a[:, 1]], lats[a[:, 1]])
        length = dist * detour_factor
        graph.add_edges_from(
            (
                int(u),
                int(v),
                {
                    "length": float(ln),
                    "speed_kph": float(speed_kmh),
                    "travel_time": float(ln / mps),
                    "highway": "approximate",
                },
            )
            for (u, v), ln in zip(a, length, strict=True)
        )
    label = f"approximate network (straight line × {detour_factor:g} at {speed_kmh:g} km/h)"
    logger.info("%s: %d communes, %d edges", label, n, graph.number_of_edges())
    return RoadNetwork.from_graph(
        graph,
        source="approximate",
        label=label,
        approximate=True,
        max_snap_m=APPROX_MAX_SNAP_M,
        access_speed_kmh=speed_kmh,
    )


def _components(n: int, pairs: set[tuple[int, int]]) -> list[list[int]]:
    """Connected components of the undirected graph on ``range(n)`` with edges ``pairs``."""
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from(pairs)
    return [sorted(c) for c in nx.connected_components(g)]


def _bridges(
    components: list[list[int]], lons: NDArray[np.float64], lats: NDArray[np.float64]
) -> set[tuple[int, int]]:
    """Join components greedily: each time, the smallest group to its nearest other group."""
    groups = [list(c) for c in components]
    added: set[tuple[int, int]] = set()
    while len(groups) > 1:
        groups.sort(key=len)
        small = np.array(groups[0])
        others = np.array([i for g in groups[1:] for i in g])
        d = haversine_m(
            lons[small][:, None], lats[small][:, None], lons[others][None, :], lats[others][None, :]
        )
        k = int(np.argmin(d))
        a, b = int(small[k // len(others)]), int(others[k % len(others)])
        added |= {(a, b), (b, a)}
        target = next(g for g in groups[1:] if b in g)
        target.extend(groups[0])
        groups = groups[1:]
    return added


# --------------------------------------------------------------------------- files


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for suffix in sorted(_OSM_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    return path.suffix.lower()


def network_from_file(
    path: str | Path, *, hwy_speeds: Mapping[str, float] | None = None
) -> RoadNetwork:
    """Read a road network from a local file, offline.

    ``.osm``, ``.osm.bz2`` and ``.osm.pbf`` files (OpenStreetMap extracts, e.g. from Geofabrik)
    are reduced to the drivable roads with the same rules as osmnx's ``network_type="drive"``
    (no footways, cycleways, paths, steps, tracks, service roads, private or closed roads), split
    where the extract clips a way, then built with :func:`osmnx.graph_from_xml` (one-way streets
    respected, largest weakly connected part kept); speeds and travel times are computed per OSM
    segment before the topology is simplified. ``.graphml`` files saved by osmnx are loaded as
    they are; speeds and travel times are added if missing.

    Parameters
    ----------
    path
        The file.
    hwy_speeds
        Speed (km/h) of each highway class, for segments without a usable ``maxspeed``;
        default :data:`HWY_SPEEDS_KMH`.

    Returns
    -------
    RoadNetwork
        The file's roads (``source="file"``, not approximate).

    Raises
    ------
    InputError
        If the suffix is not supported, or the file is missing, unreadable or holds no
        drivable road; the message names the file.
    """
    path = Path(path)
    suffix = _suffix(path)
    if suffix not in _OSM_SUFFIXES:
        msg = (
            f"{path}: unsupported road network file type '{suffix}' "
            f"(use {', '.join(_OSM_SUFFIXES)})"
        )
        raise InputError(msg)
    if not path.is_file():
        msg = f"{path}: road network file not found"
        raise InputError(msg)
    if path.stat().st_size == 0:
        msg = f"{path}: road network file is empty"
        raise InputError(msg)
    label = f"OpenStreetMap file {path.name}"
    if suffix == ".graphml":
        graph = _read_graphml(path)
        graph = _enrich(graph, hwy_speeds, force=False)
        label = f"GraphML file {path.name}"
    else:
        graph = _prepare(_read_osm(path), hwy_speeds)
    if graph.number_of_edges() == 0:
        msg = f"{path}: no drivable road in the file"
        raise InputError(msg)
    logger.info("%s: %d nodes, %d edges", label, graph.number_of_nodes(), graph.number_of_edges())
    return RoadNetwork.from_graph(graph, source="file", label=label)


def _read_graphml(path: Path) -> Any:
    try:
        graph = ox.load_graphml(path)
    except Exception as exc:  # osmnx/networkx raise many types on bad files
        msg = f"{path}: cannot read GraphML road network ({type(exc).__name__}: {exc})"
        raise InputError(msg) from exc
    if graph.number_of_nodes() == 0:
        msg = f"{path}: the GraphML road network has no nodes"
        raise InputError(msg)
    if any("length" not in d for _, _, d in graph.edges(data=True)):
        msg = f"{path}: GraphML edges need a 'length' attribute in metres"
        raise InputError(msg)
    return graph


def is_drivable(tags: Mapping[str, str]) -> bool:
    """Whether a way with these OSM tags is in osmnx's ``"drive"`` network.

    Parameters
    ----------
    tags
        The way's tags.

    Returns
    -------
    bool
    """
    if "highway" not in tags:
        return False
    return not any(
        key in tags and pattern.search(tags[key]) for key, pattern in _DRIVE_EXCLUDE.items()
    )


def _read_osm(path: Path) -> Any:
    """Read the drivable roads of an OSM file (XML, bz2 XML or PBF) into an osmnx graph."""
    with tempfile.TemporaryDirectory(prefix="itinerant-osm-") as tmp:
        xml_path = Path(tmp) / "drive.osm"
        n_ways = _write_drivable_xml(path, xml_path)
        if n_ways == 0:
            msg = f"{path}: no drivable road in the file"
            raise InputError(msg)
        try:
            return ox.graph_from_xml(xml_path, simplify=False, retain_all=False)
        except Exception as exc:  # pragma: no cover - osmium output is well-formed
            msg = f"{path}: cannot build a road graph ({type(exc).__name__}: {exc})"
            raise InputError(msg) from exc


def _write_drivable_xml(src: Path, dst: Path) -> int:
    """Write the drivable ways of ``src`` and their nodes as OSM XML; return the way count.

    A way whose nodes are partly missing (clipped at the edge of an extract) is split into its
    runs of at least two consecutive present nodes; extra runs get fresh negative ids.
    """
    import osmium  # noqa: PLC0415 - heavy optional import, only needed here

    nodes: dict[int, tuple[float, float]] = {}
    ways: list[tuple[int, list[int], dict[str, str]]] = []
    next_id = -1
    try:
        processor = (
            osmium.FileProcessor(str(src), osmium.osm.NODE | osmium.osm.WAY)
            .with_locations()
            .with_filter(osmium.filter.EntityFilter(osmium.osm.WAY))
            .with_filter(osmium.filter.KeyFilter("highway"))
        )
        for way in processor:
            if not isinstance(way, osmium.osm.Way):  # pragma: no cover - filtered above
                continue
            tags = {t.k: t.v for t in way.tags}
            if not is_drivable(tags):
                continue
            run: list[int] = []
            runs: list[list[int]] = []
            for ref in way.nodes:
                if ref.location.valid():
                    nodes[ref.ref] = (ref.location.lon, ref.location.lat)
                    run.append(ref.ref)
                else:
                    runs.append(run)
                    run = []
            runs.append(run)
            runs = [r for r in runs if len(r) >= 2]
            for k, r in enumerate(runs):
                way_id = way.id if k == 0 else next_id
                if k > 0:
                    next_id -= 1
                ways.append((way_id, r, tags))
    except (RuntimeError, OSError, ValueError) as exc:
        msg = f"{src}: cannot read OpenStreetMap file ({exc})"
        raise InputError(msg) from exc
    with dst.open("w", encoding="utf-8") as out:
        out.write("<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\">\n")
        out.writelines(
            f'<node id="{nid}" lat="{lat:.7f}" lon="{lon:.7f}"/>\n'
            for nid, (lon, lat) in nodes.items()
        )
        for way_id, refs, tags in ways:
            out.write(f'<way id="{way_id}">\n')
            out.writelines(f'<nd ref="{r}"/>\n' for r in refs)
            out.writelines(f"<tag k={quoteattr(k)} v={quoteattr(v)}/>\n" for k, v in tags.items())
            out.write("</way>\n")
        out.write("</osm>\n")
    return len(ways)


# --------------------------------------------------------------------------- OSM download


def _area_key(
    polygon: BaseGeometry | None, place: str | None, speeds: Mapping[str, float]
) -> tuple[str, str]:
    """Cache key (area and speed table) and description of the requested area."""
    h = hashlib.sha256(b"itinerant-osm-drive-v1")
    h.update(repr(sorted((str(k), float(v)) for k, v in speeds.items())).encode())
    if polygon is not None:
        h.update(b"polygon:" + shapely.normalize(polygon).wkb)
        return h.hexdigest()[:32], "the given polygon"
    h.update(b"place:" + str(place).strip().encode())
    return h.hexdigest()[:32], f"'{place}'"


@contextmanager
def _osmnx_http_cache(folder: Path) -> Iterator[None]:
    """Point osmnx's HTTP response cache into ``folder`` for the duration of the block."""
    old = ox.settings.cache_folder
    ox.settings.cache_folder = str(folder)
    try:
        yield
    finally:
        ox.settings.cache_folder = old


def network_from_osm(
    *,
    polygon: BaseGeometry | None = None,
    place: str | None = None,
    cache_dir: Path,
    hwy_speeds: Mapping[str, float] | None = None,
) -> RoadNetwork:
    """Download the drivable roads of an area from OpenStreetMap (cached as GraphML).

    Uses :func:`osmnx.graph_from_polygon` or :func:`osmnx.graph_from_place` with
    ``network_type="drive"`` (unsimplified, so that travel times are computed per OSM segment,
    then simplified). The enriched graph is saved in ``cache_dir`` as ``osm-<hash>.graphml``,
    keyed by a hash of the polygon's WKB or of the place name and of the speed table; a later
    call for the same area reads that file and does not download.

    Parameters
    ----------
    polygon
        Area in WGS84 (Polygon or MultiPolygon); give exactly one of ``polygon`` or ``place``.
    place
        A place name that Nominatim can geocode, e.g. ``"Creuse, France"``.
    cache_dir
        Folder for the GraphML cache (created if missing).
    hwy_speeds
        Speed by highway class in km/h; default :data:`HWY_SPEEDS_KMH`.

    Returns
    -------
    RoadNetwork
        ``source="osm"``, ``approximate=False``.

    Raises
    ------
    InputError
        If neither or both of ``polygon`` and ``place`` are given.
    NetworkError
        If the download fails (typically offline); the message explains the alternatives.
    """
    if (polygon is None) == (place is None):
        msg = "network_from_osm: give exactly one of polygon= or place="
        raise InputError(msg)
    if polygon is not None and not isinstance(polygon, Polygon | MultiPolygon):
        msg = f"network_from_osm: polygon must be a (Multi)Polygon, not {polygon.geom_type}"
        raise InputError(msg)
    speeds = dict(HWY_SPEEDS_KMH if hwy_speeds is None else hwy_speeds)
    key, what = _area_key(polygon, place, speeds)
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    cached = cache_dir / f"osm-{key}.graphml"
    label = f"OpenStreetMap roads of {what}"
    if cached.is_file():
        logger.info("road network of %s read from cache %s", what, cached)
        try:
            graph = ox.load_graphml(cached)
        except Exception:  # a corrupt cache file is downloaded again
            logger.warning("road network cache %s is unreadable; downloading again", cached)
        else:
            return RoadNetwork.from_graph(graph, source="osm", label=label)
    logger.info("downloading the road network of %s from OpenStreetMap", what)
    try:
        with _osmnx_http_cache(cache_dir / "overpass"):
            if isinstance(polygon, Polygon | MultiPolygon):
                raw = ox.graph_from_polygon(polygon, network_type="drive", simplify=False)
            elif place is not None:
                raw = ox.graph_from_place(place, network_type="drive", simplify=False)
    except Exception as exc:  # requests, osmnx and geocoding errors all mean "no data"
        msg = (
            f"could not download the road network of {what} from OpenStreetMap "
            f"({type(exc).__name__}: {exc}). You seem to be offline, or the OpenStreetMap "
            f"servers are unreachable. Use a local file instead (--network path/to/file.osm.pbf, "
            f"e.g. a département extract from download.geofabrik.de) or the approximate network "
            f"(--network approximate: straight lines between neighbouring communes)."
        )
        raise NetworkError(msg) from exc
    graph = _prepare(raw, speeds)
    tmp = cached.with_suffix(".tmp")
    ox.save_graphml(graph, tmp)
    tmp.replace(cached)
    logger.info("road network of %s cached in %s", what, cached)
    return RoadNetwork.from_graph(graph, source="osm", label=label)
