"""Open data in public standards: mobile-library stops, data·inclusion services, fixed places.

Written into ``opendata/`` by :func:`write_standards` (called by
:func:`~itinerant.publish.public.write.write_public`), beside ``calendrier.*``; fields and
examples in ``docs/open-data.md``:

``arrets-minibus.csv``
    The minibus Stops in the *mobile library stops* Table Schema (Frictionless; the schema of
    the UK "mobile libraries" open data, fields ``organisation`` to ``timetable``). One row per
    rotation (:mod:`itinerant.publish.public.rotations`: ``frequency`` is its ``RRULE``,
    ``start``/``end`` its first and last dates, ``exceptions`` the dates it skips), and one row
    per Visit in no rotation (``FREQ=DAILY;COUNT=1``, ``start`` = ``end`` = its date). PopUps
    are not Stops and are left out. ``day`` and ``type`` hold the schema's codes (``Tuesday``,
    ``Public``): they are values of the standard, not texts. ``postcode`` holds the French
    postcode, which the schema's UK-only pattern does not accept (the one field documented as
    not applicable). Comma separator, UTF-8 without BOM, every text cell quoted.
``services-data-inclusion.json``
    One data·inclusion *service* per Stop visited: the Cité's minibus at that place, its hours
    in OpenStreetMap ``opening_hours`` syntax (``recurrence``,
    :mod:`itinerant.publish.public.openinghours`), ``zone_eligibilite`` the INSEE codes of the
    communes whose page lists the Stop (the rule of
    :func:`~itinerant.publish.public.feeds.commune_events`).
``lieux-permanents.geojson``, ``lieux-permanents.csv``
    The fixed ServicePoints of the Territory (Cité des métiers, France Travail, missions
    locales...), same style as ``calendrier.*``.

Every CSV goes through :func:`itinerant.io.csvfiles.csv_text` (formula-safe) and every GeoJSON
geometry through :func:`itinerant.io.geojsonfiles.geojson_geometry`. No crew data: everything
is made from public events and the scenario's places.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from shapely.geometry import Point

from itinerant.i18n import t
from itinerant.i18n.folding import fold, slug
from itinerant.io.csvfiles import Cell, csv_text
from itinerant.io.geojsonfiles import geojson_geometry
from itinerant.model import FieldError, Pole, Precision, ServiceKind, ServicePoint, Territory
from itinerant.publish.public.events import PARIS, EventKind, PublicEvent
from itinerant.publish.public.feeds import commune_events
from itinerant.publish.public.opendata import LICENCE, SCHEMA
from itinerant.publish.public.openinghours import opening_hours
from itinerant.publish.public.rotations import (
    Rotation,
    detect_rotations,
    rotation_of_events,
    rotation_text,
)
from itinerant.publish.public.text import service_kind_label

if TYPE_CHECKING:
    from itinerant.publish.public.timetable import PublicTimetable

__all__ = [
    "DATA_INCLUSION_FILE",
    "MOBILE_STOPS_FIELDS",
    "MOBILE_STOPS_FILE",
    "ONE_OFF_RRULE",
    "SERVICE_POINT_FIELDS",
    "SERVICE_POINT_FILES",
    "THEMATIQUES",
    "check_base_url",
    "data_inclusion_services",
    "mobile_stop_rows",
    "service_point_records",
    "write_standards",
]

logger = logging.getLogger(__name__)

MOBILE_STOPS_FILE = "arrets-minibus.csv"
"""File of the mobile-library stops table."""

DATA_INCLUSION_FILE = "services-data-inclusion.json"
"""File of the data·inclusion services."""

SERVICE_POINT_FILES = ("lieux-permanents.geojson", "lieux-permanents.csv")
"""Files of the fixed ServicePoints."""

MOBILE_STOPS_FIELDS: tuple[str, ...] = (
    "organisation",
    "mobile",
    "route",
    "community",
    "stop",
    "address",
    "postcode",
    "geox",
    "geoy",
    "day",
    "type",
    "arrival",
    "departure",
    "frequency",
    "start",
    "end",
    "exceptions",
    "timetable",
)
"""Columns of ``arrets-minibus.csv``, in the order of the mobile library stops schema."""

ONE_OFF_RRULE = "FREQ=DAILY;COUNT=1"
"""``frequency`` of a Visit in no rotation: one occurrence, on ``start``."""

SERVICE_POINT_FIELDS: tuple[str, ...] = (
    "id",
    "nom",
    "type",
    "type_libelle",
    "adresse",
    "commune_insee",
    "commune",
    "codes_postaux",
    "precision",
    "longitude",
    "latitude",
)
"""Fields of every fixed ServicePoint record (see ``docs/open-data.md``)."""

THEMATIQUES: dict[Pole, str] = {
    Pole.ORIENTATION: "choisir-un-metier",
    Pole.EMPLOI: "trouver-un-emploi",
    Pole.FORMATION: "se-former",
    Pole.CREATION: "creation-activite",
    Pole.EVOLUTION: "choisir-un-metier",
}
"""data·inclusion ``thematiques`` of each pôle."""

_KIND_CODES: dict[ServiceKind, str] = {ServiceKind.OTHER: "autre"}
"""French codes of the ServiceKinds whose code is not French (the others are kept)."""
_PRECISION_CODES: dict[Precision, str] = {
    Precision.ADDRESS: "adresse",
    Precision.COMMUNE: "commune",
}
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_INSEE = re.compile(r"^(\d{2}|2A|2B)\d{3}$")
_POSTCODE = re.compile(r"^\d{5}$")
_RESUME_MAX = 280


def check_base_url(base_url: str | None) -> str:
    """``base_url`` ending with ``/``, or ``""`` for none.

    Raises
    ------
    FieldError
        If it is not an absolute http(s) address (field ``base_url``).
    """
    if base_url is None or base_url == "":
        return ""
    if not re.match(r"^https?://[^\s/]+", base_url):
        raise FieldError("base_url", f"{base_url!r} is not an absolute http(s) address")
    return base_url if base_url.endswith("/") else base_url + "/"


def _check_insee(code: str, row: str) -> str:
    if not _INSEE.match(code):
        msg = f"{row}: commune code {code!r} is not an INSEE code (5 characters, 2A/2B for Corsica)"
        raise FieldError("code_insee", msg)
    return code


def _page(base: str, commune: str) -> str:
    return f"{base}communes/{commune}.html" if base else ""


def mobile_stop_rows(
    events: Sequence[PublicEvent],
    rotations: Sequence[Rotation],
    *,
    territory: Territory,
    base_url: str | None = None,
    midday: dt.time = dt.time(13, 0),
) -> list[dict[str, Cell]]:
    """The rows of ``arrets-minibus.csv``: one per rotation, one per Visit in no rotation.

    Parameters
    ----------
    events
        Public events (PopUps are left out).
    rotations
        Their rotations (:func:`~itinerant.publish.public.rotations.detect_rotations`).
    territory
        The Territory (its name is in ``organisation``).
    base_url
        Address the site will be served from (``https://…/``); ``timetable`` then links to the
        commune page of each Stop, else it is empty.
    midday
        Boundary of the half-days, for the ``route`` name (``"mardi matin"``).

    Returns
    -------
    list of dict
        Field name (:data:`MOBILE_STOPS_FIELDS`) to value; ``geox``/``geoy`` are numbers.

    Raises
    ------
    FieldError
        For a ``base_url`` that is not an absolute http(s) address.
    """
    base = check_base_url(base_url)
    organisation = t("public.standards.organisation", "fr", territory=territory.name)
    mobile = t("public.event.visit", "fr")
    in_rotation = rotation_of_events(rotations)

    def row(
        event: PublicEvent, start: dt.date, end: dt.date, rrule: str, skipped: str
    ) -> dict[str, Cell]:
        half = "am" if event.start < midday else "pm"
        weekday = event.date.weekday()
        return {
            "organisation": organisation,
            "mobile": mobile,
            "route": t(
                "public.standards.route",
                "fr",
                weekday=t(f"date.weekday.{weekday}", "fr"),
                half=t(f"public.standards.half.{half}", "fr"),
            ),
            "community": event.commune_name,
            "stop": event.name,
            "address": event.place_line,
            "postcode": event.postcodes[0] if event.postcodes else "",
            "geox": event.location.lon,
            "geoy": event.location.lat,
            "day": _WEEKDAYS_EN[weekday],
            "type": "Public",
            "arrival": f"{event.start:%H:%M}",
            "departure": f"{event.end:%H:%M}",
            "frequency": rrule,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "exceptions": skipped,
            "timetable": _page(base, event.commune),
        }

    rows = [
        row(
            r.event,
            r.first,
            r.last,
            r.rrule(until=False),
            ",".join(d.isoformat() for d in r.skipped),
        )
        for r in rotations
    ]
    for event in events:
        if (
            event.kind is EventKind.VISIT
            and (event.ref, event.date, event.start) not in in_rotation
        ):
            rows.append(row(event, event.date, event.date, ONE_OFF_RRULE, ""))
    rows.sort(key=lambda r: (fold(str(r["stop"])).casefold(), str(r["start"]), str(r["arrival"])))
    return rows


def _zones(timetable: PublicTimetable) -> dict[str, list[str]]:
    """Stop id to the INSEE codes of the communes whose page and feed list it."""
    zones: dict[str, set[str]] = {}
    scenario = timetable.scenario
    for commune in scenario.territory.communes:
        found = commune_events(
            timetable.events,
            scenario,
            timetable.matrix,
            commune,
            within_minutes=timetable.within_minutes,
        )
        for event in found:
            if event.kind is EventKind.VISIT:
                zones.setdefault(event.ref, set()).add(commune.code)
    return {ref: sorted(codes) for ref, codes in zones.items()}


def _resume(text: str) -> str:
    if len(text) <= _RESUME_MAX:
        return text
    return text[: _RESUME_MAX - 1].rstrip() + "…"


def data_inclusion_services(
    timetable: PublicTimetable,
    rotations: Sequence[Rotation],
    *,
    base_url: str | None = None,
) -> list[dict[str, object]]:
    """One data·inclusion service per Stop visited (fields in ``docs/open-data.md``).

    Parameters
    ----------
    timetable
        What is published (events, scenario, publication time).
    rotations
        The rotations of its events.
    base_url
        Address the site will be served from; ``lien_source`` then links to the commune page
        of the Stop, else it is ``null``.

    Returns
    -------
    list of dict
        JSON-ready services, by Stop id.

    Raises
    ------
    FieldError
        For a ``base_url`` that is not an absolute http(s) address, or a Stop whose commune
        code is not an INSEE code (the message names the Stop).
    """
    base = check_base_url(base_url)
    scenario = timetable.scenario
    territory = scenario.territory
    structure = "cite-des-metiers-" + slug(territory.name, fallback="territoire", lower=True)
    updated = timetable.generated_at.astimezone(PARIS).date().isoformat()
    by_stop: dict[str, list[PublicEvent]] = {}
    for event in timetable.events:
        if event.kind is EventKind.VISIT:
            by_stop.setdefault(event.ref, []).append(event)
    zones = _zones(timetable)
    pitch = t("public.poster.pitch", "fr") + " " + t("public.free", "fr")
    services: list[dict[str, object]] = []
    for ref in sorted(by_stop):
        mine = by_stop[ref]
        first = mine[0]
        code = _check_insee(first.commune, f"stop {ref!r}")
        regular = [r for r in rotations if r.ref == ref]
        poles = sorted({p for e in mine for p in e.poles}, key=list(Pole).index)
        themes = list(dict.fromkeys(THEMATIQUES[p] for p in poles))
        detail = [
            t("public.rotation.regular", "fr", rotation=rotation_text(r, "fr")) for r in regular
        ]
        detail.append(t("public.standards.detail_dates", "fr", count=len(mine)))
        postcode = first.postcodes[0] if first.postcodes else None
        services.append(
            {
                "id": f"minibus-{ref}",
                "structure_id": structure,
                "source": "itinerant",
                "nom": t("public.ics.summary_visit", "fr", place=first.name),
                "presentation_resume": _resume(pitch),
                "presentation_detail": "\n".join(detail),
                "types": ["accompagnement", "information"],
                "thematiques": themes,
                "frais": ["gratuit"],
                "profils": ["tous-publics"],
                "adresse": first.address or None,
                "code_postal": postcode if postcode and _POSTCODE.match(postcode) else None,
                "code_insee": code,
                "commune": first.commune_name,
                "longitude": first.location.lon,
                "latitude": first.location.lat,
                "telephone": None,
                "courriel": None,
                "contact_public": False,
                "date_maj": updated,
                "modes_accueil": ["en-presentiel"],
                "zone_eligibilite": zones.get(ref, [code]),
                "zone_eligibilite_type": "commune",
                "recurrence": opening_hours(mine, regular),
                "lien_source": _page(base, code) or None,
            }
        )
    return services


def service_point_records(territory: Territory) -> list[dict[str, str | float]]:
    """One record per fixed ServicePoint, with the :data:`SERVICE_POINT_FIELDS` in order.

    Raises
    ------
    FieldError
        For a ServicePoint whose commune code is not an INSEE code (the message names it).
    """
    records: list[dict[str, str | float]] = []
    for sp in sorted(territory.service_points, key=lambda p: p.id):
        code = _check_insee(sp.commune, f"service point {sp.id!r}")
        commune = territory.commune(code) if territory.has_commune(code) else None
        records.append(
            {
                "id": sp.id,
                "nom": sp.name,
                "type": _KIND_CODES.get(sp.kind, sp.kind.value),
                "type_libelle": service_kind_label(sp.kind, "fr"),
                "adresse": sp.address,
                "commune_insee": code,
                "commune": commune.name if commune else "",
                "codes_postaux": " ".join(commune.postcodes) if commune else "",
                "precision": _PRECISION_CODES[sp.precision],
                "longitude": sp.location.lon,
                "latitude": sp.location.lat,
            }
        )
    return records


def _feature(record: dict[str, str | float], sp: ServicePoint) -> dict[str, object]:
    point = Point(sp.location.lon, sp.location.lat)
    return {
        "type": "Feature",
        "id": record["id"],
        "geometry": geojson_geometry(point),
        "properties": record,
    }


def write_standards(
    timetable: PublicTimetable, out_dir: str | Path, *, base_url: str | None = None
) -> list[Path]:
    """Write the standard open data files (list in the module docstring) into ``out_dir``.

    Parameters
    ----------
    timetable
        What to publish.
    out_dir
        Folder to write into (created; the ``opendata/`` folder of the site).
    base_url
        Address the site will be served from (``https://…/``), for the links to commune pages
        (``timetable`` and ``lien_source``); ``None``: no links.

    Returns
    -------
    list of Path
        ``arrets-minibus.csv``, ``services-data-inclusion.json``, then
        ``lieux-permanents.geojson`` and ``lieux-permanents.csv``.

    Raises
    ------
    FieldError
        For a bad ``base_url`` or a commune code that is not an INSEE code.
    """
    scenario = timetable.scenario
    territory = scenario.territory
    midday = scenario.plan.midday
    rotations = detect_rotations(timetable.events, midday=midday)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    places = service_point_records(territory)
    stops = mobile_stop_rows(
        timetable.events, rotations, territory=territory, base_url=base_url, midday=midday
    )
    services = data_inclusion_services(timetable, rotations, base_url=base_url)

    stops_path = out / MOBILE_STOPS_FILE
    rows: list[Sequence[Cell]] = [
        list(MOBILE_STOPS_FIELDS),
        *([r[f] for f in MOBILE_STOPS_FIELDS] for r in stops),
    ]
    stops_path.write_text(
        csv_text(rows, delimiter=",", lineterminator="\r\n", quote_text=True),
        encoding="utf-8",
        newline="",
    )

    services_path = out / DATA_INCLUSION_FILE
    services_path.write_text(
        json.dumps(services, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )

    geojson_path, csv_path = (out / name for name in SERVICE_POINT_FILES)
    by_id = {sp.id: sp for sp in territory.service_points}
    meta: dict[str, str] = {
        "schema": SCHEMA,
        "territoire": territory.name,
        "licence": LICENCE,
        "publie_le": timetable.generated_at.isoformat(timespec="seconds"),
    }
    if scenario.sample:
        meta["avertissement"] = t("public.sample", "fr")
    collection = {
        "type": "FeatureCollection",
        "metadata": meta,
        "features": [_feature(r, by_id[str(r["id"])]) for r in places],
    }
    geojson_path.write_text(
        json.dumps(collection, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    table: list[Sequence[Cell]] = [
        list(SERVICE_POINT_FIELDS),
        *([r[f] for f in SERVICE_POINT_FIELDS] for r in places),
    ]
    csv_path.write_text(
        csv_text(table, delimiter=";", lineterminator="\r\n", quote_text=True),
        encoding="utf-8-sig",
        newline="",
    )
    logger.info(
        "wrote standard open data (%d stop rows, %d services, %d fixed places) in %s",
        len(stops),
        len(services),
        len(places),
        out,
    )
    return [stops_path, services_path, geojson_path, csv_path]
