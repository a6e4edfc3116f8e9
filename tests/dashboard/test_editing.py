"""Editing scenario tables as DataFrames through the core validator (dashboard.editing)."""

from __future__ import annotations

import pandas as pd
import pytest

from itinerant.dashboard.editing import (
    EDITABLE,
    EditError,
    apply_tables,
    availability_calendar,
    blank_row,
    table_columns,
    table_frame,
)
from itinerant.errors import InputError
from itinerant.model import Pole


@pytest.mark.parametrize("key", EDITABLE)
def test_unchanged_tables_give_the_same_scenario(tiny_scenario, key):
    frame = table_frame(tiny_scenario, key)
    assert list(frame.columns) == table_columns(key)
    assert len(frame) == len(getattr(tiny_scenario, key))
    assert apply_tables(tiny_scenario, {key: frame}) == tiny_scenario


def test_cells_are_text_as_in_the_csv(tiny_scenario):
    frame = table_frame(tiny_scenario, "counsellors")
    row = frame.iloc[0].to_dict()
    assert row["poles"] == "emploi formation"
    assert row["max_days_per_week"] == "2"
    stops = table_frame(tiny_scenario, "stops")
    assert stops.iloc[0]["opens"] == "09:00"
    assert stops.iloc[0]["weekdays"] == "tue thu"


def test_a_valid_edit(tiny_scenario):
    frame = table_frame(tiny_scenario, "counsellors")
    frame.loc[1, "poles"] = "orientation creation"
    frame.loc[1, "max_days_per_week"] = 3  # any cell type is read as text
    edited = apply_tables(tiny_scenario, {"counsellors": frame})
    helene = edited.counsellors[1]
    assert helene.poles == frozenset({Pole.ORIENTATION, Pole.CREATION})
    assert helene.max_days_per_week == 3
    assert edited.stops == tiny_scenario.stops


def test_invalid_cell_names_row_id_and_field(tiny_scenario):
    frame = table_frame(tiny_scenario, "counsellors")
    frame.loc[0, "max_days_per_week"] = "abc"
    with pytest.raises(EditError) as info:
        apply_tables(tiny_scenario, {"counsellors": frame})
    (problem,) = info.value.problems
    assert (problem.table, problem.row, problem.ident, problem.field) == (
        "counsellors",
        0,
        "c1",
        "max_days_per_week",
    )
    assert problem.message == "'abc' is not a whole number"
    assert "ligne 1 (c1), champ « max_days_per_week »" in str(problem)


def test_every_problem_is_listed(tiny_scenario):
    stops = table_frame(tiny_scenario, "stops")
    stops.loc[0, "opens"] = "25:00"
    counsellors = table_frame(tiny_scenario, "counsellors")
    counsellors.loc[1, "poles"] = "cuisine"
    with pytest.raises(EditError) as info:
        apply_tables(tiny_scenario, {"stops": stops, "counsellors": counsellors})
    found = {(p.table, p.row, p.field) for p in info.value.problems}
    assert found == {("stops", 0, "opens"), ("counsellors", 1, "poles")}


def test_object_rule_refused_by_the_model(tiny_scenario):
    frame = table_frame(tiny_scenario, "buses")
    frame.loc[0, "min_crew"] = "5"  # more than the seats
    with pytest.raises(EditError) as info:
        apply_tables(tiny_scenario, {"buses": frame})
    (problem,) = info.value.problems
    assert (problem.field, problem.ident) == ("min_crew", "bus-1")


def test_references_are_checked_across_tables(tiny_scenario):
    frame = table_frame(tiny_scenario, "counsellors").drop(index=1)
    with pytest.raises(EditError) as info:
        apply_tables(tiny_scenario, {"counsellors": frame})
    (problem,) = info.value.problems
    assert problem.table == "availability"
    assert problem.field == "counsellor"
    assert "unknown counsellor 'c2'" in problem.message


def test_added_and_blank_rows(tiny_scenario):
    frame = table_frame(tiny_scenario, "blocked_days")
    added = blank_row("blocked_days") | {"bus": "bus-1", "date": "2027-01-15", "reason": "CT"}
    frame = pd.concat([frame, pd.DataFrame([added, blank_row("blocked_days")])], ignore_index=True)
    edited = apply_tables(tiny_scenario, {"blocked_days": frame})
    assert len(edited.blocked_days) == 2
    assert edited.blocked_days[1].reason == "CT"
    frame.loc[2, "date"] = "demain"
    with pytest.raises(EditError) as info:
        apply_tables(tiny_scenario, {"blocked_days": frame})
    assert info.value.problems[0].row == 2


def test_unknown_table_and_missing_column(tiny_scenario):
    with pytest.raises(InputError, match="table"):
        table_frame(tiny_scenario, "communes")
    frame = table_frame(tiny_scenario, "buses").drop(columns=["seats"])
    with pytest.raises(InputError, match="seats"):
        apply_tables(tiny_scenario, {"buses": frame})


def test_availability_calendar(tiny_scenario):
    grid = availability_calendar(tiny_scenario)
    assert list(grid.index) == ["Camille Exemple", "Hélène Exemple"]
    assert grid.columns[0] == "lun. 04/01"
    assert grid.loc["Camille Exemple", "mar. 05/01"] == "journée"
    assert grid.loc["Camille Exemple", "mar. 12/01"] == "—"  # one-off absence
    assert grid.loc["Hélène Exemple", "jeu. 07/01"] == "matin"
    assert (
        availability_calendar(tiny_scenario, lang="en").loc["Hélène Exemple", "Thu 07/01"] == "am"
    )
