"""AppTest: Publier (publish with a note, change notices, versions)."""

from __future__ import annotations

from itinerant.store import Store
from tests.app.test_common import COORDINATOR, app, make_store, open_page, texts


def test_nothing_to_publish_without_a_plan(tmp_path, monkeypatch, tiny_scenario):
    make_store(tmp_path, monkeypatch, tiny_scenario)
    at = open_page(app(COORDINATOR), "publier")
    assert "Pas de plan à publier" in texts(at)


def test_publish_then_versions_and_notices(tmp_path, monkeypatch, tiny_scenario):
    url = make_store(tmp_path, monkeypatch, tiny_scenario, plan=True)
    at = open_page(app(COORDINATOR), "publier")
    assert "Première publication" in texts(at)
    at.text_input(key="publish_note").input("Janvier")
    assert at.button(key="publish_button").label == "Publier"
    at.button(key="publish_button").click().run()
    assert not at.exception
    shown = texts(at)
    assert "Version 1 publiée" in shown
    assert (tmp_path / "publication" / "public" / "index.html").is_file()
    with Store.open(url) as store:
        (publication,) = store.publications()
        assert (publication.number, publication.note, publication.author) == (
            1,
            "Janvier",
            "coordination",
        )
        assert publication.plan_run is not None
    versions = next(d for d in at.dataframe if "N°" in d.value.columns).value
    assert list(versions["Note"]) == ["Janvier"]
    # the same plan again: no change for the public
    assert "Aucun changement pour le public." in shown


def test_publish_under_a_public_address(tmp_path, monkeypatch, tiny_scenario):
    url = make_store(tmp_path, monkeypatch, tiny_scenario, plan=True)
    monkeypatch.delenv("ITINERANT_PUBLIC_URL", raising=False)
    at = open_page(app(COORDINATOR), "publier")
    at.text_input(key="publish_base_url").input("cite.exemple.fr/tournee")
    at.button(key="publish_button").click().run()
    assert not at.exception
    assert any("base_url" in e.value for e in at.error), texts(at)
    with Store.open(url) as store:
        assert store.publications() == []  # refused before anything is recorded
    at.text_input(key="publish_base_url").input("https://cite.exemple.fr/tournee")
    at.button(key="publish_button").click().run()
    assert not at.exception
    assert "Version 1 publiée" in texts(at)
    index = (tmp_path / "publication" / "public" / "index.html").read_text(encoding="utf-8")
    assert "webcal://cite.exemple.fr/tournee/ics/territoire.ics" in index
    with Store.open(url) as store:
        assert store.publication_feeds(1) is not None
