"""Explanations a coordinator understands, before and after planning.

Before solving, :func:`check_inputs` finds what makes a plan impossible (errors: the planner
refuses to run and says why) and what will silently never happen (warnings: a Stop that no bus
can reach in a working day, a Stop needing a pôle nobody has...). After solving,
:func:`unreached_reasons` gives every high-need commune left unreached its reason.

Messages are in the user's language through :mod:`itinerant.i18n`; ``code`` is a stable
identifier for programs and tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_bipartite_matching

from itinerant.errors import InputError
from itinerant.i18n import number, t
from itinerant.model import PopUp
from itinerant.places import PlaceKey
from itinerant.schedule.data import HALF_DAYS, PlanningData, slots_of
from itinerant.schedule.patterns import DayPattern
from itinerant.schedule.schedule import Schedule
from itinerant.schedule.timing import time_tour

__all__ = [
    "Explanation",
    "ImpossiblePlanError",
    "check_inputs",
    "jointly_infeasible",
    "unreached_reasons",
]


@dataclass(frozen=True, slots=True)
class Explanation:
    """One finding, with a stable ``code`` and a message for coordinators."""

    severity: Literal["error", "warning", "info"]
    code: str
    message: str
    subject: str = ""
    """The id of what it is about (a PopUp, a Stop, a commune code...)."""

    def __str__(self) -> str:
        return self.message


class ImpossiblePlanError(InputError):
    """The inputs make any plan impossible; :attr:`explanations` says why, for coordinators."""

    def __init__(self, explanations: Sequence[Explanation]) -> None:
        self.explanations = tuple(explanations)
        lines = "\n".join(f"  - {e.message}" for e in self.explanations)
        super().__init__(f"{t('explain.impossible')}\n{lines}")


def _date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _popup_checks(data: PlanningData) -> Iterable[Explanation]:
    days = set(data.days)
    first, last = (data.days[0], data.days[-1]) if data.days else (None, None)
    for popup in data.scenario.popups:
        in_horizon = first is not None and last is not None and first <= popup.date <= last
        if not in_horizon:
            continue
        severity: Literal["error", "warning"] = "error" if popup.mandatory else "warning"
        for code, key, values in _popup_problems(data, popup, days):
            # lang None: the current language (given, so that ``values`` cannot be taken for it)
            text = t(f"explain.{key}", None, name=popup.name, date=_date(popup.date), **values)
            yield Explanation(severity, code, text, popup.id)


def _popup_problems(
    data: PlanningData, popup: PopUp, days: set[dt.date]
) -> Iterator[tuple[str, str, dict[str, object]]]:
    """What keeps one PopUp of the Horizon from being staffed: (code, message key, values)."""
    if popup.date not in days:
        yield "popup-not-working-day", "popup_not_working_day", {}
        return
    halves = slots_of(popup.start, popup.end, data.settings.midday)
    available = [c for c in data.counsellors.values() if halves <= data.available(c.id, popup.date)]
    for pole, count in popup.needs:
        holders = [c for c in available if pole in c.poles]
        if len(holders) < count:
            pole_name = t(f"pole.{pole.value}")
            values = {"pole": pole_name, "count": count, "available": len(holders)}
            yield "popup-pole-unavailable", "popup_pole", values
    total = sum(count for _, count in popup.needs)
    if len(available) < total:
        yield (
            "popup-too-few-counsellors",
            "popup_total",
            {"count": total, "available": len(available)},
        )


def _joint_popup_checks(data: PlanningData) -> Iterable[Explanation]:
    """Mandatory PopUps that cannot be staffed together because they share counsellors.

    PopUps touching the same half-day of a date all overlap, so a counsellor can go to one of
    them only: for each date and half-day, a maximum bipartite matching between the
    counsellors they need (one row per pôle and unit) and the counsellors able to come (having
    the pôle, available for the PopUp's half-days) must cover every need. This is a necessary
    condition, so a refusal is always right.
    """
    days = set(data.days)
    counsellors = sorted(data.counsellors)
    for day in sorted({p.date for p in data.scenario.popups if p.date in days}):
        for half in HALF_DAYS:
            popups = [
                p
                for p in data.scenario.popups
                if p.mandatory
                and p.date == day
                and half in slots_of(p.start, p.end, data.settings.midday)
            ]
            if len(popups) < 2:
                continue
            rows, cols = [], []
            demand = 0
            for popup in popups:
                halves = slots_of(popup.start, popup.end, data.settings.midday)
                able = [
                    j for j, cid in enumerate(counsellors) if halves <= data.available(cid, day)
                ]
                for pole, count in popup.needs:
                    for _ in range(count):
                        for j in able:
                            if pole in data.counsellors[counsellors[j]].poles:
                                rows.append(demand)
                                cols.append(j)
                        demand += 1
            graph = csr_matrix(
                (np.ones(len(rows)), (rows, cols)), shape=(demand, max(1, len(counsellors)))
            )
            matched = int((maximum_bipartite_matching(graph, perm_type="column") >= 0).sum())
            if matched < demand:
                yield Explanation(
                    "error",
                    "popups-together",
                    t(
                        "explain.popups_together",
                        date=_date(day),
                        names=", ".join(f"« {p.name} »" for p in popups),
                        count=demand,
                        available=matched,
                    ),
                    " ".join(p.id for p in popups),
                )
                break  # one explanation per date


def _stop_checks(data: PlanningData) -> Iterable[Explanation]:
    all_poles = set().union(*(c.poles for c in data.counsellors.values()))
    bus_weekdays = {day.weekday() for _, day in data.bus_days()}
    for stop in data.scenario.stops:
        if not data.buses:
            break
        fits = [b for b in data.buses if time_tour(data, b, [stop.id]) is not None]
        if not fits:
            bus = next(iter(data.buses.values()))
            minutes = data.travel_s(PlaceKey.depot(bus.depot), PlaceKey.stop(stop.id)) // 60
            yield Explanation(
                "warning",
                "stop-too-far",
                t(
                    "explain.stop_too_far",
                    name=stop.name,
                    minutes=minutes,
                    session=stop.session_minutes,
                    start=bus.day_start.strftime("%H:%M"),
                    end=bus.day_end.strftime("%H:%M"),
                    drive=bus.max_drive_minutes,
                ),
                stop.id,
            )
        if not stop.weekdays & bus_weekdays:
            yield Explanation(
                "warning",
                "stop-never-open",
                t("explain.stop_never_open", name=stop.name),
                stop.id,
            )
        missing = stop.required_poles - all_poles
        if missing:
            yield Explanation(
                "warning",
                "stop-pole-missing",
                t(
                    "explain.stop_pole",
                    name=stop.name,
                    poles=", ".join(t(f"pole.{p.value}") for p in sorted(missing)),
                ),
                stop.id,
            )


def _crew_checks(data: PlanningData) -> Iterable[Explanation]:
    for bus in data.buses.values():
        days = [d for b, d in data.bus_days() if b == bus.id]
        crewable = [
            d
            for d in days
            if sum(1 for c in data.counsellors if data.available(c, d)) >= bus.min_crew
        ]
        if days and not crewable:
            yield Explanation(
                "warning",
                "bus-no-crew",
                t("explain.bus_no_crew", name=bus.name, count=bus.min_crew),
                bus.id,
            )


def check_inputs(data: PlanningData) -> list[Explanation]:
    """Everything that makes a plan impossible (errors) or a resource unusable (warnings)."""
    individual = list(_popup_checks(data))
    joint = [] if any(f.severity == "error" for f in individual) else _joint_popup_checks(data)
    return [*individual, *joint, *_stop_checks(data), *_crew_checks(data)]


def jointly_infeasible(data: PlanningData) -> Explanation:
    """The explanation when the solver proves that the hard requirements cannot all hold.

    Only mandatory PopUps and locked days are hard; when the checks above found nothing, they
    conflict through counsellors' weekly limits or availability across several dates.
    """
    names = ", ".join(f"« {p.name} »" for p in data.scenario.popups if p.mandatory)
    return Explanation(
        "error", "jointly-infeasible", t("explain.jointly_infeasible", names=names or "—")
    )


def unreached_reasons(
    data: PlanningData,
    schedule: Schedule,
    patterns: Mapping[tuple[str, dt.date], Sequence[DayPattern]],
) -> list[Explanation]:
    """Why each high-need commune the Schedule does not reach was left out.

    Reasons, first that applies: no Stop within its catchment radius; the Stops that reach it
    fit in no bus's day; they are open only on days without a crew; otherwise it was outweighed
    by communes of higher need within the buses' and counsellors' capacity.
    """
    reached = {
        code for _, visit in schedule.visits() for code in data.catchments.get(visit.stop, ())
    }
    reaching = data.stops_reaching
    usable: dict[str, set[dt.date]] = {}
    for (_bus, day), options in patterns.items():
        for pattern in options:
            for stop in pattern.stops:
                usable.setdefault(stop, set()).add(day)
    crewed_days = {
        day
        for bus, day in data.bus_days()
        if sum(1 for c in data.counsellors if data.available(c, day)) >= data.buses[bus].min_crew
    }
    out = []
    for code in sorted(data.high_need, key=lambda c: -data.need[c]):
        if code in reached:
            continue
        commune = data.scenario.territory.commune(code)
        need = number(data.need[code])
        stops = reaching.get(code, [])
        if not stops:
            key, reason = "no-stop", "explain.unreached_no_stop"
        elif not any(usable.get(s) for s in stops):
            key, reason = "stops-unusable", "explain.unreached_unusable"
        elif not any(usable.get(s, set()) & crewed_days for s in stops):
            key, reason = "no-crew", "explain.unreached_no_crew"
        else:
            key, reason = "outweighed", "explain.unreached_outweighed"
        out.append(Explanation("info", key, t(reason, name=commune.name, need=need), commune.code))
    return out
