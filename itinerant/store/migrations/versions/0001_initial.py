"""Initial schema: scenario versions, plan runs, publications, audit log, counters.

Also makes ``publications`` and ``audit_log`` append-only in the database itself: a trigger
refuses every UPDATE and DELETE (and TRUNCATE on PostgreSQL), whatever program connects.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_APPEND_ONLY = ("publications", "audit_log")


def upgrade() -> None:
    """Create every table, then the append-only triggers."""
    op.create_table(
        "counters",
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_counters")),
    )
    op.create_table(
        "scenario_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scenario_versions")),
        sa.UniqueConstraint("name", "version", name=op.f("uq_scenario_versions_name")),
        sa.CheckConstraint("version >= 1", name=op.f("ck_scenario_versions_version_positive")),
    )
    op.create_table(
        "scenario_files",
        sa.Column("scenario_version_id", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(500), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("scenario_version_id", "path", name=op.f("pk_scenario_files")),
        sa.ForeignKeyConstraint(
            ["scenario_version_id"],
            ["scenario_versions.id"],
            name=op.f("fk_scenario_files_scenario_version_id_scenario_versions"),
            ondelete="RESTRICT",
        ),
    )
    op.create_table(
        "plan_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scenario_version_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("status", sa.String(60), nullable=False),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.Column("schedule", sa.JSON(), nullable=False),
        sa.Column("kpis", sa.JSON(), nullable=False),
        sa.Column("solver_log", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_runs")),
        sa.ForeignKeyConstraint(
            ["scenario_version_id"],
            ["scenario_versions.id"],
            name=op.f("fk_plan_runs_scenario_version_id_scenario_versions"),
            ondelete="RESTRICT",
        ),
    )
    op.create_index(
        op.f("ix_plan_runs_scenario_version_id"), "plan_runs", ["scenario_version_id"], unique=False
    )
    op.create_table(
        "publications",
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("schedule", sa.JSON(), nullable=False),
        sa.Column("plan_run_id", sa.Integer(), nullable=True),
        sa.Column("scenario_version_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_publications")),
        sa.CheckConstraint("number >= 1", name=op.f("ck_publications_number_positive")),
        sa.ForeignKeyConstraint(
            ["plan_run_id"],
            ["plan_runs.id"],
            name=op.f("fk_publications_plan_run_id_plan_runs"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["scenario_version_id"],
            ["scenario_versions.id"],
            name=op.f("fk_publications_scenario_version_id_scenario_versions"),
            ondelete="RESTRICT",
        ),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
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
