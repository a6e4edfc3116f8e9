"""Change notices: what a new Publication changes, for the public and for each driver.

Comparing a Publication with the previous one gives:

- for the **public**, every visit added, cancelled or moved — to another date, another time or
  another place of the same commune — and every PopUp added or cancelled; never a crew change,
  never a counsellor's name;
- for each **driver** (per Bus), what changed in their days: visits added, cancelled, moved
  (from or to their bus), new hours, and crew changes (names are visible to drivers only).

Visit changes come from :func:`itinerant.schedule.changes.diff_schedules`; a visit cancelled at
one Stop and added the same day at another Stop of the same commune is a move of place.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from itinerant.i18n import t
from itinerant.model import Scenario
from itinerant.publish.public.text import format_date, format_hours
from itinerant.schedule.changes import Change, diff_schedules
from itinerant.schedule.schedule import Schedule, Visit

__all__ = ["DriverNotice", "Notices", "PublicNotice", "change_notices"]

NoticeKind = Literal["added", "cancelled", "moved"]


@dataclass(frozen=True, slots=True)
class PublicNotice:
    """One change the public must know about (no personal data).

    ``date``, ``start`` and ``end`` are those of the visit before the change (after it, for an
    addition); ``new_*`` are set for a move. ``message`` is the sentence to publish.
    """

    kind: NoticeKind
    stop: str
    stop_name: str
    commune_name: str
    date: dt.date
    start: dt.time
    end: dt.time
    message: str
    new_date: dt.date | None = None
    new_start: dt.time | None = None
    new_end: dt.time | None = None
    new_stop_name: str = ""
    popup: bool = False


@dataclass(frozen=True, slots=True)
class DriverNotice:
    """One change in a driver's days (crew names included: drivers only)."""

    bus: str
    date: dt.date
    message: str
    start: dt.time | None = None


@dataclass(frozen=True)
class Notices:
    """The notices of a Publication against the previous one."""

    public: tuple[PublicNotice, ...] = ()
    drivers: Mapping[str, tuple[DriverNotice, ...]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """Whether nothing changed."""
        return not self.public and not any(self.drivers.values())


class _Names:
    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.stops = {s.id: s for s in scenario.stops}
        self.popups = {p.id: p for p in scenario.popups}
        self.counsellors = {c.id: c.name for c in scenario.counsellors}

    def stop(self, stop_id: str) -> str:
        stop = self.stops.get(stop_id)
        return stop.name if stop else stop_id

    def commune(self, code: str) -> str:
        territory = self.scenario.territory
        return territory.commune(code).name if territory.has_commune(code) else code

    def stop_commune(self, stop_id: str) -> str:
        stop = self.stops.get(stop_id)
        return self.commune(stop.commune) if stop else ""

    def crew(self, ids: tuple[str, ...]) -> str:
        return ", ".join(self.counsellors.get(c, c) for c in ids) or "—"


def _public_visit_notice(change: Change, names: _Names, lang: str | None) -> PublicNotice:
    visit = change.before or change.after
    assert visit is not None  # every Change has one side
    stop_name = names.stop(change.stop)
    commune = names.stop_commune(change.stop)
    when = format_date(change.date, lang)
    hours = format_hours(visit.start, visit.end, lang)
    if change.kind == "moved" and change.after is not None:
        new_date = change.new_date or change.date
        after = change.after
        message = t(
            "notice.public.moved",
            lang,
            place=stop_name,
            commune=commune,
            date=when,
            hours=hours,
            new_date=format_date(new_date, lang),
            new_hours=format_hours(after.start, after.end, lang),
        )
        return PublicNotice(
            "moved",
            change.stop,
            stop_name,
            commune,
            change.date,
            visit.start,
            visit.end,
            message,
            new_date=new_date,
            new_start=after.start,
            new_end=after.end,
            new_stop_name=stop_name,
        )
    kind: NoticeKind = "cancelled" if change.kind == "cancelled" else "added"
    message = t(
        f"notice.public.{kind}", lang, place=stop_name, commune=commune, date=when, hours=hours
    )
    return PublicNotice(
        kind, change.stop, stop_name, commune, change.date, visit.start, visit.end, message
    )


def _place_moves(
    changes: list[Change], names: _Names, lang: str | None
) -> tuple[list[Change], list[PublicNotice]]:
    """Pair a cancellation and an addition of the same day and commune: a move of place."""
    cancelled = [c for c in changes if c.kind == "cancelled"]
    added = [c for c in changes if c.kind == "added"]
    paired: set[int] = set()
    notices: list[PublicNotice] = []
    for old in cancelled:
        commune = names.stop_commune(old.stop)
        match = next(
            (
                new
                for new in added
                if id(new) not in paired
                and new.date == old.date
                and names.stop_commune(new.stop) == commune
            ),
            None,
        )
        if match is None or old.before is None or match.after is None:
            continue
        paired.update({id(old), id(match)})
        before, after = old.before, match.after
        message = t(
            "notice.public.moved_place",
            lang,
            place=names.stop(old.stop),
            commune=commune,
            date=format_date(old.date, lang),
            hours=format_hours(before.start, before.end, lang),
            new_place=names.stop(match.stop),
            new_hours=format_hours(after.start, after.end, lang),
        )
        notices.append(
            PublicNotice(
                "moved",
                old.stop,
                names.stop(old.stop),
                commune,
                old.date,
                before.start,
                before.end,
                message,
                new_date=match.date,
                new_start=after.start,
                new_end=after.end,
                new_stop_name=names.stop(match.stop),
            )
        )
    rest = [c for c in changes if id(c) not in paired]
    return rest, notices


def _popup_notices(
    before: Schedule | None, after: Schedule, names: _Names, lang: str | None
) -> list[PublicNotice]:
    old = {p.popup for p in before.popups} if before else set()
    new = {p.popup for p in after.popups}
    notices = []
    for popup_id, kind in [(p, "cancelled") for p in sorted(old - new)] + [
        (p, "added") for p in sorted(new - old)
    ]:
        popup = names.popups.get(popup_id)
        if popup is None:
            continue
        commune = names.commune(popup.commune)
        message = t(
            f"notice.public.popup_{kind}",
            lang,
            name=popup.name,
            commune=commune,
            date=format_date(popup.date, lang),
            hours=format_hours(popup.start, popup.end, lang),
        )
        notices.append(
            PublicNotice(
                "cancelled" if kind == "cancelled" else "added",
                popup.id,
                popup.name,
                commune,
                popup.date,
                popup.start,
                popup.end,
                message,
                popup=True,
            )
        )
    return notices


def _driver_message(
    key: str, change: Change, visit: Visit | None, names: _Names, lang: str | None, **more: str
) -> str:
    """The sentence ``notice.driver.<key>`` on ``change``, with the hours of ``visit``."""
    return t(
        f"notice.driver.{key}",
        lang,
        place=names.stop(change.stop),
        date=format_date(change.date, lang),
        hours=format_hours(visit.start, visit.end, lang) if visit else "",
        **more,
    )


def _driver_notices(
    changes: list[Change], names: _Names, lang: str | None
) -> dict[str, list[DriverNotice]]:
    out: dict[str, list[DriverNotice]] = defaultdict(list)
    for c in changes:
        if c.kind in ("cancelled", "added"):
            visit = c.before if c.kind == "cancelled" else c.after
            crew = names.crew(visit.crew if visit else ())
            message = _driver_message(c.kind, c, visit, names, lang, crew=crew)
        elif c.kind == "crew":
            before = names.crew(c.before.crew if c.before else ())
            after = names.crew(c.after.crew if c.after else ())
            message = _driver_message("crew", c, c.after, names, lang, before=before, after=after)
        else:  # moved: tell the old bus and, if another, the new one
            new_bus = c.new_bus or c.bus
            new_date = c.new_date or c.date
            message = _driver_message(
                "moved",
                c,
                c.before,
                names,
                lang,
                new_date=format_date(new_date, lang),
                new_hours=format_hours(c.after.start, c.after.end, lang) if c.after else "",
                new_bus=new_bus,
            )
            if new_bus != c.bus:
                start = c.after.start if c.after else None
                out[new_bus].append(DriverNotice(new_bus, new_date, message, start))
        out[c.bus].append(DriverNotice(c.bus, c.date, message, c.start))
    return out


def change_notices(
    before: Schedule | None, after: Schedule, scenario: Scenario, *, lang: str | None = None
) -> Notices:
    """The notices of ``after`` against the previously published ``before``.

    With no previous Publication (``before is None``) there is nothing to announce: the whole
    timetable is new, and the notices are empty.
    """
    if before is None:
        return Notices()
    names = _Names(scenario)
    changes = diff_schedules(before, after)
    public_changes = [c for c in changes if c.kind != "crew"]
    rest, place_moves = _place_moves(public_changes, names, lang)
    public = [_public_visit_notice(c, names, lang) for c in rest] + place_moves
    public += _popup_notices(before, after, names, lang)
    public.sort(key=lambda n: (n.date, n.start, n.stop_name, n.kind))
    drivers = _driver_notices(changes, names, lang)
    return Notices(
        public=tuple(public),
        drivers={
            bus: tuple(sorted(items, key=lambda n: (n.date, n.start or dt.time.min, n.message)))
            for bus, items in sorted(drivers.items())
        },
    )
