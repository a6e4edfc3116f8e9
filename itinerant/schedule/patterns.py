"""Day patterns: every way a bus can spend a day, enumerated and timed once.

A pattern is an ordered sequence of Stops a bus visits in one day, with its timing
(:func:`~itinerant.schedule.timing.time_tour`). Timing depends only on the bus and the Stops, so
patterns are built once per (bus, set of Stops open on a weekday) and shared by every date with
the same weekday. Sequences grow Stop by Stop and stop growing as soon as one does not fit (a
longer day never fits if its prefix does not), which keeps enumeration cheap; ``max_stops``
bounds the length (2 for half-day sessions; short sessions allow more).

Sessions that straddle the midday boundary are left out: a crew is chosen per half-day, and a
session must belong to one half-day.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from itinerant.model import Slot
from itinerant.schedule.data import PlanningData, slots_of
from itinerant.schedule.timing import TimedTour, clock, time_tour

__all__ = ["DayPattern", "patterns_for"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DayPattern:
    """Stops visited in order, their timing, and the half-day of each session."""

    stops: tuple[str, ...]
    timed: TimedTour
    halves: tuple[Slot, ...]

    @property
    def km(self) -> float:
        """Kilometres driven."""
        return self.timed.distance_m / 1000.0


def _halves(data: PlanningData, timed: TimedTour) -> tuple[Slot, ...] | None:
    out = []
    for start, end in zip(timed.starts, timed.ends, strict=True):
        halves = slots_of(clock(start), clock(end), data.settings.midday)
        if len(halves) != 1:
            return None
        out.append(next(iter(halves)))
    return tuple(out)


def patterns_for(
    data: PlanningData, bus_id: str, open_stops: Sequence[str], *, max_stops: int | None = None
) -> list[DayPattern]:
    """Every feasible pattern of ``bus_id`` over ``open_stops`` (Stops open that weekday).

    Parameters
    ----------
    data
        Planning data.
    bus_id
        The bus.
    open_stops
        Stop ids that may be visited (open on the weekday considered).
    max_stops
        Longest sequence; default: as many half-day sessions as fit in the bus's day (2 for the
        usual 150-minute sessions, more for short ones), at most 4.
    """
    bus = data.buses[bus_id]
    if max_stops is None:
        shortest = min((data.stops[s].session_minutes for s in open_stops), default=0)
        day = (bus.day_end.hour * 60 + bus.day_end.minute) - (
            bus.day_start.hour * 60 + bus.day_start.minute
        )
        max_stops = max(1, min(4, (day - bus.lunch_minutes) // max(shortest, 1)))
    patterns: list[DayPattern] = []
    frontier: list[tuple[str, ...]] = [()]
    for _length in range(max_stops):
        grown: list[tuple[str, ...]] = []
        for prefix in frontier:
            for stop in open_stops:
                if stop in prefix:
                    continue
                sequence = (*prefix, stop)
                timed = time_tour(data, bus_id, sequence)
                if timed is None:
                    continue
                grown.append(sequence)
                halves = _halves(data, timed)
                if halves is not None:
                    patterns.append(DayPattern(sequence, timed, halves))
        frontier = grown
    logger.debug("%d day patterns for %s over %d stops", len(patterns), bus_id, len(open_stops))
    return patterns
