"""Counsellors' workload: never in two places at once, within their days per week.

Each half-day a counsellor does at most one thing (a bus, or a PopUp); ``w[c, d]`` is 1 when
counsellor c works on date d at all, and the days worked in each ISO week are within c's
``max_days_per_week``. The objective loses one unit per counsellor-day (a tie-break: fewer
counsellor-days, all else equal).
"""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from itinerant.schedule.cpsat.variables import Term, Variables

__all__ = ["add_workload"]


def add_workload(variables: Variables) -> list[Term]:
    """Add the half-day and weekly limits (after crews and pop-ups); the tie-break terms."""
    model = variables.model
    works = variables.works
    for (cid, day, _half), terms in variables.activities().items():
        model.add(sum(terms) <= 1)
        w = works.get((cid, day))
        if w is None:
            w = model.new_bool_var(f"w[{cid},{day}]")
            works[(cid, day)] = w
        for term in terms:
            model.add(w >= term)
    per_week: dict[tuple[str, int, int], list[cp_model.IntVar]] = defaultdict(list)
    for (cid, day), w in works.items():
        year, week, _ = day.isocalendar()
        per_week[(cid, year, week)].append(w)
    for (cid, _y, _w), days in per_week.items():
        model.add(sum(days) <= variables.data.counsellors[cid].max_days_per_week)
    return [(w, -1) for w in works.values()]
