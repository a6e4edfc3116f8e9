"""AppTest: Chauffeur (a bus, a week, the four downloads)."""

from __future__ import annotations

from tests.app.test_common import COORDINATOR, DRIVER, app, make_store, open_page, texts


def test_driver_downloads_roadbook_gpx_ics_csv(tmp_path, monkeypatch, tiny_scenario):
    make_store(tmp_path, monkeypatch, tiny_scenario, publish=True)
    at = app(DRIVER)  # a driver lands on their page
    assert at.title[0].value == "Feuille de route du chauffeur"
    assert at.selectbox(key="driver_bus").value == "bus-1"
    at.selectbox(key="driver_week").set_value((2027, 1)).run()
    buttons = {b.key: b for b in at.get("download_button")}
    assert set(buttons) == {"driver_pdf", "driver_gpx", "driver_ics", "driver_csv"}
    labels = [b.proto.label for b in buttons.values()]
    assert labels == ["Feuille de route (PDF)", "Tracé GPS (GPX)", "Agenda (ICS)", "Tableau (CSV)"]
    assert "journée(s) de tournée cette semaine" in texts(at)


def test_download_bytes_come_from_the_core(tmp_path, monkeypatch, tiny_scenario):
    from itinerant.dashboard.downloads import driver_downloads
    from itinerant.dashboard.workspace import open_workspace
    from itinerant.publish.release import published_schedule
    from itinerant.store import Store

    url = make_store(tmp_path, monkeypatch, tiny_scenario, publish=True)
    with Store.open(url) as store:
        publication = store.latest_publication()
        ws = open_workspace(store, publication.scenario_version)
        files = driver_downloads(ws, published_schedule(publication), bus="bus-1", week=(2027, 1))
    assert files.pdf.startswith(b"%PDF")
    assert b"<gpx" in files.gpx
    assert files.ics.startswith(b"BEGIN:VCALENDAR")
    assert files.csv.startswith(b"\xef\xbb\xbf")
    assert files.stem.startswith("feuille-de-route_bus-1_2027-S01")


def test_no_publication_yet(tmp_path, monkeypatch, tiny_scenario):
    make_store(tmp_path, monkeypatch, tiny_scenario)
    at = open_page(app(COORDINATOR), "chauffeur")
    assert "Aucune version publiée" in texts(at)


def test_visitor_needs_a_login(tmp_path, monkeypatch, tiny_scenario):
    make_store(tmp_path, monkeypatch, tiny_scenario, publish=True)
    at = open_page(app(), "chauffeur")
    assert not at.get("download_button")
    assert at.text_input(key="login_username") is not None
