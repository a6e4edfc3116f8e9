"""Command line: ``itinerant territory`` (and the commands of later issues).

Run ``itinerant --help`` or ``itinerant COMMAND --help``. Exit codes: 0 success, 2 bad input
(every problem is listed on standard error), 3 road-network failure.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from itinerant import __version__
from itinerant.errors import InputError, NetworkError, ScenarioError
from itinerant.i18n import number, percent, t

if TYPE_CHECKING:
    from itinerant.access import AccessDiagnostic
    from itinerant.model import Scenario

__all__ = ["main"]

logger = logging.getLogger("itinerant")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="itinerant",
        description=(
            "Planning for itinerant and pop-up Cités des métiers. Without --scenario, commands "
            "run on the embedded default territory (Creuse, with sample resources)."
        ),
    )
    parser.add_argument("--version", action="version", version=f"itinerant {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    territory = sub.add_parser(
        "territory",
        help="access diagnostic: drive time to the nearest service point and need per commune",
        description=(
            "Compute, for every commune, the drive time to the nearest ServicePoint (overall and "
            "per kind) and its Need; write access.csv and access.geojson into --out and print a "
            "summary (population farther than 20, 30 and 45 minutes)."
        ),
    )
    territory.add_argument(
        "--scenario",
        type=Path,
        help="scenario folder (scenario.toml + CSV files); default: the embedded Creuse",
    )
    territory.add_argument(
        "--network",
        default=None,
        metavar="approx|FILE|osm",
        help=(
            "road network: 'approx' (approximate, offline default), 'osm' (download OpenStreetMap "
            "roads for the territory; needs internet) or a .osm/.osm.bz2/.osm.pbf/.graphml file; "
            "default: the scenario's [network] source"
        ),
    )
    territory.add_argument(
        "--indicators",
        type=Path,
        help="CSV of need indicators keyed by INSEE code (code or CODGEO column), merged in",
    )
    territory.add_argument("--out", type=Path, required=True, help="output folder")
    territory.add_argument(
        "--cache-dir",
        type=Path,
        help="cache for networks and matrices (default ~/.cache/itinerant)",
    )
    territory.set_defaults(handler=_cmd_territory)
    return parser


def _load(path: Path | None) -> Scenario:
    from itinerant.scenario import default_scenario_dir, load_scenario  # noqa: PLC0415

    return load_scenario(path if path is not None else default_scenario_dir())


def _cmd_territory(args: argparse.Namespace) -> int:
    from dataclasses import replace  # noqa: PLC0415

    from itinerant.access import diagnose, write_access  # noqa: PLC0415
    from itinerant.scenario import load_indicators  # noqa: PLC0415
    from itinerant.travel import build_network, matrix_between, scenario_places  # noqa: PLC0415

    scenario = _load(args.scenario)
    if args.indicators is not None:
        territory = scenario.territory
        values = load_indicators(args.indicators, codes=[c.code for c in territory.communes])
        scenario = replace(scenario, territory=territory.with_indicators(values))
        if not scenario.need.indicators:
            columns = sorted({k for v in values.values() for k in v})
            logger.warning(
                "indicators %s loaded, but the scenario's [need] section weighs none of them; "
                "add [[need.indicators]] rules to use them",
                ", ".join(columns),
            )
    spec = args.network
    network = build_network(scenario, spec, cache_dir=args.cache_dir)
    places = [p for p in scenario_places(scenario) if p.id.startswith(("commune:", "sp:"))]
    matrix = matrix_between(network, places, cache_dir=args.cache_dir, allow_unreachable=True)
    diagnostic = diagnose(scenario, matrix)
    files = write_access(diagnostic, scenario, args.out)
    _print_summary(scenario, diagnostic, files)
    return 0


def _print_summary(scenario: Scenario, diagnostic: AccessDiagnostic, files: Sequence[Path]) -> None:
    territory = scenario.territory
    print(t("summary.title", territory=territory.name))
    print(
        t(
            "summary.communes",
            communes=len(diagnostic.communes),
            population=number(diagnostic.population),
        )
    )
    print(t("summary.service_points", count=len(territory.service_points)))
    print(t("summary.network", label=diagnostic.network_label))
    if diagnostic.approximate:
        print(t("summary.approximate"))
    for row in diagnostic.summary():
        print(
            t(
                "summary.beyond",
                minutes=row.minutes,
                population=number(row.population),
                share=percent(row.share),
            )
        )
    kinds = scenario.need.service_kinds
    if kinds:
        print(t("summary.need_kinds", kinds=", ".join(k.value for k in kinds)))
        for row in diagnostic.summary(need_kinds=True):
            print(
                t(
                    "summary.beyond_need",
                    minutes=row.minutes,
                    population=number(row.population),
                    share=percent(row.share),
                )
            )
    if diagnostic.unreachable:
        print(t("summary.unreachable", names=", ".join(diagnostic.unreachable)))
    print(t("summary.top_need"))
    top = sorted(diagnostic.communes, key=lambda c: c.need, reverse=True)[:10]
    for c in top:
        minutes = (
            number(c.need_minutes, digits=0) if c.need_minutes is not None else t("summary.no_time")
        )
        print(
            t(
                "summary.top_need_row",
                name=c.name,
                code=c.code,
                minutes=minutes,
                need=number(c.need),
            )
        )
    if scenario.sample_parts:
        print(t("summary.sample", parts=", ".join(scenario.sample_parts)))
    print(t("summary.written", files=", ".join(str(f) for f in files)))


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``itinerant`` command; returns the exit code."""
    args = _parser().parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.handler(args))
    except ScenarioError as exc:
        print(t("error.input"), file=sys.stderr)
        for problem in exc.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 2
    except InputError as exc:
        print(f"{t('error.input')} {exc}", file=sys.stderr)
        return 2
    except NetworkError as exc:
        print(f"{t('error.network')} {exc}", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
