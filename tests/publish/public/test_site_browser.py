"""The public site in a real browser (headless Debian Chromium through playwright).

Skipped when /usr/bin/chromium or playwright is missing, unless ``ITINERANT_REQUIRE_BROWSER=1``
(then it fails). Never runs ``playwright install``: it drives the system Chromium.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AUBUSSON = "23008"
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def _browser_or_skip():
    required = os.environ.get("ITINERANT_REQUIRE_BROWSER") == "1"
    reason = ""
    if not CHROMIUM.is_file():
        reason = f"{CHROMIUM} is missing (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "the playwright package is missing (pip install playwright)"
    if reason:
        if required:
            pytest.fail(f"ITINERANT_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(f"browser test skipped: {reason}")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def site_url(published_default) -> Iterator[str]:
    _browser_or_skip()
    out, _ = published_default
    with serve_folder(out) as port:
        yield f"http://127.0.0.1:{port}"


@contextlib.contextmanager
def serve_folder(out: Path) -> Iterator[int]:
    """``out`` served on 127.0.0.1 by a thread (quiet); the port."""
    handler = functools.partial(_QuietHandler, directory=str(out))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@contextlib.contextmanager
def launch_chromium():
    """The system Chromium, headless, through playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def browser(site_url):
    with launch_chromium() as chromium:
        yield chromium


def _first_expected(plan):
    """The first visit or PopUp of the Aubusson page, straight from the Schedule."""
    scenario, matrix = plan.scenario, plan.matrix
    stops = {s.id: s for s in scenario.stops}
    popups = {p.id: p for p in scenario.popups}
    home = matrix.index(f"commune:{AUBUSSON}")
    items = [
        (tour.date, v.start, stops[v.stop].name, f"stop:{v.stop}", stops[v.stop].catchment_minutes)
        for tour, v in plan.schedule.visits()
    ]
    items += [
        (popups[s.popup].date, popups[s.popup].start, popups[s.popup].name, f"popup:{s.popup}", 0)
        for s in plan.schedule.popups
    ]
    near = []
    for day, start, name, place, catchment in items:
        k = matrix.index(place)
        to = matrix.durations_s[home, k]
        back = matrix.durations_s[k, home]
        if 0 <= to <= 30 * 60 or 0 <= back <= catchment * 60:
            near.append((day, start, name))
    return min(near)


def _french(day: dt.date) -> str:
    number = "1er" if day.day == 1 else str(day.day)
    return f"{WEEKDAYS[day.weekday()]} {number} {MONTHS[day.month - 1]} {day.year}"


def test_commune_page_shows_the_next_visit(browser, site_url, default_plan):
    day, start, name = _first_expected(default_plan)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{site_url}/communes/{AUBUSSON}.html")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").inner_text() == "Aubusson"
    first = page.locator("li.event").first
    assert first.locator("time").get_attribute("datetime") == day.isoformat()
    assert first.locator("time").inner_text() == _french(day)
    assert first.locator(".place-name").inner_text() == name
    hours = first.locator(".hours").inner_text()
    assert hours.startswith(f"de {start.hour} h")
    assert "Pôles présents" in first.inner_text()
    assert page.locator("main").count() == 1
    assert page.locator("header").count() == 1
    assert page.locator("footer").count() == 1
    # the calendar feed and the poster linked from the page are served
    ics = page.locator("a.ics").get_attribute("href")
    response = context.request.get(f"{site_url}/communes/{ics}")
    assert response.ok
    assert response.body().startswith(b"BEGIN:VCALENDAR")
    poster = first.locator("a[type='application/pdf']").get_attribute("href")
    assert context.request.get(f"{site_url}/communes/{poster}").body().startswith(b"%PDF")
    # nothing overflows a phone screen
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    assert errors == []
    context.close()


def test_site_works_without_javascript(browser, site_url, default_plan):
    day, _, name = _first_expected(default_plan)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/index.html")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").count() == 1
    # the search form leads to the alphabetical list, which leads to the commune page
    page.fill("#recherche-commune", "Aubusson")
    page.click("#recherche button[type=submit]")
    page.wait_for_url("**#toutes-les-communes")
    page.click(f"a[href='communes/{AUBUSSON}.html']")
    page.wait_for_url(f"**/communes/{AUBUSSON}.html")
    first = page.locator("li.event").first
    assert first.locator("time").get_attribute("datetime") == day.isoformat()
    assert first.locator(".place-name").inner_text() == name
    context.close()


def test_search_script_goes_to_the_commune(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{site_url}/index.html")
    page.fill("#recherche-commune", "st sulpice le gueretois")
    page.click("#recherche button[type=submit]")
    page.wait_for_url("**/communes/*.html")
    assert page.locator("h1").inner_text() == "Saint-Sulpice-le-Guérétois"
    page.goto(f"{site_url}/index.html")
    page.fill("#recherche-commune", "Saint-Agnant")
    page.click("#recherche button[type=submit]")
    status = page.locator("#recherche-statut")
    status.wait_for()
    assert "Plusieurs communes" in status.inner_text()
    assert page.locator("#recherche-resultats li").count() == 2
    assert errors == []
    context.close()
