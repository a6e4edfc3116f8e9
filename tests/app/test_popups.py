"""AppTest: Pop-up (table and the add form, validated by the core)."""

from __future__ import annotations

import datetime as dt

from itinerant.store import Store
from tests.app.test_common import COORDINATOR, app, make_store, open_page, texts


def test_add_a_popup_with_the_form(tmp_path, monkeypatch, tiny_scenario):
    url = make_store(tmp_path, monkeypatch, tiny_scenario)
    at = open_page(app(COORDINATOR), "popups")
    assert at.title[0].value == "Pop-up"
    at.text_input(key="popup_id").input("p2")
    at.text_input(key="popup_name").input("Forum de la création")
    at.selectbox(key="popup_commune").set_value("99001")
    at.date_input(key="popup_date").set_value(dt.date(2027, 1, 12))
    at.text_input(key="popup_needs").input("creation:1")
    at.button(key="popup_submit").click().run()
    assert not at.exception
    assert "Enregistré : version 2" in texts(at)
    with Store.open(url) as store:
        scenario = store.load_scenario_version(store.scenario_versions()[0].id)
        added = next(p for p in scenario.popups if p.id == "p2")
        assert (added.commune, added.date, added.name) == (
            "99001",
            dt.date(2027, 1, 12),
            "Forum de la création",
        )


def test_bad_popup_is_refused(tmp_path, monkeypatch, tiny_scenario):
    url = make_store(tmp_path, monkeypatch, tiny_scenario)
    at = open_page(app(COORDINATOR), "popups")
    at.text_input(key="popup_id").input("p1")  # already taken
    at.text_input(key="popup_name").input("Doublon")
    at.text_input(key="popup_needs").input("emploi")
    at.button(key="popup_submit").click().run()
    shown = texts(at)
    assert "Modification refusée" in shown
    assert "champ « Identifiant (id) »" in shown
    assert "duplicate id 'p1'" in shown
    assert "champ « Besoins (pôle:nombre) (needs) »" in shown
    with Store.open(url) as store:
        assert len(store.scenario_versions()) == 1
