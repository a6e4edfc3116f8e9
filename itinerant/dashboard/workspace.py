"""The dashboard's working set: a scenario version routed through the one pipeline.

A :class:`Workspace` is a stored scenario version with what
:func:`itinerant.pipeline.route_scenario` computes for it (road network, travel matrix over every
place, access diagnostic). Every page starts from one:

- :func:`seed_store` puts the default territory in an empty store (scenario version 1);
- :func:`build_workspace` / :func:`open_workspace` route a scenario version;
- :func:`save_with_indicators` merges an indicators CSV and saves a new version;
- :func:`access_rows` is the access diagnostic as table rows.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from itinerant.i18n import t
from itinerant.io import default_scenario_dir, load_indicators, load_scenario
from itinerant.pipeline import RoutedScenario, route_scenario

if TYPE_CHECKING:
    from itinerant.model import Scenario
    from itinerant.store import ScenarioVersion, Store

__all__ = [
    "DEMO_AUTHOR",
    "Workspace",
    "access_rows",
    "build_workspace",
    "current_version",
    "open_workspace",
    "save_with_indicators",
    "seed_store",
]

logger = logging.getLogger(__name__)

DEMO_AUTHOR = "demo"
"""Author recorded for what :func:`seed_store` and the demo bootstrap write."""


@dataclass(frozen=True)
class Workspace(RoutedScenario):
    """A scenario version routed through the one pipeline (network, matrix, access diagnostic).

    A :class:`~itinerant.pipeline.RoutedScenario` with the stored version it comes from
    (``None`` for a scenario that is not stored, such as a variant); its
    :meth:`~itinerant.pipeline.RoutedScenario.planning_data` plans with the scenario's own
    ``[plan]`` unless given other settings. Never mutated: an edit makes a new scenario
    version, hence a new Workspace.
    """

    version: ScenarioVersion | None = None

    @property
    def version_id(self) -> int | None:
        """The id of the scenario version in the store (``None``: not stored)."""
        return self.version.id if self.version is not None else None


def build_workspace(scenario: Scenario, version: ScenarioVersion | None = None) -> Workspace:
    """Route ``scenario`` on its ``[network]`` (see :func:`~itinerant.pipeline.route_scenario`)."""
    routed = route_scenario(scenario)
    parts = {f.name: getattr(routed, f.name) for f in fields(RoutedScenario)}
    return Workspace(**parts, version=version)


def seed_store(store: Store, *, author: str = DEMO_AUTHOR) -> ScenarioVersion:
    """The latest scenario version of ``store``, saving the default territory first if empty."""
    versions = store.scenario_versions()
    if versions:
        return versions[0]
    scenario = load_scenario(default_scenario_dir())
    version = store.save_scenario(scenario, author=author, note=t("app.seed_note"))
    logger.info("seeded the store with the default territory (%s)", scenario.name)
    return version


def current_version(store: Store) -> ScenarioVersion | None:
    """The most recently saved scenario version, ``None`` in an empty store."""
    versions = store.scenario_versions()
    return versions[0] if versions else None


def open_workspace(store: Store, version_id: int | None = None) -> Workspace:
    """The Workspace of scenario version ``version_id`` (default: the latest; seeds if empty)."""
    version = seed_store(store) if version_id is None else store.scenario_version(version_id)
    return build_workspace(store.load_scenario_version(version.id), version)


def save_with_indicators(
    store: Store, scenario: Scenario, source: str | Path | bytes, *, author: str
) -> ScenarioVersion:
    """Merge an indicators CSV (INSEE code key) into the communes and save a new version.

    ``source`` is the CSV file, or its bytes (an upload).

    Raises
    ------
    ScenarioError
        When the CSV cannot be read (naming file, row and field).
    """
    territory = scenario.territory
    codes = [c.code for c in territory.communes]
    if isinstance(source, bytes):
        with tempfile.TemporaryDirectory(prefix="itinerant-indicators-") as tmp:
            path = Path(tmp) / "indicators.csv"
            path.write_bytes(source)
            values = load_indicators(path, codes=codes)
    else:
        values = load_indicators(source, codes=codes)
    columns = sorted({k for v in values.values() for k in v})
    updated = replace(scenario, territory=territory.with_indicators(values))
    note = t("app.territory.indicators_note", columns=", ".join(columns) or "—")
    return store.save_scenario(updated, author=author, note=note)


def access_rows(workspace: Workspace) -> list[dict[str, Any]]:
    """The access diagnostic as table rows, neediest first.

    Keys: ``code``, ``name``, ``epci``, ``population``, ``minutes`` (drive to the nearest
    ServicePoint, ``None`` when unreachable), ``nearest``, ``need_index``, ``need``.
    """
    rows = [
        {
            "code": c.code,
            "name": c.name,
            "epci": c.epci_name,
            "population": c.population,
            "minutes": None if c.minutes is None else round(c.minutes, 1),
            "nearest": c.nearest,
            "need_index": round(c.need_index, 3),
            "need": round(c.need, 1),
        }
        for c in workspace.diagnostic.communes
    ]
    return sorted(rows, key=lambda r: -float(r["need"]))
