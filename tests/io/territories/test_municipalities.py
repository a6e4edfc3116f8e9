"""Territories outside France from a municipalities GeoJSON; errors name file, feature, field."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from itinerant.errors import Problem, ScenarioError
from itinerant.io import load_scenario
from itinerant.io.territories import (
    FindingKind,
    PropertyNames,
    SampleRules,
    init_from_geojson,
    read_municipalities,
)

FIXTURE = Path(__file__).parent / "data" / "swiss_municipalities.geojson"
FIELDS = PropertyNames(code="BFS_NUMMER", name="NAME", population="EINWOHNERZAHL")
NAME = "swiss_municipalities.geojson"
Doc = dict[str, Any]


def _doc() -> Doc:
    return dict(json.loads(FIXTURE.read_text(encoding="utf-8")))


def _write(folder: Path, doc: Doc | str) -> Path:
    path = folder / NAME
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    return path


def test_init_from_geojson_builds_a_valid_swiss_territory(tmp_path: Path) -> None:
    rules = SampleRules(start=dt.date(2027, 1, 4))
    report = init_from_geojson(
        tmp_path / "bern",
        FIXTURE,
        code_field="BFS_NUMMER",
        name_field="NAME",
        population_field="EINWOHNERZAHL",
        rules=rules,
        name="Bern",
    )
    assert (report.communes, report.population) == (3, 194_800)
    assert report.population == report.expected_population
    assert not report.repaired
    assert not report.missing
    scenario = load_scenario(tmp_path / "bern")
    assert [c.code for c in scenario.territory.communes] == ["00351", "00355", "00363"]
    assert [c.name for c in scenario.territory.communes] == ["Bern", "Köniz", "Ostermundigen"]
    assert {c.point_source for c in scenario.territory.communes} == {"representative_point"}
    assert scenario.depots[0].commune == "00351"  # the most populous
    assert len(scenario.stops) == 3
    assert scenario.territory.name == "Bern"


def test_an_invalid_polygon_is_repaired_and_reported(tmp_path: Path) -> None:
    doc = _doc()
    doc["features"][2]["geometry"]["coordinates"] = [
        [[7.47, 46.94], [7.52, 46.97], [7.52, 46.94], [7.47, 46.97], [7.47, 46.94]]
    ]
    source = read_municipalities(_write(tmp_path, doc), FIELDS)
    assert [(f.kind, f.code) for f in source.findings] == [(FindingKind.BOUNDARY_REPAIRED, "00363")]
    assert all(c.boundary is not None and c.boundary.is_valid for c in source.communes)


def _props(index: int, **values: Any) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        doc["features"][index]["properties"].update(values)

    return change


def _drop(index: int, key: str) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        del doc["features"][index]["properties"][key]

    return change


def _geometry(index: int, geometry: Any) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        doc["features"][index]["geometry"] = copy.deepcopy(geometry)

    return change


LV95_BOX = {
    "type": "Polygon",
    "coordinates": [
        [[2600000, 1200000], [2601000, 1200000], [2601000, 1201000], [2600000, 1200000]]
    ],
}
BROKEN: list[tuple[str, Callable[[Doc], None], int, str, str]] = [
    # id, change, feature (row), field, message fragment
    ("population-text", _props(1, EINWOHNERZAHL="beaucoup"), 2, "EINWOHNERZAHL", "'beaucoup'"),
    ("population-negative", _props(1, EINWOHNERZAHL=-5), 2, "EINWOHNERZAHL", "non-negative"),
    ("population-fraction", _props(0, EINWOHNERZAHL=12.5), 1, "EINWOHNERZAHL", "whole"),
    ("population-missing", _drop(2, "EINWOHNERZAHL"), 3, "EINWOHNERZAHL", "property is missing"),
    ("code-missing", _drop(0, "BFS_NUMMER"), 1, "BFS_NUMMER", "property is missing"),
    ("code-too-long", _props(1, BFS_NUMMER="001272"), 2, "BFS_NUMMER", "5 letters or digits"),
    ("code-duplicate", _props(2, BFS_NUMMER=351), 3, "BFS_NUMMER", "duplicate code 00351"),
    ("name-empty", _props(1, NAME="  "), 2, "NAME", "is empty"),
    ("geometry-missing", _geometry(0, None), 1, "geometry", "is missing"),
    (
        "geometry-point",
        _geometry(1, {"type": "Point", "coordinates": [7.4, 46.9]}),
        2,
        "geometry",
        "is a Point",
    ),
    (
        "geometry-garbage",
        _geometry(1, {"type": "Polygon", "coordinates": "x"}),
        2,
        "geometry",
        "unusable",
    ),
    ("geometry-metres", _geometry(2, LV95_BOX), 3, "geometry", "WGS84"),
]


@pytest.mark.parametrize(
    ("change", "row", "field", "fragment"),
    [pytest.param(*case[1:], id=case[0]) for case in BROKEN],
)
def test_broken_feature_names_file_feature_and_field(
    tmp_path: Path, change: Callable[[Doc], None], row: int, field: str, fragment: str
) -> None:
    doc = _doc()
    change(doc)
    with pytest.raises(ScenarioError) as caught:
        read_municipalities(_write(tmp_path, doc), FIELDS)
    problems = caught.value.problems
    assert len(problems) == 1, problems
    problem = problems[0]
    assert (problem.file, problem.row, problem.field) == (NAME, row, field)
    assert fragment in problem.message
    assert problem.message.startswith(f"feature {row} (code ")
    assert f"{NAME}, row {row}, field '{field}'" in str(problem)


def test_every_broken_feature_is_reported_at_once(tmp_path: Path) -> None:
    doc = _doc()
    _props(0, EINWOHNERZAHL="?")(doc)
    _geometry(2, None)(doc)
    with pytest.raises(ScenarioError) as caught:
        read_municipalities(_write(tmp_path, doc), FIELDS)
    assert [(p.row, p.field) for p in caught.value.problems] == [
        (1, "EINWOHNERZAHL"),
        (3, "geometry"),
    ]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param("{not json", "not readable JSON", id="not-json"),
        pytest.param('{"type": "FeatureCollection", "features": []}', "at least one", id="empty"),
        pytest.param("[1, 2]", "FeatureCollection", id="not-a-collection"),
    ],
)
def test_unusable_file_is_named(tmp_path: Path, text: str, fragment: str) -> None:
    with pytest.raises(ScenarioError) as caught:
        read_municipalities(_write(tmp_path, text), FIELDS)
    assert caught.value.problems == (Problem(NAME, None, "", caught.value.problems[0].message),)
    assert fragment in caught.value.problems[0].message


def test_a_wrong_field_name_is_reported_on_every_feature(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as caught:
        read_municipalities(FIXTURE, PropertyNames("BFS_NR", "NAME", "EINWOHNERZAHL"))
    assert [(p.row, p.field) for p in caught.value.problems] == [
        (1, "BFS_NR"),
        (2, "BFS_NR"),
        (3, "BFS_NR"),
    ]
