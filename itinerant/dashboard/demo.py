"""``itinerant demo``: a store with the default territory planned and published, for a first look.

Usage::

    itinerant demo [--db PATH|URL] [--out DIR] [--time-limit S] [--force]

Seeds the store (``--db``, default ``$ITINERANT_DB_URL`` / ``$ITINERANT_DB`` / the data folder)
with the default territory as scenario version 1, plans it, records the plan run and publishes
it into ``--out`` (:func:`bootstrap_demo`). A store that already holds a Publication is left as
it is unless ``--force``. Then ``streamlit run app.py`` shows a full example (see
``docs/dashboard.md``).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from itinerant.dashboard.planner_settings import settings_document
from itinerant.dashboard.plans import record_plan
from itinerant.dashboard.workspace import DEMO_AUTHOR, open_workspace, seed_store
from itinerant.errors import ItinerantError
from itinerant.i18n import t
from itinerant.store import PlanRun, ScenarioVersion, Store, default_data_dir, store_url

if TYPE_CHECKING:
    from itinerant.publish.release import PublishResult

__all__ = ["DemoResult", "bootstrap_demo", "main"]

logger = logging.getLogger(__name__)

_DESCRIPTION = """Seed the store with the default territory, plan it, record the run and publish
it (nothing is done when the store already holds a publication, unless --force)."""


@dataclass(frozen=True)
class DemoResult:
    """What :func:`bootstrap_demo` did (``None`` fields: already present, left as is)."""

    version: ScenarioVersion
    plan_run: PlanRun | None
    publication: PublishResult | None


def bootstrap_demo(
    store: Store,
    out_dir: str | Path,
    *,
    time_limit_s: float = 20.0,
    seed: int = 0,
    author: str = DEMO_AUTHOR,
    force: bool = False,
    progress: Callable[[Any], None] | None = None,
) -> DemoResult:
    """Seed the store with the default territory, plan it, record the run and publish it.

    The plan uses the scenario's own ``[plan]`` settings, under ``time_limit_s`` seconds. A
    store that already holds a Publication is left alone (unless ``force``), so that the
    README's main command can call this before every ``streamlit run``.
    """
    from itinerant.publish.release import publish_schedule  # noqa: PLC0415
    from itinerant.schedule.planner import plan_data  # noqa: PLC0415

    version = seed_store(store, author=author)
    if store.latest_publication() is not None and not force:
        logger.info("the store already holds a publication: nothing to do")
        return DemoResult(version, None, None)
    workspace = open_workspace(store, version.id)
    data = workspace.planning_data()
    result = plan_data(data, time_limit_s=time_limit_s, seed=seed, progress=progress)
    settings = settings_document(data.settings, time_limit_s=time_limit_s, seed=seed)
    run = record_plan(store, workspace, result, author=author, settings=settings)
    published = publish_schedule(
        result.schedule,
        workspace.scenario,
        store=store,
        out_dir=Path(out_dir),
        author=author,
        note=t("app.demo.note"),
        matrix=workspace.matrix,
        network=workspace.network,
        plan_run=run.id,
        scenario_version=version.id,
    )
    return DemoResult(version, run, published)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="itinerant demo", description=_DESCRIPTION)
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
