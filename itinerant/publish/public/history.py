"""What the calendar feeds said before: revisions and cancellations across Publications.

Subscribed calendars only learn what a feed says *now*. So that they show a change as a change,
each Publication keeps, per event ``UID`` of its feeds, a :class:`FeedEntry`: the revision number
(``SEQUENCE``), when the event last changed (``LAST-MODIFIED``), a digest of what the public sees
of it, the feeds that carried it and the event itself. The next Publication starts from that
:class:`FeedHistory` (:func:`next_history`):

- an event whose digest is unchanged keeps its ``SEQUENCE`` and ``LAST-MODIFIED``;
- an event that changed (hours, place text, pôles present...) gets ``SEQUENCE + 1`` and the new
  publication time;
- an event of the previous feeds that is no longer planned stays in the feeds that carried it,
  as ``STATUS:CANCELLED`` with ``SEQUENCE + 1``, until its end has passed: calendar apps then
  strike it out or remove it instead of silently keeping a visit that will not happen;
- a cancelled event planned again comes back ``CONFIRMED`` with ``SEQUENCE + 1``.

The history is a JSON document (:meth:`FeedHistory.document`), written beside the feeds as
``ics/suivi.json`` and kept with the Publication in the store (:mod:`itinerant.store`), so that
the next Publication continues it wherever its files are written. It holds public data only (the
same as the feeds).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from itinerant.errors import InputError
from itinerant.publish.calendar import TIMEZONE, CalendarEvent

__all__ = [
    "HISTORY_FILE",
    "HISTORY_FORMAT",
    "NOTICES_KEPT",
    "FeedEntry",
    "FeedHistory",
    "NoticeItem",
    "event_digest",
    "last_end",
    "next_history",
]

HISTORY_FILE = "suivi.json"
"""File name of the history beside the feeds (``ics/suivi.json``)."""

HISTORY_FORMAT = "itinerant-feed-history/1"
"""``format`` of the history document."""

NOTICES_KEPT = dt.timedelta(days=90)
"""How long a change notice stays in the history (and in the Atom feeds)."""


@dataclass(frozen=True)
class FeedEntry:
    """One event ``UID`` of the feeds, as last published.

    Attributes
    ----------
    event
        The event as written (with its ``sequence``, ``last_modified`` and ``cancelled``).
    place
        Id of the Stop or PopUp (change notices of a place go to the feeds that carried it).
    feeds
        Feed files that carried it, relative to ``ics/`` (``territoire.ics``,
        ``communes/23008.ics``...), sorted.
    digest
        Digest of what the public sees of the event (its revision changes when it changes).
    """

    event: CalendarEvent
    place: str
    feeds: tuple[str, ...]
    digest: str


def event_digest(event: CalendarEvent) -> str:
    """Digest of the public content of ``event`` (not its revision fields)."""
    content = [
        event.start.isoformat(),
        event.end.isoformat(),
        event.summary,
        event.location,
        event.description,
        f"{event.lat:.6f}",
        f"{event.lon:.6f}",
        list(event.categories),
        json.dumps(dict(event.rrule or {}), default=str, sort_keys=True),
        [d.isoformat() for d in event.exdates],
    ]
    text = json.dumps(content, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def last_end(event: CalendarEvent) -> dt.datetime:
    """When ``event`` is over: the end of its last occurrence (``UNTIL`` of a recurring rule).

    A recurring rule without ``UNTIL`` (or with a ``COUNT``) has no end known here: it is
    taken as never over.
    """
    if not event.rrule:
        return event.end
    until = event.rrule.get("until")
    if isinstance(until, dt.datetime):
        return until + (event.end - event.start)
    if isinstance(until, dt.date):
        return dt.datetime.combine(until, event.end.timetz())
    return dt.datetime.max.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class NoticeItem:
    """One public change notice, as published (the entries of the Atom feeds).

    Attributes
    ----------
    id
        Stable identifier (digest of the publication time, place and message).
    published
        When it was published (aware, UTC).
    place
        Id of the Stop or PopUp it is about.
    commune
        INSEE code of the commune of that place.
    kind
        ``added``, ``cancelled`` or ``moved``.
    message
        The sentence published.
    """

    id: str
    published: dt.datetime
    place: str
    commune: str
    kind: str
    message: str

    @classmethod
    def make(
        cls, published: dt.datetime, place: str, commune: str, kind: str, message: str
    ) -> NoticeItem:
        """A notice with its stable id."""
        stamp = published.astimezone(dt.UTC).replace(microsecond=0)
        text = json.dumps([stamp.isoformat(), place, kind, message], ensure_ascii=False)
        ident = hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]
        return cls(ident, stamp, place, commune, kind, message)


@dataclass(frozen=True)
class FeedHistory:
    """Every event ``UID`` of a Publication's feeds, planned or cancelled, and the notices.

    ``notices`` are the public change notices of the last :data:`NOTICES_KEPT`, newest first.
    """

    entries: Mapping[str, FeedEntry]
    notices: tuple[NoticeItem, ...] = ()

    @classmethod
    def empty(cls) -> FeedHistory:
        """The history before the first Publication."""
        return cls({})

    @cached_property
    def _by_feed(self) -> dict[str, list[FeedEntry]]:
        """The entries of each feed, by start then UID (built once: every feed asks)."""
        index: dict[str, list[FeedEntry]] = {}
        for entry in sorted(self.entries.values(), key=lambda e: (e.event.start, e.event.uid)):
            for feed in entry.feeds:
                index.setdefault(feed, []).append(entry)
        return index

    def in_feed(self, feed: str) -> list[CalendarEvent]:
        """The events of feed ``feed`` (relative to ``ics/``), by start then UID."""
        return [e.event for e in self._by_feed.get(feed, ())]

    def cancelled(self) -> list[FeedEntry]:
        """The entries kept as cancelled, by start then UID."""
        found = [e for e in self.entries.values() if e.event.cancelled]
        return sorted(found, key=lambda e: (e.event.start, e.event.uid))

    def places_of(self, feed: str) -> set[str]:
        """Ids of the Stops and PopUps with an event (planned or cancelled) in ``feed``."""
        return {e.place for e in self._by_feed.get(feed, ())}

    # ----------------------------------------------------------------- document
    def document(self) -> dict[str, Any]:
        """The JSON document of this history (see :meth:`from_document`)."""
        return {
            "format": HISTORY_FORMAT,
            "events": [_entry_document(self.entries[uid]) for uid in sorted(self.entries, key=str)],
            "notices": [
                {
                    "id": n.id,
                    "published": _when(n.published),
                    "place": n.place,
                    "commune": n.commune,
                    "kind": n.kind,
                    "message": n.message,
                }
                for n in self.notices
            ],
        }

    @classmethod
    def from_document(cls, document: object, source: str) -> FeedHistory:
        """Read a history document written by :meth:`document`.

        Raises
        ------
        InputError
            Naming ``source``, the event's position and the field, when the document is not one.
        """
        if not isinstance(document, dict) or document.get("format") != HISTORY_FORMAT:
            msg = f"{source}: not a feed history (format {HISTORY_FORMAT!r} expected)"
            raise InputError(msg)
        rows = document.get("events")
        if not isinstance(rows, list):
            msg = f"{source}: field 'events' must be a list"
            raise InputError(msg)
        entries = {}
        for index, row in enumerate(rows, start=1):
            entry = _entry_from_document(row, f"{source}, event {index}")
            entries[entry.event.uid] = entry
        notices = document.get("notices", [])
        if not isinstance(notices, list):
            msg = f"{source}: field 'notices' must be a list"
            raise InputError(msg)
        items = tuple(
            _notice_from_document(row, f"{source}, notice {index}")
            for index, row in enumerate(notices, start=1)
        )
        return cls(entries, items)


def next_history(
    previous: FeedHistory | None,
    feeds: Mapping[str, Iterable[tuple[CalendarEvent, str]]],
    now: dt.datetime,
    notices: Iterable[NoticeItem] = (),
) -> FeedHistory:
    """The history of a new Publication, from the previous one and the events planned now.

    Parameters
    ----------
    previous
        The previous Publication's history (``None`` or empty: the first one).
    feeds
        Per feed file (relative to ``ics/``), its planned events, each with its place id; the
        revision fields of these events are ignored (they are set here).
    now
        Publication time (aware): ``LAST-MODIFIED`` of what changed; cancelled events that
        ended before it are forgotten.
    notices
        The public change notices of this Publication; they come first, before the previous
        ones of the last :data:`NOTICES_KEPT`.

    Returns
    -------
    FeedHistory
        The planned events with their revision, the cancelled ones still to come, the notices.
    """
    before = previous.entries if previous is not None else {}
    stamp = now.astimezone(dt.UTC).replace(microsecond=0)
    planned: dict[str, tuple[CalendarEvent, str, set[str]]] = {}
    for feed, items in feeds.items():
        for event, place in items:
            _, _, names = planned.setdefault(event.uid, (event, place, set()))
            names.add(feed)
    entries: dict[str, FeedEntry] = {}
    for uid, (event, place, names) in planned.items():
        digest = event_digest(event)
        old = before.get(uid)
        if old is None:
            revised = replace(event, sequence=0, last_modified=stamp, cancelled=False)
        elif old.digest == digest and not old.event.cancelled:
            revised = replace(
                event, sequence=old.event.sequence, last_modified=old.event.last_modified
            )
        else:
            revised = replace(
                event, sequence=old.event.sequence + 1, last_modified=stamp, cancelled=False
            )
        entries[uid] = FeedEntry(revised, place, tuple(sorted(names)), digest)
    for uid, old in before.items():
        if uid in entries or last_end(old.event) <= now:
            continue
        if old.event.cancelled:
            entries[uid] = old
        else:
            event = replace(
                old.event, sequence=old.event.sequence + 1, last_modified=stamp, cancelled=True
            )
            entries[uid] = replace(old, event=event)
    kept = previous.notices if previous is not None else ()
    fresh = tuple(notices)
    ids = {n.id for n in fresh}
    recent = tuple(n for n in kept if n.id not in ids and now - n.published <= NOTICES_KEPT)
    return FeedHistory(entries, fresh + recent)


# --------------------------------------------------------------------------- documents
def _when(value: dt.datetime) -> str:
    return value.isoformat()


def _entry_document(entry: FeedEntry) -> dict[str, Any]:
    event = entry.event
    return {
        "uid": event.uid,
        "place": entry.place,
        "feeds": list(entry.feeds),
        "digest": entry.digest,
        "sequence": event.sequence,
        "last_modified": _when(event.last_modified) if event.last_modified else None,
        "cancelled": event.cancelled,
        "start": _when(event.start),
        "end": _when(event.end),
        "summary": event.summary,
        "location": event.location,
        "description": event.description,
        "lat": event.lat,
        "lon": event.lon,
        "categories": list(event.categories),
        "rrule": json.loads(json.dumps(dict(event.rrule), default=_when)) if event.rrule else None,
        "exdates": [_when(d) for d in event.exdates],
    }


def _field(row: Mapping[str, Any], name: str, kinds: type | tuple[type, ...], where: str) -> Any:
    """``row[name]`` if of one of ``kinds`` (a bool is not taken for a number)."""
    value = row.get(name)
    allowed = kinds if isinstance(kinds, tuple) else (kinds,)
    if not isinstance(value, allowed) or (isinstance(value, bool) and bool not in allowed):
        msg = f"{where}: field {name!r} is missing or of the wrong type ({value!r})"
        raise InputError(msg)
    return value


def _datetime(row: Mapping[str, Any], name: str, where: str) -> dt.datetime:
    text = _field(row, name, str, where)
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        msg = f"{where}: field {name!r} is not an ISO date and time ({text!r})"
        raise InputError(msg) from None
    if value.tzinfo is None:
        msg = f"{where}: field {name!r} has no time zone ({text!r})"
        raise InputError(msg)
    return value.astimezone(TIMEZONE) if name in ("start", "end") else value


def _rrule(value: object, where: str) -> dict[str, object] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        msg = f"{where}: field 'rrule' must be an object or null"
        raise InputError(msg)
    rule: dict[str, object] = dict(value)
    until = rule.get("until")
    if isinstance(until, str):
        rule["until"] = _datetime({"until": until}, "until", where)
    return rule


def _entry_from_document(row: object, where: str) -> FeedEntry:
    if not isinstance(row, dict):
        msg = f"{where}: an event must be an object"
        raise InputError(msg)
    feeds = _field(row, "feeds", list, where)
    categories = _field(row, "categories", list, where)
    exdates = _field(row, "exdates", list, where)
    modified = row.get("last_modified")
    event = CalendarEvent(
        uid=_field(row, "uid", str, where),
        start=_datetime(row, "start", where),
        end=_datetime(row, "end", where),
        summary=_field(row, "summary", str, where),
        location=_field(row, "location", str, where),
        description=_field(row, "description", str, where),
        lat=float(_field(row, "lat", (int, float), where)),
        lon=float(_field(row, "lon", (int, float), where)),
        categories=tuple(str(c) for c in categories),
        busy=False,
        rrule=_rrule(row.get("rrule"), where),
        exdates=tuple(
            _datetime({"exdate": d}, "exdate", where).astimezone(TIMEZONE) for d in exdates
        ),
        sequence=int(_field(row, "sequence", int, where)),
        last_modified=None if modified is None else _datetime(row, "last_modified", where),
        cancelled=bool(_field(row, "cancelled", bool, where)),
    )
    return FeedEntry(
        event=event,
        place=_field(row, "place", str, where),
        feeds=tuple(sorted(str(f) for f in feeds)),
        digest=_field(row, "digest", str, where),
    )


def _notice_from_document(row: object, where: str) -> NoticeItem:
    if not isinstance(row, dict):
        msg = f"{where}: a notice must be an object"
        raise InputError(msg)
    return NoticeItem(
        id=_field(row, "id", str, where),
        published=_datetime(row, "published", where),
        place=_field(row, "place", str, where),
        commune=_field(row, "commune", str, where),
        kind=_field(row, "kind", str, where),
        message=_field(row, "message", str, where),
    )
