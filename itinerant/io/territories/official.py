"""French communes from the official API Découpage administratif (geo.api.gouv.fr), online.

The API (DINUM / Etalab) serves the INSEE Code officiel géographique with the latest legal
populations, postcodes, EPCI membership, IGN ADMIN EXPRESS boundaries and DILA town-hall points,
all under the Licence Ouverte 2.0. It does not serve cantons: communes read here have no canton.
:func:`fetch_json` is the one function doing HTTP; :func:`read_official` takes it as an argument
so that tests replace it with a fake (nothing in the test suite touches the network).
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from typing import Any

from shapely.geometry import Point, shape

from itinerant.errors import InputError, NetworkError
from itinerant.io.territories.shaping import POINT_DECIMALS, choose_points, repair_boundary
from itinerant.io.territories.source import Finding, FindingKind, Selection, SourceTerritory
from itinerant.model import Commune, Location

__all__ = ["API", "fetch_json", "read_official"]

logger = logging.getLogger(__name__)

API = "https://geo.api.gouv.fr"
FIELDS = "code,nom,population,codesPostaux,codeEpci,epci,codeDepartement,contour,mairie"
SOURCE = "geo.api.gouv.fr (INSEE COG, IGN ADMIN EXPRESS, DILA)"


def fetch_json(url: str, *, timeout_s: float = 60.0) -> Any:
    """GET ``url`` and decode its JSON body: the only function here that uses the network.

    Raises
    ------
    NetworkError
        When the server cannot be reached, answers with an error or with something not JSON.
    """
    request = urllib.request.Request(
        url, headers={"Accept": "application/json", "User-Agent": "itinerant"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            return json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        if exc.code == 404:  # an unknown code: the caller says which
            return None
        msg = f"{url}: HTTP {exc.code} {exc.reason}"
        raise NetworkError(msg) from exc
    except (urllib.error.URLError, TimeoutError, ValueError) as exc:
        msg = f"{url}: {exc}"
        raise NetworkError(msg) from exc


def _url(path: str) -> str:
    return f"{API}{path}?{urllib.parse.urlencode({'fields': FIELDS, 'format': 'json'})}"


def _entries(
    fetch: Callable[[str], Any], selection: Selection
) -> tuple[dict[str, Mapping[str, Any]], list[str], list[Finding]]:
    """Commune entries by code, the Territory's name parts, and codes not found."""
    entries: dict[str, Mapping[str, Any]] = {}
    names: list[str] = []
    unknown: list[str] = []
    for kind, codes in (("departements", selection.departements), ("epcis", selection.epcis)):
        for code in codes:
            quoted = urllib.parse.quote(code)
            about = fetch(f"{API}/{kind}/{quoted}?fields=nom")
            rows = fetch(_url(f"/{kind}/{quoted}/communes"))
            if not isinstance(about, Mapping) or not isinstance(rows, list):
                unknown.append(code)
                continue
            names.append(str(about.get("nom", code)))
            entries.update({str(r["code"]): r for r in rows if isinstance(r, Mapping)})
    if unknown:
        msg = f"unknown département or EPCI code(s): {', '.join(unknown)}"
        raise InputError(msg)
    findings = []
    for code in selection.communes:
        row = fetch(_url(f"/communes/{urllib.parse.quote(code)}"))
        if isinstance(row, Mapping) and "code" in row:
            entries[str(row["code"])] = row
        else:
            findings.append(Finding(FindingKind.UNKNOWN_CODE, code))
    if not entries:
        msg = "no commune selected: give a département, an EPCI or commune codes"
        raise InputError(msg)
    return entries, names, findings


def read_official(
    selection: Selection, *, fetch: Callable[[str], Any] = fetch_json
) -> SourceTerritory:
    """Read the communes of a :class:`~itinerant.io.territories.source.Selection` online.

    Same rules as :func:`~itinerant.io.territories.france.read_france` for boundaries and
    points; the canton is left empty (the API has none) and the hub is the most populous
    commune. ``fetch`` (URL -> decoded JSON, ``None`` for "not found") does the HTTP.

    Raises
    ------
    InputError
        On an unknown département or EPCI code, or when nothing is selected.
    NetworkError
        When the API cannot be reached (from ``fetch``).
    """
    entries, names, findings = _entries(fetch, selection)
    kept = []
    for code in sorted(entries):
        row = entries[code]
        contour = row.get("contour")
        boundary, repaired = repair_boundary(
            shape(dict(contour)) if isinstance(contour, Mapping) else None
        )
        name = str(row.get("nom", code))
        if boundary is None:
            findings.append(Finding(FindingKind.BOUNDARY_MISSING, code, name, "no contour"))
            continue
        if repaired:
            findings.append(Finding(FindingKind.BOUNDARY_REPAIRED, code, name, "make_valid"))
        if not isinstance(row.get("population"), int):
            findings.append(Finding(FindingKind.POPULATION_MISSING, code, name))
        kept.append((row, name, boundary))
    halls = []
    for row, _, _ in kept:
        mairie = row.get("mairie")
        hall = shape(dict(mairie)) if isinstance(mairie, Mapping) else None
        halls.append(hall if isinstance(hall, Point) else None)
    points, sources = choose_points([b for _, _, b in kept], halls)
    result = []
    for (row, name, boundary), point, source in zip(kept, points, sources, strict=True):
        epci: Mapping[str, Any] = row["epci"] if isinstance(row.get("epci"), Mapping) else {}
        population = row.get("population")
        result.append(
            Commune(
                code=str(row["code"]),
                name=name,
                population=population if isinstance(population, int) else 0,
                point=Location(round(point.x, POINT_DECIMALS), round(point.y, POINT_DECIMALS)),
                boundary=boundary,
                point_source=source,
                epci=str(row.get("codeEpci") or epci.get("code", "")),
                epci_name=str(epci.get("nom", "")),
                postcodes=tuple(sorted(set(row.get("codesPostaux") or ()))),
            )
        )
    if not result:
        msg = "no commune with a usable boundary in the selection"
        raise InputError(msg)
    deps = {str(row.get("codeDepartement", "")) for row, _, _ in kept}
    return SourceTerritory(
        name=", ".join(names) or "Communes choisies",
        communes=tuple(result),
        source=SOURCE,
        departement=next(iter(deps)) if len(deps) == 1 else "",
        hub=min(result, key=lambda c: (-c.population, c.code)).code,
        findings=tuple(findings),
        expected_communes=len(entries),
        expected_population=sum(
            int(r["population"]) for r in entries.values() if isinstance(r.get("population"), int)
        ),
    )
