"""Equity floor: each zone (EPCI) gets at least a share of its fair part of the Need reached.

For each zone z, ``short[z]`` (whole need units) is at least
``equity_floor × (reached need / total need) × need of z − reached need of z``; the objective
pays ``equity_weight`` per unit. Both sides are multiplied by ``SCALE × total`` to stay integral.
"""

from __future__ import annotations

import math
from collections import defaultdict

from itinerant.schedule.cpsat.variables import SCALE, Term, Variables, scaled
from itinerant.schedule.data import NO_ZONE

__all__ = ["add_equity_floor"]


def add_equity_floor(variables: Variables) -> list[Term]:
    """Add the shortfall of each zone under its floor (after coverage); its objective terms."""
    data = variables.data
    settings = data.settings
    reached = variables.reached
    total = data.total_need
    if total <= 0 or settings.equity_weight <= 0 or not reached:
        return []
    zone_need: dict[str, float] = defaultdict(float)
    for code, value in data.need.items():
        zone_need[data.zones.get(code, NO_ZONE)] += value
    reached_need = sum(scaled(data.need[c]) * z for c, z in reached.items())
    t_int = scaled(total)
    terms: list[Term] = []
    for zone, need_z in zone_need.items():
        zone_reached = sum(
            scaled(data.need[c]) * z
            for c, z in reached.items()
            if data.zones.get(c, NO_ZONE) == zone
        )
        short = variables.model.new_int_var(0, math.ceil(need_z) + 1, f"short[{zone}]")
        coef = scaled(settings.equity_floor * need_z)
        variables.model.add(short * SCALE * t_int >= coef * reached_need - t_int * zone_reached)
        terms.append((short, -scaled(settings.equity_weight)))
    return terms
