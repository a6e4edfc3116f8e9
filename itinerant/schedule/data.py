"""Planning data: what the planner, the baseline and the validator all read, prepared once.

:func:`prepare` turns a Scenario, its travel matrix and its access diagnostic into plain lookups:
working days, the bus-days that can run, each counsellor's half-day availability on each date,
each Stop's Catchment, each commune's Need and zone, the rotation period of each date. No solver
and no geometry here, so that the validator stays independent of the model.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from itinerant.access import AccessDiagnostic
from itinerant.model import Bus, Counsellor, PopUp, Scenario, Slot, Stop
from itinerant.routing import TravelMatrix
from itinerant.schedule.schedule import PlanSettings

__all__ = ["PlanningData", "prepare", "resolve_availability", "slots_of"]

logger = logging.getLogger(__name__)

HALF_DAYS: tuple[Slot, Slot] = (Slot.AM, Slot.PM)


def slots_of(start: dt.time, end: dt.time, midday: dt.time) -> frozenset[Slot]:
    """Half-days touched by the interval ``start``..``end`` (split at ``midday``)."""
    out = set()
    if start < midday:
        out.add(Slot.AM)
    if end > midday:
        out.add(Slot.PM)
    return frozenset(out)


@dataclass(frozen=True)
class PlanningData:
    """Prepared inputs of a plan (see the module docstring).

    Place ids in :attr:`matrix` are ``commune:<code>``, ``sp:<id>``, ``depot:<id>``,
    ``stop:<id>`` and ``popup:<id>`` (see :func:`itinerant.pipeline.scenario_places`).
    """

    scenario: Scenario
    settings: PlanSettings
    matrix: TravelMatrix
    days: tuple[dt.date, ...]
    need: Mapping[str, float]
    need_index: Mapping[str, float]
    access_minutes: Mapping[str, float | None]
    catchments: Mapping[str, tuple[str, ...]]
    zones: Mapping[str, str]
    availability: Mapping[tuple[str, dt.date], frozenset[Slot]] = field(repr=False)

    # ------------------------------------------------------------------ lookups
    @cached_property
    def buses(self) -> dict[str, Bus]:
        """Buses by id."""
        return {b.id: b for b in self.scenario.buses}

    @cached_property
    def stops(self) -> dict[str, Stop]:
        """Stops by id."""
        return {s.id: s for s in self.scenario.stops}

    @cached_property
    def counsellors(self) -> dict[str, Counsellor]:
        """Counsellors by id."""
        return {c.id: c for c in self.scenario.counsellors}

    @cached_property
    def popups(self) -> dict[str, PopUp]:
        """PopUps by id."""
        return {p.id: p for p in self.scenario.popups}

    @cached_property
    def blocked(self) -> frozenset[tuple[str, dt.date]]:
        """(bus, date) pairs out of service."""
        return frozenset((b.bus, b.date) for b in self.scenario.blocked_days)

    def bus_days(self) -> list[tuple[str, dt.date]]:
        """Every (bus, date) on which the bus may run: working day, service day, not blocked."""
        return [
            (bus.id, day)
            for day in self.days
            for bus in self.scenario.buses
            if day.weekday() in bus.service_days and (bus.id, day) not in self.blocked
        ]

    def available(self, counsellor: str, day: dt.date) -> frozenset[Slot]:
        """Half-days (am, pm) the counsellor is available on ``day``."""
        return self.availability.get((counsellor, day), frozenset())

    def travel_s(self, origin: str, destination: str) -> int:
        """Drive time in seconds between two place ids (-1 when unreachable)."""
        m = self.matrix
        return int(m.durations_s[m.index(origin), m.index(destination)])

    def distance_m(self, origin: str, destination: str) -> int:
        """Drive distance in metres between two place ids (-1 when unreachable)."""
        m = self.matrix
        return int(m.distances_m[m.index(origin), m.index(destination)])

    def period(self, day: dt.date) -> int:
        """Rotation period (0-based) of a date of the Horizon."""
        horizon = self.scenario.horizon
        return (day - horizon.start).days // (7 * horizon.rotation_weeks)

    @property
    def n_periods(self) -> int:
        """Number of rotation periods in the Horizon (the last may be shorter)."""
        horizon = self.scenario.horizon
        return -(-horizon.weeks // horizon.rotation_weeks)

    def stop_open_on(self, stop: Stop, day: dt.date) -> bool:
        """Whether ``stop`` can receive the public on ``day`` (its weekdays)."""
        return day.weekday() in stop.weekdays

    @cached_property
    def high_need(self) -> tuple[str, ...]:
        """Communes with a frequency target (need index at or above the setting)."""
        return tuple(
            code
            for code, index in self.need_index.items()
            if index >= self.settings.high_need_index and self.need[code] > 0
        )

    @cached_property
    def total_need(self) -> float:
        """Sum of Need over the Territory."""
        return float(sum(self.need.values()))


def resolve_availability(
    scenario: Scenario, days: tuple[dt.date, ...]
) -> dict[tuple[str, dt.date], frozenset[Slot]]:
    """Resolve weekly rules and one-off overrides into half-days per (counsellor, date).

    Weekly rules apply first, then the one-off rules of a date override them. Pairs with no
    half-day available are left out.
    """
    weekly: dict[tuple[str, int], set[Slot]] = {}
    oneoff: dict[tuple[str, dt.date], dict[Slot, bool]] = {}
    for rule in scenario.availability:
        halves = HALF_DAYS if rule.slot is Slot.DAY else (rule.slot,)
        if isinstance(rule.day, dt.date):
            target = oneoff.setdefault((rule.counsellor, rule.day), {})
            for half in halves:
                target[half] = rule.available
        else:
            slots = weekly.setdefault((rule.counsellor, rule.day), set())
            for half in halves:
                if rule.available:
                    slots.add(half)
                else:
                    slots.discard(half)
    out: dict[tuple[str, dt.date], frozenset[Slot]] = {}
    for counsellor in scenario.counsellors:
        for day in days:
            slots = set(weekly.get((counsellor.id, day.weekday()), set()))
            for half, available in oneoff.get((counsellor.id, day), {}).items():
                if available:
                    slots.add(half)
                else:
                    slots.discard(half)
            if slots:
                out[(counsellor.id, day)] = frozenset(slots)
    return out


def prepare(
    scenario: Scenario,
    matrix: TravelMatrix,
    diagnostic: AccessDiagnostic,
    settings: PlanSettings | None = None,
) -> PlanningData:
    """Prepare the planning data of ``scenario``.

    Parameters
    ----------
    scenario
        The scenario to plan.
    matrix
        Travel matrix over at least its communes, depots, Stops and PopUps.
    diagnostic
        Its access diagnostic (Need per commune).
    settings
        Planner settings (defaults when ``None``).
    """
    settings = settings or PlanSettings()
    days = scenario.horizon.days()
    communes = scenario.territory.communes
    commune_ids = [f"commune:{c.code}" for c in communes]
    catchments: dict[str, tuple[str, ...]] = {}
    if scenario.stops:
        times = matrix.durations_between([f"stop:{s.id}" for s in scenario.stops], commune_ids)
        for row, stop in zip(times, scenario.stops, strict=True):
            limit = stop.catchment_minutes * 60
            inside = np.flatnonzero((row >= 0) & (row <= limit))
            catchments[stop.id] = tuple(communes[i].code for i in inside)
            if not catchments[stop.id]:
                logger.warning("Stop %s reaches no commune within %d min", stop.name, limit // 60)
    need = {c.code: c.need for c in diagnostic.communes}
    index = {c.code: c.need_index for c in diagnostic.communes}
    minutes = {c.code: c.minutes for c in diagnostic.communes}
    zones = {c.code: (c.epci_name or c.epci or "—") for c in communes}
    return PlanningData(
        scenario=scenario,
        settings=settings,
        matrix=matrix,
        days=days,
        need=need,
        need_index=index,
        access_minutes=minutes,
        catchments=catchments,
        zones=zones,
        availability=resolve_availability(scenario, days),
    )
