"""Ressources: buses, counsellors (pôles, partner institution), availability, days off."""

import streamlit as st

from app_pages import common
from itinerant.dashboard.editing import availability_calendar
from itinerant.i18n import t

user, ws = common.coordinator_page("app.resources.title")

st.caption(t("app.edit.help"))

tabs = st.tabs(
    [
        t("app.resources.buses"),
        t("app.resources.counsellors"),
        t("app.resources.availability"),
        t("app.resources.blocked"),
        t("app.resources.depots"),
    ]
)
with tabs[0]:
    common.table_editor(ws, "buses", author=user.username)
with tabs[1]:
    common.table_editor(ws, "counsellors", author=user.username)
with tabs[2]:
    st.subheader(t("app.resources.calendar"))
    st.dataframe(availability_calendar(ws.scenario), width="stretch", key="calendar")
    common.table_editor(ws, "availability", author=user.username)
with tabs[3]:
    common.table_editor(ws, "blocked_days", author=user.username)
with tabs[4]:
    common.table_editor(ws, "depots", author=user.username)
