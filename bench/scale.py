"""The planner at growing scale (issue 10): wall time, columns, objective, bound, gap, need.

Run with ``.venv/bin/python bench/scale.py [--sizes S,M,L] [--engines patterns,lns]
[--time-limit S=60,M=60,L=300] [--folder DIR]``.

Sizes (built once into ``--folder``, default ``~/.cache/itinerant/bench-scale``, then reused):

- **S**: the embedded default territory (Creuse) as shipped;
- **M**: Dordogne (24, 503 communes) from ``itinerant init --departement 24 --max-stops 242
  --buses 2 --weeks 4``, with 12 counsellors;
- **L**: Limousin, three neighbouring départements (23, 87, 19) from ``itinerant init
  --departement 23 --departement 87 --departement 19 --max-stops 400 --buses 4 --weeks 12``,
  with 30 counsellors.

``init`` writes eight sample counsellors; this script replaces them with *n* fictitious ones
(two pôles each, cycling through the five pôles, three weekdays each, rotating so that every
weekday has counsellors), written back with :func:`itinerant.io.write_scenario`.

Each (size, engine) pair runs ``itinerant plan --time-limit T`` as a separate process, the way
a coordinator types it, and its wall time is measured around the whole process (start-up,
loading, routing, planning, validation, writing). The figures are read back from the files the
command writes (``schedule.json``, ``kpis.json``). Engines: ``lns`` (the planner) and
``patterns`` (the previous planner, kept as ``--engine patterns``), at the same limit,
side by side.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

from itinerant.io import load_scenario, write_scenario
from itinerant.io.reading import default_scenario_dir
from itinerant.model import AvailabilityRule, Counsellor, Pole

ITINERANT = [sys.executable, "-m", "itinerant.cli"]
POLES = tuple(Pole)


@dataclass(frozen=True)
class Size:
    """One territory size: how to build it and its counsellors."""

    name: str
    init: tuple[str, ...]
    counsellors: int


SIZES = {
    "S": Size("S", (), 0),
    "M": Size(
        "M",
        ("--departement", "24", "--max-stops", "242", "--buses", "2", "--weeks", "4"),
        12,
    ),
    "L": Size(
        "L",
        (
            *("--departement", "23", "--departement", "87", "--departement", "19"),
            *("--max-stops", "400", "--buses", "4", "--weeks", "12"),
        ),
        30,
    ),
}


def counsellors(n: int) -> tuple[tuple[Counsellor, ...], tuple[AvailabilityRule, ...]]:
    """``n`` fictitious counsellors: two pôles and three weekdays each, rotating."""
    people, rules = [], []
    for k in range(n):
        ident = f"cns-{k + 1:02d}"
        poles = frozenset({POLES[k % len(POLES)], POLES[(k + 2) % len(POLES)]})
        days = sorted({k % 5, (k + 1) % 5, (k + 3) % 5})
        people.append(
            Counsellor(
                id=ident,
                name=f"Conseiller {k + 1} (exemple)",
                institution="Partenaire (exemple)",
                poles=poles,
                max_days_per_week=3,
                source="sample",
            )
        )
        rules += [AvailabilityRule(ident, day, source="sample") for day in days]
    return tuple(people), tuple(rules)


def _run(args: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run([*ITINERANT, *args], capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        print(done.stdout, done.stderr, sep="\n", file=sys.stderr)
        msg = f"itinerant {' '.join(args)} failed (exit {done.returncode})"
        raise SystemExit(msg)
    return elapsed


def build(size: Size, root: Path) -> Path:
    """The scenario folder of ``size`` (built on first use)."""
    if not size.init:
        return default_scenario_dir()
    folder = root / size.name
    if (folder / "scenario.toml").exists():
        return folder
    _run(["init", str(folder), *size.init])
    scenario = load_scenario(folder)
    people, rules = counsellors(size.counsellors)
    write_scenario(replace(scenario, counsellors=people, availability=rules), folder)
    return folder


def _limits(text: str) -> dict[str, float]:
    out = {}
    for item in text.split(","):
        name, _, value = item.partition("=")
        out[name.strip()] = float(value)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="S,M,L")
    parser.add_argument("--engines", default="patterns,lns")
    parser.add_argument("--time-limit", default="S=60,M=60,L=300")
    parser.add_argument("--folder", type=Path, default=Path.home() / ".cache/itinerant/bench-scale")
    args = parser.parse_args()
    limits = _limits(args.time_limit)
    rows = [
        "| size | communes | stops | bus-days | engine | limit s | wall s | columns "
        "| objective | bound | gap | need reached | vs patterns |",
        "|" + "---|" * 13,
    ]
    for name in args.sizes.split(","):
        size = SIZES[name]
        folder = build(size, args.folder)
        scenario = load_scenario(folder)
        bus_days = len(scenario.buses) * scenario.horizon.weeks * 5
        objectives: dict[str, float] = {}
        for engine in args.engines.split(","):
            out = args.folder / "out" / f"{name}-{engine}"
            limit = limits[name]
            wall = _run(
                [
                    "plan",
                    "--scenario",
                    str(folder),
                    "--time-limit",
                    str(limit),
                    "--engine",
                    engine,
                    "--out",
                    str(out),
                ]
            )
            schedule = json.loads((out / "schedule.json").read_text(encoding="utf-8"))
            kpis = json.loads((out / "kpis.json").read_text(encoding="utf-8"))
            objective = float(schedule["objective"])
            bound = schedule.get("bound")
            gap = (bound - objective) / bound if bound else float("nan")
            objectives[engine] = objective
            reference = objectives.get("patterns")
            ratio = objective / reference if reference else float("nan")
            search = kpis.get("search", {})
            rows.append(
                f"| {name} | {len(scenario.territory.communes)} | {len(scenario.stops)} "
                f"| {bus_days} | {engine} | {limit:.0f} | {wall:.1f} "
                f"| {search.get('columns', '')} | {objective:,.0f} "
                f"| {'' if bound is None else f'{bound:,.0f}'} | {gap:.1%} "
                f"| {kpis['plan']['need_reached_share']:.1%} | {ratio:.3f} |"
            )
            print(rows[-1], flush=True)
    print("\n".join(rows))


if __name__ == "__main__":
    main()
