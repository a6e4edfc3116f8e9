"""Tour planning: Schedules, the validator, the planner, explanations and re-planning.

- :mod:`~itinerant.schedule.schedule`: the Schedule and its parts (plain, frozen data);
- :mod:`~itinerant.schedule.validate`: the solver-independent validator, objective and KPIs;
- :mod:`~itinerant.schedule.changes`: disruptions and the visit-by-visit diff of two Schedules;
- :mod:`~itinerant.schedule.planner`: the planner (CP-SAT adapter in
  :mod:`~itinerant.schedule.cpsat`); :mod:`~itinerant.schedule.replan`: re-planning;
- :mod:`~itinerant.schedule.routing_core` and :mod:`~itinerant.schedule.toptw`: the OR-Tools
  routing core and its TOPTW benchmark (not used by the planner yet).

Importing this package, :mod:`~itinerant.schedule.schedule` or
:mod:`~itinerant.schedule.changes` loads neither OR-Tools, osmnx, networkx nor scikit-learn
(``tests/schedule/test_light_imports.py``). The names below are imported on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from itinerant.schedule.schedule import PlanSettings, PopUpStaffing, Schedule, Tour, Visit
    from itinerant.schedule.validate import Kpis, ObjectiveTerms, Report, Violation, validate

__all__ = [
    "Kpis",
    "ObjectiveTerms",
    "PlanSettings",
    "PopUpStaffing",
    "Report",
    "Schedule",
    "Tour",
    "Violation",
    "Visit",
    "validate",
]

_SCHEDULE = ("PlanSettings", "PopUpStaffing", "Schedule", "Tour", "Visit")
_VALIDATE = ("Kpis", "ObjectiveTerms", "Report", "Violation", "validate")
_LAZY = {
    **dict.fromkeys(_SCHEDULE, "itinerant.schedule.schedule"),
    **dict.fromkeys(_VALIDATE, "itinerant.schedule.validate"),
}


def __getattr__(name: str) -> Any:
    try:
        home = _LAZY[name]
    except KeyError:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg) from None
    value = globals()[name] = getattr(importlib.import_module(home), name)  # once only
    return value
