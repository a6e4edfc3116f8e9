"""The store: versioned scenarios, plan runs, Publications and an audit log in a real database.

Design choices
--------------
- **One code path, two databases.** SQLAlchemy Core (no ORM: the public API returns frozen
  dataclasses, never live database objects) on SQLite by default (a file, WAL mode) or PostgreSQL
  by URL; the differences are confined to :mod:`itinerant.store.engine` (how a write transaction
  begins) and to the migration (how the append-only triggers are written).
- **Schema by migrations.** :meth:`Store.open` migrates the database to the newest Alembic
  revision shipped in the package (:mod:`itinerant.store.migrate`).
- **Every change is one transaction**, including its audit row: a scenario version with all its
  files, a plan run, a Publication. A crash at any point leaves either all of it or none of it.
- **Numbers come from a counter row, under a lock.** Publication numbers (1, 2, 3... per store)
  and scenario versions (1, 2, 3... per scenario name) are taken by incrementing a row of
  ``counters`` inside the writing transaction (``UPDATE ... RETURNING``). On PostgreSQL that
  UPDATE row-locks the counter: a concurrent publisher waits for the first to commit (or roll
  back), then reads the committed value, so numbers are consecutive and never duplicated; a
  rolled-back or killed writer's increment vanishes with its transaction, so no gap is left. On
  SQLite the whole write transaction holds the database's write lock from its first statement
  (``BEGIN IMMEDIATE``), which serialises writers outright. The primary key on the number is
  the last line of defence.
- **Publications are immutable.** No method updates or deletes one, and database triggers (from
  the migrations) refuse UPDATE and DELETE on ``publications``, ``publication_feeds`` (the
  calendar feeds' history kept with a Publication) and ``audit_log`` for every client, on
  SQLite and PostgreSQL alike.
- **Scenarios are stored as their files**: :func:`itinerant.io.write_scenario` writes them
  into a temporary folder and every file's bytes are stored, with a SHA-256 digest;
  :func:`itinerant.io.load_scenario` reads them back into an equal
  :class:`~itinerant.model.Scenario`.
- **Times** are taken in UTC by this program (not by the database server) after the lock is
  held, and come back timezone-aware.
- **JSON documents** (schedule, KPIs, settings, audit details) must be JSON objects with string
  keys and finite numbers; they are stored as JSON text (tuples come back as lists).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import Any, Self, TypeVar

from alembic.util import CommandError
from sqlalchemy import Column, Connection, Engine, Row, Select, Table, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from itinerant.errors import InputError, NotFoundError, StoreError
from itinerant.io import load_scenario, write_scenario
from itinerant.model import Scenario
from itinerant.store import schema as s
from itinerant.store.engine import make_engine, read_transaction, safe_url, write_transaction
from itinerant.store.migrate import upgrade
from itinerant.store.settings import database_url

__all__ = ["AuditEntry", "PlanRun", "Publication", "ScenarioVersion", "Store"]

logger = logging.getLogger(__name__)

PUBLICATION_SERIES = "publication"
"""Name of the counter row that numbers Publications."""

_NAME_MAX = 200
_STATUS_MAX = 60
_SCHEDULE_SCHEMA_PREFIX = "itinerant.schedule/"

_test_hook: Callable[[str], None] | None = None
"""Called with the name of a checkpoint inside write transactions (tests only: crash tests
sleep there to be killed mid-write). Checkpoints: ``publish:inserted``."""


def _checkpoint(name: str) -> None:
    if _test_hook is not None:
        _test_hook(name)


# --------------------------------------------------------------------------- public records
@dataclass(frozen=True, slots=True)
class ScenarioVersion:
    """One stored version of a scenario.

    Attributes
    ----------
    id
        Store-wide identifier (give it to :meth:`Store.load_scenario_version`).
    name
        The scenario's name.
    version
        1, 2, 3... per scenario name, in the order of saving.
    created_at
        When it was saved (UTC, timezone-aware).
    author
        Who saved it.
    note
        Free text given when saving.
    digest
        SHA-256 (hex) of its files (names and bytes): equal digests mean identical inputs.
    """

    id: int
    name: str
    version: int
    created_at: dt.datetime
    author: str
    note: str
    digest: str


@dataclass(frozen=True, slots=True)
class PlanRun:
    """One run of the planner, as recorded.

    Attributes
    ----------
    id
        Store-wide identifier.
    scenario_version
        Id of the :class:`ScenarioVersion` planned, if known.
    created_at
        When it was recorded (UTC, timezone-aware).
    author
        Who ran it.
    status
        Outcome in the caller's words (e.g. ``optimal``, ``feasible``, ``infeasible``).
    settings
        The planner's settings (JSON object).
    schedule
        The ``schedule.json`` document (``docs/schedule-format.md``), possibly empty on failure.
    kpis
        The ``kpis.json`` document.
    solver_log
        The solver's log text.
    """

    id: int
    scenario_version: int | None
    created_at: dt.datetime
    author: str
    status: str
    settings: dict[str, Any]
    schedule: dict[str, Any]
    kpis: dict[str, Any]
    solver_log: str


@dataclass(frozen=True, slots=True)
class Publication:
    """An immutable, numbered Schedule released to the public.

    Attributes
    ----------
    number
        1, 2, 3... per store, consecutive, in the order of publishing.
    published_at
        When (UTC, timezone-aware).
    author
        Who published it.
    note
        Free text given when publishing (what changed, why).
    schedule
        The ``schedule.json`` document published.
    plan_run
        Id of the :class:`PlanRun` it comes from, if given.
    scenario_version
        Id of the :class:`ScenarioVersion` it was planned from, if given.
    """

    number: int
    published_at: dt.datetime
    author: str
    note: str
    schedule: dict[str, Any]
    plan_run: int | None
    scenario_version: int | None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One row of the audit log: who did what, when, to which record.

    Attributes
    ----------
    id
        Increasing in the order the entries were written.
    at
        When (UTC, timezone-aware).
    actor
        Who (the ``author`` of the change).
    action
        ``scenario.saved``, ``plan_run.recorded`` or ``publication.published``.
    subject
        The record changed, e.g. ``publication 3``, ``scenario 'Creuse' v2``, ``plan_run 7``.
    details
        Facts about the change (ids, note, digest...), a JSON object.
    """

    id: int
    at: dt.datetime
    actor: str
    action: str
    subject: str
    details: dict[str, Any]


# --------------------------------------------------------------------------- input checks
def _text(value: object, what: str, *, required: bool = False, max_len: int | None = None) -> str:
    if not isinstance(value, str):
        msg = f"{what} must be text, not {type(value).__name__}"
        raise InputError(msg)
    if required and not value.strip():
        msg = f"{what} must not be empty"
        raise InputError(msg)
    if max_len is not None and len(value) > max_len:
        msg = f"{what} is longer than {max_len} characters"
        raise InputError(msg)
    if "\x00" in value:
        msg = f"{what} contains a NUL character"
        raise InputError(msg)
    return value.strip() if required else value


def _json_object(value: object, what: str) -> dict[str, Any]:
    """A deep copy of ``value`` as stored: a JSON object, refusing what JSON cannot hold."""
    if not isinstance(value, Mapping):
        msg = f"{what} must be a JSON object (a dict), not {type(value).__name__}"
        raise InputError(msg)
    try:
        encoded = json.dumps(value, allow_nan=False, ensure_ascii=False)
    except (TypeError, ValueError) as exc:
        msg = f"{what} cannot be stored as JSON: {exc}"
        raise InputError(msg) from None
    if "\\u0000" in encoded:
        msg = f"{what} contains a NUL character"
        raise InputError(msg)
    copy: dict[str, Any] = json.loads(encoded)
    return copy


def _schedule_document(value: object) -> dict[str, Any]:
    doc = _json_object(value, "schedule")
    schema = doc.get("schema")
    if not isinstance(schema, str) or not schema.startswith(_SCHEDULE_SCHEMA_PREFIX):
        msg = (
            f"schedule is not a schedule.json document (its 'schema' is {schema!r}, "
            f"expected {_SCHEDULE_SCHEMA_PREFIX}1)"
        )
        raise InputError(msg)
    if not isinstance(doc.get("tours"), list):
        msg = "schedule has no 'tours' list"
        raise InputError(msg)
    return doc


def _ident(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        msg = f"{what} must be a positive whole number, not {value!r}"
        raise InputError(msg)
    return value


def _limit(value: int | None) -> int | None:
    return None if value is None else _ident(value, "limit")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _digest(files: Mapping[str, bytes]) -> str:
    h = hashlib.sha256()
    for path in sorted(files):
        name = path.encode("utf-8")
        h.update(len(name).to_bytes(8, "big") + name)
        h.update(len(files[path]).to_bytes(8, "big") + files[path])
    return h.hexdigest()


# --------------------------------------------------------------------------- rows -> records
_Record = TypeVar("_Record", "ScenarioVersion", "PlanRun", "Publication", "AuditEntry")


def _record(cls: type[_Record], row: Row[Any], **columns: str) -> _Record:
    """The public record ``cls`` of a database row; ``columns`` names the renamed columns."""
    return cls(**{f.name: getattr(row, columns.get(f.name, f.name)) for f in fields(cls)})


def _row(record: _Record, **columns: str) -> dict[str, Any]:
    """The column values of ``record`` (the inverse of :func:`_record`), but its ``id``."""
    names = [f.name for f in fields(record) if f.name != "id"]  # the database numbers rows
    return {columns.get(name, name): getattr(record, name) for name in names}


def _insert(conn: Connection, table: Table, record: _Record, **columns: str) -> int:
    """Insert ``record`` into ``table``; returns the ``id`` the database gave it."""
    query = insert(table).values(_row(record, **columns)).returning(table.c.id)
    return int(conn.execute(query).scalar_one())


_RUN_COLUMNS = {"scenario_version": "scenario_version_id"}
_PUBLICATION_COLUMNS = {**_RUN_COLUMNS, "plan_run": "plan_run_id"}


# --------------------------------------------------------------------------- transaction parts
def _next_number(conn: Connection, series: str) -> int:
    """Take the next number of ``series`` (1 for a new series), locking it until commit."""
    dialect = conn.dialect.name
    new_row = {"name": series, "value": 0}
    if dialect == "postgresql":
        conn.execute(postgresql.insert(s.counters).values(new_row).on_conflict_do_nothing())
    else:
        conn.execute(sqlite.insert(s.counters).values(new_row).on_conflict_do_nothing())
    number: int = conn.execute(
        update(s.counters)
        .where(s.counters.c.name == series)
        .values(value=s.counters.c.value + 1)
        .returning(s.counters.c.value)
    ).scalar_one()
    return number


def _audit(conn: Connection, entry: AuditEntry) -> None:
    """Append ``entry`` to the audit log (the database numbers it)."""
    row = _row(entry) | {"details": _json_object(entry.details, "audit details")}
    conn.execute(insert(s.audit_log).values(row))


def _require(conn: Connection, ident: int | None, what: str) -> int | None:
    """Check that the scenario version or plan run ``ident`` exists (``None`` passes)."""
    if ident is None:
        return None
    table = {"scenario version": s.scenario_versions, "plan run": s.plan_runs}[what]
    _ident(ident, what)
    if conn.execute(select(table.c.id).where(table.c.id == ident)).first() is None:
        msg = f"there is no {what} {ident} in the store"
        raise NotFoundError(msg)
    return ident


# --------------------------------------------------------------------------- the store
class Store:
    """Scenarios, plan runs, Publications and the audit log, in one database.

    Open it with :meth:`Store.open` and close it when done (or use it as a context manager)::

        with Store.open() as store:  # the database named by the environment
            version = store.save_scenario(scenario, author="camille")
            store.publish(schedule_doc, author="camille", note="January tours")

    Every method runs its own transaction; a Store may be used from several threads, and
    several processes may use the same database at once.
    """

    def __init__(self, engine: Engine) -> None:
        """Wrap an engine made by :func:`itinerant.store.engine.make_engine` (use :meth:`open`)."""
        self._engine: Engine | None = engine
        self._url = safe_url(engine.url)
        self._backend = engine.dialect.name

    # ----------------------------------------------------------------- life cycle
    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Open (creating and migrating if needed) the store at ``url``.

        Parameters
        ----------
        url
            A SQLAlchemy URL (``sqlite:///path/itinerant.db``,
            ``postgresql+psycopg://user:password@host:5432/itinerant``); ``None`` takes it from
            the environment (:func:`itinerant.store.settings.database_url`).

        Returns
        -------
        Store

        Raises
        ------
        InputError
            If the URL is not a SQLite or PostgreSQL URL.
        StoreError
            If the database cannot be reached or migrated.
        """
        engine = make_engine(database_url() if url is None else url)
        where = safe_url(engine.url)
        try:
            upgrade(engine)
        except SQLAlchemyError as exc:
            engine.dispose()
            msg = f"cannot open the store at {where}: {exc}"
            raise StoreError(msg) from exc
        except CommandError as exc:
            engine.dispose()
            msg = (
                f"cannot migrate the store at {where} (was it written by a newer itinerant?): {exc}"
            )
            raise StoreError(msg) from exc
        except BaseException:
            engine.dispose()
            raise
        logger.info("opened the store at %s", where)
        return cls(engine)

    @property
    def url(self) -> str:
        """The database URL, password hidden."""
        return self._url

    @property
    def backend(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self._backend

    def close(self) -> None:
        """Close every connection; the Store cannot be used afterwards. Idempotent."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._engine is None else "open"
        return f"Store({self._url!r}, {state})"

    # ----------------------------------------------------------------- transactions
    @contextmanager
    def _transaction(self, what: str, *, write: bool) -> Iterator[Connection]:
        if self._engine is None:
            msg = f"{what}: the store is closed"
            raise StoreError(msg)
        try:
            context = write_transaction if write else read_transaction
            with context(self._engine) as conn:
                yield conn
        except OperationalError as exc:
            msg = f"{what}: the database at {self._url} is unavailable or busy ({exc.orig})"
            raise StoreError(msg) from exc
        except SQLAlchemyError as exc:
            msg = f"{what} failed on {self._url}: {exc}"
            raise StoreError(msg) from exc

    # ----------------------------------------------------------------- scenarios
    def save_scenario(self, scenario: Scenario, *, author: str, note: str = "") -> ScenarioVersion:
        """Store a new version of ``scenario`` (all its files).

        Parameters
        ----------
        scenario
            The scenario; its name (``scenario.name``) numbers the versions.
        author
            Who saves it.
        note
            What changed, why.

        Returns
        -------
        ScenarioVersion
            With the next version number of this scenario name (1 for a new name).
        """
        given: object = scenario  # checked at run time too: callers may be untyped
        if not isinstance(given, Scenario):
            msg = f"scenario must be a Scenario, not {type(given).__name__}"
            raise InputError(msg)
        author = _text(author, "author", required=True, max_len=_NAME_MAX)
        note = _text(note, "note")
        name = _text(scenario.name, "scenario name", required=True, max_len=_NAME_MAX)
        with tempfile.TemporaryDirectory(prefix="itinerant-scenario-") as tmp:
            root = write_scenario(scenario, Path(tmp) / "scenario")
            files = {
                path.relative_to(root).as_posix(): path.read_bytes()
                for path in sorted(root.rglob("*"))
                if path.is_file()
            }
        digest = _digest(files)
        with self._transaction("saving a scenario", write=True) as conn:
            version = _next_number(conn, f"scenario:{name}")
            saved = ScenarioVersion(0, name, version, _now(), author, note, digest)
            ident = _insert(conn, s.scenario_versions, saved)
            conn.execute(
                insert(s.scenario_files),
                [
                    {"scenario_version_id": ident, "path": path, "content": content}
                    for path, content in files.items()
                ],
            )
            details: dict[str, Any] = {"scenario_version": ident, "name": name, "version": version}
            details |= {"digest": digest, "files": sorted(files), "note": note}
            subject = f"scenario {name!r} v{version}"
            _audit(
                conn, AuditEntry(0, saved.created_at, author, "scenario.saved", subject, details)
            )
        logger.info("saved scenario %r version %d (id %d)", name, version, ident)
        return replace(saved, id=ident)

    def _all(
        self, cls: type[_Record], query: Select[Any], what: str, **columns: str
    ) -> list[_Record]:
        """The records ``cls`` of the rows of ``query`` (``what`` names it in errors)."""
        with self._transaction(what, write=False) as conn:
            return [_record(cls, row, **columns) for row in conn.execute(query)]

    def _one(
        self, cls: type[_Record], key: Column[Any], value: int, what: str, **columns: str
    ) -> _Record:
        """The record ``cls`` whose ``key`` is ``value`` (:class:`NotFoundError` if none)."""
        query = select(key.table).where(key == _ident(value, what))
        with self._transaction(f"reading {what} {value}", write=False) as conn:
            row = conn.execute(query).first()
        if row is None:
            msg = f"there is no {what} {value} in the store"
            raise NotFoundError(msg)
        return _record(cls, row, **columns)

    def scenario_versions(self, name: str | None = None) -> list[ScenarioVersion]:
        """Stored scenario versions, newest first; only those of scenario ``name`` if given."""
        query = select(s.scenario_versions).order_by(s.scenario_versions.c.id.desc())
        if name is not None:
            query = query.where(s.scenario_versions.c.name == _text(name, "name"))
        return self._all(ScenarioVersion, query, "listing scenario versions")

    def scenario_version(self, ident: int) -> ScenarioVersion:
        """The scenario version ``ident`` (its metadata); :class:`NotFoundError` if none."""
        return self._one(ScenarioVersion, s.scenario_versions.c.id, ident, "scenario version")

    def scenario_files(self, ident: int) -> dict[str, bytes]:
        """The files of scenario version ``ident``: relative path (``/``-separated) -> bytes.

        Raises
        ------
        NotFoundError
            If there is no such version.
        """
        ident = _ident(ident, "scenario version")
        with self._transaction("reading a scenario version", write=False) as conn:
            _require(conn, ident, "scenario version")
            rows = conn.execute(
                select(s.scenario_files.c.path, s.scenario_files.c.content)
                .where(s.scenario_files.c.scenario_version_id == ident)
                .order_by(s.scenario_files.c.path)
            ).all()
        return {row.path: bytes(row.content) for row in rows}

    def load_scenario_version(self, ident: int) -> Scenario:
        """The Scenario of version ``ident``, equal to the one saved.

        Raises
        ------
        NotFoundError
            If there is no such version.
        """
        files = self.scenario_files(ident)
        with tempfile.TemporaryDirectory(prefix="itinerant-scenario-") as tmp:
            root = Path(tmp) / "scenario"
            for name, content in files.items():
                relative = PurePosixPath(name)
                if relative.is_absolute() or ".." in relative.parts:
                    msg = f"scenario version {ident} holds a file outside its folder: {name!r}"
                    raise StoreError(msg)
                path = root.joinpath(*relative.parts)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)
            return load_scenario(root)

    # ----------------------------------------------------------------- plan runs
    def record_plan_run(
        self,
        *,
        scenario_version: int | None,
        settings: Mapping[str, Any],
        schedule: Mapping[str, Any],
        kpis: Mapping[str, Any],
        solver_log: str,
        status: str,
        author: str,
    ) -> PlanRun:
        """Record one run of the planner.

        Parameters
        ----------
        scenario_version
            Id of the stored :class:`ScenarioVersion` planned, or ``None``.
        settings
            The planner's settings, as a JSON object.
        schedule
            The ``schedule.json`` document (``{}`` when the run produced none).
        kpis
            The ``kpis.json`` document (``{}`` when none).
        solver_log
            The solver's log.
        status
            The outcome (``optimal``, ``feasible``, ``infeasible``, ``error``...).
        author
            Who ran it.

        Returns
        -------
        PlanRun

        Raises
        ------
        InputError
            On a value that cannot be stored; :class:`NotFoundError` for an unknown
            ``scenario_version``.
        """
        author = _text(author, "author", required=True, max_len=_NAME_MAX)
        status = _text(status, "status", required=True, max_len=_STATUS_MAX)
        solver_log = _text(solver_log, "solver_log")
        settings_doc = _json_object(settings, "settings")
        schedule_doc = _json_object(schedule, "schedule")
        kpis_doc = _json_object(kpis, "kpis")
        with self._transaction("recording a plan run", write=True) as conn:
            _require(conn, scenario_version, "scenario version")
            documents = (settings_doc, schedule_doc, kpis_doc, solver_log)
            run = PlanRun(0, scenario_version, _now(), author, status, *documents)
            ident = _insert(conn, s.plan_runs, run, **_RUN_COLUMNS)
            details = {"plan_run": ident, "scenario_version": scenario_version, "status": status}
            subject = f"plan_run {ident}"
            _audit(
                conn, AuditEntry(0, run.created_at, author, "plan_run.recorded", subject, details)
            )
        logger.info("recorded plan run %d (%s)", ident, status)
        return replace(run, id=ident)

    def plan_runs(
        self, *, scenario_version: int | None = None, limit: int | None = None
    ) -> list[PlanRun]:
        """Recorded plan runs, newest first: of one scenario version if given, at most ``limit``."""
        query = select(s.plan_runs).order_by(s.plan_runs.c.id.desc()).limit(_limit(limit))
        if scenario_version is not None:
            wanted = _ident(scenario_version, "scenario version")
            query = query.where(s.plan_runs.c.scenario_version_id == wanted)
        return self._all(PlanRun, query, "listing plan runs", **_RUN_COLUMNS)

    def plan_run(self, ident: int) -> PlanRun:
        """The plan run ``ident``; :class:`NotFoundError` if none."""
        return self._one(PlanRun, s.plan_runs.c.id, ident, "plan run", **_RUN_COLUMNS)

    # ----------------------------------------------------------------- publications
    def publish(
        self,
        schedule: Mapping[str, Any],
        *,
        author: str,
        note: str = "",
        plan_run: int | None = None,
        scenario_version: int | None = None,
        feeds: Mapping[str, Any] | None = None,
    ) -> Publication:
        """Publish a Schedule: a new, immutable Publication numbered after the latest one.

        Parameters
        ----------
        schedule
            The ``schedule.json`` document (``docs/schedule-format.md``).
        author
            Who publishes.
        note
            What changed, why.
        plan_run
            Id of the :class:`PlanRun` it comes from, if any.
        scenario_version
            Id of the :class:`ScenarioVersion` it was planned from, if any.
        feeds
            The public calendar feeds' history of this Publication (``ics/suivi.json``, see
            :mod:`itinerant.publish.public.history`), kept with it in the same transaction:
            :meth:`publication_feeds` gives it to the next Publication.

        Returns
        -------
        Publication
            Numbered 1 for the first Publication of the store, then 2, 3... with no gap, even
            when several processes publish at once.

        Raises
        ------
        InputError
            If ``schedule`` is not a schedule document or another value cannot be stored;
            :class:`NotFoundError` for an unknown plan run or scenario version.
        StoreError
            If the database fails (nothing is published then).
        """
        doc = _schedule_document(schedule)
        author = _text(author, "author", required=True, max_len=_NAME_MAX)
        note = _text(note, "note")
        history = None if feeds is None else _json_object(feeds, "feeds")
        with self._transaction("publishing", write=True) as conn:
            number = _next_number(conn, PUBLICATION_SERIES)
            _require(conn, plan_run, "plan run")
            _require(conn, scenario_version, "scenario version")
            publication = Publication(number, _now(), author, note, doc, plan_run, scenario_version)
            row = _row(publication, **_PUBLICATION_COLUMNS)
            conn.execute(insert(s.publications).values(row))
            if history is not None:
                values = {"publication_number": number, "feeds": history}
                conn.execute(insert(s.publication_feeds).values(values))
            _checkpoint("publish:inserted")
            details: dict[str, Any] = {"publication": number, "plan_run": plan_run}
            details |= {"scenario_version": scenario_version, "scenario": doc.get("scenario")}
            details |= {"tours": len(doc["tours"]), "note": note}
            subject = f"publication {number}"
            at = publication.published_at
            _audit(conn, AuditEntry(0, at, author, "publication.published", subject, details))
        logger.info("published version %d by %s", number, author)
        return publication

    def publications(self) -> list[Publication]:
        """Every Publication, newest (highest number) first."""
        query = select(s.publications).order_by(s.publications.c.number.desc())
        return self._all(Publication, query, "listing publications", **_PUBLICATION_COLUMNS)

    def publication(self, number: int) -> Publication:
        """The Publication numbered ``number``; :class:`NotFoundError` if none."""
        key = s.publications.c.number
        return self._one(Publication, key, number, "publication number", **_PUBLICATION_COLUMNS)

    def publication_feeds(self, number: int) -> dict[str, Any] | None:
        """The calendar feeds' history kept with Publication ``number``.

        ``None`` when that Publication was recorded without one (before this version, or from
        a program that writes no feeds); :class:`NotFoundError` if there is no such Publication.
        """
        wanted = _ident(number, "publication number")
        query = select(s.publication_feeds.c.feeds).where(
            s.publication_feeds.c.publication_number == wanted
        )
        exists = select(s.publications.c.number).where(s.publications.c.number == wanted)
        with self._transaction("reading the feeds of a publication", write=False) as conn:
            if conn.execute(exists).first() is None:
                msg = f"there is no publication number {wanted} in the store"
                raise NotFoundError(msg)
            value = conn.execute(query).scalar()
        return None if value is None else dict(value)

    def latest_publication(self) -> Publication | None:
        """The Publication with the highest number, ``None`` before the first one."""
        latest = select(func.max(s.publications.c.number)).scalar_subquery()
        query = select(s.publications).where(s.publications.c.number == latest)
        with self._transaction("reading the latest publication", write=False) as conn:
            row = conn.execute(query).first()
        return None if row is None else _record(Publication, row, **_PUBLICATION_COLUMNS)

    # ----------------------------------------------------------------- audit
    def audit_log(self, limit: int | None = 100) -> list[AuditEntry]:
        """The audit log, newest first, at most ``limit`` entries (``None``: all)."""
        query = select(s.audit_log).order_by(s.audit_log.c.id.desc()).limit(_limit(limit))
        return self._all(AuditEntry, query, "reading the audit log")
