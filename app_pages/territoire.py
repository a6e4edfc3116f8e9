"""Territoire: the access diagnostic on a map, its summary figures and table; indicators import."""

import pandas as pd
import streamlit as st

from app_pages import common
from itinerant.dashboard.maps import commune_features, place_points
from itinerant.dashboard.workspace import access_rows, save_with_indicators
from itinerant.errors import InputError
from itinerant.i18n import number, percent, t

user, ws = common.coordinator_page("app.territory.title")
diagnostic = ws.diagnostic
cols = st.columns(3)
cols[0].metric(t("app.territory.communes"), number(len(ws.scenario.territory.communes)))
cols[1].metric(t("app.territory.population"), number(diagnostic.population))
cols[2].metric(t("app.territory.service_points"), number(len(ws.scenario.territory.service_points)))
cols = st.columns(3)
for col, row in zip(cols, diagnostic.summary(), strict=False):
    col.metric(
        t("app.territory.beyond", minutes=row.minutes),
        number(row.population),
        percent(row.share),
        delta_color="off",
    )
if diagnostic.unreachable:
    st.warning(t("app.territory.unreachable", names=", ".join(diagnostic.unreachable)))

colour = st.radio(
    t("app.territory.colour"),
    ["need", "minutes"],
    format_func=lambda c: t(f"app.territory.colour.{c}"),
    horizontal=True,
    key="territory_colour",
)
points = place_points(ws, ["service_points", "depots"])
common.show_map(
    ws,
    [
        common.base_layer(commune_features(ws, colour)),
        common.points_layer(points, layer_id="places"),
    ],
    key="territory_map",
)
st.caption(t("app.map.legend"))

st.subheader(t("app.territory.table"))
table = pd.DataFrame(access_rows(ws))
table.columns = [t(f"app.territory.col.{c}") for c in table.columns]
st.dataframe(table, hide_index=True, width="stretch", key="territory_table")

with st.expander(t("app.territory.indicators")):
    upload = st.file_uploader(
        t("app.territory.indicators"), type=["csv", "gz"], key="indicators_file"
    )
    if st.button(
        t("app.territory.indicators_button"), key="indicators_import", disabled=upload is None
    ):
        try:
            version = save_with_indicators(
                common.store(), ws.scenario, upload.getvalue(), author=user.username
            )
        except InputError as exc:
            st.error(str(exc))
        else:
            st.session_state["flash"] = t("app.territory.indicators_done", version=version.version)
            st.rerun()
