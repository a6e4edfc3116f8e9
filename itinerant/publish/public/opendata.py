"""Open data of the public timetable: GeoJSON, CSV and JSON with the same fields.

One record per public event (minibus Visit or PopUp); the fields, their types, an example and
the licence are documented in ``docs/open-data.md``. No crew data: records are made from public
events only. Every value is a string except ``longitude`` and ``latitude`` (numbers), so that the
three files hold exactly the same values.

The CSV goes through :mod:`itinerant.io.csvfiles`: a text that could start a spreadsheet formula
(a Stop named ``=HYPERLINK(...)``) gets one leading ``'``; every text cell is quoted and the codes
(``commune_insee``, ``codes_postaux``, ``lieu_id``) are written exactly, leading zeros included
(how to open it in LibreOffice or Excel with the codes as text: ``docs/open-data.md``).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from itinerant.i18n import t
from itinerant.io.csvfiles import Cell, csv_text
from itinerant.model import Scenario
from itinerant.publish.public.events import EventKind, PublicEvent
from itinerant.publish.public.text import pole_labels

if TYPE_CHECKING:
    from itinerant.publish.public.timetable import PublicTimetable

__all__ = [
    "FIELDS",
    "LICENCE",
    "OPEN_DATA_FILES",
    "SCHEMA",
    "open_data_records",
    "write_open_data",
]

logger = logging.getLogger(__name__)

SCHEMA = "itinerant.publish.public/1"
"""Version of the open data schema (in the JSON and GeoJSON files)."""

LICENCE = "Licence Ouverte / Open Licence 2.0 (Etalab)"
"""Licence of the published data."""

FIELDS: tuple[str, ...] = (
    "id",
    "type",
    "date",
    "debut",
    "fin",
    "debut_iso",
    "fin_iso",
    "lieu_id",
    "lieu",
    "adresse",
    "commune_insee",
    "commune",
    "codes_postaux",
    "poles",
    "poles_libelles",
    "longitude",
    "latitude",
)
"""Fields of every record, in order (see ``docs/open-data.md``)."""

OPEN_DATA_FILES = ("calendrier.geojson", "calendrier.csv", "calendrier.json")
"""Names of the files written by :func:`write_open_data`."""

_TYPES = {EventKind.VISIT: "passage", EventKind.POPUP: "popup"}


def open_data_records(events: Sequence[PublicEvent]) -> list[dict[str, str | float]]:
    """One record per event, with the :data:`FIELDS` in order.

    Parameters
    ----------
    events
        Public events.

    Returns
    -------
    list of dict
        Field name to value (``str``, or ``float`` for ``longitude`` and ``latitude``).
    """
    return [
        {
            "id": e.uid,
            "type": _TYPES[e.kind],
            "date": e.date.isoformat(),
            "debut": f"{e.start:%H:%M}",
            "fin": f"{e.end:%H:%M}",
            "debut_iso": e.starts_at.isoformat(),
            "fin_iso": e.ends_at.isoformat(),
            "lieu_id": e.ref,
            "lieu": e.name,
            "adresse": e.address,
            "commune_insee": e.commune,
            "commune": e.commune_name,
            "codes_postaux": " ".join(e.postcodes),
            "poles": " ".join(p.value for p in e.poles),
            "poles_libelles": ", ".join(pole_labels(e.poles, "fr")),
            "longitude": e.location.lon,
            "latitude": e.location.lat,
        }
        for e in events
    ]


def _metadata(scenario: Scenario, generated_at: dt.datetime) -> dict[str, str]:
    meta = {
        "schema": SCHEMA,
        "territoire": scenario.territory.name,
        "licence": LICENCE,
        "publie_le": generated_at.isoformat(timespec="seconds"),
        "fuseau_horaire": "Europe/Paris",
    }
    if scenario.sample:
        meta["avertissement"] = t("public.sample", "fr")
    return meta


def write_open_data(timetable: PublicTimetable, out_dir: str | Path) -> list[Path]:
    """Write ``calendrier.geojson``, ``calendrier.csv`` and ``calendrier.json``.

    Parameters
    ----------
    timetable
        What to publish (:class:`~itinerant.publish.public.timetable.PublicTimetable`); its
        publication time goes into the JSON and GeoJSON metadata.
    out_dir
        Folder to write into (created).

    Returns
    -------
    list of Path
        GeoJSON, CSV and JSON files.
    """
    records = open_data_records(timetable.events)
    meta = _metadata(timetable.scenario, timetable.generated_at)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    geojson_path, csv_path, json_path = (out / name for name in OPEN_DATA_FILES)

    features = [
        {
            "type": "Feature",
            "id": r["id"],
            "geometry": {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]},
            "properties": r,
        }
        for r in records
    ]
    collection = {"type": "FeatureCollection", "metadata": meta, "features": features}
    geojson_path.write_text(
        json.dumps(collection, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )

    rows: list[Sequence[Cell]] = [list(FIELDS), *([r[f] for f in FIELDS] for r in records)]
    text = csv_text(rows, delimiter=";", lineterminator="\r\n", quote_text=True)
    csv_path.write_text(text, encoding="utf-8-sig", newline="")

    document = {**meta, "champs": list(FIELDS), "evenements": records}
    json_path.write_text(
        json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    logger.info("wrote open data (%d events) in %s", len(records), out)
    return [geojson_path, csv_path, json_path]
