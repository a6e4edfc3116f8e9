"""Editing a scenario's tables as DataFrames, validated by the scenario loader itself.

A table (buses, counsellors, availability, Stops, PopUps...) is shown as a DataFrame of text
cells, exactly as in its CSV file (:func:`table_frame`). An edited DataFrame goes back through
the core validator: the scenario is written to a temporary folder, the table's CSV replaced by
the edited cells, and the folder loaded with :func:`itinerant.io.load_scenario`, which
checks every cell, every row and every reference (:func:`apply_tables`). Nothing is saved when a
problem is found: :class:`EditError` lists them, each with the table, the DataFrame row (0-based
position), the row's id and the field, so that the page can show the message next to the field.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from itinerant.errors import InputError, Problem, ScenarioError
from itinerant.io import (
    AVAILABILITY,
    BLOCKED_DAYS,
    BUSES,
    COUNSELLORS,
    DEPOTS,
    POPUPS,
    STOPS,
    load_scenario,
    write_scenario,
)
from itinerant.io.csvfiles import Cell, csv_text
from itinerant.model import Scenario, Slot

__all__ = [
    "EDITABLE",
    "EditError",
    "RowProblem",
    "apply_tables",
    "availability_calendar",
    "blank_row",
    "table_columns",
    "table_frame",
]

_TABLES = {
    t.key: t for t in (BUSES, COUNSELLORS, AVAILABILITY, STOPS, POPUPS, DEPOTS, BLOCKED_DAYS)
}
EDITABLE: tuple[str, ...] = tuple(_TABLES)
"""Keys of the tables that can be edited: ``buses``, ``counsellors``, ``availability``,
``stops``, ``popups``, ``depots``, ``blocked_days``."""


@dataclass(frozen=True, slots=True)
class RowProblem:
    """One problem of an edit.

    Attributes
    ----------
    table
        Key of the table (``counsellors``...), or ``""`` for a problem outside the tables.
    row
        0-based position of the row in the edited DataFrame, ``None`` for a whole-table problem.
    ident
        The row's id (or ``""``).
    field
        The column.
    message
        The validator's message.
    """

    table: str
    row: int | None
    ident: str
    field: str
    message: str

    def __str__(self) -> str:
        where = self.table or "scenario"
        if self.row is not None:
            where += f", ligne {self.row + 1}"
            if self.ident:
                where += f" ({self.ident})"
        if self.field:
            where += f", champ « {self.field} »"
        return f"{where} : {self.message}"


class EditError(InputError):
    """An edit was refused; :attr:`problems` lists every problem (see :class:`RowProblem`)."""

    def __init__(self, problems: tuple[RowProblem, ...]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _table(key: str) -> Any:
    try:
        return _TABLES[key]
    except KeyError:
        msg = f"table: {key!r} is not one of {', '.join(EDITABLE)}"
        raise InputError(msg) from None


def table_columns(key: str) -> list[str]:
    """The column names of table ``key``, in file order."""
    return list(_table(key).column_names)


def table_frame(scenario: Scenario, key: str) -> pd.DataFrame:
    """Table ``key`` of ``scenario`` as a DataFrame of text cells (as in its CSV file)."""
    table = _table(key)
    rows = []
    for obj in getattr(scenario, key):
        values = table.unparse(obj)
        rows.append([col.fmt(values[col.name]) for col in table.columns])
    return pd.DataFrame(rows, columns=table.column_names, dtype=object)


def blank_row(key: str) -> dict[str, str]:
    """An empty row of table ``key`` (every column, empty text)."""
    return dict.fromkeys(table_columns(key), "")


def _cell(value: object) -> str:
    if value is None:
        return ""
    try:
        if pd.isna(value):  # type: ignore[call-overload]
            return ""
    except (TypeError, ValueError):
        pass
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _csv(key: str, frame: pd.DataFrame) -> tuple[str, list[str]]:
    """CSV text of an edited frame, and the ids of its rows (blank rows dropped)."""
    columns = table_columns(key)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        msg = f"{key}: missing column(s) {', '.join(missing)}"
        raise InputError(msg)
    rows: list[list[Cell]] = [list(columns)]
    id_column = _table(key).id_column or columns[0]
    idents = []
    for _, row in frame.iterrows():
        rows.append([_cell(row[c]) for c in columns])
        idents.append(_cell(row[id_column]))
    # Every cell is text here; load_scenario removes the quote the writer adds to a cell that
    # could start a formula (itinerant.io.csvfiles.restore), so "-1.5" still reads as -1.5.
    return csv_text(rows), idents


def apply_tables(scenario: Scenario, frames: Mapping[str, pd.DataFrame]) -> Scenario:
    """``scenario`` with the edited tables, validated by :func:`load_scenario`.

    Parameters
    ----------
    scenario
        The last valid scenario.
    frames
        Table key -> edited DataFrame (columns as :func:`table_frame`; any cell type, read as
        text; a row with every cell empty is ignored, like a blank CSV line).

    Returns
    -------
    Scenario
        The new, valid scenario.

    Raises
    ------
    EditError
        Listing every problem, each with table, DataFrame row, id and field.
    """
    texts: dict[str, tuple[str, list[str]]] = {key: _csv(key, f) for key, f in frames.items()}
    files = {_table(key).filename: key for key in texts}
    with tempfile.TemporaryDirectory(prefix="itinerant-edit-") as tmp:
        root = write_scenario(scenario, Path(tmp) / "scenario")
        for key, (text, _) in texts.items():
            (root / _table(key).filename).write_text(text, encoding="utf-8")
        try:
            return load_scenario(root)
        except ScenarioError as exc:
            raise EditError(tuple(_row_problem(p, files, texts) for p in exc.problems)) from exc


def _row_problem(
    problem: Problem, files: Mapping[str, str], texts: Mapping[str, tuple[str, list[str]]]
) -> RowProblem:
    key = files.get(problem.file, "")
    if not key:
        key = next((k for k, t in _TABLES.items() if t.filename == problem.file), "")
    row = None
    ident = ""
    if problem.row is not None and problem.row >= 2:
        row = problem.row - 2  # the header is spreadsheet row 1, the first data row is 2
        idents = texts[key][1] if key in texts else []
        ident = idents[row] if row < len(idents) else ""
    return RowProblem(key, row, ident, problem.field, problem.message)


_HALVES = (Slot.AM, Slot.PM)


def availability_calendar(scenario: Scenario, *, lang: str | None = None) -> pd.DataFrame:
    """Counsellors' availability on the Horizon's working days, as a calendar grid.

    Rows are counsellors (by name), columns the working days (``lun. 04/01``...); a cell says
    ``journée`` / ``matin`` / ``après-midi`` (``day`` / ``am`` / ``pm`` in English) or ``—``.
    Weekly rules apply first, then one-off rules of a date override them (as the planner does).
    """
    from itinerant.i18n import t  # noqa: PLC0415
    from itinerant.schedule.data import resolve_availability  # noqa: PLC0415

    days = scenario.horizon.days()
    available = resolve_availability(scenario, days)
    labels = {
        frozenset(_HALVES): t("app.availability.day", lang),
        frozenset({Slot.AM}): t("app.availability.am", lang),
        frozenset({Slot.PM}): t("app.availability.pm", lang),
        frozenset(): "—",
    }
    weekday_names = t("app.availability.weekdays", lang).split()
    columns = [f"{weekday_names[d.weekday()]} {d:%d/%m}" for d in days]
    rows = []
    for counsellor in scenario.counsellors:
        cells = []
        for day in days:
            cells.append(labels[available.get((counsellor.id, day), frozenset())])
        rows.append(cells)
    names = [c.name for c in scenario.counsellors]
    return pd.DataFrame(rows, index=pd.Index(names, name=""), columns=columns, dtype=object)
