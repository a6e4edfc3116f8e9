"""``itinerant demo``: a store with the default territory planned and published, for a first look.

Usage::

    itinerant demo [--db PATH|URL] [--out DIR] [--time-limit S] [--force]

Seeds the store (``--db``, default ``$ITINERANT_DB_URL`` / ``$ITINERANT_DB`` / the data folder)
with the default territory as scenario version 1, plans it, records the plan run and publishes
it into ``--out`` (see :func:`itinerant.dashboard.workspace.bootstrap_demo`). A store that
already holds a
Publication is left as it is unless ``--force``. Then ``streamlit run app.py`` shows a full
example (see ``docs/dashboard.md``).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from itinerant.errors import ItinerantError
from itinerant.store import Store, default_data_dir, store_url

__all__ = ["main"]

logger = logging.getLogger(__name__)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="itinerant demo",
        description=(
            "Seed the store with the default territory, plan it, record the run and publish it "
            "(nothing is done when the store already holds a publication, unless --force)."
        ),
    )
    parser.add_argument(
        "--db",
        default=None,
        metavar="URL|FILE",
        help="the store: a SQLAlchemy URL or a SQLite file (default: from the environment)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="publication folder (default: $ITINERANT_PUBLIC_DIR or the data folder/publication)",
    )
    parser.add_argument("--time-limit", type=float, default=20.0, help="solver time limit (s)")
    parser.add_argument("--seed", type=int, default=0, help="solver seed")
    parser.add_argument("--force", action="store_true", help="plan and publish again")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``itinerant demo``; returns the exit status (0, or 1 with a message on error)."""
    import os  # noqa: PLC0415

    from itinerant.dashboard.workspace import bootstrap_demo  # noqa: PLC0415

    args = _parser().parse_args(argv)
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(message)s")
        logging.getLogger("alembic").setLevel(logging.WARNING)  # migration chatter
    out = args.out
    if out is None:
        env = os.environ.get("ITINERANT_PUBLIC_DIR", "").strip()
        out = Path(env).expanduser() if env else default_data_dir() / "publication"
    try:
        with Store.open(store_url(args.db)) as store:
            result = bootstrap_demo(
                store, out, time_limit_s=args.time_limit, seed=args.seed, force=args.force
            )
            where = store.url
    except ItinerantError as exc:
        sys.stderr.write(f"itinerant demo: {exc}\n")
        return 1
    if result.publication is None:
        logger.info("store %s already holds a publication: nothing done (--force to redo)", where)
    else:
        pub = result.publication.publication
        logger.info(
            "store %s: scenario version %d, plan run %d, publication %d (%d files in %s)",
            where,
            result.version.version,
            result.plan_run.id if result.plan_run else 0,
            pub.number,
            len(result.publication.files),
            result.publication.out_dir,
        )
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
