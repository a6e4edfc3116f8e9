"""Tests of the OR-Tools routing core on tiny problems whose optimum is known by hand."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np
import pytest

from itinerant.errors import InputError, ItinerantError
from itinerant.schedule.routing_core import (
    PrizeGroup,
    Progress,
    RoutingProblem,
    RoutingSolution,
    RoutingVehicle,
    solve_routing,
)

FAST = {"time_limit_s": 5.0, "solution_limit": 200, "iterations": 5}


def line_problem(
    positions: Sequence[int],
    prizes: Sequence[int],
    *,
    windows: Sequence[tuple[int, int]] | None = None,
    service: int = 0,
    vehicles: Sequence[RoutingVehicle] | None = None,
    horizon: int = 100,
    **kwargs: object,
) -> RoutingProblem:
    """Nodes on a line (node 0 = depot at ``positions[0]``), travel = distance."""
    pos = np.asarray(positions, dtype=np.int64)
    travel = np.abs(pos[:, None] - pos[None, :])
    n = len(pos)
    svc = np.full(n, service, dtype=np.int64)
    svc[0] = 0
    wins = tuple(windows) if windows is not None else ((0, horizon),) * n
    if vehicles is None:
        vehicles = (RoutingVehicle(0, 0, 0, horizon),)
    groups = kwargs.pop("groups", None)
    if groups is None:
        mandatory = kwargs.get("mandatory", frozenset())
        assert isinstance(mandatory, frozenset)
        groups = tuple(
            PrizeGroup((k,), prize) for k, prize in enumerate(prizes, start=1) if k not in mandatory
        )
    return RoutingProblem(
        travel=travel,
        service=svc,
        windows=wins,
        vehicles=tuple(vehicles),
        groups=groups,  # type: ignore[arg-type]
        **kwargs,  # type: ignore[arg-type]
    )


def check(problem: RoutingProblem, solution: RoutingSolution) -> None:
    """Independent check of a solution: windows, return times, each node once, prize."""
    assert solution.found
    seen: set[int] = set()
    prize = 0
    group_of = {p: g for g in problem.groups for p in g.nodes}
    counts: dict[int, int] = {}
    for k, (route, starts) in enumerate(zip(solution.routes, solution.service_starts, strict=True)):
        v = problem.vehicles[k]
        here, clock = v.start, v.earliest_start
        travel = 0
        for node, begin in zip(route, starts, strict=True):
            assert node not in seen
            seen.add(node)
            allowed = problem.allowed_vehicles.get(node)
            assert allowed is None or k in allowed
            arrival = clock + int(problem.travel[here, node])
            travel += int(problem.travel[here, node])
            assert begin >= arrival
            lo, hi = problem.windows[node]
            assert lo <= begin <= hi
            clock = begin + int(problem.service[node])
            here = node
        if route:
            travel += int(problem.travel[here, v.end])
            assert clock + int(problem.travel[here, v.end]) <= v.latest_end
            if v.max_travel is not None:
                assert travel <= v.max_travel
    for node in problem.mandatory:
        assert node in seen
    for node in seen:
        if node in group_of:
            counts[id(group_of[node])] = counts.get(id(group_of[node]), 0) + 1
    for g in problem.groups:
        prize += g.prize * min(counts.get(id(g), 0), g.max_visits)
        assert counts.get(id(g), 0) <= g.max_visits
    assert prize == solution.prize
    assert solution.bound is None or solution.prize <= solution.bound


def test_takes_every_prize_when_time_allows() -> None:
    problem = line_problem([0, 10, 20, 30], [5, 6, 7])
    solution = solve_routing(problem, **FAST)
    check(problem, solution)
    assert solution.prize == 18
    assert solution.travel == 60
    assert solution.routes in {((1, 2, 3),), ((3, 2, 1),)}
    first = solution.routes[0][0]
    assert solution.service_starts[0] == ((10, 20, 30) if first == 1 else (30, 40, 50))
    assert solution.objective == 18
    assert solution.bound == 18


def test_prize_against_window_conflict() -> None:
    # Nodes 1 (prize 3) and 2 (prize 4) both sit 10 away and must start at exactly 10:
    # only one can be served; the better is node 2 even though node 3 (prize 2) fits with 1.
    # Node 3 at 20 with window [0, 100] fits after either.
    problem = line_problem(
        [0, 10, -10, 20],
        [3, 5, 1],
        windows=[(0, 100), (10, 10), (10, 10), (0, 100)],
    )
    solution = solve_routing(problem, **FAST)
    check(problem, solution)
    # 1 then 3: 3 + 1 = 4; 2 then 3: 5 + 1 = 6 (10 + 30 = 40, back 60).
    assert solution.prize == 6
    assert set(solution.routes[0]) == {2, 3}


def test_mandatory_node_is_visited_even_at_a_loss() -> None:
    # The horizon allows only one of the far nodes; node 2 is mandatory but worthless.
    problem = line_problem([0, 40, -40], [100, 0], horizon=90, mandatory=frozenset({2}))
    solution = solve_routing(problem, **FAST)
    check(problem, solution)
    assert solution.routes == ((2,),)
    assert solution.prize == 0


def test_infeasible_mandatory_node_gives_no_solution() -> None:
    problem = line_problem([0, 60], [], horizon=100, mandatory=frozenset({1}))
    solution = solve_routing(problem, **FAST)
    assert not solution.found
    assert solution.status == "no_solution"
    assert solution.routes == ((),)


def test_allowed_vehicles_respected() -> None:
    vehicles = [RoutingVehicle(0, 0, 0, 100), RoutingVehicle(0, 0, 0, 100)]
    # Vehicle 0 cannot serve anything far; node 2 only by vehicle 0, node 1 only by vehicle 1.
    problem = line_problem(
        [0, 10, -10],
        [5, 5],
        vehicles=vehicles,
        allowed_vehicles={1: frozenset({1}), 2: frozenset({0})},
    )
    solution = solve_routing(problem, **FAST)
    check(problem, solution)
    assert solution.routes == ((2,), (1,))


def test_allowed_vehicles_can_exclude_a_node() -> None:
    vehicles = [RoutingVehicle(0, 0, 0, 100)]
    problem = line_problem(
        [0, 10, 20], [5, 50], vehicles=vehicles, allowed_vehicles={2: frozenset()}
    )
    solution = solve_routing(problem, **FAST)
    check(problem, solution)
    assert solution.routes == ((1,),)
    assert solution.bound == 5


def test_max_travel_respected() -> None:
    # Without the cap, node 2 (prize 10, 30 away) is best; with max_travel 40 only node 1 fits.
    vehicles = [RoutingVehicle(0, 0, 0, 1000, max_travel=40)]
    problem = line_problem([0, 15, -30], [4, 10], vehicles=vehicles, horizon=1000)
    solution = solve_routing(problem, **FAST)
    check(problem, solution)
    assert solution.routes == ((1,),)
    assert solution.travel == 30


def test_group_with_two_visits() -> None:
    # One Stop with four candidate Visits (nodes 1-4), at most two of them count.
    groups = (PrizeGroup((1, 2, 3, 4), 10, max_visits=2), PrizeGroup((5,), 3))
    problem = line_problem([0, 5, 6, 7, 8, 9], [], groups=groups)
    solution = solve_routing(problem, **FAST)
    check(problem, solution)
    assert solution.prize == 23
    assert sum(1 for p in solution.routes[0] if p <= 4) == 2
    assert solution.bound == 23


def test_travel_weight_trade_off() -> None:
    # Node 1 (prize 10) is 3 away (cost 6 with weight 1): worth it; node 2 (prize 10) is 8
    # away (16): not worth it.
    problem = line_problem([0, 3, -8], [10, 10], travel_weight=1)
    solution = solve_routing(problem, **FAST)
    check(problem, solution)
    assert solution.routes == ((1,),)
    assert solution.objective == 10 - 6
    heavier = dataclasses.replace(problem, travel_weight=2)  # node 1 now costs 12 > 10
    assert solve_routing(heavier, **FAST).routes == ((),)
    free = dataclasses.replace(problem, travel_weight=0)
    assert solve_routing(free, **FAST).prize == 20


def test_fixed_cost_keeps_a_vehicle_home() -> None:
    vehicles = [RoutingVehicle(0, 0, 0, 100, fixed_cost=8), RoutingVehicle(0, 0, 0, 100)]
    problem = line_problem([0, 10, 20], [5, 5], vehicles=vehicles)
    solution = solve_routing(problem, **FAST)
    check(problem, solution)
    assert solution.routes[0] == ()
    assert solution.objective == 10


def random_problem(seed: int, n: int = 25, vehicles: int = 2) -> RoutingProblem:
    rng = np.random.default_rng(seed)
    xy = rng.integers(0, 100, size=(n, 2))
    travel = np.floor(np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))).astype(
        np.int64
    )
    opens = rng.integers(0, 300, size=n)
    windows = tuple((int(a), int(a) + int(rng.integers(20, 120))) for a in opens)
    windows = ((0, 400), *windows[1:])
    service = rng.integers(5, 15, size=n).astype(np.int64)
    service[0] = 0
    return RoutingProblem(
        travel=travel,
        service=service,
        windows=windows,
        vehicles=(RoutingVehicle(0, 0, 0, 400),) * vehicles,
        groups=tuple(PrizeGroup((k,), int(rng.integers(1, 20))) for k in range(1, n)),
    )


def test_same_seed_and_solution_limit_give_identical_results() -> None:
    problem = random_problem(3)
    kwargs = {"time_limit_s": 60.0, "solution_limit": 50, "iterations": 10}
    first = solve_routing(problem, seed=7, **kwargs)
    second = solve_routing(problem, seed=7, **kwargs)
    check(problem, first)
    assert first.routes == second.routes
    assert first.service_starts == second.service_starts
    assert first.prize == second.prize


def test_initial_routes_are_accepted_and_never_made_worse() -> None:
    problem = random_problem(5)
    start = solve_routing(problem, time_limit_s=5.0, solution_limit=5, iterations=0)
    check(problem, start)
    resumed = solve_routing(
        problem,
        time_limit_s=5.0,
        solution_limit=1,
        iterations=0,
        initial_routes=start.routes,
    )
    check(problem, resumed)
    assert resumed.objective >= start.objective


def test_infeasible_initial_routes_rejected() -> None:
    problem = line_problem([0, 10, 20], [1, 1], windows=[(0, 100), (0, 5), (0, 100)])
    with pytest.raises(InputError, match="initial_routes"):
        solve_routing(problem, time_limit_s=1.0, initial_routes=[[1]])
    with pytest.raises(InputError, match="initial_routes"):
        solve_routing(problem, time_limit_s=1.0, initial_routes=[[2, 2]])


def test_progress_callback_called() -> None:
    problem = random_problem(11)
    reports: list[Progress] = []
    solution = solve_routing(
        problem,
        time_limit_s=5.0,
        solution_limit=100,
        iterations=5,
        progress=reports.append,
        progress_interval_s=0.0,
    )
    assert reports
    assert all(isinstance(r, Progress) for r in reports)
    assert reports[-1].objective == solution.objective
    assert reports[-1].prize == solution.prize
    assert reports[-1].bound == solution.bound
    assert [r.elapsed_s for r in reports] == sorted(r.elapsed_s for r in reports)


def test_time_limit_respected() -> None:
    problem = random_problem(2, n=60, vehicles=3)
    solution = solve_routing(problem, time_limit_s=1.0)
    check(problem, solution)
    assert solution.elapsed_s < 2.0


def good_kwargs() -> dict[str, object]:
    return {
        "travel": np.array([[0, 1], [1, 0]], dtype=np.int64),
        "service": np.array([0, 0], dtype=np.int64),
        "windows": ((0, 10), (0, 10)),
        "vehicles": (RoutingVehicle(0, 0, 0, 10),),
        "groups": (PrizeGroup((1,), 1),),
    }


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("travel", np.array([[0, 1, 2], [1, 0, 2]], dtype=np.int64)),
        ("travel", np.array([[0, -1], [1, 0]], dtype=np.int64)),
        ("travel", np.array([[0.0, 1.5], [1.0, 0.0]])),
        ("service", np.array([0, 0, 0], dtype=np.int64)),
        ("service", np.array([0, -2], dtype=np.int64)),
        ("windows", ((0, 10),)),
        ("windows", ((0, 10), (8, 3))),
        ("vehicles", ()),
        ("vehicles", (RoutingVehicle(0, 5, 0, 10),)),
        ("vehicles", (RoutingVehicle(0, 0, 20, 10),)),
        ("vehicles", (RoutingVehicle(0, 0, 0, 10, max_travel=-1),)),
        ("groups", ()),
        ("groups", (PrizeGroup((1,), -1),)),
        ("groups", (PrizeGroup((1,), 1), PrizeGroup((1,), 2))),
        ("groups", (PrizeGroup((0, 1), 1),)),
        ("groups", (PrizeGroup((1, 7), 1),)),
        ("mandatory", frozenset({1})),
        ("allowed_vehicles", {1: frozenset({3})}),
        ("allowed_vehicles", {0: frozenset({0})}),
        ("travel_weight", -1),
    ],
)
def test_bad_input_names_the_field(field: str, value: object) -> None:
    kwargs = good_kwargs()
    kwargs[field] = value
    with pytest.raises(InputError, match=rf"^{field}") as info:
        RoutingProblem(**kwargs)  # type: ignore[arg-type]
    assert isinstance(info.value, ItinerantError)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"time_limit_s": 0.0}, "time_limit_s"),
        ({"time_limit_s": 1.0, "solution_limit": 0}, "solution_limit"),
        ({"time_limit_s": 1.0, "iterations": -1}, "iterations"),
        ({"time_limit_s": 1.0, "initial_routes": [[1], []]}, "initial_routes"),
    ],
)
def test_bad_solve_arguments_name_the_argument(kwargs: dict[str, object], field: str) -> None:
    problem = RoutingProblem(**good_kwargs())  # type: ignore[arg-type]
    with pytest.raises(InputError, match=rf"^{field}"):
        solve_routing(problem, **kwargs)  # type: ignore[arg-type]
