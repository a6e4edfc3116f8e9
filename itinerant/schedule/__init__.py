"""Tour planning: Schedules, the validator, the planner, explanations and re-planning.

The objects and the validator re-exported here are solver-free (importing them does not load
OR-Tools); the planner lives in :mod:`itinerant.schedule.planner` (CP-SAT adapter in
:mod:`~itinerant.schedule.cpsat`, routing core in :mod:`~itinerant.schedule.routing_core`),
re-planning in :mod:`~itinerant.schedule.replan`.
"""

from __future__ import annotations

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
