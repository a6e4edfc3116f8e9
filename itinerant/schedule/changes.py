"""What changes in a published Schedule: the disruptions, and the visits cancelled, added, moved.

A disruption is a counsellor absent on a date (``absence:<counsellor>:<YYYY-MM-DD>``) or a bus
out of service on a date (``bus:<bus>:<YYYY-MM-DD>``); :func:`diff_schedules` lists what changed
between a published Schedule and its re-plan (:mod:`~itinerant.schedule.replan`), visit by
visit. Plain data only: publishing and the dashboard read these without loading the solver.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from itinerant.errors import InputError
from itinerant.schedule.schedule import Schedule, Tour, Visit

__all__ = ["Change", "Disruption", "diff_schedules", "parse_disruption"]


@dataclass(frozen=True, slots=True)
class Disruption:
    """A counsellor absent, or a bus out of service, on a date."""

    kind: Literal["absence", "bus"]
    subject: str
    date: dt.date

    def __str__(self) -> str:
        return f"{self.kind}:{self.subject}:{self.date.isoformat()}"


def parse_disruption(text: str) -> Disruption:
    """Parse ``absence:<counsellor>:<date>`` or ``bus:<bus>:<date>``.

    Raises
    ------
    InputError
        Naming the text and what is wrong with it.
    """
    parts = text.strip().split(":")
    if len(parts) != 3 or parts[0] not in ("absence", "bus") or not parts[1]:
        msg = (
            f"disruption {text!r} is not absence:<counsellor>:<YYYY-MM-DD> or "
            "bus:<bus>:<YYYY-MM-DD>"
        )
        raise InputError(msg)
    try:
        day = dt.date.fromisoformat(parts[2])
    except ValueError:
        msg = f"disruption {text!r}: {parts[2]!r} is not a date YYYY-MM-DD"
        raise InputError(msg) from None
    kind: Literal["absence", "bus"] = "absence" if parts[0] == "absence" else "bus"
    return Disruption(kind, parts[1], day)


@dataclass(frozen=True, slots=True)
class Change:
    """One difference between a published Schedule and its re-plan.

    ``kind``: ``cancelled`` (the visit no longer takes place), ``added`` (a new visit),
    ``moved`` (the same Stop at another date, bus or time), ``crew`` (same visit, other
    counsellors).
    """

    kind: Literal["cancelled", "added", "moved", "crew"]
    stop: str
    bus: str
    date: dt.date
    start: dt.time
    before: Visit | None
    after: Visit | None
    new_bus: str = ""
    new_date: dt.date | None = None


def _visits(schedule: Schedule) -> dict[tuple[str, dt.date, str], tuple[Tour, Visit]]:
    return {(t.bus, t.date, v.stop): (t, v) for t, v in schedule.visits()}


def diff_schedules(before: Schedule, after: Schedule) -> list[Change]:
    """Every visit cancelled, added, moved (same Stop, other date, bus or time) or re-crewed."""
    old = _visits(before)
    new = _visits(after)
    changes: list[Change] = []
    gone = {k: tv for k, tv in old.items() if k not in new}
    came = {k: tv for k, tv in new.items() if k not in old}
    for key in sorted(set(old) & set(new)):
        (_, v0), (_, v1) = old[key], new[key]
        if (v0.start, v0.end) != (v1.start, v1.end):
            changes.append(
                Change("moved", key[2], key[0], key[1], v0.start, v0, v1, key[0], key[1])
            )
        elif set(v0.crew) != set(v1.crew):
            changes.append(Change("crew", key[2], key[0], key[1], v0.start, v0, v1))
    # a Stop cancelled on one day and added on another is a move, for the public
    for key in sorted(gone):
        bus, day, stop = key
        _, v0 = gone[key]
        target = next((k for k in sorted(came) if k[2] == stop), None)
        if target is not None:
            _, v1 = came.pop(target)
            changes.append(Change("moved", stop, bus, day, v0.start, v0, v1, target[0], target[1]))
        else:
            changes.append(Change("cancelled", stop, bus, day, v0.start, v0, None))
    for key in sorted(came):
        bus, day, stop = key
        _, v1 = came[key]
        changes.append(Change("added", stop, bus, day, v1.start, None, v1))
    return changes
