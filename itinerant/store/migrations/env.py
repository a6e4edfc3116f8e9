"""Alembic environment of the store.

The store runs migrations programmatically (no ``alembic.ini``): it passes an open connection,
already inside a locked write transaction, in ``config.attributes["connection"]``; the migrations
then run in that transaction, so that two processes opening a new database at once cannot both
create the tables. Without a connection (Alembic driven by hand with
:func:`itinerant.store.migrate.alembic_config` and a URL), the store's own engine is made for
``sqlalchemy.url`` (same SQLite pragmas and locking) and the migrations run in one transaction.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from itinerant.store.engine import make_engine, write_transaction
from itinerant.store.schema import metadata

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    """Write the migrations' SQL instead of running it (``upgrade --sql``)."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run the migrations on the given connection, or on a new one to ``sqlalchemy.url``."""
    connection = config.attributes.get("connection")
    if isinstance(connection, Connection):
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        msg = "no database: set sqlalchemy.url or pass a connection"
        raise RuntimeError(msg)
    engine = make_engine(url)
    try:
        with write_transaction(engine) as conn:
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
