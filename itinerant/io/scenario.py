"""Scenario folders on disk: loading with full validation, and writing.

A scenario is a folder holding ``scenario.toml`` and CSV files; the format is documented in
``docs/scenario-format.md``. :func:`load_scenario` checks everything and raises a single
:class:`~itinerant.errors.ScenarioError` listing *every* problem found, each naming the file, the
spreadsheet row (the header is row 1) and the field. :func:`write_scenario` writes a folder that
:func:`load_scenario` reads back into an equal :class:`~itinerant.model.Scenario`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import math
import os
import tempfile
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path
from typing import Any

import shapely
import tomli_w
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from itinerant.errors import InputError, Problem, ScenarioError
from itinerant.model import (
    WEEKDAYS,
    AvailabilityRule,
    BlockedDay,
    Bus,
    Commune,
    Counsellor,
    Depot,
    FieldError,
    Horizon,
    IndicatorRule,
    Location,
    NeedSettings,
    NetworkSettings,
    Pole,
    PopUp,
    Precision,
    Scenario,
    ServiceKind,
    ServicePoint,
    Slot,
    Stop,
    StopKind,
    Territory,
)

__all__ = [
    "SCENARIO_FILE",
    "default_scenario_dir",
    "load_indicators",
    "load_scenario",
    "write_scenario",
]

logger = logging.getLogger(__name__)

SCENARIO_FILE = "scenario.toml"
OUTSIDE_TOLERANCE_M = 2000.0
"""How far (m) a place may lie outside the Territory's boundary before it is refused."""
COMMUNE_POINT_TOLERANCE_M = 500.0
"""How far (m) a commune's point may lie outside its own boundary."""
_M_PER_DEGREE = 111_320.0


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


# --------------------------------------------------------------------------- cell parsers
_TRUE = {"true", "oui", "yes", "1", "vrai"}
_FALSE = {"false", "non", "no", "0", "faux"}
_WEEKDAY_ALIASES = {
    **{code: i for i, code in enumerate(WEEKDAYS)},
    **{fr: i for i, fr in enumerate(("lun", "mar", "mer", "jeu", "ven", "sam", "dim"))},
    **{
        fr: i
        for i, fr in enumerate(
            ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
        )
    },
}


def _int(raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        msg = f"{raw!r} is not a whole number"
        raise ValueError(msg) from None


def _float(raw: str) -> float:
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        msg = f"{raw!r} is not a number"
        raise ValueError(msg) from None
    if not math.isfinite(value):
        msg = f"{raw!r} is not a finite number"
        raise ValueError(msg)
    return value


def _bool(raw: str) -> bool:
    low = raw.lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    msg = f"{raw!r} is not true/false (or oui/non)"
    raise ValueError(msg)


def _time(raw: str) -> dt.time:
    try:
        hours, minutes = raw.split(":")
        return dt.time(int(hours), int(minutes))
    except ValueError:
        msg = f"{raw!r} is not a clock time HH:MM"
        raise ValueError(msg) from None


def _date(raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        msg = f"{raw!r} is not a date YYYY-MM-DD"
        raise ValueError(msg) from None


def _weekday(raw: str) -> int:
    try:
        return _WEEKDAY_ALIASES[raw.lower()]
    except KeyError:
        msg = f"{raw!r} is not a weekday ({' '.join(WEEKDAYS[:5])}...)"
        raise ValueError(msg) from None


def _weekdays(raw: str) -> frozenset[int]:
    return frozenset(_weekday(part) for part in raw.split())


def _day(raw: str) -> int | dt.date:
    if raw[:1].isdigit():
        return _date(raw)
    return _weekday(raw)


def _enum_parser(enum: type[Any]) -> Callable[[str], Any]:
    allowed = ", ".join(e.value for e in enum)

    def parse(raw: str) -> Any:
        try:
            return enum(raw.lower())
        except ValueError:
            msg = f"{raw!r} is not one of: {allowed}"
            raise ValueError(msg) from None

    return parse


_pole = _enum_parser(Pole)


def _poles(raw: str) -> frozenset[Pole]:
    return frozenset(_pole(part) for part in raw.split())


def _needs(raw: str) -> tuple[tuple[Pole, int], ...]:
    out = []
    for part in raw.split():
        pole, sep, count = part.partition(":")
        if not sep:
            msg = f"{part!r} is not pôle:count (e.g. emploi:2)"
            raise ValueError(msg)
        out.append((_pole(pole), _int(count)))
    return tuple(out)


def _postcodes(raw: str) -> tuple[str, ...]:
    return tuple(raw.split())


def _text(raw: str) -> str:
    return raw


# --------------------------------------------------------------------------- cell writers
def _fmt(value: Any) -> str:
    """Format one domain value as a CSV cell (inverse of the parsers above)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Pole | ServiceKind | Precision | StopKind | Slot):
        return str(value.value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _fmt_weekdays(days: Iterable[int]) -> str:
    return " ".join(WEEKDAYS[d] for d in sorted(days))


def _fmt_poles(poles: Iterable[Pole]) -> str:
    order = list(Pole)
    return " ".join(p.value for p in sorted(poles, key=order.index))


def _fmt_day(day: int | dt.date) -> str:
    return day.isoformat() if isinstance(day, dt.date) else WEEKDAYS[day]


# --------------------------------------------------------------------------- table specs
_MISSING: Any = object()


@dataclass(frozen=True)
class _Column:
    name: str
    parse: Callable[[str], Any]
    default: Any = _MISSING
    """Value of an empty cell; ``_MISSING`` makes the cell mandatory."""
    fmt: Callable[[Any], str] = _fmt


@dataclass(frozen=True)
class _Table:
    key: str
    filename: str
    columns: tuple[_Column, ...]
    build: Callable[[dict[str, Any]], Any]
    unparse: Callable[[Any], dict[str, Any]]
    id_column: str | None = "id"

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _located(cls: type[Any]) -> Callable[[dict[str, Any]], Any]:
    def build(values: dict[str, Any]) -> Any:
        values = dict(values)
        location = Location(values.pop("lon"), values.pop("lat"))
        return cls(location=location, **values)

    return build


def _unlocated(obj: Any) -> dict[str, Any]:
    values = {f.name: getattr(obj, f.name) for f in fields(obj) if f.name != "location"}
    values["lon"] = obj.location.lon
    values["lat"] = obj.location.lat
    return values


def _plain(obj: Any) -> dict[str, Any]:
    return {f.name: getattr(obj, f.name) for f in fields(obj)}


def _build_commune(values: dict[str, Any]) -> Commune:
    values = dict(values)
    point = Location(values.pop("lon"), values.pop("lat"))
    return Commune(point=point, **values)


def _unparse_commune(c: Commune) -> dict[str, Any]:
    values = {
        f.name: getattr(c, f.name)
        for f in fields(c)
        if f.name not in ("point", "boundary", "indicators")
    }
    values["lon"] = c.point.lon
    values["lat"] = c.point.lat
    return values


def _c(name: str, parse: Callable[[str], Any], default: Any = _MISSING, **kw: Any) -> _Column:
    return _Column(name, parse, default, **kw)


_LON = _c("lon", _float)
_LAT = _c("lat", _float)
_SOURCE = _c("source", _text, "")

COMMUNES = _Table(
    "communes",
    "communes.csv",
    (
        _c("code", _text),
        _c("name", _text),
        _c("population", _int),
        _LON,
        _LAT,
        _c("point_source", _text, "mairie"),
        _c("epci", _text, ""),
        _c("epci_name", _text, ""),
        _c("canton", _text, ""),
        _c("canton_name", _text, ""),
        _c("postcodes", _postcodes, (), fmt=" ".join),
    ),
    _build_commune,
    _unparse_commune,
    id_column="code",
)
SERVICE_POINTS = _Table(
    "service_points",
    "service_points.csv",
    (
        _c("id", _text),
        _c("name", _text),
        _c("kind", _enum_parser(ServiceKind)),
        _c("commune", _text),
        _c("address", _text, ""),
        _LON,
        _LAT,
        _c("precision", _enum_parser(Precision), Precision.COMMUNE),
        _SOURCE,
    ),
    _located(ServicePoint),
    _unlocated,
)
DEPOTS = _Table(
    "depots",
    "depots.csv",
    (
        _c("id", _text),
        _c("name", _text),
        _c("commune", _text),
        _c("address", _text, ""),
        _LON,
        _LAT,
        _SOURCE,
    ),
    _located(Depot),
    _unlocated,
)
BUSES = _Table(
    "buses",
    "buses.csv",
    (
        _c("id", _text),
        _c("name", _text),
        _c("depot", _text),
        _c("seats", _int),
        _c("min_crew", _int),
        _c("day_start", _time),
        _c("day_end", _time),
        _c("lunch_start", _time),
        _c("lunch_end", _time),
        _c("lunch_minutes", _int),
        _c("max_drive_minutes", _int),
        _c("service_days", _weekdays, frozenset(range(5)), fmt=_fmt_weekdays),
        _SOURCE,
    ),
    lambda v: Bus(**v),
    _plain,
)
COUNSELLORS = _Table(
    "counsellors",
    "counsellors.csv",
    (
        _c("id", _text),
        _c("name", _text),
        _c("email", _text, ""),
        _c("institution", _text),
        _c("poles", _poles, fmt=_fmt_poles),
        _c("max_days_per_week", _int, 5),
        _SOURCE,
    ),
    lambda v: Counsellor(**v),
    _plain,
)
AVAILABILITY = _Table(
    "availability",
    "availability.csv",
    (
        _c("counsellor", _text),
        _c("day", _day, fmt=_fmt_day),
        _c("slot", _enum_parser(Slot), Slot.DAY),
        _c("available", _bool, True),
        _SOURCE,
    ),
    lambda v: AvailabilityRule(**v),
    _plain,
    id_column=None,
)
STOPS = _Table(
    "stops",
    "stops.csv",
    (
        _c("id", _text),
        _c("name", _text),
        _c("kind", _enum_parser(StopKind), StopKind.OTHER),
        _c("commune", _text),
        _c("address", _text, ""),
        _LON,
        _LAT,
        _c("weekdays", _weekdays, fmt=_fmt_weekdays),
        _c("opens", _time),
        _c("closes", _time),
        _c("session_minutes", _int),
        _c("required_poles", _poles, frozenset(), fmt=_fmt_poles),
        _c("catchment_minutes", _int, 20),
        _SOURCE,
    ),
    _located(Stop),
    _unlocated,
)
POPUPS = _Table(
    "popups",
    "popups.csv",
    (
        _c("id", _text),
        _c("name", _text),
        _c("commune", _text),
        _c("address", _text, ""),
        _LON,
        _LAT,
        _c("date", _date),
        _c("start", _time),
        _c("end", _time),
        _c("needs", _needs, fmt=lambda n: " ".join(f"{p.value}:{k}" for p, k in n)),
        _c("mandatory", _bool, False),
        _c("priority", _int, 1),
        _SOURCE,
    ),
    _located(PopUp),
    _unlocated,
)
BLOCKED_DAYS = _Table(
    "blocked_days",
    "blocked_days.csv",
    (_c("bus", _text), _c("date", _date), _c("reason", _text, ""), _SOURCE),
    lambda v: BlockedDay(**v),
    _plain,
    id_column=None,
)
_RESOURCE_TABLES = (DEPOTS, BUSES, COUNSELLORS, AVAILABILITY, STOPS, POPUPS, BLOCKED_DAYS)


# --------------------------------------------------------------------------- reading
class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.ids: dict[str, set[str]] = {}
        self.unreadable: set[str] = set()

    def add(self, file: str, row: int | None, field: str, message: str) -> None:
        self.problems.append(Problem(file, row, field, message))


def _read_csv_rows(path: Path, label: str, out: _Collector) -> tuple[list[str], list[list[str]]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        out.add(label, None, "", f"is not UTF-8 text ({exc.reason} at byte {exc.start})")
        return [], []
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows:
        out.add(label, None, "", "is empty (a header row is needed)")
        return [], []
    return [h.strip() for h in rows[0]], rows[1:]


def _read_table(folder: Path, filename: str, table: _Table, out: _Collector) -> list[Any]:
    """Parse one CSV table into ``(row, object)`` pairs, reporting every bad cell.

    Every id met, even on a rejected row, is recorded in ``out.ids[table.key]`` so that references
    to a rejected row are not reported a second time.
    """
    path = folder / filename
    header, rows = _read_csv_rows(path, filename, out)
    if not header or (table.id_column and table.id_column not in header):
        out.unreadable.add(table.key)  # references into it cannot be checked
    if not header:
        return []
    known = set(table.column_names)
    for name in header:
        if name not in known:
            out.add(
                filename, 1, name, f"unknown column (expected: {', '.join(table.column_names)})"
            )
    for col in table.columns:
        if col.default is _MISSING and col.name not in header:
            out.add(filename, 1, col.name, "required column is missing")
    if len(set(header)) != len(header):
        out.add(filename, 1, "", "a column name appears twice")
    position = {name: i for i, name in enumerate(header)}
    objects: list[Any] = []
    seen: dict[str, int] = {}
    for rowno, cells in enumerate(rows, start=2):
        if not any(cell.strip() for cell in cells):
            continue  # blank line
        if len(cells) > len(header):
            out.add(filename, rowno, "", f"has {len(cells)} cells but the header has {len(header)}")
            if table.id_column in position:
                out.ids.setdefault(table.key, set()).add(cells[position[table.id_column]].strip())
            continue
        values: dict[str, Any] = {}
        ok = True
        for col in table.columns:
            i = position.get(col.name)
            raw = cells[i].strip() if i is not None and i < len(cells) else ""
            if raw == "":
                if col.default is _MISSING:
                    if i is not None:
                        out.add(filename, rowno, col.name, "is empty but required")
                    ok = False
                else:
                    values[col.name] = col.default
                continue
            try:
                values[col.name] = col.parse(raw)
            except ValueError as exc:
                out.add(filename, rowno, col.name, str(exc))
                ok = False
        if table.id_column and isinstance(values.get(table.id_column), str):
            ident = values[table.id_column]
            out.ids.setdefault(table.key, set()).add(ident)
            if ident in seen:
                out.add(
                    filename,
                    rowno,
                    table.id_column,
                    f"duplicate {table.id_column} {ident!r} (first on row {seen[ident]})",
                )
                ok = False
            else:
                seen[ident] = rowno
        if not ok:
            continue
        try:
            obj = table.build(values)
        except FieldError as exc:
            out.add(filename, rowno, exc.field, exc.message)
            continue
        objects.append((rowno, obj))
    return objects


def _toml_section(
    data: Mapping[str, Any], name: str, allowed: Sequence[str], out: _Collector
) -> dict[str, Any]:
    section = data.get(name, {})
    if not isinstance(section, dict):
        out.add(SCENARIO_FILE, None, name, "must be a [table]")
        return {}
    for key in section:
        if key not in allowed:
            out.add(
                SCENARIO_FILE,
                None,
                f"{name}.{key}",
                f"unknown setting (known: {', '.join(allowed)})",
            )
    return {k: v for k, v in section.items() if k in allowed}


_EXPECTED_TYPES: dict[str, tuple[type, ...]] = {
    "name": (str,),
    "description": (str,),
    "sample": (bool,),
    "departement": (str,),
    "start": (dt.date,),
    "weeks": (int,),
    "rotation_weeks": (int,),
    "weekdays": (str,),
    "source": (str,),
    "detour_factor": (int, float),
    "speed_kmh": (int, float),
    "near_minutes": (int, float),
    "far_minutes": (int, float),
    "floor": (int, float),
    "indicators": (list, str),
    "service_kinds": (list,),
}


def _typed(section: str, values: dict[str, Any], out: _Collector) -> dict[str, Any]:
    good = {}
    for key, value in values.items():
        expected = _EXPECTED_TYPES.get(key, (str,))
        if isinstance(value, bool) and bool not in expected:
            ok = False
        else:
            ok = isinstance(value, expected) and not (
                isinstance(value, dt.datetime) and dt.datetime not in expected
            )
        if ok:
            good[key] = float(value) if expected == (int, float) else value
        else:
            names = " or ".join(t.__name__ for t in expected)
            out.add(SCENARIO_FILE, None, f"{section}.{key}", f"{value!r} is not a {names}")
    return good


_SECTIONS = {
    "scenario": ("name", "description", "sample"),
    "territory": ("name", "departement", "communes", "boundaries", "service_points", "indicators"),
    "horizon": ("start", "weeks", "rotation_weeks", "weekdays"),
    "network": ("source", "detour_factor", "speed_kmh"),
    "need": ("near_minutes", "far_minutes", "floor", "indicators", "service_kinds"),
    "files": tuple(t.key for t in _RESOURCE_TABLES),
}


def _build_settings(cls: type[Any], section: str, values: dict[str, Any], out: _Collector) -> Any:
    try:
        return cls(**values)
    except FieldError as exc:
        out.add(SCENARIO_FILE, None, f"{section}.{exc.field}", exc.message)
    except TypeError as exc:
        out.add(SCENARIO_FILE, None, section, str(exc))
    return None


def _need_settings(values: dict[str, Any], out: _Collector) -> NeedSettings | None:
    rules = []
    raw_rules = values.pop("indicators", [])
    if not isinstance(raw_rules, list):
        out.add(SCENARIO_FILE, None, "need.indicators", "must be a list of tables")
        raw_rules = []
    for i, raw in enumerate(raw_rules, start=1):
        label = f"need.indicators[{i}]"
        if not isinstance(raw, dict):
            out.add(SCENARIO_FILE, None, label, "must be a table {column=..., direction=...}")
            continue
        try:
            rules.append(IndicatorRule(**raw))
        except FieldError as exc:
            out.add(SCENARIO_FILE, None, f"{label}.{exc.field}", exc.message)
        except TypeError as exc:
            out.add(SCENARIO_FILE, None, label, str(exc))
    kinds = []
    parse_kind = _enum_parser(ServiceKind)
    for raw in values.pop("service_kinds", []):
        try:
            kinds.append(parse_kind(str(raw)))
        except ValueError as exc:
            out.add(SCENARIO_FILE, None, "need.service_kinds", str(exc))
    settings = _build_settings(NeedSettings, "need", values, out)
    if settings is None:
        return None
    return NeedSettings(
        near_minutes=settings.near_minutes,
        far_minutes=settings.far_minutes,
        floor=settings.floor,
        indicators=tuple(rules),
        service_kinds=tuple(kinds),
    )


def _read_boundaries(path: Path, label: str, out: _Collector) -> dict[str, BaseGeometry]:
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


def load_indicators(
    path: str | os.PathLike[str], *, codes: Iterable[str] | None = None, key: str | None = None
) -> dict[str, dict[str, float]]:
    """Read an indicators CSV keyed by INSEE code.

    Parameters
    ----------
    path
        CSV file (``,`` or ``;`` separated, optionally gzip-compressed) with a key column and
        numeric indicator columns; empty cells (e.g. statistical secrecy) are left out.
    codes
        Keep only these commune codes (e.g. the Territory's); others are ignored.
    key
        Name of the key column; by default the first of ``code``, ``CODGEO``, ``codgeo``,
        ``insee``, ``code_insee`` present.

    Returns
    -------
    dict
        ``{code: {column: value}}``.

    Raises
    ------
    ScenarioError
        Listing every non-numeric cell with its row and column, or a missing key column.
    """
    import pandas as pd  # noqa: PLC0415 - only needed here

    label = Path(path).name
    out = _Collector()
    try:
        frame = pd.read_csv(path, dtype=str, sep=None, engine="python", keep_default_na=False)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise ScenarioError([Problem(label, None, "", f"cannot be read ({exc})")]) from exc
    candidates = [key] if key else ["code", "CODGEO", "codgeo", "insee", "code_insee"]
    key_column = next((c for c in candidates if c and c in frame.columns), None)
    if key_column is None:
        raise ScenarioError([Problem(label, 1, key or "code", "key column is missing")])
    frame["_row"] = range(2, len(frame) + 2)
    if codes is not None:
        frame = frame[frame[key_column].isin(set(codes))]
    result: dict[str, dict[str, float]] = {}
    value_columns = [c for c in frame.columns if c not in (key_column, "_row")]
    numeric_columns = [c for c in value_columns if frame[c].str.strip().ne("").any()]
    for record in frame.to_dict("records"):
        values: dict[str, float] = {}
        for column in numeric_columns:
            raw = str(record[column]).strip()
            if raw == "":
                continue
            try:
                values[column] = _float(raw)
            except ValueError as exc:
                if _looks_textual(frame[column]):
                    continue  # a label column such as LIBGEO, not an indicator
                out.add(label, int(record["_row"]), column, str(exc))
        result[str(record[key_column])] = values
    if out.problems:
        raise ScenarioError(out.problems)
    return result


def _looks_textual(series: Any) -> bool:
    """Whether a column is mostly non-numeric text (a label column rather than an indicator)."""
    sample = [s for s in series.head(50) if str(s).strip()]
    bad = 0
    for s in sample:
        try:
            _float(str(s))
        except ValueError:
            bad += 1
    return bool(sample) and bad > len(sample) / 2


def load_scenario(folder: str | os.PathLike[str]) -> Scenario:
    """Load and validate a scenario folder.

    Raises
    ------
    ScenarioError
        Listing every problem found (file, row, field, message).
    """
    root = Path(folder)
    out = _Collector()
    toml_path = root / SCENARIO_FILE
    if not toml_path.is_file():
        raise ScenarioError([Problem(SCENARIO_FILE, None, "", f"not found in {root}")])
    try:
        data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ScenarioError(
            [Problem(SCENARIO_FILE, None, "", f"is not valid TOML: {exc}")]
        ) from exc
    for name in data:
        if name not in _SECTIONS:
            out.add(SCENARIO_FILE, None, name, f"unknown section (known: {', '.join(_SECTIONS)})")
    sec = {name: _toml_section(data, name, allowed, out) for name, allowed in _SECTIONS.items()}
    meta = _typed("scenario", sec["scenario"], out)
    terr = sec["territory"]
    horizon_values = _typed("horizon", sec["horizon"], out)
    if "weekdays" in horizon_values:
        try:
            horizon_values["weekdays"] = _weekdays(horizon_values["weekdays"])
        except ValueError as exc:
            out.add(SCENARIO_FILE, None, "horizon.weekdays", str(exc))
            del horizon_values["weekdays"]
    if "start" not in horizon_values:
        out.add(SCENARIO_FILE, None, "horizon.start", "is required (a Monday, e.g. 2027-01-04)")
        horizon = None
    else:
        horizon = _build_settings(Horizon, "horizon", horizon_values, out)
    network = _build_settings(
        NetworkSettings, "network", _typed("network", sec["network"], out), out
    )
    need = _need_settings(_typed("need", sec["need"], out), out)

    def file_of(section: str, key: str, default: str | None) -> str | None:
        value = sec[section].get(key, default)
        if value is None:
            return None
        if not isinstance(value, str) or not value:
            out.add(SCENARIO_FILE, None, f"{section}.{key}", "must be a file name")
            return None
        if not (root / value).is_file():
            if key in sec[section]:  # named explicitly, so it must exist
                out.add(value, None, "", f"file named by {section}.{key} not found")
            return None
        return value

    communes_file = file_of("territory", "communes", COMMUNES.filename)
    if communes_file is None and "communes" not in terr:
        out.add(COMMUNES.filename, None, "", "not found: a scenario needs its communes")
    commune_rows = _read_table(root, communes_file, COMMUNES, out) if communes_file else []
    boundaries_file = file_of("territory", "boundaries", None)
    boundaries = (
        _read_boundaries(root / boundaries_file, boundaries_file, out) if boundaries_file else {}
    )
    indicator_values: dict[str, dict[str, float]] = {}
    indicators_file = file_of("territory", "indicators", None)
    codes = out.ids.get("communes", set())
    if indicators_file:
        try:
            indicator_values = load_indicators(root / indicators_file, codes=codes)
        except ScenarioError as exc:
            out.problems.extend(exc.problems)

    communes: list[Commune] = []
    for rowno, commune in commune_rows:
        boundary = boundaries.get(commune.code)
        if boundaries and boundary is None:
            out.add(boundaries_file or "", None, "code", f"no boundary for commune {commune.code}")
        if boundary is not None:
            off = _metres_outside(boundary, commune.point)
            if off > COMMUNE_POINT_TOLERANCE_M:
                out.add(
                    communes_file or "",
                    rowno,
                    "lon",
                    f"point of {commune.name} lies {off:.0f} m outside its own boundary",
                )
        extra = indicator_values.get(commune.code, {})
        communes.append(Commune(**_commune_with(commune, boundary, extra)))
    for code in boundaries:
        if code not in codes:
            out.add(boundaries_file or "", None, "code", f"boundary for unknown commune {code}")

    sp_file = file_of("territory", "service_points", SERVICE_POINTS.filename)
    sp_rows = _read_table(root, sp_file, SERVICE_POINTS, out) if sp_file else []
    tables: dict[str, list[tuple[int, Any]]] = {}
    filenames: dict[str, str] = {}
    for table in _RESOURCE_TABLES:
        fname = file_of("files", table.key, table.filename)
        filenames[table.key] = fname or table.filename
        tables[table.key] = _read_table(root, fname, table, out) if fname else []

    union = (
        shapely.union_all(list(boundaries.values()))
        if boundaries and len(boundaries) == len(codes)
        else None
    )
    if union is not None:
        shapely.prepare(union)

    def check_place(label: str, rowno: int, obj: Any) -> None:
        if "communes" not in out.unreadable and obj.commune not in codes:
            out.add(label, rowno, "commune", f"unknown commune code {obj.commune!r}")
        if union is not None:
            off = _metres_outside(union, obj.location)
            if off > OUTSIDE_TOLERANCE_M:
                out.add(
                    label,
                    rowno,
                    "lon",
                    f"coordinates lie {off / 1000:.1f} km outside the territory",
                )

    for rowno, sp in sp_rows:
        check_place(sp_file or SERVICE_POINTS.filename, rowno, sp)
    for key in ("depots", "stops", "popups"):
        for rowno, obj in tables[key]:
            check_place(filenames[key], rowno, obj)
    _check_references(tables, filenames, out)

    if out.problems:
        raise ScenarioError(out.problems)
    assert horizon is not None
    assert network is not None
    assert need is not None
    territory = Territory(
        name=str(terr.get("name", meta.get("name", root.name))),
        communes=tuple(communes),
        service_points=tuple(sp for _, sp in sp_rows),
        departement=str(terr.get("departement", "")),
    )
    resources: dict[str, Any] = {key: tuple(obj for _, obj in rows) for key, rows in tables.items()}
    scenario = Scenario(
        name=str(meta.get("name", root.name)),
        description=str(meta.get("description", "")),
        sample=bool(meta.get("sample", False)),
        territory=territory,
        horizon=horizon,
        network=network,
        need=need,
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


def _check_references(
    tables: Mapping[str, list[tuple[int, Any]]], filenames: Mapping[str, str], out: _Collector
) -> None:
    ids = out.ids
    depots = ids.get("depots", set())
    buses = ids.get("buses", set())
    counsellors = ids.get("counsellors", set())
    for rowno, bus in tables["buses"]:
        if "depots" not in out.unreadable and bus.depot not in depots:
            out.add(filenames["buses"], rowno, "depot", f"unknown depot {bus.depot!r}")
    for rowno, rule in tables["availability"]:
        if "counsellors" not in out.unreadable and rule.counsellor not in counsellors:
            out.add(
                filenames["availability"],
                rowno,
                "counsellor",
                f"unknown counsellor {rule.counsellor!r}",
            )
    for rowno, blocked in tables["blocked_days"]:
        if "buses" not in out.unreadable and blocked.bus not in buses:
            out.add(filenames["blocked_days"], rowno, "bus", f"unknown bus {blocked.bus!r}")


# --------------------------------------------------------------------------- writing
def _csv_text(table: _Table, objects: Iterable[Any]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.column_names)
    for obj in objects:
        values = table.unparse(obj)
        writer.writerow([col.fmt(values[col.name]) for col in table.columns])
    return buffer.getvalue()


def _atomic_write(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_scenario(scenario: Scenario, folder: str | os.PathLike[str]) -> Path:
    """Write ``scenario`` as a scenario folder (created if needed); returns the folder.

    Each file is written to a temporary file and then renamed over the old one, so that an
    interrupted write never leaves a half-written file behind.
    """
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    territory = scenario.territory
    files: dict[str, str] = {
        COMMUNES.filename: _csv_text(COMMUNES, territory.communes),
        SERVICE_POINTS.filename: _csv_text(SERVICE_POINTS, territory.service_points),
    }
    for table in _RESOURCE_TABLES:
        files[table.filename] = _csv_text(table, getattr(scenario, table.key))
    territory_section: dict[str, Any] = {
        "name": territory.name,
        "departement": territory.departement,
        "communes": COMMUNES.filename,
        "service_points": SERVICE_POINTS.filename,
    }
    if all(c.boundary is not None for c in territory.communes):
        features = [
            {
                "type": "Feature",
                "properties": {"code": c.code, "name": c.name},
                "geometry": mapping(c.boundary),  # type: ignore[arg-type]
            }
            for c in territory.communes
        ]
        files["communes.geojson"] = json.dumps(
            {"type": "FeatureCollection", "features": features}, ensure_ascii=False
        )
        territory_section["boundaries"] = "communes.geojson"
    names = sorted({k for c in territory.communes for k, _ in c.indicators})
    if names:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["code", *names])
        for c in territory.communes:
            values = dict(c.indicators)
            writer.writerow([c.code, *(repr(values[n]) if n in values else "" for n in names)])
        files["indicators.csv"] = buffer.getvalue()
        territory_section["indicators"] = "indicators.csv"
    horizon = scenario.horizon
    need = scenario.need
    document = {
        "scenario": {
            "name": scenario.name,
            "description": scenario.description,
            "sample": scenario.sample,
        },
        "territory": territory_section,
        "horizon": {
            "start": horizon.start,
            "weeks": horizon.weeks,
            "rotation_weeks": horizon.rotation_weeks,
            "weekdays": _fmt_weekdays(horizon.weekdays),
        },
        "network": _as_toml(scenario.network),
        "need": {
            "near_minutes": need.near_minutes,
            "far_minutes": need.far_minutes,
            "floor": need.floor,
            "indicators": [_as_toml(rule) for rule in need.indicators],
            "service_kinds": [k.value for k in need.service_kinds],
        },
        "files": {table.key: table.filename for table in _RESOURCE_TABLES},
    }
    files[SCENARIO_FILE] = tomli_w.dumps(document)
    for name, text in files.items():
        _atomic_write(root / name, text)
    logger.info("wrote scenario %r to %s", scenario.name, root)
    return root


def _as_toml(obj: Any) -> dict[str, Any]:
    assert is_dataclass(obj)
    return {f.name: getattr(obj, f.name) for f in fields(obj)}
