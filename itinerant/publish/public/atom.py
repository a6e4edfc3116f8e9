"""Atom feeds of the public change notices: one for the Territory, one per commune.

People who follow a commune in a feed reader (or a commune's website that shows a feed) learn
of every visit added, cancelled or moved there, without subscribing to a calendar. The entries
are the public notices (:mod:`itinerant.publish.notices`) of the Publications of the last
:data:`~itinerant.publish.public.history.NOTICES_KEPT`, newest first, kept in the feeds' history
(:mod:`itinerant.publish.public.history`), so that a feed reader sees each notice once, with a
stable id, whatever Publication it reads.

A notice goes to the feed of commune *C* when its place (Stop or PopUp) is in *C*, or when a
visit at that place is in *C*'s calendar feed (planned or cancelled): the same rule as the
commune pages and calendars. Written with ``feedgen`` (RFC 4287).
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from feedgen.feed import FeedGenerator

from itinerant import __version__
from itinerant.i18n import t
from itinerant.publish.public.history import FeedHistory, NoticeItem
from itinerant.publish.public.timetable import PublicTimetable

__all__ = ["ATOM_FOLDER", "TERRITORY_ATOM", "commune_notices", "write_atom"]

logger = logging.getLogger(__name__)

ATOM_FOLDER = "flux"
"""Folder of the Atom feeds in the public site."""

TERRITORY_ATOM = "territoire.atom"
"""File name of the Territory's feed (per-commune feeds are ``communes/<code>.atom``)."""


def commune_notices(history: FeedHistory, code: str) -> list[NoticeItem]:
    """The notices of commune ``code``'s feed (see the module docstring), newest first."""
    places = history.places_of(f"communes/{code}.ics")
    return [n for n in history.notices if n.commune == code or n.place in places]


def _tag(timetable: PublicTimetable, what: str) -> str:
    """A stable ``tag:`` URI (RFC 4151) when the site has no address yet."""
    name = timetable.scenario.name or "itinerant"
    return f"tag:itinerant,2026:{name}/{what}"


def _atom_bytes(
    timetable: PublicTimetable,
    notices: list[NoticeItem],
    *,
    feed: str,
    title: str,
    page: str,
    url: str | None,
) -> bytes:
    lang = timetable.lang
    gen = FeedGenerator()
    base = timetable.base_url
    gen.id(f"{url}{feed}" if url else _tag(timetable, feed))
    gen.title(title)
    gen.subtitle(t("notice.atom.subtitle", lang))
    gen.language(lang)
    gen.author({"name": t("notice.atom.author", lang)})
    gen.generator("itinerant", version=__version__)
    if url:
        gen.link(href=f"{url}{feed}", rel="self", type="application/atom+xml")
    if base:
        gen.link(href=f"{base}{page}", rel="alternate", type="text/html")
    newest = max((n.published for n in notices), default=timetable.generated_at)
    gen.updated(newest.astimezone(dt.UTC))
    # feedgen puts each added entry first: add the oldest first for a newest-first file
    for notice in reversed(notices):
        entry = gen.add_entry()
        entry.id(_tag(timetable, f"avis/{notice.id}"))
        entry.title(t(f"notice.atom.title_{notice.kind}", lang))
        entry.content(notice.message, type="text")
        entry.published(notice.published)
        entry.updated(notice.published)
        if base:
            entry.link(href=f"{base}{page}", rel="alternate", type="text/html")
    return bytes(gen.atom_str(pretty=True))


def write_atom(
    timetable: PublicTimetable,
    history: FeedHistory,
    out_dir: str | Path,
    *,
    url: str | None = None,
) -> list[Path]:
    """Write ``territoire.atom`` and ``communes/<code>.atom`` into ``out_dir`` (created).

    Parameters
    ----------
    timetable
        What is published (its Scenario, time stamp, language, base address).
    history
        The feeds' history of this Publication (its notices, its calendar feeds).
    out_dir
        The folder (``flux/`` of the site).
    url
        Absolute address ``out_dir`` is served from (ending with ``/``), for the feeds' ids and
        ``self`` links; ``None``: ``tag:`` ids.

    Returns
    -------
    list of Path
        The Territory feed, then one feed per commune.
    """
    out = Path(out_dir)
    (out / "communes").mkdir(parents=True, exist_ok=True)
    lang, territory = timetable.lang, timetable.scenario.territory
    path = out / TERRITORY_ATOM
    title = t("notice.atom.title_territory", lang, territory=territory.name)
    path.write_bytes(
        _atom_bytes(
            timetable,
            list(history.notices),
            feed=TERRITORY_ATOM,
            title=title,
            page="index.html",
            url=url,
        )
    )
    written = [path]
    for commune in territory.communes:
        path = out / "communes" / f"{commune.code}.atom"
        path.write_bytes(
            _atom_bytes(
                timetable,
                commune_notices(history, commune.code),
                feed=f"communes/{commune.code}.atom",
                title=t("notice.atom.title_commune", lang, commune=commune.name),
                page=f"communes/{commune.code}.html",
                url=url,
            )
        )
        written.append(path)
    logger.info("wrote %d Atom feeds (%d notices) in %s", len(written), len(history.notices), out)
    return written
