"""Frozen, typed domain objects (names from the glossary in ``ARCHITECTURE.md``).

Every object validates itself on construction and raises :class:`FieldError` (a ``ValueError``)
naming the offending field, so that the scenario loader can report file, row *and* field. Variants
are made with :func:`dataclasses.replace`, never by mutation.

Units: coordinates in WGS84 degrees (longitude, latitude); durations in minutes in the domain
objects (what coordinators type), converted to integer seconds only at the solver boundary; clock
times are :class:`datetime.time`; days are :class:`datetime.date`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Literal

from shapely.geometry.base import BaseGeometry

from itinerant.clock import minutes_between
from itinerant.errors import InputError

__all__ = [
    "WEEKDAYS",
    "AvailabilityRule",
    "BlockedDay",
    "Bus",
    "Commune",
    "Counsellor",
    "Depot",
    "FieldError",
    "Horizon",
    "IndicatorRule",
    "Location",
    "NeedSettings",
    "NetworkSettings",
    "PlanSettings",
    "Pole",
    "PopUp",
    "Precision",
    "Scenario",
    "ServiceKind",
    "ServicePoint",
    "Slot",
    "Stop",
    "StopKind",
    "Territory",
]

SAMPLE = "sample"
"""Value of the ``source`` field that marks fictitious demonstration rows."""

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Weekday codes used in files; index = :meth:`datetime.date.weekday`."""


class FieldError(InputError):
    """A domain object was given a bad value; :attr:`field` names the field."""

    def __init__(self, field_name: str, message: str) -> None:
        self.field = field_name
        self.message = message
        super().__init__(f"{field_name}: {message}")


class Pole(StrEnum):
    """A field of advice (pôle) of a Cité des métiers."""

    ORIENTATION = "orientation"
    EMPLOI = "emploi"
    FORMATION = "formation"
    CREATION = "creation"
    """Création d'activité (starting a business)."""
    EVOLUTION = "evolution"
    """Évolution professionnelle (career change)."""


class ServiceKind(StrEnum):
    """Kinds of ServicePoint: the Cité's own places and its partners' places."""

    SITE = "site"
    CENTRE_ASSOCIE = "centre_associe"
    POINT_RELAIS = "point_relais"
    FRANCE_TRAVAIL = "france_travail"
    MISSION_LOCALE = "mission_locale"
    CIO = "cio"
    FRANCE_SERVICES = "france_services"
    OTHER = "other"


class Precision(StrEnum):
    """How precisely a place's coordinates are known."""

    ADDRESS = "address"
    """Geocoded street address."""
    COMMUNE = "commune"
    """Only the commune is known: the commune's representative point is used."""


class StopKind(StrEnum):
    """Kinds of candidate Stop."""

    MAIRIE = "mairie"
    MARCHE = "marche"
    MEDIATHEQUE = "mediatheque"
    OTHER = "other"


class Slot(StrEnum):
    """Half-day slots of availability."""

    DAY = "day"
    AM = "am"
    PM = "pm"


def _check_id(value: str, name: str = "id") -> None:
    if not value or not value.strip():
        raise FieldError(name, "must not be empty")
    if value != value.strip() or any(c in value for c in ",;\n\t"):
        raise FieldError(name, f"{value!r} must not contain separators or surrounding spaces")


def _check_text(value: str, name: str) -> None:
    if not value or not value.strip():
        raise FieldError(name, "must not be empty")


def _check_range(obj: object, name: str, low: float, high: float) -> None:
    """``obj.<name>`` is a finite number within ``low..high`` (both included)."""
    value = getattr(obj, name)
    if not (math.isfinite(value) and low <= value <= high):
        raise FieldError(name, f"{value} is outside {low}..{high}")


def _check_minutes(value: int, name: str, *, low: int = 1, high: int = 24 * 60) -> None:
    if not low <= value <= high:
        raise FieldError(name, f"{value} minutes is outside {low}..{high}")


def _check_window(start: dt.time, end: dt.time, start_name: str, end_name: str) -> None:
    if end <= start:
        raise FieldError(end_name, f"{end:%H:%M} is not after {start_name} {start:%H:%M}")


def _check_weekdays(days: frozenset[int], name: str) -> None:
    if not days:
        raise FieldError(name, "needs at least one weekday")
    if not days <= set(range(7)):
        raise FieldError(name, f"weekday numbers must be 0..6, got {sorted(days)}")


@dataclass(frozen=True, slots=True)
class Location:
    """A point in WGS84 degrees."""

    lon: float
    lat: float

    def __post_init__(self) -> None:
        if not (math.isfinite(self.lon) and -180.0 <= self.lon <= 180.0):
            raise FieldError("lon", f"{self.lon} is not a longitude in -180..180")
        if not (math.isfinite(self.lat) and -90.0 <= self.lat <= 90.0):
            raise FieldError("lat", f"{self.lat} is not a latitude in -90..90")


@dataclass(frozen=True)
class Commune:
    """An INSEE commune of the Territory.

    ``point`` is the representative point (the town hall when it lies in the commune, else a point
    inside the boundary; ``point_source`` says which). ``indicators`` holds optional need
    indicators as sorted ``(name, value)`` pairs (see :mod:`itinerant.access`).
    """

    code: str
    name: str
    population: int
    point: Location
    boundary: BaseGeometry | None = None
    point_source: str = "mairie"
    epci: str = ""
    epci_name: str = ""
    canton: str = ""
    canton_name: str = ""
    postcodes: tuple[str, ...] = ()
    indicators: tuple[tuple[str, float], ...] = ()

    def __post_init__(self) -> None:
        if not (len(self.code) == 5 and self.code.isalnum()):
            raise FieldError("code", f"{self.code!r} is not a 5-character INSEE code")
        _check_text(self.name, "name")
        if self.population < 0:
            raise FieldError("population", f"{self.population} is negative")
        for pc in self.postcodes:
            if not (len(pc) == 5 and pc.isdigit()):
                raise FieldError("postcodes", f"{pc!r} is not a 5-digit postcode")

    def indicator(self, name: str) -> float | None:
        """Value of indicator ``name``, or ``None`` when unknown."""
        for key, value in self.indicators:
            if key == name:
                return value
        return None


@dataclass(frozen=True)
class _Identified:
    """Base of the rows with a unique ``id`` and a ``name``: neither may be empty."""

    id: str
    name: str

    def __post_init__(self) -> None:
        _check_id(self.id)
        _check_text(self.name, "name")


@dataclass(frozen=True)
class ServicePoint(_Identified):
    """An existing fixed place of advice (the Site, a partner agency, a France services...)."""

    kind: ServiceKind
    commune: str
    location: Location
    address: str = ""
    precision: Precision = Precision.COMMUNE
    source: str = ""


@dataclass(frozen=True)
class Depot(_Identified):
    """Where a Bus starts and ends its day."""

    commune: str
    location: Location
    address: str = ""
    source: str = ""


@dataclass(frozen=True)
class Bus(_Identified):
    """A minibus: its Depot, seats for counsellors, working hours and days in service.

    Times are local clock times; ``lunch_minutes`` of break must fit inside
    ``lunch_start``..``lunch_end``; ``max_drive_minutes`` bounds the day's driving.
    """

    depot: str
    seats: int
    min_crew: int
    day_start: dt.time
    day_end: dt.time
    lunch_start: dt.time
    lunch_end: dt.time
    lunch_minutes: int
    max_drive_minutes: int
    service_days: frozenset[int] = frozenset(range(5))
    source: str = ""

    def __post_init__(self) -> None:
        super().__post_init__()
        _check_id(self.depot, "depot")
        _check_range(self, "seats", 1, 20)
        if not 1 <= self.min_crew <= self.seats:
            raise FieldError("min_crew", f"{self.min_crew} is outside 1..seats ({self.seats})")
        _check_window(self.day_start, self.day_end, "day_start", "day_end")
        _check_window(self.lunch_start, self.lunch_end, "lunch_start", "lunch_end")
        if not (self.day_start <= self.lunch_start and self.lunch_end <= self.day_end):
            raise FieldError("lunch_start", "the lunch window must lie within the working day")
        _check_minutes(self.lunch_minutes, "lunch_minutes", low=0, high=240)
        if self.lunch_minutes > minutes_between(self.lunch_start, self.lunch_end):
            raise FieldError("lunch_minutes", "is longer than the lunch window")
        _check_minutes(self.max_drive_minutes, "max_drive_minutes", low=1, high=12 * 60)
        _check_weekdays(self.service_days, "service_days")


@dataclass(frozen=True)
class Counsellor(_Identified):
    """An adviser lent by a partner institution, with pôles and a weekly limit of days."""

    institution: str
    poles: frozenset[Pole]
    max_days_per_week: int = 5
    email: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        super().__post_init__()
        _check_text(self.institution, "institution")
        if not self.poles:
            raise FieldError("poles", "needs at least one pôle")
        _check_range(self, "max_days_per_week", 1, 7)
        if self.email and ("@" not in self.email or " " in self.email):
            raise FieldError("email", f"{self.email!r} is not an e-mail address")


@dataclass(frozen=True)
class AvailabilityRule:
    """When a Counsellor is available (or, with ``available=False``, absent).

    ``day`` is a weekday number (0 = Monday) for a weekly rule or a date for a one-off rule; a
    one-off rule overrides the weekly rules of that date and slot.
    """

    counsellor: str
    day: int | dt.date
    slot: Slot = Slot.DAY
    available: bool = True
    source: str = ""

    def __post_init__(self) -> None:
        _check_id(self.counsellor, "counsellor")
        if isinstance(self.day, int) and not 0 <= self.day <= 6:
            raise FieldError("day", f"weekday number {self.day} is outside 0..6")


@dataclass(frozen=True)
class Stop(_Identified):
    """A candidate place where a bus can park and receive the public, with opening rules."""

    kind: StopKind
    commune: str
    location: Location
    weekdays: frozenset[int]
    opens: dt.time
    closes: dt.time
    session_minutes: int
    address: str = ""
    required_poles: frozenset[Pole] = frozenset()
    catchment_minutes: int = 20
    source: str = ""

    def __post_init__(self) -> None:
        super().__post_init__()
        _check_weekdays(self.weekdays, "weekdays")
        _check_window(self.opens, self.closes, "opens", "closes")
        _check_minutes(self.session_minutes, "session_minutes", low=15, high=12 * 60)
        if self.session_minutes > minutes_between(self.opens, self.closes):
            raise FieldError(
                "session_minutes",
                f"{self.session_minutes} min does not fit between opens {self.opens:%H:%M} and "
                f"closes {self.closes:%H:%M}",
            )
        _check_minutes(self.catchment_minutes, "catchment_minutes", low=1, high=180)


@dataclass(frozen=True)
class PopUp(_Identified):
    """A one-day pop-up Cité at a place and date, needing counsellors by pôle."""

    commune: str
    location: Location
    date: dt.date
    start: dt.time
    end: dt.time
    needs: tuple[tuple[Pole, int], ...]
    mandatory: bool = False
    priority: int = 1
    address: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        super().__post_init__()
        _check_window(self.start, self.end, "start", "end")
        if not self.needs:
            raise FieldError("needs", "needs at least one pôle:count")
        poles = [p for p, _ in self.needs]
        if len(set(poles)) != len(poles):
            raise FieldError("needs", "a pôle is listed twice")
        for pole, count in self.needs:
            if not 1 <= count <= 20:
                raise FieldError("needs", f"count {count} for {pole} is outside 1..20")
        _check_range(self, "priority", 1, 5)


@dataclass(frozen=True)
class BlockedDay:
    """A day a Bus is out of service (maintenance...)."""

    bus: str
    date: dt.date
    reason: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        _check_id(self.bus, "bus")


@dataclass(frozen=True)
class Horizon:
    """The planned calendar: ``weeks`` weeks from ``start`` (a Monday), working days only.

    French public holidays (metropolitan France, from the ``holidays`` library) are excluded.
    ``rotation_weeks`` is the period after which the public expects the same Stop again.
    """

    start: dt.date
    weeks: int = 4
    rotation_weeks: int = 2
    weekdays: frozenset[int] = frozenset(range(5))

    def __post_init__(self) -> None:
        if self.start.weekday() != 0:
            raise FieldError("start", f"{self.start.isoformat()} is not a Monday")
        _check_range(self, "weeks", 1, 26)
        if not 1 <= self.rotation_weeks <= self.weeks:
            raise FieldError("rotation_weeks", f"{self.rotation_weeks} is outside 1..weeks")
        _check_weekdays(self.weekdays, "weekdays")

    @property
    def end(self) -> dt.date:
        """Last calendar day of the Horizon (a Sunday)."""
        return self.start + dt.timedelta(days=7 * self.weeks - 1)

    def holidays(self) -> dict[dt.date, str]:
        """French public holidays falling inside the Horizon, with their names."""
        import holidays as holidays_lib  # noqa: PLC0415 - heavy import, only when asked

        years = range(self.start.year, self.end.year + 1)
        calendar = holidays_lib.country_holidays("FR", years=years, language="fr")
        return {d: str(n) for d, n in sorted(calendar.items()) if self.start <= d <= self.end}

    def days(self) -> tuple[dt.date, ...]:
        """Working days of the Horizon: its weekdays, public holidays excluded."""
        off = self.holidays()
        out = []
        for i in range(7 * self.weeks):
            day = self.start + dt.timedelta(days=i)
            if day.weekday() in self.weekdays and day not in off:
                out.append(day)
        return tuple(out)


@dataclass(frozen=True)
class IndicatorRule:
    """How one optional indicator column weighs on Need (see :mod:`itinerant.access`).

    ``direction`` says which way is needier: ``"higher"`` (unemployment rate, poverty rate) or
    ``"lower"`` (median income). ``weight`` is the exponent of its factor.
    """

    column: str
    direction: Literal["higher", "lower"] = "higher"
    weight: float = 1.0

    def __post_init__(self) -> None:
        _check_text(self.column, "column")
        if self.direction not in ("higher", "lower"):
            raise FieldError("direction", f"{self.direction!r} is not 'higher' or 'lower'")
        _check_range(self, "weight", 0, 5)


@dataclass(frozen=True)
class NeedSettings:
    """Parameters of the Need formula (documented in :mod:`itinerant.access`).

    Read from the ``[need]`` section of ``scenario.toml`` (see ``docs/scenario-format.md``).

    Attributes
    ----------
    near_minutes
        Drive time (min) to the nearest ServicePoint under which a commune is considered served.
    far_minutes
        Drive time (min) from which a commune counts as fully underserved.
    floor
        Share of need kept by well-served communes (0..1), so that nobody counts for nothing.
    indicators
        Optional indicator columns and how they weigh.
    service_kinds
        Kinds of ServicePoint whose distance makes Need (e.g. only career-advice places); empty
        means every kind.
    """

    near_minutes: float = 10.0
    far_minutes: float = 45.0
    floor: float = 0.02
    indicators: tuple[IndicatorRule, ...] = ()
    service_kinds: tuple[ServiceKind, ...] = ()

    def __post_init__(self) -> None:
        if not 0.0 <= self.near_minutes < self.far_minutes <= 600.0:
            raise FieldError("far_minutes", "need 0 <= near_minutes < far_minutes <= 600")
        _check_range(self, "floor", 0, 1)


@dataclass(frozen=True)
class NetworkSettings:
    """Which road network to use: ``"approximate"``, ``"osm"`` or a path to a local file."""

    source: str = "approximate"
    detour_factor: float = 1.3
    speed_kmh: float = 60.0

    def __post_init__(self) -> None:
        _check_text(self.source, "source")
        _check_range(self, "detour_factor", 1, 3)
        _check_range(self, "speed_kmh", 10, 130)


@dataclass(frozen=True)
class PlanSettings:
    """Named weights and rules of the planner, each with a sensible default.

    Read from the ``[plan]`` section of ``scenario.toml`` (:attr:`Scenario.plan`); the command
    line's ``--set NAME=VALUE`` overrides one for a run.

    Attributes
    ----------
    repeat_decay
        Value of each further visit reaching a commune, relative to the previous one (0..1): the
        first visit counts fully, the second ``repeat_decay``, the third ``repeat_decay**2``...
    max_counted_visits
        Visits reaching a commune beyond this number add nothing.
    high_need_index
        Need index (per inhabitant, 0..) from which a commune has a frequency target.
    frequency_weight
        Penalty, in need units, for each rotation period in which a high-need commune is not
        reached (the frequency target: at least once every rotation period).
    regularity_weight
        Bonus, in need units, for each visit that repeats the same Stop on the same weekday and
        session one rotation period earlier (so the public can remember it).
    equity_floor
        Share (0..1) of its fair share of need reached that each zone (EPCI) should get at least.
    equity_weight
        Penalty per unit of need missing under a zone's equity floor.
    km_weight
        Cost, in need units, of each kilometre driven (the least driving, all else equal).
    popup_priority_value
        Value, in need units, of staffing an optional PopUp, times its priority.
    midday
        Clock time splitting morning (am) and afternoon (pm) half-days of availability.
    co2_kg_per_km
        Emission factor of a diesel minibus, for the CO2 estimate (kg CO2e per km).

    Notes
    -----
    The defaults put reach first, as the territorial-equity guide asks: a commune never visited
    weighs more than a second visit to one already reached. With ``repeat_decay = 0.25`` and
    ``frequency_weight = 0.25``, a second visit to a high-need commune in the next rotation
    period is worth half its Need (a quarter for the visit, a quarter for the frequency target),
    a first visit to any commune its whole Need; frequency targets apply to the neediest
    communes only (``high_need_index = 0.7``: about a quarter of the default territory's
    communes). Raise ``repeat_decay``, ``frequency_weight`` or ``regularity_weight`` to favour
    a regular service in fewer places.
    """

    repeat_decay: float = 0.25
    max_counted_visits: int = 4
    high_need_index: float = 0.7
    frequency_weight: float = 0.25
    regularity_weight: float = 10.0
    equity_floor: float = 0.5
    equity_weight: float = 1.0
    km_weight: float = 0.5
    popup_priority_value: float = 200.0
    midday: dt.time = dt.time(13, 0)
    co2_kg_per_km: float = 0.25

    def __post_init__(self) -> None:
        for name in ("repeat_decay", "equity_floor"):
            _check_range(self, name, 0, 1)
        for name in (
            "high_need_index",
            "frequency_weight",
            "regularity_weight",
            "equity_weight",
            "km_weight",
            "popup_priority_value",
            "co2_kg_per_km",
        ):
            value = getattr(self, name)
            if value < 0:
                raise FieldError(name, f"{value} is negative")
        _check_range(self, "max_counted_visits", 1, 52)


@dataclass(frozen=True)
class Territory:
    """The area a Cité covers: its communes and existing ServicePoints.

    Read from the ``[territory]`` section of ``scenario.toml`` and the files it names.
    """

    name: str
    communes: tuple[Commune, ...]
    """Its communes (at least one)."""
    service_points: tuple[ServicePoint, ...] = ()
    """The existing places of advice in or near it."""
    departement: str = ""
    """Code of its département (``"23"``), ``""`` when it spans several."""

    def __post_init__(self) -> None:
        _check_text(self.name, "name")
        if not self.communes:
            raise FieldError("communes", "a Territory needs at least one commune")

    @cached_property
    def _by_code(self) -> Mapping[str, Commune]:
        return {c.code: c for c in self.communes}

    def commune(self, code: str) -> Commune:
        """The commune with INSEE ``code`` (``KeyError`` if absent)."""
        return self._by_code[code]

    def has_commune(self, code: str) -> bool:
        """Whether ``code`` is a commune of the Territory."""
        return code in self._by_code

    @property
    def population(self) -> int:
        """Total population of the communes."""
        return sum(c.population for c in self.communes)

    @cached_property
    def boundary(self) -> BaseGeometry | None:
        """Union of the commune boundaries, or ``None`` when boundaries are unknown."""
        geoms = [c.boundary for c in self.communes if c.boundary is not None]
        if len(geoms) != len(self.communes):
            return None
        import shapely  # noqa: PLC0415

        return shapely.union_all(geoms)

    def with_indicators(self, values: Mapping[str, Mapping[str, float]]) -> Territory:
        """A copy whose communes carry the indicator ``values`` (code -> name -> value)."""
        from dataclasses import replace  # noqa: PLC0415

        communes = []
        for c in self.communes:
            merged = dict(c.indicators)
            merged.update(values.get(c.code, {}))
            communes.append(replace(c, indicators=tuple(sorted(merged.items()))))
        return replace(self, communes=tuple(communes))


@dataclass(frozen=True)
class Scenario:
    """Everything a plan is made from: Territory, resources, candidate Stops, PopUps, Horizon."""

    name: str
    territory: Territory
    horizon: Horizon
    depots: tuple[Depot, ...] = ()
    buses: tuple[Bus, ...] = ()
    counsellors: tuple[Counsellor, ...] = ()
    availability: tuple[AvailabilityRule, ...] = ()
    stops: tuple[Stop, ...] = ()
    popups: tuple[PopUp, ...] = ()
    blocked_days: tuple[BlockedDay, ...] = ()
    description: str = ""
    sample: bool = False
    network: NetworkSettings = field(default_factory=NetworkSettings)
    need: NeedSettings = field(default_factory=NeedSettings)
    plan: PlanSettings = field(default_factory=PlanSettings)

    def __post_init__(self) -> None:
        _check_text(self.name, "name")

    @property
    def sample_parts(self) -> tuple[str, ...]:
        """Names of the parts holding fictitious demonstration rows (``source == "sample"``)."""
        parts: dict[str, Iterable[object]] = {
            "depots": self.depots,
            "buses": self.buses,
            "counsellors": self.counsellors,
            "availability": self.availability,
            "stops": self.stops,
            "popups": self.popups,
            "blocked_days": self.blocked_days,
            "service_points": self.territory.service_points,
        }
        return tuple(
            name
            for name, rows in parts.items()
            if any(getattr(r, "source", "") == SAMPLE for r in rows)
        )
