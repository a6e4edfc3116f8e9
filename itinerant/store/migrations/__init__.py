"""Alembic migrations of the store (run by :func:`itinerant.store.migrate.upgrade`).

``env.py`` uses the connection handed over by the store (``config.attributes["connection"]``)
when there is one, else opens ``sqlalchemy.url`` from the Alembic config; ``versions/`` holds one
file per revision, named ``NNNN_what.py``.
"""
