"""Plan runs in the store, their KPIs against the baseline, and variants to compare.

- :func:`record_plan` keeps a planner result in the store; :func:`latest_plan` and
  :func:`plan_record` read a run back as a :class:`PlanRecord` (Schedule, KPIs, explanations);
- :func:`kpi_rows` and :func:`compare_kpis` lay the KPIs of a ``kpis.json`` document side by
  side (:class:`KpiRow`), :func:`kpi_table` and :func:`comparison_table` as the page's tables;
- :func:`variant_with_extra_bus` and :func:`variant_workspace` make the scenario with one (or
  more) extra minibus to compare with.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from itinerant.errors import InputError
from itinerant.i18n import number, percent, t

if TYPE_CHECKING:
    from itinerant.dashboard.workspace import Workspace
    from itinerant.model import Bus, Scenario
    from itinerant.schedule.planner import PlanResult
    from itinerant.schedule.schedule import Schedule
    from itinerant.store import PlanRun, Store

__all__ = [
    "KpiRow",
    "PlanRecord",
    "compare_kpis",
    "comparison_table",
    "kpi_rows",
    "kpi_table",
    "kpi_text",
    "latest_plan",
    "plan_record",
    "record_plan",
    "result_kpis",
    "variant_with_extra_bus",
    "variant_workspace",
]


@dataclass(frozen=True)
class PlanRecord:
    """A stored plan run read back: the Schedule, the KPI document and the explanations."""

    run: PlanRun
    schedule: Schedule
    kpis: Mapping[str, Any]
    explanations: tuple[Mapping[str, str], ...]


def result_kpis(result: PlanResult, *, approximate: bool) -> dict[str, Any]:
    """The ``kpis.json`` document of a planner result (plan against the baseline)."""
    from itinerant.schedule.export import kpis_document  # noqa: PLC0415

    return kpis_document(result.report, result.baseline_report, approximate=approximate)


def record_plan(
    store: Store,
    workspace: Workspace,
    result: PlanResult,
    *,
    author: str,
    settings: Mapping[str, Any] | None = None,
    log: str = "",
) -> PlanRun:
    """Record a planner result for the workspace's scenario version (the CLI's own record)."""
    from itinerant.store import records  # noqa: PLC0415

    return records.record_plan(
        store,
        workspace.scenario,
        result,
        scenario_version=workspace.version_id,
        approximate=workspace.approximate,
        author=author,
        settings=settings,
        log=log,
    )


def plan_record(run: PlanRun) -> PlanRecord:
    """Read a stored plan run back (``InputError`` if it holds no Schedule)."""
    from itinerant.schedule.export import schedule_from_document  # noqa: PLC0415

    schedule = schedule_from_document(run.schedule, f"plan run {run.id}")
    explanations = tuple(run.kpis.get("explanations", ()))
    return PlanRecord(run, schedule, run.kpis, explanations)


def latest_plan(store: Store, scenario_version: int | None) -> PlanRecord | None:
    """The newest plan run with a Schedule for ``scenario_version`` (``None`` if none)."""
    if scenario_version is None:
        return None
    for run in store.plan_runs(scenario_version=scenario_version, limit=20):
        if run.schedule.get("tours") is not None:
            return plan_record(run)
    return None


# --------------------------------------------------------------------------- KPIs
@dataclass(frozen=True, slots=True)
class KpiRow:
    """One KPI of a plan against another plan (by default the round-robin baseline).

    Attributes
    ----------
    key
        Names the KPI in ``kpis.json`` and its label ``app.kpi.<key>``.
    plan, baseline
        The two values, in the KPI's unit (need units, visits, km, hours, kg CO2e...).
    higher_is_better
        Whether a higher value is the better one (need reached) or not (km driven).
    digits
        Decimal digits shown.
    share
        Whether the value is a share (0..1), shown as a percentage.
    """

    key: str
    plan: float
    baseline: float
    higher_is_better: bool
    digits: int = 0
    share: bool = False


# key, higher is better, digits, share
_KPIS: tuple[tuple[str, bool, int, bool], ...] = (
    ("need_reached", True, 0, False),
    ("need_reached_share", True, 0, True),
    ("visits", True, 0, False),
    ("tours", True, 0, False),
    ("km_driven", False, 0, False),
    ("hours_driven", False, 1, False),
    ("co2_kg", False, 0, False),
    ("counsellor_days", False, 0, False),
    ("popups_staffed", True, 0, False),
    ("objective", True, 0, False),
)


def kpi_rows(kpis: Mapping[str, Any]) -> list[KpiRow]:
    """The main KPIs of a ``kpis.json`` document, plan against baseline."""
    plan, base = kpis.get("plan", {}), kpis.get("baseline", {})
    return [
        KpiRow(key, float(plan.get(key, 0.0)), float(base.get(key, 0.0)), better, digits, share)
        for key, better, digits, share in _KPIS
    ]


def compare_kpis(left: Mapping[str, Any], right: Mapping[str, Any]) -> list[KpiRow]:
    """KPIs of two plans side by side (``kpis.json`` documents).

    In each row, ``plan`` is ``left``'s plan and ``baseline`` is ``right``'s plan.
    """
    return kpi_rows({"plan": left.get("plan", {}), "baseline": right.get("plan", {})})


def kpi_text(row: KpiRow, value: float, lang: str | None = None) -> str:
    """``value`` of the KPI ``row`` as text (a percentage for a share)."""
    return percent(value, lang) if row.share else number(value, lang, digits=row.digits)


def kpi_table(rows: Sequence[KpiRow], lang: str | None = None) -> dict[str, list[str]]:
    """The KPI table: label, plan, baseline and difference, by column title."""
    return {
        t("app.kpi.col.kpi", lang): [t(f"app.kpi.{r.key}", lang) for r in rows],
        t("app.kpi.col.plan", lang): [kpi_text(r, r.plan, lang) for r in rows],
        t("app.kpi.col.baseline", lang): [kpi_text(r, r.baseline, lang) for r in rows],
        t("app.kpi.col.delta", lang): [kpi_text(r, r.plan - r.baseline, lang) for r in rows],
    }


def comparison_table(
    rows: Sequence[KpiRow], variant: str, lang: str | None = None
) -> dict[str, list[str]]:
    """The comparison table of :func:`compare_kpis` rows, the right column named ``variant``."""
    right = f"{t('app.compare.right', lang)} : {variant}"
    return {
        t("app.compare.col.kpi", lang): [t(f"app.kpi.{r.key}", lang) for r in rows],
        t("app.compare.left", lang): [kpi_text(r, r.plan, lang) for r in rows],
        right: [kpi_text(r, r.baseline, lang) for r in rows],
    }


# --------------------------------------------------------------------------- variants
def variant_with_extra_bus(scenario: Scenario, *, copies: int = 1) -> Scenario:
    """A variant of ``scenario`` with ``copies`` more minibuses like its first one.

    The variant is named after the scenario (`` (+1 minibus)``) so that it is stored apart.

    Raises
    ------
    InputError
        If the scenario has no bus to copy.
    """
    if not scenario.buses:
        msg = "buses: the scenario has no bus to copy"
        raise InputError(msg)
    first = scenario.buses[0]
    taken = {b.id for b in scenario.buses}
    extra: list[Bus] = []
    n = len(scenario.buses)
    while len(extra) < copies:
        n += 1
        ident = f"{first.id}-{n}"
        if ident in taken:
            continue
        taken.add(ident)
        extra.append(replace(first, id=ident, name=f"{first.name} ({n})", source="variant"))
    name = t("app.compare.variant_name", name=scenario.name, count=copies)
    return replace(scenario, name=name, buses=(*scenario.buses, *extra))


def variant_workspace(workspace: Workspace, *, copies: int = 1) -> Workspace:
    """The Workspace of :func:`variant_with_extra_bus` (same places: same matrix, diagnostic)."""
    variant = variant_with_extra_bus(workspace.scenario, copies=copies)
    return replace(workspace, scenario=variant, version=None)
