"""AppTest: the public page (no login; never a counsellor's name)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.test_common import APP, TIMEOUT, app, make_store, plannable, texts

NAMES = ("Camille", "Hélène", "Exemple")


@pytest.fixture
def published(tmp_path, monkeypatch, tiny_scenario):
    make_store(tmp_path, monkeypatch, tiny_scenario, publish=True)
    return plannable(tiny_scenario)


def public_app(**params: str) -> AppTest:
    """The public page with query parameters; dates from the start of the tiny Horizon."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params["from"] = "2027-01-04"
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def test_not_published_yet(tmp_path, monkeypatch, tiny_scenario):
    make_store(tmp_path, monkeypatch, tiny_scenario)
    at = app()
    assert "pas encore publié" in texts(at)


def test_search_by_commune_shows_visits_without_names(published):
    at = public_app()
    assert at.text_input(key="public_search").label == "Votre commune ou code postal"
    at.text_input(key="public_search").input("Gamma").run()
    assert not at.exception
    shown = texts(at)
    assert "Prochains passages près de Gamma" in shown
    assert "Place de la mairie" in shown
    assert "Pôles" in shown
    for name in NAMES:
        assert name not in shown
    (ics,) = at.get("download_button")
    assert ics.key == "public_ics"
    assert ics.proto.label == "Ajouter ces dates à mon agenda (ICS)"


def test_search_by_postcode_and_unknown_place(published):
    at = public_app()
    at.text_input(key="public_search").input("99002").run()
    assert "Place de la mairie" in texts(at)
    at.text_input(key="public_search").input("Atlantis").run()
    assert not at.exception
    assert at.warning


def test_near_me_with_query_parameters(published):
    at = public_app(lat="46.15", lon="2.05")
    shown = texts(at)
    assert "Prochains passages près de votre position" in shown
    assert "Place de la mairie" in shown


def test_search_from_the_address_bar(published):
    at = public_app(q="Gamma")
    assert at.text_input(key="public_search").value == "Gamma"
    assert "Prochains passages près de Gamma" in texts(at)
