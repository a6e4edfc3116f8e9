"""Timing a bus's day: from an ordered list of Stops to clock times, with the lunch break.

Given the Stops a bus visits on a date, in order, :func:`time_tour` computes the earliest feasible
times: sessions start on the next quarter hour after arrival and opening (times the public can
remember), the lunch break is placed where it fits inside the bus's lunch window without
overlapping a drive or a session, and the departure from the depot is as late as possible
without delaying the first session. It returns ``None`` when no timing fits the bus's day, the
Stops' opening hours or the maximum driving time. The planner and the baseline both use it, so
that the two are timed alike; the validator re-checks the result independently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from itinerant.clock import seconds_of
from itinerant.places import PlaceKey
from itinerant.schedule.data import PlanningData

__all__ = ["TimedTour", "time_tour"]

START_GRANULARITY_S = 15 * 60
"""Sessions start on a multiple of this many seconds after midnight (15 minutes)."""


@dataclass(frozen=True, slots=True)
class TimedTour:
    """Times (seconds after midnight) of a bus's day; index ``k`` is the ``k``-th Stop."""

    departure: int
    arrivals: tuple[int, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    return_time: int
    lunch: tuple[int, int] | None
    drive_s: int
    distance_m: int


def _round_up(seconds: int) -> int:
    return -(-seconds // START_GRANULARITY_S) * START_GRANULARITY_S


def time_tour(data: PlanningData, bus_id: str, stop_ids: Sequence[str]) -> TimedTour | None:
    """Earliest feasible timing of ``bus_id`` visiting ``stop_ids`` in order, or ``None``.

    Weekdays are not checked here (the caller chooses Stops open that day); everything else a
    validator checks about timing, driving and lunch is honoured.
    """
    bus = data.buses[bus_id]
    if not stop_ids:
        return None
    depot = PlaceKey.depot(bus.depot)
    places = [depot, *(PlaceKey.stop(s) for s in stop_ids), depot]
    legs = [data.travel_s(a, b) for a, b in pairwise(places)]
    if any(leg < 0 for leg in legs):
        return None
    drive = sum(legs)
    if drive > bus.max_drive_minutes * 60:
        return None
    distance = sum(data.distance_m(a, b) for a, b in pairwise(places))
    best: TimedTour | None = None
    # lunch after position k (0 = at the depot before leaving, n = after the last session),
    # or no lunch at all when the day does not span the lunch window
    for position in [None, *range(len(stop_ids) + 1)]:
        timed = _forward(data, bus_id, stop_ids, legs, lunch_after=position)
        if timed is not None:
            timed = replace(timed, drive_s=drive, distance_m=distance)
        if timed is not None and (best is None or timed.return_time < best.return_time):
            best = timed
    return best


def _forward(
    data: PlanningData,
    bus_id: str,
    stop_ids: Sequence[str],
    legs: Sequence[int],
    *,
    lunch_after: int | None,
) -> TimedTour | None:
    bus = data.buses[bus_id]
    w0, w1 = seconds_of(bus.lunch_start), seconds_of(bus.lunch_end)
    need = bus.lunch_minutes * 60
    clock = seconds_of(bus.day_start)
    lunch: tuple[int, int] | None = None

    def take_lunch(at: int) -> int | None:
        nonlocal lunch
        start = max(at, w0)
        if start + need > w1:
            return None
        lunch = (start, start + need)
        return start + need

    if lunch_after == 0:
        after = take_lunch(clock)
        if after is None:
            return None
        clock = after
    arrivals, starts, ends = [], [], []
    for k, stop_id in enumerate(stop_ids):
        stop = data.stops[stop_id]
        arrival = clock + legs[k]
        start = _round_up(max(arrival, seconds_of(stop.opens)))
        end = start + stop.session_minutes * 60
        if end > seconds_of(stop.closes):
            return None
        arrivals.append(arrival)
        starts.append(start)
        ends.append(end)
        clock = end
        if lunch_after == k + 1:
            after = take_lunch(clock)
            if after is None:
                return None
            clock = after
    return_time = clock + legs[-1]
    if return_time > seconds_of(bus.day_end):
        return None
    # leave the depot as late as the first session allows: arrive just as it starts
    arrivals[0] = starts[0]
    departure = starts[0] - legs[0]
    if lunch is None:
        out0, out1 = departure, return_time
        if need > 0 and out0 < w1 - need and out1 > w0 + need:
            return None  # spans the lunch window: a break is required
    else:
        intervals = [(a - leg, a) for a, leg in zip(arrivals, legs, strict=False)]
        intervals += list(zip(starts, ends, strict=True))
        intervals.append((return_time - legs[-1], return_time))
        l0, l1 = lunch
        if any(a < l1 and l0 < b for a, b in intervals):
            return None
    return TimedTour(
        departure=departure,
        arrivals=tuple(arrivals),
        starts=tuple(starts),
        ends=tuple(ends),
        return_time=return_time,
        lunch=lunch,
        drive_s=sum(legs),
        distance_m=0,
    )
