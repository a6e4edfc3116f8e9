"""Day patterns: every way a bus can spend a day, enumerated and timed once.

A pattern is an ordered sequence of Stops a bus visits in one day, with its timing
(:func:`~itinerant.schedule.timing.time_tour`). Timing depends only on the bus and the Stops, so
patterns are built once per (bus, set of Stops open on a weekday) and shared by every date with
the same weekday. Sequences grow Stop by Stop and stop growing as soon as one does not fit (a
longer day never fits if its prefix does not); ``max_stops`` bounds the length (2 for half-day
sessions; short sessions allow more).

Short sessions make the number of orderings explode (four Stops among a hundred), so two rules
keep enumeration fast on a real territory (neither changes anything on a territory of a few
Stops):

- a sequence is extended only to the :data:`NEIGHBOURS` Stops nearest to its last Stop (a bus
  chains nearby villages; a day zig-zagging across the territory is never worth it);
- of the sequences visiting the same set of Stops and ending at the same Stop, only the one that
  ends its last session earliest (then drives least) is extended, and of the patterns visiting
  the same set of Stops in the same half-days, only the one that drives least is kept: they
  reach the same communes with the same crews.

Sessions that straddle the midday boundary are left out: a crew is chosen per half-day, and a
session must belong to one half-day.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from itinerant.clock import clock_of, minutes_between, seconds_of
from itinerant.model import Slot
from itinerant.places import PlaceKey
from itinerant.schedule.data import PlanningData, slots_of
from itinerant.schedule.schedule import Tour, Visit
from itinerant.schedule.timing import TimedTour, time_tour

__all__ = [
    "MAX_ENUMERATED_STOPS",
    "NEIGHBOURS",
    "DayPattern",
    "day_pattern",
    "patterns_for",
    "tour_from_pattern",
]

logger = logging.getLogger(__name__)

NEIGHBOURS = 12
"""A day's sequence goes on only to one of the Stops this near to its last Stop (by drive)."""
MAX_ENUMERATED_STOPS = 4
"""Longest day enumerated; longer days come from :mod:`~itinerant.schedule.long_days`."""


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
        halves = slots_of(clock_of(start), clock_of(end), data.settings.midday)
        if len(halves) != 1:
            return None
        out.append(next(iter(halves)))
    return tuple(out)


def day_pattern(data: PlanningData, bus_id: str, stops: tuple[str, ...]) -> DayPattern | None:
    """The pattern of ``bus_id`` visiting ``stops`` in order, or ``None`` when it does not fit.

    A pattern fits when :func:`~itinerant.schedule.timing.time_tour` times it and each session
    lies within one half-day.
    """
    timed = time_tour(data, bus_id, stops)
    if timed is None:
        return None
    halves = _halves(data, timed)
    return None if halves is None else DayPattern(stops, timed, halves)


def patterns_for(
    data: PlanningData,
    bus_id: str,
    open_stops: Sequence[str],
    *,
    max_stops: int | None = None,
    neighbours: int = NEIGHBOURS,
    stop_at: float | None = None,
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
        usual 150-minute sessions, more for short ones), at most :data:`MAX_ENUMERATED_STOPS`.
    neighbours
        A sequence goes on only to one of this many Stops nearest to its last Stop.
    stop_at
        A moment (:func:`time.monotonic`) after which no sequence of three Stops or more is
        extended: the patterns found so far are returned (a warning says so). Enumeration is
        then no longer reproducible; without it, it always is.
    """
    bus = data.buses[bus_id]
    if max_stops is None:
        shortest = min((data.stops[s].session_minutes for s in open_stops), default=0)
        day = minutes_between(bus.day_start, bus.day_end)
        max_stops = max(1, min(MAX_ENUMERATED_STOPS, (day - bus.lunch_minutes) // max(shortest, 1)))
    depot = PlaceKey.depot(bus.depot)
    to_depot = {s: data.travel_s(PlaceKey.stop(s), depot) for s in open_stops}
    travel = {
        (a, b): data.travel_s(PlaceKey.stop(a), PlaceKey.stop(b))
        for a in open_stops
        for b in open_stops
    }
    opens = {s: seconds_of(data.stops[s].opens) for s in open_stops}
    closes = {s: seconds_of(data.stops[s].closes) for s in open_stops}
    session = {s: data.stops[s].session_minutes * 60 for s in open_stops}
    day_end = seconds_of(bus.day_end)
    max_drive = bus.max_drive_minutes * 60

    nearest = {
        a: sorted(
            (b for b in open_stops if b != a and travel[(a, b)] >= 0),
            key=lambda b: (travel[(a, b)], b),
        )[:neighbours]
        for a in open_stops
    }

    def cannot_extend(prefix: tuple[str, ...], timed: TimedTour, stop: str) -> bool:
        """A lower bound proves that ``prefix + stop`` does not fit (cheap, before timing)."""
        last = prefix[-1]
        leg = travel[(last, stop)]
        if leg < 0 or to_depot[stop] < 0:
            return True
        start = max(timed.ends[-1] + leg, opens[stop])
        end = start + session[stop]
        if end > closes[stop] or end + to_depot[stop] > day_end:
            return True
        return timed.drive_s - to_depot[last] + leg + to_depot[stop] > max_drive

    best: dict[tuple[frozenset[str], tuple[Slot, ...]], DayPattern] = {}
    frontier: list[tuple[tuple[str, ...], TimedTour | None]] = [((), None)]
    for length in range(max_stops):
        grown: dict[tuple[frozenset[str], str], tuple[tuple[str, ...], TimedTour]] = {}
        cut = False
        for count, (prefix, prefix_timed) in enumerate(frontier):
            if length > 1 and stop_at is not None and count % 256 == 0:
                cut = time.monotonic() > stop_at
                if cut:
                    logger.warning(
                        "day patterns of %s: some days of %d Stops left out (time limit)",
                        bus_id,
                        length + 1,
                    )
                    break
            for stop in nearest[prefix[-1]] if prefix else open_stops:
                if stop in prefix:
                    continue
                if prefix_timed is not None and cannot_extend(prefix, prefix_timed, stop):
                    continue
                sequence = (*prefix, stop)
                timed = time_tour(data, bus_id, sequence)
                if timed is None:
                    continue
                key = (frozenset(sequence), stop)
                rival = grown.get(key)
                if rival is None or (timed.ends[-1], timed.drive_s, sequence) < (
                    rival[1].ends[-1],
                    rival[1].drive_s,
                    rival[0],
                ):
                    grown[key] = (sequence, timed)
                halves = _halves(data, timed)
                if halves is None:
                    continue
                slot_key = (frozenset(sequence), halves)
                kept = best.get(slot_key)
                if kept is None or (timed.distance_m, timed.drive_s, sequence) < (
                    kept.timed.distance_m,
                    kept.timed.drive_s,
                    kept.stops,
                ):
                    best[slot_key] = DayPattern(sequence, timed, halves)
        if cut:
            break
        frontier = [grown[key] for key in sorted(grown, key=lambda k: grown[k][0])]
    patterns = sorted(best.values(), key=lambda p: p.stops)
    logger.debug("%d day patterns for %s over %d stops", len(patterns), bus_id, len(open_stops))
    return patterns


def tour_from_pattern(
    bus: str, day: dt.date, pattern: DayPattern, crews: Mapping[Slot, tuple[str, ...]]
) -> Tour:
    """The Tour of ``bus`` on ``day`` following ``pattern``, with the crew of each half-day."""
    timed = pattern.timed
    visits = tuple(
        Visit(
            stop=stop,
            arrival=clock_of(arrival),
            start=clock_of(start),
            end=clock_of(end),
            crew=tuple(crews.get(half, ())),
        )
        for stop, half, arrival, start, end in zip(
            pattern.stops, pattern.halves, timed.arrivals, timed.starts, timed.ends, strict=True
        )
    )
    return Tour(
        bus=bus,
        date=day,
        departure=clock_of(timed.departure),
        return_time=clock_of(timed.return_time),
        visits=visits,
        lunch=(clock_of(timed.lunch[0]), clock_of(timed.lunch[1])) if timed.lunch else None,
    )
