"""Writing and reading Schedules.

``schedule.json`` (schema in ``docs/schedule-format.md``), ``schedule.csv`` for spreadsheets
(French conventions: ``;`` separated, UTF-8 with BOM; a cell that could start a formula gets a
leading ``'``, see :mod:`itinerant.io.csvfiles`) and ``kpis.json``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from itinerant.errors import InputError
from itinerant.io.csvfiles import Cell, csv_text
from itinerant.model import Pole, Scenario
from itinerant.schedule.explain import Explanation
from itinerant.schedule.schedule import PopUpStaffing, Schedule, Tour, Visit
from itinerant.schedule.validate import Report

__all__ = [
    "SCHEMA",
    "kpis_document",
    "read_schedule",
    "schedule_document",
    "schedule_from_document",
    "write_plan",
]

SCHEMA = "itinerant.schedule/1"


def _t(value: dt.time) -> str:
    return value.isoformat(timespec="seconds")


def schedule_document(schedule: Schedule, scenario: Scenario) -> dict[str, Any]:
    """The JSON document of a Schedule, with names and communes for readers."""
    stops = {s.id: s for s in scenario.stops}
    popups = {p.id: p for p in scenario.popups}
    territory = scenario.territory
    return {
        "schema": SCHEMA,
        "scenario": schedule.scenario,
        "method": schedule.method,
        "network": schedule.network_label,
        "approximate": schedule.approximate,
        "objective": schedule.objective,
        "bound": schedule.bound,
        "seed": schedule.seed,
        "elapsed_s": schedule.elapsed_s,
        "tours": [
            {
                "bus": tour.bus,
                "date": tour.date.isoformat(),
                "departure": _t(tour.departure),
                "return": _t(tour.return_time),
                "lunch": [_t(tour.lunch[0]), _t(tour.lunch[1])] if tour.lunch else None,
                "visits": [
                    {
                        "stop": visit.stop,
                        "stop_name": stops[visit.stop].name if visit.stop in stops else "",
                        "commune": stops[visit.stop].commune if visit.stop in stops else "",
                        "commune_name": (
                            territory.commune(stops[visit.stop].commune).name
                            if visit.stop in stops
                            and territory.has_commune(stops[visit.stop].commune)
                            else ""
                        ),
                        "arrival": _t(visit.arrival),
                        "start": _t(visit.start),
                        "end": _t(visit.end),
                        "crew": list(visit.crew),
                        "locked": visit.locked,
                    }
                    for visit in tour.visits
                ],
            }
            for tour in schedule.tours
        ],
        "popups": [
            {
                "popup": staffing.popup,
                "name": popups[staffing.popup].name if staffing.popup in popups else "",
                "date": popups[staffing.popup].date.isoformat() if staffing.popup in popups else "",
                "assignments": [
                    {"counsellor": c, "pole": pole.value} for c, pole in staffing.assignments
                ],
            }
            for staffing in schedule.popups
        ],
    }


def read_schedule(path: str | os.PathLike[str]) -> Schedule:
    """Read a ``schedule.json`` written by :func:`write_plan`.

    Raises
    ------
    InputError
        If the file is not such a document (naming the entry that is wrong).
    """
    label = Path(path).name
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        msg = f"{label}: cannot be read as JSON ({exc})"
        raise InputError(msg) from exc
    return schedule_from_document(doc, label)


def schedule_from_document(doc: object, label: str = "schedule") -> Schedule:
    """The Schedule of a ``schedule.json`` document already parsed (e.g. from the store).

    Raises
    ------
    InputError
        If ``doc`` is not such a document (naming ``label`` and the entry that is wrong).
    """
    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA:
        msg = f"{label}: not a {SCHEMA} document"
        raise InputError(msg)
    where = label
    try:
        tours = []
        for i, raw in enumerate(doc["tours"]):
            where = f"{label}, tours[{i}]"
            tours.append(
                Tour(
                    bus=raw["bus"],
                    date=dt.date.fromisoformat(raw["date"]),
                    departure=dt.time.fromisoformat(raw["departure"]),
                    return_time=dt.time.fromisoformat(raw["return"]),
                    lunch=(
                        (
                            dt.time.fromisoformat(raw["lunch"][0]),
                            dt.time.fromisoformat(raw["lunch"][1]),
                        )
                        if raw.get("lunch")
                        else None
                    ),
                    visits=tuple(
                        Visit(
                            stop=v["stop"],
                            arrival=dt.time.fromisoformat(v["arrival"]),
                            start=dt.time.fromisoformat(v["start"]),
                            end=dt.time.fromisoformat(v["end"]),
                            crew=tuple(v["crew"]),
                            locked=bool(v.get("locked", False)),
                        )
                        for v in raw["visits"]
                    ),
                )
            )
        popups = []
        for i, raw in enumerate(doc.get("popups", [])):
            where = f"{label}, popups[{i}]"
            popups.append(
                PopUpStaffing(
                    raw["popup"],
                    tuple((a["counsellor"], Pole(a["pole"])) for a in raw["assignments"]),
                )
            )
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        msg = f"{where}: {exc!r} is missing or invalid"
        raise InputError(msg) from exc
    return Schedule(
        scenario=str(doc.get("scenario", "")),
        tours=tuple(tours),
        popups=tuple(popups),
        method=str(doc.get("method", "")),
        approximate=bool(doc.get("approximate", False)),
        network_label=str(doc.get("network", "")),
        objective=doc.get("objective"),
        bound=doc.get("bound"),
        seed=doc.get("seed"),
        elapsed_s=doc.get("elapsed_s"),
    )


def _report_document(report: Report) -> dict[str, Any]:
    k = report.kpis
    o = report.objective
    return {
        "objective": round(o.total, 2),
        "objective_terms": {
            "coverage": round(o.coverage, 2),
            "frequency_penalty": round(o.frequency_penalty, 2),
            "regularity_bonus": round(o.regularity_bonus, 2),
            "equity_penalty": round(o.equity_penalty, 2),
            "driving_cost": round(o.driving_cost, 2),
            "popup_value": round(o.popup_value, 2),
        },
        "need_reached": round(k.need_reached, 1),
        "need_total": round(k.need_total, 1),
        "need_reached_share": round(k.need_reached_share, 4),
        "need_reached_share_by_zone": {z: round(v, 4) for z, v in k.need_reached_by_zone.items()},
        "km_driven": round(k.km_driven, 1),
        "hours_driven": round(k.hours_driven, 2),
        "co2_kg": round(k.co2_kg, 1),
        "counsellor_days": k.counsellor_days,
        "tours": k.tours,
        "visits": k.visits,
        "sessions_per_stop": dict(k.sessions_per_stop),
        "popups_staffed": k.popups_staffed,
        "population_beyond_30_min_before": k.population_beyond_30_before,
        "population_beyond_30_min_after_by_period": list(k.population_beyond_30_after),
        "violations": [str(v) for v in report.violations],
    }


def kpis_document(report: Report, baseline: Report, *, approximate: bool) -> dict[str, Any]:
    """KPIs of the plan and of the round-robin baseline, side by side, with the gains."""
    plan_need = report.kpis.need_reached
    base_need = baseline.kpis.need_reached
    return {
        "approximate_network": approximate,
        "plan": _report_document(report),
        "baseline": _report_document(baseline),
        "gain": {
            "need_reached_ratio": round(plan_need / base_need, 3) if base_need else None,
            "objective_difference": round(report.objective.total - baseline.objective.total, 2),
            "km_difference": round(report.kpis.km_driven - baseline.kpis.km_driven, 1),
        },
    }


def write_plan(
    schedule: Schedule,
    report: Report,
    baseline: Report,
    scenario: Scenario,
    out_dir: str | os.PathLike[str],
    *,
    explanations: Sequence[Explanation] = (),
    search: Mapping[str, Any] | None = None,
) -> list[Path]:
    """Write ``schedule.json``, ``schedule.csv`` and ``kpis.json`` into ``out_dir``.

    ``explanations`` (input warnings, reasons for unreached communes) and ``search`` (how the
    search went: engine, columns, steps, work units) go into ``kpis.json``.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    doc = schedule_document(schedule, scenario)
    json_path = out / "schedule.json"
    json_path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    csv_path = out / "schedule.csv"
    rows: list[list[Cell]] = [
        ["date", "bus", "arret", "nom", "commune", "arrivee", "debut", "fin", "equipe", "reseau"]
    ]
    network = "approximatif" if schedule.approximate else "routier"
    for tour in doc["tours"]:
        for visit in tour["visits"]:
            rows.append(
                [
                    tour["date"],
                    tour["bus"],
                    visit["stop"],
                    visit["stop_name"],
                    visit["commune_name"],
                    visit["arrival"][:5],
                    visit["start"][:5],
                    visit["end"][:5],
                    " ".join(visit["crew"]),
                    network,
                ]
            )
    text = csv_text(rows, delimiter=";", lineterminator="\r\n")
    csv_path.write_text(text, encoding="utf-8-sig", newline="")
    kpis_path = out / "kpis.json"
    kpis = kpis_document(report, baseline, approximate=schedule.approximate)
    kpis["explanations"] = [
        {"severity": e.severity, "code": e.code, "subject": e.subject, "message": e.message}
        for e in explanations
    ]
    if search is not None:
        kpis["search"] = dict(search)
    kpis_path.write_text(
        json.dumps(
            kpis,
            ensure_ascii=False,
            indent=2,
        ),
        encoding="utf-8",
    )
    return [json_path, csv_path, kpis_path]
