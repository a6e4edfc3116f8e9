"""Reading a directory export into ServicePoints, and merging them into a scenario folder.

:func:`read_directory` reads one file (format detected from its header or keys, or given),
checks every entry and raises one :class:`~itinerant.errors.ScenarioError` naming the file, the
row (spreadsheet row of a CSV, header = 1; 1-based entry of a JSON list) and the field of every
bad entry. Entries of communes outside the Territory are skipped and counted.
:func:`import_services` merges the result into a scenario's service points and writes the
folder with :func:`~itinerant.io.write_scenario`, only once the new scenario loads back.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from shapely.geometry import Point

from itinerant.errors import InputError, ScenarioError
from itinerant.i18n import folding
from itinerant.io.cells import parse_float
from itinerant.io.directories.formats import (
    ID_PREFIXES,
    PUBLISHERS,
    DirectoryFormat,
    RawEntry,
    detect_csv,
    detect_json,
    entry_of,
    json_entries,
    kind_of,
    missing_columns,
)
from itinerant.io.reading import OUTSIDE_TOLERANCE_M, load_scenario
from itinerant.io.tables import SERVICE_POINTS, Collector, read_table
from itinerant.io.writing import write_scenario
from itinerant.model import (
    Commune,
    FieldError,
    Location,
    Precision,
    ServiceKind,
    ServicePoint,
    Territory,
)

__all__ = ["DirectoryImport", "ImportReport", "import_services", "read_directory"]

logger = logging.getLogger(__name__)

_INSEE = re.compile(r"[0-9][0-9AB][0-9]{3}")
_M_PER_DEGREE = 111_320.0


@dataclass(frozen=True)
class DirectoryImport:
    """What :func:`read_directory` read from one file.

    ``outside`` counts the entries of communes outside the Territory (skipped); ``other_types``
    lists ``(service type, count)`` of the entries whose type has no ServiceKind and became
    ``other``.
    """

    file: Path
    format: DirectoryFormat
    service_points: tuple[ServicePoint, ...]
    rows: int
    outside: int
    other_types: tuple[tuple[str, int], ...]

    @property
    def source_prefix(self) -> str:
        """The start of the ``source`` of every ServicePoint read from this file."""
        return f"{PUBLISHERS[self.format]}:{self.file.name}:"


@dataclass(frozen=True)
class ImportReport:
    """What :func:`import_services` changed in a scenario's service points."""

    folder: Path
    read: DirectoryImport
    added: int
    updated: int
    unchanged: int
    removed: int
    total: int


# --------------------------------------------------------------------------- reading the file
def _csv_rows(path: Path, label: str, out: Collector) -> tuple[list[str], list[dict[str, str]]]:
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
    header = [h.strip() for h in rows[0]]
    records = []
    for cells in rows[1:]:
        records.append(dict(zip(header, (c.strip() for c in cells), strict=False)))
    return header, records


def _locate(
    entry: RawEntry, territory: Territory, where: tuple[str, int], out: Collector
) -> Commune | bool | None:
    """The entry's commune; ``False`` outside the Territory; ``None`` after a reported error."""
    label, row = where
    code = entry.value("insee").upper()
    if code:
        if len(code) == 4 and code.isdigit():
            code = f"0{code}"  # a spreadsheet dropped the leading zero
        if not _INSEE.fullmatch(code):
            field = entry.field("insee", "code_insee")
            out.add(label, row, field, f"{code!r} is not an INSEE commune code")
            return None
        return territory.commune(code) if territory.has_commune(code) else False
    postcode, name = entry.value("postcode"), entry.value("commune_name")
    if not postcode and not name:
        out.add(label, row, entry.field("insee", "code_insee"), "no commune code, name or postcode")
        return None
    same_postcode = [c for c in territory.communes if postcode and postcode in c.postcodes]
    named = [c for c in territory.communes if name and _folded(c.name) == _folded(name)]
    matches = [c for c in named if not postcode or c in same_postcode] if name else same_postcode
    if not matches and len(named) == 1 and not named[0].postcodes:
        matches = named  # a Territory without postcodes (a municipalities GeoJSON)
    if len(matches) == 1:
        return matches[0]
    if same_postcode and name:
        field = entry.field("commune_name", "commune")
        out.add(label, row, field, f"{name!r} is no commune of postcode {postcode}")
        return None
    if len(matches) > 1:
        field = entry.field("commune_name", "commune")
        out.add(label, row, field, f"{name or postcode!r} names several communes: give the code")
        return None
    return False


def _folded(name: str) -> str:
    return folding.fold(name).lower().replace("-", " ").replace("'", " ").strip()


def _location(
    entry: RawEntry, commune: Commune, where: tuple[str, int], out: Collector
) -> tuple[Location, Precision] | None:
    label, row = where
    raw = {key: entry.value(key) for key in ("lon", "lat")}
    if not raw["lon"] and not raw["lat"]:
        return commune.point, Precision.COMMUNE
    values: dict[str, float] = {}
    for key, default in (("lon", "longitude"), ("lat", "latitude")):
        field = entry.field(key, default)
        if not raw[key]:
            other = "latitude" if key == "lon" else "longitude"
            out.add(label, row, field, f"is empty but the {other} is given")
            continue
        try:
            values[key] = parse_float(raw[key])
        except ValueError as exc:
            out.add(label, row, field, str(exc))
    if len(values) != 2:
        return None
    try:
        location = Location(values["lon"], values["lat"])
    except FieldError as exc:
        out.add(label, row, entry.field(exc.field, exc.field), exc.message)
        return None
    if commune.boundary is not None:
        away = commune.boundary.distance(Point(location.lon, location.lat)) * _M_PER_DEGREE
        if away > OUTSIDE_TOLERANCE_M:
            out.add(
                label,
                row,
                f"{entry.field('lon', 'longitude')}/{entry.field('lat', 'latitude')}",
                f"({location.lon}, {location.lat}) lies {away / 1000:.1f} km outside "
                f"{commune.name} ({commune.code}): coordinates swapped or wrong?",
            )
            return None
    return location, Precision.ADDRESS


def _service_point(
    fmt: DirectoryFormat,
    *,
    entry: RawEntry,
    territory: Territory,
    where: tuple[str, int],
    out: Collector,
    kinds: Counter[str],
) -> ServicePoint | bool | None:
    """The entry's ServicePoint; ``False`` outside the Territory; ``None`` on a reported error."""
    label, row = where
    ok = True
    name = entry.value("name")
    if not name:
        out.add(label, row, entry.field("name", "nom"), "is empty but required")
        ok = False
    commune = _locate(entry, territory, where, out)
    if commune is False:
        return False
    if commune is None or commune is True:
        return None
    placed = _location(entry, commune, where, out)
    if placed is None or not ok:
        return None
    raw_type = entry.value("type")
    kind = kind_of(fmt, raw_type, entry.value("labels"))
    if kind is None:
        kind = ServiceKind.OTHER
        kinds[raw_type or "(none)"] += 1
    origin = entry.value("origin")
    raw_id = entry.value("id") or f"{name}-{commune.code}"
    parts = [ID_PREFIXES[fmt], *([origin] if origin else []), raw_id]
    ident = folding.slug("-".join(parts), fallback=ID_PREFIXES[fmt], lower=True)
    locator = f"id {entry.value('id')}" if entry.value("id") else f"row {row}"
    location, precision = placed
    return ServicePoint(
        id=ident,
        name=name,
        kind=kind,
        commune=commune.code,
        location=location,
        address=entry.value("address"),
        precision=precision,
        source=f"{PUBLISHERS[fmt]}:{Path(label).name}:{locator}"
        + (f" ({origin})" if origin else ""),
    )


def _records(
    path: Path, fmt: DirectoryFormat | None, out: Collector
) -> tuple[DirectoryFormat | None, list[tuple[int, dict[str, Any]]]]:
    """The format and the ``(row, values)`` entries of ``path`` (problems reported)."""
    label = path.name
    if path.suffix.lower() in {".json", ".geojson"}:
        try:
            document = json.loads(path.read_bytes().decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            out.add(label, None, "", f"is not JSON ({exc})")
            return fmt, []
        fmt = fmt or detect_json(document)
        if fmt is None:
            out.add(label, None, "", "unknown directory format (give --format)")
            return None, []
        if fmt is DirectoryFormat.FRANCE_SERVICES or fmt is DirectoryFormat.GENERIC:
            out.add(label, None, "", f"the {fmt.value} format is a CSV file, not JSON")
            return fmt, []
        entries = json_entries(fmt, document)
        if entries is None:
            expected = '{"service": [...]}' if fmt is DirectoryFormat.DILA else "a list"
            out.add(label, None, "", f"holds no list of entries (expected {expected})")
            return fmt, []
        records = []
        for i, entry in enumerate(entries, start=1):
            if isinstance(entry, dict):
                records.append((i, entry))
            else:
                out.add(label, i, "", "is not a JSON object")
        return fmt, records
    header, rows = _csv_rows(path, label, out)
    if not header:
        return fmt, []
    fmt = fmt or detect_csv(header)
    if fmt is None:
        out.add(label, 1, "", f"unknown directory format from columns {', '.join(header)}")
        return None, []
    if fmt is not DirectoryFormat.GENERIC:
        for column in missing_columns(fmt, header):
            out.add(label, 1, column, "required column is missing")
    return fmt, list(enumerate(rows, start=2))


def read_directory(
    path: str | os.PathLike[str],
    territory: Territory,
    *,
    fmt: DirectoryFormat | str | None = None,
) -> DirectoryImport:
    """Read a directory export into ServicePoints of ``territory``.

    Parameters
    ----------
    path
        A CSV or JSON file (``.json`` suffix for JSON).
    territory
        Entries are placed in its communes; the others are skipped and counted.
    fmt
        The format (:class:`DirectoryFormat` or its value); ``None``: detected.

    Raises
    ------
    ScenarioError
        Naming the file, row and field of every bad entry (nothing is returned then).
    InputError
        When the file cannot be read.
    """
    file = Path(path)
    if not file.is_file():
        msg = f"{file}: file not found"
        raise InputError(msg)
    chosen = DirectoryFormat(fmt) if fmt is not None else None
    out = Collector()
    if chosen is DirectoryFormat.GENERIC or (
        chosen is None and file.suffix.lower() != ".json" and _is_generic(file)
    ):
        return _read_generic(file, territory, out)
    found, records = _records(file, chosen, out)
    points: list[ServicePoint] = []
    outside = 0
    kinds: Counter[str] = Counter()
    first_row: dict[str, int] = {}
    if found is not None and not out.problems:
        for row, values in records:
            if not any(str(v).strip() for v in values.values() if v is not None):
                continue
            entry = entry_of(found, values)
            point = _service_point(
                found,
                entry=entry,
                territory=territory,
                where=(file.name, row),
                out=out,
                kinds=kinds,
            )
            if point is False:
                outside += 1
            elif isinstance(point, ServicePoint):
                if point.id in first_row:
                    out.add(
                        file.name,
                        row,
                        entry.field("id", "id"),
                        f"duplicate id {point.id!r} (first on row {first_row[point.id]})",
                    )
                    continue
                first_row[point.id] = row
                points.append(point)
    if out.problems:
        raise ScenarioError(out.problems)
    assert found is not None
    if kinds:
        logger.info(
            "%s: service types without a ServiceKind imported as 'other': %s",
            file.name,
            ", ".join(f"{k} ({n})" for k, n in sorted(kinds.items())),
        )
    return DirectoryImport(
        file, found, tuple(points), len(records), outside, tuple(sorted(kinds.items()))
    )


def _is_generic(file: Path) -> bool:
    out = Collector()
    header, _ = _csv_rows(file, file.name, out)
    return bool(header) and detect_csv(header) is DirectoryFormat.GENERIC


def _read_generic(file: Path, territory: Territory, out: Collector) -> DirectoryImport:
    """The project's own service_points CSV, read by the scenario reader's table reader."""
    rows = read_table(file.parent, file.name, SERVICE_POINTS, out)
    points: list[ServicePoint] = []
    outside = 0
    for row, point in rows:
        if not territory.has_commune(point.commune):
            outside += 1
            continue
        source = point.source or f"{PUBLISHERS[DirectoryFormat.GENERIC]}:{file.name}:row {row}"
        points.append(replace(point, source=source))
    if out.problems:
        raise ScenarioError(out.problems)
    return DirectoryImport(file, DirectoryFormat.GENERIC, tuple(points), len(rows), outside, ())


# --------------------------------------------------------------------------- merging
def import_services(
    folder: str | os.PathLike[str],
    path: str | os.PathLike[str],
    *,
    fmt: DirectoryFormat | str | None = None,
    replace_previous: bool = False,
) -> ImportReport:
    """Merge the ServicePoints of a directory file into the scenario in ``folder``.

    A ServicePoint whose id is already in the scenario is updated in place (so importing the
    same file again changes nothing); the others are added after the existing ones. With
    ``replace_previous``, the ServicePoints an earlier import of the same file brought (same
    ``source`` prefix) and that the file no longer holds are removed. The scenario is written
    with :func:`~itinerant.io.write_scenario` only after it loaded back from a scratch copy.

    Raises
    ------
    ScenarioError
        When the scenario or the file has bad rows (the folder is left untouched).
    """
    root = Path(folder)
    scenario = load_scenario(root)
    territory = scenario.territory
    read = read_directory(path, territory, fmt=fmt)
    incoming = {p.id: p for p in read.service_points}
    merged: list[ServicePoint] = []
    updated = unchanged = removed = 0
    for point in territory.service_points:
        new = incoming.pop(point.id, None)
        if new is None:
            if replace_previous and point.source.startswith(read.source_prefix):
                removed += 1
                continue
            merged.append(point)
        elif new == point:
            unchanged += 1
            merged.append(point)
        else:
            updated += 1
            merged.append(new)
    added = len(incoming)
    merged.extend(incoming.values())
    result = replace(scenario, territory=replace(territory, service_points=tuple(merged)))
    with tempfile.TemporaryDirectory(prefix="itinerant-import-") as scratch:
        write_scenario(result, scratch)
        load_scenario(scratch)  # raises ScenarioError, the real folder untouched
    write_scenario(result, root)
    logger.info(
        "imported %s into %s: %d added, %d updated, %d removed",
        read.file.name,
        root,
        added,
        updated,
        removed,
    )
    return ImportReport(root, read, added, updated, unchanged, removed, len(merged))
