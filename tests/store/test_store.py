"""The store, on SQLite and on a real PostgreSQL server (``tests/pg.py``).

Every test taking ``db`` runs on both backends: SQLite in ``tmp_path``, PostgreSQL in a fresh
database of the session's throwaway server.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import math
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest

from itinerant.errors import InputError
from itinerant.model import PlanSettings, Scenario
from itinerant.schedule import Schedule, Tour, Visit
from itinerant.schedule.export import (
    SCHEMA,
    read_schedule,
    schedule_document,
    schedule_from_document,
)
from itinerant.store import (
    NotFoundError,
    Store,
    StoreError,
    database_url,
    default_data_dir,
    record_schedule,
    scenario_version_of,
)
from itinerant.store.migrate import MIGRATIONS_DIR, current_revision, downgrade, head_revision
from tests.paths import REPO
from tests.pg import PostgresServer, postgres_server  # noqa: F401 (a fixture)


# --------------------------------------------------------------------------- backends
@dataclass(frozen=True)
class Db:
    """One empty database for one test."""

    kind: str  # "sqlite" or "postgresql"
    url: str
    raw_connect: Callable[[], Any]  # a DB-API connection that bypasses the store


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Db]:
    if request.param == "sqlite":
        path = tmp_path / "store" / "itinerant.db"
        yield Db("sqlite", f"sqlite:///{path}", lambda: sqlite3.connect(path))
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = server.create_database()
    try:
        yield Db("postgresql", server.url(name), lambda: psycopg.connect(server.conninfo(name)))
    finally:
        server.drop_database(name)


# --------------------------------------------------------------------------- sample data
def _schedule(tiny_scenario: Scenario, day: int = 5) -> dict[str, Any]:
    """A real schedule.json document of the tiny scenario (one Tour, one Visit)."""
    schedule = Schedule(
        scenario=tiny_scenario.name,
        tours=(
            Tour(
                bus="bus-1",
                date=dt.date(2027, 1, day),
                departure=dt.time(8, 40),
                return_time=dt.time(12, 10),
                visits=(
                    Visit(
                        stop="s-gamma",
                        arrival=dt.time(9),
                        start=dt.time(9),
                        end=dt.time(11, 30),
                        crew=("c1", "c2"),
                    ),
                ),
            ),
        ),
        method="test",
        approximate=True,
        network_label="approximate network",
        objective=12.5,
        bound=20.0,
        seed=0,
        elapsed_s=0.1,
    )
    return schedule_document(schedule, tiny_scenario)


SIMPLE = {"schema": SCHEMA, "scenario": "Tiny", "tours": [], "popups": []}


# --------------------------------------------------------------------------- child processes
CHILD = r"""
import json, os, pathlib, sys, time
import itinerant.store.store as store_module
from itinerant.store import Store

args = json.loads(sys.argv[1])

def hook(point):
    if args.get("marker"):
        pathlib.Path(args["marker"] + ".tmp").write_text(point)
        os.replace(args["marker"] + ".tmp", args["marker"])
    time.sleep(args.get("pause", 0))

def barrier():
    pathlib.Path(args["ready"]).touch()
    deadline = time.monotonic() + 60
    while not pathlib.Path(args["go"]).exists():
        if time.monotonic() > deadline:
            sys.exit("no go signal")
        time.sleep(0.002)

store_module._test_hook = hook
if args.get("ready") and args.get("barrier_before_open"):
    barrier()
with Store.open(args["url"]) as store:
    if args.get("ready") and not args.get("barrier_before_open"):
        barrier()
    start = time.time()
    publication = store.publish(args["schedule"], author=args["author"], note=args["note"])
    end = time.time()
print(json.dumps({"number": publication.number, "start": start, "end": end}))
"""


def _child(**args: Any) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, json.dumps(args)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@contextlib.contextmanager
def _reaped(children: list[subprocess.Popen[str]]) -> Iterator[list[subprocess.Popen[str]]]:
    """Kill and wait for every child still running at the end, whatever happened."""
    try:
        yield children
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
            child.communicate()


def _wait_for(path: Path, process: subprocess.Popen[str], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if process.poll() is not None:
            _, err = process.communicate()
            pytest.fail(f"child ended early ({process.returncode}): {err}")
        if time.monotonic() > deadline:
            process.kill()
            process.communicate()
            pytest.fail(f"timed out waiting for {path.name}")
        time.sleep(0.01)


def _publish_together(
    db: Db, tmp_path: Path, tag: str, *, pause: float = 0.0, barrier_before_open: bool = False
) -> list[dict[str, Any]]:
    """Two child processes publish at the same moment (a barrier); their results."""
    go = tmp_path / f"go {tag}"
    readies = [tmp_path / f"ready {tag} {i}" for i in range(2)]
    children = [
        _child(
            url=db.url,
            schedule={**SIMPLE, "scenario": f"{tag} child {i}"},
            author=f"child-{i}",
            note=tag,
            ready=str(ready),
            go=str(go),
            pause=pause,
            barrier_before_open=barrier_before_open,
        )
        for i, ready in enumerate(readies)
    ]
    results = []
    with _reaped(children):
        for ready, child in zip(readies, children, strict=True):
            _wait_for(ready, child)
        go.touch()  # both go now
        for child in children:
            out, err = child.communicate(timeout=120)
            assert child.returncode == 0, err
            results.append(json.loads(out))
    return results


# --------------------------------------------------------------------------- opening, settings
def test_open_migrates_to_head_and_again_is_a_no_op(db: Db) -> None:
    with Store.open(db.url) as store:
        assert store.backend == db.kind
        assert store.latest_publication() is None
        assert store.publications() == []
        assert store.audit_log() == []
    with Store.open(db.url) as store:
        store.publish(SIMPLE, author="camille")
    with Store.open(db.url) as store:
        assert store.latest_publication() is not None
    from itinerant.store.engine import make_engine

    engine = make_engine(db.url)
    try:
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_migrated_schema_matches_the_table_definitions(db: Db) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from itinerant.store.engine import make_engine
    from itinerant.store.schema import metadata

    Store.open(db.url).close()
    engine = make_engine(db.url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, metadata) == []
    finally:
        engine.dispose()


def test_downgrade_to_base_and_upgrade_again(db: Db) -> None:
    from itinerant.store.engine import make_engine

    with Store.open(db.url) as store:
        store.publish(SIMPLE, author="camille")
    engine = make_engine(db.url)
    try:
        downgrade(engine, "base")
        assert current_revision(engine) is None
    finally:
        engine.dispose()
    with Store.open(db.url) as store:
        assert store.latest_publication() is None
        assert store.publish(SIMPLE, author="camille").number == 1


def test_two_processes_opening_a_new_database_at_once(db: Db, tmp_path: Path) -> None:
    # Both migrate the empty database at the same moment, then publish.
    results = _publish_together(db, tmp_path, "new", barrier_before_open=True)
    assert sorted(r["number"] for r in results) == [1, 2]
    with Store.open(db.url) as store:
        assert [p.number for p in store.publications()] == [2, 1]


def test_in_memory_sqlite_works_for_experiments() -> None:
    with Store.open("sqlite://") as store:
        assert store.publish(SIMPLE, author="camille").number == 1
        assert store.publish(SIMPLE, author="camille").number == 2


def test_command_line_migrations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from itinerant.store.__main__ import main

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("ITINERANT_DB_URL", url)
    assert main(["current"]) == 0
    assert capsys.readouterr().out.strip().endswith(": empty")
    assert main(["upgrade"]) == 0
    assert capsys.readouterr().out.strip() == f"{url}: {head_revision()}"
    assert main(["--url", url, "downgrade", "base"]) == 0
    assert capsys.readouterr().out.strip().endswith(": empty")
    assert main(["history"]) == 0
    history = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in history] == ["0002", "0001"]
    assert history[-1].startswith("0001: Initial schema")
    assert main(["--url", "mysql://x@y/z", "current"]) == 1
    assert "unsupported database" in capsys.readouterr().err


def test_migrations_ship_inside_the_package() -> None:
    assert MIGRATIONS_DIR.is_relative_to(REPO / "itinerant")
    assert (MIGRATIONS_DIR / "env.py").is_file()
    assert (MIGRATIONS_DIR / "script.py.mako").is_file()
    assert (MIGRATIONS_DIR / "versions" / "0001_initial.py").is_file()
    assert not (REPO / "itinerant" / "store" / "alembic.ini").exists()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "itinerant.db"  # folders created on open
    with Store.open(f"sqlite:///{path}") as store:
        store.publish(SIMPLE, author="camille")
        with pytest.raises(NotFoundError, match="no plan run 42"):
            store.publish(SIMPLE, author="camille", plan_run=42)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()


def test_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("ITINERANT_DB_URL", "ITINERANT_DB", "ITINERANT_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_data_dir() == tmp_path / "home" / ".local" / "share" / "itinerant"
    assert database_url() == f"sqlite:///{tmp_path}/home/.local/share/itinerant/itinerant.db"
    monkeypatch.setenv("ITINERANT_DATA_DIR", str(tmp_path / "data"))
    assert database_url() == f"sqlite:///{tmp_path}/data/itinerant.db"
    monkeypatch.setenv("ITINERANT_DB", str(tmp_path / "other.db"))
    assert database_url() == f"sqlite:///{tmp_path}/other.db"
    monkeypatch.setenv("ITINERANT_DB_URL", "postgresql+psycopg://u@localhost/x")
    assert database_url() == "postgresql+psycopg://u@localhost/x"
    monkeypatch.delenv("ITINERANT_DB_URL")
    monkeypatch.delenv("ITINERANT_DB")
    with Store.open() as store:
        store.publish(SIMPLE, author="camille")
    assert (tmp_path / "data" / "itinerant.db").is_file()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "not a database URL"),
        ("mysql://u@localhost/x", "unsupported database"),
    ],
)
def test_bad_urls_are_refused(url: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        Store.open(url)


def test_unreachable_postgres_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="cannot open the store"):
        Store.open("postgresql://nobody@127.0.0.1:1/none")


def test_a_closed_store_refuses_work(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'x.db'}")
    store.close()
    store.close()  # idempotent
    with pytest.raises(StoreError, match="closed"):
        store.publications()


# --------------------------------------------------------------------------- scenarios
def test_scenario_versions_round_trip(db: Db, tiny_scenario: Scenario) -> None:
    other = dataclasses.replace(tiny_scenario, name="Autre", description="another one")
    with Store.open(db.url) as store:
        v1 = store.save_scenario(tiny_scenario, author="camille", note="first")
        changed = dataclasses.replace(tiny_scenario, description="with a new description")
        v2 = store.save_scenario(changed, author="hélène", note="second")
        o1 = store.save_scenario(other, author="camille")
        assert (v1.name, v1.version, v2.version, o1.version) == ("Tiny", 1, 2, 1)
        assert v1.created_at.tzinfo == dt.UTC
        assert v1.digest != v2.digest
        assert store.load_scenario_version(v1.id) == tiny_scenario
        assert store.load_scenario_version(v2.id) == changed
        assert store.load_scenario_version(o1.id) == other
        assert store.scenario_versions() == [o1, v2, v1]
        assert store.scenario_versions("Tiny") == [v2, v1]
        assert store.scenario_versions("nothing") == []
        assert store.scenario_version(v2.id) == v2
        files = store.scenario_files(v1.id)
        assert "scenario.toml" in files
        assert "stops.csv" in files
        with pytest.raises(NotFoundError):
            store.load_scenario_version(999)
        # The same scenario again: a new version, with the same digest.
        again = store.save_scenario(tiny_scenario, author="camille")
        assert (again.version, again.digest) == (3, v1.digest)
    with Store.open(db.url) as store:
        assert store.load_scenario_version(v1.id) == tiny_scenario


def test_scenario_versions_keep_the_planner_settings(db: Db, tiny_scenario: Scenario) -> None:
    plan = PlanSettings(repeat_decay=0.5, km_weight=0.1, midday=dt.time(12, 30))
    tuned = dataclasses.replace(tiny_scenario, plan=plan)
    with Store.open(db.url) as store:
        version = store.save_scenario(tuned, author="camille", note="tuned")
        assert store.load_scenario_version(version.id).plan == plan
        assert b"[plan]" in store.scenario_files(version.id)["scenario.toml"]


def test_save_scenario_refuses_bad_input(db: Db, tiny_scenario: Scenario) -> None:
    with Store.open(db.url) as store:
        with pytest.raises(InputError, match="author"):
            store.save_scenario(tiny_scenario, author="  ")
        with pytest.raises(InputError, match="must be a Scenario"):
            store.save_scenario({"name": "x"}, author="camille")  # type: ignore[arg-type]
        assert store.scenario_versions() == []
        assert store.audit_log() == []


# --------------------------------------------------------------------------- plan runs
def test_plan_runs_round_trip(db: Db, tiny_scenario: Scenario) -> None:
    doc = _schedule(tiny_scenario)
    kpis = {"plan": {"objective": 12.5, "need_reached_share": 0.25}, "gain": {"km": -3.0}}
    settings = {"time_limit_s": 30, "seed": 0, "weights": (1.0, 0.5)}
    with Store.open(db.url) as store:
        version = store.save_scenario(tiny_scenario, author="camille")
        run = store.record_plan_run(
            scenario_version=version.id,
            settings=settings,
            schedule=doc,
            kpis=kpis,
            solver_log="#1 0.01s best:12.5\nOPTIMAL é\n",
            status="optimal",
            author="camille",
        )
        failed = store.record_plan_run(
            scenario_version=None,
            settings={},
            schedule={},
            kpis={},
            solver_log="",
            status="infeasible",
            author="hélène",
        )
        assert run.settings == {"time_limit_s": 30, "seed": 0, "weights": [1.0, 0.5]}
        assert store.plan_run(run.id) == run
        assert store.plan_run(run.id).schedule == doc
        assert store.plan_runs() == [failed, run]
        assert store.plan_runs(scenario_version=version.id) == [run]
        assert store.plan_runs(limit=1) == [failed]
        with pytest.raises(NotFoundError, match="no plan run 999"):
            store.plan_run(999)
        with pytest.raises(NotFoundError, match="no scenario version 999"):
            store.record_plan_run(
                scenario_version=999,
                settings={},
                schedule={},
                kpis={},
                solver_log="",
                status="optimal",
                author="camille",
            )
        with pytest.raises(InputError, match="JSON"):
            store.record_plan_run(
                scenario_version=None,
                settings={"x": math.nan},
                schedule={},
                kpis={},
                solver_log="",
                status="optimal",
                author="camille",
            )
        assert len(store.plan_runs()) == 2


# --------------------------------------------------------------------------- publications
def test_publications_are_numbered_listed_and_read_back(
    db: Db, tiny_scenario: Scenario, tmp_path: Path
) -> None:
    with Store.open(db.url) as store:
        assert store.latest_publication() is None
        version = store.save_scenario(tiny_scenario, author="camille")
        run = store.record_plan_run(
            scenario_version=version.id,
            settings={},
            schedule=_schedule(tiny_scenario),
            kpis={},
            solver_log="",
            status="feasible",
            author="camille",
        )
        before = dt.datetime.now(dt.UTC)
        first = store.publish(
            _schedule(tiny_scenario, 5),
            author="camille",
            note="janvier",
            plan_run=run.id,
            scenario_version=version.id,
        )
        second = store.publish(_schedule(tiny_scenario, 6), author="hélène", note="correctif")
        third = store.publish(SIMPLE, author="camille")
        after = dt.datetime.now(dt.UTC)
        assert [first.number, second.number, third.number] == [1, 2, 3]
        assert (first.plan_run, first.scenario_version) == (run.id, version.id)
        assert (second.plan_run, second.scenario_version) == (None, None)
        assert before <= first.published_at <= second.published_at <= third.published_at <= after
        assert first.published_at.utcoffset() == dt.timedelta(0)
    with Store.open(db.url) as store:
        assert store.publications() == [third, second, first]  # newest first
        assert store.latest_publication() == third
        assert store.publication(1) == first
        assert store.publication(2).note == "correctif"
        with pytest.raises(NotFoundError, match="no publication number 4"):
            store.publication(4)
        with pytest.raises(InputError):
            store.publication(0)
        # The published document is the schedule.json document, readable as such.
        path = tmp_path / "schedule.json"
        path.write_text(json.dumps(store.publication(1).schedule), encoding="utf-8")
        schedule = read_schedule(path)
        assert schedule.tours[0].date == dt.date(2027, 1, 5)
        assert schedule.tours[0].visits[0].crew == ("c1", "c2")


def test_publish_refuses_bad_input_and_writes_nothing(db: Db, tiny_scenario: Scenario) -> None:
    with Store.open(db.url) as store:
        with pytest.raises(InputError, match=r"schedule\.json document"):
            store.publish({"tours": []}, author="camille")
        with pytest.raises(InputError, match="JSON object"):
            store.publish([], author="camille")  # type: ignore[arg-type]
        with pytest.raises(InputError, match="JSON"):
            store.publish({**SIMPLE, "objective": math.inf}, author="camille")
        with pytest.raises(InputError, match="author"):
            store.publish(SIMPLE, author="")
        with pytest.raises(NotFoundError, match="no scenario version 7"):
            store.publish(SIMPLE, author="camille", scenario_version=7)
        with pytest.raises(NotFoundError, match="no plan run 7"):
            store.publish(SIMPLE, author="camille", plan_run=7)
        assert store.publications() == []
        assert store.audit_log() == []
        # Refused attempts leave no gap in the numbering.
        assert store.publish(_schedule(tiny_scenario), author="camille").number == 1


def test_publications_cannot_be_changed(db: Db) -> None:
    with Store.open(db.url) as store:
        publication = store.publish(
            SIMPLE, author="camille", note="v1", feeds={"format": "x", "events": []}
        )
    with pytest.raises(dataclasses.FrozenInstanceError):
        publication.note = "changed"  # type: ignore[misc]
    public = {name for name in dir(Store) if not name.startswith("_")}
    assert not {n for n in public if n.startswith(("update", "delete", "remove", "unpublish"))}

    statements = [
        "UPDATE publications SET note = 'changed' WHERE number = 1",
        "DELETE FROM publications WHERE number = 1",
        "UPDATE audit_log SET actor = 'someone else'",
        "DELETE FROM audit_log",
        "UPDATE publication_feeds SET feeds = '{}'",
        "DELETE FROM publication_feeds",
    ]
    if db.kind == "postgresql":
        # (publications alone is also refused for the feeds referring to it: truncate both)
        truncate = ["TRUNCATE publications, publication_feeds", "TRUNCATE publication_feeds"]
        statements += [*truncate, "TRUNCATE audit_log"]
    for statement in statements:
        conn = db.raw_connect()
        try:
            error = sqlite3.DatabaseError if db.kind == "sqlite" else psycopg.DatabaseError
            with pytest.raises(error, match="append-only"):
                conn.execute(statement)  # the trigger refuses at once, before any commit
            conn.rollback()
        finally:
            conn.close()
    with Store.open(db.url) as store:
        assert store.publications() == [publication]
        assert store.publication_feeds(1) == {"format": "x", "events": []}
        assert len(store.audit_log()) == 1


# --------------------------------------------------------------------------- audit log
def test_every_change_writes_one_audit_row(db: Db, tiny_scenario: Scenario) -> None:
    with Store.open(db.url) as store:
        version = store.save_scenario(tiny_scenario, author="camille", note="initial")
        run = store.record_plan_run(
            scenario_version=version.id,
            settings={},
            schedule={},
            kpis={},
            solver_log="",
            status="optimal",
            author="hélène",
        )
        publication = store.publish(
            SIMPLE, author="léa", note="janvier", plan_run=run.id, scenario_version=version.id
        )
        store.publications()  # reading leaves no trace
        entries = store.audit_log()
    assert [e.action for e in entries] == [
        "publication.published",
        "plan_run.recorded",
        "scenario.saved",
    ]
    published, recorded, saved = entries
    assert [e.actor for e in entries] == ["léa", "hélène", "camille"]
    assert published.id > recorded.id > saved.id
    assert published.subject == "publication 1"
    assert published.details["publication"] == 1
    assert published.details["plan_run"] == run.id
    assert published.details["note"] == "janvier"
    assert published.at == publication.published_at
    assert recorded.subject == f"plan_run {run.id}"
    assert recorded.details == {
        "plan_run": run.id,
        "scenario_version": version.id,
        "status": "optimal",
    }
    assert saved.subject == "scenario 'Tiny' v1"
    assert saved.details["digest"] == version.digest
    assert "scenario.toml" in saved.details["files"]
    assert saved.at.tzinfo == dt.UTC
    with Store.open(db.url) as store:
        assert store.audit_log(limit=1) == [published]
        assert store.audit_log(limit=None) == entries


# --------------------------------------------------------------------------- crash, concurrency
def test_a_publish_killed_mid_transaction_leaves_no_trace(db: Db, tmp_path: Path) -> None:
    with Store.open(db.url) as store:
        first = store.publish(SIMPLE, author="camille", note="v1")
    marker = tmp_path / "inside-transaction"
    child = _child(
        url=db.url,
        schedule={**SIMPLE, "scenario": "killed"},
        author="killed",
        note="never published",
        marker=str(marker),
        pause=120,
    )
    with _reaped([child]):
        _wait_for(marker, child)  # the publication row is inserted, not committed
        assert marker.read_text() == "publish:inserted"
        # A reader is not blocked by the writer and sees the last committed state.
        with Store.open(db.url) as store:
            assert store.latest_publication() == first
        os.kill(child.pid, signal.SIGKILL)
        child.communicate()
    assert child.returncode == -signal.SIGKILL
    with Store.open(db.url) as store:
        assert store.publications() == [first]
        assert store.publication(1) == first
        assert [e.subject for e in store.audit_log()] == ["publication 1"]
        second = store.publish(SIMPLE, author="camille", note="v2")
        assert second.number == 2
        assert [p.number for p in store.publications()] == [2, 1]
    if db.kind == "sqlite":
        conn = db.raw_connect()
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()


def test_concurrent_publishes_get_consecutive_numbers(db: Db, tmp_path: Path) -> None:
    with Store.open(db.url) as store:
        store.publish(SIMPLE, author="setup")
    expected = 1
    for round_ in range(2):
        # Each child sleeps 1 s inside its transaction: the other one must wait for it.
        results = _publish_together(db, tmp_path, f"round {round_}", pause=1.0)
        assert sorted(r["number"] for r in results) == [expected + 1, expected + 2]
        # They really ran at the same time: each started before the other finished.
        assert max(r["start"] for r in results) < min(r["end"] for r in results)
        expected += 2
    with Store.open(db.url) as store:
        publications = store.publications()
        assert [p.number for p in publications] == list(range(expected, 0, -1))
        for publication in publications[:-1]:
            assert publication.author in ("child-0", "child-1")
            assert publication.schedule == {
                **SIMPLE,
                "scenario": f"{publication.note} child {publication.author[-1]}",
            }
        audited = [e.details["publication"] for e in store.audit_log(limit=None)]
        assert audited == list(range(expected, 0, -1))


# --------------------------------------------------------------------------- what a plan leaves
def test_scenario_version_of_saves_only_what_changed(db: Db, tiny_scenario: Scenario) -> None:
    with Store.open(db.url) as store:
        first = scenario_version_of(store, tiny_scenario, author="camille")
        assert scenario_version_of(store, tiny_scenario, author="hélène") == first
        changed = dataclasses.replace(tiny_scenario, description="new stops")
        second = scenario_version_of(store, changed, author="hélène", note="new stops")
        assert (first.version, second.version, second.note) == (1, 2, "new stops")
        assert scenario_version_of(store, tiny_scenario, author="camille").version == 3


def test_record_schedule_keeps_the_document_and_its_kpis(db: Db, tiny_scenario: Scenario) -> None:
    schedule = schedule_from_document(_schedule(tiny_scenario))
    with Store.open(db.url) as store:
        version = scenario_version_of(store, tiny_scenario, author="camille")
        run = record_schedule(
            store,
            tiny_scenario,
            schedule,
            scenario_version=version.id,
            author="camille",
            kpis={"plan": {"visits": 1}},
        )
        assert store.plan_run(run.id) == run
        assert (run.status, run.kpis, run.settings) == (
            "schedule-file",
            {"plan": {"visits": 1}},
            {},
        )
        assert run.schedule == schedule_document(schedule, tiny_scenario)
