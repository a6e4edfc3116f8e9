"""Regularity: the same Stop in the same half-day, one rotation period apart.

``g[s, d, h]`` may be 1 only when Stop s is visited on date d in half-day h *and* on
``d - rotation`` in the same half-day; the objective gains ``regularity_weight`` for each, so
the public can remember when the bus comes.
"""

from __future__ import annotations

import datetime as dt

from itinerant.schedule.cpsat.variables import Term, Variables, scaled

__all__ = ["add_regularity"]


def add_regularity(variables: Variables) -> list[Term]:
    """Add a regularity bonus for each visit that can repeat one a rotation earlier."""
    model = variables.model
    data = variables.data
    rotation = dt.timedelta(days=7 * data.scenario.horizon.rotation_weeks)
    bonus = scaled(data.settings.regularity_weight)
    terms: list[Term] = []
    for (stop, day, half), visits in variables.visits_at.items():
        earlier = variables.visits_at.get((stop, day - rotation, half))
        if not earlier:
            continue
        g = model.new_bool_var(f"g[{stop},{day},{half}]")
        model.add(g <= sum(visits))
        model.add(g <= sum(earlier))
        terms.append((g, bonus))
    return terms
