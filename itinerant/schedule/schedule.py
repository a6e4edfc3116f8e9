"""The Schedule and its parts (glossary: Visit, Tour, Schedule); the planner's settings.

These are plain, frozen data: no solver here. A Schedule is what the planner returns, what the
validator checks, what a coordinator publishes. Clock times are local :class:`datetime.time`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from itinerant.model import FieldError, PlanSettings, Pole

__all__ = ["PlanSettings", "PopUpStaffing", "Schedule", "Tour", "Visit"]


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
