""" "Près de moi" and the embed code in a real browser (headless Debian Chromium, playwright).

The browser is given a position near Aubusson's town hall (geolocation granted) and must show
the next visit the core computes for Aubusson; without the permission it shows the French
fallback message. Served from ``http://localhost`` (a secure context, as geolocation needs).
Skipped like :mod:`.test_site_browser` when Chromium or playwright is missing.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest

from itinerant.i18n import t
from itinerant.publish.public import public_events
from itinerant.publish.public.text import format_date, format_hours
from itinerant.publish.public.timetable import commune_nearby
from tests.publish.public.test_site_browser import (
    AUBUSSON,
    _browser_or_skip,
    _first_expected,
    launch_chromium,
    serve_folder,
)

NEAR_AUBUSSON = {"latitude": 45.9558, "longitude": 2.1680}
"""About 200 m from Aubusson's town hall (45.956859, 2.170132 in the default territory)."""
FAR_AWAY = {"latitude": 48.8566, "longitude": 2.3522}
"""Paris, far outside the Territory."""


@pytest.fixture(scope="module")
def served(published_default) -> Iterator[str]:
    """The published folder (no base URL) served on ``http://localhost:<port>``."""
    _browser_or_skip()
    out, _ = published_default
    with serve_folder(out) as port:
        yield f"http://localhost:{port}"


@pytest.fixture(scope="module")
def browser(served):
    with launch_chromium() as chromium:
        yield chromium


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def _expected_next(plan):
    """The first event the core lists for the commune whose town hall is nearest the position."""
    communes = plan.scenario.territory.communes
    nearest = min(
        communes,
        key=lambda c: _haversine_km(
            NEAR_AUBUSSON["latitude"], NEAR_AUBUSSON["longitude"], c.point.lat, c.point.lon
        ),
    )
    assert nearest.code == AUBUSSON
    events = tuple(public_events(plan.schedule, plan.scenario))
    found, _ = commune_nearby(events, plan.scenario, plan.matrix, nearest, 30.0)
    return found[0].event


def _page(browser, served, **options):
    from playwright.sync_api import expect

    context = browser.new_context(locale="fr-FR", **options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{served}/index.html")
    assert page.evaluate("window.isSecureContext") is True
    expect(page.locator("#pres-de-moi")).to_be_visible()
    return context, page, errors


def test_near_me_shows_the_next_visit_near_the_position(browser, served, default_plan):
    from playwright.sync_api import expect

    event = _expected_next(default_plan)
    day, start, name = _first_expected(default_plan)  # straight from the Schedule
    assert (event.date, event.start, event.name) == (day, start, name)
    context, page, errors = _page(
        browser, served, geolocation=NEAR_AUBUSSON, permissions=["geolocation"]
    )
    page.get_by_role("button", name="Près de moi").click()
    status = page.locator("#pres-de-moi-statut")
    expect(status).to_contain_text("Commune la plus proche : Aubusson", timeout=30_000)
    first = page.locator("#pres-de-moi-resultats li.event").first
    expect(first.locator("time")).to_have_attribute("datetime", event.date.isoformat())
    expect(first.locator("time")).to_have_text(format_date(event.date, "fr"))
    expect(first.locator(".hours")).to_have_text(format_hours(event.start, event.end, "fr"))
    expect(first.locator(".place-name")).to_have_text(event.name)
    expect(first.locator(".address")).to_have_text(event.place_line)
    link = page.locator("#pres-de-moi-lien a")
    expect(link).to_have_text(t("public.site.near_me_page", "fr", commune="Aubusson"))
    link.click()
    page.wait_for_url(f"**/communes/{AUBUSSON}.html")
    assert page.locator("h1").inner_text() == "Aubusson"
    assert errors == []
    context.close()


def test_near_me_without_permission_says_so_in_french(browser, served):
    from playwright.sync_api import expect

    context, page, errors = _page(browser, served, geolocation=NEAR_AUBUSSON)
    page.get_by_role("button", name="Près de moi").click()
    status = page.locator("#pres-de-moi-statut")
    expect(status).to_have_text(t("public.site.near_me_denied", "fr"), timeout=30_000)
    assert "autorisé la localisation" in status.inner_text()
    assert page.locator("#pres-de-moi-resultats li").count() == 0
    assert errors == []
    context.close()


def test_near_me_far_from_the_territory(browser, served):
    from playwright.sync_api import expect

    context, page, errors = _page(
        browser, served, geolocation=FAR_AWAY, permissions=["geolocation"]
    )
    page.get_by_role("button", name="Près de moi").click()
    status = page.locator("#pres-de-moi-statut")
    expect(status).to_contain_text("plus de 30 km", timeout=30_000)
    assert page.locator("#pres-de-moi-resultats li").count() == 0
    assert errors == []
    context.close()


def test_near_me_stays_hidden_without_javascript(browser, served):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto(f"{served}/index.html")
    assert page.locator("#pres-de-moi").is_hidden()
    page.goto(f"{served}/communes/{AUBUSSON}.html")
    assert page.locator("#copier-integration").is_hidden()
    context.close()


def test_embed_code_names_the_served_widget(browser, served, default_plan):
    from playwright.sync_api import expect

    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{served}/communes/{AUBUSSON}.html")
    widget = f"{served}/communes/{AUBUSSON}-widget.html"
    code = page.locator("#code-integration")
    expect(code).to_contain_text(f'<iframe src="{widget}"')
    assert "adresse-du-site" not in code.inner_text()
    expect(page.locator("#integrer-adresse")).to_be_hidden()
    expect(page.locator("#copier-integration")).to_be_visible()
    # the code works: a page holding it shows the widget with the next date
    event = _expected_next(default_plan)
    host = context.new_page()
    host.set_content(f"<!doctype html><html lang='fr'><body>{code.inner_text()}</body></html>")
    frame = host.frame_locator("iframe")
    expect(frame.locator("li.event").first.locator("time")).to_have_attribute(
        "datetime", event.date.isoformat()
    )
    expect(frame.locator("a")).to_have_text("Toutes les dates et les lieux de conseil")
    assert errors == []
    context.close()
