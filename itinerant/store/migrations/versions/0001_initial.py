"""Initial schema: scenario versions, plan runs, publications, audit log, counters.

Also makes ``publications`` and ``audit_log`` append-only in the database itself: a trigger
refuses every UPDATE and DELETE (and TRUNCATE on PostgreSQL), whatever program connects.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_APPEND_ONLY = ("publications", "audit_log")
_PUBLICATION_SOURCES = ("plan_run_id", "scenario_version_id")


def _required(**kinds: sa.types.TypeEngine[Any]) -> list[sa.Column[Any]]:
    """Columns that must hold a value, in the order given: name=type."""
    return [sa.Column(name, kind, nullable=False) for name, kind in kinds.items()]


def _written(at: str, by: str = "author") -> list[sa.Column[Any]]:
    """When (UTC) and by whom a row was written."""
    kinds: dict[str, sa.types.TypeEngine[Any]] = {
        at: sa.DateTime(timezone=True),
        by: sa.String(200),
    }
    return _required(**kinds)


def _restrict(table: str, target: str) -> sa.ForeignKeyConstraint:
    """``<target, singular>_id`` of ``table`` refers to ``<target>.id`` (which then stays)."""
    column = f"{target.removesuffix('s')}_id"
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.id"],
        name=op.f(f"fk_{table}_{column}_{target}"),
        ondelete="RESTRICT",
    )


def upgrade() -> None:
    """Create every table, then the append-only triggers."""
    op.create_table(
        "counters",
        *_required(name=sa.String(300), value=sa.Integer()),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_counters")),
    )
    op.create_table(
        "scenario_versions",
        *_required(id=sa.Integer(), name=sa.String(200), version=sa.Integer()),
        *_written("created_at"),
        *_required(note=sa.Text(), digest=sa.String(64)),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scenario_versions")),
        sa.UniqueConstraint("name", "version", name=op.f("uq_scenario_versions_name")),
        sa.CheckConstraint("version >= 1", name=op.f("ck_scenario_versions_version_positive")),
    )
    op.create_table(
        "scenario_files",
        *_required(scenario_version_id=sa.Integer(), path=sa.String(500)),
        *_required(content=sa.LargeBinary()),
        sa.PrimaryKeyConstraint("scenario_version_id", "path", name=op.f("pk_scenario_files")),
        _restrict("scenario_files", "scenario_versions"),
    )
    op.create_table(
        "plan_runs",
        *_required(id=sa.Integer()),
        sa.Column("scenario_version_id", sa.Integer(), nullable=True),
        *_written("created_at"),
        *_required(status=sa.String(60), settings=sa.JSON(), schedule=sa.JSON()),
        *_required(kpis=sa.JSON(), solver_log=sa.Text()),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_runs")),
        _restrict("plan_runs", "scenario_versions"),
    )
    op.create_index(
        op.f("ix_plan_runs_scenario_version_id"), "plan_runs", ["scenario_version_id"], unique=False
    )
    op.create_table(
        "publications",
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        *_written("published_at"),
        *_required(note=sa.Text(), schedule=sa.JSON()),
        *(sa.Column(name, sa.Integer(), nullable=True) for name in _PUBLICATION_SOURCES),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_publications")),
        sa.CheckConstraint("number >= 1", name=op.f("ck_publications_number_positive")),
        _restrict("publications", "plan_runs"),
        _restrict("publications", "scenario_versions"),
    )
    op.create_table(
        "audit_log",
        *_required(id=sa.Integer()),
        *_written("at", "actor"),
        *_required(action=sa.String(60), subject=sa.String(300), details=sa.JSON()),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    _create_append_only_triggers()


def downgrade() -> None:
    """Drop the triggers, then every table."""
    _drop_append_only_triggers()
    op.drop_table("audit_log")
    op.drop_table("publications")
    op.drop_index(op.f("ix_plan_runs_scenario_version_id"), table_name="plan_runs")
    op.drop_table("plan_runs")
    op.drop_table("scenario_files")
    op.drop_table("scenario_versions")
    op.drop_table("counters")


def _create_append_only_triggers() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table in _APPEND_ONLY:
            for event in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: {event} refused'); END"
                )
    elif dialect == "postgresql":
        # No '%' in this SQL: psycopg would read it as a parameter.
        op.execute(
            "CREATE FUNCTION itinerant_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$ "
            "BEGIN RAISE EXCEPTION USING "
            "MESSAGE = TG_TABLE_NAME || ' is append-only: ' || TG_OP || ' refused', "
            "ERRCODE = 'restrict_violation'; END $fn$"
        )
        for table in _APPEND_ONLY:
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION itinerant_refuse_change()"
            )
            op.execute(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION itinerant_refuse_change()"
            )
    # Other databases are refused by the store before migrating.


def _drop_append_only_triggers() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table in _APPEND_ONLY:
            for event in ("update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{event}")
    elif dialect == "postgresql":
        for table in _APPEND_ONLY:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        op.execute("DROP FUNCTION IF EXISTS itinerant_refuse_change()")
