"""OpenStreetMap ``opening_hours`` strings of a Stop's sessions.

Each string is checked twice: against a strict regular expression of the grammar subset that
:mod:`itinerant.publish.public.openinghours` documents, and by an independent evaluator
(``opening-hours-py``, the Rust implementation) which must find the place open exactly during
the sessions over the whole period.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itinerant.publish.public.events import EventKind
from itinerant.publish.public.openinghours import opening_hours
from itinerant.publish.public.rotations import detect_rotations
from tests.publish.public.rotating import event

D = dt.date

_DATE = r"\d{4} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{2}"
_TIMES = r"\d{2}:\d{2}-\d{2}:\d{2}(,\d{2}:\d{2}-\d{2}:\d{2})*"
_DAY = r"(Mo|Tu|We|Th|Fr|Sa|Su)(\[[1-4]\])?"
_WEEK = r"week \d{2}(-\d{2}/[2-4])?"
_RULE = rf"({_DATE}(-{_DATE})? ({_WEEK} )?{_DAY} {_TIMES}|{_DATE} {_TIMES})"
_EXCEPTION = rf"{_DATE} ({_TIMES}|off)"
GRAMMAR = re.compile(rf"^{_RULE}(, {_RULE})*(; {_EXCEPTION})*$|^off$")


def open_intervals(text: str, start: dt.date, end: dt.date):
    """Open intervals of ``text`` between two dates, by the independent evaluator."""
    oh = pytest.importorskip("opening_hours", reason="opening-hours-py is not installed")
    assert oh.validate(text), text
    found = oh.OpeningHours(text).intervals(
        dt.datetime.combine(start, dt.time()), dt.datetime.combine(end, dt.time())
    )
    return [(a, b) for a, b, state, _ in found if state == oh.State.OPEN]


def sessions(events):
    return sorted(
        (dt.datetime.combine(e.date, e.start), dt.datetime.combine(e.date, e.end)) for e in events
    )


def check(events, expected_text=None):
    text = opening_hours(events, detect_rotations(events))
    assert GRAMMAR.match(text), text
    if expected_text is not None:
        assert text == expected_text
    first = min(e.date for e in events) - dt.timedelta(days=14)
    last = max(e.date for e in events) + dt.timedelta(days=14)
    assert open_intervals(text, first, last) == sessions(events), text
    return text


def test_every_other_week_with_a_week_rule():
    days = [D(2027, 1, 5) + dt.timedelta(weeks=k) for k in (0, 2, 4)]
    check([event(d) for d in days], "2027 Jan 05-2027 Feb 02 week 01-05/2 Tu 09:30-11:00")


def test_weekly_with_a_skipped_date():
    days = [D(2027, 1, 5) + dt.timedelta(weeks=k) for k in (0, 1, 3, 4)]
    check([event(d) for d in days], "2027 Jan 05-2027 Feb 02 Tu 09:30-11:00; 2027 Jan 19 off")


def test_monthly_nth_weekday():
    days = [D(2027, 1, 14), D(2027, 2, 11), D(2027, 3, 11), D(2027, 4, 8), D(2027, 5, 13)]
    check(
        [event(d, start=(14, 0), end=(16, 0)) for d in days],
        "2027 Jan 14-2027 May 13 Th[2] 14:00-16:00",
    )


def test_week_rule_across_a_53_week_year():
    # 2026 has 53 ISO weeks: week numbers restart in January, the rule is split per ISO year
    days = [D(2026, 12, 1) + dt.timedelta(weeks=k) for k in (0, 2, 4, 6, 8)]
    text = check([event(d) for d in days])
    assert "2026 Dec 01-2026 Dec 29 week 49-53/2 Tu" in text
    assert "2027 Jan 12-2027 Jan 26 week 02-04/2 Tu" in text


def test_one_off_sessions_and_two_rotations_on_one_day():
    tuesday = D(2027, 1, 5)
    morning = [event(tuesday + dt.timedelta(weeks=k)) for k in (0, 1, 3)]  # skips 19 Jan
    afternoon = [
        event(tuesday + dt.timedelta(weeks=k), start=(14, 0), end=(16, 0)) for k in (0, 2, 4)
    ]
    extra = [event(D(2027, 1, 7), start=(10, 0), end=(12, 0))]
    text = check(morning + afternoon + extra)
    # the skipped morning of 19 January keeps that day's afternoon session
    assert text.endswith("; 2027 Jan 19 14:00-16:00")
    assert "2027 Jan 07 10:00-12:00" in text


def test_dated_sessions_only_and_popups():
    one = event(D(2027, 1, 12), start=(9, 0), end=(11, 30))
    two = event(D(2027, 1, 12), start=(14, 0), end=(15, 0))
    check([one, two], "2027 Jan 12 09:00-11:30,14:00-15:00")
    popup = event(D(2027, 1, 21), start=(9, 30), end=(16, 30), kind=EventKind.POPUP, ref="p")
    check([popup], "2027 Jan 21 09:30-16:30")
    assert opening_hours([]) == "off"


def test_the_checks_catch_a_wrong_string():
    days = [D(2027, 1, 5) + dt.timedelta(weeks=k) for k in (0, 1, 3, 4)]
    events = [event(d) for d in days]
    # without its exception the string opens on 19 January: the evaluator sees it
    wrong = "2027 Jan 05-2027 Feb 02 Tu 09:30-11:00"
    assert open_intervals(wrong, D(2027, 1, 1), D(2027, 2, 10)) != sessions(events)
    assert not GRAMMAR.match("Tu 9h30-11h")
    assert not GRAMMAR.match("2027 Jan 05 Tu 09:30-11:00; week 01-53/2 Tu 09:30-11:00")


def test_bad_input_names_the_field():
    a = event(D(2027, 1, 5))
    b = event(D(2027, 1, 5), ref="mairie-y")
    with pytest.raises(ValueError, match="events: opening_hours is for one place"):
        opening_hours([a, b])
    (rotation,) = detect_rotations([a, event(D(2027, 1, 12))])
    with pytest.raises(ValueError, match="rotations: mairie-x 2027-01-12 09:30"):
        opening_hours([a], [rotation])


HOURS = [((9, 0), (11, 0)), ((9, 30), (12, 0)), ((14, 0), (16, 0)), ((13, 30), (15, 30))]


@settings(max_examples=120, deadline=None)
@given(
    first=st.dates(min_value=D(2026, 11, 2), max_value=D(2027, 11, 1)),
    sessions_=st.sets(
        st.tuples(st.integers(min_value=0, max_value=70), st.sampled_from(range(len(HOURS)))),
        min_size=1,
        max_size=14,
    ),
)
def test_any_mix_of_sessions_evaluates_to_exactly_those_sessions(first, sessions_):
    # days 0..70 from a date: some on one weekday (rotations), the rest anywhere
    events = [
        event(
            first + dt.timedelta(days=7 * (k // 7) if k % 3 else k),
            start=HOURS[h][0],
            end=HOURS[h][1],
        )
        for k, h in sessions_
    ]
    unique = {(e.date, e.start): e for e in events}
    morning = {}
    for (day, start), e in sorted(unique.items()):
        # one session per half-day and day, as in a Schedule
        morning.setdefault((day, start.hour < 13), e)
    check(list(morning.values()))
