"""Acceptance run of issue 11: any French territory, from ``itinerant init`` to a plan.

Run with ``.venv/bin/python bench/territories.py [--departements 23,77,29,2A,974]
[--time-limit 30]``.

For each département, in a temporary folder, the three commands a coordinator runs:
``itinerant init DIR --departement CODE``, ``itinerant territory`` and
``itinerant plan --time-limit T``, each as a separate process (as typed at a shell). It prints
one row per département: communes and inhabitants written against the package's own totals
(both read back from the init output), and the wall time of each command. A command that fails
prints its error output and the run exits non-zero.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ITINERANT = [sys.executable, "-m", "itinerant.cli"]
TOTALS = re.compile(
    r"([\d\s\u202f\u00a0]+) communes, ([\d\s\u202f\u00a0]+) habitants "
    r"\(la source en compte ([\d\s\u202f\u00a0]+), ([\d\s\u202f\u00a0]+) habitants\)"
)


def _number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _run(args: list[str]) -> tuple[str, float]:
    start = time.perf_counter()
    done = subprocess.run([*ITINERANT, *args], capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        print(done.stdout, done.stderr, sep="\n", file=sys.stderr)
        msg = f"itinerant {' '.join(args)} failed (exit {done.returncode})"
        raise SystemExit(msg)
    return done.stdout, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--departements", default="23,77,29,2A,974")
    parser.add_argument("--time-limit", type=float, default=30.0)
    args = parser.parse_args()
    header = (
        "| département | communes | source | inhabitants | source | init s | territory s "
        "| plan s | match |"
    )
    rows = [header, "|" + "---|" * 9]
    with tempfile.TemporaryDirectory() as tmp:
        for code in args.departements.split(","):
            folder = Path(tmp) / code
            out, t_init = _run(["init", str(folder), "--departement", code])
            found = TOTALS.search(out)
            if found is None:
                raise SystemExit(f"no totals in the init output of {code}:\n{out}")
            communes, population, src_communes, src_population = map(_number, found.groups())
            _, t_territory = _run(
                ["territory", "--scenario", str(folder), "--out", str(folder / "access")]
            )
            _, t_plan = _run(
                [
                    "plan",
                    "--scenario",
                    str(folder),
                    "--out",
                    str(folder / "plan"),
                    "--time-limit",
                    str(args.time_limit),
                ]
            )
            match = communes == src_communes and population == src_population
            rows.append(
                f"| {code} | {communes:,} | {src_communes:,} | {population:,} | "
                f"{src_population:,} | {t_init:.1f} | {t_territory:.1f} | {t_plan:.1f} | "
                f"{'yes' if match else 'NO'} |"
            )
            print(rows[-1], flush=True)
    print("\n".join(rows))


if __name__ == "__main__":
    main()
