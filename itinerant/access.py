r"""Access diagnostic ("état des lieux"): who lives far from any ServicePoint, and Need.

For every commune, the drive time from its representative point (usually the town hall) to the
nearest ServicePoint, overall and per kind, and its **Need**.

The Need formula
----------------
For a commune with population :math:`P`, drive time :math:`t` (minutes) to the nearest
ServicePoint (of the kinds listed in ``[need] service_kinds``, e.g. only career-advice places;
every kind by default) and optional indicators :math:`v_k`:

.. math::

    a(t) = \min\left(1, \max\left(0, \frac{t - t_\text{near}}{t_\text{far} - t_\text{near}}\right)
    \right)

    \text{need\_index} = \bigl(f + (1 - f)\,a(t)\bigr) \prod_k
    \operatorname{clip}\left(r_k, \tfrac12, 2\right)^{w_k}

    \text{need} = P \times \text{need\_index}

- :math:`t_\text{near}` (default 10 min): closer than this, a commune counts as served;
  :math:`t_\text{far}` (default 45 min): farther than this, it counts as fully underserved; in
  between, need grows linearly. A commune with no reachable ServicePoint has :math:`a = 1`.
- :math:`f` (``floor``, default 0.02): the share of need that well-served communes keep.
- :math:`r_k` compares the commune's indicator with the Territory's population-weighted mean
  :math:`\bar v_k`: :math:`r_k = v_k / \bar v_k` when a higher value is needier (unemployment,
  poverty rate), :math:`r_k = \bar v_k / v_k` when a lower value is needier (median income). It is
  clipped to [0.5, 2] so that no single indicator dominates, and raised to the rule's weight
  :math:`w_k`. A missing value (statistical secrecy) gives a neutral factor 1.

``need`` is therefore a number of *need-weighted inhabitants*: the population a plan should reach
first. ``need_index`` (per inhabitant) is what maps colour by.
"""

from __future__ import annotations

import json
import logging
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from itinerant.io.csvfiles import csv_text
from itinerant.io.geojsonfiles import geojson_geometry
from itinerant.model import Commune, NeedSettings, Scenario, ServiceKind
from itinerant.places import PlaceKey
from itinerant.routing import TravelMatrix

__all__ = [
    "SUMMARY_THRESHOLDS",
    "AccessDiagnostic",
    "CommuneAccess",
    "ThresholdSummary",
    "access_factor",
    "diagnose",
    "indicator_references",
    "need_index",
    "write_access",
]

logger = logging.getLogger(__name__)

SUMMARY_THRESHOLDS: tuple[int, ...] = (20, 30, 45)
"""Drive times (minutes) for which the summary counts the population beyond."""

APPROXIMATE_NOTE = (
    "Temps calculés sur un réseau routier approximatif (ligne droite × facteur de détour, "
    "vitesse moyenne) : ordres de grandeur, pas des temps de trajet réels."
)


def access_factor(minutes: float, settings: NeedSettings) -> float:
    """Share of full underservice for a drive time in minutes (0 = served, 1 = far)."""
    if math.isinf(minutes) or math.isnan(minutes):
        return 1.0
    span = settings.far_minutes - settings.near_minutes
    return min(1.0, max(0.0, (minutes - settings.near_minutes) / span))


def indicator_references(communes: Sequence[Commune], settings: NeedSettings) -> dict[str, float]:
    """Population-weighted mean of each indicator over the communes that have a value."""
    refs: dict[str, float] = {}
    for rule in settings.indicators:
        pairs = [
            (c.population, value)
            for c in communes
            if (value := c.indicator(rule.column)) is not None
        ]
        weight = sum(p for p, _ in pairs)
        if weight > 0:
            refs[rule.column] = sum(p * v for p, v in pairs) / weight
        else:
            logger.warning("indicator %r has no value in the territory: ignored", rule.column)
    return refs


def need_index(
    minutes: float,
    commune: Commune,
    settings: NeedSettings,
    references: Mapping[str, float],
) -> float:
    """Need per inhabitant of ``commune`` (see the module docstring for the formula)."""
    value = settings.floor + (1.0 - settings.floor) * access_factor(minutes, settings)
    for rule in settings.indicators:
        ref = references.get(rule.column)
        v = commune.indicator(rule.column)
        if ref is None or v is None or ref <= 0 or v <= 0:
            continue
        ratio = v / ref if rule.direction == "higher" else ref / v
        value *= min(2.0, max(0.5, ratio)) ** rule.weight
    return value


@dataclass(frozen=True, slots=True)
class CommuneAccess:
    """Access figures of one commune; minutes are ``None`` when no ServicePoint is reachable."""

    code: str
    name: str
    population: int
    minutes: float | None
    nearest: str
    minutes_by_kind: tuple[tuple[ServiceKind, float | None], ...]
    need_minutes: float | None
    """Minutes to the nearest ServicePoint of the kinds that make Need (all kinds by default)."""
    need_index: float
    need: float
    epci_name: str = ""


@dataclass(frozen=True, slots=True)
class ThresholdSummary:
    """Population farther than ``minutes`` from any ServicePoint."""

    minutes: int
    population: int
    share: float


@dataclass(frozen=True)
class AccessDiagnostic:
    """The access diagnostic of a Territory, with the network it was computed on."""

    communes: tuple[CommuneAccess, ...]
    approximate: bool
    network_label: str
    network_source: str

    @property
    def population(self) -> int:
        """Total population covered."""
        return sum(c.population for c in self.communes)

    def summary(
        self, thresholds: Sequence[int] = SUMMARY_THRESHOLDS, *, need_kinds: bool = False
    ) -> list[ThresholdSummary]:
        """Population and share of population farther than each threshold (minutes).

        Distances are to any ServicePoint, or with ``need_kinds`` to the nearest of the kinds
        that make Need.
        """
        total = self.population
        out = []
        for limit in thresholds:
            beyond = sum(
                c.population
                for c in self.communes
                if (m := c.need_minutes if need_kinds else c.minutes) is None or m > limit
            )
            out.append(ThresholdSummary(limit, beyond, beyond / total if total else 0.0))
        return out

    @property
    def unreachable(self) -> list[str]:
        """Names of communes from which no ServicePoint is reachable."""
        return [c.name for c in self.communes if c.minutes is None]


def diagnose(scenario: Scenario, matrix: TravelMatrix) -> AccessDiagnostic:
    """Compute the access diagnostic from a matrix covering communes and ServicePoints.

    ``matrix`` must hold every commune (:meth:`PlaceKey.commune <itinerant.places.PlaceKey>`)
    and ServicePoint (``PlaceKey.service_point``), as routed by
    :func:`itinerant.pipeline.route_scenario`; unreachable pairs may be present.
    """
    territory = scenario.territory
    sps = territory.service_points
    if not sps:
        logger.warning("the territory has no ServicePoint: every commune counts as unreached")
    rows = np.array([matrix.index(PlaceKey.commune(c.code)) for c in territory.communes], dtype=int)
    cols = np.array([matrix.index(PlaceKey.service_point(s.id)) for s in sps], dtype=int)
    seconds = matrix.durations_s[np.ix_(rows, cols)].astype(float)
    seconds[~matrix.reachable[np.ix_(rows, cols)]] = np.inf
    minutes = seconds / 60.0
    kinds = sorted({s.kind for s in sps}, key=list(ServiceKind).index)
    kind_columns = {k: np.array([s.kind == k for s in sps]) for k in kinds}
    refs = indicator_references(territory.communes, scenario.need)
    wanted = set(scenario.need.service_kinds)
    need_columns = np.array([s.kind in wanted for s in sps]) if wanted else None
    result = []
    for i, commune in enumerate(territory.communes):
        row = minutes[i]
        best = int(np.argmin(row)) if len(row) else -1
        best_minutes = float(row[best]) if best >= 0 else math.inf
        by_kind = []
        for kind in kinds:
            sub = row[kind_columns[kind]]
            value = float(sub.min()) if len(sub) else math.inf
            by_kind.append((kind, None if math.isinf(value) else round(value, 1)))
        need_minutes = best_minutes
        if need_columns is not None:
            sub = row[need_columns]
            need_minutes = float(sub.min()) if len(sub) else math.inf
        index = need_index(need_minutes, commune, scenario.need, refs)
        result.append(
            CommuneAccess(
                code=commune.code,
                name=commune.name,
                population=commune.population,
                minutes=None if math.isinf(best_minutes) else round(best_minutes, 1),
                nearest=sps[best].name if best >= 0 and not math.isinf(best_minutes) else "",
                minutes_by_kind=tuple(by_kind),
                need_minutes=None if math.isinf(need_minutes) else round(need_minutes, 1),
                need_index=round(index, 4),
                need=round(commune.population * index, 1),
                epci_name=commune.epci_name,
            )
        )
    diagnostic = AccessDiagnostic(
        communes=tuple(result),
        approximate=matrix.approximate,
        network_label=matrix.network_label,
        network_source="approximate" if matrix.approximate else "roads",
    )
    if diagnostic.unreachable:
        logger.warning("no ServicePoint is reachable from: %s", ", ".join(diagnostic.unreachable))
    return diagnostic


def _records(diagnostic: AccessDiagnostic) -> list[dict[str, Any]]:
    network = "approximate" if diagnostic.approximate else "roads"
    records = []
    for c in diagnostic.communes:
        record: dict[str, Any] = {
            "code": c.code,
            "name": c.name,
            "population": c.population,
            "minutes": c.minutes,
            "nearest": c.nearest,
            "need": c.need,
            "need_index": c.need_index,
            "need_minutes": c.need_minutes,
            "epci_name": c.epci_name,
        }
        for kind, value in c.minutes_by_kind:
            record[f"minutes_{kind.value}"] = value
        record["network"] = network
        records.append(record)
    return records


def write_access(
    diagnostic: AccessDiagnostic, scenario: Scenario, out_dir: str | os.PathLike[str]
) -> tuple[Path, Path]:
    """Write ``access.csv`` and ``access.geojson`` into ``out_dir``; returns their paths.

    Both carry the network used: a ``network`` column / property (``approximate`` or ``roads``),
    and in the GeoJSON a top-level ``metadata`` object with the network label and a French note
    when the network is approximate.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    records = _records(diagnostic)
    csv_path = out / "access.csv"
    fields = list(records[0])
    rows = [fields, *([record[k] for k in fields] for record in records)]
    csv_path.write_text(csv_text(rows), encoding="utf-8", newline="")
    territory = scenario.territory
    features = []
    for record in records:
        commune = territory.commune(record["code"])
        geometry = commune.boundary if commune.boundary is not None else None
        geo = (
            geojson_geometry(geometry)
            if geometry is not None
            else {"type": "Point", "coordinates": [commune.point.lon, commune.point.lat]}
        )
        features.append({"type": "Feature", "properties": record, "geometry": geo})
    metadata = {
        "territory": territory.name,
        "network": diagnostic.network_label,
        "approximate": diagnostic.approximate,
        "note": APPROXIMATE_NOTE if diagnostic.approximate else "",
        "summary": [
            {"minutes": s.minutes, "population": s.population, "share": round(s.share, 4)}
            for s in diagnostic.summary()
        ],
    }
    geojson_path = out / "access.geojson"
    geojson_path.write_text(
        json.dumps(
            {"type": "FeatureCollection", "metadata": metadata, "features": features},
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    logger.info("wrote %s and %s", csv_path, geojson_path)
    return csv_path, geojson_path
