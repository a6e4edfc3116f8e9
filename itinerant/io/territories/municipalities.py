"""Communes of any country from a municipalities GeoJSON (Italy, Spain, Portugal, Switzerland...).

The file is a FeatureCollection in WGS84 degrees (RFC 7946), one (multi)polygon feature per
municipality; the caller names the properties holding its code, name and population. Every bad
feature is reported at once (:class:`~itinerant.errors.ScenarioError`), each problem naming the
file, the feature (its 1-based index as the row, and its code) and the field. Codes must become
the scenario format's 5-character commune codes: shorter numeric codes are padded with zeros
(Swiss BFS number 351 -> ``00351``); longer ones are refused. Invalid polygons are repaired
(``shapely.make_valid``) and reported. A municipality's point is its boundary's representative
point (no town-hall point is known).
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from itinerant.errors import Problem, ScenarioError
from itinerant.io.territories.shaping import (
    POINT_DECIMALS,
    choose_points,
    repair_boundary,
    utm_crs_of,
)
from itinerant.io.territories.source import Finding, FindingKind, SourceTerritory
from itinerant.model import Commune, Location

__all__ = ["PropertyNames", "read_municipalities"]

CODE_LENGTH = 5


def _code(raw: Any) -> str:
    """The 5-character commune code of a property value (``ValueError`` if none)."""
    number = isinstance(raw, int | float) and not isinstance(raw, bool)
    text = str(int(raw) if number and float(raw).is_integer() else raw).strip()
    padded = text.zfill(CODE_LENGTH) if text.isdigit() else text
    if raw is None or isinstance(raw, bool) or len(padded) != CODE_LENGTH or not padded.isalnum():
        msg = f"{raw!r} is not a code of {CODE_LENGTH} letters or digits (shorter numbers padded)"
        raise ValueError(msg)
    return padded


def _population(raw: Any) -> int:
    """A number of inhabitants (int, integral float or digits; ``ValueError`` otherwise)."""
    value: float
    if isinstance(raw, bool) or raw is None:
        msg = f"{raw!r} is not a number of inhabitants"
        raise ValueError(msg)
    try:
        value = float(str(raw).strip().replace(" ", "")) if isinstance(raw, str) else float(raw)
    except (TypeError, ValueError) as exc:
        msg = f"{raw!r} is not a number of inhabitants"
        raise ValueError(msg) from exc
    if not math.isfinite(value) or value < 0 or not value.is_integer():
        msg = f"{raw!r} is not a whole, non-negative number of inhabitants"
        raise ValueError(msg)
    return int(value)


def _boundary(raw: Any) -> tuple[BaseGeometry, bool]:
    """A valid polygonal boundary in WGS84 and whether it was repaired (``ValueError``)."""
    if not isinstance(raw, Mapping):
        msg = "is missing (a Polygon or MultiPolygon is needed)"
        raise ValueError(msg)
    try:
        geometry = shape(dict(raw))
    except (AttributeError, KeyError, TypeError, ValueError, IndexError) as exc:
        msg = f"is unusable ({exc})"
        raise ValueError(msg) from exc
    if geometry.geom_type not in ("Polygon", "MultiPolygon"):
        msg = f"is a {geometry.geom_type}, not a Polygon or MultiPolygon"
        raise ValueError(msg)
    west, south, east, north = geometry.bounds
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        msg = "has coordinates outside WGS84 longitude/latitude degrees"
        raise ValueError(msg)
    fixed, repaired = repair_boundary(geometry)
    if fixed is None:
        msg = "has no area"
        raise ValueError(msg)
    return fixed, repaired


def _features(path: Path, label: str) -> list[Any]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ScenarioError([Problem(label, None, "", f"is not readable JSON ({exc})")]) from exc
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list) or not features:
        message = "is not a GeoJSON FeatureCollection with at least one feature"
        raise ScenarioError([Problem(label, None, "", message)])
    return features


@dataclass(frozen=True)
class PropertyNames:
    """Names of the GeoJSON properties holding each municipality's code, name and population."""

    code: str
    name: str
    population: str


class _Row(NamedTuple):
    """One usable feature."""

    code: str
    name: str
    population: int
    boundary: BaseGeometry
    repaired: bool


def _name(raw: Any) -> str:
    text = "" if raw is None else str(raw).strip()
    if not text:
        msg = "is empty"
        raise ValueError(msg)
    return text


def _feature(feature: Any, fields: PropertyNames) -> tuple[_Row | None, list[tuple[str, str]]]:
    """One feature's row, or ``None`` and its ``(field, message)`` problems."""
    props = feature.get("properties") if isinstance(feature, dict) else None
    props = props if isinstance(props, dict) else {}
    errors: list[tuple[str, str]] = []
    values: list[Any] = []
    for field, parse in (
        (fields.code, _code),
        (fields.name, _name),
        (fields.population, _population),
    ):
        if field not in props:
            errors.append((field, "property is missing"))
            continue
        try:
            values.append(parse(props[field]))
        except ValueError as exc:
            errors.append((field, str(exc)))
    try:
        boundary, repaired = _boundary(
            feature.get("geometry") if isinstance(feature, dict) else None
        )
    except ValueError as exc:
        errors.append(("geometry", str(exc)))
    if errors:
        return None, errors
    code, name, population = values
    return _Row(code, name, population, boundary, repaired), []


def read_municipalities(
    path: str | os.PathLike[str], fields: PropertyNames, *, name: str | None = None
) -> SourceTerritory:
    """Read the municipalities of the GeoJSON FeatureCollection ``path`` (WGS84 degrees).

    ``fields`` names the properties to read; ``name`` is the Territory's (default: the file
    name without extension).

    Raises
    ------
    ScenarioError
        Listing every bad feature: file, feature index (as the row), field and message.
    """
    file = Path(path)
    label = file.name
    problems: list[Problem] = []
    rows: dict[str, tuple[int, _Row]] = {}
    for index, feature in enumerate(_features(file, label), start=1):
        row, errors = _feature(feature, fields)
        props = feature.get("properties") if isinstance(feature, dict) else None
        raw_code = props.get(fields.code) if isinstance(props, dict) else None
        where = f"feature {index} (code {raw_code})"
        if row is not None and row.code in rows:
            first = rows[row.code][0]
            errors.append((fields.code, f"duplicate code {row.code} (first in feature {first})"))
        problems += [
            Problem(label, index, field, f"{where}: {message}") for field, message in errors
        ]
        if row is not None and not errors:
            rows[row.code] = (index, row)
    if problems:
        raise ScenarioError(problems)
    kept = [row for _, (_, row) in sorted(rows.items())]
    points, sources = choose_points(
        [r.boundary for r in kept], [None] * len(kept), crs_of=utm_crs_of
    )
    communes = tuple(
        Commune(
            code=row.code,
            name=row.name,
            population=row.population,
            point=Location(round(point.x, POINT_DECIMALS), round(point.y, POINT_DECIMALS)),
            boundary=row.boundary,
            point_source=source,
        )
        for row, point, source in zip(kept, points, sources, strict=True)
    )
    return SourceTerritory(
        name=name or file.stem,
        communes=communes,
        source=label,
        hub=min(communes, key=lambda c: (-c.population, c.code)).code,
        findings=tuple(
            Finding(FindingKind.BOUNDARY_REPAIRED, r.code, r.name, "make_valid")
            for r in kept
            if r.repaired
        ),
        expected_communes=len(communes),
        expected_population=sum(c.population for c in communes),
    )
