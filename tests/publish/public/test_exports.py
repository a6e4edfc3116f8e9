"""Public artefacts read back by independent readers and matched to the Schedule.

ICS with icalendar, GeoJSON with json and geopandas, CSV with pandas, posters with pypdf; and
the privacy test: no counsellor name, e-mail or id in any file written by ``write_public``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from itinerant.model import Pole
from itinerant.publish.public import FIELDS, poster_pdf, public_events, write_public
from tests.publish.public.conftest import PUBLISHED_STAMP

PARIS = ZoneInfo("Europe/Paris")
STAMP = PUBLISHED_STAMP  # the stamp of the shared published folder
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
POLE_FR = {
    Pole.ORIENTATION: "orientation",
    Pole.EMPLOI: "emploi",
    Pole.FORMATION: "formation",
    Pole.CREATION: "création d'activité",
    Pole.EVOLUTION: "évolution professionnelle",
}


def french_date(day: dt.date) -> str:
    number = "1er" if day.day == 1 else str(day.day)
    return f"{WEEKDAYS[day.weekday()]} {number} {MONTHS[day.month - 1]} {day.year}"


def french_time(time: dt.time) -> str:
    return f"{time.hour} h" if time.minute == 0 else f"{time.hour} h {time.minute:02d}"


@pytest.fixture(scope="module")
def published(published_default) -> tuple[Path, list[Path]]:
    return published_default


def expected_items(plan):
    """Every Visit and staffed PopUp, straight from the Schedule and the scenario."""
    scenario, schedule = plan.scenario, plan.schedule
    stops = {s.id: s for s in scenario.stops}
    popups = {p.id: p for p in scenario.popups}
    poles_of = {c.id: c.poles for c in scenario.counsellors}
    items = []
    for tour, visit in schedule.visits():
        stop = stops[visit.stop]
        poles = set().union(*(poles_of[c] for c in visit.crew))
        items.append(
            {
                "place": f"stop:{stop.id}",
                "ref": stop.id,
                "name": stop.name,
                "date": tour.date,
                "start": visit.start,
                "end": visit.end,
                "lon": stop.location.lon,
                "lat": stop.location.lat,
                "commune": stop.commune,
                "poles": poles,
            }
        )
    for staffing in schedule.popups:
        popup = popups[staffing.popup]
        items.append(
            {
                "place": f"popup:{popup.id}",
                "ref": popup.id,
                "name": popup.name,
                "date": popup.date,
                "start": popup.start,
                "end": popup.end,
                "lon": popup.location.lon,
                "lat": popup.location.lat,
                "commune": popup.commune,
                "poles": {pole for _, pole in staffing.assignments},
            }
        )
    return items


def test_layout(published):
    out, files = published
    assert all(path.is_file() and path.is_relative_to(out) for path in files)
    assert len(files) == len(set(files))
    names = {path.relative_to(out).as_posix() for path in files}
    assert {"index.html", "site.css", "recherche.js", "ics/territoire.ics"} <= names
    assert f"communes/{AUBUSSON}.html" in names
    assert f"ics/communes/{AUBUSSON}.ics" in names
    assert {f"opendata/calendrier.{ext}" for ext in ("geojson", "csv", "json")} <= names
    assert "affiches/mairie-aubusson.pdf" in names


# --------------------------------------------------------------------------- ICS


def _read_calendar(path: Path):
    from icalendar import Calendar

    return Calendar.from_ical(path.read_bytes())


def test_territory_feed_matches_the_schedule(published, default_plan):
    out, _ = published
    cal = _read_calendar(out / "ics" / "territoire.ics")
    assert str(cal["version"]) == "2.0"
    assert any(tz["tzid"] == "Europe/Paris" for tz in cal.walk("VTIMEZONE"))
    events = cal.walk("VEVENT")
    items = expected_items(default_plan)
    assert len(events) == len(items)
    found = {}
    for event in events:
        start = event["dtstart"].dt
        assert start.tzinfo is not None
        assert event["dtstart"].params["TZID"] == "Europe/Paris"
        found[(start, str(event["summary"]))] = event
    for item in items:
        start = dt.datetime.combine(item["date"], item["start"], tzinfo=PARIS)
        matches = [e for (s, summary), e in found.items() if s == start and item["name"] in summary]
        assert len(matches) == 1, item
        event = matches[0]
        assert event["dtend"].dt == dt.datetime.combine(item["date"], item["end"], tzinfo=PARIS)
        assert event["dtend"].dt.utcoffset() == dt.timedelta(hours=1)  # winter time in Paris
        assert set(event.categories) == {POLE_FR[p] for p in item["poles"]}
        assert item["ref"] in str(event["uid"])
        lat, lon = event["geo"].latitude, event["geo"].longitude
        assert (lat, lon) == pytest.approx((item["lat"], item["lon"]))
        assert "Pôles présents" in str(event["description"])


def test_uids_are_stable(published, default_plan, tmp_path):
    out, _ = published
    again = write_public(
        default_plan.schedule,
        default_plan.scenario,
        default_plan.matrix,
        tmp_path,
        generated_at=STAMP,
        lang="fr",
    )
    first = _read_calendar(out / "ics" / "territoire.ics")
    second = _read_calendar(tmp_path / "ics" / "territoire.ics")
    uids = [str(e["uid"]) for e in first.walk("VEVENT")]
    assert uids == [str(e["uid"]) for e in second.walk("VEVENT")]
    assert len(set(uids)) == len(uids)
    # same inputs, same bytes (posters included: reportlab's invariant mode)
    for path in again:
        assert path.read_bytes() == (out / path.relative_to(tmp_path)).read_bytes(), path


def test_commune_feed_follows_the_documented_rule(published, default_plan):
    out, _ = published
    plan = default_plan
    matrix = plan.matrix
    stops = {s.id: s for s in plan.scenario.stops}
    home = matrix.index(f"commune:{AUBUSSON}")
    expected = set()
    for item in expected_items(plan):
        place = matrix.index(item["place"])
        near = 0 <= matrix.durations_s[home, place] <= 30 * 60
        if item["place"].startswith("stop:"):
            limit = stops[item["ref"]].catchment_minutes * 60
            near = near or 0 <= matrix.durations_s[place, home] <= limit
        if near:
            expected.add((item["date"], item["start"], item["name"]))
    cal = _read_calendar(out / "ics" / "communes" / f"{AUBUSSON}.ics")
    got = set()
    for event in cal.walk("VEVENT"):
        start = event["dtstart"].dt
        name = next(i["name"] for i in expected_items(plan) if i["name"] in str(event["summary"]))
        got.add((start.date(), start.time().replace(tzinfo=None), name))
    assert expected
    assert got == expected
    assert "Aubusson" in str(cal["x-wr-calname"])


def test_every_commune_has_a_valid_feed(published, default_plan):
    out, _ = published
    for commune in default_plan.scenario.territory.communes:
        cal = _read_calendar(out / "ics" / "communes" / f"{commune.code}.ics")
        assert commune.name in str(cal["x-wr-calname"])


# --------------------------------------------------------------------------- open data


def _check_record(record, item):
    assert record["date"] == item["date"].isoformat()
    assert record["debut"] == f"{item['start']:%H:%M}"
    assert record["fin"] == f"{item['end']:%H:%M}"
    assert dt.datetime.fromisoformat(record["debut_iso"]) == dt.datetime.combine(
        item["date"], item["start"], tzinfo=PARIS
    )
    assert record["lieu"] == item["name"]
    assert record["commune_insee"] == item["commune"]
    assert set(record["poles"].split()) == {p.value for p in item["poles"]}
    assert float(record["longitude"]) == pytest.approx(item["lon"])
    assert float(record["latitude"]) == pytest.approx(item["lat"])


def _by_key(items):
    return {(i["ref"], i["date"].isoformat(), f"{i['start']:%H:%M}"): i for i in items}


def test_geojson_read_by_json_and_geopandas(published, default_plan):
    import geopandas as gpd

    out, _ = published
    path = out / "opendata" / "calendrier.geojson"
    items = _by_key(expected_items(default_plan))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    assert data["metadata"]["licence"].startswith("Licence Ouverte")
    assert len(data["features"]) == len(items)
    for feature in data["features"]:
        props = feature["properties"]
        assert list(props) == list(FIELDS)
        item = items[(props["lieu_id"], props["date"], props["debut"])]
        _check_record(props, item)
        assert feature["geometry"]["coordinates"] == pytest.approx([item["lon"], item["lat"]])

    frame = gpd.read_file(path)
    assert len(frame) == len(items)
    assert frame.crs is not None
    assert frame.crs.to_epsg() == 4326
    for row in frame.itertuples():
        date = str(row.date)[:10]
        item = items[(row.lieu_id, date, str(row.debut)[:5])]
        assert row.geometry.x == pytest.approx(item["lon"])
        assert row.geometry.y == pytest.approx(item["lat"])
        assert row.lieu == item["name"]


def test_csv_read_by_pandas_matches_json(published, default_plan):
    import pandas as pd

    out, _ = published
    frame = pd.read_csv(
        out / "opendata" / "calendrier.csv",
        sep=";",
        encoding="utf-8-sig",
        dtype=str,
        keep_default_na=False,
    )
    assert list(frame.columns) == list(FIELDS)
    raw = (out / "opendata" / "calendrier.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    items = _by_key(expected_items(default_plan))
    assert len(frame) == len(items)
    for record in frame.to_dict("records"):
        _check_record(record, items[(record["lieu_id"], record["date"], record["debut"])])
    document = json.loads((out / "opendata" / "calendrier.json").read_text(encoding="utf-8"))
    assert document["champs"] == list(FIELDS)
    assert document["licence"].startswith("Licence Ouverte")
    records = document["evenements"]
    assert len(records) == len(frame)
    for record, row in zip(records, frame.to_dict("records"), strict=True):
        assert {k: str(v) for k, v in record.items()} == row


# --------------------------------------------------------------------------- posters


def _pdf_text(path_or_bytes) -> str:
    import io

    from pypdf import PdfReader

    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes
    reader = PdfReader(source)
    text = "\n".join(page.extract_text() for page in reader.pages)
    # long names wrap after a hyphen ("Saint-" / "Sulpice"): undo the line break
    return re.sub(r"\s*-\s+", "-", re.sub(r"\s+", " ", text))


def test_posters_list_each_stop_dates_hours_and_poles(published, default_plan):
    out, _ = published
    by_stop: dict[str, list[dict]] = {}
    for item in expected_items(default_plan):
        if item["place"].startswith("stop:"):
            by_stop.setdefault(item["ref"], []).append(item)
    posters = sorted((out / "affiches").glob("*.pdf"))
    assert len(posters) == len(by_stop)
    for stop_id, items in by_stop.items():
        text = _pdf_text(out / "affiches" / f"{stop_id}.pdf")
        assert items[0]["name"] in text
        assert "Prochains passages" in text
        for item in items:
            assert french_date(item["date"]) in text
            assert f"de {french_time(item['start'])} à {french_time(item['end'])}" in text
            for pole in item["poles"]:
                assert POLE_FR[pole] in text


def test_poster_with_many_dates_flows_onto_more_pages(default_plan):
    from pypdf import PdfReader

    plan = default_plan
    events = public_events(plan.schedule, plan.scenario)
    first = next(e for e in events if e.kind.value == "visit")
    from dataclasses import replace

    many = [replace(first, date=first.date + dt.timedelta(days=7 * k)) for k in range(14)]
    stop = next(s for s in plan.scenario.stops if s.id == first.ref)
    pdf = poster_pdf(stop, many, address=first.place_line, lang="fr")
    import io

    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 2
    text = _pdf_text(pdf)
    for event in many:
        assert french_date(event.date) in text
    empty = _pdf_text(poster_pdf(stop, [], address="ici", lang="en"))
    assert "No date planned" in empty


# --------------------------------------------------------------------------- privacy


def _texts(path: Path) -> list[str]:
    raw = path.read_bytes()
    texts = [raw.decode("utf-8", errors="replace"), raw.decode("latin-1")]
    if path.suffix == ".ics":
        texts.append(texts[0].replace("\r\n ", "").replace("\r\n\t", ""))
        texts.append(texts[-1].replace("\\,", ",").replace("\\;", ";").replace("\\n", "\n"))
    if path.suffix in (".json", ".geojson"):
        texts.append(json.dumps(json.loads(raw), ensure_ascii=False))
    if path.suffix == ".html":
        import html

        texts.append(html.unescape(texts[0]))
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        reader = PdfReader(path)
        texts.append(_pdf_text(path))
        texts.append(json.dumps({str(k): str(v) for k, v in (reader.metadata or {}).items()}))
    return texts


def test_no_personal_data_in_any_published_file(published, default_plan):
    out, files = published
    counsellors = default_plan.scenario.counsellors
    assert counsellors
    needles = set()
    for c in counsellors:
        needles |= {c.name, c.id}
        if c.email:
            needles |= {c.email, c.email.split("@")[0]}
    needles = {n.casefold() for n in needles}
    on_disk = sorted(p for p in out.rglob("*") if p.is_file())
    assert sorted(files) == on_disk  # write_public reports every file it writes
    checked = 0
    for path in on_disk:
        for text in _texts(path):
            folded = text.casefold()
            leaks = [n for n in needles if n in folded]
            assert not leaks, f"{path.relative_to(out)} holds {leaks}"
        checked += 1
    assert checked > 500
    # positive control: the scan does find what is there
    territory = _texts(out / "ics" / "territoire.ics")[2].casefold()
    assert "place de la mairie, aubusson" in territory.replace("\\,", ",")
    poster = _texts(out / "affiches" / "mairie-aubusson.pdf")[-2].casefold()
    assert "aubusson" in poster


def test_poster_fonts_fall_back_to_the_fonts_bundled_with_reportlab(monkeypatch, tmp_path):
    import io

    from pypdf import PdfReader
    from reportlab.pdfgen.canvas import Canvas

    from itinerant.publish import pdf_fonts
    from itinerant.publish.public import posters

    missing = tmp_path / "no-dejavu" / "DejaVuSans.ttf"
    vera = pdf_fonts.FONT_CANDIDATES[-1]
    monkeypatch.setattr(pdf_fonts, "FONT_CANDIDATES", ((missing, missing), vera))
    pdf_fonts.pdf_fonts.cache_clear()
    try:
        regular, bold = posters.poster_fonts()
    finally:
        pdf_fonts.pdf_fonts.cache_clear()
    assert "Vera" in regular
    assert "Vera" in bold
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    canvas.setFont(bold, 20)
    canvas.drawString(72, 720, "Évolution professionnelle, création d'activité, août")
    canvas.save()
    text = PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text()
    assert "Évolution professionnelle, création d'activité, août" in text
