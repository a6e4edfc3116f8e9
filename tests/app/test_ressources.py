"""AppTest: Ressources (buses, counsellors, availability), edits refused or saved."""

from __future__ import annotations

from itinerant.store import Store
from tests.app.test_common import COORDINATOR, app, make_store, open_page, texts

EMPTY = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}


def test_resources_page_shows_tables_and_calendar(tmp_path, monkeypatch, tiny_scenario):
    make_store(tmp_path, monkeypatch, tiny_scenario)
    at = open_page(app(COORDINATOR), "ressources")
    assert at.title[0].value == "Ressources"
    calendar = next(d for d in at.dataframe if d.key is None).value  # the read-only grid
    assert list(calendar.index) == ["Camille Exemple", "Hélène Exemple"]
    assert "journée" in set(calendar.loc["Camille Exemple"])
    assert at.button(key="save_counsellors").label == "Enregistrer"


def test_invalid_edit_is_refused_with_the_validator_message(tmp_path, monkeypatch, tiny_scenario):
    url = make_store(tmp_path, monkeypatch, tiny_scenario)
    at = open_page(app(COORDINATOR), "ressources")
    at.session_state["edit_counsellors_1"] = {
        **EMPTY,
        "edited_rows": {0: {"max_days_per_week": "abc"}},
    }
    at.run()
    at.button(key="save_counsellors").click().run()
    assert not at.exception
    shown = texts(at)
    assert "Modification refusée" in shown
    assert (
        "Ligne 1 (c1), champ « Jours max. / semaine (max_days_per_week) » : "
        "'abc' is not a whole number"
    ) in shown
    # the last valid version is kept, and the edit stays in the editor (nothing lost)
    with Store.open(url) as store:
        assert [v.version for v in store.scenario_versions()] == [1]
        assert store.load_scenario_version(1).counsellors[0].max_days_per_week == 2
    assert at.session_state["edit_counsellors_1"]["edited_rows"] == {
        0: {"max_days_per_week": "abc"}
    }


def test_valid_edit_is_saved_as_a_new_version(tmp_path, monkeypatch, tiny_scenario):
    url = make_store(tmp_path, monkeypatch, tiny_scenario)
    at = open_page(app(COORDINATOR), "ressources")
    at.session_state["edit_counsellors_1"] = {
        **EMPTY,
        "edited_rows": {0: {"max_days_per_week": "3"}},
    }
    at.run()
    at.text_input(key="note_counsellors_1").input("Camille: 3 jours")
    at.button(key="save_counsellors").click().run()
    assert not at.exception
    assert "Enregistré : version 2 du scénario." in texts(at)
    with Store.open(url) as store:
        latest = store.scenario_versions()[0]
        assert (latest.version, latest.note, latest.author) == (
            2,
            "Camille: 3 jours",
            "coordination",
        )
        assert store.load_scenario_version(latest.id).counsellors[0].max_days_per_week == 3


def test_deleting_a_referenced_counsellor_is_refused(tmp_path, monkeypatch, tiny_scenario):
    url = make_store(tmp_path, monkeypatch, tiny_scenario)
    at = open_page(app(COORDINATOR), "ressources")
    at.session_state["edit_counsellors_1"] = {**EMPTY, "deleted_rows": [1]}
    at.run()
    at.button(key="save_counsellors").click().run()
    shown = texts(at)
    assert "unknown counsellor 'c2'" in shown
    with Store.open(url) as store:
        assert len(store.scenario_versions()) == 1
