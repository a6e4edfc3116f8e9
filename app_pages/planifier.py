"""Planifier: settings, a planning run with live progress and cancel, and its results."""

import altair as alt
import pandas as pd
import streamlit as st

from app_pages import common
from itinerant.dashboard.jobs import plan_job, replan_job
from itinerant.dashboard.workspace import (
    bus_days,
    change_rows,
    commune_features,
    compare_kpis,
    kpi_rows,
    latest_plan,
    locked_days,
    mark_locked,
    record_plan,
    result_kpis,
    settings_document,
    settings_fields,
    settings_from_values,
    timeline_rows,
    tour_paths,
    variant_workspace,
)
from itinerant.errors import InputError
from itinerant.i18n import number, percent, t
from itinerant.model import FieldError
from itinerant.publish.public.text import format_date
from itinerant.schedule.explain import ImpossiblePlanError
from itinerant.schedule.replan import parse_disruption

JOB = "plan_job"
META = "plan_job_meta"

user = common.require_role("coordinator")
ws = common.workspace()
store = common.store()
registry = common.jobs()

st.title(t("app.plan.title"))
common.scenario_caption(ws)


# --------------------------------------------------------------------------- a finished job
def collect(job_id: str) -> None:
    """Record the result of a finished job (or keep its error for display)."""
    job = registry.get(job_id)
    meta = st.session_state.pop(META, {})
    st.session_state.pop(JOB, None)
    registry.drop(job_id)
    if job is None:
        return
    status = job.status()
    if status.error is not None:
        st.session_state["plan_error"] = status.error
        return
    kind = meta.get("kind", "plan")
    source = common.workspace(meta.get("version"))
    if kind == "compare":
        variant = variant_workspace(source, copies=meta.get("copies", 1))
        st.session_state["compare_result"] = {
            "name": variant.scenario.name,
            "kpis": result_kpis(status.result, approximate=variant.matrix.approximate),
        }
        return
    result, changes = status.result if kind == "replan" else (status.result, None)
    record_plan(store, source, result, author=user.username, settings=meta.get("settings"))
    if changes is not None:
        st.session_state["plan_changes"] = change_rows(changes, source.scenario)
    message = "app.plan.cancelled" if status.state == "cancelled" else "app.plan.done"
    st.session_state["flash"] = t(message, status=result.status, elapsed=f"{status.elapsed_s:.0f}")


def start(job, meta: dict) -> None:
    """Start a job in its thread and remember it in the session."""
    st.session_state[JOB] = registry.add(job.start())
    st.session_state[META] = meta
    st.session_state.pop("plan_error", None)
    st.session_state.pop("plan_changes", None)
    st.rerun()


current = registry.get(st.session_state.get(JOB))
if current is None:
    st.session_state.pop(JOB, None)
elif current.status().finished:
    collect(st.session_state[JOB])
    current = None
common.flash()
error = st.session_state.get("plan_error")
if isinstance(error, ImpossiblePlanError):
    st.error(t("app.plan.impossible"))
    for explanation in error.explanations:
        st.error(explanation.message)
elif error is not None:
    st.error(t("app.plan.failed", error=error))

changes = st.session_state.get("plan_changes")
if changes is not None:  # the last re-plan's changes, shown above the tabs
    st.write(t("app.lock.changes", count=len(changes)))
    columns = ["kind", "stop", "bus", "date", "start", "new_bus", "new_date", "new_start"]
    with st.container(key="plan_changes_table"):
        st.dataframe(pd.DataFrame(changes, columns=columns), hide_index=True, width="stretch")

# --------------------------------------------------------------------------- settings
fields = settings_fields()
values = {}
with st.expander(t("app.plan.settings")):
    cols = st.columns(2)
    for i, field in enumerate(fields):
        label = t(f"app.setting.{field.name}")
        col = cols[i % 2]
        key = f"setting_{field.name}"
        if field.kind == "time":
            values[field.name] = col.time_input(label, field.default, help=field.doc, key=key)
        elif field.kind == "int":
            values[field.name] = int(
                col.number_input(label, value=field.default, step=1, help=field.doc, key=key)
            )
        else:
            values[field.name] = float(
                col.number_input(
                    label,
                    value=float(field.default),
                    step=0.05,
                    format="%.3f",
                    help=field.doc,
                    key=key,
                )
            )
cols = st.columns(2)
time_limit = cols[0].number_input(
    t("app.plan.time_limit"),
    min_value=1,
    max_value=3600,
    value=20,
    help=t("app.plan.time_limit_help"),
    key="plan_time_limit",
)
seed = cols[1].number_input(
    t("app.plan.seed"),
    min_value=0,
    max_value=1_000_000,
    value=0,
    help=t("app.plan.seed_help"),
    key="plan_seed",
)


def planner_settings():
    """The settings typed, or None (with the refusal shown)."""
    try:
        return settings_from_values(values)
    except FieldError as exc:
        st.error(t("app.plan.settings_error", field=exc.field, message=exc.message))
        return None


if st.button(t("app.plan.run"), key="plan_run", type="primary", disabled=current is not None):
    settings = planner_settings()
    if settings is not None:
        data = ws.planning_data(settings)
        meta = {
            "kind": "plan",
            "version": ws.version.id if ws.version else None,
            "settings": settings_document(settings, time_limit_s=time_limit, seed=seed),
        }
        start(plan_job(data, time_limit_s=float(time_limit), seed=int(seed)), meta)


# --------------------------------------------------------------------------- live progress
@st.fragment(run_every=0.5)
def progress_panel() -> None:
    """Progress bar, best objective, gap and time, and the cancel button; polls the job."""
    job = registry.get(st.session_state.get(JOB))
    if job is None:
        return
    status = job.status()
    if status.finished:
        st.rerun(scope="app")
    p = status.progress
    if p is None:
        text = t("app.plan.progress_wait", elapsed=f"{status.elapsed_s:.0f}")
    else:
        text = t(
            "app.plan.progress",
            elapsed=f"{status.elapsed_s:.0f}",
            objective=number(p.objective),
            bound=number(p.bound),
            gap=percent(p.gap) if p.gap is not None else "?",
        )
    st.progress(status.fraction, text=text)
    if st.button(t("app.plan.cancel"), key="plan_cancel", disabled=job.cancel_requested):
        job.cancel()


if current is not None:
    progress_panel()

# --------------------------------------------------------------------------- results
record = latest_plan(store, ws.version.id if ws.version else None)
if record is None:
    st.info(t("app.plan.none"))
    st.stop()

schedule = record.schedule
st.subheader(
    t(
        "app.plan.results",
        run=record.run.id,
        date=record.run.created_at.astimezone().strftime("%d/%m/%Y %H:%M"),
        status=record.run.status,
    )
)
rows = kpi_rows(record.kpis)


def shown(value: float, digits: int, share: bool) -> str:
    """A KPI value as text."""
    return percent(value) if share else number(value, digits=digits)


metric_cols = st.columns(4)
for col, row in zip(metric_cols, rows[:4], strict=False):
    delta = row.plan - row.baseline
    col.metric(
        t(f"app.kpi.{row.key}"),
        shown(row.plan, row.digits, row.share),
        f"{shown(delta, row.digits, row.share)} {t('app.kpi.vs_baseline')}",
        delta_color="normal" if row.higher_is_better else "inverse",
    )

tabs = st.tabs(
    [
        t("app.plan.tab.map"),
        t("app.plan.tab.timeline"),
        t("app.plan.tab.kpis"),
        t("app.plan.tab.unreached"),
        t("app.plan.tab.lock"),
        t("app.plan.tab.compare"),
    ]
)

with tabs[0]:
    days = sorted({tour.date for tour in schedule.tours})
    if days:
        day = st.selectbox(t("app.plan.day"), days, format_func=format_date, key="plan_day")
        paths = tour_paths(ws, schedule, day)
        calls = [
            {**c, "colour": p["colour"], "label": c["name"]} for p in paths for c in p["stops"]
        ]
        for p in paths:
            p["label"] = p["name"]
        common.show_map(
            ws,
            [
                common.base_layer(commune_features(ws, "need")),
                common.path_layer(paths, layer_id="tours"),
                common.points_layer(calls, layer_id="calls", radius=7),
                common.text_layer(calls, layer_id="labels"),
            ],
            key="plan_map",
        )
    else:
        st.info(t("app.plan.no_tour"))

with tabs[1]:
    timeline = pd.DataFrame(timeline_rows(schedule, ws.scenario))
    if not timeline.empty:
        weeks = sorted(timeline["week"].unique())
        week = st.selectbox(t("app.timeline.week"), weeks, key="plan_week")
        shown_rows = timeline[timeline["week"] == week]
        chart = (
            alt.Chart(shown_rows)
            .mark_bar()
            .encode(
                x=alt.X("start:T", title=None),
                x2="end:T",
                y=alt.Y("lane:N", title=t("app.timeline.lane")),
                color=alt.Color("bus:N", title=t("app.timeline.bus")),
                row=alt.Row("group:N", title=None),
                tooltip=["lane", "label", "date", "start", "end"],
            )
            .resolve_scale(y="independent")
        )
        st.altair_chart(chart, width="stretch", key="plan_timeline")

with tabs[2]:
    table = pd.DataFrame(
        {
            t("app.kpi.col.kpi"): [t(f"app.kpi.{r.key}") for r in rows],
            t("app.kpi.col.plan"): [shown(r.plan, r.digits, r.share) for r in rows],
            t("app.kpi.col.baseline"): [shown(r.baseline, r.digits, r.share) for r in rows],
            t("app.kpi.col.delta"): [shown(r.plan - r.baseline, r.digits, r.share) for r in rows],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch", key="plan_kpis")
    if ws.matrix.approximate:
        st.caption(t("app.approximate"))

with tabs[3]:
    if record.explanations:
        st.write(t("app.unreached.intro"))
        st.dataframe(
            pd.DataFrame(record.explanations),
            hide_index=True,
            width="stretch",
            key="plan_unreached",
        )
    else:
        st.success(t("app.unreached.none"))

with tabs[4]:
    options = bus_days(schedule, ws.scenario)
    labels = {(bus, day): label for bus, day, label in options}
    chosen = st.multiselect(
        t("app.lock.days"), list(labels), format_func=labels.get, key="lock_days"
    )
    if st.button(t("app.lock.run"), key="lock_run", disabled=current is not None or not chosen):
        settings = planner_settings()
        if settings is not None:
            meta = {
                "kind": "plan",
                "version": ws.version.id if ws.version else None,
                "settings": settings_document(settings, time_limit_s=time_limit, seed=seed)
                | {"locked": [f"{b}:{d.isoformat()}" for b, d in chosen]},
            }
            job = plan_job(
                ws.planning_data(settings),
                time_limit_s=float(time_limit),
                seed=int(seed),
                keep=schedule,
                locked=locked_days(schedule, chosen),
            )
            start(job, meta)
    text = st.text_area(t("app.lock.disruptions"), key="disruptions")
    replan_limit = st.number_input(
        t("app.lock.time_limit"),
        min_value=1,
        max_value=3600,
        value=2,
        help=t("app.lock.time_limit_help"),
        key="replan_time_limit",
    )
    if st.button(t("app.lock.replan"), key="replan_run", disabled=current is not None):
        try:
            disruptions = [parse_disruption(line) for line in text.splitlines() if line.strip()]
            if not disruptions:
                raise InputError(t("app.lock.disruptions"))
        except InputError as exc:
            st.error(t("app.lock.error", error=exc))
        else:
            meta = {
                "kind": "replan",
                "version": ws.version.id if ws.version else None,
                "settings": {"disruptions": [str(d) for d in disruptions], "seed": int(seed)},
            }
            job = replan_job(
                ws.planning_data(),
                mark_locked(schedule, chosen),
                disruptions,
                time_limit_s=float(replan_limit),
                seed=int(seed),
            )
            start(job, meta)

with tabs[5]:
    st.write(t("app.compare.intro"))
    copies = st.number_input(t("app.compare.extra"), 1, 5, 1, key="compare_extra")
    if st.button(t("app.compare.run"), key="compare_run", disabled=current is not None):
        settings = planner_settings()
        if settings is not None:
            variant = variant_workspace(ws, copies=int(copies))
            meta = {
                "kind": "compare",
                "version": ws.version.id if ws.version else None,
                "copies": int(copies),
            }
            job = plan_job(
                variant.planning_data(settings), time_limit_s=float(time_limit), seed=int(seed)
            )
            start(job, meta)
    compared = st.session_state.get("compare_result")
    if compared:
        both = compare_kpis(record.kpis, compared["kpis"])
        st.dataframe(
            pd.DataFrame(
                {
                    t("app.compare.col.kpi"): [t(f"app.kpi.{r.key}") for r in both],
                    t("app.compare.left"): [shown(r.plan, r.digits, r.share) for r in both],
                    f"{t('app.compare.right')} : {compared['name']}": [
                        shown(r.baseline, r.digits, r.share) for r in both
                    ],
                }
            ),
            hide_index=True,
            width="stretch",
            key="compare_table",
        )
