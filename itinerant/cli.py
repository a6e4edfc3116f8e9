"""Command line: ``itinerant territory``, ``plan``, ``replan``, ``publish``, ``upcoming``, ``demo``.

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
    from itinerant.schedule.cpsat import Progress

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
    _output_options(territory)
    territory.set_defaults(handler=_cmd_territory)

    plan = sub.add_parser(
        "plan",
        help="plan bus tours, crews and pop-ups over the horizon (OR-Tools CP-SAT)",
        description=(
            "Plan the Horizon: which Stop each bus visits on which date and session, with which "
            "counsellors, and who staffs each PopUp, reaching the most need first. Writes "
            "schedule.json, schedule.csv and kpis.json (plan against the round-robin baseline) "
            "into --out; prints progress while solving and a summary."
        ),
    )
    _solver_options(plan)
    plan.add_argument(
        "--parallel",
        action="store_true",
        help="search on every core, stopped by the wall clock: faster, not reproducible",
    )
    _output_options(plan)
    plan.set_defaults(handler=_cmd_plan)

    again = sub.add_parser(
        "replan",
        help="re-plan a published schedule after a disruption, changing as little as possible",
        description=(
            "Re-plan after disruptions (a counsellor absent, a bus out of service on a date): "
            "tours before the first disrupted date and locked visits stay; every other visit "
            "that still works is kept. Writes schedule.json, schedule.csv, kpis.json and "
            "changes.json into --out and prints what changed."
        ),
    )
    again.add_argument("--schedule", type=Path, required=True, help="published schedule.json")
    again.add_argument(
        "--disruption",
        action="append",
        required=True,
        metavar="absence:ID:DATE|bus:ID:DATE",
        help="a counsellor absent or a bus out of service on a date (repeatable)",
    )
    _solver_options(again)
    _output_options(again)
    again.set_defaults(handler=_cmd_replan)

    publish = sub.add_parser(
        "publish",
        help="publish a schedule: record a numbered Publication and write every artefact",
        description=(
            "Record --schedule as the next Publication in the store (immutable, numbered, with "
            "author and note) and write into --out the drivers' roadbooks (PDF), GPX, ICS and "
            "CSV, the public site, calendar feeds, open data, posters and the change notices "
            "against the previous Publication."
        ),
    )
    publish.add_argument("--schedule", type=Path, required=True, help="schedule.json to publish")
    publish.add_argument("--note", default="", help="what this version changes, and why")
    publish.add_argument(
        "--author", default=None, help="who publishes (default: the login name of this user)"
    )
    _store_option(publish)
    publish.add_argument("--scenario", type=Path, help="scenario folder; default: embedded Creuse")
    publish.add_argument(
        "--network", default=None, metavar="approx|FILE|osm", help="road network (see territory)"
    )
    _output_options(publish)
    publish.set_defaults(handler=_cmd_publish)

    near = sub.add_parser(
        "upcoming",
        help="the next visits and pop-ups near a place, and the nearest permanent advice points",
        description=(
            "Print the next visits and pop-ups of the latest Publication (or of --schedule) near "
            "a commune name, a postcode or a 'lat,lon' position, with hours, pôles and drive "
            "time, and the nearest permanent ServicePoints."
        ),
    )
    near.add_argument("--near", required=True, help="commune name, postcode or 'lat,lon'")
    near.add_argument("--within-km", type=float, help="road distance limit (km)")
    near.add_argument("--within-minutes", type=float, help="drive time limit (minutes)")
    near.add_argument("--from", dest="from_date", help="first date (YYYY-MM-DD); default: today")
    near.add_argument("--limit", type=int, default=10, help="at most this many visits")
    near.add_argument("--schedule", type=Path, help="a schedule.json instead of the store")
    _store_option(near)
    near.add_argument("--scenario", type=Path, help="scenario folder; default: embedded Creuse")
    near.set_defaults(handler=_cmd_upcoming)

    demo = sub.add_parser(
        "demo",
        add_help=False,
        help="seed the store with the default territory, plan it and publish it (first look)",
        description="See 'itinerant demo --help'.",
    )
    demo.add_argument("args", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    demo.set_defaults(handler=_cmd_demo)

    toptw = sub.add_parser(
        "solve-toptw",
        help="solve a Team Orienteering Problem with Time Windows benchmark instance",
        description=(
            "Solve a TOPTW instance file (Solomon- or Cordeau-based format of the benchmark set) "
            "with the routing core and print JSON: score, routes (vertex numbers in visiting "
            "order, depot excluded) and time_s."
        ),
    )
    toptw.add_argument("file", type=Path, metavar="FILE", help="TOPTW instance file")
    toptw.add_argument("--tours", type=int, required=True, help="number of tours M")
    toptw.add_argument(
        "--time-limit", type=float, required=True, help="wall-clock limit in seconds"
    )
    toptw.add_argument("--seed", type=int, default=0, help="seed of the search (default 0)")
    toptw.set_defaults(handler=_cmd_solve_toptw)
    return parser


def _cmd_demo(args: argparse.Namespace) -> int:
    from itinerant.dashboard.demo import main as demo_main  # noqa: PLC0415

    return demo_main(args.args)


def _cmd_solve_toptw(args: argparse.Namespace) -> int:
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


def _solver_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by the commands that plan: scenario, network, budget, seed."""
    parser.add_argument("--scenario", type=Path, help="scenario folder; default: embedded Creuse")
    parser.add_argument(
        "--network", default=None, metavar="approx|FILE|osm", help="road network (see territory)"
    )
    parser.add_argument(
        "--time-limit",
        type=float,
        default=30.0,
        metavar="S",
        help="search budget in seconds (deterministic-time units unless --parallel); default 30",
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


def _cmd_publish(args: argparse.Namespace) -> int:
    import getpass  # noqa: PLC0415

    from itinerant.pipeline import build_network, matrix_between, scenario_places  # noqa: PLC0415
    from itinerant.publish.release import publish_schedule  # noqa: PLC0415
    from itinerant.schedule.export import read_schedule  # noqa: PLC0415
    from itinerant.store import Store, store_url  # noqa: PLC0415

    schedule = read_schedule(args.schedule)
    scenario = _load(args.scenario)
    if schedule.scenario and schedule.scenario != scenario.name:
        msg = (
            f"--schedule was planned for scenario {schedule.scenario!r}, "
            f"not {scenario.name!r} (give its --scenario)"
        )
        raise InputError(msg)
    network = build_network(scenario, args.network, cache_dir=args.cache_dir)
    matrix = matrix_between(network, scenario_places(scenario), cache_dir=args.cache_dir)
    author = args.author or getpass.getuser()
    with Store.open(store_url(args.db)) as store:
        result = publish_schedule(
            schedule,
            scenario,
            store=store,
            out_dir=args.out,
            author=author,
            note=args.note,
            matrix=matrix,
            network=network,
        )
    pub = result.publication
    print(
        t(
            "publish.title",
            number=pub.number,
            author=pub.author,
            when=pub.published_at.astimezone().strftime("%Y-%m-%d %H:%M"),
        )
    )
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
    if matrix.approximate:
        print(t("summary.approximate"))
    print(t("publish.files", count=len(result.files), folder=result.out_dir))
    return 0


def _near(text: str) -> str | tuple[float, float]:
    parts = text.split(",")
    if len(parts) == 2:
        try:
            return (float(parts[0]), float(parts[1]))
        except ValueError:
            pass
    return text


def _cmd_upcoming(args: argparse.Namespace) -> int:
    import datetime as dt  # noqa: PLC0415

    from itinerant.pipeline import build_network, matrix_between, scenario_places  # noqa: PLC0415
    from itinerant.publish.public import upcoming  # noqa: PLC0415
    from itinerant.publish.public.text import (  # noqa: PLC0415
        format_date,
        format_drive,
        format_hours,
        pole_labels,
        service_kind_label,
    )
    from itinerant.schedule.export import read_schedule  # noqa: PLC0415

    from_date = None
    if args.from_date:
        try:
            from_date = dt.date.fromisoformat(args.from_date)
        except ValueError as exc:
            msg = f"--from: {args.from_date!r} is not a date (YYYY-MM-DD)"
            raise InputError(msg) from exc
    scenario = _load(args.scenario)
    if args.schedule is not None:
        schedule = read_schedule(args.schedule)
    else:
        from itinerant.publish.release import published_schedule  # noqa: PLC0415
        from itinerant.store import Store, database_url, store_url  # noqa: PLC0415

        url = store_url(args.db) or database_url()
        with Store.open(url) as store:
            latest = store.latest_publication()
        if latest is None:
            raise InputError(t("upcoming.no_publication", store=url))
        schedule = published_schedule(latest)
    matrix = matrix_between(build_network(scenario), scenario_places(scenario))
    answer = upcoming(
        schedule,
        scenario,
        matrix,
        near=_near(args.near),
        within_km=args.within_km,
        within_minutes=args.within_minutes,
        from_date=from_date,
        limit=args.limit,
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
    return 0


def _load(path: Path | None) -> Scenario:
    from itinerant.io.scenario import default_scenario_dir, load_scenario  # noqa: PLC0415

    return load_scenario(path if path is not None else default_scenario_dir())


def _cmd_territory(args: argparse.Namespace) -> int:
    from dataclasses import replace  # noqa: PLC0415

    from itinerant.access import diagnose, write_access  # noqa: PLC0415
    from itinerant.io.scenario import load_indicators  # noqa: PLC0415
    from itinerant.pipeline import build_network, matrix_between, scenario_places  # noqa: PLC0415

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


def _cmd_plan(args: argparse.Namespace) -> int:
    from itinerant.access import diagnose  # noqa: PLC0415
    from itinerant.pipeline import build_network, matrix_between, scenario_places  # noqa: PLC0415
    from itinerant.schedule.data import prepare  # noqa: PLC0415
    from itinerant.schedule.export import write_plan  # noqa: PLC0415
    from itinerant.schedule.planner import plan_data  # noqa: PLC0415

    scenario = _load(args.scenario)
    network = build_network(scenario, args.network, cache_dir=args.cache_dir)
    matrix = matrix_between(network, scenario_places(scenario), cache_dir=args.cache_dir)
    data = prepare(scenario, matrix, diagnose(scenario, matrix))
    progress = _ProgressLine()
    result = plan_data(
        data,
        time_limit_s=args.time_limit,
        seed=args.seed,
        progress=progress,
        deterministic=not args.parallel,
    )
    progress.close()
    files = write_plan(result.schedule, result.report, result.baseline_report, scenario, args.out)
    plan_k, base_k = result.report.kpis, result.baseline_report.kpis
    print(t("plan.title", scenario=scenario.name, status=result.status))
    if matrix.approximate:
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
    objective = result.report.objective.total
    bound = result.schedule.bound
    print(
        t(
            "plan.objective",
            objective=number(objective),
            baseline=number(result.baseline_report.objective.total),
            bound=number(bound) if bound is not None else "?",
        )
    )
    if scenario.sample_parts:
        print(t("summary.sample", parts=", ".join(scenario.sample_parts)))
    print(t("summary.written", files=", ".join(str(f) for f in files)))
    return 0


def _cmd_replan(args: argparse.Namespace) -> int:
    import json  # noqa: PLC0415

    from itinerant.access import diagnose  # noqa: PLC0415
    from itinerant.pipeline import build_network, matrix_between, scenario_places  # noqa: PLC0415
    from itinerant.schedule.data import prepare  # noqa: PLC0415
    from itinerant.schedule.export import read_schedule, write_plan  # noqa: PLC0415
    from itinerant.schedule.replan import parse_disruption, replan  # noqa: PLC0415

    disruptions = [parse_disruption(text) for text in args.disruption]
    published = read_schedule(args.schedule)
    scenario = _load(args.scenario)
    network = build_network(scenario, args.network, cache_dir=args.cache_dir)
    matrix = matrix_between(network, scenario_places(scenario), cache_dir=args.cache_dir)
    data = prepare(scenario, matrix, diagnose(scenario, matrix))
    progress = _ProgressLine()
    result, changes = replan(
        data,
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
    stops = {s.id: s.name for s in scenario.stops}
    records = [
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
            bound=number(progress.bound),
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
    args = _parser().parse_args(arguments)
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
