"""Writing the whole public timetable into one folder, ready to put on a web server.

Layout (``out_dir``; without a base address every link of the site is relative, so the folder
can be served as is from any address, or opened from disk; with one, the calendar subscription
links are absolute ``webcal://`` addresses)::

    index.html              search by commune, alphabetical list, next dates
    site.css, recherche.js  style sheet and optional search script
    communes/<code>.html    one page per commune (INSEE code)
    ics/territoire.ics      calendar feed of the whole Territory
    ics/communes/<code>.ics one calendar feed per commune
    ics/rotations.ics       regular patterns as recurring events (RRULE, EXDATE)
    ics/suivi.json          the feeds' history (revisions, cancelled visits, notices)
    flux/territoire.atom    Atom feed of the change notices of the Territory
    flux/communes/<code>.atom  one Atom feed of change notices per commune
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
from itinerant.publish.public.atom import ATOM_FOLDER, write_atom
from itinerant.publish.public.events import public_events
from itinerant.publish.public.feeds import feed_history, write_feeds
from itinerant.publish.public.opendata import write_open_data
from itinerant.publish.public.posters import write_posters
from itinerant.publish.public.site import LAYOUT, write_site
from itinerant.publish.public.standards import check_base_url, write_standards
from itinerant.publish.public.timetable import DEFAULT_WITHIN_MINUTES, PublicTimetable

if TYPE_CHECKING:
    from collections.abc import Sequence

    from itinerant.publish.notices import PublicNotice
    from itinerant.publish.public.history import FeedHistory
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
    previous_feeds: FeedHistory | None = None,
    notices: Sequence[PublicNotice] = (),
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
        no links there. The calendar feeds then name their own address and the site links to
        them by absolute ``webcal://`` addresses.
    previous_feeds
        The feeds' history of the previous Publication (``ics/suivi.json`` there, or
        :meth:`itinerant.store.Store.publication_feeds`): events keep or raise their
        ``SEQUENCE`` and visits no longer planned are published as cancelled
        (:mod:`~itinerant.publish.public.history`). ``None``: a first Publication.
    notices
        The public change notices of this Publication (Atom feeds ``flux/``).

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
    base_url = check_base_url(base_url) or None  # before any file is written; ends with "/"
    timetable = PublicTimetable(
        scenario=scenario,
        matrix=matrix,
        events=public_events(schedule, scenario, from_date=from_date),
        generated_at=generated_at or dt.datetime.now(dt.UTC),
        within_minutes=DEFAULT_WITHIN_MINUTES if within_minutes is None else within_minutes,
        lang=lang or current_language(),
        base_url=base_url,
        previous_feeds=previous_feeds,
        notices=tuple(notices),
    )
    history = feed_history(timetable)
    out = Path(out_dir)
    written = write_site(timetable, out, base_url=base_url)
    feeds_url = None if base_url is None else f"{base_url}{LAYOUT['ics']}/"
    written += write_feeds(timetable, out / LAYOUT["ics"], history, url=feeds_url)
    atom_url = None if base_url is None else f"{base_url}{ATOM_FOLDER}/"
    written += write_atom(timetable, history, out / ATOM_FOLDER, url=atom_url)
    written += write_open_data(timetable, out / LAYOUT["opendata"])
    written += write_standards(timetable, out / LAYOUT["opendata"], base_url=base_url)
    written += write_posters(timetable, out / LAYOUT["posters"])
    logger.info("published %d files in %s", len(written), out)
    return written
