"""Shared frame of the dashboard pages: store, workspace, jobs, login and maps (UI only).

Every computation lives in the core (:mod:`itinerant.dashboard`: workspace, editing, jobs, auth);
this module only caches it and draws it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pandas as pd
import pydeck as pdk
import streamlit as st

from itinerant.dashboard.auth import (
    User,
    authenticate,
    default_users_path,
    load_users,
    user_for_email,
)
from itinerant.dashboard.editing import EditError, apply_tables, table_frame
from itinerant.dashboard.jobs import JobRegistry
from itinerant.dashboard.workspace import Workspace, open_workspace, seed_store
from itinerant.errors import InputError
from itinerant.i18n import has_text, t
from itinerant.store import Store, database_url, default_data_dir

BLANK_STYLE = "app/static/blank-style.json"
"""Map style with no tiles, served by Streamlit's static serving (see .streamlit/config.toml)."""

ROLE_KEY = "auth_user"
"""Session key of the logged-in user (password login)."""


# --------------------------------------------------------------------------- resources
@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    return Store.open(url)


def store() -> Store:
    """The store named by the environment (``ITINERANT_DB_URL`` / ``ITINERANT_DB``)."""
    return _store(database_url())


@st.cache_resource(show_spinner=False, max_entries=8)
def _workspace(url: str, version_id: int) -> Workspace:
    return open_workspace(_store(url), version_id)


def workspace(version_id: int | None = None) -> Workspace:
    """The Workspace of a scenario version (default: the latest; seeds an empty store)."""
    url = database_url()
    if version_id is None:
        version_id = seed_store(_store(url)).id
    return _workspace(url, version_id)


@st.cache_resource(show_spinner=False)
def jobs() -> JobRegistry:
    """Planning jobs of this server process."""
    return JobRegistry()


def publication_dir() -> Path:
    """Where publications are written: ``$ITINERANT_PUBLIC_DIR`` or the data folder."""
    env = os.environ.get("ITINERANT_PUBLIC_DIR", "").strip()
    return Path(env).expanduser() if env else default_data_dir() / "publication"


# --------------------------------------------------------------------------- login
@st.cache_data(show_spinner=False, ttl=60)
def _users(path: str, mtime: float) -> dict[str, User]:
    del mtime  # part of the cache key: a changed file is read again
    return load_users(path)


def users() -> dict[str, User]:
    """The users file (``$ITINERANT_USERS`` or the sample ``data/users.toml``)."""
    path = default_users_path()
    try:
        return _users(str(path), path.stat().st_mtime)
    except (OSError, InputError) as exc:
        st.error(t("app.login.users_error", error=exc))
        return {}


def oidc_configured() -> bool:
    """Whether ``.streamlit/secrets.toml`` has an ``[auth]`` section (OIDC with st.login)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def current_user() -> User | None:
    """The logged-in user: password login first, then an OIDC login mapped by e-mail."""
    data = st.session_state.get(ROLE_KEY)
    if isinstance(data, dict):
        return User(
            username=str(data.get("username", "")),
            name=str(data.get("name", "")),
            role=data.get("role", "driver"),
            bus=str(data.get("bus", "")),
        )
    if oidc_configured() and st.user.is_logged_in:
        email = st.user.get("email")
        return user_for_email(users(), str(email) if email else None)
    return None


def role() -> str | None:
    """The current role, ``None`` for a visitor."""
    user = current_user()
    return user.role if user else None


def login_form() -> None:
    """The login form (password, and OIDC when configured)."""
    st.subheader(t("app.login.title"))
    with st.form("login_form"):
        username = st.text_input(t("app.login.username"), key="login_username")
        password = st.text_input(t("app.login.password"), type="password", key="login_password")
        submitted = st.form_submit_button(t("app.login.submit"), key="login_submit")
    if submitted:
        user = authenticate(users(), username, password)
        if user is None:
            st.error(t("app.login.failed"))
        else:
            st.session_state[ROLE_KEY] = {
                "username": user.username,
                "name": user.name,
                "role": user.role,
                "bus": user.bus,
            }
            st.rerun()
    if oidc_configured():
        if st.user.is_logged_in:
            st.warning(t("app.login.unknown_oidc", email=st.user.get("email")))
        elif st.button(t("app.login.oidc"), key="login_oidc"):
            st.login()
    st.caption(t("app.login.demo"))


def logout() -> None:
    """Forget the password login (and log out of OIDC when logged in that way)."""
    st.session_state.pop(ROLE_KEY, None)
    if oidc_configured() and st.user.is_logged_in:
        st.logout()
    st.rerun()


def require_role(*roles: str) -> User:
    """Stop the page with a login prompt unless the user has one of ``roles``."""
    user = current_user()
    if user is not None and user.role in roles:
        return user
    names = ", ".join(t(f"app.role.{r}") for r in roles)
    if user is None:
        st.info(t("app.login.required", roles=names))
    else:
        st.warning(t("app.login.forbidden", role=t(f"app.role.{user.role}")))
    login_form()
    st.stop()
    raise AssertionError  # st.stop() does not return


# --------------------------------------------------------------------------- frame
def coordinator_page(title_key: str) -> tuple[User, Workspace]:
    """The frame of a coordinator's page: login check, title, scenario version, flash message."""
    user = require_role("coordinator")
    ws = workspace()
    st.title(t(title_key))
    scenario_caption(ws)
    flash()
    return user, ws


def scenario_caption(ws: Workspace) -> None:
    """Which scenario version is shown, and the warnings that go with it."""
    if ws.version is not None:
        v = ws.version
        st.caption(
            t(
                "app.scenario.caption",
                name=v.name,
                version=v.version,
                date=v.created_at.astimezone().strftime("%d/%m/%Y %H:%M"),
                author=v.author,
            )
        )
    if ws.matrix.approximate:
        st.caption("⚠️ " + t("app.approximate"))
    if ws.scenario.sample_parts:
        st.caption(t("app.sample", parts=", ".join(ws.scenario.sample_parts)))


def column_label(column: str) -> str:
    """The French (or English) label of a CSV column, the column itself when it has none."""
    key = f"app.column.{column}"
    return t(key) if has_text(key) else column


def show_problems(error: EditError) -> None:
    """The validator's messages of a refused edit, each naming row and field."""
    st.error(t("app.edit.refused"))
    for p in error.problems:
        if p.row is None:
            st.error(
                t(
                    "app.edit.problem_table",
                    table=p.table or "scenario",
                    field=p.field,
                    message=p.message,
                )
            )
        else:
            st.error(
                t(
                    "app.edit.problem",
                    row=p.row + 1,
                    ident=p.ident or "—",
                    field=f"{column_label(p.field)} ({p.field})" if p.field else "—",
                    message=p.message,
                )
            )


def table_editor(ws: Workspace, key: str, *, author: str) -> None:
    """An editable table of the scenario, saved as a new version through the core validator."""
    version = ws.version.id if ws.version else 0
    frame = table_frame(ws.scenario, key)
    config = {
        c: st.column_config.TextColumn(
            column_label(c),
            help=t("app.edit.column_help", column=c),
        )
        for c in frame.columns
    }
    edited = st.data_editor(
        frame,
        key=f"edit_{key}_{version}",
        num_rows="dynamic",
        width="stretch",
        hide_index=True,
        column_config=config,
    )
    note = st.text_input(t("app.edit.note"), key=f"note_{key}_{version}")
    if st.button(t("app.edit.save"), key=f"save_{key}", type="primary"):
        save_tables(ws, {key: edited}, author=author, note=note or key)


def save_tables(ws: Workspace, frames: dict[str, pd.DataFrame], *, author: str, note: str) -> None:
    """Validate edited tables and save them as a new scenario version (or show why not)."""
    try:
        scenario = apply_tables(ws.scenario, frames)
    except EditError as exc:
        show_problems(exc)
        return
    if scenario == ws.scenario:
        st.info(t("app.edit.unchanged"))
        return
    version = store().save_scenario(scenario, author=author, note=note)
    st.session_state["flash"] = t("app.edit.saved", version=version.version)
    st.rerun()


def flash() -> None:
    """Show (once) the message left by the previous run."""
    message = st.session_state.pop("flash", None)
    if message:
        st.success(message)


# --------------------------------------------------------------------------- maps
def _map_style() -> Any:
    tiles = os.environ.get("ITINERANT_TILE_URL", "").strip()
    if tiles:
        return {
            "version": 8,
            "sources": {
                "tiles": {
                    "type": "raster",
                    "tiles": [tiles],
                    "tileSize": 256,
                    "attribution": "© OpenStreetMap contributors",
                }
            },
            "layers": [{"id": "tiles", "type": "raster", "source": "tiles"}],
        }
    return os.environ.get("ITINERANT_MAP_STYLE", BLANK_STYLE)


def view_of(ws: Workspace) -> pdk.ViewState:
    """A view centred on the Territory."""
    points = [c.point for c in ws.scenario.territory.communes]
    lon = sum(p.lon for p in points) / len(points)
    lat = sum(p.lat for p in points) / len(points)
    span = max(max(p.lon for p in points) - min(p.lon for p in points), 0.05)
    zoom = 8.5 if span > 0.6 else 10 if span > 0.2 else 11
    return pdk.ViewState(longitude=lon, latitude=lat, zoom=zoom)


def base_layer(features: dict[str, Any], *, filled: bool = True) -> pdk.Layer:
    """Commune boundaries (the map's base: no tile server needed)."""
    return pdk.Layer(
        "GeoJsonLayer",
        features,
        id="communes",
        pickable=True,
        stroked=True,
        filled=filled,
        get_fill_color="properties.fill",
        get_line_color=[120, 120, 120, 200],
        line_width_min_pixels=0.5,
    )


def points_layer(points: list[dict[str, Any]], *, layer_id: str, radius: int = 6) -> pdk.Layer:
    """Places as dots (``lon``, ``lat``, ``colour``, ``label``)."""
    return pdk.Layer(
        "ScatterplotLayer",
        points,
        id=layer_id,
        pickable=True,
        get_position=["lon", "lat"],
        get_fill_color="colour",
        get_line_color=[255, 255, 255, 255],
        stroked=True,
        line_width_min_pixels=1,
        radius_min_pixels=radius,
        radius_max_pixels=radius * 2,
    )


def text_layer(points: list[dict[str, Any]], *, layer_id: str, field: str = "name") -> pdk.Layer:
    """Labels (accents need the automatic character set)."""
    return pdk.Layer(
        "TextLayer",
        points,
        id=layer_id,
        get_position=["lon", "lat"],
        get_text=field,
        get_size=12,
        get_color=[30, 30, 30, 255],
        get_pixel_offset=[0, -14],
        character_set=pdk.types.String("auto"),
    )


def path_layer(paths: list[dict[str, Any]], *, layer_id: str) -> pdk.Layer:
    """Tours as lines (``path``, ``colour``)."""
    return pdk.Layer(
        "PathLayer",
        paths,
        id=layer_id,
        pickable=True,
        get_path="path",
        get_color="colour",
        width_min_pixels=3,
    )


def show_map(ws: Workspace, layers: list[pdk.Layer], *, key: str, height: int = 520) -> None:
    """Draw a pydeck map over the blank style (or the tiles of ``ITINERANT_TILE_URL``)."""
    style = _map_style()
    deck = pdk.Deck(
        layers=layers,
        initial_view_state=view_of(ws),
        map_style=style,
        map_provider="mapbox" if isinstance(style, dict) else "carto",
        tooltip={"text": "{label}"},
    )
    st.pydeck_chart(deck, height=height, key=key)


# --------------------------------------------------------------------------- publications
@st.cache_data(show_spinner=False, max_entries=16)
def _published(url: str, number: int) -> Any:
    from itinerant.publish.release import published_schedule  # noqa: PLC0415

    return published_schedule(_store(url).publication(number))


def latest_published() -> tuple[Any, Any, Workspace] | None:
    """The latest Publication, its Schedule and the Workspace it was planned on (or None)."""
    url = database_url()
    publication = _store(url).latest_publication()
    if publication is None:
        return None
    schedule = _published(url, publication.number)
    return publication, schedule, workspace(publication.scenario_version)


def latest_published_or_stop(none_key: str, caption_key: str) -> tuple[Any, Any, Workspace]:
    """:func:`latest_published`, its number and date shown; stops the page when there is none."""
    latest = latest_published()
    if latest is None:
        st.info(t(none_key))
        st.stop()
        raise AssertionError  # st.stop() does not return
    publication = latest[0]
    date = publication.published_at.astimezone().strftime("%d/%m/%Y")
    st.caption(t(caption_key, number=publication.number, date=date))
    return latest
