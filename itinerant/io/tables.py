"""The CSV tables of a scenario: their columns, and reading or writing one table.

Each :class:`Table` names its file, its columns (parser, default, formatter) and the domain class
of its rows; :func:`read_table` parses a file into objects, reporting every bad cell to a
:class:`Collector` (file, spreadsheet row, column); :func:`csv_text` writes objects back
(through :mod:`~itinerant.io.csvfiles`: text cells that could start a formula get one leading
``'``, which :func:`read_table` removes again, see :func:`~itinerant.io.csvfiles.restore`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from itinerant.errors import Problem
from itinerant.io.cells import (
    enum_parser,
    format_cell,
    format_day,
    format_needs,
    format_poles,
    format_weekdays,
    parse_bool,
    parse_date,
    parse_day,
    parse_float,
    parse_int,
    parse_needs,
    parse_poles,
    parse_postcodes,
    parse_text,
    parse_time,
    parse_weekdays,
)
from itinerant.io.csvfiles import Cell, restore
from itinerant.io.csvfiles import csv_text as safe_csv_text
from itinerant.model import (
    AvailabilityRule,
    BlockedDay,
    Bus,
    Commune,
    Counsellor,
    Depot,
    FieldError,
    Location,
    PopUp,
    Precision,
    ServiceKind,
    ServicePoint,
    Slot,
    Stop,
    StopKind,
)

REQUIRED: Any = object()
"""Default of a mandatory column (an empty cell is an error)."""


class Collector:
    """Problems found while reading a scenario, and the ids met in each table."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.ids: dict[str, set[str]] = {}
        self.unreadable: set[str] = set()
        """Keys of the tables whose ids are unknown (so references into them are not checked)."""

    def add(self, file: str, row: int | None, field: str, message: str) -> None:
        """Record one problem (``row`` is the spreadsheet row, the header being row 1)."""
        self.problems.append(Problem(file, row, field, message))


@dataclass(frozen=True)
class Column:
    """One column: its parser, the value of an empty cell (or :data:`REQUIRED`), its formatter."""

    name: str
    parse: Callable[[str], Any] = parse_text
    default: Any = REQUIRED
    fmt: Callable[[Any], str] = format_cell


@dataclass(frozen=True)
class Table:
    """One CSV table: file ``{key}.csv``, its columns and the domain class of its rows.

    ``location`` names the field of the class that the ``lon``/``lat`` columns make (``None``
    when the table has no coordinates); ``id_column`` names the column of unique ids.
    """

    key: str
    cls: type[Any]
    columns: tuple[Column, ...]
    id_column: str | None = "id"
    location: str | None = "location"

    @property
    def filename(self) -> str:
        """The file's name in a scenario folder."""
        return f"{self.key}.csv"

    @property
    def column_names(self) -> list[str]:
        """Names of the columns, in file order."""
        return [c.name for c in self.columns]

    def build(self, values: dict[str, Any]) -> Any:
        """The domain object of one row's parsed values (``FieldError`` if refused)."""
        values = dict(values)
        if self.location is not None:
            values[self.location] = Location(values.pop("lon"), values.pop("lat"))
        return self.cls(**values)

    def unparse(self, obj: Any) -> dict[str, Any]:
        """One object's column values (inverse of :meth:`build`)."""
        values = {c.name: getattr(obj, c.name) for c in self.columns if c.name not in _LON_LAT}
        if self.location is not None:
            where: Location = getattr(obj, self.location)
            values.update(lon=where.lon, lat=where.lat)
        return values


def _same(parse: Callable[[str], Any], *names: str) -> tuple[Column, ...]:
    """Mandatory columns sharing one parser."""
    return tuple(Column(name, parse) for name in names)


def _table(key: str, cls: type[Any], *columns: Column, id_column: str | None = "id") -> Table:
    """A resource table: its columns, then ``source``; coordinates when it has ``lon``/``lat``."""
    located = any(c.name == "lon" for c in columns)
    return Table(
        key,
        cls,
        (*columns, Column("source", default="")),
        id_column,
        "location" if located else None,
    )


_LON_LAT = ("lon", "lat")
_ID_NAME = _same(parse_text, "id", "name")
_ADDRESS_POINT = (Column("address", default=""), *_same(parse_float, *_LON_LAT))
_NAMED_PLACE = (*_ID_NAME, Column("commune"), *_ADDRESS_POINT)
"""The columns of a place: id, name, commune, address, lon, lat."""
_ALL_WEEKDAYS = frozenset(range(5))

COMMUNES = Table(
    "communes",
    Commune,
    (
        *_same(parse_text, "code", "name"),
        Column("population", parse_int),
        *_same(parse_float, *_LON_LAT),
        Column("point_source", default="mairie"),
        *(Column(name, default="") for name in ("epci", "epci_name", "canton", "canton_name")),
        Column("postcodes", parse_postcodes, (), fmt=" ".join),
    ),
    id_column="code",
    location="point",
)
SERVICE_POINTS = _table(
    "service_points",
    ServicePoint,
    *_ID_NAME,
    Column("kind", enum_parser(ServiceKind)),
    Column("commune"),
    *_ADDRESS_POINT,
    Column("precision", enum_parser(Precision), Precision.COMMUNE),
)
DEPOTS = _table("depots", Depot, *_NAMED_PLACE)
BUSES = _table(
    "buses",
    Bus,
    *_ID_NAME,
    Column("depot"),
    *_same(parse_int, "seats", "min_crew"),
    *_same(parse_time, "day_start", "day_end", "lunch_start", "lunch_end"),
    *_same(parse_int, "lunch_minutes", "max_drive_minutes"),
    Column("service_days", parse_weekdays, _ALL_WEEKDAYS, fmt=format_weekdays),
)
COUNSELLORS = _table(
    "counsellors",
    Counsellor,
    *_ID_NAME,
    Column("email", default=""),
    Column("institution"),
    Column("poles", parse_poles, fmt=format_poles),
    Column("max_days_per_week", parse_int, 5),
)
AVAILABILITY = _table(
    "availability",
    AvailabilityRule,
    Column("counsellor"),
    Column("day", parse_day, fmt=format_day),
    Column("slot", enum_parser(Slot), Slot.DAY),
    Column("available", parse_bool, True),
    id_column=None,
)
STOPS = _table(
    "stops",
    Stop,
    *_ID_NAME,
    Column("kind", enum_parser(StopKind), StopKind.OTHER),
    Column("commune"),
    *_ADDRESS_POINT,
    Column("weekdays", parse_weekdays, fmt=format_weekdays),
    *_same(parse_time, "opens", "closes"),
    Column("session_minutes", parse_int),
    Column("required_poles", parse_poles, frozenset(), fmt=format_poles),
    Column("catchment_minutes", parse_int, 20),
)
POPUPS = _table(
    "popups",
    PopUp,
    *_NAMED_PLACE,
    Column("date", parse_date),
    *_same(parse_time, "start", "end"),
    Column("needs", parse_needs, fmt=format_needs),
    Column("mandatory", parse_bool, False),
    Column("priority", parse_int, 1),
)
BLOCKED_DAYS = _table(
    "blocked_days",
    BlockedDay,
    Column("bus"),
    Column("date", parse_date),
    Column("reason", default=""),
    id_column=None,
)
RESOURCE_TABLES = (DEPOTS, BUSES, COUNSELLORS, AVAILABILITY, STOPS, POPUPS, BLOCKED_DAYS)
"""The tables of the ``[files]`` section (every table but the Territory's)."""


# --------------------------------------------------------------------------- reading
def _read_csv_rows(path: Path, label: str, out: Collector) -> tuple[list[str], list[list[str]]]:
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


def _check_header(filename: str, header: list[str], table: Table, out: Collector) -> None:
    known = set(table.column_names)
    for name in header:
        if name not in known:
            out.add(
                filename, 1, name, f"unknown column (expected: {', '.join(table.column_names)})"
            )
    for col in table.columns:
        if col.default is REQUIRED and col.name not in header:
            out.add(filename, 1, col.name, "required column is missing")
    if len(set(header)) != len(header):
        out.add(filename, 1, "", "a column name appears twice")


def _row_values(
    filename: str,
    rowno: int,
    cells: list[str],
    *,
    position: dict[str, int],
    table: Table,
    out: Collector,
) -> tuple[dict[str, Any], bool]:
    """One row's parsed values, and whether every cell was accepted (each refusal reported)."""
    values: dict[str, Any] = {}
    ok = True
    for col in table.columns:
        i = position.get(col.name)
        raw = restore(cells[i].strip()) if i is not None and i < len(cells) else ""
        if raw == "":
            if col.default is REQUIRED:
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
    return values, ok


def read_table(folder: Path, filename: str, table: Table, out: Collector) -> list[Any]:
    """Parse one CSV table into ``(row, object)`` pairs, reporting every bad cell.

    Every id met, even on a rejected row, is recorded in ``out.ids[table.key]`` so that references
    to a rejected row are not reported a second time.
    """
    header, rows = _read_csv_rows(folder / filename, filename, out)
    if not header or (table.id_column and table.id_column not in header):
        out.unreadable.add(table.key)  # references into it cannot be checked
    if not header:
        return []
    _check_header(filename, header, table, out)
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
        values, ok = _row_values(filename, rowno, cells, position=position, table=table, out=out)
        ident = values.get(table.id_column) if table.id_column else None
        if table.id_column and isinstance(ident, str):
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
            objects.append((rowno, table.build(values)))
        except FieldError as exc:
            out.add(filename, rowno, exc.field, exc.message)
    return objects


# --------------------------------------------------------------------------- writing
def csv_text(table: Table, objects: Iterable[Any]) -> str:
    """The CSV text of ``objects`` (header, then one row each)."""
    rows: list[list[Cell]] = [list(table.column_names)]
    for obj in objects:
        values = table.unparse(obj)
        rows.append([_typed_cell(col, values[col.name]) for col in table.columns])
    return safe_csv_text(rows)


def _typed_cell(col: Column, value: Any) -> Cell:
    """A number stays a number (never neutralised); anything else is formatted as text."""
    if col.fmt is format_cell and isinstance(value, int | float) and not isinstance(value, bool):
        return value  # written as format_cell would (str / repr), but as a number
    return col.fmt(value)
