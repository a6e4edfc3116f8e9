"""Team Orienteering Problem with Time Windows (TOPTW): reader, model, solver and checker.

The TOPTW is the public benchmark closest to the long multi-stop bus days that the routing core
(:mod:`itinerant.schedule.routing_core`) is meant for: several tours of bounded length collect
prizes at optional places that each have a time window. It is the routing core's only user
today (``bench/toptw.py``, ``itinerant solve-toptw``): the planner does not use the routing core
yet (it chooses day patterns with CP-SAT, :mod:`itinerant.schedule.cpsat`).

Instance format (``TOPTW_format.txt`` of the benchmark set of Vansteenwegen, Righini & Salani,
Montemanni & Gambardella): line 1 ``k v N t``; line 2 ``D Q`` (sometimes only ``Q``, or
missing); then one line per vertex ``i x y d S f a list O C`` where ``d`` is the service
duration, ``S`` the profit, ``list`` has ``a`` entries, ``O``/``C`` open and close the window
on the *start* of service. Vertex 0 is the start and end of every tour; the time budget per
tour (Tmax) is its closing time. Distances are Euclidean, rounded *down* to the first decimal
(Solomon-based instances) or to the second (Cordeau-based ``pr01``...``pr20``); travel time
equals distance.

Inside the solver, one time unit is 0.1 (Solomon) or 0.01 (Cordeau) so that the rounded
distances are exact integers. :func:`check_toptw` is independent of the solver: it recomputes
every time in exact decimal arithmetic from the file values.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Context, Decimal, InvalidOperation
from pathlib import Path

import numpy as np

from itinerant.errors import InputError
from itinerant.schedule.routing_core import (
    PrizeGroup,
    Progress,
    RoutingProblem,
    RoutingSolution,
    RoutingVehicle,
    solve_routing,
)

__all__ = [
    "ToptwInstance",
    "ToptwResult",
    "ToptwVertex",
    "check_toptw",
    "read_toptw",
    "solve_toptw",
    "toptw_problem",
    "toptw_score",
]

logger = logging.getLogger(__name__)

_CORDEAU_NAME = re.compile(r"^pr\d+", re.IGNORECASE)
_SQRT_CONTEXT = Context(prec=60)


@dataclass(frozen=True)
class ToptwVertex:
    """One vertex of a TOPTW instance, with the exact values of the file.

    Parameters
    ----------
    number
        Vertex number ``i`` of the file (0 = the depot).
    x, y
        Coordinates (distance units).
    duration
        Service duration ``d`` (time units of the file, equal to distance units).
    profit
        Profit ``S`` collected when the vertex is visited.
    opening, closing
        Window ``O``..``C`` on the start of service (time units of the file).
    """

    number: int
    x: Decimal
    y: Decimal
    duration: Decimal
    profit: int
    opening: Decimal
    closing: Decimal


@dataclass(frozen=True)
class ToptwInstance:
    """A TOPTW instance as read from a file.

    Parameters
    ----------
    name
        File stem, e.g. ``"c101"``.
    vertices
        All vertices, the depot first (``vertices[k].number == k``).
    decimals
        Number of decimals kept (rounding down) in distances: 1 for Solomon-based instances,
        2 for Cordeau-based ones.
    """

    name: str
    vertices: tuple[ToptwVertex, ...]
    decimals: int

    @property
    def tmax(self) -> Decimal:
        """Time budget of each tour: the closing time of the depot (time units of the file)."""
        return self.vertices[0].closing

    @property
    def scale(self) -> int:
        """Solver time units per file time unit (10 or 100)."""
        return int(10**self.decimals)

    def distance(self, i: int, j: int) -> Decimal:
        """Exact rounded-down Euclidean distance between vertices ``i`` and ``j``."""
        a, b = self.vertices[i], self.vertices[j]
        squared = (a.x - b.x) ** 2 + (a.y - b.y) ** 2
        root = squared.sqrt(_SQRT_CONTEXT)
        return root.quantize(Decimal(1).scaleb(-self.decimals), rounding=ROUND_FLOOR)


@dataclass(frozen=True)
class ToptwResult:
    """A solved TOPTW instance.

    Parameters
    ----------
    score
        Total profit of the visited vertices.
    routes
        One tuple of vertex numbers per tour, in visiting order, depot excluded.
    time_s
        Wall-clock solve time (s).
    solution
        The routing core's solution (solver time units).
    """

    score: int
    routes: tuple[tuple[int, ...], ...]
    time_s: float
    solution: RoutingSolution


def _decimal(token: str, path: Path, line: int, field: str) -> Decimal:
    try:
        value = Decimal(token)
    except InvalidOperation:
        msg = f"{path.name}, line {line}, field '{field}': not a number: {token!r}"
        raise InputError(msg) from None
    if not value.is_finite():
        msg = f"{path.name}, line {line}, field '{field}': not a finite number: {token!r}"
        raise InputError(msg)
    return value


def read_toptw(path: str | Path, *, decimals: int | None = None) -> ToptwInstance:
    """Read a TOPTW instance file.

    Parameters
    ----------
    path
        Instance file.
    decimals
        Decimals kept in distances; default 2 for Cordeau-based files (name ``prNN``), else 1.

    Returns
    -------
    ToptwInstance

    Raises
    ------
    InputError
        If the file is missing or malformed; the message names the line and field.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        msg = f"cannot read TOPTW instance {path}: {exc.strerror or exc}"
        raise InputError(msg) from None
    lines = [(k + 1, ln.split()) for k, ln in enumerate(text.splitlines()) if ln.strip()]
    if len(lines) < 2:
        msg = f"{path.name}: too short for a TOPTW instance ({len(lines)} non-empty lines)"
        raise InputError(msg)
    header_line, header = lines[0]
    if len(header) < 3:
        msg = f"{path.name}, line {header_line}: expected 'k v N t' on the first line"
        raise InputError(msg)
    try:
        declared = int(header[2])
    except ValueError:
        msg = f"{path.name}, line {header_line}, field 'N': not an integer: {header[2]!r}"
        raise InputError(msg) from None
    body = lines[1:]
    if body and len(body[0][1]) < 5:  # the optional 'D Q' line
        body = body[1:]
    vertices: list[ToptwVertex] = []
    for line, tokens in body:
        if len(tokens) < 9:
            msg = f"{path.name}, line {line}: expected 'i x y d S f a list O C', got {tokens}"
            raise InputError(msg)
        try:
            number = int(tokens[0])
            a = int(tokens[6])
        except ValueError:
            msg = f"{path.name}, line {line}, field 'i' or 'a': not an integer"
            raise InputError(msg) from None
        if len(tokens) != 9 + a:
            msg = (
                f"{path.name}, line {line}: {len(tokens)} fields, expected {9 + a} "
                f"(a = {a} list entries)"
            )
            raise InputError(msg)
        if number != len(vertices):
            msg = f"{path.name}, line {line}, field 'i': vertex {number}, expected {len(vertices)}"
            raise InputError(msg)
        profit = _decimal(tokens[4], path, line, "S")
        if profit != profit.to_integral_value() or profit < 0:
            msg = f"{path.name}, line {line}, field 'S': profit must be a non-negative integer"
            raise InputError(msg)
        vertex = ToptwVertex(
            number=number,
            x=_decimal(tokens[1], path, line, "x"),
            y=_decimal(tokens[2], path, line, "y"),
            duration=_decimal(tokens[3], path, line, "d"),
            profit=int(profit),
            opening=_decimal(tokens[7 + a], path, line, "O"),
            closing=_decimal(tokens[8 + a], path, line, "C"),
        )
        if vertex.duration < 0:
            msg = f"{path.name}, line {line}, field 'd': negative service duration"
            raise InputError(msg)
        if vertex.opening > vertex.closing:
            msg = f"{path.name}, line {line}, field 'O': window opens after it closes"
            raise InputError(msg)
        vertices.append(vertex)
    if not vertices:
        msg = f"{path.name}: no vertex lines"
        raise InputError(msg)
    if len(vertices) != declared + 1:
        logger.warning(
            "%s declares N = %d vertices but lists %d customers", path.name, declared, len(vertices)
        )
    if decimals is None:
        decimals = 2 if _CORDEAU_NAME.match(path.stem) else 1
    return ToptwInstance(name=path.stem, vertices=tuple(vertices), decimals=decimals)


def _scaled(value: Decimal, scale: int, rounding: Callable[[Decimal], int], what: str) -> int:
    exact = value * scale
    result = rounding(exact)
    if result != exact:
        logger.warning("%s = %s is not a whole number of solver units; rounded safely", what, value)
    return result


def _travel_units(instance: ToptwInstance) -> np.ndarray:
    """Rounded-down distances in solver units, with exact integer arithmetic."""
    verts = instance.vertices
    coords = [v.x for v in verts] + [v.y for v in verts]
    places = max(0, *(-int(c.as_tuple().exponent) for c in coords))
    factor = Decimal(10) ** places
    xs = [int(v.x * factor) for v in verts]
    ys = [int(v.y * factor) for v in verts]
    n = len(verts)
    travel = np.zeros((n, n), dtype=np.int64)
    up = instance.decimals - places
    for i in range(n):
        for j in range(i + 1, n):
            squared = (xs[i] - xs[j]) ** 2 + (ys[i] - ys[j]) ** 2
            if up >= 0:
                units = math.isqrt(squared * 10 ** (2 * up))
            else:
                units = math.isqrt(squared) // 10 ** (-up)
            travel[i, j] = travel[j, i] = units
    return travel


def toptw_problem(instance: ToptwInstance, tours: int) -> RoutingProblem:
    """The routing problem of ``instance`` with ``tours`` identical tours.

    Parameters
    ----------
    instance
        The instance.
    tours
        Number of tours (vehicles), at least 1.

    Returns
    -------
    RoutingProblem
        Node ``k`` is vertex ``k``; times in solver units (``instance.scale`` per file unit);
        every customer is an optional prize group of its own; no travel cost.
    """
    if tours < 1:
        msg = f"tours must be at least 1, got {tours}"
        raise InputError(msg)
    scale = instance.scale
    floor: Callable[[Decimal], int] = lambda d: int(d.to_integral_value(rounding=ROUND_FLOOR))  # noqa: E731
    ceil: Callable[[Decimal], int] = lambda d: -floor(-d)  # noqa: E731
    verts = instance.vertices
    service = np.array(
        [_scaled(v.duration, scale, ceil, f"d of vertex {v.number}") for v in verts],
        dtype=np.int64,
    )
    windows = tuple(
        (
            _scaled(v.opening, scale, ceil, f"O of vertex {v.number}"),
            _scaled(v.closing, scale, floor, f"C of vertex {v.number}"),
        )
        for v in verts
    )
    service[0] = 0
    depot_open, tmax = windows[0]
    vehicle = RoutingVehicle(start=0, end=0, earliest_start=depot_open, latest_end=tmax)
    return RoutingProblem(
        travel=_travel_units(instance),
        service=service,
        windows=windows,
        vehicles=(vehicle,) * tours,
        groups=tuple(PrizeGroup(nodes=(v.number,), prize=v.profit) for v in verts[1:]),
    )


def solve_toptw(
    instance: ToptwInstance,
    tours: int,
    *,
    time_limit_s: float,
    seed: int = 0,
    solution_limit: int | None = None,
    progress: Callable[[Progress], None] | None = None,
) -> ToptwResult:
    """Solve a TOPTW instance with the routing core.

    Parameters
    ----------
    instance
        The instance.
    tours
        Number of tours.
    time_limit_s
        Wall-clock limit (s).
    seed
        Seed of the search (see :func:`~itinerant.schedule.routing_core.solve_routing`).
    solution_limit
        Optional work limit that makes the result independent of machine speed.
    progress
        Optional progress callback.

    Returns
    -------
    ToptwResult
    """
    problem = toptw_problem(instance, tours)
    solution = solve_routing(
        problem,
        time_limit_s=time_limit_s,
        seed=seed,
        solution_limit=solution_limit,
        progress=progress,
    )
    routes = tuple(tuple(instance.vertices[n].number for n in r) for r in solution.routes)
    return ToptwResult(
        score=toptw_score(instance, routes),
        routes=routes,
        time_s=solution.elapsed_s,
        solution=solution,
    )


def toptw_score(instance: ToptwInstance, routes: Sequence[Sequence[int]]) -> int:
    """Total profit of the distinct vertices visited by ``routes`` (depot excluded)."""
    seen = {v for r in routes for v in r if 0 < v < len(instance.vertices)}
    return sum(instance.vertices[v].profit for v in seen)


def check_toptw(
    instance: ToptwInstance,
    routes: Sequence[Sequence[int]],
    *,
    tours: int | None = None,
    score: int | None = None,
) -> list[str]:
    """Check routes against an instance, independently of any solver.

    Times are recomputed in exact decimal arithmetic from the file values: each tour leaves the
    depot at its opening time; service at a vertex starts at ``max(arrival, O)`` and must start
    no later than ``C``; the tour must be back at the depot by Tmax.

    Parameters
    ----------
    instance
        The instance.
    routes
        Vertex numbers per tour, in visiting order, depot excluded.
    tours
        If given, the maximum number of tours.
    score
        If given, the claimed score, compared with the recomputed one.

    Returns
    -------
    list of str
        Every violation found, in plain words; empty when the routes are feasible.
    """
    problems: list[str] = []
    n = len(instance.vertices)
    if tours is not None and len(routes) > tours:
        problems.append(f"{len(routes)} tours, at most {tours} allowed")
    seen: dict[int, int] = {}
    depot = instance.vertices[0]
    for k, route in enumerate(routes):
        time = depot.opening
        here = 0
        for v in route:
            if not 0 < v < n:
                problems.append(f"tour {k}: vertex {v} is not a customer of {instance.name}")
                continue
            if v in seen:
                problems.append(f"tour {k}: vertex {v} already visited in tour {seen[v]}")
            seen.setdefault(v, k)
            vertex = instance.vertices[v]
            arrival = time + instance.distance(here, v)
            start = max(arrival, vertex.opening)
            if start > vertex.closing:
                problems.append(
                    f"tour {k}: service at vertex {v} starts at {start}, after its window "
                    f"closes at {vertex.closing}"
                )
            time = start + vertex.duration
            here = v
        back = time + instance.distance(here, 0)
        if back > instance.tmax:
            problems.append(f"tour {k}: back at the depot at {back}, after Tmax {instance.tmax}")
    if score is not None:
        actual = toptw_score(instance, routes)
        if actual != score:
            problems.append(f"claimed score {score}, recomputed score {actual}")
    return problems
