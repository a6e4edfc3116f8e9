"""Planifier: settings, a planning run with live progress and cancel, and its results.

The jobs (start, poll, record) are :class:`itinerant.dashboard.plan_desk.PlanDesk`'s; this page
only draws them.
"""

import altair as alt
import pandas as pd
import streamlit as st

from app_pages import common
from itinerant.dashboard.maps import commune_features, tour_paths
from itinerant.dashboard.plan_desk import PlanDesk, error_messages, progress_text
from itinerant.dashboard.planner_settings import settings_fields, settings_from_values
from itinerant.dashboard.plans import (
    compare_kpis,
    comparison_table,
    kpi_rows,
    kpi_table,
    kpi_text,
    latest_plan,
)
from itinerant.dashboard.timeline import bus_days, timeline_rows
from itinerant.errors import InputError
from itinerant.i18n import t
from itinerant.model import FieldError
from itinerant.publish.public.text import format_date

user = common.require_role("coordinator")
ws = common.workspace()
store = common.store()
desk = PlanDesk(
    st.session_state, common.jobs(), store, author=user.username, workspace=common.workspace
)

st.title(t("app.plan.title"))
common.scenario_caption(ws)

current = desk.refresh()
common.flash()
if desk.error is not None:
    for message in error_messages(desk.error):
        st.error(message)

if desk.changes is not None:  # the last re-plan's changes, shown above the tabs
    st.write(t("app.lock.changes", count=len(desk.changes)))
    columns = ["kind", "stop", "bus", "date", "start", "new_bus", "new_date", "new_start"]
    with st.container(key="plan_changes_table"):
        st.dataframe(pd.DataFrame(desk.changes, columns=columns), hide_index=True, width="stretch")

# --------------------------------------------------------------------------- settings
values = {}
with st.expander(t("app.plan.settings")):
    cols = st.columns(2)
    for i, field in enumerate(settings_fields(ws.scenario.plan)):
        col, key = cols[i % 2], f"setting_{field.name}"
        if field.kind == "time":
            value = col.time_input(field.label, field.default, help=field.help, key=key)
        elif field.kind == "int":
            value = int(
                col.number_input(field.label, value=field.default, step=1, help=field.help, key=key)
            )
        else:
            value = float(
                col.number_input(
                    field.label,
                    value=float(field.default),
                    step=0.05,
                    format="%.3f",
                    help=field.help,
                    key=key,
                )
            )
        values[field.name] = value


def whole_number(where, name: str, *, low: int = 1, high: int, value: int, key: str) -> int:
    """A whole-number input from ``low`` to ``high``, labelled ``name``, helped ``name_help``."""
    number = where.number_input(
        t(name), min_value=low, max_value=high, value=value, help=t(f"{name}_help"), key=key
    )
    return int(number)


cols = st.columns(2)
time_limit = whole_number(
    cols[0], "app.plan.time_limit", high=3600, value=20, key="plan_time_limit"
)
seed = whole_number(cols[1], "app.plan.seed", low=0, high=1_000_000, value=0, key="plan_seed")


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
        desk.plan(ws, settings, time_limit_s=time_limit, seed=seed)
        st.rerun()


# --------------------------------------------------------------------------- live progress
@st.fragment(run_every=0.5)
def progress_panel() -> None:
    """Progress bar, best objective, gap and time, and the cancel button; polls the job."""
    job = desk.job()
    if job is None:
        return
    status = job.status()
    if status.finished:
        st.rerun(scope="app")
    st.progress(status.fraction, text=progress_text(status))
    if st.button(t("app.plan.cancel"), key="plan_cancel", disabled=job.cancel_requested):
        job.cancel()


if current is not None:
    progress_panel()

# --------------------------------------------------------------------------- results
record = latest_plan(store, ws.version_id)
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

metric_cols = st.columns(4)
for col, row in zip(metric_cols, rows[:4], strict=False):
    col.metric(
        t(f"app.kpi.{row.key}"),
        kpi_text(row, row.plan),
        f"{kpi_text(row, row.plan - row.baseline)} {t('app.kpi.vs_baseline')}",
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
        chart = (
            alt.Chart(timeline[timeline["week"] == week])
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
    st.dataframe(pd.DataFrame(kpi_table(rows)), hide_index=True, width="stretch", key="plan_kpis")
    if ws.approximate:
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
    labels = {(bus, day): label for bus, day, label in bus_days(schedule, ws.scenario)}
    chosen = st.multiselect(
        t("app.lock.days"), list(labels), format_func=labels.get, key="lock_days"
    )
    if st.button(t("app.lock.run"), key="lock_run", disabled=current is not None or not chosen):
        settings = planner_settings()
        if settings is not None:
            desk.plan(ws, settings, time_limit_s=time_limit, seed=seed, keep=schedule, lock=chosen)
            st.rerun()
    text = st.text_area(t("app.lock.disruptions"), key="disruptions")
    replan_limit = whole_number(
        st, "app.lock.time_limit", high=3600, value=2, key="replan_time_limit"
    )
    if st.button(t("app.lock.replan"), key="replan_run", disabled=current is not None):
        try:
            desk.replan(ws, schedule, text, time_limit_s=replan_limit, seed=seed, lock=chosen)
        except InputError as exc:
            st.error(t("app.lock.error", error=exc))
        else:
            st.rerun()

with tabs[5]:
    st.write(t("app.compare.intro"))
    copies = st.number_input(t("app.compare.extra"), 1, 5, 1, key="compare_extra")
    if st.button(t("app.compare.run"), key="compare_run", disabled=current is not None):
        settings = planner_settings()
        if settings is not None:
            desk.compare(ws, settings, copies=copies, time_limit_s=time_limit, seed=seed)
            st.rerun()
    compared = desk.comparison
    if compared is not None:
        both = compare_kpis(record.kpis, compared.kpis)
        st.dataframe(
            pd.DataFrame(comparison_table(both, compared.name)),
            hide_index=True,
            width="stretch",
            key="compare_table",
        )
