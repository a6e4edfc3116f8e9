"""CP-SAT adapter of the planner: choose day patterns, crews and pop-up staffing for the Horizon.

Why CP-SAT over day patterns
----------------------------
A bus's day is short: two half-day sessions (or a few short ones) between a depot and back. Every
feasible day is enumerated and timed exactly beforehand (:mod:`~itinerant.schedule.patterns`), so
the hard part left is *combinatorial across days*: which Stop on which date, diminishing value for
repeat visits, frequency targets per rotation period, the same Stop on the same weekday each
rotation (regularity), an equity floor per zone, and crews drawn from counsellors whose half-day
availability, weekly limits and pôles are shared with the PopUps. Those are linear constraints
over booleans, which CP-SAT handles well and proves bounds for; the routing library would have
to approximate all of them with penalties on single nodes. The routing core
(:mod:`~itinerant.schedule.routing_core`) only supplies long days of many short sessions as
extra patterns (:mod:`~itinerant.schedule.long_days`). At scale the model is searched by
large neighbourhoods (:mod:`~.lns`).

Model (all coefficients integers: need × ``SCALE``), one module per family
--------------------------------------------------------------------------
- :mod:`~.variables`: ``x[b, d, p]``, bus-day (b, d) runs pattern p; ``v[s, b, d, h]``, Stop s
  visited by bus b on date d in half-day h (the sum of the patterns that do).
- :mod:`~.days`: at most one pattern per bus-day, one visit per Stop a day; driving cost.
- :mod:`~.coverage`: ``z[c, k]``, commune c reached by at least k visits (k =
  1..max_counted_visits), ordered; the objective gains ``need × repeat_decay^(k-1)`` for each.
- :mod:`~.frequency`: ``r[c, t]``, high-need commune c reached in rotation period t.
- :mod:`~.regularity`: ``g[s, d, h]``, Stop s visited on d and h, and one rotation period before.
- :mod:`~.equity`: ``short[z]``, need missing under zone z's equity floor.
- :mod:`~.crews`: ``a[c, b, d, h]``, counsellor c on board bus b on d for half-day h.
- :mod:`~.popups`: ``staffed[u]`` and ``q[c, u, pole]``, counsellor c sent to PopUp u for a pôle.
- :mod:`~.workload`: ``w[c, d]``, c works on d; one place per half-day, weekly limits.
- :mod:`~.keep`: locked bus-days, and the bonus for keeping a published plan (re-planning).
- :mod:`~.formulation` builds the model from them; :mod:`~.search` solves it.

The objective is exactly the validator's (:mod:`~itinerant.schedule.validate`), up to rounding.
"""

from __future__ import annotations

from itinerant.schedule.cpsat.keep import KEEP_CREW_SHARE
from itinerant.schedule.cpsat.search import (
    DETERMINISTIC_SUBSOLVERS,
    CpSatResult,
    Progress,
    Search,
    solve_cpsat,
)
from itinerant.schedule.cpsat.variables import SCALE

__all__ = [
    "DETERMINISTIC_SUBSOLVERS",
    "KEEP_CREW_SHARE",
    "SCALE",
    "CpSatResult",
    "Progress",
    "Search",
    "solve_cpsat",
]
