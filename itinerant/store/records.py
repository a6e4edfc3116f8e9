"""What a plan leaves in the store: its scenario version and its plan run.

Shared by every entry point that plans or publishes (the dashboard, ``itinerant publish``, the
demo), so that a Publication always points at the scenario version it was planned from and at
the plan run it comes from:

- :func:`scenario_version_of` gives the stored version of a scenario, saving it only when it
  differs from the latest version of that name;
- :func:`record_plan` records a planner result (Schedule, KPIs against the baseline,
  explanations);
- :func:`record_schedule` records a Schedule made elsewhere (a ``schedule.json`` file), with its
  ``kpis.json`` document when there is one.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from itinerant.model import Scenario
from itinerant.store.store import PlanRun, ScenarioVersion, Store

if TYPE_CHECKING:
    from itinerant.schedule.planner import PlanResult
    from itinerant.schedule.schedule import Schedule

__all__ = ["record_plan", "record_schedule", "scenario_version_of"]

logger = logging.getLogger(__name__)

SCHEDULE_FILE_STATUS = "schedule-file"
"""Status of a plan run recorded from a ``schedule.json`` file (not run here)."""


def scenario_version_of(
    store: Store, scenario: Scenario, *, author: str, note: str = ""
) -> ScenarioVersion:
    """The stored version of ``scenario``: the latest of its name when equal, else a new one."""
    versions = store.scenario_versions(scenario.name)
    if versions and store.load_scenario_version(versions[0].id) == scenario:
        logger.info("scenario %r is version %d of the store", scenario.name, versions[0].version)
        return versions[0]
    return store.save_scenario(scenario, author=author, note=note)


def record_schedule(
    store: Store,
    scenario: Scenario,
    schedule: Schedule,
    *,
    scenario_version: int | None,
    author: str,
    kpis: Mapping[str, Any] | None = None,
    settings: Mapping[str, Any] | None = None,
    status: str = SCHEDULE_FILE_STATUS,
    log: str = "",
) -> PlanRun:
    """Record ``schedule`` (planned for ``scenario``) as a plan run.

    Parameters
    ----------
    store
        The store.
    scenario
        The scenario the Schedule was planned for (names and communes of its document).
    schedule
        The Schedule.
    scenario_version
        Id of the stored version of ``scenario``, if any.
    author
        Who planned or published it.
    kpis
        The ``kpis.json`` document (empty when unknown).
    settings
        The planner's settings as a JSON object (empty when unknown).
    status
        The outcome in the planner's words (``optimal``, ``feasible``...).
    log
        The solver's log.
    """
    from itinerant.schedule.export import schedule_document  # noqa: PLC0415

    return store.record_plan_run(
        scenario_version=scenario_version,
        settings=dict(settings or {}),
        schedule=schedule_document(schedule, scenario),
        kpis=dict(kpis or {}),
        solver_log=log,
        status=status,
        author=author,
    )


def record_plan(
    store: Store,
    scenario: Scenario,
    result: PlanResult,
    *,
    scenario_version: int | None,
    approximate: bool,
    author: str,
    settings: Mapping[str, Any] | None = None,
    log: str = "",
) -> PlanRun:
    """Record a planner result: its Schedule, KPIs against the baseline and explanations.

    ``approximate`` says whether the travel times came from the approximate network.
    """
    from itinerant.schedule.export import kpis_document  # noqa: PLC0415

    kpis = kpis_document(result.report, result.baseline_report, approximate=approximate)
    kpis["explanations"] = [
        {"severity": e.severity, "code": e.code, "subject": e.subject, "message": e.message}
        for e in (*result.warnings, *result.unreached)
    ]
    return record_schedule(
        store,
        scenario,
        result.schedule,
        scenario_version=scenario_version,
        author=author,
        kpis=kpis,
        settings=settings,
        status=result.status.lower(),
        log=log,
    )
