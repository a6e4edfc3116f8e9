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
commune's calendar feed, to the feed of regular patterns, to the open data and to the posters.

Pages are rendered with Jinja2 (autoescaping on: every text is escaped) from
``itinerant/publish/public/templates``; ``site.css`` and ``recherche.js`` are copied from
``itinerant/publish/public/static``. HTML is accessible: ``lang``, a skip link, landmarks (header,
main, nav, footer), one ``h1`` and ordered headings, contrast AA or better, and a viewport
for phones. Links to ``ics/``, ``opendata/`` and ``affiches/`` are relative: those folders are
written next to the pages by :func:`itinerant.publish.public.write_public`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from importlib import resources
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

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
from itinerant.publish.public.timetable import NearbyEvent, PublicTimetable, commune_nearby

__all__ = ["LAYOUT", "write_site"]

logger = logging.getLogger(__name__)

LAYOUT = {"ics": "ics", "opendata": "opendata", "posters": "affiches", "communes": "communes"}
"""Sub-folders of the published folder, relative to ``index.html``."""

_INDEX_EVENTS = 12
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
    timetable: PublicTimetable, out_dir: str | Path, *, service_points: int = 3
) -> list[Path]:
    """Write the static public site of ``timetable`` (see the module docstring).

    ``index.html`` goes to ``out_dir`` (created), commune pages to ``out_dir/communes/``; each
    page lists the ``service_points`` nearest fixed ServicePoints, and every footer the
    publication time of the timetable.

    Returns
    -------
    list of Path
        ``index.html``, ``site.css``, ``recherche.js``, then the commune pages.
    """
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
    common = {
        "lang": lang,
        "site_title": t("public.site.title", lang, territory=territory.name),
        "tagline": t("public.site.tagline", lang),
        "sample": scenario.sample,
        "notes": notes,
        "published": t("public.site.published", lang, date=published),
        "feed_territory": f"{LAYOUT['ics']}/{TERRITORY_FEED}",
        "feed_rotations": f"{LAYOUT['ics']}/{ROTATIONS_FEED}",
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

    rotations = detect_rotations(events, midday=scenario.plan.midday)
    rotation_of = rotation_of_events(rotations)

    def event_view(
        k: int, event: PublicEvent, root: str, near: NearbyEvent | None = None
    ) -> _EventView:
        rotation = rotation_of.get((event.ref, event.date, event.start))
        if event.kind is not EventKind.VISIT:
            rotation = None
        return _event_view(k, event, root, lang, near, rotation=rotation)

    written: list[Path] = []
    index = env.get_template("index.html").render(
        **common,
        root="",
        groups=[_Group(letter, tuple(views)) for letter, views in groups.items()],
        events=[event_view(k, e, "") for k, e in enumerate(events[:_INDEX_EVENTS], 1)],
        rotations=[_rotation_view(r, lang) for r in rotations],
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
    rule = t("public.site.rule", lang, minutes=f"{minutes:g}")
    for commune in communes:
        found, points = commune_nearby(
            events, scenario, matrix, commune, minutes, service_points=service_points
        )
        html = template.render(
            **common,
            root="../",
            commune=_CommuneView(
                code=commune.code,
                name=commune.name,
                postcodes=", ".join(commune.postcodes),
                keys="",
                option="",
                href="",
            ),
            rule=rule,
            feed_commune=f"{LAYOUT['ics']}/communes/{commune.code}.ics",
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
        )
        path = out / LAYOUT["communes"] / f"{commune.code}.html"
        path.write_text(html, encoding="utf-8")
        written.append(path)
    logger.info("wrote the public site (%d pages) in %s", len(written) - 2, out)
    return written
