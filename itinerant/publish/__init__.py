"""Publishing: the stage after planning (a Schedule in, files and a Publication out).

- :mod:`~itinerant.publish.release`: :func:`publish_schedule` records the next Publication in
  the store and writes every artefact (the one entry point of the CLI and the dashboard);
- :mod:`~itinerant.publish.notices`: what changed since the previous Publication, for the public
  and for each driver;
- :mod:`~itinerant.publish.drivers`: drivers' roadbooks, GPX, ICS and CSV;
- :mod:`~itinerant.publish.public`: the public timetable, feeds, open data, posters and site.

Importing this package (or any of its modules) loads neither OR-Tools, osmnx, networkx nor
scikit-learn: Schedules and travel matrices are used here, never built (``tests/publish/
test_light_imports.py``). The names below are imported on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from itinerant.publish.notices import Notices, change_notices
    from itinerant.publish.release import PublishResult, publish_schedule, published_schedule

__all__ = ["Notices", "PublishResult", "change_notices", "publish_schedule", "published_schedule"]

_LAZY = {
    "Notices": "itinerant.publish.notices",
    "change_notices": "itinerant.publish.notices",
    "PublishResult": "itinerant.publish.release",
    "publish_schedule": "itinerant.publish.release",
    "published_schedule": "itinerant.publish.release",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    return getattr(importlib.import_module(module), name)
