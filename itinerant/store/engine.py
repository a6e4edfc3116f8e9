"""Database engines for the store: SQLite (file, WAL) or PostgreSQL (psycopg 3), same code.

SQLite
    Python's ``sqlite3`` (3.11) begins transactions itself, only before DML, which breaks
    SERIALIZABLE reads and transactional DDL. We use SQLAlchemy's documented recipe instead: the
    driver's transaction handling is switched off (``isolation_level = None``) and a ``begin``
    event emits our own ``BEGIN``. Write transactions ask for ``BEGIN IMMEDIATE``
    (execution option :data:`BEGIN_OPTION`), which takes the database's write lock *before*
    reading anything: two writers never both read the last publication number, the second
    waits (up to :data:`SQLITE_BUSY_TIMEOUT_S`) for the first to commit. Reads use a deferred
    ``BEGIN`` and, in WAL mode, never block nor are blocked by the writer. Each connection turns
    on foreign keys, WAL (``journal_mode`` is persistent in the file; switching a new file is
    retried while another process holds it) and ``synchronous = FULL``, so that a committed
    publication survives a power cut, not only a crash of the program.
PostgreSQL
    ``postgresql://`` URLs are given the psycopg 3 driver. Transactions run at READ COMMITTED;
    writers of the same numbered series serialise on a row lock (see
    :mod:`itinerant.store.store`).
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import StaticPool

from itinerant.errors import InputError

__all__ = [
    "BEGIN_OPTION",
    "SQLITE_BUSY_TIMEOUT_S",
    "make_engine",
    "read_transaction",
    "safe_url",
    "write_transaction",
]

logger = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_S = 30.0
"""How long (s) a SQLite writer waits for another writer's lock before giving up."""

BEGIN_OPTION = "itinerant_sqlite_begin"
"""Execution option naming the SQLite ``BEGIN`` mode (``DEFERRED`` or ``IMMEDIATE``)."""

_BEGIN_MODES = frozenset({"DEFERRED", "IMMEDIATE"})


def safe_url(url: str | URL) -> str:
    """The URL as text with its password hidden, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparsable URL>"


def _parse(url: str) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        msg = f"{url!r} is not a database URL (e.g. sqlite:///path/itinerant.db): {exc}"
        raise InputError(msg) from None
    backend = parsed.get_backend_name()
    if backend == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if backend not in ("sqlite", "postgresql"):
        msg = (
            f"unsupported database {safe_url(parsed)}: the store runs on SQLite "
            "(sqlite:///file) or PostgreSQL (postgresql+psycopg://...)"
        )
        raise InputError(msg)
    return parsed


def _sqlite_is_memory(url: URL) -> bool:
    return url.database in (None, "", ":memory:")


def _enable_wal(dbapi_connection: sqlite3.Connection) -> None:
    """Put the database file in WAL mode (once per file: the mode is persistent).

    Switching needs an exclusive lock and SQLite answers "database is locked" at once, without
    waiting, when another process holds the file (two processes creating a new store at the same
    moment): retry until :data:`SQLITE_BUSY_TIMEOUT_S`.
    """
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_S
    delay = 0.005
    while True:
        cursor = dbapi_connection.cursor()
        try:
            mode = cursor.execute("PRAGMA journal_mode").fetchone()
            if mode is None or str(mode[0]).lower() != "wal":
                mode = cursor.execute("PRAGMA journal_mode = WAL").fetchone()
            if mode is None or str(mode[0]).lower() != "wal":
                logger.warning("SQLite refused WAL mode (journal_mode is %s)", mode)
            return
        except sqlite3.OperationalError as exc:
            busy = "locked" in str(exc) or "busy" in str(exc)
            if not busy or time.monotonic() > deadline:
                raise
        finally:
            cursor.close()
        time.sleep(delay)
        delay = min(2 * delay, 0.25)


def make_engine(url: str) -> Engine:
    """Create the engine of the store at ``url``.

    Parameters
    ----------
    url
        A SQLAlchemy URL: ``sqlite:///path`` (the folder is created when missing), ``sqlite://``
        (in memory, one shared connection: for experiments only) or
        ``postgresql[+psycopg]://user:password@host:port/database``.

    Returns
    -------
    sqlalchemy.Engine
        Dispose it when done.

    Raises
    ------
    InputError
        If the URL cannot be parsed or names another database.
    """
    parsed = _parse(url)
    if parsed.get_backend_name() == "postgresql":
        args: dict[str, Any] = {"application_name": "itinerant", "connect_timeout": 10}
        return create_engine(parsed, pool_pre_ping=True, connect_args=args)
    memory = _sqlite_is_memory(parsed)
    if memory:
        engine = create_engine(
            parsed, poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
    else:
        if not str(parsed.database).startswith("file:"):  # not a SQLite URI filename
            Path(str(parsed.database)).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from the sqlite3 driver (SQLAlchemy's recipe).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA synchronous = FULL")
        finally:
            cursor.close()
        if not memory:
            _enable_wal(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get(BEGIN_OPTION, "DEFERRED")
        if mode not in _BEGIN_MODES:
            msg = f"unknown SQLite BEGIN mode {mode!r}"
            raise ValueError(msg)
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection inside a write transaction, committed on success, rolled back on error.

    On SQLite the transaction starts with ``BEGIN IMMEDIATE`` (the write lock is taken at once);
    on PostgreSQL it is an ordinary READ COMMITTED transaction.
    """
    with engine.connect() as conn:
        conn.execution_options(**{BEGIN_OPTION: "IMMEDIATE"})
        with conn.begin():
            yield conn


@contextmanager
def read_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection inside a transaction for reading (deferred ``BEGIN`` on SQLite: no lock)."""
    with engine.connect() as conn, conn.begin():
        yield conn
