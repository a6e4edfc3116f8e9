"""The static public site: a search by commune and one page per commune.

``index.html`` holds a search by commune name or postcode and the alphabetical list of every
commune. The list and its letter index work **without JavaScript**; without it the search form
leads to that list (the browser still suggests names from a ``<datalist>``), and a small
optional script (``recherche.js``) goes straight to the commune page when one commune matches.
Each ``communes/<code>.html`` lists the next dates near the commune (the rule of
:func:`itinerant.publish.public.feeds.commune_events`) with date, hours, place, pôles and drive
time,
its regular patterns in words ("un mardi sur deux, 9 h 30 – 11 h",
:mod:`itinerant.publish.public.rotations`), the nearest fixed ServicePoints, and links to the
commune's calendar feed, to the feed of regular patterns, to the Atom feed of change notices,
to the open data and to the posters, and the ``<iframe>`` code of its widget
``communes/<code>-widget.html`` (the next three dates, self-contained) that a town hall puts on
its own website. The index has a "Près de moi" button (``recherche.js``: the browser's
position, never sent anywhere, picks the nearest town hall in data embedded in the page; the
section stays hidden without the script or geolocation). Index and commune pages carry their
events as schema.org ``Event`` JSON-LD (:func:`event_jsonld`, embedded by :func:`json_script`).

Pages are rendered with Jinja2 (autoescaping on: every text is escaped) from
``itinerant/publish/public/templates``; ``site.css`` and ``recherche.js`` are copied from
``itinerant/publish/public/static``. HTML is accessible: ``lang``, a skip link, landmarks (header,
main, nav, footer), one ``h1`` and ordered headings, contrast AA or better, and a viewport
for phones; every text, the sample-data notice included, is inside a landmark. Links to
``ics/``, ``flux/``, ``opendata/`` and ``affiches/`` are relative (those folders are written next
to the pages by :func:`itinerant.publish.public.write_public`), except the calendar
subscriptions under a base URL: ``webcal://`` links, next to the plain file's address.
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from importlib import resources
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from itinerant.i18n import t
from itinerant.i18n.folding import fold
from itinerant.model import Commune
from itinerant.publish.public.events import PARIS, EventKind, PublicEvent
from itinerant.publish.public.feeds import ROTATIONS_FEED, TERRITORY_FEED
from itinerant.publish.public.opendata import OPEN_DATA_FILES
from itinerant.publish.public.posters import file_stem
from itinerant.publish.public.rotations import (
    Rotation,
    detect_rotations,
    rotation_of_events,
    rotation_span_text,
    rotation_text,
)
from itinerant.publish.public.text import (
    format_date,
    format_hours,
    normalise_name,
    pole_labels,
    service_kind_label,
)
from itinerant.publish.public.timetable import (
    MAX_POINT_KM,
    NearbyEvent,
    PublicTimetable,
    commune_nearby,
)

__all__ = ["LAYOUT", "write_site"]

logger = logging.getLogger(__name__)

LAYOUT = {
    "ics": "ics",
    "opendata": "opendata",
    "posters": "affiches",
    "communes": "communes",
    "atom": "flux",
}
"""Sub-folders of the published folder, relative to ``index.html`` (``flux``: the Atom feeds of
change notices, :mod:`itinerant.publish.public.atom`)."""
_TERRITORY_ATOM = "territoire.atom"
_BASE_URL = re.compile(r"^(https?://[^\s/]+/(\S*/)?)?$")

_INDEX_EVENTS = 12
_NEAR_ME_EVENTS = 3
"""Events per commune in the data of the "Près de moi" button (and in the widget)."""
_WIDGET_HEIGHT = 420
_ARTICLES = ("le ", "la ", "les ", "l ")


@dataclass(frozen=True)
class _EventView:
    anchor: str
    kind: str
    kind_label: str
    ref: str
    date_iso: str
    date_text: str
    hours_text: str
    name: str
    place_line: str
    poles_text: str
    drive_text: str
    poster_href: str
    regular_text: str


@dataclass(frozen=True)
class _CommuneView:
    code: str
    name: str
    postcodes: str
    keys: str
    option: str
    href: str


@dataclass(frozen=True)
class _Group:
    letter: str
    communes: tuple[_CommuneView, ...]


@dataclass(frozen=True)
class _PlaceView:
    name: str
    kind: str
    place: str
    drive: str


@dataclass(frozen=True)
class _RotationView:
    text: str
    span: str


@dataclass(frozen=True)
class _Feed:
    """Links to a calendar feed from a page.

    ``subscribe``: ``webcal://`` with a base URL, else relative; ``download``: the plain
    http(s) address of the file with a base URL, else empty.
    """

    subscribe: str
    download: str


@dataclass(frozen=True)
class _Link:
    href: str
    type: str
    label: str


def _sort_key(name: str) -> str:
    return fold(name).casefold()


def _search_keys(commune: Commune) -> str:
    key = normalise_name(commune.name)
    keys = [key]
    for article in _ARTICLES:
        if key.startswith(article) and len(key) > len(article):
            keys.append(key[len(article) :])
    return "|".join(keys)


def _event_view(
    k: int,
    event: PublicEvent,
    root: str,
    lang: str,
    near: NearbyEvent | None = None,
    *,
    rotation: Rotation | None = None,
) -> _EventView:
    poles = ", ".join(pole_labels(event.poles, lang))
    poster = ""
    if event.kind is EventKind.VISIT:
        poster = f"{root}{LAYOUT['posters']}/{file_stem(event.ref)}.pdf"
    return _EventView(
        anchor=f"date-{k}",
        kind=event.kind.value,
        kind_label=t(f"public.event.{event.kind.value}", lang),
        ref=event.ref,
        date_iso=event.date.isoformat(),
        date_text=format_date(event.date, lang),
        hours_text=format_hours(event.start, event.end, lang),
        name=event.name,
        place_line=event.place_line,
        poles_text=t("public.poles_present", lang, poles=poles) if poles else "",
        drive_text=(
            t("public.site.drive", lang, drive=near.drive_text(lang)) if near is not None else ""
        ),
        poster_href=poster,
        regular_text=(
            t("public.rotation.regular", lang, rotation=rotation_text(rotation, lang))
            if rotation is not None
            else ""
        ),
    )


def _rotation_view(rotation: Rotation, lang: str) -> _RotationView:
    text = t(
        "public.rotation.line", lang, place=rotation.name, rotation=rotation_text(rotation, lang)
    )
    return _RotationView(text=text, span=rotation_span_text(rotation, lang, capital=True))


def json_script(data: object) -> Markup:
    """``data`` as JSON safe inside an HTML ``<script>`` element (no ``<``, ``>`` or ``&``)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # safe: every character that could end the element or start markup is escaped
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def event_jsonld(
    event: PublicEvent, organizer: dict[str, str], lang: str, *, url: str = ""
) -> dict[str, object]:
    """A schema.org ``Event`` of a public event (JSON-LD, https://schema.org/Event).

    Dates with their offset (Europe/Paris), a ``Place`` with its ``PostalAddress`` (country
    ``FR``) and ``GeoCoordinates``, free entry, and a description in ``lang``.
    """
    address: dict[str, object] = {"@type": "PostalAddress"}
    if event.address:
        address["streetAddress"] = event.address
    address["addressLocality"] = event.commune_name
    if event.postcodes:
        address["postalCode"] = event.postcodes[0]
    address["addressCountry"] = "FR"
    poles = ", ".join(pole_labels(event.poles, lang))
    description = t(
        "public.jsonld.description",
        lang,
        poles=t("public.poles_present", lang, poles=poles) + "." if poles else "",
        free=t("public.free", lang),
    )
    if event.kind is EventKind.VISIT:
        name = t("public.ics.summary_visit", lang, place=event.name)
    else:
        name = t("public.ics.summary_popup", lang, name=event.name)
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": name,
        "startDate": event.starts_at.isoformat(),
        "endDate": event.ends_at.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": event.name,
            "address": address,
            "geo": {
                "@type": "GeoCoordinates",
                "latitude": round(event.location.lat, 6),
                "longitude": round(event.location.lon, 6),
            },
        },
        "organizer": {"@type": "Organization", **organizer},
        "isAccessibleForFree": True,
        "inLanguage": lang,
        "description": " ".join(description.split()),
        "identifier": event.uid,
    }
    if url:
        data["url"] = url
    return data


def _near_me_data(
    communes: Sequence[Commune], found_of: dict[str, tuple[NearbyEvent, ...]], lang: str
) -> dict[str, object]:
    """What the "Près de moi" script needs: each commune's town hall and its next events."""
    rows: list[dict[str, object]] = []
    events: list[dict[str, str]] = []
    index: dict[str, int] = {}
    for commune in communes:
        refs: list[int] = []
        for near in found_of[commune.code][:_NEAR_ME_EVENTS]:
            event = near.event
            if event.uid not in index:
                index[event.uid] = len(events)
                events.append(
                    {
                        "date": event.date.isoformat(),
                        "day": format_date(event.date, lang),
                        "hours": format_hours(event.start, event.end, lang),
                        "kind": t(f"public.event.{event.kind.value}", lang),
                        "name": event.name,
                        "place": event.place_line,
                    }
                )
            refs.append(index[event.uid])
        rows.append(
            {
                "code": commune.code,
                "name": commune.name,
                "lat": round(commune.point.lat, 5),
                "lon": round(commune.point.lon, 5),
                "page": f"{LAYOUT['communes']}/{commune.code}.html",
                "events": refs,
            }
        )
    return {"maxKm": MAX_POINT_KM, "communes": rows, "events": events}


def _embed_code(src: str, title: str) -> str:
    """The ``<iframe>`` a commune copies into its own website."""
    return (
        f'<iframe src="{html.escape(src)}" title="{html.escape(title)}" width="100%" '
        f'height="{_WIDGET_HEIGHT}" style="border:0" loading="lazy"></iframe>'
    )


def _feed(path: str, root: str, base_url: str | None) -> _Feed:
    """The links to the calendar feed ``path`` (relative to ``index.html``) from a page."""
    if not base_url:
        return _Feed(subscribe=f"{root}{path}", download="")
    _, rest = base_url.split("://", 1)
    return _Feed(subscribe=f"webcal://{rest}{path}", download=f"{base_url}{path}")


def _environment(lang: str) -> Environment:
    env = Environment(
        loader=PackageLoader("itinerant.publish.public", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    translate: Callable[..., str] = partial(t, lang=lang)
    env.globals["t"] = translate
    return env


def write_site(
    timetable: PublicTimetable,
    out_dir: str | Path,
    *,
    service_points: int = 3,
    base_url: str | None = None,
) -> list[Path]:
    """Write the static public site of ``timetable`` (see the module docstring).

    ``index.html`` goes to ``out_dir`` (created), commune pages and their widgets to
    ``out_dir/communes/``; each page lists the ``service_points`` nearest fixed ServicePoints,
    and every footer the publication time of the timetable. With ``base_url`` (the address
    the folder is served from, ending in ``/``), the schema.org events link to the commune
    pages and the embed code of each commune page is complete; without it, the embed code
    names a placeholder (which ``recherche.js`` replaces by the page's own address), and the
    calendar subscriptions are absolute ``webcal://`` links next to the plain ``https`` file.

    Raises
    ------
    ValueError
        For a ``base_url`` that is not an absolute http(s) address ending with ``/``.

    Returns
    -------
    list of Path
        ``index.html``, ``site.css``, ``recherche.js``, then each commune page followed by
        its widget ``communes/<code>-widget.html``.
    """
    if base_url is not None and not _BASE_URL.match(base_url):
        msg = f"base_url {base_url!r} is not an absolute http(s) address ending with '/'"
        raise ValueError(msg)
    base_url = base_url or None
    lang, stamp, minutes = timetable.lang, timetable.generated_at, timetable.within_minutes
    events, scenario, matrix = timetable.events, timetable.scenario, timetable.matrix
    territory = scenario.territory
    out = Path(out_dir)
    (out / LAYOUT["communes"]).mkdir(parents=True, exist_ok=True)
    env = _environment(lang)

    notes = []
    if matrix.approximate:
        notes.append(t("public.approximate", lang))
    labels = (
        "public.site.opendata_geojson",
        "public.site.opendata_csv",
        "public.site.opendata_json",
    )
    types = ("application/geo+json", "text/csv", "application/json")
    published = format_date(stamp.astimezone(PARIS).date(), lang)
    site_title = t("public.site.title", lang, territory=territory.name)
    organizer = {"name": site_title}
    if base_url:
        organizer["url"] = base_url
    common = {
        "lang": lang,
        "site_title": site_title,
        "tagline": t("public.site.tagline", lang),
        "sample": scenario.sample,
        "notes": notes,
        "published": t("public.site.published", lang, date=published),
        "atom_territory": f"{LAYOUT['atom']}/{_TERRITORY_ATOM}",
        "opendata": [
            _Link(f"{LAYOUT['opendata']}/{name}", kind, t(label, lang))
            for name, kind, label in zip(OPEN_DATA_FILES, types, labels, strict=True)
        ],
    }

    communes = sorted(territory.communes, key=lambda c: (_sort_key(c.name), c.code))
    groups: dict[str, list[_CommuneView]] = {}
    for commune in communes:
        postcodes = " ".join(commune.postcodes)
        view = _CommuneView(
            code=commune.code,
            name=commune.name,
            postcodes=postcodes,
            keys=_search_keys(commune),
            option=f"{commune.name} ({postcodes})" if postcodes else commune.name,
            href=f"{LAYOUT['communes']}/{commune.code}.html",
        )
        letter = (_sort_key(commune.name)[:1] or "#").upper()
        groups.setdefault(letter if letter.isalpha() else "#", []).append(view)
    nearby_of = {
        c.code: commune_nearby(events, scenario, matrix, c, minutes, service_points=service_points)
        for c in communes
    }

    rotations = detect_rotations(events, midday=scenario.plan.midday)
    rotation_of = rotation_of_events(rotations)

    def event_view(
        k: int, event: PublicEvent, root: str, near: NearbyEvent | None = None
    ) -> _EventView:
        rotation = rotation_of.get((event.ref, event.date, event.start))
        if event.kind is not EventKind.VISIT:
            rotation = None
        return _event_view(k, event, root, lang, near, rotation=rotation)

    def feeds(root: str, code: str | None = None) -> dict[str, _Feed]:
        found = {
            "territory": _feed(f"{LAYOUT['ics']}/{TERRITORY_FEED}", root, base_url),
            "rotations": _feed(f"{LAYOUT['ics']}/{ROTATIONS_FEED}", root, base_url),
        }
        if code is not None:
            found["commune"] = _feed(f"{LAYOUT['ics']}/communes/{code}.ics", root, base_url)
        return found

    def page_url(code: str) -> str:
        return f"{base_url}{LAYOUT['communes']}/{code}.html" if base_url else ""

    written: list[Path] = []
    first = events[:_INDEX_EVENTS]
    index = env.get_template("index.html").render(
        **common,
        root="",
        feeds=feeds(""),
        groups=[_Group(letter, tuple(views)) for letter, views in groups.items()],
        events=[event_view(k, e, "") for k, e in enumerate(first, 1)],
        rotations=[_rotation_view(r, lang) for r in rotations],
        jsonld=json_script([event_jsonld(e, organizer, lang) for e in first]),
        near_me=json_script(
            _near_me_data(communes, {code: n[0] for code, n in nearby_of.items()}, lang)
        ),
    )
    path = out / "index.html"
    path.write_text(index, encoding="utf-8")
    written.append(path)
    static = resources.files("itinerant.publish.public") / "static"
    for name in ("site.css", "recherche.js"):
        path = out / name
        path.write_text(static.joinpath(name).read_text(encoding="utf-8"), encoding="utf-8")
        written.append(path)

    template = env.get_template("commune.html")
    widget = env.get_template("widget.html")
    rule = t("public.site.rule", lang, minutes=f"{minutes:g}")
    placeholder = t("public.site.embed_address", lang)
    for commune in communes:
        found, points = nearby_of[commune.code]
        view = _CommuneView(
            code=commune.code,
            name=commune.name,
            postcodes=", ".join(commune.postcodes),
            keys="",
            option="",
            href="",
        )
        widget_name = f"{commune.code}-widget.html"
        embed_title = t("public.site.embed_title", lang, commune=commune.name)
        embed_src = f"{base_url or placeholder}{LAYOUT['communes']}/{widget_name}"
        html_text = template.render(
            **common,
            root="../",
            commune=view,
            rule=rule,
            feeds=feeds("../", commune.code),
            atom_commune=f"{LAYOUT['atom']}/communes/{commune.code}.atom",
            events=[event_view(k, n.event, "../", n) for k, n in enumerate(found, 1)],
            rotations=[
                _rotation_view(r, lang)
                for r in rotations
                if any(n.event.kind is EventKind.VISIT and n.event.ref == r.ref for n in found)
            ],
            service_points=[
                _PlaceView(
                    name=sp.name,
                    kind=service_kind_label(sp.kind, lang),
                    place=sp.place_line,
                    drive=sp.drive_text(lang),
                )
                for sp in points
            ],
            jsonld=json_script(
                [event_jsonld(n.event, organizer, lang, url=page_url(commune.code)) for n in found]
            ),
            embed_code=_embed_code(embed_src, embed_title),
            embed_src=embed_src,
            embed_widget=widget_name,
            embed_placeholder="" if base_url else placeholder,
        )
        path = out / LAYOUT["communes"] / f"{commune.code}.html"
        path.write_text(html_text, encoding="utf-8")
        written.append(path)
        path = out / LAYOUT["communes"] / widget_name
        path.write_text(
            widget.render(
                **common,
                commune=view,
                title=embed_title,
                events=[event_view(k, n.event, "../", n) for k, n in enumerate(found, 1)][
                    :_NEAR_ME_EVENTS
                ],
            ),
            encoding="utf-8",
        )
        written.append(path)
    logger.info("wrote the public site (%d pages) in %s", len(written) - 2, out)
    return written
