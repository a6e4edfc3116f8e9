"""Arrêts: candidate Stops on a map and in a table with their opening rules."""

import streamlit as st

from app_pages import common
from itinerant.dashboard.maps import commune_features, place_points
from itinerant.i18n import t

user, ws = common.coordinator_page("app.stops.title")
stops = place_points(ws, ["stops", "depots"])
common.show_map(
    ws,
    [
        common.base_layer(commune_features(ws, "need")),
        common.points_layer(stops, layer_id="stops"),
    ],
    key="stops_map",
)
st.caption(t("app.map.legend"))
st.caption(t("app.stops.help"))
common.table_editor(ws, "stops", author=user.username)
