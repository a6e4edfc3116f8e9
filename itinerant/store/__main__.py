"""Run the store's Alembic migrations from the command line.

::

    python -m itinerant.store [--url URL] upgrade [REVISION]   # default: head
    python -m itinerant.store [--url URL] downgrade REVISION   # "base" drops every table
    python -m itinerant.store [--url URL] current              # the database's revision
    python -m itinerant.store history                          # the revisions shipped

Without ``--url`` the database is the one named by the environment
(:func:`itinerant.store.settings.database_url`).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from alembic.script import ScriptDirectory

from itinerant.errors import ItinerantError
from itinerant.store.engine import make_engine, safe_url
from itinerant.store.migrate import alembic_config, current_revision, downgrade, upgrade
from itinerant.store.settings import database_url


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m itinerant.store", description="Migrations of itinerant's store."
    )
    parser.add_argument("--url", help="database URL (default: from the environment)")
    sub = parser.add_subparsers(dest="command", required=True)
    up = sub.add_parser("upgrade", help="migrate to a newer revision")
    up.add_argument("revision", nargs="?", default="head")
    down = sub.add_parser("downgrade", help="migrate back to an older revision")
    down.add_argument("revision")
    sub.add_parser("current", help="show the database's revision")
    sub.add_parser("history", help="list the revisions shipped with itinerant")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    if args.command == "history":
        script = ScriptDirectory.from_config(alembic_config())
        for rev in script.walk_revisions():
            sys.stdout.write(f"{rev.revision}: {rev.doc}\n")
        return 0
    url = args.url or database_url()
    try:
        engine = make_engine(url)
        try:
            if args.command == "upgrade":
                upgrade(engine, args.revision)
            elif args.command == "downgrade":
                downgrade(engine, args.revision)
            sys.stdout.write(f"{safe_url(url)}: {current_revision(engine) or 'empty'}\n")
        finally:
            engine.dispose()
    except (ItinerantError, Exception) as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
