"""Writing a :class:`~itinerant.model.Scenario` as a scenario folder.

:func:`write_scenario` writes a folder that :func:`~itinerant.io.load_scenario` reads back into an
equal Scenario, and writing that one again gives the same bytes.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

import tomli_w

from itinerant.io.csvfiles import Cell, csv_text
from itinerant.io.geojsonfiles import geojson_geometry
from itinerant.io.sections import SCENARIO_FILE, settings_table
from itinerant.io.tables import COMMUNES, RESOURCE_TABLES, SERVICE_POINTS
from itinerant.io.tables import csv_text as table_text
from itinerant.model import Scenario, Territory

__all__ = ["write_scenario"]

logger = logging.getLogger(__name__)

BOUNDARIES_FILE = "communes.geojson"
INDICATORS_FILE = "indicators.csv"


def _file_mode() -> int:
    """The mode a new file gets from ``open()``: 0o666 less the process's umask."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` at once (a temporary file renamed), with the usual file mode.

    ``mkstemp`` creates its file readable by its owner only; the scenario files are shared
    documents, so they get the mode any new file gets (0o644 with the common umask 022).
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            os.fchmod(handle.fileno(), _file_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _boundaries_text(territory: Territory) -> str | None:
    """The communes' boundaries as GeoJSON, ``None`` unless every commune has one."""
    if not all(c.boundary is not None for c in territory.communes):
        return None
    features = [
        {
            "type": "Feature",
            "properties": {"code": c.code, "name": c.name},
            "geometry": geojson_geometry(c.boundary),  # type: ignore[arg-type]
        }
        for c in territory.communes
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


def _indicators_text(territory: Territory) -> str | None:
    """The communes' indicators as CSV keyed by code, ``None`` when there are none."""
    names = sorted({k for c in territory.communes for k, _ in c.indicators})
    if not names:
        return None
    rows: list[list[Cell]] = [["code", *names]]
    for c in territory.communes:
        values = dict(c.indicators)
        rows.append([c.code, *(values.get(n) for n in names)])
    return csv_text(rows)


def _files(scenario: Scenario) -> dict[str, str]:
    """Every file of the folder: name -> text."""
    territory = scenario.territory
    files: dict[str, str] = {
        COMMUNES.filename: table_text(COMMUNES, territory.communes),
        SERVICE_POINTS.filename: table_text(SERVICE_POINTS, territory.service_points),
    }
    for table in RESOURCE_TABLES:
        files[table.filename] = table_text(table, getattr(scenario, table.key))
    territory_section: dict[str, Any] = {
        "name": territory.name,
        "departement": territory.departement,
        "communes": COMMUNES.filename,
        "service_points": SERVICE_POINTS.filename,
    }
    for key, filename, text in (
        ("boundaries", BOUNDARIES_FILE, _boundaries_text(territory)),
        ("indicators", INDICATORS_FILE, _indicators_text(territory)),
    ):
        if text is not None:
            files[filename] = text
            territory_section[key] = filename
    document = {
        "scenario": {
            "name": scenario.name,
            "description": scenario.description,
            "sample": scenario.sample,
        },
        "territory": territory_section,
        "horizon": settings_table(scenario.horizon),
        "network": settings_table(scenario.network),
        "need": settings_table(scenario.need),
        "plan": settings_table(scenario.plan),
        "files": {table.key: table.filename for table in RESOURCE_TABLES},
    }
    files[SCENARIO_FILE] = tomli_w.dumps(document)
    return files


def write_scenario(scenario: Scenario, folder: str | os.PathLike[str]) -> Path:
    """Write ``scenario`` as a scenario folder (created if needed); returns the folder.

    Each file is written to a temporary file and then renamed over the old one, so that an
    interrupted write never leaves a half-written file behind.
    """
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    for name, text in _files(scenario).items():
        _atomic_write(root / name, text)
    logger.info("wrote scenario %r to %s", scenario.name, root)
    return root
