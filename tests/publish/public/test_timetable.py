"""The public timetable: public events, `upcoming` by commune, postcode and position, errors."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import replace

import pytest

from itinerant.errors import InputError
from itinerant.i18n import MESSAGES
from itinerant.model import FieldError, Pole
from itinerant.publish.public import (
    CommuneLookupError,
    EventKind,
    format_date,
    format_hours,
    public_events,
    resolve_near,
    upcoming,
)
from itinerant.publish.public.text import format_drive, normalise_name
from itinerant.schedule import PopUpStaffing, Visit
from tests.paths import REPO

START = dt.date(2027, 1, 1)
AUBUSSON = "23008"


def _drive(matrix, origin: str, place: str) -> tuple[int, int]:
    i, j = matrix.index(origin), matrix.index(place)
    return int(matrix.durations_s[i, j]), int(matrix.distances_m[i, j])


def _expected_nearby(plan, codes, *, minutes=None, km=None, catchment=False):
    """(date, start, place id) of every visit and PopUp near ``codes``, computed from scratch."""
    scenario, matrix, schedule = plan.scenario, plan.matrix, plan.schedule
    stops = {s.id: s for s in scenario.stops}
    popups = {p.id: p for p in scenario.popups}
    items = [(tour.date, v.start, f"stop:{v.stop}") for tour, v in schedule.visits()]
    items += [
        (popups[s.popup].date, popups[s.popup].start, f"popup:{s.popup}") for s in schedule.popups
    ]
    out = set()
    for day, start, place in items:
        drives = [_drive(matrix, f"commune:{c}", place) for c in codes]
        ok = any(
            d >= 0 and (minutes is None or d <= minutes * 60) and (km is None or m <= km * 1000)
            for d, m in drives
        )
        if catchment and place.startswith("stop:"):
            stop = stops[place[5:]]
            ok = ok or any(
                0 <= _drive(matrix, place, f"commune:{c}")[0] <= stop.catchment_minutes * 60
                for c in codes
            )
        if ok:
            out.add((day, start, place))
    return out


# --------------------------------------------------------------------------- public events


def test_public_events_match_the_schedule(default_plan):
    scenario, schedule = default_plan.scenario, default_plan.schedule
    events = public_events(schedule, scenario)
    visits = schedule.visits()
    assert len(events) == len(visits) + len(schedule.popups)
    keys = [(e.date, e.start) for e in events]
    assert keys == sorted(keys)
    poles_of = {c.id: c.poles for c in scenario.counsellors}
    by_place = {(e.place_id, e.date, e.start): e for e in events}
    for tour, visit in visits:
        event = by_place[(f"stop:{visit.stop}", tour.date, visit.start)]
        assert event.kind is EventKind.VISIT
        assert event.end == visit.end
        expected = set().union(*(poles_of[c] for c in visit.crew))
        assert set(event.poles) == expected
    for staffing in schedule.popups:
        popup = next(p for p in scenario.popups if p.id == staffing.popup)
        event = by_place[(f"popup:{popup.id}", popup.date, popup.start)]
        assert event.kind is EventKind.POPUP
        assert set(event.poles) == {pole for _, pole in staffing.assignments}
    assert len({e.uid for e in events}) == len(events)


def test_public_events_carry_no_counsellor_field(default_plan):
    events = public_events(default_plan.schedule, default_plan.scenario)
    ids = {c.id for c in default_plan.scenario.counsellors}
    for event in events:
        assert not ids & {str(v) for v in vars(event).values()}
        assert "crew" not in vars(event)


def test_public_events_reject_unknown_ids(default_plan):
    schedule = default_plan.schedule
    tour = schedule.tours[0]
    bad_visit = replace(tour.visits[0], crew=("nobody",))
    bad = replace(schedule, tours=(replace(tour, visits=(bad_visit,)),))
    with pytest.raises(InputError, match="crew"):
        public_events(bad, default_plan.scenario)
    bad = replace(
        schedule,
        tours=(replace(tour, visits=(Visit("no-stop", *_times(tour.visits[0]), ()),)),),
    )
    with pytest.raises(InputError, match="no-stop"):
        public_events(bad, default_plan.scenario)
    bad = replace(schedule, popups=(PopUpStaffing("no-popup", ()),))
    with pytest.raises(InputError, match="no-popup"):
        public_events(bad, default_plan.scenario)


def _times(visit):
    return visit.arrival, visit.start, visit.end


def test_popup_without_assignment_shows_its_needs(default_plan):
    scenario = default_plan.scenario
    popup = scenario.popups[0]
    schedule = replace(default_plan.schedule, tours=(), popups=(PopUpStaffing(popup.id, ()),))
    (event,) = public_events(schedule, scenario)
    assert set(event.poles) == {pole for pole, _ in popup.needs}


def test_from_date_leaves_out_earlier_events(default_plan):
    events = public_events(
        default_plan.schedule, default_plan.scenario, from_date=dt.date(2027, 1, 20)
    )
    assert events
    assert all(e.date >= dt.date(2027, 1, 20) for e in events)


# --------------------------------------------------------------------------- French texts


def test_dates_and_hours_in_french_and_english():
    assert format_date(dt.date(2027, 1, 12), "fr") == "mardi 12 janvier 2027"
    assert format_date(dt.date(2027, 1, 1), "fr") == "vendredi 1er janvier 2027"
    assert format_date(dt.date(2027, 8, 15), "fr") == "dimanche 15 août 2027"
    assert format_date(dt.date(2027, 1, 12), "en") == "Tuesday 12 January 2027"
    assert format_hours(dt.time(9, 30), dt.time(12), "fr") == "de 9 h 30 à 12 h"
    assert format_hours(dt.time(9, 5), dt.time(14, 0), "en") == "9:05 to 14:00"
    assert format_drive(725, 9800, "fr") == "12 min en voiture (9,8 km)"
    assert format_drive(-1, -1, "fr") == "pas de trajet routier connu"


def test_public_texts_exist_in_both_languages():
    fr = {k for k in MESSAGES["fr"] if k.startswith("public.")}
    en = {k for k in MESSAGES["en"] if k.startswith("public.")}
    assert fr == en
    for key in fr:  # same placeholders in both languages
        assert set(re.findall(r"{(\w+)", MESSAGES["fr"][key])) == set(
            re.findall(r"{(\w+)", MESSAGES["en"][key])
        ), key
    # every key the templates and modules use exists
    root = REPO / "itinerant" / "publish" / "public"
    used = set()
    for path in [*root.glob("*.py"), *root.glob("templates/*.html")]:
        used |= set(re.findall(r"""["'](public\.[a-z_.]+[a-z_])["']""", path.read_text()))
    assert used
    assert used <= fr | {k for k in MESSAGES["fr"] if k.startswith("pole.")}, used - fr


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Saint-Sulpice-le-Guérétois", "st sulpice le gueretois"),
        ("ST SULPICE LE GUERETOIS", "st sulpice le gueretois"),
        ("st.-sulpice-le-guérétois", "st sulpice le gueretois"),
        ("Sainte-Feyre", "ste feyre"),
        ("Bénévent-l'Abbaye", "benevent l abbaye"),
    ],
)
def test_commune_names_are_folded(text, expected):
    assert normalise_name(text) == expected


# --------------------------------------------------------------------------- upcoming


def test_upcoming_near_aubusson_within_30_minutes(default_plan):
    plan = default_plan
    answer = upcoming(
        plan.schedule,
        plan.scenario,
        plan.matrix,
        near="Aubusson",
        within_minutes=30,
        from_date=START,
        limit=100,
        lang="fr",
    )
    assert answer.origin.communes == (AUBUSSON,)
    got = [(n.event.date, n.event.start, n.event.place_id) for n in answer.events]
    assert got == sorted(got)
    assert set(got) == _expected_nearby(plan, [AUBUSSON], minutes=30)
    assert got, "the default plan visits Aubusson"
    for n in answer.events:
        drive_s, drive_m = _drive(plan.matrix, f"commune:{AUBUSSON}", n.event.place_id)
        assert (n.drive_s, n.drive_m) == (drive_s, drive_m)
        assert n.drive_s <= 30 * 60
        assert n.from_commune == AUBUSSON
    first = answer.events[0].event
    assert (first.name, first.commune_name) == ("Place de la mairie, Aubusson", "Aubusson")
    assert first.address
    assert Pole.EMPLOI in first.poles
    # the nearest ServicePoints, by drive time, whatever the radius
    times = [p.drive_s for p in answer.service_points]
    assert len(times) == 3
    assert times == sorted(times)
    assert all(p.commune_name for p in answer.service_points)
    assert answer.approximate
    assert any("approximatif" in note for note in answer.notes)


def test_upcoming_default_rule_adds_catchments(default_plan):
    plan = default_plan
    answer = upcoming(
        plan.schedule, plan.scenario, plan.matrix, near="aubusson", from_date=START, limit=100
    )
    got = {(n.event.date, n.event.start, n.event.place_id) for n in answer.events}
    assert got == _expected_nearby(plan, [AUBUSSON], minutes=30, catchment=True)


def test_upcoming_within_km_and_limit(default_plan):
    plan = default_plan
    answer = upcoming(
        plan.schedule,
        plan.scenario,
        plan.matrix,
        near="AUBUSSON",
        within_km=20,
        from_date=START,
        limit=100,
    )
    got = {(n.event.date, n.event.start, n.event.place_id) for n in answer.events}
    assert got == _expected_nearby(plan, [AUBUSSON], km=20)
    assert all(n.drive_m <= 20_000 for n in answer.events)
    short = upcoming(
        plan.schedule, plan.scenario, plan.matrix, near="Aubusson", from_date=START, limit=1
    )
    assert len(short.events) == 1


def test_upcoming_from_date_defaults_to_today(default_plan):
    plan = default_plan
    later = upcoming(
        plan.schedule, plan.scenario, plan.matrix, near="Aubusson", from_date=dt.date(2030, 1, 1)
    )
    assert later.events == ()
    assert later.service_points  # fixed places are always shown
    today = upcoming(plan.schedule, plan.scenario, plan.matrix, near="Aubusson")
    assert all(n.event.date >= dt.date.today() for n in today.events)


def test_upcoming_by_postcode_shared_by_several_communes(default_plan):
    plan = default_plan
    codes = [c.code for c in plan.scenario.territory.communes if "23000" in c.postcodes]
    assert len(codes) > 1
    answer = upcoming(
        plan.schedule,
        plan.scenario,
        plan.matrix,
        near="23000",
        within_minutes=20,
        from_date=START,
        limit=100,
    )
    assert sorted(answer.origin.communes) == sorted(codes)
    got = {(n.event.date, n.event.start, n.event.place_id) for n in answer.events}
    assert got == _expected_nearby(plan, codes, minutes=20)
    for n in answer.events:
        best = min(
            d
            for d, _ in (_drive(plan.matrix, f"commune:{c}", n.event.place_id) for c in codes)
            if d >= 0
        )
        assert n.drive_s == best
        assert n.from_commune in codes


def test_upcoming_by_single_postcode(default_plan):
    plan = default_plan
    answer = upcoming(plan.schedule, plan.scenario, plan.matrix, near="23150", from_date=START)
    codes = [c.code for c in plan.scenario.territory.communes if "23150" in c.postcodes]
    assert sorted(answer.origin.communes) == sorted(codes)


def test_upcoming_by_position_uses_the_nearest_commune(default_plan):
    plan = default_plan
    town_hall = plan.scenario.territory.commune(AUBUSSON).point
    near = (town_hall.lat + 0.004, town_hall.lon - 0.003)
    answer = upcoming(
        plan.schedule,
        plan.scenario,
        plan.matrix,
        near=near,
        within_minutes=30,
        from_date=START,
        limit=100,
        lang="fr",
    )
    assert answer.origin.communes == (AUBUSSON,)
    assert "Aubusson" in answer.origin.note
    assert "vol d'oiseau" in answer.origin.note
    by_name = upcoming(
        plan.schedule,
        plan.scenario,
        plan.matrix,
        near="Aubusson",
        within_minutes=30,
        from_date=START,
        limit=100,
    )
    assert [n.event for n in answer.events] == [n.event for n in by_name.events]
    assert [n.drive_s for n in answer.events] == [n.drive_s for n in by_name.events]
    # straight-line distances are measured from the position itself
    assert (answer.origin.point.lat, answer.origin.point.lon) == near
    assert answer.events[0].straight_m != by_name.events[0].straight_m


@pytest.mark.parametrize(
    "query",
    ["st sulpice le gueretois", "Saint-Sulpice-le-Guérétois", "SAINT SULPICE LE GUERETOIS"],
)
def test_commune_names_are_tolerant(default_plan, query):
    origin = resolve_near(default_plan.scenario, query)
    assert default_plan.scenario.territory.commune(origin.communes[0]).name == (
        "Saint-Sulpice-le-Guérétois"
    )


def test_article_and_unique_beginning_are_enough(default_plan):
    scenario = default_plan.scenario
    assert resolve_near(scenario, "souterraine").communes == ("23176",)
    assert resolve_near(scenario, "Saint-Agnant-de-Vers").communes != ()


def test_unknown_commune_lists_suggestions(default_plan):
    plan = default_plan
    with pytest.raises(CommuneLookupError) as info:
        upcoming(plan.schedule, plan.scenario, plan.matrix, near="Aubuson", lang="fr")
    error = info.value
    assert isinstance(error, InputError)
    assert error.field == "near"
    assert "Aubuson" in str(error)
    assert "Aubusson (23200)" in error.suggestions
    assert "Aubusson (23200)" in str(error)


def test_ambiguous_commune_lists_candidates(default_plan):
    plan = default_plan
    with pytest.raises(CommuneLookupError) as info:
        resolve_near(plan.scenario, "Saint-Agnant", lang="fr")
    assert info.value.field == "near"
    assert set(info.value.suggestions) == {
        "Saint-Agnant-de-Versillat (23300)",
        "Saint-Agnant-près-Crocq (23260)",
    }


def test_namesakes_are_told_apart_by_postcode(default_plan):
    territory = default_plan.scenario.territory
    communes = list(territory.communes)
    k = next(i for i, c in enumerate(communes) if c.name == "Saint-Amand")
    j = next(i for i, c in enumerate(communes) if c.name == "Saint-Loup")
    communes[j] = replace(communes[j], name="Saint-Amand")  # a namesake in 23130
    scenario = replace(
        default_plan.scenario, territory=replace(territory, communes=tuple(communes))
    )
    with pytest.raises(CommuneLookupError, match="23130") as info:
        resolve_near(scenario, "saint amand")
    assert len(info.value.suggestions) == 2
    assert resolve_near(scenario, "Saint-Amand (23130)").communes == (communes[j].code,)
    assert resolve_near(scenario, "23200 St Amand").communes == (communes[k].code,)


@pytest.mark.parametrize(
    ("near", "message"),
    [
        ("99999", "99999"),
        ("", "commune"),
        ("   ", "commune"),
        ("-- ' --", "commune"),
        ("zzzz", "zzzz"),
        ((48.8566, 2.3522), "hors du territoire"),
        ((95.0, 2.0), "position"),
        ((float("nan"), 2.0), "position"),
    ],
)
def test_bad_near_raises_input_error(default_plan, near, message):
    plan = default_plan
    with pytest.raises(InputError, match=message) as info:
        upcoming(plan.schedule, plan.scenario, plan.matrix, near=near, lang="fr")
    assert info.value.field == "near"


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"within_minutes": 0}, "within_minutes"),
        ({"within_minutes": -5}, "within_minutes"),
        ({"within_km": math.nan}, "within_km"),
        ({"within_km": math.inf}, "within_km"),
        ({"limit": 0}, "limit"),
        ({"service_points": -1}, "service_points"),
    ],
)
def test_bad_options_name_the_field(default_plan, options, field):
    plan = default_plan
    with pytest.raises(FieldError) as info:
        upcoming(plan.schedule, plan.scenario, plan.matrix, near="Aubusson", **options)
    assert info.value.field == field
    assert str(next(iter(options.values()))) in str(info.value)


def test_public_package_stays_light():
    import subprocess
    import sys

    code = (
        "import sys, itinerant.publish.public\n"
        "heavy = [m for m in ('ortools', 'networkx', 'osmnx', 'streamlit') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
