"""Loading a scenario folder with full validation.

A scenario is a folder holding ``scenario.toml`` and CSV files; the format is documented in
``docs/scenario-format.md``. :func:`load_scenario` checks everything and raises a single
:class:`~itinerant.errors.ScenarioError` listing *every* problem found, each naming the file, the
spreadsheet row (the header is row 1) and the field.
"""

from __future__ import annotations

import json
import logging
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from itinerant.errors import InputError, Problem, ScenarioError
from itinerant.io.indicators import load_indicators
from itinerant.io.sections import (
    SCENARIO_FILE,
    build_settings,
    need_settings,
    read_sections,
    typed,
)
from itinerant.io.tables import (
    COMMUNES,
    RESOURCE_TABLES,
    SERVICE_POINTS,
    Collector,
    Table,
    read_table,
)
from itinerant.model import (
    Commune,
    Horizon,
    Location,
    NetworkSettings,
    PlanSettings,
    Scenario,
    Territory,
)

__all__ = [
    "COMMUNE_POINT_TOLERANCE_M",
    "OUTSIDE_TOLERANCE_M",
    "default_scenario_dir",
    "load_scenario",
]

logger = logging.getLogger(__name__)

OUTSIDE_TOLERANCE_M = 2000.0
"""How far (m) a place may lie outside the Territory's boundary before it is refused."""
COMMUNE_POINT_TOLERANCE_M = 500.0
"""How far (m) a commune's point may lie outside its own boundary."""
_M_PER_DEGREE = 111_320.0

Rows = list[tuple[int, Any]]
"""``(spreadsheet row, object)`` pairs of one table."""


def default_scenario_dir() -> Path:
    """Folder of the embedded default scenario (Creuse).

    Looks in the installed package (``itinerant/_data/creuse``), then in the source checkout
    (``data/creuse`` next to the package).
    """
    package = Path(__file__).resolve().parents[1]
    for candidate in (package / "_data" / "creuse", package.parent / "data" / "creuse"):
        if (candidate / SCENARIO_FILE).is_file():
            return candidate
    msg = "the embedded default scenario (data/creuse) is missing from this installation"
    raise InputError(msg)


@dataclass
class _Reading:
    """One folder being read: its sections and the problems found so far."""

    root: Path
    sections: dict[str, dict[str, Any]]
    out: Collector

    def file_of(self, section: str, key: str, default: str | None) -> str | None:
        """The file named by ``section.key`` (or ``default``), ``None`` when absent."""
        given = self.sections[section]
        value = given.get(key, default)
        if value is None:
            return None
        if not isinstance(value, str) or not value:
            self.out.add(SCENARIO_FILE, None, f"{section}.{key}", "must be a file name")
            return None
        if not (self.root / value).is_file():
            if key in given:  # named explicitly, so it must exist
                self.out.add(value, None, "", f"file named by {section}.{key} not found")
            return None
        return value

    def table(self, section: str, table: Table) -> tuple[str, Rows]:
        """The file of ``table`` (named in ``section``) and its rows (none when absent)."""
        filename = self.file_of(section, table.key, table.filename)
        rows = read_table(self.root, filename, table, self.out) if filename else []
        return filename or table.filename, rows


def _read_toml(root: Path) -> dict[str, Any]:
    toml_path = root / SCENARIO_FILE
    if not toml_path.is_file():
        raise ScenarioError([Problem(SCENARIO_FILE, None, "", f"not found in {root}")])
    try:
        return tomllib.loads(toml_path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ScenarioError(
            [Problem(SCENARIO_FILE, None, "", f"is not valid TOML: {exc}")]
        ) from exc


def _settings(sections: Mapping[str, dict[str, Any]], out: Collector) -> dict[str, Any]:
    """The Horizon and the settings sections (``None`` for each refused one)."""
    horizon_values = typed("horizon", sections["horizon"], out)
    horizon = None
    if "start" not in horizon_values:
        out.add(SCENARIO_FILE, None, "horizon.start", "is required (a Monday, e.g. 2027-01-04)")
    else:
        horizon = build_settings(Horizon, "horizon", horizon_values, out)
    return {
        "horizon": horizon,
        "network": build_settings(
            NetworkSettings, "network", typed("network", sections["network"], out), out
        ),
        "need": need_settings(typed("need", sections["need"], out), out),
        "plan": build_settings(PlanSettings, "plan", typed("plan", sections["plan"], out), out),
    }


def _read_communes(reading: _Reading) -> tuple[list[Commune], dict[str, BaseGeometry]]:
    """The communes, with their boundaries and indicators (each checked), and the boundaries."""
    out = reading.out
    terr = reading.sections["territory"]
    communes_file = reading.file_of("territory", "communes", COMMUNES.filename)
    if communes_file is None and "communes" not in terr:
        out.add(COMMUNES.filename, None, "", "not found: a scenario needs its communes")
    rows = read_table(reading.root, communes_file, COMMUNES, out) if communes_file else []
    boundaries_file = reading.file_of("territory", "boundaries", None) or ""
    boundaries = (
        _read_boundaries(reading.root / boundaries_file, boundaries_file, out)
        if boundaries_file
        else {}
    )
    indicator_values: dict[str, dict[str, float]] = {}
    indicators_file = reading.file_of("territory", "indicators", None)
    codes = out.ids.get("communes", set())
    if indicators_file:
        try:
            indicator_values = load_indicators(reading.root / indicators_file, codes=codes)
        except ScenarioError as exc:
            out.problems.extend(exc.problems)
    communes: list[Commune] = []
    for rowno, commune in rows:
        boundary = boundaries.get(commune.code)
        if boundaries and boundary is None:
            out.add(boundaries_file, None, "code", f"no boundary for commune {commune.code}")
        if boundary is not None:
            off = _metres_outside(boundary, commune.point)
            if off > COMMUNE_POINT_TOLERANCE_M:
                message = f"point of {commune.name} lies {off:.0f} m outside its own boundary"
                out.add(communes_file or "", rowno, "lon", message)
        extra = indicator_values.get(commune.code, {})
        communes.append(Commune(**_commune_with(commune, boundary, extra)))
    for code in boundaries:
        if code not in codes:
            out.add(boundaries_file, None, "code", f"boundary for unknown commune {code}")
    return communes, boundaries


def _check_places(
    boundaries: Mapping[str, BaseGeometry], places: Mapping[str, tuple[str, Rows]], out: Collector
) -> None:
    """Every place lies in a known commune and (with boundaries) inside the Territory."""
    codes = out.ids.get("communes", set())
    union = (
        shapely.union_all(list(boundaries.values()))
        if boundaries and len(boundaries) == len(codes)
        else None
    )
    if union is not None:
        shapely.prepare(union)
    for label, rows in places.values():
        for rowno, obj in rows:
            if "communes" not in out.unreadable and obj.commune not in codes:
                out.add(label, rowno, "commune", f"unknown commune code {obj.commune!r}")
            if union is not None:
                off = _metres_outside(union, obj.location)
                if off > OUTSIDE_TOLERANCE_M:
                    message = f"coordinates lie {off / 1000:.1f} km outside the territory"
                    out.add(label, rowno, "lon", message)


def load_scenario(folder: str | os.PathLike[str]) -> Scenario:
    """Load and validate a scenario folder.

    Raises
    ------
    ScenarioError
        Listing every problem found (file, row, field, message).
    """
    root = Path(folder)
    out = Collector()
    reading = _Reading(root, read_sections(_read_toml(root), out), out)
    meta = typed("scenario", reading.sections["scenario"], out)
    settings = _settings(reading.sections, out)
    communes, boundaries = _read_communes(reading)
    service_points = reading.table("territory", SERVICE_POINTS)
    tables = {table.key: reading.table("files", table) for table in RESOURCE_TABLES}
    places = {key: tables[key] for key in ("depots", "stops", "popups")}
    _check_places(boundaries, {"service_points": service_points, **places}, out)
    _check_references(tables, out)
    if out.problems or None in settings.values():
        raise ScenarioError(out.problems)
    terr = reading.sections["territory"]
    territory = Territory(
        name=str(terr.get("name", meta.get("name", root.name))),
        communes=tuple(communes),
        service_points=tuple(sp for _, sp in service_points[1]),
        departement=str(terr.get("departement", "")),
    )
    resources: dict[str, Any] = {
        key: tuple(obj for _, obj in rows) for key, (_, rows) in tables.items()
    }
    scenario = Scenario(
        name=str(meta.get("name", root.name)),
        description=str(meta.get("description", "")),
        sample=bool(meta.get("sample", False)),
        territory=territory,
        **settings,
        **resources,
    )
    logger.info(
        "loaded scenario %r: %d communes, %d service points, %d stops, %d buses, %d counsellors",
        scenario.name,
        len(territory.communes),
        len(territory.service_points),
        len(scenario.stops),
        len(scenario.buses),
        len(scenario.counsellors),
    )
    return scenario


def _commune_with(
    commune: Commune, boundary: BaseGeometry | None, extra: Mapping[str, float]
) -> dict[str, Any]:
    values = {f.name: getattr(commune, f.name) for f in fields(commune)}
    values["boundary"] = boundary
    values["indicators"] = tuple(sorted(extra.items()))
    return values


_REFERENCES = (
    ("buses", "depot", "depots", "depot"),
    ("availability", "counsellor", "counsellors", "counsellor"),
    ("blocked_days", "bus", "buses", "bus"),
)
"""``(table, column, referenced table, what)``: each value must be an id of that table."""


def _check_references(tables: Mapping[str, tuple[str, Rows]], out: Collector) -> None:
    for key, column, target, what in _REFERENCES:
        if target in out.unreadable:
            continue
        known = out.ids.get(target, set())
        filename, rows = tables[key]
        for rowno, obj in rows:
            value = getattr(obj, column)
            if value not in known:
                out.add(filename, rowno, column, f"unknown {what} {value!r}")


def _read_boundaries(path: Path, label: str, out: Collector) -> dict[str, BaseGeometry]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        features = data["features"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        out.add(label, None, "", f"is not a GeoJSON FeatureCollection ({exc})")
        return {}
    result: dict[str, BaseGeometry] = {}
    for i, feature in enumerate(features, start=1):
        try:
            code = str(feature["properties"]["code"])
            geometry = shape(feature["geometry"])
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            out.add(label, i, "geometry", f"feature {i} is unusable ({exc})")
            continue
        if code in result:
            out.add(label, i, "code", f"duplicate boundary for commune {code}")
        result[code] = geometry
    return result


def _metres_outside(geometry: BaseGeometry, location: Location) -> float:
    """Approximate distance in metres from a point to a geometry (0 inside)."""
    point = shapely.Point(location.lon, location.lat)
    degrees = float(geometry.distance(point))
    return degrees * _M_PER_DEGREE
