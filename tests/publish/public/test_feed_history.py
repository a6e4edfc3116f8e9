"""Calendar feeds across Publications: revisions, cancelled visits, refresh hints, Atom notices.

The feeds are read back with ``icalendar`` and the Atom feeds with ``feedparser`` (independent
readers); the history document round-trips and bad documents are refused by field.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import feedparser
import icalendar
import pytest

from itinerant.errors import InputError
from itinerant.publish.calendar import TIMEZONE, CalendarEvent, ics_bytes
from itinerant.publish.notices import change_notices
from itinerant.publish.public import write_public
from itinerant.publish.public.history import (
    HISTORY_FILE,
    FeedHistory,
    NoticeItem,
    next_history,
)
from itinerant.schedule.schedule import Schedule
from tests.conftest import DefaultPlan

BASE = "https://cite.exemple.fr/itinerant/"
FIRST = dt.datetime(2026, 12, 14, 9, 0, tzinfo=dt.UTC)
SECOND = dt.datetime(2026, 12, 21, 9, 0, tzinfo=dt.UTC)


def _event(uid: str, day: int, *, summary: str = "Permanence") -> CalendarEvent:
    start = dt.datetime(2027, 1, day, 9, 30, tzinfo=TIMEZONE)
    return CalendarEvent(
        uid=uid,
        start=start,
        end=start + dt.timedelta(hours=3),
        summary=summary,
        location="Place de la mairie, Aubusson",
        description="Conseils gratuits",
        lat=45.956,
        lon=2.168,
        categories=("emploi",),
        busy=False,
    )


# --------------------------------------------------------------------------- next_history
def test_revisions_grow_only_when_the_event_changes() -> None:
    a, b, c = _event("a", 4), _event("b", 5), _event("c", 6)
    first = next_history(None, {"territoire.ics": [(a, "s1"), (b, "s2"), (c, "s3")]}, FIRST)
    assert {e.event.uid: e.event.sequence for e in first.entries.values()} == {
        "a": 0,
        "b": 0,
        "c": 0,
    }
    moved = replace(b, summary="Permanence (nouvel horaire)")
    second = next_history(first, {"territoire.ics": [(a, "s1"), (moved, "s2")]}, SECOND)
    got = {uid: (e.event.sequence, e.event.cancelled) for uid, e in second.entries.items()}
    assert got == {"a": (0, False), "b": (1, False), "c": (1, True)}
    assert second.entries["a"].event.last_modified == FIRST  # unchanged: first revision kept
    assert second.entries["b"].event.last_modified == SECOND
    assert second.entries["c"].feeds == ("territoire.ics",)  # kept where it was published
    # planned again: back as confirmed, one revision higher
    third = next_history(second, {"territoire.ics": [(a, "s1"), (c, "s3")]}, SECOND)
    assert (third.entries["c"].event.sequence, third.entries["c"].event.cancelled) == (2, False)
    # a cancelled event stays once more as cancelled, and is dropped once its end has passed
    assert third.entries["b"].event.cancelled
    later = next_history(third, {"territoire.ics": []}, dt.datetime(2027, 2, 1, tzinfo=dt.UTC))
    assert later.entries == {}


def test_a_cancelled_rotation_stays_until_its_last_occurrence() -> None:
    until = dt.datetime(2027, 3, 1, 8, 30, tzinfo=dt.UTC)
    weekly = replace(_event("r", 4), rrule={"freq": "WEEKLY", "byday": "MO", "until": until})
    first = next_history(None, {"rotations.ics": [(weekly, "s1")]}, FIRST)
    after_first_day = dt.datetime(2027, 1, 20, tzinfo=dt.UTC)
    second = next_history(first, {"rotations.ics": []}, after_first_day)
    assert second.entries["r"].event.cancelled  # later Mondays are still to come
    assert next_history(second, {}, until + dt.timedelta(days=1)).entries == {}


def test_notices_are_kept_ninety_days_newest_first() -> None:
    old = NoticeItem.make(FIRST, "s1", "23008", "cancelled", "Permanence annulée : A.")
    new = NoticeItem.make(SECOND, "s2", "23008", "added", "Nouvelle permanence : B.")
    first = next_history(None, {}, FIRST, [old])
    second = next_history(first, {}, SECOND, [new])
    assert [n.message for n in second.notices] == [new.message, old.message]
    far = next_history(second, {}, SECOND + dt.timedelta(days=91))
    assert far.notices == ()


def test_a_commune_feed_gets_the_notices_of_the_places_of_its_calendar() -> None:
    from itinerant.publish.public.atom import commune_notices

    here = NoticeItem.make(FIRST, "s1", "23008", "cancelled", "Permanence annulée : A.")
    other = NoticeItem.make(FIRST, "s2", "23096", "added", "Nouvelle permanence : B.")
    history = next_history(
        None, {"communes/23001.ics": [(_event("a", 4), "s1")]}, FIRST, [here, other]
    )
    assert commune_notices(history, "23001") == [here]  # its calendar shows place s1
    assert commune_notices(history, "23008") == [here]  # s1 is in 23008
    assert commune_notices(history, "23096") == [other]


def test_history_document_round_trips() -> None:
    rule = {"freq": "WEEKLY", "byday": "MO", "until": dt.datetime(2027, 3, 1, tzinfo=dt.UTC)}
    weekly = replace(_event("r", 4), rrule=rule, exdates=(_event("x", 11).start,))
    notice = NoticeItem.make(FIRST, "s1", "23008", "added", "Nouvelle permanence : « A ».")
    history = next_history(
        None,
        {"territoire.ics": [(_event("a", 4), "s1")], "rotations.ics": [(weekly, "s1")]},
        FIRST,
        [notice],
    )
    text = json.dumps(history.document(), ensure_ascii=False)
    again = FeedHistory.from_document(json.loads(text), "suivi.json")
    assert again == history


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d.update(format="autre"), "suivi.json: not a feed history"),
        (lambda d: d.update(events={}), "field 'events' must be a list"),
        (lambda d: d["events"][0].pop("uid"), r"suivi.json, event 1: field 'uid'"),
        (lambda d: d["events"][0].update(sequence="2"), r"event 1: field 'sequence'"),
        (lambda d: d["events"][0].update(start="4 janvier"), r"event 1: field 'start' is not"),
        (lambda d: d["events"][0].update(end="2027-01-04T12:00"), r"'end' has no time zone"),
        (lambda d: d["events"][0].update(cancelled=1), r"event 1: field 'cancelled'"),
        (lambda d: d["notices"][0].pop("message"), r"suivi.json, notice 1: field 'message'"),
    ],
)
def test_bad_history_documents_name_the_field(edit, message) -> None:
    notice = NoticeItem.make(FIRST, "s1", "23008", "added", "Nouvelle permanence.")
    document = next_history(None, {"t.ics": [(_event("a", 4), "s1")]}, FIRST, [notice]).document()
    edit(document)
    with pytest.raises(InputError, match=message):
        FeedHistory.from_document(document, "suivi.json")


# --------------------------------------------------------------------------- ics headers
def test_time_zone_rules_cover_a_far_event_and_speak_no_english() -> None:
    start = dt.datetime(2031, 7, 15, 9, 0, tzinfo=TIMEZONE)
    event = replace(_event("far", 4), start=start, end=start + dt.timedelta(hours=2))
    data = ics_bytes(
        [event],
        name="Cité des métiers",
        prodid="-//itinerant//tests//FR",
        stamp=FIRST,
        zone_span=(dt.date(2031, 1, 1), dt.date(2031, 12, 31)),
        refresh=dt.timedelta(hours=12),
        source_url=f"{BASE}ics/territoire.ics",
    )
    assert b"This timezone" not in data
    cal = icalendar.Calendar.from_ical(data)
    assert str(cal["REFRESH-INTERVAL"].to_ical().decode()) == "PT12H"
    assert cal["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert str(cal["SOURCE"]) == f"{BASE}ics/territoire.ics"
    assert cal["X-PUBLISHED-TTL"].to_ical() == b"PT12H"
    # the VTIMEZONE gives 2031's summer offset: the event is 09:00 in Paris, 07:00 UTC
    (zone,) = cal.walk("VTIMEZONE")
    tz = zone.to_tz()
    assert start.replace(tzinfo=tz).utcoffset() == dt.timedelta(hours=2)
    winter = dt.datetime(2031, 12, 15, 9, 0)
    assert winter.replace(tzinfo=tz).utcoffset() == dt.timedelta(hours=1)
    (read,) = cal.walk("VEVENT")
    assert read.decoded("DTSTART").astimezone(dt.UTC).hour == 7


# --------------------------------------------------------------------------- two publications
def _feed(path: Path) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


@pytest.fixture(scope="module")
def two_publications(
    default_plan: DefaultPlan, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path, Schedule]:
    """The default plan published, then published again without its first tour."""
    plan = default_plan
    first = tmp_path_factory.mktemp("v1")
    write_public(
        plan.schedule, plan.scenario, plan.matrix, first, generated_at=FIRST, lang="fr",
        base_url=BASE,
    )  # fmt: skip
    previous = FeedHistory.from_document(
        json.loads((first / "ics" / HISTORY_FILE).read_text("utf-8")), "v1"
    )
    changed = replace(plan.schedule, tours=plan.schedule.tours[1:])
    notices = change_notices(plan.schedule, changed, plan.scenario, lang="fr")
    second = tmp_path_factory.mktemp("v2")
    write_public(
        changed, plan.scenario, plan.matrix, second, generated_at=SECOND, lang="fr",
        base_url=BASE, previous_feeds=previous, notices=notices.public,
    )  # fmt: skip
    return first, second, changed


def test_second_publication_carries_the_cancelled_visits(
    two_publications: tuple[Path, Path, Schedule], default_plan: DefaultPlan
) -> None:
    first, second, _ = two_publications
    before, after = _feed(first / "ics/territoire.ics"), _feed(second / "ics/territoire.ics")
    dropped = default_plan.schedule.tours[0]
    cancelled = {uid for uid, e in after.items() if str(e["STATUS"]) == "CANCELLED"}
    assert len(cancelled) >= len({v.stop for v in dropped.visits}) >= 1
    for uid in cancelled:
        assert after[uid]["SEQUENCE"] > before[uid]["SEQUENCE"]
        assert after[uid].decoded("DTSTART").date() == dropped.date
        assert after[uid].decoded("LAST-MODIFIED") == SECOND
    kept = set(before) & {u for u, e in after.items() if str(e["STATUS"]) == "CONFIRMED"}
    assert kept, "the other visits are still planned"
    assert all(after[u]["SEQUENCE"] == before[u]["SEQUENCE"] == 0 for u in kept)
    assert all(after[u].decoded("LAST-MODIFIED") == FIRST for u in kept)
    # the commune feeds of the dropped visits carry them too
    stops = {s.id: s for s in default_plan.scenario.stops}
    commune = stops[dropped.visits[0].stop].commune
    feed = _feed(second / f"ics/communes/{commune}.ics")
    assert cancelled & {u for u, e in feed.items() if str(e["STATUS"]) == "CANCELLED"}


def test_feeds_name_their_address_and_refresh_hint(
    two_publications: tuple[Path, Path, Schedule],
) -> None:
    _, second, _ = two_publications
    for name in ("territoire.ics", "rotations.ics"):
        cal = icalendar.Calendar.from_ical((second / "ics" / name).read_bytes())
        assert str(cal["SOURCE"]) == f"{BASE}ics/{name}"
        assert cal["REFRESH-INTERVAL"].to_ical() == b"PT12H"
        assert b"This timezone" not in (second / "ics" / name).read_bytes()


def test_atom_feeds_of_change_notices(
    two_publications: tuple[Path, Path, Schedule], default_plan: DefaultPlan
) -> None:
    first, second, _ = two_publications
    territory = feedparser.parse((second / "flux/territoire.atom").read_bytes())
    assert not territory.bozo, territory.get("bozo_exception")
    assert territory.feed.id == f"{BASE}flux/territoire.atom"
    assert territory.entries, "the second publication has change notices"
    titles = {e.title for e in territory.entries}
    assert titles <= {"Nouvelle date", "Date annulée", "Date déplacée"}
    assert any("annulée" in e.summary or "déplacée" in e.summary for e in territory.entries)
    ids = [e.id for e in territory.entries]
    assert len(ids) == len(set(ids))
    # a notice of a cancelled visit goes to the feed of that visit's commune
    stops = {s.id: s for s in default_plan.scenario.stops}
    commune = stops[default_plan.schedule.tours[0].visits[0].stop].commune
    mine = feedparser.parse((second / f"flux/communes/{commune}.atom").read_bytes())
    assert not mine.bozo
    assert mine.entries
    assert {e.id for e in mine.entries} <= set(ids)
    assert mine.feed.links[0].href == f"{BASE}flux/communes/{commune}.atom"
    # the first publication has no notices yet: valid, empty feeds
    empty = feedparser.parse((first / "flux/territoire.atom").read_bytes())
    assert not empty.bozo
    assert empty.entries == []
