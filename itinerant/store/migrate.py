"""Alembic, driven from Python: the store migrates its database to the newest schema on open.

There is no ``alembic.ini``: :func:`alembic_config` builds the configuration in memory and points
Alembic at the migrations shipped inside the package (``itinerant/store/migrations``), so an
installed wheel can migrate its database with nothing else on disk.

:func:`upgrade` first reads the database's revision (cheap, no lock) and returns when it is
already at head. Otherwise it migrates inside one write transaction (``BEGIN IMMEDIATE`` on
SQLite; a transaction-level advisory lock on PostgreSQL, where DDL is transactional too), so that
two processes opening a new database at once neither both create the tables nor see half of them.
"""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from itinerant.store.engine import read_transaction, write_transaction

__all__ = ["MIGRATIONS_DIR", "alembic_config", "current_revision", "head_revision", "upgrade"]

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
"""Alembic's script directory, inside the package."""

_PG_MIGRATION_LOCK = 0x17_1E_4A_27
"""Key of the PostgreSQL advisory lock held while migrating."""


def alembic_config(url: str | None = None, *, connection: Connection | None = None) -> Config:
    """An Alembic configuration for the store, without any ``alembic.ini``.

    Parameters
    ----------
    url
        Database URL for Alembic's own commands (``sqlalchemy.url``), when no connection is given.
    connection
        An open connection that the migrations run on, in its current transaction.

    Returns
    -------
    alembic.config.Config
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision shipped with this version of itinerant."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, ``None`` for a database never migrated."""
    with read_transaction(engine) as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database to ``revision`` (default: the newest), if it is not there yet."""
    target = head_revision() if revision == "head" else revision
    if current_revision(engine) == target:
        return
    with write_transaction(engine) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
        before = MigrationContext.configure(conn).get_current_revision()
        if before == target:
            return  # another process migrated it while we waited for the lock
        command.upgrade(alembic_config(connection=conn), revision)
    logger.info("store migrated from %s to %s", before or "an empty database", target)


def downgrade(engine: Engine, revision: str) -> None:
    """Migrate the database back to ``revision`` (``"base"`` drops every table)."""
    with write_transaction(engine) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
        command.downgrade(alembic_config(connection=conn), revision)
    logger.info("store migrated down to %s", revision)
