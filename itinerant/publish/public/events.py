"""Public events: what the public may know of a Schedule, and nothing more.

A :class:`PublicEvent` is one minibus Visit or one staffed PopUp seen from the public's side:
when, where, and which pôles are present. It is built by :func:`public_events`, **the only place
of :mod:`itinerant.publish.public` that reads crews and PopUp assignments**: it turns
counsellor ids into
the union of their pôles and drops them. Every public artefact (timetable, feeds, open data,
posters, site) is made from public events only, so no counsellor name, e-mail or id can reach it.

Pôles present
    At a Visit: the union of the pôles of the counsellors on board (``Counsellor.poles``). At a
    PopUp: the pôles of its assignments, or of its needs when the staffing lists no assignment.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from itinerant.errors import InputError
from itinerant.model import Location, Pole, PopUp, Scenario, Stop
from itinerant.places import PlaceKey
from itinerant.publish.calendar import TIMEZONE, local_time

if TYPE_CHECKING:
    from itinerant.schedule.schedule import Schedule

__all__ = ["PARIS", "UID_DOMAIN", "EventKind", "PublicEvent", "public_events", "sorted_poles"]

logger = logging.getLogger(__name__)

PARIS = TIMEZONE
"""Time zone of every clock time of a Schedule (:data:`itinerant.publish.calendar.TIMEZONE`)."""

UID_DOMAIN = "itinerant"
"""Right-hand side of event UIDs (``visit-<stop>-<yyyymmdd>-<hhmm>@itinerant``)."""

_POLE_ORDER = {pole: k for k, pole in enumerate(Pole)}


class EventKind(StrEnum):
    """What a public event is."""

    VISIT = "visit"
    """A minibus Visit at a Stop."""
    POPUP = "popup"
    """A one-day pop-up Cité des métiers."""


def sorted_poles(poles: Iterable[Pole]) -> tuple[Pole, ...]:
    """Distinct pôles in the order of :class:`~itinerant.model.Pole`."""
    return tuple(sorted(set(poles), key=_POLE_ORDER.__getitem__))


@dataclass(frozen=True)
class PublicEvent:
    """One Visit or staffed PopUp as the public sees it (no crew data).

    Attributes
    ----------
    uid
        Stable identifier: ``<kind>-<stop or popup id>-<yyyymmdd>-<hhmm>@itinerant``; the same
        place, date and start time keep the same uid across re-plans.
    kind
        Visit or PopUp.
    date, start, end
        Local (Europe/Paris) date and clock times during which the public is received.
    place_id
        Id of the place in the travel matrix (``stop:<id>`` or ``popup:<id>``).
    ref
        Id of the Stop or PopUp.
    name
        Name of the place (the Stop's name, or the PopUp's name).
    address
        Street address as given in the scenario (may be empty).
    commune, commune_name
        INSEE code and name of the commune of the place.
    postcodes
        Postcodes of that commune.
    location
        Coordinates of the place (WGS84).
    poles
        Pôles present, in :class:`~itinerant.model.Pole` order.
    """

    uid: str
    kind: EventKind
    date: dt.date
    start: dt.time
    end: dt.time
    place_id: str
    ref: str
    name: str
    address: str
    commune: str
    commune_name: str
    postcodes: tuple[str, ...]
    location: Location
    poles: tuple[Pole, ...]

    @property
    def starts_at(self) -> dt.datetime:
        """Start as an aware datetime in Europe/Paris."""
        return local_time(self.date, self.start)

    @property
    def ends_at(self) -> dt.datetime:
        """End as an aware datetime in Europe/Paris."""
        return local_time(self.date, self.end)

    @property
    def place_line(self) -> str:
        """Address for display: the street address when known, then the commune."""
        commune = (
            f"{self.postcodes[0]} {self.commune_name}" if self.postcodes else self.commune_name
        )
        if not self.address:
            return commune
        if self.commune_name.casefold() in self.address.casefold():
            return self.address
        return f"{self.address}, {commune}"


def _uid(kind: EventKind, ref: str, day: dt.date, start: dt.time) -> str:
    return f"{kind.value}-{ref}-{day:%Y%m%d}-{start:%H%M}@{UID_DOMAIN}"


def public_events(
    schedule: Schedule, scenario: Scenario, *, from_date: dt.date | None = None
) -> tuple[PublicEvent, ...]:
    """The public events of a Schedule, by date, start time and name.

    Parameters
    ----------
    schedule
        The Schedule to publish.
    scenario
        Its scenario (Stops, PopUps, counsellors' pôles, communes).
    from_date
        Leave out events before this date (``None``: keep them all).

    Returns
    -------
    tuple of PublicEvent

    Raises
    ------
    InputError
        If the Schedule names a Stop, PopUp or counsellor the scenario does not have.
    """
    stops = {s.id: s for s in scenario.stops}
    popups = {p.id: p for p in scenario.popups}
    poles_of = {c.id: c.poles for c in scenario.counsellors}
    territory = scenario.territory

    def crew_poles(crew: Iterable[str]) -> tuple[Pole, ...]:
        out: set[Pole] = set()
        for counsellor in crew:
            if counsellor not in poles_of:
                msg = f"crew: counsellor {counsellor!r} is not in scenario {scenario.name!r}"
                raise InputError(msg)
            out |= poles_of[counsellor]
        return sorted_poles(out)

    def make(
        place: Stop | PopUp,
        day: dt.date,
        hours: tuple[dt.time, dt.time],
        poles: Iterable[Pole],
    ) -> PublicEvent:
        kind, key = (
            (EventKind.VISIT, PlaceKey.stop(place.id))
            if isinstance(place, Stop)
            else (EventKind.POPUP, PlaceKey.popup(place.id))
        )
        known = territory.has_commune(place.commune)
        commune = territory.commune(place.commune) if known else None
        return PublicEvent(
            uid=_uid(kind, place.id, day, hours[0]),
            kind=kind,
            date=day,
            start=hours[0],
            end=hours[1],
            place_id=key,
            ref=place.id,
            name=place.name,
            address=place.address,
            commune=place.commune,
            commune_name=commune.name if commune else place.commune,
            postcodes=commune.postcodes if commune else (),
            location=place.location,
            poles=sorted_poles(poles),
        )

    events: list[PublicEvent] = []
    for tour, visit in schedule.visits():
        if from_date is not None and tour.date < from_date:
            continue
        stop = stops.get(visit.stop)
        if stop is None:
            msg = f"stop: {visit.stop!r} is not a Stop of scenario {scenario.name!r}"
            raise InputError(msg)
        events.append(make(stop, tour.date, (visit.start, visit.end), crew_poles(visit.crew)))
    for staffing in schedule.popups:
        popup = popups.get(staffing.popup)
        if popup is None:
            msg = f"popup: {staffing.popup!r} is not a PopUp of scenario {scenario.name!r}"
            raise InputError(msg)
        if from_date is not None and popup.date < from_date:
            continue
        crew_poles(staffing.counsellors)  # same check of ids as for Visits
        poles = [pole for _, pole in staffing.assignments] or [pole for pole, _ in popup.needs]
        events.append(make(popup, popup.date, (popup.start, popup.end), poles))
    uids = [e.uid for e in events]
    if len(set(uids)) != len(uids):
        # two buses at the same Stop, date and time: one public event is enough
        logger.info("merging %d duplicate public event(s)", len(uids) - len(set(uids)))
        merged: dict[str, PublicEvent] = {}
        for event in events:
            if event.uid in merged:
                first = merged[event.uid]
                merged[event.uid] = replace(
                    first,
                    poles=sorted_poles((*first.poles, *event.poles)),
                    end=max(first.end, event.end),
                )
            else:
                merged[event.uid] = event
        events = list(merged.values())
    events.sort(key=lambda e: (e.date, e.start, e.name, e.uid))
    return tuple(events)
