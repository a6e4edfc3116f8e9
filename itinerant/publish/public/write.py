"""Writing the whole public timetable into one folder, ready to put on a web server.

Layout (``out_dir``; every link of the site is relative, so the folder can be served as is
from any address, or opened from disk)::

    index.html              search by commune, alphabetical list, next dates
    site.css, recherche.js  style sheet and optional search script
    communes/<code>.html    one page per commune (INSEE code)
    ics/territoire.ics      calendar feed of the whole Territory
    ics/communes/<code>.ics one calendar feed per commune
    ics/rotations.ics       regular patterns as recurring events (RRULE, EXDATE)
    opendata/calendrier.geojson, calendrier.csv, calendrier.json
    opendata/arrets-minibus.csv            Stops, mobile library stops Table Schema
    opendata/services-data-inclusion.json  one data·inclusion service per Stop
    opendata/lieux-permanents.geojson, lieux-permanents.csv  fixed ServicePoints
    affiches/<stop id>.pdf  one A4 poster per Stop visited

Write each Publication into a new, empty folder: files of an older Publication (a poster of a
Stop no longer visited...) are never deleted.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from itinerant.i18n import current_language
from itinerant.model import Scenario
from itinerant.publish.public.events import public_events
from itinerant.publish.public.feeds import write_feeds
from itinerant.publish.public.opendata import write_open_data
from itinerant.publish.public.posters import write_posters
from itinerant.publish.public.site import LAYOUT, write_site
from itinerant.publish.public.standards import check_base_url, write_standards
from itinerant.publish.public.timetable import DEFAULT_WITHIN_MINUTES, PublicTimetable

if TYPE_CHECKING:
    from itinerant.routing import TravelMatrix
    from itinerant.schedule.schedule import Schedule

__all__ = ["write_public"]

logger = logging.getLogger(__name__)


def write_public(
    schedule: Schedule,
    scenario: Scenario,
    matrix: TravelMatrix,
    out_dir: str | Path,
    *,
    from_date: dt.date | None = None,
    within_minutes: float | None = None,
    generated_at: dt.datetime | None = None,
    lang: str | None = None,
    base_url: str | None = None,
) -> list[Path]:
    """Write the site, calendar feeds, open data and posters (layout in the module docstring).

    Parameters
    ----------
    schedule, scenario, matrix
        What to publish, its scenario and its travel matrix
        (:func:`itinerant.pipeline.matrix_between` over
        :func:`itinerant.pipeline.scenario_places`).
    out_dir
        The folder to publish into (created).
    from_date
        Leave out events before this date (``None``: the whole Schedule).
    within_minutes
        Drive time limit (min) of the per-commune rule of pages and feeds (default
        :data:`~itinerant.publish.public.timetable.DEFAULT_WITHIN_MINUTES`).
    generated_at
        Publication time (aware datetime), written in feeds, open data, pages and posters;
        default now. Pass a fixed value for reproducible files.
    lang
        Language of the texts (``fr`` by default); open data field names stay French.
    base_url
        Address the folder will be served from (``https://…/``): the standard open data
        (:mod:`~itinerant.publish.public.standards`) then link to the commune pages; ``None``:
        no links there.

    Returns
    -------
    list of Path
        Every file written.

    Raises
    ------
    FieldError
        For a ``base_url`` that is not an absolute http(s) address, or a commune code of a
        Stop or ServicePoint that is not an INSEE code (the message names it).
    """
    check_base_url(base_url)  # before any file is written
    timetable = PublicTimetable(
        scenario=scenario,
        matrix=matrix,
        events=public_events(schedule, scenario, from_date=from_date),
        generated_at=generated_at or dt.datetime.now(dt.UTC),
        within_minutes=DEFAULT_WITHIN_MINUTES if within_minutes is None else within_minutes,
        lang=lang or current_language(),
    )
    out = Path(out_dir)
    written = write_site(timetable, out)
    written += write_feeds(timetable, out / LAYOUT["ics"])
    written += write_open_data(timetable, out / LAYOUT["opendata"])
    written += write_standards(timetable, out / LAYOUT["opendata"], base_url=base_url)
    written += write_posters(timetable, out / LAYOUT["posters"])
    logger.info("published %d files in %s", len(written), out)
    return written
