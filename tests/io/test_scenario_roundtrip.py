from __future__ import annotations

from pathlib import Path

from itinerant.io import load_scenario, write_scenario
from itinerant.model import Scenario


def test_write_then_read_gives_an_equal_scenario(tiny_scenario: Scenario, tmp_path: Path) -> None:
    folder = write_scenario(tiny_scenario, tmp_path / "s")
    loaded = load_scenario(folder)
    assert loaded == tiny_scenario


def test_second_round_trip_is_byte_identical(tiny_scenario: Scenario, tmp_path: Path) -> None:
    a = write_scenario(tiny_scenario, tmp_path / "a")
    b = write_scenario(load_scenario(a), tmp_path / "b")
    for path in sorted(a.iterdir()):
        assert path.read_bytes() == (b / path.name).read_bytes(), path.name


def test_written_files_get_the_usual_mode_not_owner_only(
    tiny_scenario: Scenario, tmp_path: Path
) -> None:
    import os

    mask = os.umask(0o022)
    try:
        folder = write_scenario(tiny_scenario, tmp_path / "s")
    finally:
        os.umask(mask)
    modes = {path.name: path.stat().st_mode & 0o777 for path in folder.iterdir()}
    assert modes, "nothing written"
    assert set(modes.values()) == {0o644}, modes


def test_formula_like_names_are_written_neutralised_and_read_back_as_typed(
    tiny_scenario: Scenario, tmp_path: Path
) -> None:
    from dataclasses import replace

    stops = tuple(
        replace(s, name=f'=HYPERLINK("http://evil.example","{i}")', address="'=already quoted")
        for i, s in enumerate(tiny_scenario.stops)
    )
    popups = tuple(replace(p, name=f"-2+3 @SUM(A{i})") for i, p in enumerate(tiny_scenario.popups))
    scenario = replace(tiny_scenario, stops=stops, popups=popups)
    assert stops
    assert popups
    folder = write_scenario(scenario, tmp_path / "s")
    text = (folder / "stops.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK(" in text
    assert "''=already quoted" in text
    assert "'-2+3 @SUM(A0)" in (folder / "popups.csv").read_text(encoding="utf-8")
    assert load_scenario(folder) == scenario
    again = write_scenario(load_scenario(folder), tmp_path / "again")
    for name in ("stops.csv", "popups.csv"):
        assert (again / name).read_bytes() == (folder / name).read_bytes(), name
