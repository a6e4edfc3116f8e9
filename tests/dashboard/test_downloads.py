"""Drivers' weeks and the public answers (itinerant.dashboard.downloads)."""

from __future__ import annotations

import datetime as dt

from itinerant.dashboard.downloads import public_answer, public_feed, weeks_of


def test_weeks_and_public_answer(planned):
    ws, result = planned
    assert weeks_of(ws.scenario) == [(2027, 1), (2027, 2)]
    answer = public_answer(ws, result.schedule, "Gamma", from_date=dt.date(2027, 1, 4))
    assert answer.events
    assert all(e.event.commune_name for e in answer.events)
    feed = public_feed(ws, result.schedule, "99002", from_date=dt.date(2027, 1, 4))
    assert feed.startswith(b"BEGIN:VCALENDAR")
    assert b"Camille" not in feed
