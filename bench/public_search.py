"""Benchmark of the public search: the Streamlit public page, cold then warm, and the static site.

Run with ``.venv/bin/python bench/public_search.py [--searches 12] [--time-limit 10] [--browser]``.

A temporary SQLite store gets the default territory, planned and published
(:func:`itinerant.dashboard.demo.bootstrap_demo`). The public page then runs in Streamlit's
AppTest (the script as the server runs it, without the browser's round trip): the first run
is the cold server (imports, store, caches empty), then one search per commune for
``--searches`` different communes (names, then postcodes) and a few positions (``?lat=&lon=``,
each a new session on the same warm server). Printed: seconds of the cold run, then median and
maximum of the warm searches; the aim is a warm answer under 2 s (issue 12 item 5).

With ``--browser`` (Debian Chromium through playwright), the static site published by the demo
is served locally and the client-side search (type a name, submit, commune page shown) and the
"Près de moi" button (position granted) are timed the same way.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")


def _figures(label: str, seconds: list[float]) -> None:
    print(
        f"{label:<44} n={len(seconds):>3}  median {statistics.median(seconds):6.3f} s"
        f"  max {max(seconds):6.3f} s"
    )


def _seed(folder: Path, time_limit_s: float) -> Path:
    """A store in ``folder`` with the default territory published; the public site's folder.

    ``itinerant demo`` runs in its own process, so that this one starts cold (nothing
    imported, no cache filled) when the public page first runs.
    """
    out = folder / "publication"
    os.environ["ITINERANT_DB"] = str(folder / "store.db")
    os.environ.pop("ITINERANT_DB_URL", None)
    os.environ["ITINERANT_PUBLIC_DIR"] = str(out)
    os.environ["ITINERANT_LANG"] = "fr"
    command = [str(Path(sys.executable).parent / "itinerant"), "demo"]
    command += ["--db", str(folder / "store.db"), "--out", str(out)]
    command += ["--time-limit", f"{time_limit_s:g}"]
    subprocess.run(command, check=True, capture_output=True, cwd=REPO)
    return out / "public"


def _picked(searches: int) -> list[Any]:
    """``searches`` communes of the default territory, spread over the list of codes."""
    from itinerant.io import default_scenario_dir, load_scenario  # noqa: PLC0415 (cold start)

    communes = sorted(
        load_scenario(default_scenario_dir()).territory.communes, key=lambda c: c.code
    )
    return communes[:: max(1, len(communes) // searches)][:searches]


def _streamlit(searches: int) -> None:
    # imported here, so that the first run of the page is a cold start
    from streamlit.testing.v1 import AppTest  # noqa: PLC0415

    def run(at: AppTest) -> float:
        start = time.perf_counter()
        at.run()
        seconds = time.perf_counter() - start
        if at.exception:
            msg = f"the public page failed: {at.exception}"
            raise RuntimeError(msg)
        return seconds

    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=600)
    print(f"{'cold server: first run of the public page':<44} {run(at):6.3f} s")
    picked = _picked(searches)
    box = at.text_input(key="public_search")
    start = time.perf_counter()
    box.input(picked[0].name).run()
    print(f"{'first search (' + picked[0].name + ')':<44} {time.perf_counter() - start:6.3f} s")

    names, codes = [], []
    for commune in picked[1:]:
        at.text_input(key="public_search").input(commune.name)
        names.append(run(at))
        if not any(commune.name in str(s.value) for s in at.subheader):
            msg = f"no answer for {commune.name}"
            raise RuntimeError(msg)
    for commune in picked[1:]:
        if commune.postcodes:
            at.text_input(key="public_search").input(commune.postcodes[0])
            codes.append(run(at))
    _figures("warm: search by commune name", names)
    _figures("warm: search by postcode", codes)

    positions = []
    for commune in picked[1:6]:
        session = AppTest.from_file(str(REPO / "app.py"), default_timeout=600)
        session.query_params["lat"] = f"{commune.point.lat + 0.003:.5f}"
        session.query_params["lon"] = f"{commune.point.lon - 0.003:.5f}"
        positions.append(run(session))
    _figures("warm: new session with ?lat=&lon=", positions)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def _served(folder: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=folder))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://localhost:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def _browser(site: Path, searches: int) -> None:
    from playwright.sync_api import expect, sync_playwright  # noqa: PLC0415 (optional)

    picked = _picked(searches)
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
    with _served(site) as url, sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=args)
        context = chromium.new_context(locale="fr-FR", permissions=["geolocation"])
        page = context.new_page()
        search, near = [], []
        for commune in picked:
            page.goto(f"{url}/index.html")
            page.fill("#recherche-commune", f"{commune.name} {' '.join(commune.postcodes[:1])}")
            start = time.perf_counter()
            page.click("#recherche button[type=submit]")
            page.wait_for_url(f"**/communes/{commune.code}.html")
            expect(page.locator("h1")).to_have_text(commune.name)
            search.append(time.perf_counter() - start)
        for commune in picked:
            context.set_geolocation({"latitude": commune.point.lat, "longitude": commune.point.lon})
            page.goto(f"{url}/index.html")
            start = time.perf_counter()
            page.click("#pres-de-moi-bouton")
            expect(page.locator("#pres-de-moi-lien a")).to_have_attribute(
                "href", f"communes/{commune.code}.html"
            )
            near.append(time.perf_counter() - start)
        chromium.close()
    _figures("static site: search, submit to commune page", search)
    _figures("static site: Près de moi, click to answer", near)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--searches", type=int, default=12, help="communes searched")
    parser.add_argument("--time-limit", type=float, default=10.0, help="planner limit (s)")
    parser.add_argument("--browser", action="store_true", help="also time the static site")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="itinerant-bench-") as folder:
        start = time.perf_counter()
        site = _seed(Path(folder), options.time_limit)
        print(f"{'store seeded, planned and published':<44} {time.perf_counter() - start:6.3f} s")
        _streamlit(options.searches)
        if options.browser:
            _browser(site, options.searches)


if __name__ == "__main__":
    main()
