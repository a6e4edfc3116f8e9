"""Public: the next visits and pop-ups near a commune, postcode or position (no login).

Never any counsellor's name here: everything shown comes from public events (pôles only).
"""

import datetime as dt

import streamlit as st

from app_pages import common
from itinerant.dashboard.downloads import public_answer, public_feed
from itinerant.dashboard.maps import commune_features
from itinerant.errors import InputError
from itinerant.i18n import t
from itinerant.publish.public.text import (
    format_date,
    format_drive,
    format_hours,
    pole_labels,
    service_kind_label,
)
from itinerant.store import database_url

st.title(t("app.public.title"))
st.write(t("app.public.intro"))

publication, schedule, ws = common.latest_published_or_stop(
    "app.public.none_published", "app.public.published"
)

params = st.query_params
from_date = None
try:
    if "from" in params:  # ?from=YYYY-MM-DD: the dates from that day on (default: today)
        from_date = dt.date.fromisoformat(params["from"])
except ValueError:
    from_date = None
position = None
try:
    if "lat" in params and "lon" in params:
        position = (float(params["lat"]), float(params["lon"]))
except ValueError:
    position = None

query = st.text_input(t("app.public.search"), value=params.get("q", ""), key="public_search")
if position is not None and not query.strip():
    st.caption(t("app.public.near_me"))
    near = position
else:
    near = query.strip()
    st.caption(t("app.public.near_me_hint"))

if near:
    try:
        answer = public_answer(ws, schedule, near, from_date=from_date)
    except InputError as exc:
        st.warning(str(exc))
        st.stop()
    place = answer.origin.query if isinstance(near, str) else t("app.public.position")
    st.subheader(t("app.public.results", place=place))
    if not answer.events:
        st.info(t("app.public.no_event"))
    for item in answer.events:
        event = item.event
        line = t(
            "app.public.event",
            date=format_date(event.date),
            hours=format_hours(event.start, event.end),
            place=event.name,
            commune=event.commune_name,
        )
        if event.kind == "popup":
            line = f"🎪 {t('app.public.popup')} · {line}"
        details = [t("app.public.poles", poles=", ".join(pole_labels(event.poles)) or "—")]
        details.append(t("app.public.drive", drive=format_drive(item.drive_s, item.drive_m)))
        if event.address:
            details.append(event.address)
        st.markdown(f"{line}  \n{' · '.join(details)}")
    for note in answer.notes:
        st.caption(note)

    points = [
        {
            "lon": item.event.location.lon,
            "lat": item.event.location.lat,
            "name": item.event.name,
            "label": f"{format_date(item.event.date)} {item.event.name}",
            "colour": [230, 120, 0, 230],
        }
        for item in answer.events
    ]
    if points:
        common.show_map(
            ws,
            [
                common.base_layer(commune_features(ws, "none")),
                common.points_layer(points, layer_id="events", radius=8),
            ],
            key="public_map",
            height=380,
        )

    if answer.service_points:
        st.subheader(t("app.public.service_points"))
        st.markdown(
            "\n".join(
                "- "
                + t(
                    "app.public.service_point",
                    name=sp.name,
                    kind=service_kind_label(sp.kind),
                    commune=sp.commune_name,
                    drive=format_drive(sp.drive_s, sp.drive_m),
                )
                for sp in answer.service_points
            )
        )

    commune = answer.origin.communes[0] if answer.origin.communes else None
    if commune is not None:

        @st.cache_data(show_spinner=False, max_entries=64, ttl=3600)
        def feed(url: str, number: int, code: str) -> bytes:
            """The commune's ICS feed (cached per store and publication)."""
            del url, number  # cache keys
            return public_feed(ws, schedule, code, from_date=from_date)

        st.download_button(
            t("app.public.subscribe"),
            data=feed(database_url(), publication.number, commune),
            file_name=f"cite-des-metiers-{commune}.ics",
            mime="text/calendar",
            key="public_ics",
        )
