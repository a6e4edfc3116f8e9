"""The itinerant dashboard: ``streamlit run app.py`` (see docs/dashboard.md).

Holds the navigation and the shared frame only; pages are in ``app_pages/`` and every
computation in the core (``itinerant/``). Coordinator pages are listed for coordinators only;
for anyone else they stay registered but hidden, and opening one by its URL shows the login
prompt (each page checks the role itself too).
"""

from __future__ import annotations

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from app_pages import common
from itinerant.i18n import t

st.set_page_config(page_title=t("app.title"), page_icon=":material/airport_shuttle:", layout="wide")

# Each section's pages: file in app_pages/, URL path, title (i18n key), Material icon.
NAVIGATION = {
    "app.nav.section.public": (("public", "public", "app.nav.public", "location_on"),),
    "app.nav.section.coordination": (
        ("territoire", "territoire", "app.nav.territory", "map"),
        ("nouveau_territoire", "nouveau-territoire", "app.nav.new_territory", "add_location_alt"),
        ("ressources", "ressources", "app.nav.resources", "groups"),
        ("arrets", "arrets", "app.nav.stops", "signpost"),
        ("popups", "popup", "app.nav.popups", "festival"),
        ("planifier", "planifier", "app.nav.plan", "calculate"),
        ("publier", "publier", "app.nav.publish", "campaign"),
    ),
    "app.nav.section.driver": (("chauffeur", "chauffeur", "app.nav.driver", "airport_shuttle"),),
    "app.nav.section.account": (("connexion", "connexion", "app.nav.login", "key"),),
}
# Who sees a section listed (other sections: everyone).
SEEN_BY = {
    "app.nav.section.coordination": ("coordinator",),
    "app.nav.section.driver": ("coordinator", "driver"),
}
# The page each role lands on.
HOME = {None: "public", "coordinator": "territoire", "driver": "chauffeur"}

role = common.role()


def nav_page(section: str, file: str, url: str, title: str, icon: str) -> StreamlitPage:
    """A page of the navigation, listed only for the roles that see its section."""
    seen_by = SEEN_BY.get(section)
    return st.Page(
        f"app_pages/{file}.py",
        title=t(title),
        icon=f":material/{icon}:",
        url_path=url,
        visibility="visible" if seen_by is None or role in seen_by else "hidden",
        default=HOME.get(role) == file,
    )


pages = {
    t(section): [nav_page(section, *row) for row in rows] for section, rows in NAVIGATION.items()
}
page = st.navigation(pages)

user = common.current_user()
if user is not None:
    with st.sidebar:
        st.caption(t("app.login.logged_in", name=user.name, role=t(f"app.role.{user.role}")))
        if st.button(t("app.login.logout"), key="logout"):
            common.logout()

page.run()
