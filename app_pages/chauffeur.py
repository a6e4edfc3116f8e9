"""Chauffeur: pick a bus and a week, download the roadbook (PDF), GPX, ICS and CSV."""

import streamlit as st

from app_pages import common
from itinerant.dashboard.downloads import driver_downloads, weeks_of
from itinerant.i18n import t
from itinerant.publish.drivers.itinerary import week_code
from itinerant.publish.notices import change_notices
from itinerant.publish.release import published_schedule
from itinerant.store import database_url

user = common.require_role("coordinator", "driver")

st.title(t("app.driver.title"))
publication, schedule, ws = common.latest_published_or_stop("app.driver.none", "app.driver.source")

buses = {b.id: b.name for b in ws.scenario.buses}
bus_ids = list(buses)
first = bus_ids.index(user.bus) if user.bus in bus_ids else 0
cols = st.columns(2)
bus = cols[0].selectbox(
    t("app.driver.bus"), bus_ids, index=first, format_func=buses.get, key="driver_bus"
)
weeks = weeks_of(ws.scenario)
week = cols[1].selectbox(
    t("app.driver.week"), weeks, format_func=lambda w: week_code(w[0], w[1]), key="driver_week"
)


@st.cache_data(show_spinner=True, max_entries=32)
def files(url: str, number: int, bus: str, week: tuple[int, int]):
    """The four files of a bus's week of a Publication (cached per store and publication)."""
    del url, number  # cache keys
    return driver_downloads(ws, schedule, bus=bus, week=week)


result = files(database_url(), publication.number, bus, tuple(week))
st.write(t("app.driver.days", days=result.days))
cols = st.columns(4)
downloads = [
    ("pdf", "application/pdf"),
    ("gpx", "application/gpx+xml"),
    ("ics", "text/calendar"),
    ("csv", "text/csv"),
]
for col, (kind, mime) in zip(cols, downloads, strict=True):
    col.download_button(
        t(f"app.driver.{kind}"),
        data=getattr(result, kind),
        file_name=f"{result.stem}.{kind}",
        mime=mime,
        key=f"driver_{kind}",
        width="stretch",
    )

if publication.number > 1:
    store = common.store()
    before = published_schedule(store.publication(publication.number - 1))
    notices = change_notices(before, schedule, ws.scenario).drivers.get(bus, ())
    if notices:
        st.subheader(t("app.driver.notices"))
        st.markdown("\n".join(f"- {n.message}" for n in notices))
