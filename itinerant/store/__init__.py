"""The store: versioned scenarios, plan runs, immutable Publications and an audit log.

The only package that imports SQLAlchemy and Alembic. SQLite file by default, PostgreSQL by URL,
same code; see ``docs/store.md`` and the module docstring of :mod:`itinerant.store.store`.

:mod:`itinerant.store.records` keeps what a plan leaves (its scenario version and plan run) the
same for every entry point. Typical use::

    from itinerant.store import Store

    with Store.open() as store:  # $ITINERANT_DB_URL, $ITINERANT_DB or the default SQLite file
        version = store.save_scenario(scenario, author="camille", note="new stops")
        run = store.record_plan_run(scenario_version=version.id, settings={}, schedule=doc,
                                    kpis=kpis, solver_log=log, status="feasible",
                                    author="camille")
        publication = store.publish(doc, author="camille", note="January",
                                    plan_run=run.id, scenario_version=version.id)
"""

from __future__ import annotations

from itinerant.errors import NotFoundError, StoreError
from itinerant.store.records import record_plan, record_schedule, scenario_version_of
from itinerant.store.settings import database_url, default_data_dir, sqlite_url, store_url
from itinerant.store.store import AuditEntry, PlanRun, Publication, ScenarioVersion, Store

__all__ = [
    "AuditEntry",
    "NotFoundError",
    "PlanRun",
    "Publication",
    "ScenarioVersion",
    "Store",
    "StoreError",
    "database_url",
    "default_data_dir",
    "record_plan",
    "record_schedule",
    "scenario_version_of",
    "sqlite_url",
    "store_url",
]
