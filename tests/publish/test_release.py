"""Publishing: the store records a Publication and every artefact is written and readable.

Each artefact is read back by an independent reader (gpxpy, icalendar, pypdf, pandas,
geopandas, json) and compared with the Schedule published.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import geopandas as gpd
import gpxpy
import icalendar
import pandas as pd
import pytest
from pypdf import PdfReader

from itinerant.cli import main
from itinerant.errors import InputError
from itinerant.pipeline import build_network
from itinerant.publish.notices import change_notices
from itinerant.publish.release import PublishResult, publish_schedule, published_schedule
from itinerant.routing import RoadNetwork
from itinerant.schedule.export import schedule_document
from itinerant.schedule.planner import plan_data
from itinerant.schedule.schedule import Schedule, Tour
from itinerant.store import Store, sqlite_url
from tests.conftest import DefaultPlan


@pytest.fixture(scope="module")
def network(default_plan: DefaultPlan) -> RoadNetwork:
    return build_network(default_plan.scenario)


@pytest.fixture(scope="module")
def planned(default_plan: DefaultPlan) -> Schedule:
    """The planner's Schedule of the default territory (a short search)."""
    return plan_data(default_plan.data, time_limit_s=5, seed=0).schedule


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store.open(sqlite_url(tmp_path / "store.db")) as opened:
        yield opened


def _publish(
    plan: DefaultPlan, network: RoadNetwork, store: Store, out: Path, schedule: Schedule
) -> PublishResult:
    return publish_schedule(
        schedule,
        plan.scenario,
        store=store,
        out_dir=out,
        author="coordinatrice",
        note="janvier",
        matrix=plan.matrix,
        network=network,
    )


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_publish_writes_every_artefact_and_records_the_publication(
    default_plan: DefaultPlan,
    planned: Schedule,
    network: RoadNetwork,
    store: Store,
    tmp_path: Path,
) -> None:
    schedule = planned
    result = _publish(default_plan, network, store, tmp_path / "out", schedule)
    out = result.out_dir
    # the store holds it, numbered, and gives the same Schedule back
    assert result.publication.number == 1
    assert store.latest_publication() == result.publication
    assert result.publication.schedule == schedule_document(schedule, default_plan.scenario)
    assert published_schedule(result.publication).tours == schedule.tours
    assert json.loads((out / "publication.json").read_text(encoding="utf-8"))["number"] == 1
    assert (out / "public" / "avis.txt").read_text(encoding="utf-8").startswith("Première")

    visits = schedule.visits()
    stops = {s.id: s for s in default_plan.scenario.stops}
    # drivers: one roadbook, GPX, ICS and CSV per bus and ISO week with tours
    weeks = sorted({(t.bus, *t.date.isocalendar()[:2]) for t in schedule.tours})
    pdfs = sorted((out / "chauffeurs").glob("*.pdf"))
    assert len(pdfs) == len(weeks)
    for (bus, year, week), pdf in zip(weeks, pdfs, strict=True):
        stem = pdf.with_suffix("")
        week_visits = [
            (t, v) for t, v in visits if t.bus == bus and t.date.isocalendar()[:2] == (year, week)
        ]
        gpx = gpxpy.parse(stem.with_suffix(".gpx").read_text(encoding="utf-8"))
        assert [w.name for w in gpx.waypoints] == [stops[v.stop].name for _, v in week_visits]
        assert gpx.tracks
        assert gpx.tracks[0].segments
        calendar = icalendar.Calendar.from_ical(stem.with_suffix(".ics").read_bytes())
        events = sorted(
            (e.decoded("dtstart") for e in calendar.walk("VEVENT")), key=lambda d: d.isoformat()
        )
        assert [(d.date(), d.time().replace(tzinfo=None)) for d in events] == [
            (t.date, v.start) for t, v in week_visits
        ]
        table = pd.read_csv(stem.with_suffix(".csv"), sep=";", encoding="utf-8-sig", dtype=str)
        assert len(table) == len(week_visits)
        text = _pdf_text(pdf)
        for _, visit in week_visits:
            assert stops[visit.stop].name.split(", ")[-1] in text
    # public: feeds, open data, posters, site
    territory = icalendar.Calendar.from_ical((out / "public/ics/territoire.ics").read_bytes())
    staffed = {p.popup for p in schedule.popups}
    assert len(territory.walk("VEVENT")) == len(visits) + len(staffed)
    geo = gpd.read_file(out / "public/opendata/calendrier.geojson")
    table = pd.read_csv(out / "public/opendata/calendrier.csv", sep=";", encoding="utf-8-sig")
    records = json.loads((out / "public/opendata/calendrier.json").read_text(encoding="utf-8"))
    assert len(geo) == len(table) == len(visits) + len(staffed)
    assert isinstance(records, (list, dict))
    posters = list((out / "public/affiches").glob("*.pdf"))
    assert {p.stem for p in posters} >= {v.stop for _, v in visits}
    assert (out / "public/index.html").is_file()
    aubusson = (out / "public/communes/23008.html").read_text(encoding="utf-8")
    assert 'lang="fr"' in aubusson


def test_no_counsellor_data_in_any_public_artefact(
    default_plan: DefaultPlan,
    planned: Schedule,
    network: RoadNetwork,
    store: Store,
    tmp_path: Path,
) -> None:
    result = _publish(default_plan, network, store, tmp_path / "out", planned)
    secrets = set()
    for c in default_plan.scenario.counsellors:
        secrets |= {c.name, c.id}
        if c.email:
            secrets.add(c.email)
    public = result.out_dir / "public"
    files = [p for p in public.rglob("*") if p.is_file()]
    assert files
    for path in files:
        text = _pdf_text(path) if path.suffix == ".pdf" else path.read_bytes().decode("utf-8")
        for secret in secrets:
            assert secret not in text, (secret, path)
    # the drivers' files do carry the crew (names visible only there)
    roadbook = next((result.out_dir / "chauffeurs").glob("*.pdf"))
    assert any(c.name in _pdf_text(roadbook) for c in default_plan.scenario.counsellors)


def _without_first_tour_and_moved(schedule: Schedule) -> tuple[Schedule, Tour, Tour]:
    tours = list(schedule.tours)
    dropped = tours.pop(0)
    moved = tours[0]
    later = replace(moved, date=moved.date + dt.timedelta(days=7 * 4))
    tours[0] = later
    return replace(schedule, tours=tuple(tours)), dropped, moved


def test_second_publication_lists_changes_for_public_and_drivers(
    default_plan: DefaultPlan, network: RoadNetwork, store: Store, tmp_path: Path
) -> None:
    first = _publish(default_plan, network, store, tmp_path / "v1", default_plan.schedule)
    changed, dropped, moved = _without_first_tour_and_moved(default_plan.schedule)
    second = _publish(default_plan, network, store, tmp_path / "v2", changed)
    assert (first.publication.number, second.publication.number) == (1, 2)
    notices = second.notices
    kinds = {(n.kind, n.stop, n.date) for n in notices.public}
    for visit in dropped.visits:
        # unless the same Stop is visited later (then it is a move), it is cancelled
        assert any(k[1] == visit.stop and k[2] == dropped.date for k in kinds)
    for visit in moved.visits:
        assert ("moved", visit.stop, moved.date) in kinds
    text = (second.out_dir / "public/avis.txt").read_text(encoding="utf-8")
    assert "annulée" in text or "déplacée" in text
    driver = (second.out_dir / "chauffeurs/avis_bus-1.txt").read_text(encoding="utf-8")
    assert len(driver.splitlines()) == len(notices.drivers["bus-1"])
    assert [p.number for p in store.publications()] == [2, 1]


def _statuses(path: Path) -> dict[str, tuple[str, int]]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]): (str(e["STATUS"]), int(e["SEQUENCE"])) for e in cal.walk("VEVENT")}


def test_consecutive_publications_keep_the_feeds_history_in_the_store(
    default_plan: DefaultPlan, network: RoadNetwork, store: Store, tmp_path: Path
) -> None:
    plan, base = default_plan, "https://cite.exemple.fr/tournee"
    stamps = [dt.datetime(2026, 12, d, 8, 0, tzinfo=dt.UTC) for d in (14, 21, 28)]
    changed, dropped, _ = _without_first_tour_and_moved(plan.schedule)
    results = []
    for k, schedule in enumerate((plan.schedule, changed, plan.schedule)):
        results.append(
            publish_schedule(
                schedule,
                plan.scenario,
                store=store,
                out_dir=tmp_path / f"v{k + 1}",
                author="coordinatrice",
                matrix=plan.matrix,
                network=network,
                base_url=base,
                generated_at=stamps[k],
            )
        )
    feeds = [_statuses(r.out_dir / "public/ics/territoire.ics") for r in results]
    dropped_uids = {u for u, (status, _) in feeds[1].items() if status == "CANCELLED"}
    assert dropped_uids, "the visits of the dropped tour are published as cancelled"
    for uid in dropped_uids:
        assert feeds[0][uid] == ("CONFIRMED", 0)
        assert feeds[1][uid] == ("CANCELLED", 1)
        assert feeds[2][uid] == ("CONFIRMED", 2)  # planned again
    # the history is kept with each Publication, in the store
    for result in results:
        stored = store.publication_feeds(result.publication.number)
        assert stored is not None
        on_disk = (result.out_dir / "public/ics/suivi.json").read_text(encoding="utf-8")
        assert stored == json.loads(on_disk)
    cal = icalendar.Calendar.from_ical(
        (results[1].out_dir / "public/ics/territoire.ics").read_bytes()
    )
    assert str(cal["SOURCE"]) == f"{base}/ics/territoire.ics"
    index = (results[1].out_dir / "public/index.html").read_text(encoding="utf-8")
    assert "webcal://cite.exemple.fr/tournee/ics/territoire.ics" in index
    assert dropped.date in {
        e.decoded("DTSTART").date() for e in cal.walk("VEVENT") if str(e["STATUS"]) == "CANCELLED"
    }


def test_publication_without_feeds_history_and_unknown_number(
    default_plan: DefaultPlan, store: Store
) -> None:
    from itinerant.store import NotFoundError

    doc = schedule_document(default_plan.schedule, default_plan.scenario)
    number = store.publish(doc, author="camille").number
    assert store.publication_feeds(number) is None
    with pytest.raises(NotFoundError, match="no publication number 99"):
        store.publication_feeds(99)
    with pytest.raises(InputError, match="feeds must be a JSON object"):
        store.publish(doc, author="camille", feeds=[1, 2])  # type: ignore[arg-type]
    assert [p.number for p in store.publications()] == [number]


def test_notices_for_time_place_crew_and_popup_changes(default_plan: DefaultPlan) -> None:
    scenario = default_plan.scenario
    before = default_plan.schedule
    tour = before.tours[0]
    first, *rest = tour.visits
    later = replace(
        first,
        start=(dt.datetime.combine(tour.date, first.start) + dt.timedelta(minutes=15)).time(),
        end=(dt.datetime.combine(tour.date, first.end) + dt.timedelta(minutes=15)).time(),
    )
    crew_changed = [replace(v, crew=(*tuple(reversed(v.crew))[:1], "cns-cio-1")) for v in rest]
    after = replace(
        before,
        tours=(replace(tour, visits=(later, *crew_changed)), *before.tours[1:]),
        popups=(),
    )
    notices = change_notices(before, after, scenario)
    public = {(n.kind, n.stop) for n in notices.public}
    assert ("moved", first.stop) in public
    # crew changes are not for the public, and the public never sees a name
    assert all(n.stop != v.stop for n in notices.public for v in rest)
    names = [c.name for c in scenario.counsellors]
    assert not any(name in n.message for n in notices.public for name in names)
    # every staffed PopUp dropped is announced as cancelled
    for staffing in before.popups:
        assert ("cancelled", staffing.popup) in public
    driver = notices.drivers["bus-1"]
    assert any("Claude Essai" in n.message for n in driver)  # the new crew member, by name
    assert change_notices(None, after, scenario).empty
    assert change_notices(before, before, scenario).empty


def test_place_move_in_the_same_commune(default_plan: DefaultPlan) -> None:
    # a second Stop in the commune of the first visit's Stop: its market square
    tour = default_plan.schedule.tours[0]
    a = tour.visits[0].stop
    stop_a = next(s for s in default_plan.scenario.stops if s.id == a)
    b = f"{a}-marche"
    stop_b = replace(stop_a, id=b, name=f"Place du marché ({stop_a.name})")
    scenario = replace(default_plan.scenario, stops=(*default_plan.scenario.stops, stop_b))
    commune = stop_a.commune
    visit = replace(tour.visits[0], stop=a)
    before = replace(default_plan.schedule, tours=(replace(tour, visits=(visit,)),), popups=())
    after = replace(before, tours=(replace(tour, visits=(replace(visit, stop=b),)),), popups=())
    (notice,) = change_notices(before, after, scenario).public
    assert notice.kind == "moved"
    assert notice.new_stop_name == next(s.name for s in scenario.stops if s.id == b)
    assert scenario.territory.commune(commune).name in notice.message


def test_a_failing_writer_records_nothing(
    default_plan: DefaultPlan,
    network: RoadNetwork,
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = _publish(default_plan, network, store, tmp_path / "out", default_plan.schedule)
    before = sorted(p.relative_to(first.out_dir) for p in first.out_dir.rglob("*"))

    def broken(*args: object, **kwargs: object) -> list[Path]:
        raise OSError("disk full")

    monkeypatch.setattr("itinerant.publish.release.write_driver_files", broken)
    with pytest.raises(OSError, match="disk full"):
        _publish(default_plan, network, store, tmp_path / "out", default_plan.schedule)
    assert [p.number for p in store.publications()] == [1]
    assert sorted(p.relative_to(first.out_dir) for p in first.out_dir.rglob("*")) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out-")]


def test_publish_and_upcoming_commands(
    default_plan: DefaultPlan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan_dir = tmp_path / "plan"
    plan_dir.mkdir()
    (plan_dir / "schedule.json").write_text(
        json.dumps(schedule_document(default_plan.schedule, default_plan.scenario)),
        encoding="utf-8",
    )
    db = tmp_path / "store.db"
    args = ["publish", "--schedule", str(plan_dir / "schedule.json"), "--db", str(db)]
    args += ["--note", "essai", "--author", "test", "--out", str(tmp_path / "pub")]
    # a public address that is not one is refused before anything is recorded
    assert main([*args, "--base-url", "ftp://cite.exemple.fr/"]) == 2
    assert "base_url" in capsys.readouterr().err
    assert not (tmp_path / "pub").exists()
    with Store.open(sqlite_url(db)) as store:
        assert store.publications() == []
        assert store.scenario_versions() == []
    code = main(args)
    out = capsys.readouterr().out
    assert code == 0
    assert "Publication n° 1" in out
    assert (tmp_path / "pub/public/index.html").is_file()
    code = main(["upcoming", "--near", "Aubusson", "--db", str(db), "--from", "2027-01-01"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("Prochains passages près d'Aubusson")
    first_event = out.splitlines()[1]
    assert "2027" in first_event
    assert "France Travail Aubusson" in out
    # an unknown commune is refused, naming it
    code = main(["upcoming", "--near", "Atlantide", "--db", str(db)])
    assert code == 2
    assert "Atlantide" in capsys.readouterr().err
    # an empty store says so
    code = main(["upcoming", "--near", "Aubusson", "--db", str(tmp_path / "empty.db")])
    assert code == 2
    assert "Aucune publication" in capsys.readouterr().err


def test_a_foreign_folder_is_never_overwritten(
    default_plan: DefaultPlan, network: RoadNetwork, store: Store, tmp_path: Path
) -> None:
    mine = tmp_path / "documents"
    mine.mkdir()
    (mine / "budget.ods").write_bytes(b"precious")
    with pytest.raises(InputError, match="not a publication folder"):
        _publish(default_plan, network, store, mine, default_plan.schedule)
    assert (mine / "budget.ods").read_bytes() == b"precious"
    assert store.publications() == []
    # an earlier publication folder is replaced: its version stays in the store
    out = tmp_path / "out"
    _publish(default_plan, network, store, out, default_plan.schedule)
    second = _publish(default_plan, network, store, out, default_plan.schedule)
    assert json.loads((out / "publication.json").read_text(encoding="utf-8"))["number"] == 2
    assert second.notices.empty
