"""Open data in public standards, validated by independent validators and matched to the Schedule.

- ``arrets-minibus.csv`` with ``frictionless`` against the mobile library stops Table Schema
  read from ``../shared/standards`` (skipped when absent), the UK-only ``postcode`` pattern
  removed from a copy of the schema in memory (the one field documented as not applicable);
  its RRULEs expanded by ``dateutil`` give back exactly the Visits;
- ``services-data-inclusion.json`` with ``jsonschema`` against a JSON Schema written here from
  the documented data·inclusion fields (no copy of that schema on this machine), its
  ``recurrence`` evaluated by ``opening-hours-py``;
- ``lieux-permanents.geojson`` and ``.csv`` read back with json, geopandas and pandas.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from itinerant.model import FieldError, Precision, ServiceKind
from itinerant.publish.public import public_events
from itinerant.publish.public.events import EventKind
from itinerant.publish.public.standards import (
    DATA_INCLUSION_FILE,
    MOBILE_STOPS_FIELDS,
    MOBILE_STOPS_FILE,
    SERVICE_POINT_FIELDS,
    SERVICE_POINT_FILES,
    write_standards,
)
from itinerant.publish.public.timetable import DEFAULT_WITHIN_MINUTES, PublicTimetable
from tests.paths import REPO, SHARED
from tests.publish.public.conftest import ROTATING_BASE_URL as BASE_URL

STAMP = dt.datetime(2026, 12, 15, 10, 30, tzinfo=dt.UTC)
MOBILE_SCHEMA = SHARED / "standards" / "librarieshacked-mobile-library-stops.json"


@pytest.fixture(scope="module")
def opendata(published_rotating: Path) -> Path:
    return published_rotating / "opendata"


def visits_of(schedule, scenario):
    return [e for e in public_events(schedule, scenario) if e.kind is EventKind.VISIT]


# --------------------------------------------------------------------------- mobile library stops


def mobile_schema(*, uk_postcodes: bool = False) -> dict:
    if not MOBILE_SCHEMA.is_file():
        pytest.skip(f"{MOBILE_SCHEMA} is absent (../shared not here): cannot validate the CSV")
    schema = json.loads(MOBILE_SCHEMA.read_text(encoding="utf-8"))
    if not uk_postcodes:
        schema = copy.deepcopy(schema)
        (postcode,) = [f for f in schema["fields"] if f["name"] == "postcode"]
        # the one constraint not applicable in France: UK postcodes only
        del postcode["constraints"]["pattern"]
    return schema


def frictionless_report(folder: Path, name: str, schema: dict):
    from frictionless import Resource, Schema, validate

    resource = Resource(path=name, basepath=str(folder), schema=Schema.from_descriptor(schema))
    return validate(resource)


def report_errors(report) -> list[tuple[str, str | None, int | None]]:
    return [
        (e.type, getattr(e, "field_name", None), getattr(e, "row_number", None))
        for task in report.tasks
        for e in task.errors
    ]


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_mobile_stops_valid_against_the_table_schema(opendata):
    schema = mobile_schema()
    report = frictionless_report(opendata, MOBILE_STOPS_FILE, schema)
    assert report.valid, report_errors(report)
    assert [f["name"] for f in schema["fields"]] == list(MOBILE_STOPS_FIELDS)
    rows = read_rows(opendata / MOBILE_STOPS_FILE)
    assert list(rows[0]) == list(MOBILE_STOPS_FIELDS)
    assert report.tasks[0].stats["rows"] == len(rows) > 0


def test_only_the_uk_postcode_pattern_fails_with_the_full_schema(opendata):
    report = frictionless_report(opendata, MOBILE_STOPS_FILE, mobile_schema(uk_postcodes=True))
    errors = report_errors(report)
    assert errors, "French postcodes cannot match the UK pattern"
    assert {(kind, field) for kind, field, _ in errors} == {("constraint-error", "postcode")}


def test_the_validator_catches_a_broken_row(opendata, tmp_path):
    rows = read_rows(opendata / MOBILE_STOPS_FILE)
    broken = dict(rows[0], day="Mardi", arrival="9h30", stop="")
    with (tmp_path / "broken.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(MOBILE_STOPS_FIELDS))
        writer.writeheader()
        writer.writerows([*rows[1:], broken])
    report = frictionless_report(tmp_path, "broken.csv", mobile_schema())
    assert not report.valid
    fields = {field for _, field, row in report_errors(report) if row == len(rows) + 1}
    assert fields == {"day", "arrival", "stop"}


def test_mobile_stops_give_back_every_visit_once(opendata, default_plan, rotating):
    from dateutil.rrule import rrulestr

    found: Counter[tuple[str, dt.date, str, str]] = Counter()
    for row in read_rows(opendata / MOBILE_STOPS_FILE):
        start, end = dt.date.fromisoformat(row["start"]), dt.date.fromisoformat(row["end"])
        skipped = {dt.date.fromisoformat(d) for d in row["exceptions"].split(",") if d}
        rule = rrulestr(row["frequency"], dtstart=dt.datetime.combine(start, dt.time()))
        days = [
            d.date()
            for d in rule.between(
                dt.datetime.combine(start, dt.time()), dt.datetime.combine(end, dt.time()), inc=True
            )
        ]
        assert days, row
        assert days[-1] == end
        assert skipped <= set(days)
        for day in days:
            if day not in skipped:
                assert day.strftime("%A") == row["day"]
                found[(row["stop"], day, row["arrival"], row["departure"])] += 1
        assert row["timetable"].startswith(BASE_URL + "communes/")
        assert re.fullmatch(r"\d{5}", row["postcode"])
    expected = Counter(
        (v.name, v.date, f"{v.start:%H:%M}", f"{v.end:%H:%M}")
        for v in visits_of(rotating, default_plan.scenario)
    )
    assert found == expected
    rows = read_rows(opendata / MOBILE_STOPS_FILE)
    aubusson = [r for r in rows if r["community"] == "Aubusson"]
    assert [(r["frequency"], r["exceptions"], r["route"]) for r in aubusson] == [
        ("FREQ=WEEKLY;BYDAY=TU", "2027-01-19", "mardi matin")
    ]


# --------------------------------------------------------------------------- data·inclusion

INSEE = r"^(\d{2}|2A|2B)\d{3}$"


def _strings(pattern: str | None = None) -> dict:
    item: dict = {"type": "string", "minLength": 1}
    if pattern:
        item["pattern"] = pattern
    return {"type": "array", "items": item}


DATA_INCLUSION_SERVICE = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "data·inclusion service (fields of the published schema used by itinerant)",
    "type": "object",
    "required": [
        "id",
        "structure_id",
        "source",
        "nom",
        "presentation_resume",
        "types",
        "thematiques",
        "frais",
        "profils",
        "code_insee",
        "commune",
        "longitude",
        "latitude",
        "contact_public",
        "date_maj",
        "modes_accueil",
        "zone_eligibilite",
        "zone_eligibilite_type",
        "recurrence",
    ],
    "properties": {
        "id": {"type": "string", "minLength": 1},
        "structure_id": {"type": "string", "minLength": 1},
        "source": {"type": "string", "minLength": 1},
        "nom": {"type": "string", "minLength": 1, "maxLength": 150},
        "presentation_resume": {"type": ["string", "null"], "maxLength": 280},
        "presentation_detail": {"type": ["string", "null"]},
        "types": _strings(r"^[a-z-]+$"),
        "thematiques": {
            "type": "array",
            "items": {
                "enum": [
                    "choisir-un-metier",
                    "creation-activite",
                    "se-former",
                    "trouver-un-emploi",
                    "preparer-sa-candidature",
                    "accompagnement-social-et-professionnel-personnalise",
                ]
            },
        },
        "frais": {"type": "array", "items": {"enum": ["gratuit", "payant", "adhesion"]}},
        "profils": _strings(r"^[a-z0-9-]+$"),
        "adresse": {"type": ["string", "null"]},
        "code_postal": {"type": ["string", "null"], "pattern": r"^\d{5}$"},
        "code_insee": {"type": "string", "pattern": INSEE},
        "commune": {"type": "string", "minLength": 1},
        "longitude": {"type": "number", "minimum": -180, "maximum": 180},
        "latitude": {"type": "number", "minimum": -90, "maximum": 90},
        "telephone": {"type": ["string", "null"]},
        "courriel": {"type": ["string", "null"], "format": "email"},
        "contact_public": {"type": "boolean"},
        "date_maj": {"type": "string", "format": "date"},
        "modes_accueil": {
            "type": "array",
            "minItems": 1,
            "items": {"enum": ["en-presentiel", "a-distance"]},
        },
        "zone_eligibilite": {**_strings(INSEE), "minItems": 1},
        "zone_eligibilite_type": {"enum": ["commune", "epci", "departement", "region", "pays"]},
        "recurrence": {"type": ["string", "null"]},
        "lien_source": {"type": ["string", "null"], "format": "uri"},
    },
    "additionalProperties": False,
}


def service_validator():
    from jsonschema import Draft202012Validator, FormatChecker

    Draft202012Validator.check_schema(DATA_INCLUSION_SERVICE)
    return Draft202012Validator(DATA_INCLUSION_SERVICE, format_checker=FormatChecker())


def test_data_inclusion_services_valid(opendata, default_plan, rotating):
    services = json.loads((opendata / DATA_INCLUSION_FILE).read_text(encoding="utf-8"))
    validator = service_validator()
    for service in services:
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(service)]
        assert not errors, (service["id"], errors)
    visits = visits_of(rotating, default_plan.scenario)
    assert {s["id"] for s in services} == {f"minibus-{v.ref}" for v in visits}
    aubusson = next(s for s in services if s["id"] == "minibus-mairie-aubusson")
    assert aubusson["code_insee"] in aubusson["zone_eligibilite"]
    assert aubusson["modes_accueil"] == ["en-presentiel"]
    assert aubusson["lien_source"] == BASE_URL + "communes/23008.html"
    assert "chaque mardi, 9 h 30 – 12 h" in aubusson["presentation_detail"]


def test_data_inclusion_hours_are_the_visits(opendata, default_plan, rotating):
    oh = pytest.importorskip("opening_hours", reason="opening-hours-py is not installed")
    services = json.loads((opendata / DATA_INCLUSION_FILE).read_text(encoding="utf-8"))
    visits = visits_of(rotating, default_plan.scenario)
    for service in services:
        ref = service["id"].removeprefix("minibus-")
        truth = sorted(
            (dt.datetime.combine(v.date, v.start), dt.datetime.combine(v.date, v.end))
            for v in visits
            if v.ref == ref
        )
        assert oh.validate(service["recurrence"]), service["recurrence"]
        intervals = oh.OpeningHours(service["recurrence"]).intervals(
            dt.datetime(2026, 12, 1), dt.datetime(2027, 7, 1)
        )
        found = [(a, b) for a, b, state, _ in intervals if state == oh.State.OPEN]
        assert found == truth, (ref, service["recurrence"])


def test_the_json_schema_catches_a_broken_service(opendata):
    services = json.loads((opendata / DATA_INCLUSION_FILE).read_text(encoding="utf-8"))
    broken = dict(
        services[0], code_insee="2300", modes_accueil=["sur-place"], date_maj="15/12/2026"
    )
    del broken["nom"]
    errors = {
        (e.path[0] if e.path else e.validator) for e in service_validator().iter_errors(broken)
    }
    assert errors == {"code_insee", "modes_accueil", "date_maj", "required"}


# --------------------------------------------------------------------------- fixed places


def test_service_points_geojson_and_csv(opendata, default_plan):
    import geopandas as gpd
    import pandas as pd

    territory = default_plan.scenario.territory
    points = {sp.id: sp for sp in territory.service_points}
    geojson_path, csv_path = (opendata / name for name in SERVICE_POINT_FILES)
    collection = json.loads(geojson_path.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    assert collection["metadata"]["territoire"] == territory.name
    assert len(collection["features"]) == len(points) > 0
    for feature in collection["features"]:
        sp = points[feature["id"]]
        assert feature["geometry"] == {
            "type": "Point",
            "coordinates": [sp.location.lon, sp.location.lat],
        }
        assert list(feature["properties"]) == list(SERVICE_POINT_FIELDS)
        assert feature["properties"]["nom"] == sp.name
        assert feature["properties"]["commune_insee"] == sp.commune
    frame = gpd.read_file(geojson_path)
    assert sorted(frame["id"]) == sorted(points)
    table = pd.read_csv(csv_path, sep=";", encoding="utf-8-sig", dtype=str)
    assert list(table.columns) == list(SERVICE_POINT_FIELDS)
    assert sorted(table["id"]) == sorted(points)
    assert table["commune_insee"].str.fullmatch(r"\d{5}").all()
    assert set(table["precision"]) <= {"adresse", "commune"}
    assert "other" not in set(table["type"])  # codes in French: "autre"


def _timetable(plan, scenario):
    return PublicTimetable(
        scenario=scenario,
        matrix=plan.matrix,
        events=public_events(plan.schedule, plan.scenario),
        generated_at=STAMP,
        within_minutes=DEFAULT_WITHIN_MINUTES,
        lang="fr",
    )


def _with_point(plan, **changes):
    """The scenario with its first ServicePoint changed (same id: the matrix has it)."""
    territory = plan.scenario.territory
    first, *others = territory.service_points
    point = replace(first, **changes)
    territory = replace(territory, service_points=(point, *others))
    return point, replace(plan.scenario, territory=territory)


def test_service_points_csv_is_formula_safe(default_plan, tmp_path):
    point, scenario = _with_point(
        default_plan,
        name='=HYPERLINK("http://x","clic")',
        kind=ServiceKind.OTHER,
        precision=Precision.ADDRESS,
    )
    write_standards(_timetable(default_plan, scenario), tmp_path)
    text = (tmp_path / SERVICE_POINT_FILES[1]).read_text(encoding="utf-8-sig")
    (row,) = [r for r in csv.DictReader(io.StringIO(text), delimiter=";") if r["id"] == point.id]
    assert row["nom"] == "'" + point.name
    assert row["type"] == "autre"
    assert row["precision"] == "adresse"
    geojson = json.loads((tmp_path / SERVICE_POINT_FILES[0]).read_text(encoding="utf-8"))
    (feature,) = [f for f in geojson["features"] if f["id"] == point.id]
    assert feature["properties"]["nom"] == point.name


def test_bad_input_names_the_field_and_the_row(default_plan, tmp_path):
    timetable = _timetable(default_plan, default_plan.scenario)
    with pytest.raises(FieldError, match="base_url") as caught:
        write_standards(timetable, tmp_path, base_url="exemple.fr")
    assert caught.value.field == "base_url"
    point, scenario = _with_point(default_plan, commune="ABCDE")
    with pytest.raises(FieldError, match=f"service point '{point.id}'") as caught:
        write_standards(_timetable(default_plan, scenario), tmp_path)
    assert caught.value.field == "code_insee"


def test_files_are_listed_in_the_docs(opendata):
    docs = (REPO / "docs" / "open-data.md").read_text(encoding="utf-8")
    for name in (MOBILE_STOPS_FILE, DATA_INCLUSION_FILE, *SERVICE_POINT_FILES, "rotations.ics"):
        assert (opendata / name).is_file() or (opendata.parent / "ics" / name).is_file()
        assert f"`{name}`" in docs, name


def test_a_stop_without_an_insee_code_is_named(default_plan, tmp_path):
    first, *others = default_plan.scenario.stops
    scenario = replace(default_plan.scenario, stops=(replace(first, commune="2A0X4"), *others))
    timetable = replace(
        _timetable(default_plan, scenario),
        events=public_events(default_plan.schedule, scenario),
    )
    with pytest.raises(FieldError, match=f"stop '{first.id}'") as caught:
        write_standards(timetable, tmp_path)
    assert caught.value.field == "code_insee"
