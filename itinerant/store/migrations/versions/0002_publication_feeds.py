"""Publication feeds: the calendar feeds' history kept with each Publication.

The public calendar feeds of a Publication carry revisions (``SEQUENCE``) and the visits
cancelled since the previous one; the next Publication continues that history, so it is kept
with the Publication, append-only like it.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLE = "publication_feeds"


def upgrade() -> None:
    """Create the table, then its append-only triggers."""
    op.create_table(
        _TABLE,
        sa.Column("publication_number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("feeds", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("publication_number", name=op.f("pk_publication_feeds")),
        sa.ForeignKeyConstraint(
            ["publication_number"],
            ["publications.number"],
            name=op.f("fk_publication_feeds_publication_number_publications"),
            ondelete="RESTRICT",
        ),
    )
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {_TABLE}_no_{event.lower()} BEFORE {event} ON {_TABLE} "
                f"BEGIN SELECT RAISE(ABORT, '{_TABLE} is append-only: {event} refused'); END"
            )
    elif dialect == "postgresql":
        # itinerant_refuse_change() is created by revision 0001
        op.execute(
            f"CREATE TRIGGER {_TABLE}_append_only BEFORE UPDATE OR DELETE ON {_TABLE} "
            "FOR EACH ROW EXECUTE FUNCTION itinerant_refuse_change()"
        )
        op.execute(
            f"CREATE TRIGGER {_TABLE}_no_truncate BEFORE TRUNCATE ON {_TABLE} "
            "FOR EACH STATEMENT EXECUTE FUNCTION itinerant_refuse_change()"
        )


def downgrade() -> None:
    """Drop the triggers, then the table."""
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for event in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {_TABLE}_no_{event}")
    elif dialect == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS {_TABLE}_append_only ON {_TABLE}")
        op.execute(f"DROP TRIGGER IF EXISTS {_TABLE}_no_truncate ON {_TABLE}")
    op.drop_table(_TABLE)
