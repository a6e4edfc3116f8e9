"""Log in or out."""

import streamlit as st

from app_pages import common
from itinerant.i18n import t

user = common.current_user()
if user is None:
    common.login_form()
else:
    st.subheader(t("app.login.title"))
    st.success(t("app.login.logged_in", name=user.name, role=t(f"app.role.{user.role}")))
    if st.button(t("app.login.logout"), key="logout_page"):
        common.logout()
