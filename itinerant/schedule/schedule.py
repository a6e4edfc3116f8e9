"""The Schedule and its parts (glossary: Visit, Tour, Schedule), and the planner's settings.

These are plain, frozen data: no solver here. A Schedule is what the planner returns, what the
validator checks, what a coordinator publishes. Clock times are local :class:`datetime.time`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from itinerant.model import FieldError, Pole

__all__ = ["PlanSettings", "PopUpStaffing", "Schedule", "Tour", "Visit"]


@dataclass(frozen=True)
class PlanSettings:
    """Named weights and rules of the planner, each with a sensible default.

    Attributes
    ----------
    repeat_decay
        Value of each further visit reaching a commune, relative to the previous one (0..1): the
        first visit counts fully, the second ``repeat_decay``, the third ``repeat_decay**2``...
    max_counted_visits
        Visits reaching a commune beyond this number add nothing.
    high_need_index
        Need index (per inhabitant, 0..) from which a commune has a frequency target.
    frequency_weight
        Penalty, in need units, for each rotation period in which a high-need commune is not
        reached (the frequency target: at least once every rotation period).
    regularity_weight
        Bonus, in need units, for each visit that repeats the same Stop on the same weekday and
        session one rotation period earlier (so the public can remember it).
    equity_floor
        Share (0..1) of its fair share of need reached that each zone (EPCI) should get at least.
    equity_weight
        Penalty per unit of need missing under a zone's equity floor.
    km_weight
        Cost, in need units, of each kilometre driven (the least driving, all else equal).
    popup_priority_value
        Value, in need units, of staffing an optional PopUp, times its priority.
    midday
        Clock time splitting morning (am) and afternoon (pm) half-days of availability.
    co2_kg_per_km
        Emission factor of a diesel minibus, for the CO2 estimate (kg CO2e per km).

    Notes
    -----
    The defaults put reach first, as the territorial-equity guide asks: a commune never visited
    weighs more than a second visit to one already reached. With ``repeat_decay = 0.25`` and
    ``frequency_weight = 0.25``, a second visit to a high-need commune in the next rotation
    period is worth half its Need (a quarter for the visit, a quarter for the frequency target),
    a first visit to any commune its whole Need; frequency targets apply to the neediest
    communes only (``high_need_index = 0.7``: about a quarter of the default territory's
    communes). Raise ``repeat_decay``, ``frequency_weight`` or ``regularity_weight`` to favour
    a regular service in fewer places.
    """

    repeat_decay: float = 0.25
    max_counted_visits: int = 4
    high_need_index: float = 0.7
    frequency_weight: float = 0.25
    regularity_weight: float = 10.0
    equity_floor: float = 0.5
    equity_weight: float = 1.0
    km_weight: float = 0.5
    popup_priority_value: float = 200.0
    midday: dt.time = dt.time(13, 0)
    co2_kg_per_km: float = 0.25

    def __post_init__(self) -> None:
        for name in ("repeat_decay", "equity_floor"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise FieldError(name, f"{value} is outside 0..1")
        for name in (
            "high_need_index",
            "frequency_weight",
            "regularity_weight",
            "equity_weight",
            "km_weight",
            "popup_priority_value",
            "co2_kg_per_km",
        ):
            value = getattr(self, name)
            if value < 0:
                raise FieldError(name, f"{value} is negative")
        if not 1 <= self.max_counted_visits <= 52:
            raise FieldError("max_counted_visits", f"{self.max_counted_visits} is outside 1..52")


@dataclass(frozen=True)
class Visit:
    """One bus at one Stop for one session.

    ``arrival`` is when the bus parks (the drive from the previous place ends then); the public is
    received from ``start`` to ``end``; ``crew`` are the counsellors on board for this session.
    """

    stop: str
    arrival: dt.time
    start: dt.time
    end: dt.time
    crew: tuple[str, ...]
    locked: bool = False

    def __post_init__(self) -> None:
        if self.start < self.arrival:
            raise FieldError("start", f"{self.start:%H:%M} is before arrival {self.arrival:%H:%M}")
        if self.end <= self.start:
            raise FieldError("end", f"{self.end:%H:%M} is not after start {self.start:%H:%M}")
        if len(set(self.crew)) != len(self.crew):
            raise FieldError("crew", "a counsellor is listed twice")


@dataclass(frozen=True)
class Tour:
    """One bus's day: it leaves its depot, makes its Visits in order and comes back.

    ``lunch`` is the break (start, end) taken that day, or ``None`` when the day ends before the
    lunch window closes without needing one.
    """

    bus: str
    date: dt.date
    departure: dt.time
    return_time: dt.time
    visits: tuple[Visit, ...]
    lunch: tuple[dt.time, dt.time] | None = None

    def __post_init__(self) -> None:
        if self.return_time <= self.departure:
            raise FieldError("return_time", "is not after departure")
        if not self.visits:
            raise FieldError("visits", "a Tour needs at least one Visit")

    @property
    def crew(self) -> tuple[str, ...]:
        """Every counsellor on board at some point of the day, in order of appearance."""
        seen: dict[str, None] = {}
        for visit in self.visits:
            for c in visit.crew:
                seen.setdefault(c, None)
        return tuple(seen)


@dataclass(frozen=True)
class PopUpStaffing:
    """Counsellors sent to a PopUp, each for one pôle."""

    popup: str
    assignments: tuple[tuple[str, Pole], ...]

    @property
    def counsellors(self) -> tuple[str, ...]:
        """The counsellors sent."""
        return tuple(c for c, _ in self.assignments)


@dataclass(frozen=True)
class Schedule:
    """All Tours and staffed PopUps of a Horizon, with how they were obtained."""

    scenario: str
    tours: tuple[Tour, ...]
    popups: tuple[PopUpStaffing, ...] = ()
    method: str = ""
    """How it was made: ``"planner"`` (with solver name), ``"round-robin baseline"``..."""
    approximate: bool = False
    """Whether drive times come from an approximate network."""
    network_label: str = ""
    objective: float | None = None
    bound: float | None = None
    seed: int | None = None
    elapsed_s: float | None = None

    def visits(self) -> list[tuple[Tour, Visit]]:
        """Every (tour, visit) pair, by date then bus."""
        return [
            (tour, visit)
            for tour in sorted(self.tours, key=lambda t: (t.date, t.bus))
            for visit in tour.visits
        ]
