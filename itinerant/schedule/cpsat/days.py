"""Bus-days and Stop-days: one day pattern per bus-day, one visit per Stop a day; driving cost.

- a bus-day runs at most one of its day patterns (none: the bus stays at its depot);
- a Stop receives at most one visit a day (one bus, one session: the validator's ``stop-day``);
- the objective pays ``km_weight`` per kilometre of the chosen patterns.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ortools.sat.python import cp_model

from itinerant.schedule.cpsat.variables import Term, Variables, scaled

__all__ = ["add_one_pattern", "add_one_visit_per_stop_day", "driving_cost"]


def add_one_pattern(variables: Variables, bus: str, day: dt.date) -> None:
    """The bus-day runs at most one of its patterns."""
    variables.model.add_at_most_one(variables.day_runs(bus, day))


def add_one_visit_per_stop_day(variables: Variables) -> None:
    """Each Stop receives at most one visit a day, whatever the bus and the half-day."""
    per_stop_day: dict[tuple[str, dt.date], list[cp_model.IntVar]] = defaultdict(list)
    for (stop, _bus, day, _half), var in variables.visits.items():
        per_stop_day[(stop, day)].append(var)
    for terms in per_stop_day.values():
        variables.model.add_at_most_one(terms)


def driving_cost(variables: Variables) -> list[Term]:
    """The objective term of driving: ``-km_weight × km`` for each chosen pattern."""
    weight = variables.data.settings.km_weight
    return [
        (run, -scaled(weight * variables.pattern(bus, day, i).km))
        for (bus, day, i), run in variables.runs.items()
    ]
