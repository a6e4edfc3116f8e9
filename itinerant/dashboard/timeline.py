"""A Schedule through time: the timeline (Gantt) bars, the bus-days to lock, re-planning changes.

- :func:`timeline_rows`: one bar per visit of each bus and of each counsellor, and per PopUp;
- :func:`bus_days`, :func:`locked_days`, :func:`mark_locked`: choosing bus-days whose Stops the
  next plan (or re-plan) must keep;
- :func:`parse_disruptions` and :func:`change_rows`: what a re-plan is asked, and what it changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, NamedTuple

from itinerant.errors import InputError
from itinerant.i18n import t
from itinerant.schedule.changes import parse_disruption

if TYPE_CHECKING:
    from itinerant.model import Scenario
    from itinerant.schedule.changes import Change, Disruption
    from itinerant.schedule.schedule import Schedule

__all__ = [
    "bus_days",
    "change_rows",
    "locked_days",
    "mark_locked",
    "parse_disruptions",
    "timeline_rows",
]

BusDay = tuple[str, dt.date]
"""A bus id and a date: one Tour of a Schedule."""


def _week(day: dt.date) -> str:
    iso = day.isocalendar()
    return f"{iso.year}-S{iso.week:02d}"


class _Slot(NamedTuple):
    """When and what a bar shows: the day, the hours, the place's name and the bus."""

    day: dt.date
    start: dt.time
    end: dt.time
    label: str
    bus: str


def _bar(lane: str, group: str, slot: _Slot) -> dict[str, Any]:
    """One bar of the timeline, in ``lane`` of ``group``."""
    return {
        "lane": lane,
        "group": group,
        "start": dt.datetime.combine(slot.day, slot.start).isoformat(),
        "end": dt.datetime.combine(slot.day, slot.end).isoformat(),
        "date": slot.day.isoformat(),
        "week": _week(slot.day),
        "label": slot.label,
        "bus": slot.bus,
    }


def timeline_rows(schedule: Schedule, scenario: Scenario) -> list[dict[str, Any]]:
    """Bars of a Gantt chart: one per visit of each bus and of each counsellor, and PopUps.

    Each row: ``lane`` (bus or counsellor name), ``group`` (``bus`` / ``counsellor``),
    ``start`` and ``end`` (ISO local datetimes), ``date``, ``week`` (``2027-S01``), ``label``
    (Stop or PopUp name), ``bus``.
    """
    buses = {b.id: b.name for b in scenario.buses}
    counsellors = {c.id: c.name for c in scenario.counsellors}
    stops = {s.id: s.name for s in scenario.stops}
    popups = {p.id: p for p in scenario.popups}
    bus_label, crew_label = t("app.timeline.bus"), t("app.timeline.counsellor")
    rows: list[dict[str, Any]] = []
    for tour, visit in schedule.visits():
        bus = buses.get(tour.bus, tour.bus)
        slot = _Slot(tour.date, visit.start, visit.end, stops.get(visit.stop, visit.stop), bus)
        rows.append(_bar(bus, bus_label, slot))
        rows += [_bar(counsellors.get(m, m), crew_label, slot) for m in visit.crew]
    popup_bus = t("app.timeline.popup")
    for staffing in schedule.popups:
        popup = popups.get(staffing.popup)
        if popup is None:
            continue
        slot = _Slot(popup.date, popup.start, popup.end, popup.name, popup_bus)
        rows += [_bar(counsellors.get(m, m), crew_label, slot) for m in staffing.counsellors]
    return rows


def bus_days(schedule: Schedule, scenario: Scenario) -> list[tuple[str, dt.date, str]]:
    """Every ``(bus, date, label)`` of a Schedule's Tours; the label lists the Stops."""
    stops = {s.id: s.name for s in scenario.stops}
    return [
        (
            tour.bus,
            tour.date,
            f"{tour.date.isoformat()} · {tour.bus} · "
            + ", ".join(stops.get(v.stop, v.stop) for v in tour.visits),
        )
        for tour in sorted(schedule.tours, key=lambda x: (x.date, x.bus))
    ]


def locked_days(schedule: Schedule, keys: Iterable[BusDay]) -> dict[BusDay, tuple[str, ...]]:
    """The ``locked`` argument of the planner: the Stops of each chosen bus-day, kept as is.

    Raises
    ------
    InputError
        If a chosen bus-day has no Tour in ``schedule``.
    """
    tours = {(tour.bus, tour.date): tour for tour in schedule.tours}
    out = {}
    for key in keys:
        tour = tours.get(key)
        if tour is None:
            msg = f"locked: bus {key[0]} has no tour on {key[1].isoformat()}"
            raise InputError(msg)
        out[key] = tuple(v.stop for v in tour.visits)
    return out


def mark_locked(schedule: Schedule, keys: Iterable[BusDay]) -> Schedule:
    """``schedule`` with the Visits of the chosen bus-days marked ``locked`` (kept by replan)."""
    chosen = set(keys)
    tours = tuple(
        replace(tour, visits=tuple(replace(v, locked=True) for v in tour.visits))
        if (tour.bus, tour.date) in chosen
        else tour
        for tour in schedule.tours
    )
    return replace(schedule, tours=tours)


def parse_disruptions(text: str) -> list[Disruption]:
    """The disruptions typed one a line (``absence:COUNSELLOR:DATE``, ``bus:BUS:DATE``).

    Raises
    ------
    InputError
        For a line that is not a disruption, or when there is none.
    """
    disruptions = [parse_disruption(line) for line in text.splitlines() if line.strip()]
    if not disruptions:
        msg = t("app.lock.disruptions")
        raise InputError(msg)
    return disruptions


def change_rows(changes: Iterable[Change], scenario: Scenario) -> list[dict[str, str]]:
    """Re-planning changes as table rows.

    Keys: ``kind``, ``stop``, ``bus``, ``date``, ``start``, ``new_bus``, ``new_date``,
    ``new_start``.
    """
    stops = {s.id: s.name for s in scenario.stops}
    return [
        {
            "kind": c.kind,
            "stop": stops.get(c.stop, c.stop),
            "bus": c.bus,
            "date": c.date.isoformat(),
            "start": c.start.strftime("%H:%M"),
            "new_bus": c.new_bus,
            "new_date": c.new_date.isoformat() if c.new_date else "",
            "new_start": c.after.start.strftime("%H:%M") if c.after else "",
        }
        for c in changes
    ]
