"""Drivers' files (roadbook PDF, GPX, ICS, CSV), each read back by an independent reader.

gpxpy parses the GPX, icalendar the ICS, pypdf extracts the roadbook's text and pandas reads the
CSV as French spreadsheet software would; every value is matched to the Schedule.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, replace
from pathlib import Path
from zoneinfo import ZoneInfo

import gpxpy
import icalendar
import pandas as pd
import pypdf
import pytest

import itinerant.publish.drivers.roadbook as roadbook_mod
import itinerant.publish.pdf_fonts as pdf_fonts_mod
from itinerant.errors import InputError
from itinerant.pipeline import build_network
from itinerant.publish.drivers.files import (
    file_stem,
    itinerary_csv,
    itinerary_gpx,
    itinerary_ics,
    visit_uid,
    write_driver_files,
)
from itinerant.publish.drivers.itinerary import Itinerary, itineraries, itinerary
from itinerant.publish.drivers.roadbook import roadbook_pdf
from itinerant.routing import RoadNetwork
from itinerant.routing.network import haversine_m
from itinerant.schedule import Tour
from tests.conftest import DefaultPlan

PARIS = ZoneInfo("Europe/Paris")
STAMP = dt.datetime(2026, 12, 1, 8, 30, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Written:
    week: tuple[int, int]
    tours: list[Tour]
    paths: list[Path]


@pytest.fixture(scope="module")
def network(default_plan: DefaultPlan) -> RoadNetwork:
    return build_network(default_plan.scenario)


@pytest.fixture(scope="module")
def written(
    default_plan: DefaultPlan, network: RoadNetwork, tmp_path_factory: pytest.TempPathFactory
) -> Written:
    plan = default_plan
    weeks = sorted(
        {(t.date.isocalendar()[0], t.date.isocalendar()[1]) for t in plan.schedule.tours}
    )
    week = weeks[1]
    tours = sorted(
        (t for t in plan.schedule.tours if tuple(t.date.isocalendar()[:2]) == week),
        key=lambda t: t.date,
    )
    out = tmp_path_factory.mktemp("driver-files")
    paths = write_driver_files(
        plan.schedule,
        plan.scenario,
        plan.matrix,
        network,
        out,
        bus="bus-1",
        week=week,
        lang="fr",
        stamp=STAMP,
    )
    return Written(week, tours, paths)


def _names(plan: DefaultPlan) -> tuple[dict[str, str], dict[str, str]]:
    return (
        {s.id: s.name for s in plan.scenario.stops},
        {c.id: c.name for c in plan.scenario.counsellors},
    )


def _squash(text: str) -> str:
    """Text without any whitespace (table cells wrap lines anywhere in a word)."""
    return re.sub(r"\s+", "", text.replace("\u00a0", " ").replace("\u202f", " "))


def test_file_names(written: Written) -> None:
    year, week = written.week
    stem = f"feuille-de-route_bus-1_{year}-S{week:02d}"
    assert [p.name for p in written.paths] == [
        f"{stem}.pdf",
        f"{stem}.gpx",
        f"{stem}.ics",
        f"{stem}.csv",
    ]
    assert all(p.is_file() and p.stat().st_size > 0 for p in written.paths)


# --------------------------------------------------------------------------- GPX


def test_gpx_read_back(written: Written, default_plan: DefaultPlan, network: RoadNetwork) -> None:
    stops, _ = _names(default_plan)
    gpx = gpxpy.parse(written.paths[1].read_text(encoding="utf-8"))
    visits = [(tour, v) for tour in written.tours for v in tour.visits]
    assert [w.name for w in gpx.waypoints] == [stops[v.stop] for _, v in visits]
    for waypoint, (tour, visit) in zip(gpx.waypoints, visits, strict=True):
        assert waypoint.time is not None
        assert waypoint.time.astimezone(PARIS) == dt.datetime.combine(
            tour.date, visit.arrival, tzinfo=PARIS
        )
        assert f"{visit.start:%H:%M}–{visit.end:%H:%M}" in (waypoint.description or "")
    assert "approximatifs" in (gpx.description or "")
    assert gpx.time == STAMP
    # one track per day, one segment per leg, along the network's nodes, from and to the depot
    depot = default_plan.scenario.depots[0].location
    nodes = {(round(d["x"], 6), round(d["y"], 6)) for _, d in network.graph.nodes(data=True)}
    assert len(gpx.tracks) == len(written.tours)
    for track, tour in zip(gpx.tracks, written.tours, strict=True):
        assert len(track.segments) == len(tour.visits) + 1
        points = [p for s in track.segments for p in s.points]
        for p in (points[0], points[-1]):
            assert float(haversine_m(p.longitude, p.latitude, depot.lon, depot.lat)) < 1.0
        for segment in track.segments:
            inner = segment.points[1:-1]
            assert all((round(p.longitude, 6), round(p.latitude, 6)) in nodes for p in inner)
        first = track.segments[0].points[0].time
        last = track.segments[-1].points[-1].time
        assert first is not None
        assert last is not None
        assert first.astimezone(PARIS).time() == tour.departure
        assert last.astimezone(PARIS).time() == tour.return_time
    assert len(gpx.routes) == len(written.tours)
    assert [p.name for p in gpx.routes[0].points][1:-1] == [
        stops[v.stop] for v in written.tours[0].visits
    ]


# --------------------------------------------------------------------------- ICS


def test_ics_read_back(written: Written, default_plan: DefaultPlan) -> None:
    stops, counsellors = _names(default_plan)
    raw = written.paths[2].read_bytes()
    assert b"\r\n" in raw
    cal = icalendar.Calendar.from_ical(raw)
    events = list(cal.walk("VEVENT"))
    visits = [(tour, v) for tour in written.tours for v in tour.visits]
    assert len(events) == len(visits)
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Paris"]
    scenario_stops = {s.id: s for s in default_plan.scenario.stops}
    for event, (tour, visit) in zip(events, visits, strict=True):
        start = event.decoded("dtstart")
        end = event.decoded("dtend")
        assert start == dt.datetime.combine(tour.date, visit.start, tzinfo=PARIS)
        assert end == dt.datetime.combine(tour.date, visit.end, tzinfo=PARIS)
        assert event["dtstart"].params["TZID"] == "Europe/Paris"
        assert stops[visit.stop] in str(event["summary"])
        assert str(event["uid"]) == visit_uid(tour.bus, tour.date, visit.stop)
        stop = scenario_stops[visit.stop]
        assert (event["geo"].latitude, event["geo"].longitude) == (
            stop.location.lat,
            stop.location.lon,
        )
        assert stop.address in str(event["location"])
        description = str(event["description"])
        for cid in visit.crew:
            assert counsellors[cid] in description
        assert "approximatifs" in description
    assert len({str(e["uid"]) for e in events}) == len(events)


def test_ics_uids_are_stable(default_plan: DefaultPlan, written: Written) -> None:
    plan = default_plan
    it = itinerary(plan.schedule, plan.scenario, plan.matrix, bus="bus-1", week=written.week)
    later = icalendar.Calendar.from_ical(
        itinerary_ics(it, lang="fr", stamp=STAMP + dt.timedelta(days=3))
    )
    first = icalendar.Calendar.from_ical(written.paths[2].read_bytes())
    assert [str(e["uid"]) for e in later.walk("VEVENT")] == [
        str(e["uid"]) for e in first.walk("VEVENT")
    ]


# --------------------------------------------------------------------------- PDF


def test_roadbook_read_back(written: Written, default_plan: DefaultPlan) -> None:
    stops, counsellors = _names(default_plan)
    reader = pypdf.PdfReader(written.paths[0])
    assert len(reader.pages) == 1 + len(written.tours)  # the week, then one page per day
    year, week = written.week
    code = f"{year}-S{week:02d}"
    assert reader.metadata is not None
    assert reader.metadata.title == f"Feuille de route – Minibus Cité des métiers – {code}"
    assert reader.metadata.author == "itinerant"
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = _squash(text)
    assert _squash(code) in flat
    assert _squash("Temps et distances approximatifs") in flat
    for page, tour in zip(reader.pages[1:], written.tours, strict=True):
        day = _squash(page.extract_text())
        assert f"{tour.departure:%H:%M}" in day
        assert f"{tour.return_time:%H:%M}" in day
        for visit in tour.visits:
            assert _squash(stops[visit.stop]) in day
            assert _squash(f"{visit.start:%H:%M}–{visit.end:%H:%M}") in day
            assert f"{visit.arrival:%H:%M}" in day
            for cid in visit.crew:
                assert _squash(counsellors[cid]) in day


def test_roadbook_is_reproducible_and_in_english(default_plan: DefaultPlan) -> None:
    plan = default_plan
    it = itineraries(plan.schedule, plan.scenario, plan.matrix)[0]
    territory = plan.scenario.territory
    one = roadbook_pdf(it, territory, lang="en", invariant=True)
    two = roadbook_pdf(it, territory, lang="en", invariant=True)
    assert one == two
    text = _squash("".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(one)).pages))
    assert _squash("Approximate times and distances") in text
    assert _squash(f"{it.year}-W{it.week:02d}") in text
    assert file_stem(it, "en") == f"roadbook_bus-1_{it.year}-W{it.week:02d}"


def test_roadbook_font_fallback(
    default_plan: DefaultPlan, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Without DejaVu, reportlab's Vera is used and the narrow no-break space is replaced."""
    vera = pdf_fonts_mod.FONT_CANDIDATES[-1]
    monkeypatch.setattr(
        pdf_fonts_mod,
        "FONT_CANDIDATES",
        ((tmp_path / "missing.ttf", tmp_path / "missing.ttf"), vera),
    )
    pdf_fonts_mod.pdf_fonts.cache_clear()
    try:
        assert 0x202F not in pdf_fonts_mod.pdf_fonts().chars
        assert roadbook_mod._clean("1\u202f234 km \u2192 Guéret") == "1\u00a0234 km -> Guéret"
        plan = default_plan
        it = itineraries(plan.schedule, plan.scenario, plan.matrix)[0]
        pdf = roadbook_pdf(it, plan.scenario.territory, lang="fr")
        assert pdf.startswith(b"%PDF")
    finally:
        pdf_fonts_mod.pdf_fonts.cache_clear()


# --------------------------------------------------------------------------- CSV


def test_csv_read_back(written: Written, default_plan: DefaultPlan) -> None:
    plan = default_plan
    stops, counsellors = _names(plan)
    raw = written.paths[3].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == raw.count(b"\n")
    table = pd.read_csv(written.paths[3], sep=";", encoding="utf-8-sig", dtype=str)
    assert list(table.columns)[:8] == [
        "Date",
        "Semaine",
        "Minibus",
        "N°",
        "Arrêt",
        "Code arrêt",
        "Adresse",
        "Commune",
    ]
    visits = [(tour, v) for tour in written.tours for v in tour.visits]
    assert len(table) == len(visits)
    depot = f"depot:{plan.scenario.depots[0].id}"
    previous = depot
    for (_, row), (tour, visit) in zip(table.iterrows(), visits, strict=True):
        assert row["Date"] == f"{tour.date:%d/%m/%Y}"
        assert row["Code arrêt"] == visit.stop
        assert row["Arrêt"] == stops[visit.stop]
        assert row["Arrivée"] == f"{visit.arrival:%H:%M}"
        assert row["Début"] == f"{visit.start:%H:%M}"
        assert row["Fin"] == f"{visit.end:%H:%M}"
        assert row["Départ dépôt"] == f"{tour.departure:%H:%M}"
        assert row["Retour dépôt"] == f"{tour.return_time:%H:%M}"
        assert row["Équipe"] == ", ".join(counsellors[c] for c in visit.crew)
        assert row["Réseau"] == "approximatif"
        if visit is tour.visits[0]:
            previous = depot
        here = f"stop:{visit.stop}"
        i, j = plan.matrix.index(previous), plan.matrix.index(here)
        assert row["Trajet (km)"] == f"{plan.matrix.distances_m[i, j] / 1000:.1f}".replace(".", ",")
        assert int(row["Trajet (min)"]) == round(plan.matrix.durations_s[i, j] / 60)
        previous = here
    # a spreadsheet's decimal comma: pandas reads the kilometres as numbers with decimal=","
    numbers = pd.read_csv(written.paths[3], sep=";", encoding="utf-8-sig", decimal=",")
    assert numbers["Trajet (km)"].dtype.kind == "f"


# --------------------------------------------------------------------------- empty and errors


def test_week_without_tours_gives_empty_documents(
    default_plan: DefaultPlan, network: RoadNetwork, written: Written, tmp_path: Path
) -> None:
    plan = default_plan
    week = written.week
    schedule = replace(
        plan.schedule,
        tours=tuple(t for t in plan.schedule.tours if tuple(t.date.isocalendar()[:2]) != week),
    )
    paths = write_driver_files(
        schedule, plan.scenario, plan.matrix, network, tmp_path, bus="bus-1", week=week, lang="fr"
    )
    pdf, gpx_path, ics, table = paths
    text = _squash("".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages))
    assert _squash("Aucune tournée pour ce minibus cette semaine.") in text
    gpx = gpxpy.parse(gpx_path.read_text(encoding="utf-8"))
    assert gpx.waypoints == []
    assert gpx.tracks == []
    assert list(icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")) == []
    assert len(pd.read_csv(table, sep=";", encoding="utf-8-sig")) == 0


def test_all_buses_and_weeks(
    default_plan: DefaultPlan, network: RoadNetwork, tmp_path: Path
) -> None:
    plan = default_plan
    paths = write_driver_files(plan.schedule, plan.scenario, plan.matrix, network, tmp_path)
    weeks = {tuple(t.date.isocalendar()[:2]) for t in plan.schedule.tours}
    assert len(paths) == 4 * len(weeks)
    assert {p.suffix for p in paths} == {".pdf", ".gpx", ".ics", ".csv"}


def test_unknown_bus_or_week(
    default_plan: DefaultPlan, network: RoadNetwork, tmp_path: Path
) -> None:
    plan = default_plan
    with pytest.raises(InputError, match="bus 'bus-42' is not in the scenario"):
        write_driver_files(
            plan.schedule, plan.scenario, plan.matrix, network, tmp_path, bus="bus-42"
        )
    with pytest.raises(InputError, match="week 2031-W07 is outside the Horizon"):
        write_driver_files(
            plan.schedule, plan.scenario, plan.matrix, network, tmp_path, week=(2031, 7)
        )
    assert not list(tmp_path.iterdir())


def test_gpx_needs_a_track_per_day(default_plan: DefaultPlan) -> None:
    plan = default_plan
    it: Itinerary = itineraries(plan.schedule, plan.scenario, plan.matrix)[0]
    with pytest.raises(InputError, match=f"expected {len(it.days[0].legs)} legs, got none"):
        itinerary_gpx(it, {}, lang="fr")
    assert itinerary_csv(replace(it, days=())).count(b"\r\n") == 1
