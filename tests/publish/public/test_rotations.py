"""Regular patterns (rotations): detection, RRULE/EXDATE in rotations.ics, French sentences.

The recurring events are expanded by an independent reader (``recurring_ical_events`` over
``icalendar``) and compared with the dates of the Schedule.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itinerant.publish.public import public_events, write_public
from itinerant.publish.public.events import EventKind
from itinerant.publish.public.rotations import (
    RotationKind,
    accepts,
    detect_rotations,
    rotation_span_text,
    rotation_text,
    schedule_rotations,
)
from tests.publish.public.rotating import event

PARIS = ZoneInfo("Europe/Paris")
STAMP = dt.datetime(2026, 12, 15, 10, 30, tzinfo=dt.UTC)
D = dt.date


def weeks(first: dt.date, *offsets: int, **kw):
    return [event(first + dt.timedelta(weeks=k), **kw) for k in offsets]


# --------------------------------------------------------------------------- detection


@pytest.mark.parametrize(
    ("offsets", "interval", "skipped", "text"),
    [
        ((0, 1, 2, 3), 1, (), "chaque mardi, 9 h 30 – 11 h"),
        ((0, 2, 4), 2, (), "un mardi sur deux, 9 h 30 – 11 h"),
        ((0, 3, 6), 3, (), "un mardi sur trois, 9 h 30 – 11 h"),
        ((0, 4), 4, (), "un mardi sur quatre, 9 h 30 – 11 h"),
        ((0, 1, 3, 4), 1, (2,), "chaque mardi, 9 h 30 – 11 h"),
        ((0, 2, 6), 2, (4,), "un mardi sur deux, 9 h 30 – 11 h"),
    ],
)
def test_weekly_rotations(offsets, interval, skipped, text):
    tuesday = D(2027, 1, 5)
    (rotation,) = detect_rotations(weeks(tuesday, *offsets))
    assert rotation.kind is RotationKind.WEEKLY
    assert rotation.interval == interval
    assert rotation.skipped == tuple(tuesday + dt.timedelta(weeks=k) for k in skipped)
    assert rotation.dates == tuple(tuesday + dt.timedelta(weeks=k) for k in offsets)
    assert rotation_text(rotation, "fr") == text
    assert rotation.byday == "TU"


def test_monthly_rotation_nth_weekday():
    # 2nd Thursdays: 4, 4 and 5 weeks apart, so no weekly rule of 1..4 weeks fits
    days = [D(2027, 1, 14), D(2027, 2, 11), D(2027, 3, 11), D(2027, 4, 8), D(2027, 5, 13)]
    (rotation,) = detect_rotations([event(d, start=(14, 0), end=(16, 0)) for d in days])
    assert rotation.kind is RotationKind.MONTHLY
    assert rotation.ordinal == 2
    assert rotation.byday == "2TH"
    assert rotation.skipped == ()
    assert rotation_text(rotation, "fr") == "le 2e jeudi du mois, 14 h – 16 h"
    assert rotation_text(rotation, "en") == "the 2nd Thursday of the month, 14:00 – 16:00"
    assert rotation.rrule(until=False) == "FREQ=MONTHLY;BYDAY=2TH"


def test_monthly_skips_a_month():
    days = [D(2027, 1, 7), D(2027, 2, 4), D(2027, 4, 1), D(2027, 5, 6)]
    (rotation,) = detect_rotations([event(d) for d in days])
    assert rotation.kind is RotationKind.MONTHLY
    assert rotation.skipped == (D(2027, 3, 4),)
    assert rotation_text(rotation, "fr").startswith("le 1er jeudi du mois")


def test_no_rotation_when_irregular_or_alone():
    tuesday = D(2027, 1, 5)
    assert detect_rotations([event(tuesday)]) == ()
    # 5 weeks apart: longer than the longest interval, and not the same n-th weekday
    assert detect_rotations(weeks(tuesday, 0, 5)) == ()
    # too many holes: 3 Visits over 6 weeks
    assert detect_rotations(weeks(tuesday, 0, 1, 5)) == ()
    # PopUps are never rotations
    popups = [event(tuesday + dt.timedelta(weeks=k), kind=EventKind.POPUP) for k in (0, 1, 2)]
    assert detect_rotations(popups) == ()


def test_half_day_and_hours_split_patterns():
    tuesday = D(2027, 1, 5)
    morning = weeks(tuesday, 0, 2, 4)
    afternoon = weeks(tuesday, 0, 1, 2, start=(14, 0), end=(16, 0))
    moved = [event(tuesday + dt.timedelta(weeks=6), start=(9, 45), end=(11, 15))]
    found = detect_rotations(morning + afternoon + moved)
    assert [(r.half.value, r.interval, len(r.dates)) for r in found] == [
        ("am", 2, 3),
        ("pm", 1, 3),
    ]
    assert len({r.uid for r in found}) == 2


def test_accepts_rule():
    assert accepts(2, 0)
    assert not accepts(2, 1)
    assert accepts(3, 1)
    assert accepts(4, 2)
    assert not accepts(3, 2)
    assert not accepts(1, 0)


def test_span_and_english_texts():
    (rotation,) = detect_rotations(weeks(D(2027, 1, 5), 0, 2, 6, 8))
    assert rotation_span_text(rotation, "fr") == (
        "du mardi 5 janvier 2027 au mardi 2 mars 2027, sauf le mardi 2 février 2027"
    )
    assert rotation_text(rotation, "en") == "every other Tuesday, 9:30 – 11:00"
    (weekly,) = detect_rotations(weeks(D(2027, 1, 5), 0, 2, 3, 5))
    assert rotation_span_text(weekly, "fr").endswith(
        "sauf le mardi 12 janvier 2027 et le mardi 2 février 2027"
    )


def test_rrule_until_is_utc_start_of_last_session():
    (rotation,) = detect_rotations(weeks(D(2027, 1, 5), 0, 2))
    # 9:30 in Paris in winter is 8:30 UTC
    assert rotation.rrule() == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20270119T083000Z"


# --------------------------------------------------------------------------- a rotating plan


def test_schedule_rotations_are_the_expected_ones(default_plan, rotating):
    found = {r.ref: r for r in schedule_rotations(rotating, default_plan.scenario)}
    assert found["mairie-gueret"].interval == 2
    assert found["mairie-aubusson"].interval == 1
    assert found["mairie-aubusson"].skipped == (D(2027, 1, 19),)
    assert found["mairie-gouzon"].interval == 3
    assert found["mairie-boussac"].interval == 4
    assert found["mairie-sardent"].kind is RotationKind.MONTHLY
    assert found["mairie-sardent"].ordinal == 2
    assert "mairie-merinchal" not in found  # visited once
    assert rotation_text(found["mairie-aubusson"], "fr") == "chaque mardi, 9 h 30 – 12 h"
    # the original Schedule of the session has no rotation: every Stop is visited once
    assert schedule_rotations(default_plan.schedule, default_plan.scenario) == ()


def _expand(component, start, end):
    """Starts of the occurrences of one recurring VEVENT, by an independent reader."""
    import recurring_ical_events
    from icalendar import Calendar

    cal = Calendar()
    cal.add_component(component)
    return sorted(e["dtstart"].dt for e in recurring_ical_events.of(cal).between(start, end))


def _list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def test_rotations_feed_expands_to_the_schedule(published_rotating, default_plan, rotating):
    from icalendar import Calendar

    cal = Calendar.from_ical((published_rotating / "ics" / "rotations.ics").read_bytes())
    events = cal.walk("VEVENT")
    expected = schedule_rotations(rotating, default_plan.scenario)
    assert len(events) == len(expected) > 0
    assert len({str(e["uid"]) for e in events}) == len(events)
    by_uid = {str(e["uid"]): e for e in events}
    visits = public_events(rotating, default_plan.scenario)
    for rotation in expected:
        component = by_uid[rotation.uid]
        assert "RRULE" in component
        assert component["dtstart"].params["TZID"] == "Europe/Paris"
        starts = _expand(component, dt.datetime(2026, 12, 1), dt.datetime(2027, 12, 31))
        # the occurrences are exactly the Visits of the Schedule at that Stop and time
        truth = sorted(
            dt.datetime.combine(v.date, v.start, tzinfo=PARIS)
            for v in visits
            if v.ref == rotation.ref
            and v.start == rotation.start
            and v.end == rotation.end
            and v.date.weekday() == rotation.weekday
        )
        assert [s.astimezone(PARIS) for s in starts] == truth
        assert str(component["summary"]).endswith(rotation.name)
        assert rotation_text(rotation, "fr") in str(component["description"])
    aubusson = next(r for r in expected if r.ref == "mairie-aubusson")
    exdates = [d.dt for ex in _list(by_uid[aubusson.uid].get("exdate")) for d in ex.dts]
    assert exdates == [dt.datetime(2027, 1, 19, 9, 30, tzinfo=PARIS)]


def test_dated_feeds_unchanged_no_duplicates(published_rotating, default_plan, rotating):
    from icalendar import Calendar

    cal = Calendar.from_ical((published_rotating / "ics" / "territoire.ics").read_bytes())
    events = cal.walk("VEVENT")
    assert all("RRULE" not in e for e in events)
    assert len(events) == len(public_events(rotating, default_plan.scenario))
    assert len({str(e["uid"]) for e in events}) == len(events)


def test_site_and_poster_show_the_sentence(published_rotating):
    page = (published_rotating / "communes" / "23008.html").read_text(encoding="utf-8")
    assert "Passages réguliers" in page
    assert "Place de la mairie, Aubusson : chaque mardi, 9 h 30 – 12 h" in page
    assert "Passage régulier : chaque mardi, 9 h 30 – 12 h" in page
    assert "Du mardi 5 janvier 2027 au mardi 2 février 2027, sauf le mardi 19 janvier 2027" in page
    # published under a base URL: a webcal:// subscription and the plain https file
    assert 'href="webcal://exemple.fr/cite/ics/rotations.ics"' in page
    assert 'href="https://exemple.fr/cite/ics/rotations.ics"' in page
    index = (published_rotating / "index.html").read_text(encoding="utf-8")
    assert "un lundi sur quatre" in index

    import pypdf

    pdf = (published_rotating / "affiches" / "mairie-sardent.pdf").read_bytes()
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    assert "Passages réguliers" in text
    assert "le 2e jeudi du mois, 9 h – 11 h" in text


ENGLISH = re.compile(r"\b(every|other|third|fourth|week|month|from|except|Tuesday|Regular)\b")


def test_french_outputs_have_no_english_words(published_rotating):
    from icalendar import Calendar

    cal = Calendar.from_ical((published_rotating / "ics" / "rotations.ics").read_bytes())
    texts = [str(cal["x-wr-calname"]), str(cal["x-wr-caldesc"])]
    for component in cal.walk("VEVENT"):
        texts += [str(component["summary"]), str(component["description"])]
    page = (published_rotating / "communes" / "23008.html").read_text(encoding="utf-8")
    texts.append(re.sub(r"<[^>]+>", " ", page))
    for text in texts:
        assert not ENGLISH.search(text), ENGLISH.search(text)


def test_empty_rotations_feed_is_valid(default_plan, tmp_path):
    from icalendar import Calendar

    write_public(
        default_plan.schedule,
        default_plan.scenario,
        default_plan.matrix,
        tmp_path,
        generated_at=STAMP,
        lang="fr",
    )
    cal = Calendar.from_ical((tmp_path / "ics" / "rotations.ics").read_bytes())
    assert cal.walk("VEVENT") == []
    assert "passages réguliers" in str(cal["x-wr-calname"])


# --------------------------------------------------------------------------- properties


def _expand_rule(rotation):
    """Dates of the rotation's RRULE (with UNTIL) minus its EXDATEs, by dateutil."""
    from dateutil.rrule import rrulestr

    start = dt.datetime.combine(rotation.first, rotation.start, tzinfo=PARIS)
    days = [d.astimezone(PARIS).date() for d in rrulestr(rotation.rrule(), dtstart=start)]
    return [d for d in days if d not in set(rotation.skipped)]


@settings(max_examples=150, deadline=None)
@given(
    first=st.dates(min_value=D(2026, 1, 5), max_value=D(2028, 12, 1)),
    offsets=st.sets(st.integers(min_value=0, max_value=30), min_size=2, max_size=10),
)
def test_any_detected_weekly_rotation_gives_back_its_dates(first, offsets):
    days = sorted(first + dt.timedelta(weeks=k) for k in offsets)
    found = detect_rotations([event(d) for d in days])
    for rotation in found:
        assert accepts(len(rotation.dates), len(rotation.skipped))
        assert _expand_rule(rotation) == list(rotation.dates)
    # a rotation, when found, covers every date of the group (one group here)
    assert found == () or found[0].dates == tuple(days)
    step = math.gcd(*(k - min(offsets) for k in offsets))
    span = (max(offsets) - min(offsets)) // step + 1 if step else 1
    if step <= 4 and accepts(len(offsets), span - len(offsets)):
        assert found, "a regular enough weekly pattern must be found"


@settings(max_examples=100, deadline=None)
@given(
    start=st.integers(min_value=0, max_value=36),
    months=st.sets(st.integers(min_value=0, max_value=14), min_size=2, max_size=8),
    weekday=st.integers(min_value=0, max_value=6),
    ordinal=st.integers(min_value=1, max_value=4),
)
def test_any_detected_monthly_rotation_gives_back_its_dates(start, months, weekday, ordinal):
    def nth(month_index: int) -> dt.date:
        year, month = divmod(2026 * 12 + start + month_index, 12)
        first = D(year, month + 1, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (ordinal - 1))

    days = sorted(nth(m) for m in months)
    for rotation in detect_rotations([event(d) for d in days]):
        assert rotation.dates == tuple(days)
        assert _expand_rule(rotation) == list(rotation.dates)
