"""End-to-end: the real dashboard (``streamlit run app.py``) driven by Playwright in Chromium.

A coordinator logs in, plans the default territory (progress, then KPIs), publishes; a visitor
searches "Aubusson" on the public page and reads the next visit; a driver downloads the roadbook
of a week and it is a PDF of that week. A re-plan after a one-field edit (a counsellor absent on
a date) is timed and the figure printed. Screenshots of each page go to ``tests/artifacts/``
(git-ignored).

Needs Debian's Chromium (``/usr/bin/chromium``, installed by ``scripts/setup.sh --test``):
skipped without it, unless ``ITINERANT_REQUIRE_BROWSER=1`` (CI), then it fails.
"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.paths import REPO

ROOT = REPO
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "tests" / "artifacts" / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--use-angle=swiftshader",  # software WebGL, for the pydeck maps
    "--enable-unsafe-swiftshader",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not CHROMIUM.exists():
    if os.environ.get("ITINERANT_REQUIRE_BROWSER") == "1":
        pytest.fail(
            "Chromium is required (ITINERANT_REQUIRE_BROWSER=1) but /usr/bin/chromium is missing"
        )
    pytest.skip(
        "Debian's Chromium (/usr/bin/chromium) is not installed: run scripts/setup.sh --test",
        allow_module_level=True,
    )

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("dashboard")


@pytest.fixture(scope="module")
def app_url(workdir: Path) -> Iterator[str]:
    port = _free_port()
    env = {
        **os.environ,
        "ITINERANT_DB": str(workdir / "store.db"),
        "ITINERANT_DATA_DIR": str(workdir),
        "ITINERANT_LANG": "fr",
    }
    log = (workdir / "streamlit.log").open("w")
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.headless=true",
        "--server.address=127.0.0.1",
        f"--server.port={port}",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
    ]
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                    if answer.read().strip() == b"ok":
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail(f"streamlit did not start:\n{(workdir / 'streamlit.log').read_text()}")
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


def _settle(page: Page, timeout: float = 120_000) -> None:
    """Wait until the script run is over (Streamlit's running indicator gone)."""
    page.wait_for_load_state("networkidle", timeout=timeout)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=timeout)


def _open(page: Page, url: str) -> None:
    page.goto(url)
    page.locator('[data-testid="stApp"]').wait_for(timeout=60_000)
    _settle(page)


def _nav(page: Page, title: str) -> None:
    """Go to a page through the sidebar (a new URL would start a new session: logged out)."""
    nav = page.locator('[data-testid="stSidebarNav"]')
    nav.get_by_role("link", name=title, exact=True).click()  # "Territoire" != "Nouveau territoire"
    _settle(page)


def _shot(page: Page, name: str, *, show_map: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    if show_map:
        deck = page.locator('[data-testid="stDeckGlJsonChart"]').first
        deck.wait_for(timeout=30_000)
        deck.scroll_into_view_if_needed()
        page.wait_for_timeout(1500)  # let deck.gl draw
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _login(page: Page, url: str, username: str, password: str) -> None:
    _open(page, f"{url}/connexion")
    page.locator(".st-key-login_username input").fill(username)
    page.locator(".st-key-login_password input").fill(password)
    page.locator(".st-key-login_submit button").click()
    expect(page.get_by_text("Connecté").first).to_be_visible(timeout=30_000)
    _settle(page)


def test_coordinator_plans_publishes_and_the_public_finds_the_next_visit(
    app_url: str, browser: Browser, workdir: Path
) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 1300}, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(60_000)
    _login(page, app_url, "coordination", "demo-coordination")

    _nav(page, "Territoire")
    expect(page.locator('[data-testid="stMetric"]').first).to_be_visible()
    _shot(page, "territoire", show_map=True)

    _nav(page, "Planifier")
    limit = page.locator(".st-key-plan_time_limit input")
    limit.fill("10")
    limit.press("Enter")
    _settle(page)
    page.locator(".st-key-plan_run button").click()
    # the live progress: a bar whose text gives the elapsed time, then the best objective
    progress = page.locator('[data-testid="stProgress"]')
    expect(progress).to_be_visible(timeout=30_000)
    _shot(page, "planifier-progression")
    expect(page.get_by_text("meilleur objectif").first).to_be_visible(timeout=90_000)
    metrics = page.locator('[data-testid="stMetric"]')
    expect(metrics.first).to_be_visible(timeout=180_000)
    expect(page.get_by_text("Besoin atteint").first).to_be_visible()
    _settle(page)
    _shot(page, "planifier")

    _nav(page, "Publier")
    page.locator(".st-key-publish_note input").fill("Premier planning (test de bout en bout)")
    page.locator(".st-key-publish_button button").click()
    expect(page.get_by_text("Version 1 publiée").first).to_be_visible(timeout=120_000)
    _settle(page)
    _shot(page, "publier")
    context.close()

    # the public: no login; search Aubusson and read the next visit from the page
    from itinerant.io import default_scenario_dir, load_scenario
    from itinerant.pipeline import build_network, matrix_between, scenario_places
    from itinerant.publish.public import upcoming
    from itinerant.publish.public.text import format_date, format_hours
    from itinerant.publish.release import published_schedule
    from itinerant.store import Store, sqlite_url

    with Store.open(sqlite_url(workdir / "store.db")) as store:
        publication = store.latest_publication()
    assert publication is not None
    assert publication.note == "Premier planning (test de bout en bout)"
    scenario = load_scenario(default_scenario_dir())
    matrix = matrix_between(build_network(scenario), scenario_places(scenario))
    expected = (
        upcoming(published_schedule(publication), scenario, matrix, near="Aubusson").events[0].event
    )

    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
    visitor = phone.new_page()
    visitor.set_default_timeout(60_000)
    _open(visitor, app_url)  # the public page is the default page of a visitor
    search = visitor.locator(".st-key-public_search input")
    search.fill("Aubusson")
    search.press("Enter")
    _settle(visitor)
    first = visitor.get_by_text(format_date(expected.date)).first
    expect(first).to_be_visible(timeout=60_000)
    text = visitor.locator('[data-testid="stMain"]').inner_text()
    assert format_hours(expected.start, expected.end) in text
    assert expected.name in text
    for counsellor in scenario.counsellors:
        assert counsellor.name not in text
    _shot(visitor, "public-aubusson")
    _shot(visitor, "public-aubusson-carte", show_map=True)
    # a visitor cannot reach a coordinator page
    _open(visitor, f"{app_url}/planifier")
    expect(visitor.locator(".st-key-plan_run")).to_have_count(0)
    expect(visitor.locator(".st-key-login_username")).to_be_visible()
    phone.close()


def test_driver_downloads_the_roadbook_of_a_week(app_url: str, browser: Browser) -> None:
    context = browser.new_context(accept_downloads=True, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(60_000)
    _login(page, app_url, "chauffeur", "demo-chauffeur")
    _nav(page, "Chauffeur")
    button = page.locator(".st-key-driver_pdf button")
    expect(button).to_be_visible(timeout=120_000)
    week = page.locator(".st-key-driver_week").inner_text().strip().splitlines()[-1]
    _shot(page, "chauffeur")
    with page.expect_download() as info:
        button.click()
    download = info.value
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"%PDF")
    text = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)
    assert week in text, (week, text[:300])
    assert download.suggested_filename.endswith(".pdf")
    context.close()


def test_replan_after_a_one_field_edit_is_timed(
    app_url: str, browser: Browser, workdir: Path
) -> None:
    # runs after the first test of this module, which planned and published
    from itinerant.schedule.export import schedule_from_document
    from itinerant.store import Store, sqlite_url

    with Store.open(sqlite_url(workdir / "store.db")) as store:
        runs = store.plan_runs()
    assert runs, "the plan of the first test is missing"
    plan = schedule_from_document(runs[0].schedule)
    tour = plan.tours[len(plan.tours) // 2]
    disruption = f"absence:{tour.visits[0].crew[0]}:{tour.date.isoformat()}"
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(60_000)
    _login(page, app_url, "coordination", "demo-coordination")
    _nav(page, "Planifier")
    page.get_by_role("tab", name="Verrouiller et replanifier").click()
    field = page.locator(".st-key-disruptions textarea")
    field.fill(disruption)
    field.press("Control+Enter")
    _settle(page)
    started = time.perf_counter()
    page.locator(".st-key-replan_run button").click()
    expect(page.locator(".st-key-plan_changes_table")).to_be_visible(timeout=120_000)
    expect(page.get_by_text("changement(s)").first).to_be_visible()
    elapsed = time.perf_counter() - started
    print(f"\nre-plan after a one-field edit: results shown in {elapsed:.1f} s")  # noqa: T201
    _shot(page, "replanifier")
    context.close()
