"""One deliberately broken file per error class, driven by one parametrized test."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from itinerant.errors import InputError, Problem, ScenarioError
from itinerant.io import load_indicators, load_scenario


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def set_cell(folder: Path, filename: str, row: int, column: str, value: str) -> None:
    """Set one cell; ``row`` is the spreadsheet row (the header is row 1)."""
    path = folder / filename
    rows = read_rows(path)
    rows[row - 1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def duplicate_row(folder: Path, filename: str, row: int) -> None:
    path = folder / filename
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.append(lines[row - 1])
    path.write_text("".join(lines), encoding="utf-8")


def rename_column(folder: Path, filename: str, old: str, new: str) -> None:
    path = folder / filename
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[0] = lines[0].replace(old, new)
    path.write_text("".join(lines), encoding="utf-8")


def replace_text(folder: Path, filename: str, old: str, new: str) -> None:
    path = folder / filename
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def drop_feature(folder: Path, filename: str, code: str) -> None:
    path = folder / filename
    data = json.loads(path.read_text(encoding="utf-8"))
    data["features"] = [f for f in data["features"] if f["properties"]["code"] != code]
    path.write_text(json.dumps(data), encoding="utf-8")


Breaker = Callable[[Path], None]

CASES: list[tuple[str, Breaker, tuple[str, int | None, str, str]]] = [
    (
        "wrong type",
        lambda d: set_cell(d, "communes.csv", 3, "population", "beaucoup"),
        ("communes.csv", 3, "population", "not a whole number"),
    ),
    (
        "unknown commune code",
        lambda d: set_cell(d, "stops.csv", 2, "commune", "12345"),
        ("stops.csv", 2, "commune", "unknown commune code"),
    ),
    (
        "time window closing before opening",
        lambda d: set_cell(d, "stops.csv", 2, "closes", "08:00"),
        ("stops.csv", 2, "closes", "is not after opens"),
    ),
    (
        "unknown pôle",
        lambda d: set_cell(d, "counsellors.csv", 3, "poles", "orientation cuisine"),
        ("counsellors.csv", 3, "poles", "'cuisine' is not one of"),
    ),
    (
        "duplicate id",
        lambda d: duplicate_row(d, "counsellors.csv", 2),
        ("counsellors.csv", 4, "id", "duplicate id 'c1' (first on row 2)"),
    ),
    (
        "coordinates outside the territory",
        lambda d: set_cell(d, "stops.csv", 2, "lon", "4.5"),
        ("stops.csv", 2, "lon", "km outside the territory"),
    ),
    (
        "latitude out of range",
        lambda d: set_cell(d, "depots.csv", 2, "lat", "146.2"),
        ("depots.csv", 2, "lat", "is not a latitude"),
    ),
    (
        "commune point outside its own boundary",
        lambda d: set_cell(d, "communes.csv", 2, "lon", "2.05"),
        ("communes.csv", 2, "lon", "outside its own boundary"),
    ),
    (
        "missing required column",
        lambda d: rename_column(d, "buses.csv", "seats,", "places,"),
        ("buses.csv", 1, "seats", "required column is missing"),
    ),
    (
        "empty required cell",
        lambda d: set_cell(d, "buses.csv", 2, "day_start", ""),
        ("buses.csv", 2, "day_start", "is empty but required"),
    ),
    (
        "bad clock time",
        lambda d: set_cell(d, "popups.csv", 2, "start", "9h"),
        ("popups.csv", 2, "start", "not a clock time"),
    ),
    (
        "bad date",
        lambda d: set_cell(d, "blocked_days.csv", 2, "date", "2027-02-30"),
        ("blocked_days.csv", 2, "date", "not a date"),
    ),
    (
        "bad weekday",
        lambda d: set_cell(d, "stops.csv", 2, "weekdays", "tue funday"),
        ("stops.csv", 2, "weekdays", "'funday' is not a weekday"),
    ),
    (
        "bad boolean",
        lambda d: set_cell(d, "popups.csv", 2, "mandatory", "maybe"),
        ("popups.csv", 2, "mandatory", "not true/false"),
    ),
    (
        "bad needs",
        lambda d: set_cell(d, "popups.csv", 2, "needs", "emploi"),
        ("popups.csv", 2, "needs", "is not pôle:count"),
    ),
    (
        "session longer than the opening window",
        lambda d: set_cell(d, "stops.csv", 2, "session_minutes", "600"),
        ("stops.csv", 2, "session_minutes", "does not fit"),
    ),
    (
        "crew larger than the seats",
        lambda d: set_cell(d, "buses.csv", 2, "min_crew", "5"),
        ("buses.csv", 2, "min_crew", "outside 1..seats"),
    ),
    (
        "unknown depot",
        lambda d: set_cell(d, "buses.csv", 2, "depot", "nowhere"),
        ("buses.csv", 2, "depot", "unknown depot 'nowhere'"),
    ),
    (
        "unknown counsellor",
        lambda d: set_cell(d, "availability.csv", 3, "counsellor", "c9"),
        ("availability.csv", 3, "counsellor", "unknown counsellor 'c9'"),
    ),
    (
        "unknown bus",
        lambda d: set_cell(d, "blocked_days.csv", 2, "bus", "bus-9"),
        ("blocked_days.csv", 2, "bus", "unknown bus 'bus-9'"),
    ),
    (
        "unknown enum value",
        lambda d: set_cell(d, "service_points.csv", 2, "kind", "mairie"),
        ("service_points.csv", 2, "kind", "'mairie' is not one of"),
    ),
    (
        "unknown column",
        lambda d: rename_column(d, "stops.csv", "catchment_minutes", "catchement_minutes"),
        ("stops.csv", 1, "catchement_minutes", "unknown column"),
    ),
    (
        "too many cells",
        lambda d: replace_text(d, "depots.csv", ",sample\n", ",sample,extra\n"),
        ("depots.csv", 2, "", "has 8 cells but the header has 7"),
    ),
    (
        "not UTF-8",
        lambda d: (d / "counsellors.csv").write_bytes(
            (d / "counsellors.csv").read_text(encoding="utf-8").encode("latin-1")
        ),
        ("counsellors.csv", None, "", "is not UTF-8"),
    ),
    (
        "missing boundary",
        lambda d: drop_feature(d, "communes.geojson", "99003"),
        ("communes.geojson", None, "code", "no boundary for commune 99003"),
    ),
    (
        "non-numeric indicator",
        lambda d: replace_text(d, "indicators.csv", "99001,19000.0", "99001,n/a"),
        ("indicators.csv", 3, "median_income", "not a number"),
    ),
    (
        "horizon start not a Monday",
        lambda d: replace_text(d, "scenario.toml", "start = 2027-01-04", "start = 2027-01-05"),
        ("scenario.toml", None, "horizon.start", "is not a Monday"),
    ),
    (
        "unknown setting",
        lambda d: replace_text(d, "scenario.toml", "\nweeks = 2", "\nweeks = 2\nweeeks = 3"),
        ("scenario.toml", None, "horizon.weeeks", "unknown setting"),
    ),
    (
        "wrongly typed setting",
        lambda d: replace_text(d, "scenario.toml", "\nweeks = 2", '\nweeks = "two"'),
        ("scenario.toml", None, "horizon.weeks", "is not a int"),
    ),
    (
        "planner setting out of range",
        lambda d: replace_text(d, "scenario.toml", "repeat_decay = 0.25", "repeat_decay = 1.5"),
        ("scenario.toml", None, "plan.repeat_decay", "is outside 0..1"),
    ),
    (
        "unknown planner setting",
        lambda d: replace_text(d, "scenario.toml", "[plan]\n", "[plan]\nrepeat_decai = 0.5\n"),
        ("scenario.toml", None, "plan.repeat_decai", "unknown setting (known: repeat_decay"),
    ),
    (
        "wrongly typed planner setting",
        lambda d: replace_text(
            d, "scenario.toml", "max_counted_visits = 4", "max_counted_visits = 4.5"
        ),
        ("scenario.toml", None, "plan.max_counted_visits", "is not a int"),
    ),
    (
        "bad planner clock time",
        lambda d: replace_text(d, "scenario.toml", 'midday = "13:00"', 'midday = "1pm"'),
        ("scenario.toml", None, "plan.midday", "not a clock time"),
    ),
    (
        "named file missing",
        lambda d: (d / "popups.csv").unlink(),
        ("popups.csv", None, "", "file named by files.popups not found"),
    ),
]


@pytest.mark.parametrize(("breaker", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_broken_file_is_reported_with_file_row_and_field(
    tiny_dir: Path, breaker: Breaker, expected: tuple[str, int | None, str, str]
) -> None:
    breaker(tiny_dir)
    with pytest.raises(ScenarioError) as info:
        load_scenario(tiny_dir)
    file, row, field, fragment = expected
    problems = info.value.problems
    matching = [p for p in problems if (p.file, p.row, p.field) == (file, row, field)]
    assert len(matching) == 1, problems
    assert fragment in matching[0].message
    assert str(matching[0]) in str(info.value)
    # No cascade: a broken row is reported once, never again through what refers to it.
    assert {p.file for p in problems} == {file}, problems


def test_every_problem_is_reported_at_once(tiny_dir: Path) -> None:
    set_cell(tiny_dir, "communes.csv", 3, "population", "x")
    set_cell(tiny_dir, "stops.csv", 2, "commune", "12345")
    set_cell(tiny_dir, "counsellors.csv", 2, "poles", "cuisine")
    set_cell(tiny_dir, "buses.csv", 2, "lunch_minutes", "500")
    with pytest.raises(ScenarioError) as info:
        load_scenario(tiny_dir)
    where = {(p.file, p.row, p.field) for p in info.value.problems}
    assert where == {
        ("communes.csv", 3, "population"),
        ("stops.csv", 2, "commune"),
        ("counsellors.csv", 2, "poles"),
        ("buses.csv", 2, "lunch_minutes"),
    }


def test_scenario_error_is_a_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"scenario\.toml"):
        load_scenario(tmp_path)
    assert issubclass(ScenarioError, InputError)


def test_problem_names_file_row_and_field() -> None:
    assert str(Problem("stops.csv", 4, "opens", "bad")) == "stops.csv, row 4, field 'opens': bad"


def test_semicolon_separated_files_from_spreadsheets_are_read(tiny_dir: Path) -> None:
    path = tiny_dir / "counsellors.csv"
    rows = read_rows(path)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=";", lineterminator="\r\n").writerows(rows)
    assert len(load_scenario(tiny_dir).counsellors) == 2


def test_indicators_from_a_national_file_keep_the_territory_only(tmp_path: Path) -> None:
    path = tmp_path / "ind.csv"
    path.write_text("CODGEO,LIBGEO,MED16,TP6016\n99000,Alpha,19000.5,\n01001,Ailleurs,22000,12\n")
    values = load_indicators(path, codes={"99000"})
    assert values == {"99000": {"MED16": 19000.5}}
