"""Helpers of this folder: a public event of a fictitious Stop, a Schedule with rotations."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from itinerant.model import Location, Pole
from itinerant.publish.public.events import EventKind, PublicEvent

D = dt.date


def event(day: dt.date, start=(9, 30), end=(11, 0), ref="mairie-x", kind=EventKind.VISIT):
    s, e = dt.time(*start), dt.time(*end)
    return PublicEvent(
        uid=f"{kind.value}-{ref}-{day:%Y%m%d}-{s:%H%M}@itinerant",
        kind=kind,
        date=day,
        start=s,
        end=e,
        place_id=f"stop:{ref}",
        ref=ref,
        name="Place de la mairie, X",
        address="",
        commune="23001",
        commune_name="X",
        postcodes=("23150",),
        location=Location(2.0, 46.0),
        poles=(Pole.EMPLOI,),
    )


def rotating_schedule(schedule):
    """The round-robin Schedule with some days repeated, so that it has known rotations.

    - the Monday, Wednesday and Friday of week 1 come back in week 3 (un ... sur deux);
    - Tuesday 5 January comes back on 12 and 26 January and 2 February (chaque mardi, sauf
      le 19 janvier);
    - Thursday 7 January comes back on 28 January (un jeudi sur trois);
    - Monday 11 January comes back on 8 February (un lundi sur quatre);
    - Thursday 14 January on the 2nd Thursday of February to May (le 2e jeudi du mois).
    """
    by_date = {tour.date: tour for tour in schedule.tours}
    copies = []

    def again(day: dt.date, *others: dt.date) -> None:
        copies.extend(replace(by_date[day], date=other) for other in others)

    for day in (D(2027, 1, 4), D(2027, 1, 6), D(2027, 1, 8)):
        again(day, day + dt.timedelta(weeks=2))
    again(D(2027, 1, 5), D(2027, 1, 12), D(2027, 1, 26), D(2027, 2, 2))
    again(D(2027, 1, 7), D(2027, 1, 28))
    again(D(2027, 1, 11), D(2027, 2, 8))
    again(D(2027, 1, 14), D(2027, 2, 11), D(2027, 3, 11), D(2027, 4, 8), D(2027, 5, 13))
    return replace(schedule, tours=tuple(sorted((*schedule.tours, *copies), key=_tour_key)))


def _tour_key(tour):
    return (tour.date, tour.bus, tour.departure)
