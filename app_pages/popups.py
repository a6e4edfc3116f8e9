"""Pop-up: the pop-up events, edited in a table or added with a form."""

import datetime as dt

import pandas as pd
import streamlit as st

from app_pages import common
from itinerant.dashboard.editing import blank_row, table_frame
from itinerant.i18n import t

user, ws = common.coordinator_page("app.popups.title")

st.caption(t("app.edit.help"))
common.table_editor(ws, "popups", author=user.username)

communes = {c.code: c for c in ws.scenario.territory.communes}
st.subheader(t("app.popups.add"))
with st.form("popup_form"):
    cols = st.columns(2)
    ident = cols[0].text_input(t("app.popups.field.id"), key="popup_id")
    name = cols[1].text_input(t("app.popups.field.name"), key="popup_name")
    commune = cols[0].selectbox(
        t("app.popups.field.commune"),
        sorted(communes, key=lambda c: communes[c].name),
        format_func=lambda c: f"{communes[c].name} ({c})",
        key="popup_commune",
    )
    address = cols[1].text_input(t("app.popups.field.address"), key="popup_address")
    day = cols[0].date_input(
        t("app.popups.field.date"), ws.scenario.horizon.start, key="popup_date"
    )
    needs = cols[1].text_input(t("app.popups.field.needs"), "emploi:1", key="popup_needs")
    start = cols[0].time_input(t("app.popups.field.start"), dt.time(9), key="popup_start")
    end = cols[1].time_input(t("app.popups.field.end"), dt.time(17), key="popup_end")
    mandatory = cols[0].checkbox(t("app.popups.field.mandatory"), key="popup_mandatory")
    priority = cols[1].number_input(t("app.popups.field.priority"), 1, 5, 1, key="popup_priority")
    submitted = st.form_submit_button(t("app.popups.submit"), key="popup_submit")
if submitted:
    point = communes[commune].point
    row = blank_row("popups") | {
        "id": ident,
        "name": name,
        "commune": commune,
        "address": address,
        "lon": str(point.lon),
        "lat": str(point.lat),
        "date": day.isoformat(),
        "start": start.strftime("%H:%M"),
        "end": end.strftime("%H:%M"),
        "needs": needs,
        "mandatory": "true" if mandatory else "false",
        "priority": str(int(priority)),
    }
    frame = pd.concat([table_frame(ws.scenario, "popups"), pd.DataFrame([row])], ignore_index=True)
    common.save_tables(ws, {"popups": frame}, author=user.username, note=f"pop-up {ident}")
