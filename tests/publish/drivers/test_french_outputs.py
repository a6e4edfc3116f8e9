"""French drivers' files are French: no English fragment of the routing label in them.

The road network's label (``approximate network (straight line × 1.3 at 50 km/h)``) is English,
for logs; the roadbook, GPX and ICS say it in French (:func:`network_text`).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest

from itinerant.pipeline import build_network
from itinerant.publish.drivers.files import write_driver_files
from itinerant.publish.drivers.itinerary import network_text
from tests.conftest import DefaultPlan

ENGLISH = re.compile(r"\b(approximate|straight line|network|roads of|file)\b", re.IGNORECASE)
"""English words of the routing labels (``approximatif`` and ``réseau`` do not match)."""


@pytest.fixture(scope="module")
def french_files(default_plan: DefaultPlan, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    plan = default_plan
    week = min(tuple(t.date.isocalendar()[:2]) for t in plan.schedule.tours)
    return write_driver_files(
        plan.schedule,
        plan.scenario,
        plan.matrix,
        build_network(plan.scenario),
        tmp_path_factory.mktemp("french-driver-files"),
        bus="bus-1",
        week=(week[0], week[1]),
        lang="fr",
    )


def _text(path: Path) -> str:
    if path.suffix == ".pdf":
        pages = pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages
        return "\n".join(page.extract_text() or "" for page in pages)
    # ICS folds long lines (CRLF + space): unfold before searching
    return path.read_text(encoding="utf-8").replace("\r\n ", "").replace("\n ", "")


def test_french_driver_files_have_no_english_label(
    default_plan: DefaultPlan, french_files: list[Path]
) -> None:
    assert default_plan.matrix.approximate  # the label is there to be translated
    assert {p.suffix for p in french_files} == {".pdf", ".gpx", ".ics", ".csv"}
    for path in french_files:
        text = _text(path)
        assert not ENGLISH.findall(text), (path.name, ENGLISH.findall(text))
    gpx = next(p for p in french_files if p.suffix == ".gpx").read_text(encoding="utf-8")
    assert "réseau approximatif (ligne droite ×" in gpx


@pytest.mark.parametrize(
    ("label", "fr", "en"),
    [
        (
            "approximate network (straight line × 1.3 at 50 km/h)",
            "réseau approximatif (ligne droite × 1,3 à 50 km/h)",
            "approximate network (straight line × 1.3 at 50 km/h)",
        ),
        ("OpenStreetMap file creuse.osm.pbf", "fichier OpenStreetMap creuse.osm.pbf", None),
        ("GraphML file roads.graphml", "fichier GraphML roads.graphml", None),
        ("OpenStreetMap roads of Creuse", "routes OpenStreetMap de Creuse", None),
        ("my own network", "my own network", None),
    ],
)
def test_network_text(label: str, fr: str, en: str | None) -> None:
    assert network_text(label, "fr") == fr
    assert network_text(label, "en") == (en or label)
