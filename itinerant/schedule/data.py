"""Planning data: what the planner, the baseline and the validator all read, prepared once.

:func:`prepare` turns a Scenario, its travel matrix and its access diagnostic into plain lookups:
working days, the bus-days that can run, each counsellor's half-day availability on each date,
each Stop's Catchment, each commune's Need and zone, the rotation period of each date. No solver
and no geometry here, so that the validator stays independent of the model.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar, overload

import numpy as np

from itinerant.model import Bus, Counsellor, PopUp, Scenario, Slot, Stop
from itinerant.places import PlaceKey
from itinerant.schedule.schedule import PlanSettings, PopUpStaffing, Schedule, Tour

if TYPE_CHECKING:
    from itinerant.access import AccessDiagnostic
    from itinerant.routing import TravelMatrix

__all__ = [
    "HALF_DAYS",
    "NO_ZONE",
    "PlanningData",
    "prepare",
    "resolve_availability",
    "slots_of",
    "stop_catchments",
]

logger = logging.getLogger(__name__)

HALF_DAYS: tuple[Slot, Slot] = (Slot.AM, Slot.PM)
NO_ZONE = "—"
"""The zone of a commune without an EPCI."""


def slots_of(start: dt.time, end: dt.time, midday: dt.time) -> frozenset[Slot]:
    """Half-days touched by the interval ``start``..``end`` (split at ``midday``)."""
    out = set()
    if start < midday:
        out.add(Slot.AM)
    if end > midday:
        out.add(Slot.PM)
    return frozenset(out)


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


_T = TypeVar("_T", bound=_Identified)


class _ById(Generic[_T]):
    """``data.<name>``: the Scenario's ``<name>`` (in order) by id, made on first use.

    A non-data descriptor, like :func:`functools.cached_property`: the table it makes is kept in
    the instance's ``__dict__``, which later look-ups read directly.
    """

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, data: None, owner: type) -> _ById[_T]: ...
    @overload
    def __get__(self, data: PlanningData, owner: type) -> dict[str, _T]: ...
    def __get__(self, data: PlanningData | None, owner: type) -> _ById[_T] | dict[str, _T]:
        if data is None:
            return self
        items: tuple[_T, ...] = getattr(data.scenario, self.name)
        table = data.__dict__[self.name] = {item.id: item for item in items}
        return table


@dataclass(frozen=True)
class PlanningData:
    """Prepared inputs of a plan (see the module docstring).

    Places in :attr:`matrix` are keyed by :class:`~itinerant.places.PlaceKey`
    (``commune:<code>``, ``sp:<id>``, ``depot:<id>``, ``stop:<id>``, ``popup:<id>``; see
    :func:`itinerant.pipeline.scenario_places`).
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
    # the Scenario's buses, Stops, counsellors and PopUps by id (see :class:`_ById`)
    buses = _ById[Bus]()
    stops = _ById[Stop]()
    counsellors = _ById[Counsellor]()
    popups = _ById[PopUp]()

    @cached_property
    def blocked(self) -> frozenset[tuple[str, dt.date]]:
        """(bus, date) pairs out of service."""
        return frozenset((b.bus, b.date) for b in self.scenario.blocked_days)

    def schedule(
        self,
        tours: Iterable[Tour],
        popups: Iterable[PopUpStaffing],
        method: str,
        *,
        bound: float | None = None,
        seed: int | None = None,
        elapsed_s: float | None = None,
    ) -> Schedule:
        """A Schedule of this scenario made by ``method``, on this travel matrix's network."""
        return Schedule(
            scenario=self.scenario.name,
            tours=tuple(tours),
            popups=tuple(popups),
            method=method,
            approximate=self.matrix.approximate,
            network_label=self.matrix.network_label,
            bound=bound,
            seed=seed,
            elapsed_s=elapsed_s,
        )

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
    def stops_reaching(self) -> dict[str, list[str]]:
        """The Stops whose Catchment holds each commune (by commune code, in Catchment order)."""
        reaching: dict[str, list[str]] = {}
        for stop, codes in self.catchments.items():
            for code in codes:
                reaching.setdefault(code, []).append(stop)
        return reaching

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
    days = scenario.horizon.days()
    rows = diagnostic.communes
    return PlanningData(
        scenario=scenario,
        settings=settings or PlanSettings(),
        matrix=matrix,
        days=days,
        need={c.code: c.need for c in rows},
        need_index={c.code: c.need_index for c in rows},
        access_minutes={c.code: c.minutes for c in rows},
        catchments=stop_catchments(scenario, matrix),
        zones={c.code: c.epci_name or c.epci or NO_ZONE for c in scenario.territory.communes},
        availability=resolve_availability(scenario, days),
    )


def stop_catchments(scenario: Scenario, matrix: TravelMatrix) -> dict[str, tuple[str, ...]]:
    """Each Stop's Catchment: the communes within its ``catchment_minutes`` drive, in order."""
    communes = scenario.territory.communes
    out: dict[str, tuple[str, ...]] = {}
    if not scenario.stops:
        return out
    times = matrix.durations_between(
        [PlaceKey.stop(s.id) for s in scenario.stops], [PlaceKey.commune(c.code) for c in communes]
    )
    for row, stop in zip(times, scenario.stops, strict=True):
        limit = stop.catchment_minutes * 60
        inside = np.flatnonzero((row >= 0) & (row <= limit))
        out[stop.id] = tuple(communes[i].code for i in inside)
        if not out[stop.id]:
            logger.warning("Stop %s reaches no commune within %d min", stop.name, limit // 60)
    return out
