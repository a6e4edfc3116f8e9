"""Reading and writing scenarios: the first stage of the data flow.

A scenario is a folder (``scenario.toml`` and CSV/GeoJSON files, see ``docs/scenario-format.md``).
:func:`load_scenario` validates everything and reports every problem at once, each naming its
file, row and field (:class:`~itinerant.errors.ScenarioError`); :func:`write_scenario` writes a
:class:`~itinerant.model.Scenario` back; :func:`load_indicators` reads a need-indicators CSV.
Nothing here knows of roads, solvers or Streamlit.

Modules by job: :mod:`~itinerant.io.cells` (parsing and formatting one cell),
:mod:`~itinerant.io.tables` (the CSV tables and their columns), :mod:`~itinerant.io.sections`
(the sections of ``scenario.toml`` and the settings dataclasses), :mod:`~itinerant.io.reading`
(:func:`load_scenario`), :mod:`~itinerant.io.indicators` (:func:`load_indicators`) and
:mod:`~itinerant.io.writing` (:func:`write_scenario`).
"""

from __future__ import annotations

from itinerant.io.indicators import load_indicators
from itinerant.io.reading import default_scenario_dir, load_scenario
from itinerant.io.sections import SCENARIO_FILE, override_settings, settings_table
from itinerant.io.tables import (
    AVAILABILITY,
    BLOCKED_DAYS,
    BUSES,
    COMMUNES,
    COUNSELLORS,
    DEPOTS,
    POPUPS,
    RESOURCE_TABLES,
    SERVICE_POINTS,
    STOPS,
    Column,
    Table,
)
from itinerant.io.writing import write_scenario

__all__ = [
    "AVAILABILITY",
    "BLOCKED_DAYS",
    "BUSES",
    "COMMUNES",
    "COUNSELLORS",
    "DEPOTS",
    "POPUPS",
    "RESOURCE_TABLES",
    "SCENARIO_FILE",
    "SERVICE_POINTS",
    "STOPS",
    "Column",
    "Table",
    "default_scenario_dir",
    "load_indicators",
    "load_scenario",
    "override_settings",
    "settings_table",
    "write_scenario",
]
