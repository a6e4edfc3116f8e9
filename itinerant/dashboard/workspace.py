"""The dashboard's working set: the current scenario, its diagnostic, matrix and latest plan.

Everything the Streamlit pages show is computed here, without Streamlit, so that it can be tested
with plain pytest and the pages stay a description of the screen:

- :func:`seed_store` puts the default territory in an empty store (scenario version 1);
- :func:`build_workspace` / :func:`open_workspace` load a scenario version with its road network,
  travel matrix and access diagnostic (:class:`Workspace`);
- :func:`record_plan` and :func:`latest_plan` keep plan runs in the store; :class:`PlanRecord`
  is a stored run read back (Schedule, KPIs, explanations);
- map layers as plain data (:func:`commune_features`, :func:`place_points`, :func:`tour_paths`),
  the timeline (:func:`timeline_rows`), the KPI table (:func:`kpi_rows`), the planner's settings
  with their explanations (:func:`settings_fields`);
- drivers' downloads (:func:`driver_downloads`) and the public answer (:func:`public_answer`);
- :func:`bootstrap_demo`: seed, plan, record and publish the default territory at once.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from shapely.geometry import mapping

from itinerant.access import AccessDiagnostic, diagnose
from itinerant.errors import InputError
from itinerant.i18n import t
from itinerant.io.scenario import default_scenario_dir, load_indicators, load_scenario
from itinerant.model import Bus, FieldError, Scenario
from itinerant.pipeline import build_network, matrix_between, scenario_places
from itinerant.routing import RoadNetwork, TravelMatrix, route_coordinates
from itinerant.schedule.schedule import PlanSettings, Schedule
from itinerant.store import PlanRun, ScenarioVersion, Store

if TYPE_CHECKING:
    from itinerant.publish.drivers.itinerary import Week
    from itinerant.publish.public import Upcoming
    from itinerant.publish.release import PublishResult
    from itinerant.schedule.data import PlanningData
    from itinerant.schedule.planner import PlanResult
    from itinerant.schedule.replan import Change

__all__ = [
    "DEMO_AUTHOR",
    "DemoResult",
    "DriverFiles",
    "KpiRow",
    "PlanRecord",
    "SettingField",
    "Workspace",
    "access_rows",
    "bootstrap_demo",
    "build_workspace",
    "bus_days",
    "change_rows",
    "commune_features",
    "compare_kpis",
    "current_version",
    "driver_downloads",
    "kpi_rows",
    "latest_plan",
    "locked_days",
    "mark_locked",
    "open_workspace",
    "place_points",
    "plan_record",
    "public_answer",
    "public_feed",
    "record_plan",
    "result_kpis",
    "save_with_indicators",
    "seed_store",
    "settings_document",
    "settings_fields",
    "settings_from_values",
    "timeline_rows",
    "tour_paths",
    "variant_with_extra_bus",
    "variant_workspace",
    "weeks_of",
]

logger = logging.getLogger(__name__)

DEMO_AUTHOR = "demo"
"""Author recorded for what :func:`seed_store` and :func:`bootstrap_demo` write."""

RGBA = tuple[int, int, int, int]

# Colour ramp from pale (low) to dark red (high) for Need and drive times.
_RAMP: tuple[tuple[int, int, int], ...] = (
    (255, 247, 236),
    (253, 212, 158),
    (252, 141, 89),
    (215, 48, 31),
    (127, 0, 0),
)
_NO_VALUE: RGBA = (200, 200, 200, 160)
BUS_COLOURS: tuple[tuple[int, int, int], ...] = (
    (31, 119, 180),
    (255, 127, 14),
    (44, 160, 44),
    (148, 103, 189),
    (140, 86, 75),
    (227, 119, 194),
)
"""Colours of buses on maps and timelines, in the order of the scenario's buses."""


# --------------------------------------------------------------------------- workspace
@dataclass(frozen=True)
class Workspace:
    """A scenario version with its road network, travel matrix and access diagnostic.

    Never mutated: an edit makes a new scenario version, hence a new Workspace.
    """

    scenario: Scenario
    version: ScenarioVersion | None
    network: RoadNetwork
    matrix: TravelMatrix
    diagnostic: AccessDiagnostic

    def planning_data(self, settings: PlanSettings | None = None) -> PlanningData:
        """The planner's prepared data (see :func:`itinerant.schedule.data.prepare`)."""
        from itinerant.schedule.data import prepare  # noqa: PLC0415

        return prepare(self.scenario, self.matrix, self.diagnostic, settings)


def build_workspace(scenario: Scenario, version: ScenarioVersion | None = None) -> Workspace:
    """Compute the network, the matrix over every place and the diagnostic of ``scenario``."""
    network = build_network(scenario)
    matrix = matrix_between(network, scenario_places(scenario), allow_unreachable=True)
    return Workspace(scenario, version, network, matrix, diagnose(scenario, matrix))


def seed_store(store: Store, *, author: str = DEMO_AUTHOR) -> ScenarioVersion:
    """The latest scenario version of ``store``, saving the default territory first if empty."""
    versions = store.scenario_versions()
    if versions:
        return versions[0]
    scenario = load_scenario(default_scenario_dir())
    version = store.save_scenario(scenario, author=author, note=t("app.seed_note"))
    logger.info("seeded the store with the default territory (%s)", scenario.name)
    return version


def current_version(store: Store) -> ScenarioVersion | None:
    """The most recently saved scenario version, ``None`` in an empty store."""
    versions = store.scenario_versions()
    return versions[0] if versions else None


def open_workspace(store: Store, version_id: int | None = None) -> Workspace:
    """The Workspace of scenario version ``version_id`` (default: the latest; seeds if empty)."""
    version = seed_store(store) if version_id is None else store.scenario_version(version_id)
    return build_workspace(store.load_scenario_version(version.id), version)


def save_with_indicators(
    store: Store, scenario: Scenario, source: str | Path | bytes, *, author: str
) -> ScenarioVersion:
    """Merge an indicators CSV (INSEE code key) into the communes and save a new version.

    ``source`` is the CSV file, or its bytes (an upload).

    Raises
    ------
    ScenarioError
        When the CSV cannot be read (naming file, row and field).
    """
    territory = scenario.territory
    codes = [c.code for c in territory.communes]
    if isinstance(source, bytes):
        with tempfile.TemporaryDirectory(prefix="itinerant-indicators-") as tmp:
            path = Path(tmp) / "indicators.csv"
            path.write_bytes(source)
            values = load_indicators(path, codes=codes)
    else:
        values = load_indicators(source, codes=codes)
    columns = sorted({k for v in values.values() for k in v})
    updated = replace(scenario, territory=territory.with_indicators(values))
    note = t("app.territory.indicators_note", columns=", ".join(columns) or "—")
    return store.save_scenario(updated, author=author, note=note)


def access_rows(workspace: Workspace) -> list[dict[str, Any]]:
    """The access diagnostic as table rows, neediest first.

    Keys: ``code``, ``name``, ``epci``, ``population``, ``minutes``, ``nearest``,
    ``need_index``, ``need``.
    """
    rows = [
        {
            "code": c.code,
            "name": c.name,
            "epci": c.epci_name,
            "population": c.population,
            "minutes": None if c.minutes is None else round(c.minutes, 1),
            "nearest": c.nearest,
            "need_index": round(c.need_index, 3),
            "need": round(c.need, 1),
        }
        for c in workspace.diagnostic.communes
    ]
    return sorted(rows, key=lambda r: -float(r["need"]))


# --------------------------------------------------------------------------- settings
@dataclass(frozen=True, slots=True)
class SettingField:
    """One planner setting: its name, type, default and the explanation from its docstring."""

    name: str
    kind: Literal["float", "int", "time"]
    default: float | int | dt.time
    doc: str


def _attribute_docs(doc: str) -> dict[str, str]:
    """The ``Attributes`` section of a numpy docstring as name -> one-paragraph text."""
    out: dict[str, str] = {}
    match = re.search(r"Attributes\n\s*-+\n(.*?)(?:\n\s*\n\s*\w+\n\s*-+\n|\Z)", doc, re.S)
    if match is None:
        return out
    name = ""
    for line in match.group(1).splitlines():
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        if indent <= 4:
            name = line.strip()
            out[name] = ""
        elif name:
            out[name] = (out[name] + " " + line.strip()).strip()
    return out


def settings_fields() -> tuple[SettingField, ...]:
    """Every field of :class:`PlanSettings`, with its explanation (from the class docstring)."""
    docs = _attribute_docs(PlanSettings.__doc__ or "")
    defaults = PlanSettings()
    out = []
    for f in fields(PlanSettings):
        value = getattr(defaults, f.name)
        kind: Literal["float", "int", "time"] = (
            "time" if isinstance(value, dt.time) else "int" if isinstance(value, int) else "float"
        )
        out.append(SettingField(f.name, kind, value, docs.get(f.name, "")))
    return tuple(out)


def settings_from_values(values: Mapping[str, object]) -> PlanSettings:
    """A :class:`PlanSettings` from field values (unknown names refused).

    Raises
    ------
    FieldError
        Naming the field whose value is refused.
    """
    known = {f.name for f in fields(PlanSettings)}
    for name in values:
        if name not in known:
            raise FieldError(name, "is not a planner setting")
    return PlanSettings(**values)  # type: ignore[arg-type]


def settings_document(settings: PlanSettings, *, time_limit_s: float, seed: int) -> dict[str, Any]:
    """The settings of a run as a JSON object (stored with the plan run)."""
    doc: dict[str, Any] = {}
    for f in fields(settings):
        value = getattr(settings, f.name)
        doc[f.name] = value.isoformat(timespec="minutes") if isinstance(value, dt.time) else value
    doc["time_limit_s"] = time_limit_s
    doc["seed"] = seed
    return doc


# --------------------------------------------------------------------------- plan runs
@dataclass(frozen=True)
class PlanRecord:
    """A stored plan run read back: the Schedule, the KPI document and the explanations."""

    run: PlanRun
    schedule: Schedule
    kpis: Mapping[str, Any]
    explanations: tuple[Mapping[str, str], ...]


def record_plan(
    store: Store,
    workspace: Workspace,
    result: PlanResult,
    *,
    author: str,
    settings: Mapping[str, Any] | None = None,
    log: str = "",
) -> PlanRun:
    """Record a planner result (Schedule, KPIs against the baseline, explanations)."""
    from itinerant.schedule.export import kpis_document, schedule_document  # noqa: PLC0415

    kpis = kpis_document(
        result.report, result.baseline_report, approximate=workspace.matrix.approximate
    )
    kpis["explanations"] = [
        {"severity": e.severity, "code": e.code, "subject": e.subject, "message": e.message}
        for e in (*result.warnings, *result.unreached)
    ]
    return store.record_plan_run(
        scenario_version=workspace.version.id if workspace.version else None,
        settings=dict(settings or {}),
        schedule=schedule_document(result.schedule, workspace.scenario),
        kpis=kpis,
        solver_log=log,
        status=result.status.lower(),
        author=author,
    )


def plan_record(run: PlanRun) -> PlanRecord:
    """Read a stored plan run back (``InputError`` if it holds no Schedule)."""
    from itinerant.schedule.export import schedule_from_document  # noqa: PLC0415

    schedule = schedule_from_document(run.schedule, f"plan run {run.id}")
    explanations = tuple(run.kpis.get("explanations", ()))
    return PlanRecord(run, schedule, run.kpis, explanations)


def latest_plan(store: Store, scenario_version: int | None) -> PlanRecord | None:
    """The newest plan run with a Schedule for ``scenario_version`` (``None`` if none)."""
    if scenario_version is None:
        return None
    for run in store.plan_runs(scenario_version=scenario_version, limit=20):
        if run.schedule.get("tours") is not None:
            return plan_record(run)
    return None


# --------------------------------------------------------------------------- KPIs
@dataclass(frozen=True, slots=True)
class KpiRow:
    """One KPI of a plan against the round-robin baseline (``key`` names the i18n label)."""

    key: str
    plan: float
    baseline: float
    higher_is_better: bool
    digits: int = 0
    share: bool = False


_KPIS: tuple[tuple[str, bool, int, bool], ...] = (
    ("need_reached", True, 0, False),
    ("need_reached_share", True, 0, True),
    ("visits", True, 0, False),
    ("tours", True, 0, False),
    ("km_driven", False, 0, False),
    ("hours_driven", False, 1, False),
    ("co2_kg", False, 0, False),
    ("counsellor_days", False, 0, False),
    ("popups_staffed", True, 0, False),
    ("objective", True, 0, False),
)


def kpi_rows(kpis: Mapping[str, Any]) -> list[KpiRow]:
    """The main KPIs of a ``kpis.json`` document, plan against baseline."""
    plan, base = kpis.get("plan", {}), kpis.get("baseline", {})
    return [
        KpiRow(key, float(plan.get(key, 0.0)), float(base.get(key, 0.0)), better, digits, share)
        for key, better, digits, share in _KPIS
    ]


# --------------------------------------------------------------------------- maps
def _ramp(value: float | None, low: float, high: float, alpha: int = 190) -> RGBA:
    if value is None:
        return _NO_VALUE
    span = high - low
    x = 0.0 if span <= 0 else min(max((value - low) / span, 0.0), 1.0)
    pos = x * (len(_RAMP) - 1)
    i = min(int(pos), len(_RAMP) - 2)
    frac = pos - i
    a, b = _RAMP[i], _RAMP[i + 1]
    r, g, bl = (round(a[k] + (b[k] - a[k]) * frac) for k in range(3))
    return (r, g, bl, alpha)


def commune_features(
    workspace: Workspace, colour_by: Literal["need", "minutes", "none"] = "need"
) -> dict[str, Any]:
    """Commune boundaries as a GeoJSON FeatureCollection, filled by Need or drive time.

    Each feature's properties hold ``code``, ``name``, ``population``, ``minutes`` (``None``
    when unreachable), ``need``, ``need_index``, ``fill`` (RGBA) and ``label`` (a tooltip text).
    Communes without a boundary are left out.
    """
    access = {c.code: c for c in workspace.diagnostic.communes}
    needs = [c.need for c in access.values()]
    top_need = max(needs, default=0.0)
    far = workspace.scenario.need.far_minutes
    features = []
    for commune in workspace.scenario.territory.communes:
        if commune.boundary is None:
            continue
        a = access.get(commune.code)
        minutes = a.minutes if a else None
        need = a.need if a else 0.0
        if colour_by == "need":
            fill = _ramp(need, 0.0, top_need)
        elif colour_by == "minutes":
            fill = _ramp(minutes, 0.0, far)
        else:
            fill = (235, 235, 235, 120)
        shown = "—" if minutes is None else f"{minutes:.0f}"
        features.append(
            {
                "type": "Feature",
                "geometry": mapping(commune.boundary),
                "properties": {
                    "code": commune.code,
                    "name": commune.name,
                    "population": commune.population,
                    "minutes": None if minutes is None else round(minutes, 1),
                    "need": round(need, 1),
                    "need_index": round(a.need_index, 3) if a else 0.0,
                    "fill": list(fill),
                    "label": t(
                        "app.map.commune_tip",
                        name=commune.name,
                        population=commune.population,
                        minutes=shown,
                        need=f"{need:.0f}",
                    ),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def place_points(
    workspace: Workspace, kinds: Iterable[Literal["service_points", "stops", "depots", "popups"]]
) -> list[dict[str, Any]]:
    """Points of the scenario's places for a map.

    Each item: ``lon``, ``lat``, ``id``, ``name``, ``kind``, ``colour`` (RGBA), ``label``.
    """
    scenario = workspace.scenario
    colours: dict[str, RGBA] = {
        "service_points": (0, 90, 160, 230),
        "stops": (230, 120, 0, 230),
        "depots": (40, 40, 40, 230),
        "popups": (150, 0, 150, 230),
    }
    out: list[dict[str, Any]] = []
    for kind in kinds:
        rows: Sequence[Any] = {
            "service_points": scenario.territory.service_points,
            "stops": scenario.stops,
            "depots": scenario.depots,
            "popups": scenario.popups,
        }[kind]
        for row in rows:
            out.append(
                {
                    "lon": row.location.lon,
                    "lat": row.location.lat,
                    "id": row.id,
                    "name": row.name,
                    "kind": kind,
                    "colour": list(colours[kind]),
                    "label": f"{row.name} ({t('app.map.kind.' + kind)})",
                }
            )
    return out


def tour_paths(workspace: Workspace, schedule: Schedule, day: dt.date) -> list[dict[str, Any]]:
    """The Tours of ``day`` as paths: depot, Stops, depot, along the road network.

    Legs follow the fastest path of :attr:`Workspace.network` (as the roadbook and GPX do; on
    the approximate network, from commune centre to commune centre).

    Each item: ``bus``, ``name``, ``path`` (list of ``[lon, lat]``), ``colour`` (RGBA) and
    ``stops`` (list of ``{"lon", "lat", "name", "order"}``).
    """
    scenario = workspace.scenario
    buses = {b.id: b for b in scenario.buses}
    order = [b.id for b in scenario.buses]
    depots = {d.id: d for d in scenario.depots}
    stops = {s.id: s for s in scenario.stops}
    out = []
    for tour in schedule.tours:
        if tour.date != day:
            continue
        bus = buses.get(tour.bus)
        depot = depots.get(bus.depot) if bus else None
        points: list[list[float]] = []
        if depot is not None:
            points.append([depot.location.lon, depot.location.lat])
        calls = []
        for k, visit in enumerate(tour.visits, start=1):
            stop = stops.get(visit.stop)
            if stop is None:
                continue
            points.append([stop.location.lon, stop.location.lat])
            calls.append(
                {
                    "lon": stop.location.lon,
                    "lat": stop.location.lat,
                    "name": f"{k}. {stop.name} {visit.start:%H:%M}–{visit.end:%H:%M}",
                    "order": k,
                }
            )
        if depot is not None:
            points.append([depot.location.lon, depot.location.lat])
        if len(points) >= 2:
            legs = route_coordinates(workspace.network, [(lon, lat) for lon, lat in points])
            road = [list(points[0])]
            for leg in legs:  # each leg runs from one place to the next, both included
                road += [[lon, lat] for lon, lat in leg[1:]]
            points = road
        index = order.index(tour.bus) if tour.bus in order else 0
        r, g, b = BUS_COLOURS[index % len(BUS_COLOURS)]
        out.append(
            {
                "bus": tour.bus,
                "name": bus.name if bus else tour.bus,
                "path": points,
                "colour": [r, g, b, 220],
                "stops": calls,
            }
        )
    return out


# --------------------------------------------------------------------------- timeline
def timeline_rows(schedule: Schedule, scenario: Scenario) -> list[dict[str, Any]]:
    """Bars of a Gantt chart: one per visit of each bus and of each counsellor, and PopUps.

    Each row: ``lane`` (bus or counsellor name), ``group`` (``bus`` / ``counsellor``),
    ``start`` and ``end`` (ISO local datetimes), ``date``, ``label`` (Stop or PopUp name),
    ``bus``.
    """
    buses = {b.id: b.name for b in scenario.buses}
    counsellors = {c.id: c.name for c in scenario.counsellors}
    stops = {s.id: s.name for s in scenario.stops}
    popups = {p.id: p for p in scenario.popups}
    bus_label, crew_label = t("app.timeline.bus"), t("app.timeline.counsellor")
    rows: list[dict[str, Any]] = []

    def week(day: dt.date) -> str:
        iso = day.isocalendar()
        return f"{iso.year}-S{iso.week:02d}"

    for tour, visit in schedule.visits():
        start = dt.datetime.combine(tour.date, visit.start).isoformat()
        end = dt.datetime.combine(tour.date, visit.end).isoformat()
        name = stops.get(visit.stop, visit.stop)
        bus = buses.get(tour.bus, tour.bus)
        rows.append(
            {
                "lane": bus,
                "group": bus_label,
                "start": start,
                "end": end,
                "date": tour.date.isoformat(),
                "week": week(tour.date),
                "label": name,
                "bus": bus,
            }
        )
        for member in visit.crew:
            rows.append(
                {
                    "lane": counsellors.get(member, member),
                    "group": crew_label,
                    "start": start,
                    "end": end,
                    "date": tour.date.isoformat(),
                    "week": week(tour.date),
                    "label": name,
                    "bus": bus,
                }
            )
    for staffing in schedule.popups:
        popup = popups.get(staffing.popup)
        if popup is None:
            continue
        start = dt.datetime.combine(popup.date, popup.start).isoformat()
        end = dt.datetime.combine(popup.date, popup.end).isoformat()
        for member in staffing.counsellors:
            rows.append(
                {
                    "lane": counsellors.get(member, member),
                    "group": crew_label,
                    "start": start,
                    "end": end,
                    "date": popup.date.isoformat(),
                    "week": week(popup.date),
                    "label": popup.name,
                    "bus": t("app.timeline.popup"),
                }
            )
    return rows


# --------------------------------------------------------------------------- locking, variants
def bus_days(schedule: Schedule, scenario: Scenario) -> list[tuple[str, dt.date, str]]:
    """Every ``(bus, date, label)`` of a Schedule's Tours; the label lists the Stops."""
    stops = {s.id: s.name for s in scenario.stops}
    return [
        (
            tour.bus,
            tour.date,
            f"{tour.date.isoformat()} · {tour.bus} · "
            + ", ".join(stops.get(v.stop, v.stop) for v in tour.visits),
        )
        for tour in sorted(schedule.tours, key=lambda x: (x.date, x.bus))
    ]


def locked_days(
    schedule: Schedule, keys: Iterable[tuple[str, dt.date]]
) -> dict[tuple[str, dt.date], tuple[str, ...]]:
    """The ``locked`` argument of the planner: the Stops of each chosen bus-day, kept as is.

    Raises
    ------
    InputError
        If a chosen bus-day has no Tour in ``schedule``.
    """
    tours = {(tour.bus, tour.date): tour for tour in schedule.tours}
    out = {}
    for key in keys:
        tour = tours.get(key)
        if tour is None:
            msg = f"locked: bus {key[0]} has no tour on {key[1].isoformat()}"
            raise InputError(msg)
        out[key] = tuple(v.stop for v in tour.visits)
    return out


def mark_locked(schedule: Schedule, keys: Iterable[tuple[str, dt.date]]) -> Schedule:
    """``schedule`` with the Visits of the chosen bus-days marked ``locked`` (kept by replan)."""
    chosen = set(keys)
    tours = tuple(
        replace(tour, visits=tuple(replace(v, locked=True) for v in tour.visits))
        if (tour.bus, tour.date) in chosen
        else tour
        for tour in schedule.tours
    )
    return replace(schedule, tours=tours)


def change_rows(changes: Iterable[Change], scenario: Scenario) -> list[dict[str, str]]:
    """Re-planning changes as table rows.

    Keys: ``kind``, ``stop``, ``bus``, ``date``, ``start``, ``new_bus``, ``new_date``,
    ``new_start``.
    """
    stops = {s.id: s.name for s in scenario.stops}
    return [
        {
            "kind": c.kind,
            "stop": stops.get(c.stop, c.stop),
            "bus": c.bus,
            "date": c.date.isoformat(),
            "start": c.start.strftime("%H:%M"),
            "new_bus": c.new_bus,
            "new_date": c.new_date.isoformat() if c.new_date else "",
            "new_start": c.after.start.strftime("%H:%M") if c.after else "",
        }
        for c in changes
    ]


def variant_workspace(workspace: Workspace, *, copies: int = 1) -> Workspace:
    """The Workspace of :func:`variant_with_extra_bus` (same places: same matrix, diagnostic)."""
    variant = variant_with_extra_bus(workspace.scenario, copies=copies)
    return replace(workspace, scenario=variant, version=None)


def compare_kpis(left: Mapping[str, Any], right: Mapping[str, Any]) -> list[KpiRow]:
    """KPIs of two plans side by side (``kpis.json`` documents).

    In each row, ``plan`` is ``left``'s plan and ``baseline`` is ``right``'s plan.
    """
    return kpi_rows({"plan": left.get("plan", {}), "baseline": right.get("plan", {})})


def result_kpis(result: PlanResult, *, approximate: bool) -> dict[str, Any]:
    """The ``kpis.json`` document of a planner result."""
    from itinerant.schedule.export import kpis_document  # noqa: PLC0415

    return kpis_document(result.report, result.baseline_report, approximate=approximate)


def variant_with_extra_bus(scenario: Scenario, *, copies: int = 1) -> Scenario:
    """A variant of ``scenario`` with ``copies`` more minibuses like its first one.

    The variant is named after the scenario (`` (+1 minibus)``) so that it is stored apart.

    Raises
    ------
    InputError
        If the scenario has no bus to copy.
    """
    if not scenario.buses:
        msg = "buses: the scenario has no bus to copy"
        raise InputError(msg)
    first = scenario.buses[0]
    taken = {b.id for b in scenario.buses}
    extra: list[Bus] = []
    n = len(scenario.buses)
    while len(extra) < copies:
        n += 1
        ident = f"{first.id}-{n}"
        if ident in taken:
            continue
        taken.add(ident)
        extra.append(replace(first, id=ident, name=f"{first.name} ({n})", source="variant"))
    name = t("app.compare.variant_name", name=scenario.name, count=copies)
    return replace(scenario, name=name, buses=(*scenario.buses, *extra))


# --------------------------------------------------------------------------- drivers
@dataclass(frozen=True)
class DriverFiles:
    """A bus's week as downloads: roadbook PDF, GPX, ICS and CSV bytes, and the file stem."""

    stem: str
    pdf: bytes
    gpx: bytes
    ics: bytes
    csv: bytes
    days: int


def weeks_of(scenario: Scenario) -> list[Week]:
    """The ISO weeks of the scenario's Horizon, in order."""
    h = scenario.horizon
    out: list[Week] = []
    for k in range(h.weeks):
        iso = (h.start + dt.timedelta(weeks=k)).isocalendar()
        out.append((iso.year, iso.week))
    return out


def driver_downloads(
    workspace: Workspace,
    schedule: Schedule,
    *,
    bus: str,
    week: Week,
    lang: str | None = None,
) -> DriverFiles:
    """The four files of one bus's week (see :mod:`itinerant.publish.drivers.files`)."""
    from itinerant.publish.drivers.files import (  # noqa: PLC0415
        file_stem,
        itinerary_csv,
        itinerary_gpx,
        itinerary_ics,
    )
    from itinerant.publish.drivers.itinerary import itinerary, itinerary_tracks  # noqa: PLC0415
    from itinerant.publish.drivers.roadbook import roadbook_pdf  # noqa: PLC0415

    week_itinerary = itinerary(schedule, workspace.scenario, workspace.matrix, bus=bus, week=week)
    tracks = itinerary_tracks(week_itinerary, workspace.network)
    return DriverFiles(
        stem=file_stem(week_itinerary, lang),
        pdf=roadbook_pdf(week_itinerary, workspace.scenario.territory, tracks=tracks, lang=lang),
        gpx=itinerary_gpx(week_itinerary, tracks, lang=lang).encode("utf-8"),
        ics=itinerary_ics(week_itinerary, lang=lang),
        csv=itinerary_csv(week_itinerary, lang=lang),
        days=len(week_itinerary.days),
    )


# --------------------------------------------------------------------------- public
def public_answer(
    workspace: Workspace,
    schedule: Schedule,
    near: str | tuple[float, float],
    *,
    from_date: dt.date | None = None,
    limit: int = 10,
    lang: str | None = None,
) -> Upcoming:
    """The next visits and PopUps near a commune, postcode or ``(lat, lon)``.

    Raises
    ------
    InputError
        For an unknown or ambiguous place (:class:`~itinerant.publish.public.CommuneLookupError`).
    """
    from itinerant.publish.public import upcoming  # noqa: PLC0415

    return upcoming(
        schedule,
        workspace.scenario,
        workspace.matrix,
        near=near,
        from_date=from_date,
        limit=limit,
        lang=lang,
    )


def public_feed(
    workspace: Workspace,
    schedule: Schedule,
    commune: str,
    *,
    from_date: dt.date | None = None,
    lang: str | None = None,
) -> bytes:
    """The ICS calendar of a commune's public dates (as in the public site's feeds)."""
    from itinerant.publish.public import commune_events, feed_bytes, public_events  # noqa: PLC0415

    scenario = workspace.scenario
    place = scenario.territory.commune(commune)
    events = public_events(schedule, scenario, from_date=from_date)
    mine = commune_events(events, scenario, workspace.matrix, place)
    return feed_bytes(
        mine,
        name=t("app.public.feed_name", lang, commune=place.name),
        description=t("app.public.feed_description", lang, commune=place.name),
        generated_at=dt.datetime.now(dt.UTC),
        lang=lang,
    )


# --------------------------------------------------------------------------- demo
@dataclass(frozen=True)
class DemoResult:
    """What :func:`bootstrap_demo` did (``None`` fields: already present, left as is)."""

    version: ScenarioVersion
    plan_run: PlanRun | None
    publication: PublishResult | None


def bootstrap_demo(
    store: Store,
    out_dir: str | Path,
    *,
    time_limit_s: float = 20.0,
    seed: int = 0,
    author: str = DEMO_AUTHOR,
    force: bool = False,
    progress: Callable[[Any], None] | None = None,
) -> DemoResult:
    """Seed the store with the default territory, plan it, record the run and publish it.

    A store that already holds a Publication is left alone (unless ``force``), so that the
    README's main command can call this before every ``streamlit run``.
    """
    from itinerant.publish.release import publish_schedule  # noqa: PLC0415
    from itinerant.schedule.planner import plan_data  # noqa: PLC0415

    version = seed_store(store, author=author)
    if store.latest_publication() is not None and not force:
        logger.info("the store already holds a publication: nothing to do")
        return DemoResult(version, None, None)
    workspace = open_workspace(store, version.id)
    data = workspace.planning_data()
    result = plan_data(data, time_limit_s=time_limit_s, seed=seed, progress=progress)
    settings = settings_document(data.settings, time_limit_s=time_limit_s, seed=seed)
    run = record_plan(store, workspace, result, author=author, settings=settings)
    published = publish_schedule(
        result.schedule,
        workspace.scenario,
        store=store,
        out_dir=Path(out_dir),
        author=author,
        note=t("app.demo.note"),
        matrix=workspace.matrix,
        network=workspace.network,
        plan_run=run.id,
        scenario_version=version.id,
    )
    return DemoResult(version, run, published)
