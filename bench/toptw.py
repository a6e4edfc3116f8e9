"""Benchmark of the routing core on the Team Orienteering Problem with Time Windows.

Run with ``.venv/bin/python bench/toptw.py [--time-limit 30] [--instances c101,r101,rc101,pr01]
[--tours 1,2,3,4] [--workers 2]``.

For each instance and number of tours M, the routing core (OR-Tools) solves the instance under the
time limit. The reference is, for M = 1, the proven optimum of Righini & Salani
(``righini_salani_opt/``); for M > 1, the score of PyVRP (prize-collecting VRPTW, lexicographic
objective: prizes first, then distance) on the same scaled integer data at the same time limit.
Every route, ours and PyVRP's, goes through the independent checker
:func:`itinerant.schedule.toptw.check_toptw`. Each solve is one process with one thread; with
``--workers 2`` (default) two solves run side by side on the two cores (said in the output).

Needs the benchmark files in ``../shared/benchmarks/toptw`` (relative to the repository); skips
cleanly without them.
"""

from __future__ import annotations

import argparse
import csv
import re
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from itinerant.schedule.toptw import (
    ToptwInstance,
    check_toptw,
    read_toptw,
    solve_toptw,
    toptw_problem,
    toptw_score,
)

ROOT = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "toptw"
INSTANCES = ("c101", "r101", "rc101", "pr01")


def instance_path(name: str) -> Path:
    if re.match(r"^pr\d+$", name):
        return ROOT / "cordeau_pr01_10" / f"{name}.txt"
    return ROOT / "solomon_100" / f"{name}.txt"


def optimum_m1(name: str) -> int | None:
    """Proven optimum for one tour (Righini & Salani), or None if unknown."""
    opt = ROOT / "righini_salani_opt"
    if re.match(r"^pr\d+$", name):
        scores = set()
        for path in sorted((opt / "cordeau").glob(f"{name}.OUT.*")):
            for line in path.read_text().splitlines():
                m = re.match(rf"^{name}\.OUT\s*&\s*(\d+)\s*&", line.strip())
                if m:
                    scores.add(int(m.group(1)))
        return scores.pop() if len(scores) == 1 else None
    with (opt / "OPTW_m1_optimal_solomon100.csv").open() as f:
        for row in csv.DictReader(f):
            if row["instance"] == name and row["opt_prize_m1"]:
                return int(row["opt_prize_m1"])
    return None


def run_ortools(name: str, tours: int, time_limit: float, seed: int) -> dict[str, object]:
    instance = read_toptw(instance_path(name))
    t0 = time.perf_counter()
    result = solve_toptw(instance, tours, time_limit_s=time_limit, seed=seed)
    wall = time.perf_counter() - t0
    return {"score": result.score, "routes": [list(r) for r in result.routes], "time_s": wall}


def run_pyvrp(name: str, tours: int, time_limit: float, seed: int) -> dict[str, object]:
    from pyvrp import Model  # noqa: PLC0415
    from pyvrp.stop import MaxRuntime  # noqa: PLC0415

    instance = read_toptw(instance_path(name))
    problem = toptw_problem(instance, tours)
    n = problem.num_nodes
    tmax = problem.vehicles[0].latest_end
    big = tours * tmax + 1  # prizes first, then distance (as in the routing core)
    model = Model()
    locations = [model.add_location(x=float(v.x), y=float(v.y)) for v in instance.vertices]
    model.add_depot(locations[0], tw_early=problem.windows[0][0], tw_late=tmax)
    for k in range(1, n):
        model.add_client(
            locations[k],
            service_duration=int(problem.service[k]),
            tw_early=problem.windows[k][0],
            tw_late=problem.windows[k][1],
            prize=instance.vertices[k].profit * big,
            required=False,
        )
    model.add_vehicle_type(num_available=tours, tw_early=problem.windows[0][0], tw_late=tmax)
    for i in range(n):
        for j in range(n):
            d = int(problem.travel[i, j]) if i != j else 0
            model.add_edge(locations[i], locations[j], distance=d, duration=d)
    t0 = time.perf_counter()
    result = model.solve(MaxRuntime(time_limit), seed=seed, display=False)
    wall = time.perf_counter() - t0
    routes = [[a.idx + 1 for a in route if a.is_client()] for route in result.best.routes()]
    return {
        "score": toptw_score(instance, routes),
        "routes": routes,
        "time_s": wall,
        "feasible": result.best.is_feasible(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--time-limit", type=float, default=30.0, help="seconds per solve")
    parser.add_argument("--instances", default=",".join(INSTANCES))
    parser.add_argument("--tours", default="1,2,3,4")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2, help="solves run side by side")
    args = parser.parse_args()
    if not ROOT.is_dir():
        print(f"SKIPPED: benchmark files not found in {ROOT} (../shared is absent)")
        return 0
    names = [s for s in args.instances.split(",") if s]
    tours = [int(s) for s in args.tours.split(",") if s]
    instances: dict[str, ToptwInstance] = {}
    for name in names:
        if not instance_path(name).is_file():
            print(f"SKIPPED {name}: {instance_path(name)} not found")
            continue
        instances[name] = read_toptw(instance_path(name))
    cases = [(name, m) for name in instances for m in tours]
    print(
        f"TOPTW benchmark: {len(cases)} cases, {args.time_limit:g} s per solve, seed {args.seed}; "
        f"each solve is one single-threaded process, {args.workers} run side by side "
        f"(OR-Tools and PyVRP solves interleaved on the {args.workers} cores)",
        flush=True,
    )
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        ours = {}
        theirs = {}
        for c in cases:  # interleaved, so that OR-Tools and PyVRP run side by side
            ours[c] = pool.submit(run_ortools, c[0], c[1], args.time_limit, args.seed)
            if c[1] > 1 or optimum_m1(c[0]) is None:
                theirs[c] = pool.submit(run_pyvrp, c[0], c[1], args.time_limit, args.seed)
        header = (
            f"{'instance':<8} {'M':>2} {'ours':>6} {'ref':>6} {'ref kind':<14} {'ratio':>6} "
            f"{'time_s':>7} {'feasible':<8} {'ref feasible':<12}"
        )
        print(header)
        print("-" * len(header), flush=True)
        ratios: list[float] = []
        all_feasible = True
        for case in cases:
            name, m = case
            instance = instances[name]
            our = ours[case].result()
            our_routes = our["routes"]
            assert isinstance(our_routes, list)
            violations = check_toptw(instance, our_routes, tours=m, score=int(str(our["score"])))
            feasible = not violations
            all_feasible &= feasible
            ref_feasible = "-"
            if case in theirs:
                ref_result = theirs[case].result()
                ref = int(str(ref_result["score"]))
                kind = "PyVRP"
                ref_routes = ref_result["routes"]
                assert isinstance(ref_routes, list)
                ref_ok = not check_toptw(instance, ref_routes, tours=m) and bool(
                    ref_result["feasible"]
                )
                ref_feasible = "yes" if ref_ok else "NO"
            else:
                ref = optimum_m1(name) or 0
                kind = "optimum (R&S)"
            ratio = int(str(our["score"])) / ref if ref else float("nan")
            ratios.append(ratio)
            print(
                f"{name:<8} {m:>2} {our['score']!s:>6} {ref:>6} {kind:<14} {ratio:>6.3f} "
                f"{float(str(our['time_s'])):>7.1f} {'yes' if feasible else 'NO':<8} "
                f"{ref_feasible:<12}",
                flush=True,
            )
            for v in violations:
                print(f"    violation: {v}")
    if ratios:
        print("-" * len(header))
        print(
            f"median ratio {statistics.median(ratios):.4f}, minimum {min(ratios):.4f}, "
            f"mean {statistics.fmean(ratios):.4f}, all routes feasible: "
            f"{'yes' if all_feasible else 'NO'}"
        )
        ok = statistics.median(ratios) >= 0.98 and min(ratios) >= 0.95 and all_feasible
        print(
            f"target (median >= 0.98, minimum >= 0.95, all feasible): {'MET' if ok else 'NOT MET'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
