"""Golden files of publications: a roadbook page, a driver's ICS and the open-data GeoJSON.

Each artefact of the default plan (``default_plan``) is compared with its file in
``tests/publish/golden/`` after normalising what changes from run to run (time stamps, the
version of itinerant in ``PRODID``). After a deliberate change of these outputs, regenerate
the files and review their diff::

    ITINERANT_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/publish/test_golden.py
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
from pathlib import Path

import pypdf
import pytest

from itinerant.publish.drivers.files import itinerary_ics
from itinerant.publish.drivers.itinerary import Itinerary, itineraries
from itinerant.publish.drivers.roadbook import roadbook_pdf
from itinerant.publish.pdf_fonts import pdf_fonts
from itinerant.publish.public.events import public_events
from itinerant.publish.public.opendata import OPEN_DATA_FILES, write_open_data
from itinerant.publish.public.timetable import DEFAULT_WITHIN_MINUTES, PublicTimetable
from tests.conftest import DefaultPlan

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("ITINERANT_UPDATE_GOLDEN") == "1"

_ICS_STAMPS = re.compile(r"^(DTSTAMP|LAST-MODIFIED|CREATED):.*$", re.MULTILINE)
_PRODID = re.compile(r"^PRODID:(.*?)itinerant [^/]+//", re.MULTILINE)


def normalise_ics(data: bytes) -> str:
    """ICS text with LF line ends, time stamps and itinerant's version replaced."""
    text = data.decode("utf-8").replace("\r\n", "\n")
    text = _ICS_STAMPS.sub(r"\1:<stamp>", text)
    return _PRODID.sub(r"PRODID:\1itinerant <version>//", text)


def normalise_geojson(text: str) -> str:
    """GeoJSON text with the publication time replaced."""
    document = json.loads(text)
    document["metadata"]["publie_le"] = "<stamp>"
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def normalise_text(text: str) -> str:
    """Extracted PDF text without trailing spaces, with one final newline."""
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def check_golden(name: str, actual: str) -> None:
    """Compare ``actual`` with ``golden/<name>`` (or rewrite it when updating)."""
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"no golden file {path}: run with ITINERANT_UPDATE_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, (
        f"{name} differs from its golden file; if the change is intended, regenerate with "
        "ITINERANT_UPDATE_GOLDEN=1 and review the diff"
    )


@pytest.fixture(scope="module")
def first_week(default_plan: DefaultPlan) -> Itinerary:
    plan = default_plan
    return itineraries(plan.schedule, plan.scenario, plan.matrix)[0]


def test_roadbook_first_page(default_plan: DefaultPlan, first_week: Itinerary) -> None:
    if "DejaVuSans" not in pdf_fonts().regular:
        # another font lacks some characters (⚠, œ...), which the roadbook then replaces
        pytest.skip("the golden roadbook text is set in DejaVu Sans (Debian fonts-dejavu-core)")
    pdf = roadbook_pdf(first_week, default_plan.scenario.territory, lang="fr")
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    check_golden("roadbook_page1.txt", normalise_text(page))


def test_bus_week_ics(first_week: Itinerary) -> None:
    check_golden("bus_week.ics", normalise_ics(itinerary_ics(first_week, lang="fr")))


def test_open_data_geojson(default_plan: DefaultPlan, tmp_path: Path) -> None:
    plan = default_plan
    timetable = PublicTimetable(
        scenario=plan.scenario,
        matrix=plan.matrix,
        events=public_events(plan.schedule, plan.scenario),
        generated_at=dt.datetime.now(dt.UTC),
        within_minutes=DEFAULT_WITHIN_MINUTES,
        lang="fr",
    )
    write_open_data(timetable, tmp_path)
    geojson = (tmp_path / OPEN_DATA_FILES[0]).read_text(encoding="utf-8")
    check_golden("calendrier.geojson", normalise_geojson(geojson))


def test_normalising_removes_only_what_changes() -> None:
    ics = b"PRODID:-//itinerant//itinerant 1.2.3//FR\r\nDTSTAMP:20270101T120000Z\r\nEND:VEVENT\r\n"
    assert normalise_ics(ics) == (
        "PRODID:-//itinerant//itinerant <version>//FR\nDTSTAMP:<stamp>\nEND:VEVENT\n"
    )
    geojson = '{"metadata": {"publie_le": "2027-01-01T12:00:00+00:00"}, "features": [1.5]}'
    assert json.loads(normalise_geojson(geojson)) == {
        "metadata": {"publie_le": "<stamp>"},
        "features": [1.5],
    }
