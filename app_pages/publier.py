"""Publier: publish the latest plan with a note, the change notices, the list of versions."""

import os

import pandas as pd
import streamlit as st

from app_pages import common
from itinerant.dashboard.plans import latest_plan
from itinerant.errors import ItinerantError
from itinerant.i18n import t
from itinerant.publish.notices import change_notices
from itinerant.publish.release import PUBLIC_URL_ENV, publish_schedule, published_schedule

user, ws = common.coordinator_page("app.publish.title")
store = common.store()
record = latest_plan(store, ws.version_id)
if record is None:
    st.info(t("app.publish.none"))
else:
    st.write(
        t(
            "app.publish.plan",
            run=record.run.id,
            date=record.run.created_at.astimezone().strftime("%d/%m/%Y %H:%M"),
            visits=len(record.schedule.visits()),
        )
    )
    previous = store.latest_publication()
    before = published_schedule(previous) if previous is not None else None
    notices = change_notices(before, record.schedule, ws.scenario)
    st.subheader(t("app.publish.preview"))
    if previous is None:
        st.info(t("app.publish.first"))
    elif not notices.public:
        st.info(t("app.publish.no_change"))
    else:
        st.markdown(f"**{t('app.publish.public')}**")
        st.markdown("\n".join(f"- {n.message}" for n in notices.public))
    for bus, items in notices.drivers.items():
        with st.expander(t("app.publish.drivers", bus=bus)):
            st.markdown("\n".join(f"- {n.message}" for n in items))

    note = st.text_input(t("app.publish.note"), key="publish_note")
    base_url = st.text_input(
        t("app.publish.base_url"),
        value=os.environ.get(PUBLIC_URL_ENV, ""),
        help=t("app.publish.base_url_help"),
        placeholder="https://",
        key="publish_base_url",
    )
    if st.button(t("app.publish.button"), key="publish_button", type="primary"):
        try:
            with st.spinner(t("app.publish.button")):
                result = publish_schedule(
                    record.schedule,
                    ws.scenario,
                    store=store,
                    out_dir=common.publication_dir(),
                    author=user.username,
                    note=note,
                    matrix=ws.matrix,
                    network=ws.network,
                    plan_run=record.run.id,
                    scenario_version=ws.version_id,
                    base_url=base_url.strip(),  # empty: relative links
                )
        except ItinerantError as exc:
            st.error(str(exc))
        else:
            st.session_state["flash"] = t(
                "app.publish.done",
                number=result.publication.number,
                files=len(result.files),
                folder=result.out_dir,
            )
            st.rerun()

st.subheader(t("app.publish.versions"))
publications = store.publications()
if publications:
    st.dataframe(
        pd.DataFrame(
            {
                t("app.publish.col.number"): [p.number for p in publications],
                t("app.publish.col.date"): [
                    p.published_at.astimezone().strftime("%d/%m/%Y %H:%M") for p in publications
                ],
                t("app.publish.col.author"): [p.author for p in publications],
                t("app.publish.col.note"): [p.note for p in publications],
                t("app.publish.col.tours"): [
                    len(p.schedule.get("tours", ())) for p in publications
                ],
            }
        ),
        hide_index=True,
        width="stretch",
        key="publications_table",
    )

st.subheader(t("app.publish.scenario_versions"))
versions = store.scenario_versions()
st.dataframe(
    pd.DataFrame(
        {
            t("app.publish.col.version"): [v.version for v in versions],
            t("app.publish.col.name"): [v.name for v in versions],
            t("app.publish.col.date"): [
                v.created_at.astimezone().strftime("%d/%m/%Y %H:%M") for v in versions
            ],
            t("app.publish.col.author"): [v.author for v in versions],
            t("app.publish.col.note"): [v.note for v in versions],
        }
    ),
    hide_index=True,
    width="stretch",
    key="scenario_versions_table",
)
