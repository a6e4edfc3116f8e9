"""The store's tables (SQLAlchemy Core), as the application reads and writes them.

The migrations in :mod:`itinerant.store.migrations` create these tables; they do not import this
module (a migration must keep describing the schema of *its* time), and a test checks that the
migrated database and these definitions agree.

Times are stored as timestamps in UTC: ``timestamp with time zone`` on PostgreSQL, ISO text on
SQLite (which has no time zones), and always come back timezone-aware (:class:`UTCDateTime`).
JSON documents use the plain ``JSON`` type (not ``JSONB``) so that PostgreSQL keeps the text, and
the key order, of what was stored.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator

__all__ = [
    "IMMUTABLE_TABLES",
    "audit_log",
    "counters",
    "metadata",
    "plan_runs",
    "publication_feeds",
    "publications",
    "scenario_files",
    "scenario_versions",
]

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
"""Constraint names, so that later migrations can name what they alter (SQLite batch mode)."""

IMMUTABLE_TABLES = ("publications", "publication_feeds", "audit_log")
"""Tables whose rows a database trigger keeps from being updated or deleted."""

metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware datetime, stored in UTC, read back with ``tzinfo=UTC``.

    Naive datetimes are refused: a time without a zone is ambiguous in a shared record.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        """Convert to UTC before storing."""
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            msg = f"naive datetime {value.isoformat()} cannot be stored (give a time zone)"
            raise ValueError(msg)
        utc = value.astimezone(dt.UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        """Attach (SQLite) or convert to (PostgreSQL) UTC after reading."""
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def _reference(target: str, **options: Any) -> Column[int]:
    """Column ``<target, singular>_id`` referring to ``<target>.id``: a row referred to stays."""
    name = f"{target.removesuffix('s')}_id"
    return Column(name, Integer, ForeignKey(f"{target}.id", ondelete="RESTRICT"), **options)


counters = Table(
    "counters",
    metadata,
    Column("name", String(300), primary_key=True),
    Column("value", Integer, nullable=False),
)
"""Last number handed out per series (``publication``, ``scenario:<name>``); the row lock
taken by incrementing it serialises writers of the same series on PostgreSQL."""

scenario_versions = Table(
    "scenario_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("author", String(200), nullable=False),
    Column("note", Text, nullable=False),
    Column("digest", String(64), nullable=False),
    UniqueConstraint("name", "version"),
    CheckConstraint("version >= 1", name="version_positive"),
)

scenario_files = Table(
    "scenario_files",
    metadata,
    _reference("scenario_versions", primary_key=True),
    Column("path", String(500), primary_key=True),
    Column("content", LargeBinary, nullable=False),
)

plan_runs = Table(
    "plan_runs",
    metadata,
    Column("id", Integer, primary_key=True),
    _reference("scenario_versions", nullable=True, index=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("author", String(200), nullable=False),
    Column("status", String(60), nullable=False),
    Column("settings", JSON, nullable=False),
    Column("schedule", JSON, nullable=False),
    Column("kpis", JSON, nullable=False),
    Column("solver_log", Text, nullable=False),
)

publications = Table(
    "publications",
    metadata,
    Column("number", Integer, primary_key=True, autoincrement=False),
    Column("published_at", UTCDateTime, nullable=False),
    Column("author", String(200), nullable=False),
    Column("note", Text, nullable=False),
    Column("schedule", JSON, nullable=False),
    _reference("plan_runs", nullable=True),
    _reference("scenario_versions", nullable=True),
    CheckConstraint("number >= 1", name="number_positive"),
)

publication_feeds = Table(
    "publication_feeds",
    metadata,
    Column(
        "publication_number",
        Integer,
        ForeignKey("publications.number", ondelete="RESTRICT"),
        primary_key=True,
        autoincrement=False,
    ),
    Column("feeds", JSON, nullable=False),
)
"""The calendar feeds' history of a Publication (``ics/suivi.json``: revisions, cancelled
visits, notices), which the next Publication continues (:mod:`itinerant.publish.public.history`)."""

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UTCDateTime, nullable=False),
    Column("actor", String(200), nullable=False),
    Column("action", String(60), nullable=False),
    Column("subject", String(300), nullable=False),
    Column("details", JSON, nullable=False),
)
