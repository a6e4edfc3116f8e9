"""The Need formula and the access diagnostic on the real approximate network."""

from __future__ import annotations

import csv
import json
import math
from dataclasses import replace
from pathlib import Path

import pytest

from itinerant.access import (
    access_factor,
    diagnose,
    indicator_references,
    need_index,
    write_access,
)
from itinerant.model import Commune, IndicatorRule, Location, NeedSettings, Scenario
from itinerant.pipeline import route_scenario

SETTINGS = NeedSettings(near_minutes=10, far_minutes=40, floor=0.2)


def commune(code: str, population: int, **indicators: float) -> Commune:
    return Commune(
        code=code,
        name=code,
        population=population,
        point=Location(2.0, 46.0),
        indicators=tuple(sorted(indicators.items())),
    )


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [(0, 0.0), (10, 0.0), (25, 0.5), (40, 1.0), (90, 1.0), (math.inf, 1.0)],
)
def test_access_factor_is_linear_between_near_and_far(minutes: float, expected: float) -> None:
    assert access_factor(minutes, SETTINGS) == pytest.approx(expected)


def test_need_index_without_indicators_is_floor_plus_access_share() -> None:
    c = commune("99001", 100)
    assert need_index(5, c, SETTINGS, {}) == pytest.approx(0.2)
    assert need_index(25, c, SETTINGS, {}) == pytest.approx(0.2 + 0.8 * 0.5)
    assert need_index(60, c, SETTINGS, {}) == pytest.approx(1.0)


def test_indicators_scale_need_by_clipped_ratio_to_weighted_mean() -> None:
    rules = (
        IndicatorRule("income", "lower", 1.0),
        IndicatorRule("unemployment", "higher", 2.0),
    )
    settings = replace(SETTINGS, indicators=rules)
    poor = commune("99001", 100, income=15000.0, unemployment=20.0)
    rich = commune("99002", 300, income=25000.0, unemployment=5.0)
    secret = commune("99003", 50)  # statistical secrecy: no values at all
    refs = indicator_references([poor, rich, secret], settings)
    assert refs["income"] == pytest.approx((100 * 15000 + 300 * 25000) / 400)
    assert refs["unemployment"] == pytest.approx((100 * 20 + 300 * 5) / 400)
    base = need_index(60, poor, SETTINGS, {})
    expected = base * (refs["income"] / 15000) * min(2.0, 20 / refs["unemployment"]) ** 2
    assert need_index(60, poor, settings, refs) == pytest.approx(expected)
    # ratios are clipped to [0.5, 2], and missing values are neutral
    assert need_index(60, rich, settings, refs) == pytest.approx(
        (refs["income"] / 25000) * max(0.5, 5 / refs["unemployment"]) ** 2
    )
    assert need_index(60, secret, settings, refs) == pytest.approx(1.0)


@pytest.fixture
def tiny_matrix(tiny_scenario: Scenario, tmp_path: Path):  # type: ignore[no-untyped-def]
    cache = tmp_path / "cache"
    routed = route_scenario(tiny_scenario, network="approximate", cache_dir=cache, access_only=True)
    return routed.matrix


def test_diagnostic_orders_communes_by_drive_time(tiny_scenario: Scenario, tiny_matrix) -> None:  # type: ignore[no-untyped-def]
    diagnostic = diagnose(tiny_scenario, tiny_matrix)
    minutes = [c.minutes for c in diagnostic.communes]
    assert all(m is not None for m in minutes)
    # The four communes lie in a row, the service point in the first: times increase.
    assert minutes == sorted(minutes)
    assert diagnostic.communes[0].nearest == "France Travail Alpha"
    assert diagnostic.approximate
    by_kind = dict(diagnostic.communes[3].minutes_by_kind)
    assert by_kind[next(iter(by_kind))] == minutes[3]
    # need = population x need_index, higher for the far communes of equal indicators
    for c in diagnostic.communes:
        assert c.need == pytest.approx(c.population * c.need_index, abs=0.1)


def test_summary_counts_population_beyond_each_threshold(
    tiny_scenario: Scenario,
    tiny_matrix,  # type: ignore[no-untyped-def]
) -> None:
    diagnostic = diagnose(tiny_scenario, tiny_matrix)
    for row in diagnostic.summary((0, 20, 1000)):
        expected = sum(
            c.population
            for c in diagnostic.communes
            if c.minutes is None or c.minutes > row.minutes
        )
        assert row.population == expected
        assert row.share == pytest.approx(expected / diagnostic.population)
    assert diagnostic.summary((1000,))[0].population == 0


def test_outputs_are_labelled_approximate(
    tiny_scenario: Scenario,
    tiny_matrix,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    diagnostic = diagnose(tiny_scenario, tiny_matrix)
    csv_path, geojson_path = write_access(diagnostic, tiny_scenario, tmp_path / "out")
    with csv_path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["code"] for r in rows] == [c.code for c in tiny_scenario.territory.communes]
    assert {r["network"] for r in rows} == {"approximate"}
    data = json.loads(geojson_path.read_text(encoding="utf-8"))
    assert data["metadata"]["approximate"] is True
    assert "approximatif" in data["metadata"]["note"]
    assert {f["properties"]["network"] for f in data["features"]} == {"approximate"}
    assert data["features"][0]["geometry"]["type"] == "Polygon"
