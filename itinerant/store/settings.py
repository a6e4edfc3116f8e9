"""Where the store lives: the database URL from the environment.

Resolution order (first that is set and not empty wins):

1. ``$ITINERANT_DB_URL``: any SQLAlchemy URL, e.g. ``postgresql+psycopg://user@host/db`` or
   ``sqlite:////var/lib/itinerant/itinerant.db``;
2. ``$ITINERANT_DB``: the path of a SQLite file;
3. ``default_data_dir() / "itinerant.db"``, with :func:`default_data_dir` being
   ``$ITINERANT_DATA_DIR`` or ``~/.local/share/itinerant``.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["DB_FILENAME", "database_url", "default_data_dir", "sqlite_url", "store_url"]

DB_FILENAME = "itinerant.db"
"""Name of the SQLite file in :func:`default_data_dir`."""


def default_data_dir() -> Path:
    """Folder for itinerant's durable data (the SQLite store by default).

    Returns
    -------
    pathlib.Path
        ``$ITINERANT_DATA_DIR`` if set and not empty, else ``~/.local/share/itinerant``
        (not created here; :meth:`itinerant.store.Store.open` creates it when needed).
    """
    env = os.environ.get("ITINERANT_DATA_DIR", "").strip()
    return Path(env).expanduser() if env else Path.home() / ".local" / "share" / "itinerant"


def sqlite_url(path: str | os.PathLike[str]) -> str:
    """SQLAlchemy URL of a SQLite file.

    Parameters
    ----------
    path
        The file (``~`` is expanded; a relative path is made absolute).

    Returns
    -------
    str
        ``sqlite:///`` followed by the absolute path.
    """
    return f"sqlite:///{Path(path).expanduser().resolve()}"


def database_url() -> str:
    """The store's database URL according to the environment (see the module docstring).

    Returns
    -------
    str
        A SQLAlchemy URL.
    """
    url = os.environ.get("ITINERANT_DB_URL", "").strip()
    if url:
        return url
    path = os.environ.get("ITINERANT_DB", "").strip()
    if path:
        return sqlite_url(path)
    return sqlite_url(default_data_dir() / DB_FILENAME)


def store_url(value: str | None) -> str | None:
    """The store's URL from a ``--db`` option: a SQLAlchemy URL as is, else a SQLite file path.

    ``None`` stays ``None`` (the settings decide, see :func:`database_url`).
    """
    if value is None or "://" in value:
        return value
    return sqlite_url(Path(value))
