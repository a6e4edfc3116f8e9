"""AppTest: Territoire (access diagnostic map, figures, table, indicators import)."""

from __future__ import annotations

import json

from itinerant.store import Store
from tests.app.test_common import COORDINATOR, app, make_store, open_page, texts


def test_territory_shows_figures_map_and_table(tmp_path, monkeypatch, tiny_scenario):
    make_store(tmp_path, monkeypatch, tiny_scenario)
    at = open_page(app(COORDINATOR), "territoire")
    assert at.title[0].value == "Territoire : état des lieux de l'accès"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Communes"] == "4"
    assert "Au-delà de 30 min" in metrics
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    communes = next(layer for layer in spec["layers"] if layer["id"] == "communes")
    assert len(communes["data"]["features"]) == 4
    table = at.dataframe[0].value
    assert "Besoin" in table.columns
    assert set(table["Commune"]) == {"Alpha", "Bêta-sur-Creuse", "Gamma", "Delta"}
    # colour by drive time instead of Need
    at.radio(key="territory_colour").set_value("minutes").run()
    assert not at.exception


def test_first_start_seeds_the_default_territory(tmp_path, monkeypatch):
    db = tmp_path / "empty.db"
    monkeypatch.setenv("ITINERANT_DB", str(db))
    monkeypatch.delenv("ITINERANT_DB_URL", raising=False)
    at = open_page(app(COORDINATOR), "territoire")
    assert {m.label: m.value for m in at.metric}["Communes"] == "255"
    assert "Données d'exemple" in texts(at)
    with Store.open(f"sqlite:///{db}") as store:
        (version,) = store.scenario_versions()
        assert version.version == 1


def test_indicators_import_makes_a_new_version(tmp_path, monkeypatch, tiny_scenario):
    url = make_store(tmp_path, monkeypatch, tiny_scenario)
    at = open_page(app(COORDINATOR), "territoire")
    from itinerant.dashboard.workspace import save_with_indicators

    # the page hands the uploaded bytes to the core; AppTest cannot upload, so call it directly
    with Store.open(url) as store:
        version = save_with_indicators(
            store,
            store.load_scenario_version(1),
            b"code;chomage\n99000;12,5\n99001;8\n",
            author="coordination",
        )
        assert version.version == 2
        scenario = store.load_scenario_version(version.id)
        assert scenario.territory.commune("99000").indicator("chomage") == 12.5
    at.run()
    assert "version 2" in texts(at)
