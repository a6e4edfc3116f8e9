"""Re-planning: locked bus-days, and a bonus for each published visit and crew kept.

A locked bus-day runs the pattern visiting exactly its locked Stops (in order). Keeping a visit
of the published Schedule (same bus, date, Stop and half-day) is worth the Territory's total
Need, and keeping a crew assignment a quarter of that (:data:`KEEP_CREW_SHARE`), so the solver
first keeps what still works, visits before crews, and only then improves.
"""

from __future__ import annotations

import datetime as dt

from itinerant.errors import InputError
from itinerant.schedule.cpsat.variables import Term, Variables, scaled
from itinerant.schedule.data import slots_of
from itinerant.schedule.schedule import Schedule

__all__ = ["KEEP_CREW_SHARE", "add_lock", "keep_terms"]

KEEP_CREW_SHARE = 4
"""When re-planning, keeping a crew assignment of the published plan is worth the Territory's
total Need divided by this (keeping a visit is worth the total Need): a change told to a
counsellor costs more than the need any one new visit could reach, and less than a visit."""


def add_lock(variables: Variables, bus: str, day: dt.date, stops: tuple[str, ...]) -> None:
    """The bus-day runs the pattern visiting ``stops`` in order.

    Raises
    ------
    InputError
        When no pattern of the bus-day visits those Stops (the day no longer fits the bus).
    """
    fixed = variables.runs_with(bus, day, stops)
    if not fixed:
        msg = (
            f"the locked day of {bus} on {day.isoformat()} "
            f"({', '.join(stops)}) no longer fits the bus's day"
        )
        raise InputError(msg)
    variables.model.add(sum(fixed) == 1)


def keep_terms(variables: Variables, keep: Schedule) -> list[Term]:
    """The bonus for each visit and crew assignment of ``keep`` that the model can keep."""
    visit_weight = scaled(max(variables.data.total_need, 1.0))
    crew_weight = visit_weight // KEEP_CREW_SHARE
    terms: list[Term] = []
    for tour in keep.tours:
        for visit in tour.visits:
            for half in slots_of(visit.start, visit.end, variables.data.settings.midday):
                visit_var = variables.visits.get((visit.stop, tour.bus, tour.date, half))
                if visit_var is not None:
                    terms.append((visit_var, visit_weight))
                for cid in visit.crew:
                    crew_var = variables.on_board.get((cid, tour.bus, tour.date, half))
                    if crew_var is not None:
                        terms.append((crew_var, crew_weight))
    return terms
