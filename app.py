"""The itinerant dashboard: ``streamlit run app.py`` (see docs/dashboard.md).

Holds the navigation and the shared frame only; pages are in ``app_pages/`` and every
computation in the core (``itinerant/``). Coordinator pages are listed for coordinators only;
for anyone else they stay registered but hidden, and opening one by its URL shows the login
prompt (each page checks the role itself too).
"""

from __future__ import annotations

import streamlit as st

from app_pages import common
from itinerant.i18n import t

st.set_page_config(page_title=t("app.title"), page_icon=":material/airport_shuttle:", layout="wide")

role = common.role()
coordinator = "visible" if role == "coordinator" else "hidden"
driver = "visible" if role in ("coordinator", "driver") else "hidden"

public = st.Page(
    "app_pages/public.py",
    title=t("app.nav.public"),
    icon=":material/location_on:",
    url_path="public",
    default=role is None,
)
pages = {
    t("app.nav.section.public"): [public],
    t("app.nav.section.coordination"): [
        st.Page(
            "app_pages/territoire.py",
            title=t("app.nav.territory"),
            icon=":material/map:",
            url_path="territoire",
            visibility=coordinator,
            default=role == "coordinator",
        ),
        st.Page(
            "app_pages/ressources.py",
            title=t("app.nav.resources"),
            icon=":material/groups:",
            url_path="ressources",
            visibility=coordinator,
        ),
        st.Page(
            "app_pages/arrets.py",
            title=t("app.nav.stops"),
            icon=":material/signpost:",
            url_path="arrets",
            visibility=coordinator,
        ),
        st.Page(
            "app_pages/popups.py",
            title=t("app.nav.popups"),
            icon=":material/festival:",
            url_path="popup",
            visibility=coordinator,
        ),
        st.Page(
            "app_pages/planifier.py",
            title=t("app.nav.plan"),
            icon=":material/calculate:",
            url_path="planifier",
            visibility=coordinator,
        ),
        st.Page(
            "app_pages/publier.py",
            title=t("app.nav.publish"),
            icon=":material/campaign:",
            url_path="publier",
            visibility=coordinator,
        ),
    ],
    t("app.nav.section.driver"): [
        st.Page(
            "app_pages/chauffeur.py",
            title=t("app.nav.driver"),
            icon=":material/airport_shuttle:",
            url_path="chauffeur",
            visibility=driver,
            default=role == "driver",
        ),
    ],
    t("app.nav.section.account"): [
        st.Page(
            "app_pages/connexion.py",
            title=t("app.nav.login"),
            icon=":material/key:",
            url_path="connexion",
        ),
    ],
}
page = st.navigation(pages)

user = common.current_user()
if user is not None:
    with st.sidebar:
        st.caption(t("app.login.logged_in", name=user.name, role=t(f"app.role.{user.role}")))
        if st.button(t("app.login.logout"), key="logout"):
            common.logout()

page.run()
