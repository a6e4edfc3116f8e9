"""The public timetable, « Qui, Quoi, Où, Quand »: the next dates near a person, and the rest.

:func:`upcoming` answers "when does the Cité des métiers come near me?" for a commune name, a
postcode or a position. It lists the next minibus Visits and PopUps nearby, with the pôles
present and the drive time from the person's commune, and the nearest fixed ServicePoints, so
that the public sees every option.

Where the person is (``near``)
    - a **commune name**, matched without accents, case or punctuation, "Saint"/"St" and
      "Sainte"/"Ste" alike, with or without a leading article ("Souterraine" finds "La
      Souterraine"); a unique beginning of a name is enough ("Saint-Sulpice-le-Gu"). A postcode
      may follow or precede the name to tell namesakes apart (``"Saint-Agnant (23160)"``).
      Unknown or ambiguous names raise :class:`CommuneLookupError` with suggestions;
    - a **postcode** (5 digits): several communes may share it; drive times are then from the
      nearest of them, and each result says which;
    - a **position** ``(lat, lon)`` in WGS84 degrees: the travel matrix has no row for it, so
      drive times are those of the nearest commune's town hall (straight line), and the
      :attr:`Origin.note` says so; positions farther than :data:`MAX_POINT_KM` from every
      commune are refused.

What is "nearby"
    With ``within_minutes`` and/or ``within_km``: every event whose drive time (minutes) and/or
    road distance (km) from the person's commune is within the limits given (both when both
    are given). With neither: the **default rule**, the one of the per-commune pages and
    calendar feeds: a Visit whose Stop's catchment reaches the commune (drive time from the
    Stop to the commune within the Stop's ``catchment_minutes``, the planner's rule), or any
    event within :data:`DEFAULT_WITHIN_MINUTES` minutes' drive.

Drive times and distances come from the :class:`~itinerant.routing.TravelMatrix` (rows
``commune:<code>``, columns ``stop:<id>``, ``popup:<id>`` and ``sp:<id>``).
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from itinerant.i18n import number, t
from itinerant.model import Commune, FieldError, Location, Scenario, ServiceKind, Territory
from itinerant.places import PlaceKey
from itinerant.publish.public.events import EventKind, PublicEvent, public_events
from itinerant.publish.public.text import drive_minutes, format_drive, normalise_name

if TYPE_CHECKING:
    from itinerant.publish.notices import PublicNotice
    from itinerant.publish.public.history import FeedHistory
    from itinerant.routing import TravelMatrix
    from itinerant.schedule.schedule import Schedule

__all__ = [
    "DEFAULT_WITHIN_MINUTES",
    "MAX_POINT_KM",
    "CommuneLookupError",
    "NearbyEvent",
    "NearbyServicePoint",
    "Origin",
    "OriginKind",
    "PublicTimetable",
    "Upcoming",
    "commune_nearby",
    "haversine_m",
    "nearby",
    "resolve_near",
    "upcoming",
]

DEFAULT_WITHIN_MINUTES = 30
"""Drive time (min) under which an event counts as nearby by default."""

MAX_POINT_KM = 30.0
"""A position farther than this (km, straight line) from every commune is outside the Territory."""

_ARTICLES = frozenset({"le", "la", "les", "l"})
_POSTCODE = re.compile(r"\b(\d{5})\b")
_EARTH_RADIUS_M = 6_371_008.8


class CommuneLookupError(FieldError):
    """``near`` names no commune, or several; :attr:`suggestions` lists close commune names."""

    def __init__(self, value: object, message: str, suggestions: Sequence[str] = ()) -> None:
        self.value = value
        self.suggestions: tuple[str, ...] = tuple(suggestions)
        super().__init__("near", message)


class OriginKind(StrEnum):
    """How the person said where they are."""

    COMMUNE = "commune"
    POSTCODE = "postcode"
    POINT = "point"


@dataclass(frozen=True)
class Origin:
    """Where a person is, resolved to the communes whose matrix rows give drive times.

    Attributes
    ----------
    query
        What was asked, as text.
    kind
        Commune name, postcode or position.
    communes
        INSEE codes of the communes drive times are measured from (one, except for a postcode
        shared by several communes).
    point
        The position given, or the commune's town hall (for a shared postcode, that of its
        most populated commune); straight-line distances are measured from it.
    note
        One sentence saying where drive times are measured from.
    """

    query: str
    kind: OriginKind
    communes: tuple[str, ...]
    point: Location
    note: str

    @classmethod
    def at_commune(cls, commune: Commune) -> Origin:
        """The town hall of ``commune`` (no note): where commune pages, feeds and posters look."""
        return cls(commune.name, OriginKind.COMMUNE, (commune.code,), commune.point, "")


class _Drive:
    """The drive to a nearby place: :attr:`drive_s` seconds and :attr:`drive_m` metres."""

    drive_s: int
    drive_m: int

    @property
    def drive_minutes(self) -> int:
        """Drive time in whole minutes."""
        return drive_minutes(self.drive_s)

    @property
    def drive_km(self) -> float:
        """Road distance in kilometres."""
        return self.drive_m / 1000

    def drive_text(self, lang: str | None = None) -> str:
        """The drive in words (``"12 min en voiture (9,8 km)"``)."""
        return format_drive(self.drive_s, self.drive_m, lang)


@dataclass(frozen=True)
class NearbyEvent(_Drive):
    """A public event and how far it is from the person.

    Attributes
    ----------
    event
        The Visit or PopUp (date, hours, place, commune, pôles).
    from_commune, from_commune_name
        The commune the drive is measured from (the nearest one for a shared postcode).
    drive_s, drive_m
        Drive time (s) and road distance (m) from that commune's town hall.
    straight_m
        Straight-line distance (m) from :attr:`Origin.point`.
    in_catchment
        Whether the event is a Visit whose Stop's catchment reaches one of the origin communes.
    """

    event: PublicEvent
    from_commune: str
    from_commune_name: str
    drive_s: int
    drive_m: int
    straight_m: int
    in_catchment: bool


@dataclass(frozen=True)
class NearbyServicePoint(_Drive):
    """A fixed ServicePoint and how far it is from the person.

    Attributes
    ----------
    id, name, kind, address
        The ServicePoint.
    commune, commune_name
        Its commune (INSEE code and name).
    from_commune, from_commune_name
        The commune the drive is measured from.
    drive_s, drive_m
        Drive time (s) and road distance (m).
    """

    id: str
    name: str
    kind: ServiceKind
    address: str
    commune: str
    commune_name: str
    from_commune: str
    from_commune_name: str
    drive_s: int
    drive_m: int

    @property
    def place_line(self) -> str:
        """Address for display: the street address and the commune, or the commune alone."""
        return f"{self.address}, {self.commune_name}" if self.address else self.commune_name


@dataclass(frozen=True)
class Upcoming:
    """Answer of :func:`upcoming`.

    Attributes
    ----------
    origin
        Where the person is and where drive times are measured from.
    events
        Next Visits and PopUps nearby, by date, start time, then drive time.
    service_points
        Nearest fixed ServicePoints, by drive time.
    approximate
        Whether drive times come from an approximate road network.
    notes
        Sentences to show with the answer (origin note, approximate network).
    """

    origin: Origin
    events: tuple[NearbyEvent, ...]
    service_points: tuple[NearbyServicePoint, ...]
    approximate: bool
    notes: tuple[str, ...]


@dataclass(frozen=True)
class PublicTimetable:
    """What every public artefact is made from: a Schedule's public events, once.

    Made by :func:`~itinerant.publish.public.write.write_public`; the writers of the site,
    feeds, open data and posters take it, so that they all publish the same events with the
    same time stamp.

    Attributes
    ----------
    scenario, matrix
        The Scenario and its travel matrix (drive times of the per-commune rule).
    events
        The public events (:func:`~itinerant.publish.public.events.public_events`).
    generated_at
        Publication time (aware), written in feeds, open data, pages and posters.
    within_minutes
        Drive time limit (min) of the per-commune rule of pages and feeds.
    lang
        Language of the texts (open data field names stay French).
    base_url
        Address the folder is served from (``https://…/``, ending with ``/``), for absolute
        subscription links (``webcal://``) and the feeds' ``SOURCE``; ``None``: relative links.
    previous_feeds
        The calendar feeds' history of the previous Publication
        (:mod:`~itinerant.publish.public.history`): revisions, cancelled visits, notices.
    notices
        The public change notices of this Publication against the previous one.
    """

    scenario: Scenario
    matrix: TravelMatrix
    events: tuple[PublicEvent, ...]
    generated_at: dt.datetime
    within_minutes: float
    lang: str
    base_url: str | None = None
    previous_feeds: FeedHistory | None = None
    notices: tuple[PublicNotice, ...] = ()


# --------------------------------------------------------------------------- geometry


def haversine_m(a: Location, b: Location) -> float:
    """Great-circle distance between two points, in metres."""
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlat = lat2 - lat1
    dlon = math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * _EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


# --------------------------------------------------------------------------- resolving ``near``


def _label(commune: Commune) -> str:
    return f"{commune.name} ({', '.join(commune.postcodes)})" if commune.postcodes else commune.name


def _keys(commune: Commune) -> tuple[str, ...]:
    key = normalise_name(commune.name)
    tokens = key.split()
    if len(tokens) > 1 and tokens[0] in _ARTICLES:
        return (key, " ".join(tokens[1:]))
    return (key,)


def _ambiguous(value: str, found: Sequence[Commune], lang: str | None) -> CommuneLookupError:
    labels = [_label(c) for c in sorted(found, key=lambda c: (c.name, c.code))]
    first = found[0]
    example = f"{first.name} ({first.postcodes[0]})" if first.postcodes else first.name
    message = t(
        "public.error.ambiguous", lang, value=value, names=", ".join(labels), example=example
    )
    return CommuneLookupError(value, message, labels)


def _by_name(
    territory: Territory, value: str, name: str, postcode: str | None, lang: str | None
) -> Commune:
    query = normalise_name(name)
    communes = [c for c in territory.communes if postcode is None or postcode in c.postcodes]
    exact = [c for c in communes if query in _keys(c)]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise _ambiguous(value, exact, lang)
    starting = [c for c in communes if any(k.startswith(query) for k in _keys(c))]
    if query and len(starting) == 1:
        return starting[0]
    if len(starting) > 1:
        raise _ambiguous(value, starting[:12], lang)
    keyed = {k: c for c in territory.communes for k in _keys(c)}
    close = difflib.get_close_matches(query, list(keyed), n=8, cutoff=0.6)
    suggestions: list[str] = []
    for key in close:
        label = _label(keyed[key])
        if label not in suggestions:
            suggestions.append(label)
    if postcode is not None and not suggestions:
        suggestions = [_label(c) for c in communes]
    message = t("public.error.unknown_commune", lang, value=value, territory=territory.name)
    if suggestions:
        message += t("public.error.suggest", lang, names=", ".join(suggestions[:5]))
    raise CommuneLookupError(value, message, suggestions[:5])


def resolve_near(
    scenario: Scenario, near: str | tuple[float, float], *, lang: str | None = None
) -> Origin:
    """Resolve where a person is (see the module docstring for the forms accepted).

    Parameters
    ----------
    scenario
        The scenario whose Territory holds the communes.
    near
        A commune name, a postcode, a name with its postcode, or ``(lat, lon)`` in degrees.
    lang
        Language of the note and of error messages.

    Returns
    -------
    Origin

    Raises
    ------
    CommuneLookupError
        (an :class:`~itinerant.errors.InputError` naming the field ``near``) if the name or
        postcode is unknown or ambiguous, or the position invalid or outside the Territory.
    """
    territory = scenario.territory
    if isinstance(near, tuple):
        return _resolve_point(territory, near, lang)
    if not isinstance(near, str) or not near.strip():
        raise CommuneLookupError(near, t("public.error.empty", lang))
    value = near.strip()
    postcodes = _POSTCODE.findall(value)
    rest = _POSTCODE.sub(" ", value)
    has_name = bool(normalise_name(rest))
    if len(postcodes) > 1 or (not postcodes and not has_name):
        raise CommuneLookupError(value, t("public.error.empty", lang))
    postcode = postcodes[0] if postcodes else None
    if postcode is not None and not has_name:
        sharing = tuple(c for c in territory.communes if postcode in c.postcodes)
        if not sharing:
            message = t(
                "public.error.unknown_postcode", lang, value=postcode, territory=territory.name
            )
            raise CommuneLookupError(value, message)
        if len(sharing) == 1:
            return _commune_origin(sharing[0], value, OriginKind.POSTCODE, lang)
        names = ", ".join(c.name for c in sorted(sharing, key=lambda c: c.name))
        # the postcode's communes have no common point: use the most populated one's
        main = max(sharing, key=lambda c: (c.population, c.code))
        return Origin(
            query=value,
            kind=OriginKind.POSTCODE,
            communes=tuple(c.code for c in sharing),
            point=main.point,
            note=t("public.origin.postcode", lang, postcode=postcode, names=names),
        )
    commune = _by_name(territory, value, rest, postcode, lang)
    return _commune_origin(commune, value, OriginKind.COMMUNE, lang)


def _commune_origin(commune: Commune, query: str, kind: OriginKind, lang: str | None) -> Origin:
    return Origin(
        query=query,
        kind=kind,
        communes=(commune.code,),
        point=commune.point,
        note=t("public.origin.commune", lang, name=commune.name),
    )


def _resolve_point(territory: Territory, near: tuple[float, ...], lang: str | None) -> Origin:
    text = str(near)
    try:
        lat, lon = (float(x) for x in near)
        point = Location(lon=lon, lat=lat)
    except (TypeError, ValueError):
        raise CommuneLookupError(near, t("public.error.point", lang, value=text)) from None
    nearest = min(territory.communes, key=lambda c: (haversine_m(point, c.point), c.code))
    km = haversine_m(point, nearest.point) / 1000
    shown = {"lat": f"{lat:.5f}", "lon": f"{lon:.5f}", "name": nearest.name}
    if km > MAX_POINT_KM:
        message = t(
            "public.error.far_point",
            lang,
            km=number(km, lang, 0),
            territory=territory.name,
            **shown,
        )
        raise CommuneLookupError(near, message)
    return Origin(
        query=f"{lat:.5f}, {lon:.5f}",
        kind=OriginKind.POINT,
        communes=(nearest.code,),
        point=point,
        note=t("public.origin.point", lang, km=number(km, lang, 1), **shown),
    )


# --------------------------------------------------------------------------- nearby


def _check_positive(name: str, value: float | None, lang: str | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not (math.isfinite(value) and value > 0):
        raise FieldError(name, t("public.error.positive", lang, value=value))


def nearby(
    events: Sequence[PublicEvent],
    scenario: Scenario,
    matrix: TravelMatrix,
    origin: Origin,
    *,
    within_km: float | None = None,
    within_minutes: float | None = None,
    catchment: bool | None = None,
    limit: int | None = None,
    service_points: int = 3,
) -> tuple[tuple[NearbyEvent, ...], tuple[NearbyServicePoint, ...]]:
    """Events near an origin and the nearest ServicePoints (the worker of :func:`upcoming`).

    Parameters
    ----------
    events
        Public events (from :func:`~itinerant.publish.public.events.public_events`).
    scenario, matrix
        The scenario and a travel matrix over its communes, Stops, PopUps and ServicePoints.
    origin
        Where the person is (from :func:`resolve_near`).
    within_km, within_minutes
        Limits on road distance (km) and drive time (min), both applied when both are given;
        with neither, :data:`DEFAULT_WITHIN_MINUTES`.
    catchment
        Also keep the Visits whose Stop's catchment reaches an origin commune, whatever the
        limits; default: True when no limit is given (the default rule), else False.
    limit
        Keep at most this many events (``None``: all).
    service_points
        How many of the nearest ServicePoints to return.

    Returns
    -------
    (events, service points)
        Nearby events by date, start, drive time; ServicePoints by drive time.
    """
    territory = scenario.territory
    stops = {s.id: s for s in scenario.stops}
    durations, distances = matrix.durations_s, matrix.distances_m
    rows = [(code, matrix.index(PlaceKey.commune(code))) for code in origin.communes]
    names = {code: territory.commune(code).name for code in origin.communes}
    if within_km is None and within_minutes is None:
        within_minutes = DEFAULT_WITHIN_MINUTES
        catchment = True if catchment is None else catchment

    def best(place_id: str) -> tuple[str, int, int] | None:
        col = matrix.index(place_id)
        options = [
            (int(durations[row, col]), code, int(distances[row, col]))
            for code, row in rows
            if durations[row, col] >= 0
        ]
        if not options:
            return None
        seconds, code, metres = min(options)
        return code, seconds, metres

    found: list[NearbyEvent] = []
    for event in events:
        drive = best(event.place_id)
        if drive is None:
            continue
        code, seconds, metres = drive
        in_catchment = False
        if event.kind is EventKind.VISIT and event.ref in stops:
            col = matrix.index(event.place_id)
            limit_s = stops[event.ref].catchment_minutes * 60
            in_catchment = any(0 <= durations[col, row] <= limit_s for _, row in rows)
        within = (within_minutes is None or seconds <= within_minutes * 60) and (
            within_km is None or metres <= within_km * 1000
        )
        if within or (catchment and in_catchment):
            found.append(
                NearbyEvent(
                    event=event,
                    from_commune=code,
                    from_commune_name=names[code],
                    drive_s=seconds,
                    drive_m=metres,
                    straight_m=round(haversine_m(origin.point, event.location)),
                    in_catchment=in_catchment,
                )
            )
    found.sort(key=lambda n: (n.event.date, n.event.start, n.drive_s, n.event.name))
    if limit is not None:
        found = found[:limit]

    points: list[NearbyServicePoint] = []
    for sp in territory.service_points:
        drive = best(PlaceKey.service_point(sp.id))
        if drive is None:
            continue
        code, seconds, metres = drive
        points.append(
            NearbyServicePoint(
                id=sp.id,
                name=sp.name,
                kind=sp.kind,
                address=sp.address,
                commune=sp.commune,
                commune_name=(
                    territory.commune(sp.commune).name
                    if territory.has_commune(sp.commune)
                    else sp.commune
                ),
                from_commune=code,
                from_commune_name=names[code],
                drive_s=seconds,
                drive_m=metres,
            )
        )
    points.sort(key=lambda p: (p.drive_s, p.name, p.id))
    return tuple(found), tuple(points[:service_points])


def commune_nearby(
    events: Sequence[PublicEvent],
    scenario: Scenario,
    matrix: TravelMatrix,
    commune: Commune,
    within_minutes: float,
    *,
    service_points: int = 0,
) -> tuple[tuple[NearbyEvent, ...], tuple[NearbyServicePoint, ...]]:
    """The events of a commune's page and feed, and its nearest fixed ServicePoints.

    The rule of commune pages and feeds: from the commune's town hall
    (:meth:`Origin.at_commune`), every Visit whose Stop's catchment reaches the commune, and
    every event within ``within_minutes`` (min) of drive; then the ``service_points`` nearest
    ServicePoints (see :func:`nearby`).
    """
    return nearby(
        events,
        scenario,
        matrix,
        Origin.at_commune(commune),
        within_minutes=within_minutes,
        catchment=True,
        service_points=service_points,
    )


def upcoming(
    schedule: Schedule,
    scenario: Scenario,
    matrix: TravelMatrix,
    *,
    near: str | tuple[float, float],
    within_km: float | None = None,
    within_minutes: float | None = None,
    from_date: dt.date | None = None,
    limit: int = 10,
    service_points: int = 3,
    lang: str | None = None,
) -> Upcoming:
    """The next Visits and PopUps near a person, and the nearest fixed ServicePoints.

    Parameters
    ----------
    schedule
        The published Schedule.
    scenario
        Its scenario.
    matrix
        Travel matrix over the scenario's places (:func:`itinerant.pipeline.scenario_places`).
    near
        A commune name, a postcode or ``(lat, lon)`` (see the module docstring).
    within_km, within_minutes
        Road distance (km) and drive time (min) limits from the person's commune; with neither,
        the default rule (Stop catchment, or :data:`DEFAULT_WITHIN_MINUTES`).
    from_date
        First date to show (default: today).
    limit
        Most events to return (at least 1).
    service_points
        How many of the nearest ServicePoints to return (0 or more).
    lang
        Language of notes and error messages (default: :func:`itinerant.i18n.current_language`).

    Returns
    -------
    Upcoming

    Raises
    ------
    InputError
        :class:`CommuneLookupError` for an unknown or ambiguous ``near``; a
        :class:`~itinerant.model.FieldError` naming ``within_km``, ``within_minutes``,
        ``limit`` or ``service_points`` for a bad value.
    """
    _check_positive("within_km", within_km, lang)
    _check_positive("within_minutes", within_minutes, lang)
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise FieldError("limit", t("public.error.positive", lang, value=limit))
    if (
        isinstance(service_points, bool)
        or not isinstance(service_points, int)
        or service_points < 0
    ):
        raise FieldError("service_points", t("public.error.positive", lang, value=service_points))
    origin = resolve_near(scenario, near, lang=lang)
    start = from_date if from_date is not None else dt.date.today()
    events = public_events(schedule, scenario, from_date=start)
    found, points = nearby(
        events,
        scenario,
        matrix,
        origin,
        within_km=within_km,
        within_minutes=within_minutes,
        limit=limit,
        service_points=service_points,
    )
    notes = [origin.note]
    if matrix.approximate:
        notes.append(t("public.approximate", lang))
    return Upcoming(
        origin=origin,
        events=found,
        service_points=points,
        approximate=matrix.approximate,
        notes=tuple(notes),
    )
