"""What drivers and the public take away from a published Schedule.

- :func:`weeks_of` and :func:`driver_downloads`: a bus's week as roadbook PDF, GPX, ICS and CSV
  (:class:`DriverFiles`, see :mod:`itinerant.publish.drivers.files`);
- :func:`public_answer`: the next visits and PopUps near a commune, postcode or position;
- :func:`public_feed`: the ICS calendar of a commune's public dates.

The publishing modules are loaded on first use only: the other pages never pay for them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from itinerant.i18n import t

if TYPE_CHECKING:
    from typing import Unpack

    from itinerant.dashboard.workspace import Workspace
    from itinerant.model import Scenario
    from itinerant.publish.drivers.itinerary import Week
    from itinerant.publish.public import Upcoming
    from itinerant.schedule.schedule import Schedule

__all__ = ["DriverFiles", "PublicOptions", "driver_downloads", "public_answer", "public_feed"]


@dataclass(frozen=True)
class DriverFiles:
    """A bus's week as downloads: roadbook PDF, GPX, ICS and CSV bytes, and the file stem.

    ``days`` counts the days of the week with a Tour.
    """

    stem: str
    pdf: bytes
    gpx: bytes
    ics: bytes
    csv: bytes
    days: int


class PublicOptions(TypedDict, total=False):
    """Options of the public answers: the first date shown (default: today) and the language."""

    from_date: dt.date | None
    lang: str | None


def weeks_of(scenario: Scenario) -> list[Week]:
    """The ISO weeks ``(year, week)`` of the scenario's Horizon, in order."""
    h = scenario.horizon
    out: list[Week] = []
    for k in range(h.weeks):
        iso = (h.start + dt.timedelta(weeks=k)).isocalendar()
        out.append((iso.year, iso.week))
    return out


def driver_downloads(
    workspace: Workspace,
    schedule: Schedule,
    *,
    bus: str,
    week: Week,
    lang: str | None = None,
) -> DriverFiles:
    """The four files of one bus's week (see :mod:`itinerant.publish.drivers.files`)."""
    from itinerant.publish.drivers.files import (  # noqa: PLC0415
        file_stem,
        itinerary_csv,
        itinerary_gpx,
        itinerary_ics,
    )
    from itinerant.publish.drivers.itinerary import itinerary, itinerary_tracks  # noqa: PLC0415
    from itinerant.publish.drivers.roadbook import roadbook_pdf  # noqa: PLC0415

    week_itinerary = itinerary(schedule, workspace.scenario, workspace.matrix, bus=bus, week=week)
    tracks = itinerary_tracks(week_itinerary, workspace.network)
    return DriverFiles(
        stem=file_stem(week_itinerary, lang),
        pdf=roadbook_pdf(week_itinerary, workspace.scenario.territory, tracks=tracks, lang=lang),
        gpx=itinerary_gpx(week_itinerary, tracks, lang=lang).encode("utf-8"),
        ics=itinerary_ics(week_itinerary, lang=lang),
        csv=itinerary_csv(week_itinerary, lang=lang),
        days=len(week_itinerary.days),
    )


def public_answer(
    workspace: Workspace,
    schedule: Schedule,
    near: str | tuple[float, float],
    limit: int = 10,
    **options: Unpack[PublicOptions],
) -> Upcoming:
    """The next ``limit`` visits and PopUps near a commune, postcode or ``(lat, lon)``.

    Raises
    ------
    InputError
        For an unknown or ambiguous place (:class:`~itinerant.publish.public.CommuneLookupError`).
    """
    from itinerant.publish.public import upcoming  # noqa: PLC0415

    return upcoming(
        schedule, workspace.scenario, workspace.matrix, near=near, limit=limit, **options
    )


def public_feed(
    workspace: Workspace, schedule: Schedule, commune: str, **options: Unpack[PublicOptions]
) -> bytes:
    """The ICS calendar of a commune's public dates (as in the public site's feeds)."""
    from itinerant.publish.public import commune_events, feed_bytes, public_events  # noqa: PLC0415

    scenario, lang = workspace.scenario, options.get("lang")
    place = scenario.territory.commune(commune)
    events = public_events(schedule, scenario, from_date=options.get("from_date"))
    mine = commune_events(events, scenario, workspace.matrix, place)
    return feed_bytes(
        mine,
        name=t("app.public.feed_name", lang, commune=place.name),
        description=t("app.public.feed_description", lang, commune=place.name),
        generated_at=dt.datetime.now(dt.UTC),
        lang=lang,
    )
