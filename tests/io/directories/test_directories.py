"""Service points imported from the French public directories (fixtures in ``data/``)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from itinerant.errors import ScenarioError
from itinerant.io import default_scenario_dir, load_scenario
from itinerant.io.directories import (
    DirectoryFormat,
    import_services,
    read_directory,
)
from itinerant.model import Precision, ServiceKind, Territory

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def creuse() -> Territory:
    return load_scenario(default_scenario_dir()).territory


@pytest.fixture
def scenario_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "scenario"
    shutil.copytree(default_scenario_dir(), folder)
    return folder


@pytest.mark.parametrize(
    ("name", "fmt", "rows", "outside"),
    [
        ("dila-annuaire.json", DirectoryFormat.DILA, 5, 1),
        ("dila-annuaire.csv", DirectoryFormat.DILA, 3, 0),
        ("france-services.csv", DirectoryFormat.FRANCE_SERVICES, 4, 1),
        ("data-inclusion-structures.json", DirectoryFormat.DATA_INCLUSION, 4, 0),
        ("data-inclusion-structures.csv", DirectoryFormat.DATA_INCLUSION, 2, 0),
        ("generic-service-points.csv", DirectoryFormat.GENERIC, 2, 0),
    ],
)
def test_each_format_is_detected_and_read(
    creuse: Territory, name: str, fmt: DirectoryFormat, rows: int, outside: int
) -> None:
    read = read_directory(DATA / name, creuse)
    assert read.format is fmt
    assert read.rows == rows
    assert read.outside == outside
    assert len(read.service_points) == rows - outside
    assert len({p.id for p in read.service_points}) == len(read.service_points)
    for point in read.service_points:
        assert creuse.has_commune(point.commune)
        assert point.source
        if fmt is not DirectoryFormat.GENERIC:
            assert point.source.startswith(read.source_prefix)
    # the explicit format gives the same
    assert read_directory(DATA / name, creuse, fmt=fmt.value) == read


def test_dila_types_precision_and_source(creuse: Territory) -> None:
    read = read_directory(DATA / "dila-annuaire.json", creuse)
    by_name = {p.name: p for p in read.service_points}
    mission = by_name["Mission locale de la Creuse - Guéret"]
    assert mission.kind is ServiceKind.MISSION_LOCALE
    assert mission.precision is Precision.ADDRESS
    assert (mission.location.lon, mission.location.lat) == (1.8689, 46.1681)
    assert mission.address == "6 rue Sylvain-Grateyrolles"
    assert mission.source == "DILA:dila-annuaire.json:id b2d41c70-1f0e-4c55-8f2b-23096ml000002"
    cio = by_name["Centre d'information et d'orientation (CIO) - Aubusson"]
    assert cio.kind is ServiceKind.CIO
    assert cio.precision is Precision.COMMUNE  # no coordinates: the commune's point
    assert cio.location == creuse.commune("23008").point
    # types without a ServiceKind are imported as "other" and reported
    assert by_name["Mairie - Guéret"].kind is ServiceKind.OTHER
    assert read.other_types == (("chambre_metier", 1), ("mairie", 1))
    assert "France Travail - Limoges Nord" not in by_name  # Haute-Vienne: skipped, counted


def test_france_services_and_data_inclusion_kinds(creuse: Territory) -> None:
    fs = read_directory(DATA / "france-services.csv", creuse).service_points
    assert {p.kind for p in fs} == {ServiceKind.FRANCE_SERVICES}
    sostranien = next(p for p in fs if p.id == "fs-fs-23-003")
    assert sostranien.commune == "23176"  # found from its postcode and commune name
    assert sostranien.precision is Precision.COMMUNE
    bourganeuf = next(p for p in fs if p.id == "fs-fs-23-001")
    assert bourganeuf.address == "Place du Champ de Foire, Espace Bertrand"
    di = read_directory(DATA / "data-inclusion-structures.json", creuse).service_points
    kinds = {p.name: p.kind for p in di}
    assert kinds["France Travail La Souterraine"] is ServiceKind.FRANCE_TRAVAIL
    assert kinds["Mission locale - permanence de Boussac"] is ServiceKind.MISSION_LOCALE
    # a town hall (typologie MUNI) labelled FRANCE_SERVICE is a France services
    assert kinds["Espace France services de la mairie de Felletin"] is ServiceKind.FRANCE_SERVICES
    assert kinds["Association Emploi Solidaire Guéret"] is ServiceKind.OTHER
    sources = {p.id: p.source for p in di}
    assert sources["di-dora-dora-8c1f"] == (
        "data.inclusion:data-inclusion-structures.json:id dora-8c1f (dora)"
    )
    assert sources["di-france-travail-ft-23001"].endswith("(france-travail)")


def _edit_csv(path: Path, out: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    out.write_text(text.replace(old, new, 1), encoding="utf-8")
    return out


def _edit_json(path: Path, out: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    out.write_text(text.replace(old, new, 1), encoding="utf-8")
    json.loads(out.read_text(encoding="utf-8"))
    return out


# One broken copy of a fixture per error class: (fixture, old text, new text, row, field, words)
BROKEN = [
    # DILA JSON: row = the entry's 1-based position in "service"
    ("dila-annuaire.json", '"nom": "Mairie - Guéret"', '"nom": ""', 1, "nom", "empty"),
    (
        "dila-annuaire.json",
        '"longitude": "1.8689"',
        '"longitude": "1,86,89"',
        2,
        "adresse[0].longitude",
        "number",
    ),
    (
        "dila-annuaire.json",
        '"latitude": "46.1681"',
        '"latitude": "96.1681"',
        2,
        "adresse[0].latitude",
        "latitude",
    ),
    (
        "dila-annuaire.json",
        '"code_insee_commune": "23096"',
        '"code_insee_commune": "23X96"',
        1,
        "code_insee_commune",
        "INSEE",
    ),
    # DILA CSV: row = spreadsheet row (header = 1)
    ("dila-annuaire.csv", "nom;type", "libelle;type", 1, "nom", "missing"),
    ("dila-annuaire.csv", ";23096;1.8790", ";2309A;1.8790", 2, "code_insee_commune", "INSEE"),
    # ANCT France services
    ("france-services.csv", "Nom France services;", "Intitulé;", 1, "nom_france_services", ""),
    (
        "france-services.csv",
        "FS-23-002;France services de Felletin;",
        "FS-23-002;;",
        3,
        "Nom France services",
        "empty",
    ),
    ("france-services.csv", ";45.8840;2.1740;", ";2.1740;45.8840;", 3, "longitude/latitude", "km"),
    ("france-services.csv", ";45.9535;1.7560;", ";45.9535;;", 2, "longitude", "latitude is given"),
    (
        "france-services.csv",
        ";23300;La Souterraine;;",
        ";23300;La Sous-Terraine;;",
        4,
        "Commune",
        "postcode 23300",
    ),
    ("france-services.csv", "FS-23-002;", "FS-23-001;", 3, "ID", "duplicate"),
    # data·inclusion
    (
        "data-inclusion-structures.json",
        '"longitude": 1.4862',
        '"longitude": "est"',
        1,
        "longitude",
        "number",
    ),
    (
        "data-inclusion-structures.json",
        '"code_insee": "23096"',
        '"code_insee": "2309Z"',
        2,
        "code_insee",
        "INSEE",
    ),
    (
        "data-inclusion-structures.csv",
        "mde-23-1,Maison de l'emploi du Grand Guéret",
        "mde-23-1,",
        3,
        "nom",
        "empty",
    ),
    # the generic service_points CSV (the scenario reader's own messages)
    ("generic-service-points.csv", ",point_relais,", ",bus_stop,", 3, "kind", "bus_stop"),
    ("generic-service-points.csv", ",1.8725,46.1702,", ",1.8725,,", 2, "lat", "empty"),
]


@pytest.mark.parametrize(
    ("name", "old", "new", "row", "field", "words"),
    BROKEN,
    ids=[f"{b[0]}-{b[4]}-{i}" for i, b in enumerate(BROKEN)],
)
def test_broken_files_name_file_row_and_field(  # noqa: PLR0917
    creuse: Territory,
    tmp_path: Path,
    name: str,
    old: str,
    new: str,
    row: int,
    field: str,
    words: str,
) -> None:
    broken = tmp_path / f"broken-{name}"
    edit = _edit_json if name.endswith(".json") else _edit_csv
    edit(DATA / name, broken, old, new)
    with pytest.raises(ScenarioError) as info:
        read_directory(broken, creuse)
    problems = info.value.problems
    assert any(
        p.file == broken.name and p.row == row and p.field == field and words in p.message
        for p in problems
    ), problems
    assert broken.name in str(info.value)


def test_unknown_formats_and_unreadable_files(creuse: Territory, tmp_path: Path) -> None:
    unknown = tmp_path / "whatever.csv"
    unknown.write_text("a;b\n1;2\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"whatever.csv, row 1: unknown directory format"):
        read_directory(unknown, creuse)
    not_json = tmp_path / "annuaire.json"
    not_json.write_text('{"service": ', encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"annuaire.json: is not JSON"):
        read_directory(not_json, creuse)


def test_import_merges_round_trips_and_does_not_duplicate(scenario_dir: Path) -> None:
    before = load_scenario(scenario_dir).territory.service_points
    report = import_services(scenario_dir, DATA / "dila-annuaire.json")
    assert (report.added, report.updated, report.unchanged) == (4, 0, 0)
    loaded = load_scenario(scenario_dir)  # the folder stays valid
    points = loaded.territory.service_points
    assert points[: len(before)] == before
    assert len(points) == len(before) + 4
    imported = {p.id: p for p in points[len(before) :]}
    assert imported == {p.id: p for p in report.read.service_points}
    again = import_services(scenario_dir, DATA / "dila-annuaire.json")
    assert (again.added, again.updated, again.unchanged) == (0, 0, 4)
    assert load_scenario(scenario_dir).territory.service_points == points
    # other formats add to it; their ids never collide
    other = import_services(scenario_dir, DATA / "france-services.csv")
    assert other.added == 3
    assert other.total == len(points) + 3


def test_replace_drops_what_the_file_no_longer_has(scenario_dir: Path, tmp_path: Path) -> None:
    first = import_services(scenario_dir, DATA / "france-services.csv")
    smaller = tmp_path / "france-services.csv"
    lines = (DATA / "france-services.csv").read_text(encoding="utf-8").splitlines()
    smaller.write_text("\n".join(line for line in lines if "FS-23-002" not in line) + "\n")
    merged = import_services(scenario_dir, smaller)
    assert merged.removed == 0
    assert merged.total == first.total
    replaced = import_services(scenario_dir, smaller, replace_previous=True)
    assert (replaced.removed, replaced.unchanged) == (1, 2)
    ids = {p.id for p in load_scenario(scenario_dir).territory.service_points}
    assert "fs-fs-23-002" not in ids
    assert {"fs-fs-23-001", "fs-fs-23-003", "ft-gueret"} <= ids


def test_a_broken_file_leaves_the_scenario_untouched(scenario_dir: Path, tmp_path: Path) -> None:
    broken = _edit_csv(
        DATA / "france-services.csv", tmp_path / "fs.csv", ";45.8840;2.1740;", ";x;2.1740;"
    )
    files = {p.name: p.read_bytes() for p in scenario_dir.iterdir()}
    with pytest.raises(ScenarioError, match=r"fs.csv, row 3, field 'latitude'"):
        import_services(scenario_dir, broken)
    assert {p.name: p.read_bytes() for p in scenario_dir.iterdir()} == files
