"""Re-planning changes as rows (itinerant.dashboard.timeline)."""

from __future__ import annotations

import dataclasses

from itinerant.dashboard.timeline import change_rows


def test_change_rows(planned):
    from itinerant.schedule.changes import diff_schedules

    ws, result = planned
    before = result.schedule
    after = dataclasses.replace(before, tours=before.tours[1:])
    rows = change_rows(diff_schedules(before, after), ws.scenario)
    assert rows[0]["kind"] == "cancelled"
    assert rows[0]["stop"] == "Place de la mairie"
