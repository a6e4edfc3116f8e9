"""Plain-data adapter over the OR-Tools routing library: prize-collecting VRP with time windows.

Who uses it: the planner, for long days of many short sessions
(:mod:`~itinerant.schedule.long_days`), and the TOPTW benchmark
(:mod:`~itinerant.schedule.toptw`, ``bench/toptw.py`` and ``itinerant solve-toptw``).

Callers see only the frozen dataclasses of this module (:class:`RoutingProblem`,
:class:`RoutingSolution`...) and integer time units; the OR-Tools API (which moves between
releases, google/or-tools issue 4553) stays inside this module. Vehicles are tours, optional
nodes are gathered in prize groups (:class:`PrizeGroup`: at most ``max_visits`` nodes of a group
count), with windows on the start of service.

Model (the OR-Tools idioms)
---------------------------
* Solver indices are converted to nodes by registered matrices (``RegisterTransitMatrix``):
  one for time (travel + service of the origin), one for the arc cost, one for travel when a
  vehicle has ``max_travel``. No Python callback runs per arc.
* A ``time`` dimension with slack (waiting) and ``CumulVar(i).SetRange`` for windows and for
  the vehicles' start and end; finalizers push starts late and ends early.
* Each prize group is one ``AddDisjunction(nodes, prize, max_visits, PENALIZE_PER_INACTIVE)``:
  in OR-Tools 9.15 at most ``max_cardinality`` nodes of a penalised disjunction are active and
  the penalty is paid once per missing active node (checked in the tests with a group of
  four nodes and ``max_visits=2``). Mandatory nodes are in no disjunction.
* ``VehicleVar(i).SetValues([-1, *allowed])`` for allowed vehicles.
* Nodes that no allowed vehicle can serve even alone (out-and-back within the windows and
  ``max_travel``) are left out of the model; they lower :attr:`RoutingSolution.bound`.
* Objective: OR-Tools minimises ``scale * (missed prizes + fixed costs + travel_weight *
  travel) + travel``. With ``travel_weight == 0``, ``scale`` exceeds any total travel, so prizes
  come first and travel only breaks ties (shorter routes leave room for more visits; on rc101 4
  tours, 10 s, the tie-break by travel gave 779 against 760 for a span cost and 757 with no
  tie-break).
* Initial routes are read with ``ReadAssignmentFromRoutes`` after
  ``CloseModelWithParameters`` (otherwise the parameters are ignored: issues 1841, 4273).
* ``AddAtSolutionCallback`` fires on the calling thread for every solution; it only counts them
  and, when the cost improves and a report is due, walks the routes to report progress.
* Solutions are extracted as plain node lists and re-evaluated from the problem data
  (prize, travel, earliest service starts): nothing is read back from solver variables but the
  successor of each node.

Search configuration (the crux)
-------------------------------
Measured on TOPTW (c101, r101, rc101, pr01 x 1..4 tours, 10 s per case, one thread; ratio of the
score to the proven optimum for one tour, to PyVRP's score at 30 s for more tours):

=====================================================  =============================
configuration                                          ratio on the 6 hardest cases
=====================================================  =============================
parallel cheapest insertion + simulated annealing      0.80 - 0.99 (median 0.92)
parallel cheapest insertion + guided local search      0.80 - 1.00 (median 0.92)
parallel cheapest insertion + generic tabu search      0.80 - 0.99 (median 0.92)
parallel cheapest insertion + tabu search              0.86 - 1.00 (median 0.95)
local cheapest insertion + tabu search                 0.86 - 1.00 (median 0.97)
all unperformed + tabu search                          0.95 - 1.00 (median 0.98)
restarts (all unperformed / local cheapest, tabu)      0.95 - 1.00 on 9 cases
**all unperformed + tabu, then ruin and recreate**     **0.98 - 1.00 on all 16 cases**
=====================================================  =============================

(the 6 hardest cases: pr01 2, 3, 4 tours, rc101 3, 4 tours, r101 3 tours.) Two findings shaped
the choice: starting from the empty plan (``ALL_UNPERFORMED``) lets the operators that insert
optional nodes (``MakeActive``, ``SwapActive``, path insertion LNS) build the routes, which
beats constructing them greedily; and OR-Tools' tabu search often *stops by itself* within a
second (rc101 1 tour: 0.4 s of a 10 s budget) or stalls, as guided local search does, so a
single search wastes the time budget. OR-Tools 9.15 has an iterated-local-search option
(``use_iterated_local_search``) but with the ruin strategies we tried it stopped after the
first local optimum on these models.

So :func:`solve_routing` runs its own ruin and recreate around OR-Tools:

1. construction: all unperformed + tabu search, for at most 20 % of the time limit;
2. then, until the time (or iteration) limit: remove about 30 % of the current visits, those
   closest to a random visit (only removals that keep the routes feasible), and let OR-Tools
   repair from there (all unperformed + greedy descent, at most 5 % of the limit, usually a
   few tens of milliseconds), with the nodes in a new seeded order each time;
3. threshold acceptance: the repaired plan becomes the current one if its objective is at
   most 3 % (shrinking linearly to 0 over the search) below the current one, so that plans of
   equal prize but longer travel are accepted too; the best plan is kept.

On the 16 cases at 10 s this gave a median ratio of 1.000, minimum 0.981 (rc101, 4 tours:
796 against PyVRP's 811 in 30 s) and mean 0.999; three cases beat PyVRP. The 30 s figures are
in ``docs/toptw.md``: median 1.000, minimum 0.994 (rc101 4 tours, 806
against 811), mean 1.003, every route feasible. Ruining 15 % instead of 30 % gave 0.958 on
rc101 2 tours; repairing with tabu search instead of greedy descent was worse (fewer
iterations).

Determinism
-----------
With only a time limit, the result depends on the machine's speed (how many iterations fit).
With ``solution_limit`` (per OR-Tools search) and ``iterations`` (default 100 when a
``solution_limit`` is given), the work is bounded independently of time, and the same seed
gives bit-identical results as long as the time limit is not reached (tested).
"""

from __future__ import annotations

import itertools
import logging
import random
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import NDArray
from ortools.constraint_solver import pywrapcp, routing_enums_pb2

from itinerant.errors import InputError

__all__ = [
    "PrizeGroup",
    "Progress",
    "RoutingProblem",
    "RoutingSolution",
    "RoutingVehicle",
    "solve_routing",
]

logger = logging.getLogger(__name__)

_EMPTY: Mapping[int, frozenset[int]] = MappingProxyType({})
_INT_LIMIT = 2**62  # keeps every cost and cumul far from int64 overflow


@dataclass(frozen=True)
class RoutingVehicle:
    """One vehicle (a tour: a TOPTW tour today, a bus-day once the planner uses this core).

    Parameters
    ----------
    start, end
        Node indices where the vehicle starts and ends (they may be equal).
    earliest_start
        Earliest departure from ``start`` (time units).
    latest_end
        Latest arrival at ``end`` (time units).
    max_travel
        Optional cap on the route's total travel time (time units), waiting and service excluded.
    fixed_cost
        Cost of using the vehicle at all (objective units).
    """

    start: int
    end: int
    earliest_start: int
    latest_end: int
    max_travel: int | None = None
    fixed_cost: int = 0


@dataclass(frozen=True)
class PrizeGroup:
    """Optional nodes of which at most ``max_visits`` may be visited."""

    nodes: tuple[int, ...]
    """Node indices of the group (for instance, one day, the candidate Visits of one Stop)."""
    prize: int
    """Value of each visit (objective units); the objective gains ``prize`` per visited node."""
    max_visits: int = 1
    """Maximum number of nodes of the group visited."""


@dataclass(frozen=True)
class RoutingProblem:
    """A prize-collecting vehicle routing problem with time windows, in integer units.

    Parameters
    ----------
    travel
        ``(n, n)`` travel times (time units), origin in rows. The diagonal is ignored.
    service
        ``(n,)`` service duration at each node (time units). The service of a vehicle's start
        node is spent before leaving it; that of its end node is ignored.
    windows
        Per node, the earliest and latest *start* of service (time units); arriving early
        means waiting. The windows of vehicles' start and end nodes are not used (the vehicles'
        own bounds apply).
    vehicles
        The vehicles.
    groups
        Prize groups. Every node that is neither a vehicle's start or end is in exactly one
        group or in ``mandatory``.
    mandatory
        Nodes that must be visited.
    allowed_vehicles
        Node -> indices of the vehicles that may serve it (absent: any vehicle).
    travel_weight
        Objective cost per unit of travel (0: pure prize collection, shortest travel only
        breaks ties).
    """

    travel: NDArray[np.int64]
    service: NDArray[np.int64]
    windows: tuple[tuple[int, int], ...]
    vehicles: tuple[RoutingVehicle, ...]
    groups: tuple[PrizeGroup, ...]
    mandatory: frozenset[int] = frozenset()
    allowed_vehicles: Mapping[int, frozenset[int]] = field(default_factory=lambda: _EMPTY)
    travel_weight: int = 0

    def __post_init__(self) -> None:
        travel = np.asarray(self.travel)
        service = np.asarray(self.service)
        if travel.ndim != 2 or travel.shape[0] != travel.shape[1] or travel.shape[0] == 0:
            msg = f"travel: expected a non-empty square matrix, got shape {travel.shape}"
            raise InputError(msg)
        n = travel.shape[0]
        if not np.issubdtype(travel.dtype, np.integer):
            msg = f"travel: expected integers, got {travel.dtype}"
            raise InputError(msg)
        if (travel < 0).any():
            msg = "travel: negative travel time"
            raise InputError(msg)
        if service.shape != (n,) or not np.issubdtype(service.dtype, np.integer):
            msg = f"service: expected {n} integers, got shape {service.shape} of {service.dtype}"
            raise InputError(msg)
        if (service < 0).any():
            msg = "service: negative service duration"
            raise InputError(msg)
        object.__setattr__(self, "travel", travel.astype(np.int64))
        object.__setattr__(self, "service", service.astype(np.int64))
        if len(self.windows) != n:
            msg = f"windows: expected {n} windows, got {len(self.windows)}"
            raise InputError(msg)
        for k, (a, b) in enumerate(self.windows):
            if a < 0 or a > b:
                msg = f"windows: node {k} has window ({a}, {b}); need 0 <= open <= close"
                raise InputError(msg)
        if not self.vehicles:
            msg = "vehicles: at least one vehicle is needed"
            raise InputError(msg)
        depots: set[int] = set()
        for k, v in enumerate(self.vehicles):
            for name in ("start", "end"):
                node = getattr(v, name)
                if not 0 <= node < n:
                    msg = f"vehicles: vehicle {k} {name} node {node} out of range 0..{n - 1}"
                    raise InputError(msg)
                depots.add(node)
            if v.earliest_start < 0 or v.earliest_start > v.latest_end:
                msg = f"vehicles: vehicle {k} has earliest_start > latest_end or negative"
                raise InputError(msg)
            if v.max_travel is not None and v.max_travel < 0:
                msg = f"vehicles: vehicle {k} has a negative max_travel"
                raise InputError(msg)
            if v.fixed_cost < 0:
                msg = f"vehicles: vehicle {k} has a negative fixed_cost"
                raise InputError(msg)
        owner: dict[int, str] = {}
        for g, group in enumerate(self.groups):
            if not group.nodes:
                msg = f"groups: group {g} has no node"
                raise InputError(msg)
            if group.prize < 0 or group.max_visits < 1:
                msg = f"groups: group {g} needs prize >= 0 and max_visits >= 1"
                raise InputError(msg)
            for node in group.nodes:
                self._claim(owner, node, f"group {g}", n, depots, name="groups")
        for node in sorted(self.mandatory):
            self._claim(owner, node, "mandatory", n, depots, name="mandatory")
        missing = sorted(set(range(n)) - depots - set(owner))
        if missing:
            msg = f"groups: nodes {missing[:10]} are in no group and not mandatory"
            raise InputError(msg)
        for node, allowed in self.allowed_vehicles.items():
            if node not in owner:
                msg = f"allowed_vehicles: node {node} is not a visit node"
                raise InputError(msg)
            bad = [v for v in allowed if not 0 <= v < len(self.vehicles)]
            if bad:
                msg = f"allowed_vehicles: node {node} names unknown vehicles {sorted(bad)}"
                raise InputError(msg)
        object.__setattr__(self, "allowed_vehicles", MappingProxyType(dict(self.allowed_vehicles)))
        if self.travel_weight < 0:
            msg = "travel_weight: must be non-negative"
            raise InputError(msg)

    @staticmethod
    def _claim(
        owner: dict[int, str], node: int, who: str, n: int, depots: set[int], *, name: str
    ) -> None:
        if not 0 <= node < n:
            msg = f"{name}: node {node} out of range 0..{n - 1}"
            raise InputError(msg)
        if node in depots:
            msg = f"{name}: node {node} is a vehicle's start or end node"
            raise InputError(msg)
        if node in owner:
            msg = f"{name}: node {node} is in both {owner[node]} and {who}"
            raise InputError(msg)
        owner[node] = who

    @property
    def num_nodes(self) -> int:
        """Number of nodes ``n``."""
        return int(self.travel.shape[0])


@dataclass(frozen=True)
class Progress:
    """A progress report of the search.

    Parameters
    ----------
    elapsed_s
        Wall-clock time since the start of :func:`solve_routing` (s).
    objective
        Best objective so far (objective units, to maximise).
    prize
        Prize of that solution.
    bound
        Upper bound on the prize, if known.
    solutions
        Number of solutions seen so far.
    """

    elapsed_s: float
    objective: int
    prize: int
    bound: int | None
    solutions: int


@dataclass(frozen=True)
class RoutingSolution:
    """A solution, as plain data (each field documented below)."""

    routes: tuple[tuple[int, ...], ...]
    """Per vehicle, the visited nodes in order (start and end excluded)."""
    service_starts: tuple[tuple[int, ...], ...]
    """Per vehicle, the start of service at each visited node (time units), the earliest
    possible when leaving at the vehicle's ``earliest_start``."""
    prize: int
    """Total prize collected."""
    travel: int
    """Total travel time (time units)."""
    objective: int
    """``prize - travel_weight * travel - fixed costs of the used vehicles`` (to maximise)."""
    bound: int | None
    """An upper bound on the prize: per group, ``prize`` times the number of its nodes that
    some vehicle can reach within their windows, capped at ``max_visits``."""
    elapsed_s: float
    """Wall-clock solve time (s)."""
    status: str
    """``"feasible"`` or ``"no_solution"`` (then every route is empty)."""

    @property
    def found(self) -> bool:
        """Whether a solution was found."""
        return self.status == "feasible"


@dataclass(frozen=True)
class _Search:
    """One OR-Tools search: first-solution strategy, metaheuristic, time cap (share of limit)."""

    first: str
    meta: str
    share: float


# The search configuration (see the module docstring for the measurements behind it).
_CONSTRUCT = _Search("ALL_UNPERFORMED", "TABU_SEARCH", 0.2)
_REPAIR = _Search("ALL_UNPERFORMED", "GREEDY_DESCENT", 0.05)
_RUIN_SHARE = 0.3  # share of the visits removed by each ruin
_ACCEPT = 0.03  # initial acceptance threshold, relative to the current objective
_DEFAULT_ITERATIONS = 100  # ruin-and-recreate iterations when a solution_limit is given


class _Model:
    """One OR-Tools routing model of a problem, with solver nodes mapped to problem nodes."""

    def __init__(
        self,
        problem: RoutingProblem,
        nodes: Sequence[int],
        groups: Sequence[tuple[PrizeGroup, tuple[int, ...]]],
        scale: int,
        tie_break: bool,
    ) -> None:
        self.problem = problem
        self.nodes = list(nodes)  # solver node -> problem node
        self.solver_node = {p: s for s, p in enumerate(self.nodes)}
        self.scale = scale
        vehicles = problem.vehicles
        starts = [self.solver_node[v.start] for v in vehicles]
        ends = [self.solver_node[v.end] for v in vehicles]
        self.manager = pywrapcp.RoutingIndexManager(len(self.nodes), len(vehicles), starts, ends)
        self.routing = pywrapcp.RoutingModel(self.manager)
        routing, manager = self.routing, self.manager
        idx = np.asarray(self.nodes)
        travel = problem.travel[np.ix_(idx, idx)]
        np.fill_diagonal(travel, 0)
        service = problem.service[idx]
        time_matrix = travel + service[:, None]
        time_cb = routing.RegisterTransitMatrix(time_matrix.tolist())
        weight = problem.travel_weight * scale + (1 if tie_break else 0)
        if weight > 0:
            cost_cb = routing.RegisterTransitMatrix((travel * weight).tolist())
            routing.SetArcCostEvaluatorOfAllVehicles(cost_cb)
        horizon = max(v.latest_end for v in vehicles)
        routing.AddDimension(time_cb, horizon, horizon, False, "time")
        self.time = routing.GetDimensionOrDie("time")
        if any(v.max_travel is not None for v in vehicles):
            travel_cb = routing.RegisterTransitMatrix(travel.tolist())
            caps = [v.max_travel if v.max_travel is not None else _INT_LIMIT for v in vehicles]
            routing.AddDimensionWithVehicleCapacity(travel_cb, 0, caps, True, "travel")
        for k, v in enumerate(vehicles):
            self.time.CumulVar(routing.Start(k)).SetRange(v.earliest_start, v.latest_end)
            self.time.CumulVar(routing.End(k)).SetRange(v.earliest_start, v.latest_end)
            if v.fixed_cost:
                routing.SetFixedCostOfVehicle(v.fixed_cost * scale, k)
            routing.AddVariableMinimizedByFinalizer(self.time.CumulVar(routing.End(k)))
            routing.AddVariableMaximizedByFinalizer(self.time.CumulVar(routing.Start(k)))
        depots = {v.start for v in vehicles} | {v.end for v in vehicles}
        for s, p in enumerate(self.nodes):
            if p in depots:
                continue
            index = manager.NodeToIndex(s)
            open_, close = problem.windows[p]
            self.time.CumulVar(index).SetRange(open_, close)
            allowed = problem.allowed_vehicles.get(p)
            if allowed is not None:
                values = sorted(allowed) if p in problem.mandatory else [-1, *sorted(allowed)]
                routing.VehicleVar(index).SetValues(values)
        for group, members in groups:
            indices = [manager.NodeToIndex(self.solver_node[p]) for p in members]
            routing.AddDisjunction(
                indices,
                group.prize * scale,
                min(group.max_visits, len(indices)),
                routing.PENALIZE_PER_INACTIVE,
            )

    def routes_of(self, assignment: Any) -> list[list[int]]:
        """Problem-node routes of an assignment (or of the current solution when ``None``)."""
        routing = self.routing
        routes: list[list[int]] = []
        for k in range(len(self.problem.vehicles)):
            route: list[int] = []
            index = routing.Start(k)
            while True:
                nxt = assignment.Value(routing.NextVar(index)) if assignment else None
                if nxt is None:
                    nxt = routing.NextVar(index).Value()
                index = nxt
                if routing.IsEnd(index):
                    break
                route.append(self.nodes[self.manager.IndexToNode(index)])
            routes.append(route)
        return routes

    def solver_routes(self, routes: Sequence[Sequence[int]]) -> list[list[int]]:
        """Solver-index routes of problem-node routes (nodes outside the model are dropped)."""
        return [
            [self.manager.NodeToIndex(self.solver_node[p]) for p in r if p in self.solver_node]
            for r in routes
        ]


def _reachable(problem: RoutingProblem, node: int) -> bool:
    """Whether some allowed vehicle can serve ``node`` alone within all bounds."""
    open_, close = problem.windows[node]
    allowed = problem.allowed_vehicles.get(node)
    for k, v in enumerate(problem.vehicles):
        if allowed is not None and k not in allowed:
            continue
        there = int(problem.travel[v.start, node])
        back = int(problem.travel[node, v.end])
        begin = max(v.earliest_start + int(problem.service[v.start]) + there, open_)
        if begin > close or begin + int(problem.service[node]) + back > v.latest_end:
            continue
        if v.max_travel is not None and there + back > v.max_travel:
            continue
        return True
    return False


def _schedule(problem: RoutingProblem, routes: Sequence[Sequence[int]]) -> list[list[int]]:
    """Earliest start of service along each route; raise if a window is missed."""
    starts: list[list[int]] = []
    for k, route in enumerate(routes):
        v = problem.vehicles[k]
        here, clock = v.start, v.earliest_start + int(problem.service[v.start])
        times: list[int] = []
        for node in route:
            begin = max(clock + int(problem.travel[here, node]), problem.windows[node][0])
            if begin > problem.windows[node][1]:
                msg = f"vehicle {k} starts node {node} at {begin}, after its window"
                raise InputError(msg)
            times.append(begin)
            here, clock = node, begin + int(problem.service[node])
        if route and clock + int(problem.travel[here, v.end]) > v.latest_end:
            msg = f"vehicle {k} is back at {clock + int(problem.travel[here, v.end])}, too late"
            raise InputError(msg)
        starts.append(times)
    return starts


def _ruin(
    problem: RoutingProblem, routes: Sequence[Sequence[int]], share: float, rng: random.Random
) -> list[list[int]]:
    """Remove about ``share`` of the visits, close to a random visit, keeping routes feasible."""
    visited = [p for r in routes for p in r]
    if not visited:
        return [list(r) for r in routes]
    count = max(1, round(share * len(visited)))
    seed_node = rng.choice(visited)
    near = sorted(visited, key=lambda p: (int(problem.travel[seed_node, p]), rng.random()))
    removed: set[int] = set()
    result = [list(r) for r in routes]
    for p in near:
        if len(removed) >= count:
            break
        trial = [[q for q in r if q != p] for r in result]
        try:
            _schedule(problem, trial)
        except InputError:
            continue
        result = trial
        removed.add(p)
    return result


def _evaluate(problem: RoutingProblem, routes: Sequence[Sequence[int]]) -> tuple[int, int, int]:
    """Prize, travel and objective of routes, recomputed from the problem."""
    prize = 0
    group_of = {p: g for g, group in enumerate(problem.groups) for p in group.nodes}
    counts: dict[int, int] = {}
    for route in routes:
        for p in route:
            if p in group_of:
                counts[group_of[p]] = counts.get(group_of[p], 0) + 1
    for g, count in counts.items():
        group = problem.groups[g]
        prize += group.prize * min(count, group.max_visits)
    travel = 0
    fixed = 0
    for k, route in enumerate(routes):
        v = problem.vehicles[k]
        if not route:
            continue
        path = [v.start, *route, v.end]
        travel += sum(int(problem.travel[a, b]) for a, b in itertools.pairwise(path))
        fixed += v.fixed_cost
    return prize, travel, prize - problem.travel_weight * travel - fixed


def solve_routing(
    problem: RoutingProblem,
    *,
    time_limit_s: float,
    seed: int = 0,
    progress: Callable[[Progress], None] | None = None,
    initial_routes: Sequence[Sequence[int]] | None = None,
    solution_limit: int | None = None,
    iterations: int | None = None,
    progress_interval_s: float = 0.5,
) -> RoutingSolution:
    """Solve a prize-collecting routing problem with OR-Tools.

    Parameters
    ----------
    problem
        The problem.
    time_limit_s
        Wall-clock limit of the whole search (s).
    seed
        Seed of the search: it chooses the visits removed by each ruin and the order in which
        OR-Tools sees the nodes (which breaks its ties differently).
    progress
        Called on the calling thread with the best solution so far, at most every
        ``progress_interval_s`` seconds, and once at the end.
    initial_routes
        Optional routes (problem nodes, one sequence per vehicle) to start from. They must be
        feasible; nodes that no vehicle can reach alone are dropped.
    solution_limit
        Optional limit on the number of solutions of each OR-Tools search. Together with
        ``iterations`` (default 100 when ``solution_limit`` is given) it bounds the work in a
        way that does not depend on the machine's speed: with the same seed, and a time limit
        that is not reached, the result is bit-identical. With only a time limit, the result
        depends on how much search the machine does in that time.
    iterations
        Optional number of ruin-and-recreate iterations after the first search (default:
        until the time limit, or 100 with a ``solution_limit``).
    progress_interval_s
        Minimum time between two progress reports (s).

    Returns
    -------
    RoutingSolution
        The best solution found; ``status == "no_solution"`` if none was found (possible only
        with mandatory nodes).

    Raises
    ------
    InputError
        If a limit or the initial routes are invalid; the message names the argument.
    """
    if not time_limit_s > 0:
        msg = f"time_limit_s: must be positive, got {time_limit_s}"
        raise InputError(msg)
    if solution_limit is not None and solution_limit < 1:
        msg = f"solution_limit: must be at least 1, got {solution_limit}"
        raise InputError(msg)
    if iterations is not None and iterations < 0:
        msg = f"iterations: must be non-negative, got {iterations}"
        raise InputError(msg)
    if initial_routes is not None:
        _check_initial(problem, initial_routes)
    if iterations is None and solution_limit is not None:
        iterations = _DEFAULT_ITERATIONS
    return _Searcher(problem, time_limit_s, seed, progress, progress_interval_s).solve(
        initial_routes, solution_limit, iterations
    )


def _check_initial(problem: RoutingProblem, routes: Sequence[Sequence[int]]) -> None:
    if len(routes) != len(problem.vehicles):
        msg = f"initial_routes: expected {len(problem.vehicles)} routes, got {len(routes)}"
        raise InputError(msg)
    seen: set[int] = set()
    depots = {v.start for v in problem.vehicles} | {v.end for v in problem.vehicles}
    for k, route in enumerate(routes):
        for p in route:
            if not 0 <= p < problem.num_nodes or p in depots or p in seen:
                msg = f"initial_routes: route {k} has invalid or repeated node {p}"
                raise InputError(msg)
            allowed = problem.allowed_vehicles.get(p)
            if allowed is not None and k not in allowed:
                msg = f"initial_routes: node {p} may not be served by vehicle {k}"
                raise InputError(msg)
            seen.add(p)
    try:
        _schedule(problem, routes)
    except InputError as exc:
        msg = f"initial_routes: infeasible: {exc}"
        raise InputError(msg) from None


class _Searcher:
    """The search of :func:`solve_routing`: one construction, then ruin and recreate."""

    def __init__(
        self,
        problem: RoutingProblem,
        time_limit_s: float,
        seed: int,
        progress: Callable[[Progress], None] | None,
        progress_interval_s: float,
    ) -> None:
        self.t0 = time.monotonic()
        self.problem = problem
        self.time_limit_s = time_limit_s
        self.seed = seed
        self.progress = progress
        self.progress_interval_s = progress_interval_s
        self.last_report = -float("inf")
        self.solutions = 0
        self.best_seen: tuple[int, int] | None = None
        vehicles = problem.vehicles
        self.depots = sorted({v.start for v in vehicles} | {v.end for v in vehicles})
        keep = [p for p in range(problem.num_nodes) if p not in self.depots]
        self.keep = [p for p in keep if p in problem.mandatory or _reachable(problem, p)]
        kept = set(self.keep)
        self.groups: list[tuple[PrizeGroup, tuple[int, ...]]] = []
        self.bound = 0
        for group in problem.groups:
            members = tuple(p for p in group.nodes if p in kept)
            if members:
                self.groups.append((group, members))
                self.bound += group.prize * min(group.max_visits, len(members))
        # Prizes first, then travel: travel costs 1 and each objective unit costs more than
        # any set of routes can travel, unless travel has its own weight in the objective.
        max_travel = sum(
            min(v.latest_end - v.earliest_start, v.max_travel or _INT_LIMIT) for v in vehicles
        )
        self.tie_break = problem.travel_weight == 0
        self.scale = max_travel + 1 if self.tie_break else 1
        fixed = sum(v.fixed_cost for v in vehicles)
        worst = self.scale * (self.bound + fixed) + max_travel * (
            problem.travel_weight * self.scale + 1
        )
        if worst >= _INT_LIMIT:
            logger.warning("prizes too large to break ties by travel; ties are left to OR-Tools")
            self.scale, self.tie_break = 1, False

    def elapsed(self) -> float:
        return time.monotonic() - self.t0

    def report(self, routes: Sequence[Sequence[int]], *, force: bool = False) -> None:
        now = time.monotonic()
        if self.progress is None:
            return
        if not force and now - self.last_report < self.progress_interval_s:
            return
        self.last_report = now
        prize, _travel, objective = _evaluate(self.problem, routes)
        self.progress(Progress(now - self.t0, objective, prize, self.bound, self.solutions))

    def search(
        self,
        spec: _Search,
        number: int,
        start: Sequence[Sequence[int]] | None,
        solution_limit: int | None,
    ) -> list[list[int]] | None:
        """One OR-Tools search, from ``start`` if given; its best routes or ``None``."""
        budget = min(self.time_limit_s - self.elapsed(), self.time_limit_s * spec.share)
        order = list(self.keep)
        if self.seed or number:
            random.Random(self.seed * 1_000_003 + number).shuffle(order)
        model = _Model(self.problem, self.depots + order, self.groups, self.scale, self.tie_break)
        routing = model.routing
        params = pywrapcp.DefaultRoutingSearchParameters()
        params.first_solution_strategy = getattr(
            routing_enums_pb2.FirstSolutionStrategy, spec.first
        )
        params.local_search_metaheuristic = getattr(
            routing_enums_pb2.LocalSearchMetaheuristic, spec.meta
        )
        params.time_limit.FromMilliseconds(max(1, int(budget * 1000)))
        if solution_limit is not None:
            params.solution_limit = solution_limit
        run_best = [_INT_LIMIT]
        # The callback reaches the model through this box, emptied after the search: a direct
        # reference would make a cycle through C++ that Python cannot collect, and every
        # model of the ruin-and-recreate loop would stay in memory.
        box: list[_Model] = [model]

        def on_solution() -> None:
            # Runs on the calling thread, possibly thousands of times a second: cheap unless
            # the cost improves and a report is due.
            self.solutions += 1
            if self.progress is None or not box:
                return
            current = box[0]
            cost = int(current.routing.CostVar().Value())
            if cost >= run_best[0]:
                return
            run_best[0] = cost
            if time.monotonic() - self.last_report < self.progress_interval_s:
                return
            routes = current.routes_of(None)
            _prize, travel, objective = _evaluate(self.problem, routes)
            if self.best_seen is None or (objective, -travel) > self.best_seen:
                self.best_seen = (objective, -travel)
                self.report(routes)

        routing.AddAtSolutionCallback(on_solution)
        routing.CloseModelWithParameters(params)  # before reading routes (issues 1841, 4273)
        initial = None
        if start is not None:
            initial = routing.ReadAssignmentFromRoutes(model.solver_routes(start), True)
            if initial is None:
                logger.warning("search %d: OR-Tools rejected the starting routes", number)
        if initial is not None:
            assignment = routing.SolveFromAssignmentWithParameters(initial, params)
        else:
            assignment = routing.SolveWithParameters(params)
        result = model.routes_of(assignment) if assignment is not None else None
        box.clear()
        return result

    def solve(
        self,
        initial_routes: Sequence[Sequence[int]] | None,
        solution_limit: int | None,
        iterations: int | None,
    ) -> RoutingSolution:
        problem = self.problem
        best: list[list[int]] | None = None
        best_key: tuple[int, int] | None = None
        start = [list(r) for r in initial_routes] if initial_routes is not None else None
        routes = self.search(_CONSTRUCT, 0, start, solution_limit)
        if routes is None and start is not None:
            routes = start
        if routes is not None:
            _prize, travel, objective = _evaluate(problem, routes)
            best, best_key = routes, (objective, -travel)
            self.report(best)
        logger.info("construction: objective %s after %.1f s", best_key, self.elapsed())
        current, current_key = best, best_key
        number = 0
        while best is not None and current is not None and current_key is not None:
            left = self.time_limit_s - self.elapsed()
            if iterations is not None and number >= iterations:
                break
            if left <= 0.01:
                break
            number += 1
            rng = random.Random(self.seed * 7919 + number)
            ruined = _ruin(problem, current, _RUIN_SHARE, rng)
            routes = self.search(_REPAIR, number, ruined, solution_limit)
            if routes is None:
                continue
            _prize, travel, objective = _evaluate(problem, routes)
            key = (objective, -travel)
            if best_key is None or key > best_key:
                best, best_key = routes, key
                logger.debug("iteration %d: objective %d, travel %d", number, objective, travel)
                self.report(best)
            # Threshold acceptance: a worse solution may become the current one, by at most a
            # share of the objective that shrinks linearly to zero over the search.
            if iterations is not None:
                remaining = 1.0 - number / max(1, iterations)
            else:
                remaining = max(0.0, 1.0 - self.elapsed() / self.time_limit_s)
            threshold = _ACCEPT * abs(current_key[0]) * remaining
            if key[0] >= current_key[0] - threshold:
                current, current_key = routes, key
        logger.info(
            "search done: %d ruin-and-recreate iterations, objective %s, %.1f s",
            number,
            best_key,
            self.elapsed(),
        )
        elapsed = self.elapsed()
        if best is None:
            empty: tuple[tuple[int, ...], ...] = tuple(() for _ in problem.vehicles)
            return RoutingSolution(empty, empty, 0, 0, 0, self.bound, elapsed, "no_solution")
        starts = _schedule(problem, best)
        prize, travel, objective = _evaluate(problem, best)
        self.report(best, force=True)
        return RoutingSolution(
            routes=tuple(tuple(r) for r in best),
            service_starts=tuple(tuple(s) for s in starts),
            prize=prize,
            travel=travel,
            objective=objective,
            bound=self.bound,
            elapsed_s=elapsed,
            status="feasible",
        )
