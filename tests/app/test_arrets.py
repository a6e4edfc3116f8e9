"""AppTest: Arrêts (candidate Stops on a map and in an editable table)."""

from __future__ import annotations

import json

from itinerant.store import Store
from tests.app.test_common import COORDINATOR, app, make_store, open_page, texts

EMPTY = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}


def test_stops_page_shows_the_map_and_the_table(tmp_path, monkeypatch, tiny_scenario):
    make_store(tmp_path, monkeypatch, tiny_scenario)
    at = open_page(app(COORDINATOR), "arrets")
    assert at.title[0].value == "Arrêts candidats"
    charts = at.get("deck_gl_json_chart")
    assert len(charts) == 1
    spec = json.loads(charts[0].proto.json)
    assert spec["mapStyle"] == "app/static/blank-style.json"
    layers = {layer["id"]: layer for layer in spec["layers"]}
    assert {"communes", "stops"} <= set(layers)
    names = {p["name"] for p in layers["stops"]["data"]}
    assert "Place de la mairie" in names


def test_stop_opening_at_25_00_is_refused(tmp_path, monkeypatch, tiny_scenario):
    url = make_store(tmp_path, monkeypatch, tiny_scenario)
    at = open_page(app(COORDINATOR), "arrets")
    at.session_state["edit_stops_1"] = {**EMPTY, "edited_rows": {0: {"opens": "25:00"}}}
    at.run()
    at.button(key="save_stops").click().run()
    shown = texts(at)
    assert "Modification refusée" in shown
    assert "Ligne 1 (s-gamma), champ « Ouverture (opens) »" in shown
    with Store.open(url) as store:
        assert len(store.scenario_versions()) == 1
        assert store.load_scenario_version(1).stops[0].opens.hour == 9


def test_tile_url_gives_a_raster_style(tmp_path, monkeypatch, tiny_scenario):
    make_store(tmp_path, monkeypatch, tiny_scenario)
    monkeypatch.setenv("ITINERANT_TILE_URL", "https://tile.example.org/{z}/{x}/{y}.png")
    at = open_page(app(COORDINATOR), "arrets")
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    assert spec["mapStyle"]["sources"]["tiles"]["tiles"] == [
        "https://tile.example.org/{z}/{x}/{y}.png"
    ]
