"""Reading and writing scenarios: the first stage of the data flow.

A scenario is a folder (``scenario.toml`` and CSV/GeoJSON files, see ``docs/scenario-format.md``).
:func:`load_scenario` validates everything and reports every problem at once, each naming its
file, row and field (:class:`~itinerant.errors.ScenarioError`); :func:`write_scenario` writes a
:class:`~itinerant.model.Scenario` back; :func:`load_indicators` reads a need-indicators CSV.
Nothing here knows of roads, solvers or Streamlit.
"""

from __future__ import annotations

from itinerant.io.scenario import (
    SCENARIO_FILE,
    default_scenario_dir,
    load_indicators,
    load_scenario,
    write_scenario,
)

__all__ = [
    "SCENARIO_FILE",
    "default_scenario_dir",
    "load_indicators",
    "load_scenario",
    "write_scenario",
]
