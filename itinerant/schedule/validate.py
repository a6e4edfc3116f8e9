"""Solver-independent validator: re-checks every rule and recomputes the objective and KPIs.

It reads only the Schedule and the :class:`~itinerant.schedule.data.PlanningData`, never the
solver's model, so that a bug in the model cannot hide from it. Every solver test runs it.

Rules checked (each violation names its rule, bus, date, Stop, counsellor or PopUp):

- ``bus-day``: a Tour's bus exists and may run that date (working day of the Horizon, one of the
  bus's service days, not blocked); at most one Tour per bus and date.
- ``timing``: the bus leaves after its day starts, reaches each Stop no sooner than the drive from
  the previous place allows (drives end at ``arrival``), receives the public from ``start`` to
  ``end`` for exactly the Stop's session length, inside the Stop's weekdays and hours, and is back
  at its depot before its day ends.
- ``driving``: the day's driving does not exceed the bus's maximum.
- ``stop-day``: a Stop receives at most one visit a day (one bus, one session).
- ``lunch``: when the Tour spans the lunch window, a break of the bus's lunch length lies inside
  the window and overlaps no session and no drive.
- ``crew``: each Visit has between ``min_crew`` and ``seats`` counsellors, each available for the
  session's half-days, together covering the Stop's required pôles.
- ``popup``: a staffed PopUp gets, for each pôle, as many counsellors having that pôle and available
  for its half-days as it needs; every mandatory PopUp of the Horizon is staffed.
- ``double-booking``: no counsellor is in two places (two Tours, or a Tour and a PopUp) in the same
  half-day.
- ``weekly-limit``: no counsellor works more days in an ISO week than their limit.

The objective (to maximise; in need units, see :class:`~itinerant.schedule.schedule.PlanSettings`)::

    coverage - frequency_penalty + regularity_bonus - equity_penalty - driving_cost + popup_value

- coverage: for each commune, its Need times ``1 + d + d² + …`` over the Visits whose Stop's
  Catchment contains it (``d`` = ``repeat_decay``, at most ``max_counted_visits`` terms);
- frequency_penalty: ``frequency_weight`` × Need, for each rotation period in which a high-need
  commune is not reached;
- regularity_bonus: ``regularity_weight`` for each Visit repeating a Visit of the same Stop, same
  half-day, exactly one rotation period earlier;
- equity_penalty: ``equity_weight`` × Σ over zones (EPCI) of
  ``max(0, equity_floor × (reached need / total need) × zone need − zone reached need)``;
- driving_cost: ``km_weight`` × kilometres driven;
- popup_value: ``popup_priority_value`` × priority, for each optional PopUp staffed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from itinerant.clock import hhmm, minutes_between, seconds_of
from itinerant.model import Pole, Slot
from itinerant.places import PlaceKey
from itinerant.schedule.data import NO_ZONE, PlanningData, slots_of
from itinerant.schedule.schedule import Schedule, Tour

__all__ = ["Kpis", "ObjectiveTerms", "Report", "Violation", "validate"]


@dataclass(frozen=True, slots=True)
class Violation:
    """A broken rule, with where it is broken."""

    rule: str
    message: str
    bus: str = ""
    date: dt.date | None = None
    stop: str = ""
    counsellor: str = ""
    popup: str = ""

    def __str__(self) -> str:
        where = " ".join(
            part
            for part in (
                self.date.isoformat() if self.date else "",
                f"bus {self.bus}" if self.bus else "",
                f"stop {self.stop}" if self.stop else "",
                f"counsellor {self.counsellor}" if self.counsellor else "",
                f"popup {self.popup}" if self.popup else "",
            )
            if part
        )
        return f"[{self.rule}] {where}: {self.message}"


@dataclass(frozen=True)
class ObjectiveTerms:
    """The objective's terms, recomputed (need units); :attr:`total` is to be maximised."""

    coverage: float
    frequency_penalty: float
    regularity_bonus: float
    equity_penalty: float
    driving_cost: float
    popup_value: float

    @property
    def total(self) -> float:
        """The objective value."""
        return (
            self.coverage
            - self.frequency_penalty
            + self.regularity_bonus
            - self.equity_penalty
            - self.driving_cost
            + self.popup_value
        )


@dataclass(frozen=True)
class Kpis:
    """Key figures of a Schedule."""

    need_reached: float
    need_total: float
    need_reached_by_zone: Mapping[str, float]
    """Share (0..1) of each zone's Need reached at least once."""
    km_driven: float
    hours_driven: float
    counsellor_days: int
    tours: int
    visits: int
    sessions_per_stop: Mapping[str, int]
    popups_staffed: int
    population_beyond_30_before: int
    population_beyond_30_after: tuple[int, ...]
    """Per rotation period: population farther than 30 min from any ServicePoint *and* from every
    Stop visited in that period."""
    co2_kg: float

    @property
    def need_reached_share(self) -> float:
        """Share (0..1) of the Territory's Need reached at least once."""
        return self.need_reached / self.need_total if self.need_total else 0.0


@dataclass(frozen=True)
class Report:
    """What the validator found: violations, the recomputed objective and the KPIs."""

    violations: tuple[Violation, ...]
    objective: ObjectiveTerms
    kpis: Kpis
    reached_counts: Mapping[str, int] = field(repr=False, default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when no rule is broken."""
        return not self.violations


def _half(visit_start: dt.time, midday: dt.time) -> Slot:
    return Slot.AM if visit_start < midday else Slot.PM


class _Checker:
    def __init__(self, schedule: Schedule, data: PlanningData) -> None:
        self.schedule = schedule
        self.data = data
        self.violations: list[Violation] = []
        # (counsellor, date, half) -> activities ("bus:<id>" or "popup:<id>")
        self.activities: dict[tuple[str, dt.date, Slot], set[str]] = defaultdict(set)
        self.drive_s = 0
        self.distance_m = 0

    def add(self, rule: str, message: str, **where: object) -> None:
        self.violations.append(Violation(rule, message, **where))  # type: ignore[arg-type]

    # -------------------------------------------------------------- tours
    def tours(self) -> None:
        seen: set[tuple[str, dt.date]] = set()
        stop_days: set[tuple[str, dt.date]] = set()
        for tour in self.schedule.tours:
            for visit in tour.visits:
                if (visit.stop, tour.date) in stop_days:
                    self.add(
                        "stop-day",
                        "the Stop already receives a visit that day",
                        bus=tour.bus,
                        date=tour.date,
                        stop=visit.stop,
                    )
                stop_days.add((visit.stop, tour.date))
        allowed = set(self.data.bus_days())
        for tour in self.schedule.tours:
            key = (tour.bus, tour.date)
            if tour.bus not in self.data.buses:
                self.add("bus-day", "unknown bus", bus=tour.bus, date=tour.date)
                continue
            if key in seen:
                self.add("bus-day", "two Tours the same day", bus=tour.bus, date=tour.date)
            seen.add(key)
            if key not in allowed:
                self.add(
                    "bus-day",
                    "the bus may not run that day (not a working day of the Horizon, not a "
                    "service day, or blocked)",
                    bus=tour.bus,
                    date=tour.date,
                )
            self.tour(tour)

    def tour(self, tour: Tour) -> None:
        data = self.data
        bus = data.buses[tour.bus]
        where = {"bus": tour.bus, "date": tour.date}
        depot = PlaceKey.depot(bus.depot)
        if tour.departure < bus.day_start:
            self.add("timing", f"leaves at {tour.departure} before the day starts", **where)
        clock = seconds_of(tour.departure)
        previous = depot
        drives: list[tuple[int, int]] = []
        sessions: list[tuple[int, int]] = []
        drive_total = 0
        for visit in tour.visits:
            stop = data.stops.get(visit.stop)
            if stop is None:
                self.add("timing", f"unknown stop {visit.stop!r}", **where)
                return
            here = PlaceKey.stop(stop.id)
            travel = data.travel_s(previous, here)
            if travel < 0:
                self.add("timing", f"no road from {previous} to {here}", stop=stop.id, **where)
                return
            drive_total += travel
            self.distance_m += data.distance_m(previous, here)
            arrival, start, end = (
                seconds_of(visit.arrival),
                seconds_of(visit.start),
                seconds_of(visit.end),
            )
            if arrival < clock + travel:
                self.add(
                    "timing",
                    f"arrives at {visit.arrival} but cannot be there before "
                    f"{hhmm(clock + travel)} ({travel // 60} min drive)",
                    stop=stop.id,
                    **where,
                )
            if not data.stop_open_on(stop, tour.date):
                self.add(
                    "timing", "the Stop does not receive on that weekday", stop=stop.id, **where
                )
            if visit.start < stop.opens or visit.end > stop.closes:
                self.add(
                    "timing",
                    f"session {visit.start}-{visit.end} outside opening hours "
                    f"{stop.opens}-{stop.closes}",
                    stop=stop.id,
                    **where,
                )
            if minutes_between(visit.start, visit.end) != stop.session_minutes or (
                end - start != stop.session_minutes * 60
            ):
                self.add(
                    "timing",
                    f"session lasts {(end - start) / 60:g} min, not {stop.session_minutes}",
                    stop=stop.id,
                    **where,
                )
            drives.append((arrival - travel, arrival))
            sessions.append((start, end))
            clock = end
            previous = here
            self.crew(tour, visit.stop, visit.start, visit.end, visit.crew)
        back = data.travel_s(previous, depot)
        if back < 0:
            self.add("timing", f"no road back to the depot from {previous}", **where)
            return
        drive_total += back
        self.distance_m += data.distance_m(previous, depot)
        ret = seconds_of(tour.return_time)
        if ret < clock + back:
            self.add(
                "timing",
                f"returns at {tour.return_time} but cannot be back before {hhmm(clock + back)}",
                **where,
            )
        if tour.return_time > bus.day_end:
            self.add("timing", f"returns at {tour.return_time}, after the day ends", **where)
        drives.append((ret - back, ret))
        self.drive_s += drive_total
        if drive_total > bus.max_drive_minutes * 60:
            self.add(
                "driving",
                f"{drive_total / 60:.0f} min of driving, more than {bus.max_drive_minutes}",
                **where,
            )
        self.lunch(tour, drives, sessions)

    def lunch(
        self, tour: Tour, drives: list[tuple[int, int]], sessions: list[tuple[int, int]]
    ) -> None:
        bus = self.data.buses[tour.bus]
        where = {"bus": tour.bus, "date": tour.date}
        need = bus.lunch_minutes * 60
        w0, w1 = seconds_of(bus.lunch_start), seconds_of(bus.lunch_end)
        out0, out1 = seconds_of(tour.departure), seconds_of(tour.return_time)
        required = need > 0 and out0 < w1 - need and out1 > w0 + need
        if tour.lunch is None:
            if required:
                self.add("lunch", "the Tour spans the lunch window but has no lunch break", **where)
            return
        l0, l1 = seconds_of(tour.lunch[0]), seconds_of(tour.lunch[1])
        if l1 - l0 < need:
            self.add(
                "lunch",
                f"lunch break of {(l1 - l0) // 60} min, less than {bus.lunch_minutes}",
                **where,
            )
        if l0 < w0 or l1 > w1:
            self.add("lunch", f"lunch break outside {bus.lunch_start}-{bus.lunch_end}", **where)
        for a, b in drives + sessions:
            if a < l1 and l0 < b:
                self.add("lunch", "lunch break overlaps a drive or a session", **where)
                break

    def crew(
        self, tour: Tour, stop_id: str, start: dt.time, end: dt.time, crew: tuple[str, ...]
    ) -> None:
        data = self.data
        bus = data.buses[tour.bus]
        stop = data.stops[stop_id]
        where = {"bus": tour.bus, "date": tour.date, "stop": stop_id}
        if not bus.min_crew <= len(crew) <= bus.seats:
            self.add(
                "crew",
                f"{len(crew)} counsellor(s) on board; needs {bus.min_crew} to {bus.seats}",
                **where,
            )
        halves = slots_of(start, end, data.settings.midday)
        poles: set[Pole] = set()
        for cid in crew:
            counsellor = data.counsellors.get(cid)
            if counsellor is None:
                self.add("crew", "unknown counsellor", counsellor=cid, **where)
                continue
            poles |= counsellor.poles
            self.engage("crew", cid, tour.date, halves, f"bus:{tour.bus}", where=where)
        lacking = stop.required_poles - poles
        if lacking:
            self.add(
                "crew",
                f"required pôle(s) not covered: {', '.join(sorted(p.value for p in lacking))}",
                **where,
            )

    def engage(
        self,
        rule: str,
        cid: str,
        day: dt.date,
        halves: frozenset[Slot],
        activity: str,
        *,
        where: Mapping[str, object],
    ) -> None:
        """Record ``cid`` doing ``activity`` in those half-days, if available for them."""
        missing = halves - self.data.available(cid, day)
        if missing:
            self.add(
                rule,
                f"not available ({', '.join(sorted(h.value for h in missing))})",
                counsellor=cid,
                **where,
            )
        for half in halves:
            self.activities[(cid, day, half)].add(activity)

    # -------------------------------------------------------------- popups
    def popups(self) -> None:
        data = self.data
        staffed = set()
        first, last = data.days[0] if data.days else None, data.days[-1] if data.days else None
        for staffing in self.schedule.popups:
            popup = data.popups.get(staffing.popup)
            if popup is None:
                self.add("popup", "unknown PopUp", popup=staffing.popup)
                continue
            where = {"popup": popup.id, "date": popup.date}
            if popup.date not in data.days:
                self.add("popup", "its date is not a working day of the Horizon", **where)
            if staffing.popup in staffed:
                self.add("popup", "staffed twice", **where)
            staffed.add(staffing.popup)
            halves = slots_of(popup.start, popup.end, data.settings.midday)
            counts: Counter[Pole] = Counter()
            if len(set(staffing.counsellors)) != len(staffing.counsellors):
                self.add("popup", "a counsellor is sent twice", **where)
            for cid, pole in staffing.assignments:
                counsellor = data.counsellors.get(cid)
                if counsellor is None:
                    self.add("popup", "unknown counsellor", counsellor=cid, **where)
                    continue
                if pole not in counsellor.poles:
                    self.add(
                        "popup", f"does not have the pôle {pole.value}", counsellor=cid, **where
                    )
                    continue
                counts[pole] += 1
                self.engage("popup", cid, popup.date, halves, PlaceKey.popup(popup.id), where=where)
            for pole, count in popup.needs:
                if counts[pole] < count:
                    self.add(
                        "popup",
                        f"needs {count} counsellor(s) for {pole.value}, has {counts[pole]}",
                        **where,
                    )
        for popup in data.scenario.popups:
            in_horizon = first is not None and last is not None and first <= popup.date <= last
            if popup.mandatory and in_horizon and popup.id not in staffed:
                self.add("popup", "mandatory PopUp not staffed", popup=popup.id, date=popup.date)

    # -------------------------------------------------------------- counsellors
    def counsellors(self) -> None:
        days_worked: dict[tuple[str, int, int], set[dt.date]] = defaultdict(set)
        for (cid, day, half), acts in sorted(
            self.activities.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2].value)
        ):
            if len(acts) > 1:
                self.add(
                    "double-booking",
                    f"in {len(acts)} places in the {half.value} half-day: "
                    f"{', '.join(sorted(acts))}",
                    counsellor=cid,
                    date=day,
                )
            year, week, _ = day.isocalendar()
            days_worked[(cid, year, week)].add(day)
        for (cid, year, week), days in sorted(days_worked.items()):
            counsellor = self.data.counsellors.get(cid)
            if counsellor and len(days) > counsellor.max_days_per_week:
                self.add(
                    "weekly-limit",
                    f"works {len(days)} days in week {year}-W{week:02d}, limit "
                    f"{counsellor.max_days_per_week}",
                    counsellor=cid,
                )

    @property
    def counsellor_days(self) -> int:
        return len({(cid, day) for (cid, day, _half) in self.activities})


def _objective_and_kpis(
    schedule: Schedule, data: PlanningData, checker: _Checker
) -> tuple[ObjectiveTerms, Kpis, dict[str, int]]:
    settings = data.settings
    visits = schedule.visits()
    counts: Counter[str] = Counter()
    reached_in_period: dict[str, set[int]] = defaultdict(set)
    for tour, visit in visits:
        period = data.period(tour.date)
        for code in data.catchments.get(visit.stop, ()):
            counts[code] += 1
            reached_in_period[code].add(period)
    coverage = 0.0
    for code, n in counts.items():
        k = min(n, settings.max_counted_visits)
        coverage += data.need.get(code, 0.0) * sum(settings.repeat_decay**i for i in range(k))
    frequency_penalty = settings.frequency_weight * sum(
        data.need[code] * (data.n_periods - len(reached_in_period.get(code, ())))
        for code in data.high_need
    )
    rotation = dt.timedelta(days=7 * data.scenario.horizon.rotation_weeks)
    keys = {(v.stop, t.date, _half(v.start, settings.midday)) for t, v in visits}
    regular = sum(1 for stop, day, half in keys if (stop, day - rotation, half) in keys)
    regularity_bonus = settings.regularity_weight * regular
    reached = set(counts)
    need_reached = sum(data.need.get(c, 0.0) for c in reached)
    zone_need: dict[str, float] = defaultdict(float)
    zone_reached: dict[str, float] = defaultdict(float)
    for code, value in data.need.items():
        zone = data.zones.get(code, NO_ZONE)
        zone_need[zone] += value
        if code in reached:
            zone_reached[zone] += value
    overall = need_reached / data.total_need if data.total_need else 0.0
    equity_penalty = settings.equity_weight * sum(
        max(0.0, settings.equity_floor * overall * zone_need[z] - zone_reached[z])
        for z in zone_need
    )
    km = checker.distance_m / 1000.0
    popup_value = settings.popup_priority_value * sum(
        data.popups[p.popup].priority
        for p in schedule.popups
        if p.popup in data.popups and not data.popups[p.popup].mandatory
    )
    terms = ObjectiveTerms(
        coverage=coverage,
        frequency_penalty=frequency_penalty,
        regularity_bonus=regularity_bonus,
        equity_penalty=equity_penalty,
        driving_cost=settings.km_weight * km,
        popup_value=popup_value,
    )
    # coverage before/after: population beyond 30 min of any advice point, per rotation period
    communes = data.scenario.territory.communes
    far = [c for c in communes if (m := data.access_minutes.get(c.code)) is None or m > 30]
    before = sum(c.population for c in far)
    after = []
    for period in range(data.n_periods):
        stops = {v.stop for t, v in visits if data.period(t.date) == period}
        if not stops or not far:
            after.append(before)
            continue
        times = data.matrix.durations_between(
            [PlaceKey.commune(c.code) for c in far], [PlaceKey.stop(s) for s in sorted(stops)]
        )
        within = (times >= 0) & (times <= 30 * 60)
        near = [bool(within[i].any()) for i in range(len(far))]
        after.append(sum(c.population for c, ok in zip(far, near, strict=True) if not ok))
    kpis = Kpis(
        need_reached=need_reached,
        need_total=data.total_need,
        need_reached_by_zone={
            z: (zone_reached[z] / zone_need[z] if zone_need[z] else 0.0) for z in sorted(zone_need)
        },
        km_driven=km,
        hours_driven=checker.drive_s / 3600.0,
        counsellor_days=checker.counsellor_days,
        tours=len(schedule.tours),
        visits=len(visits),
        sessions_per_stop=dict(sorted(Counter(v.stop for _, v in visits).items())),
        popups_staffed=len(schedule.popups),
        population_beyond_30_before=before,
        population_beyond_30_after=tuple(after),
        co2_kg=km * settings.co2_kg_per_km,
    )
    return terms, kpis, dict(counts)


def validate(schedule: Schedule, data: PlanningData) -> Report:
    """Check every rule on ``schedule`` and recompute its objective and KPIs."""
    checker = _Checker(schedule, data)
    checker.tours()
    checker.popups()
    checker.counsellors()
    terms, kpis, counts = _objective_and_kpis(schedule, data, checker)
    return Report(
        violations=tuple(checker.violations), objective=terms, kpis=kpis, reached_counts=counts
    )
