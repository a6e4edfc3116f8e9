"""Regular patterns (rotations) of the minibus: the same Stop, weekday and hours, every N weeks.

People remember "un mardi sur deux, 9 h 30 – 11 h" better than a list of dates.
:func:`detect_rotations` finds, among the public events of a Schedule, the Visits that repeat
regularly, and describes each pattern as a :class:`Rotation`: an iCalendar recurrence rule
(``RRULE``) plus the dates the pattern skips inside its span (``EXDATE``: a public holiday, a
week the bus is elsewhere), and a French sentence (:func:`rotation_text`).

The rule
    Visits are grouped by Stop, weekday, half-day (before or after
    :attr:`~itinerant.model.PlanSettings.midday`) and opening hours (start and end; a Visit
    moved by a quarter of an hour is not the same session for the public). A group of at least
    two Visits is a rotation when

    - **weekly**: its dates lie every *N* weeks from the first (*N* = the greatest common
      divisor of the week offsets, 1 to :data:`MAX_INTERVAL_WEEKS`): "chaque jeudi",
      "un lundi sur trois";
    - or **monthly**: every date is the same *n*-th weekday of its month (*n* = 1 to 4), from
      the first month to the last: "le 2e jeudi du mois". Monthly is chosen only when it skips
      fewer dates than the weekly pattern (or the weekly one does not exist);

    and the pattern skips at most one date for every two Visits, and none unless it has at
    least three Visits (:func:`accepts`): a pattern with more holes than that would mislead
    ("le 1er vendredi du mois" for two Fridays two months apart). Visits that are part of no
    rotation stay dated only. PopUps are one-off days and never part of a rotation.

Everything here is pure (no files, no clock): the same events give the same rotations.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from itinerant.i18n import t
from itinerant.model import Pole, Slot
from itinerant.publish.calendar import local_time
from itinerant.publish.public.events import UID_DOMAIN, EventKind, PublicEvent, public_events
from itinerant.publish.public.text import format_date, format_time

if TYPE_CHECKING:
    from itinerant.model import Scenario
    from itinerant.schedule.schedule import Schedule

__all__ = [
    "BYDAY",
    "MAX_INTERVAL_WEEKS",
    "Rotation",
    "RotationKind",
    "accepts",
    "detect_rotations",
    "rotation_of_events",
    "rotation_span_text",
    "rotation_text",
    "schedule_rotations",
]

MAX_INTERVAL_WEEKS = 4
"""Longest weekly interval recognised (``un lundi sur quatre``)."""

BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
"""iCalendar weekday codes; index = :meth:`datetime.date.weekday`."""

_DEFAULT_MIDDAY = dt.time(13, 0)


class RotationKind(StrEnum):
    """How a rotation repeats."""

    WEEKLY = "weekly"
    """Every ``interval`` weeks on the same weekday."""
    MONTHLY = "monthly"
    """On the ``ordinal``-th weekday of every month."""


@dataclass(frozen=True)
class Rotation:
    """A regular session of the minibus at one Stop.

    Attributes
    ----------
    kind
        Weekly (every ``interval`` weeks) or monthly (the ``ordinal``-th weekday of the month).
    ref, name
        Id and name of the Stop.
    weekday
        Day of the week (0 = Monday).
    half
        :attr:`~itinerant.model.Slot.AM` or :attr:`~itinerant.model.Slot.PM`.
    start, end
        Opening hours of every session (local, Europe/Paris).
    interval
        Weeks between two sessions (weekly: 1 to :data:`MAX_INTERVAL_WEEKS`; monthly: 1).
    ordinal
        Which weekday of the month (1 to 4) for a monthly rotation; 0 for a weekly one.
    dates
        Dates of the Visits of the pattern, in order (at least two).
    skipped
        Dates of the pattern, inside its span, without that Visit (the ``EXDATE``), in order.
    event
        The first Visit (its place, address and position describe the rotation's place).
    poles
        Pôles present at every session of the rotation (may be empty).
    """

    kind: RotationKind
    ref: str
    name: str
    weekday: int
    half: Slot
    start: dt.time
    end: dt.time
    interval: int
    ordinal: int
    dates: tuple[dt.date, ...]
    skipped: tuple[dt.date, ...]
    event: PublicEvent
    poles: tuple[Pole, ...]

    @property
    def first(self) -> dt.date:
        """Date of the first session."""
        return self.dates[0]

    @property
    def last(self) -> dt.date:
        """Date of the last session."""
        return self.dates[-1]

    @property
    def pattern_dates(self) -> tuple[dt.date, ...]:
        """Every date of the pattern from :attr:`first` to :attr:`last`, skipped ones included."""
        return tuple(sorted((*self.dates, *self.skipped)))

    @property
    def uid(self) -> str:
        """Stable iCalendar UID: the Stop, the rule and the start time (not the dates)."""
        rule = f"w{self.interval}" if self.kind is RotationKind.WEEKLY else f"m{self.ordinal}"
        code = BYDAY[self.weekday].lower()
        return f"rotation-{self.ref}-{rule}-{code}-{self.start:%H%M}@{UID_DOMAIN}"

    @property
    def byday(self) -> str:
        """The ``BYDAY`` value: ``TU`` (weekly) or ``2TH`` (monthly)."""
        code = BYDAY[self.weekday]
        return code if self.kind is RotationKind.WEEKLY else f"{self.ordinal}{code}"

    def rrule(self, *, until: bool = True) -> str:
        """The recurrence rule as RFC 5545 text.

        ``FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20270202T083000Z`` (``UNTIL`` is the start of the
        last session in UTC, as RFC 5545 requires with a ``DTSTART`` in a time zone); without
        ``until``, the rule alone (for tables that give the end date in a column of their own).
        """
        parts = [f"FREQ={self.kind.value.upper()}"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        parts.append(f"BYDAY={self.byday}")
        if until:
            last = local_time(self.last, self.start).astimezone(dt.UTC)
            parts.append(f"UNTIL={last:%Y%m%dT%H%M%SZ}")
        return ";".join(parts)

    def rrule_values(self) -> dict[str, object]:
        """The recurrence rule as the mapping ``icalendar`` writes (same rule as :meth:`rrule`)."""
        values: dict[str, object] = {"freq": self.kind.value.upper()}
        if self.interval != 1:
            values["interval"] = self.interval
        values["byday"] = self.byday
        values["until"] = local_time(self.last, self.start).astimezone(dt.UTC)
        return values


def accepts(visits: int, skipped: int) -> bool:
    """Whether a pattern of ``visits`` Visits that skips ``skipped`` dates is a rotation.

    At least two Visits; a skipped date needs at least three, and at most one date is skipped
    for every two Visits.
    """
    return visits >= 2 and 2 * skipped <= visits and (skipped == 0 or visits >= 3)


def _weekly(dates: Sequence[dt.date]) -> tuple[int, tuple[dt.date, ...]] | None:
    """(interval, skipped dates) of the weekly pattern of ``dates``, or ``None``."""
    offsets = [(d - dates[0]).days // 7 for d in dates[1:]]
    step = math.gcd(*offsets)
    if not 1 <= step <= MAX_INTERVAL_WEEKS:
        return None
    present = set(dates)
    pattern = [dates[0] + dt.timedelta(weeks=step * k) for k in range(offsets[-1] // step + 1)]
    return step, tuple(d for d in pattern if d not in present)


def _ordinal(day: dt.date) -> int:
    return (day.day - 1) // 7 + 1


def _nth_weekday(year: int, month: int, weekday: int, ordinal: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (ordinal - 1))


def _monthly(dates: Sequence[dt.date]) -> tuple[int, tuple[dt.date, ...]] | None:
    """(ordinal, skipped dates) of the monthly pattern of ``dates``, or ``None``."""
    ordinal = _ordinal(dates[0])
    months = [12 * d.year + d.month - 1 for d in dates]
    if ordinal > 4 or any(_ordinal(d) != ordinal for d in dates) or len(set(months)) != len(months):
        return None
    present = set(dates)
    pattern = [
        _nth_weekday(m // 12, m % 12 + 1, dates[0].weekday(), ordinal)
        for m in range(months[0], months[-1] + 1)
    ]
    return ordinal, tuple(d for d in pattern if d not in present)


def _common_poles(events: Sequence[PublicEvent]) -> tuple[Pole, ...]:
    common = set(events[0].poles).intersection(*(e.poles for e in events[1:]))
    return tuple(p for p in events[0].poles if p in common)


def detect_rotations(
    events: Iterable[PublicEvent], *, midday: dt.time = _DEFAULT_MIDDAY
) -> tuple[Rotation, ...]:
    """The rotations among public events (the rule is in the module docstring).

    Parameters
    ----------
    events
        Public events (:func:`~itinerant.publish.public.events.public_events`); PopUps are
        ignored.
    midday
        Boundary of the half-days (:attr:`~itinerant.model.PlanSettings.midday`).

    Returns
    -------
    tuple of Rotation
        By first date, start time, then Stop id.
    """
    groups: dict[tuple[str, int, Slot, dt.time, dt.time], list[PublicEvent]] = {}
    for event in events:
        if event.kind is not EventKind.VISIT:
            continue
        half = Slot.AM if event.start < midday else Slot.PM
        key = (event.ref, event.date.weekday(), half, event.start, event.end)
        groups.setdefault(key, []).append(event)
    found: list[Rotation] = []
    for (ref, weekday, half, start, end), members in groups.items():
        members.sort(key=lambda e: e.date)
        dates = tuple(dict.fromkeys(e.date for e in members))
        if len(dates) < 2:
            continue
        weekly, monthly = _weekly(dates), _monthly(dates)
        candidates: list[tuple[int, RotationKind, int, tuple[dt.date, ...]]] = []
        if weekly is not None and accepts(len(dates), len(weekly[1])):
            candidates.append((len(weekly[1]), RotationKind.WEEKLY, weekly[0], weekly[1]))
        if monthly is not None and accepts(len(dates), len(monthly[1])):
            candidates.append((len(monthly[1]), RotationKind.MONTHLY, monthly[0], monthly[1]))
        if not candidates:
            continue
        # fewest skipped dates first; on a tie the weekly rule (listed first) wins
        _, kind, number, skipped = min(candidates, key=lambda c: c[0])
        weekly_kind = kind is RotationKind.WEEKLY
        found.append(
            Rotation(
                kind=kind,
                ref=ref,
                name=members[0].name,
                weekday=weekday,
                half=half,
                start=start,
                end=end,
                interval=number if weekly_kind else 1,
                ordinal=0 if weekly_kind else number,
                dates=dates,
                skipped=skipped,
                event=members[0],
                poles=_common_poles(members),
            )
        )
    found.sort(key=lambda r: (r.first, r.start, r.ref))
    return tuple(found)


def schedule_rotations(
    schedule: Schedule, scenario: Scenario, *, from_date: dt.date | None = None
) -> tuple[Rotation, ...]:
    """The rotations of a Schedule (its public events, half-days split at the scenario's midday)."""
    events = public_events(schedule, scenario, from_date=from_date)
    return detect_rotations(events, midday=scenario.plan.midday)


def rotation_of_events(
    rotations: Iterable[Rotation],
) -> dict[tuple[str, dt.date, dt.time], Rotation]:
    """Each Visit of a rotation, as (Stop id, date, start time), to its rotation."""
    return {(r.ref, day, r.start): r for r in rotations for day in r.dates}


def _pattern_text(rotation: Rotation, lang: str | None) -> str:
    weekday = t(f"date.weekday.{rotation.weekday}", lang)
    if rotation.kind is RotationKind.MONTHLY:
        nth = t(f"public.rotation.ordinal.{rotation.ordinal}", lang)
        return t("public.rotation.monthly", lang, nth=nth, weekday=weekday)
    if rotation.interval == 1:
        return t("public.rotation.weekly", lang, weekday=weekday)
    every = t(f"public.rotation.every.{rotation.interval}", lang)
    return t("public.rotation.every_n_weeks", lang, weekday=weekday, every=every)


def rotation_text(rotation: Rotation, lang: str | None = None) -> str:
    """The rotation in words: ``"un mardi sur deux, 9 h 30 – 11 h"``, ``"chaque jeudi, …"``."""
    return t(
        "public.rotation.sentence",
        lang,
        pattern=_pattern_text(rotation, lang),
        start=format_time(rotation.start, lang),
        end=format_time(rotation.end, lang),
    )


def rotation_span_text(
    rotation: Rotation, lang: str | None = None, *, capital: bool = False
) -> str:
    """When the rotation runs, and the dates it skips.

    ``"du mardi 5 janvier 2027 au mardi 2 février 2027, sauf le mardi 19 janvier 2027"``
    (``"…, sauf le …, le … et le …"`` for several skipped dates); ``capital``: with a capital
    first letter, to start a line (``"Du mardi…"``).
    """
    text = t(
        "public.rotation.span",
        lang,
        first=format_date(rotation.first, lang),
        last=format_date(rotation.last, lang),
    )
    if rotation.skipped:
        days = [format_date(d, lang) for d in rotation.skipped]
        listed = days[0]
        if len(days) > 1:
            listed = t("public.rotation.list_sep", lang).join(days[:-1])
            listed += t("public.rotation.list_last", lang) + days[-1]
        text += t("public.rotation.except", lang, dates=listed)
    return text[:1].upper() + text[1:] if capital else text
