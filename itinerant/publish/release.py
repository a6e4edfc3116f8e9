"""Publishing a Schedule: record a Publication in the store and write everything it feeds.

:func:`publish_schedule` is the one entry point used by ``itinerant publish`` and the dashboard:

1. every artefact is written into a staging folder beside ``out_dir`` — drivers' files,
   public site, feeds, open data, posters, change notices — so a failing writer records
   nothing;
2. the Publication is recorded in the store (one transaction: numbered, immutable, audited;
   see :mod:`itinerant.store`);
3. the staging folder becomes ``out_dir``. An earlier publication folder there is replaced (its
   version stays in the store); any other non-empty folder is refused, never overwritten.

Layout of ``out_dir``::

    schedule.json                the Schedule published (crew ids inside: not public)
    publication.json             number, author, date, note
    public/                      everything the public may see (no counsellor data, ever)
        index.html, communes/, ics/, flux/, opendata/, affiches/   (see docs/public-site.md)
        avis.txt, avis.json      change notices for the public
    chauffeurs/                  drivers' roadbooks, GPX, ICS, CSV (see docs/itineraries.md)
        avis_<bus>.txt           what changed in that driver's days
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from itinerant.errors import InputError
from itinerant.i18n import t
from itinerant.model import Scenario
from itinerant.publish.drivers.files import write_driver_files
from itinerant.publish.notices import Notices, change_notices
from itinerant.publish.public import write_public
from itinerant.publish.public.history import HISTORY_FILE, FeedHistory
from itinerant.schedule.export import schedule_document, schedule_from_document
from itinerant.schedule.schedule import Schedule
from itinerant.store import Publication, Store

if TYPE_CHECKING:
    from itinerant.routing import RoadNetwork, TravelMatrix

__all__ = ["PUBLIC_URL_ENV", "PublishResult", "publish_schedule", "published_schedule"]

logger = logging.getLogger(__name__)

PUBLIC_URL_ENV = "ITINERANT_PUBLIC_URL"
"""Environment variable naming the address the public site is served from (``https://…/``)."""


@dataclass(frozen=True)
class PublishResult:
    """What a publish did: the Publication recorded, the files written, the change notices."""

    publication: Publication
    files: tuple[Path, ...]
    notices: Notices
    out_dir: Path


def published_schedule(publication: Publication) -> Schedule:
    """The Schedule of a stored Publication."""
    return schedule_from_document(publication.schedule, f"publication {publication.number}")


def _json_default(value: object) -> str:
    if isinstance(value, dt.date | dt.time | dt.datetime):
        return value.isoformat()
    msg = f"not JSON serialisable: {value!r}"
    raise TypeError(msg)


def _foreign(folder: Path) -> bool:
    """Whether ``folder`` holds files but is not an earlier publication (never overwritten)."""
    return any(folder.iterdir()) and not (folder / "publication.json").is_file()


def _write_notices(notices: Notices, folder: Path, lang: str | None, *, first: bool) -> list[Path]:
    public_dir = folder / "public"
    drivers_dir = folder / "chauffeurs"
    public_dir.mkdir(parents=True, exist_ok=True)
    drivers_dir.mkdir(parents=True, exist_ok=True)
    lines = [n.message for n in notices.public] or [
        t("notice.first" if first else "notice.none", lang)
    ]
    text = public_dir / "avis.txt"
    text.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = public_dir / "avis.json"
    data.write_text(
        json.dumps(
            [dataclasses.asdict(n) for n in notices.public],
            default=_json_default,
            ensure_ascii=False,
            indent=2,
        ),
        encoding="utf-8",
    )
    paths = [text, data]
    for bus, items in notices.drivers.items():
        path = drivers_dir / f"avis_{bus}.txt"
        path.write_text("\n".join(n.message for n in items) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def publish_schedule(
    schedule: Schedule,
    scenario: Scenario,
    *,
    store: Store,
    out_dir: str | Path,
    author: str,
    note: str = "",
    matrix: TravelMatrix | None = None,
    network: RoadNetwork | None = None,
    plan_run: int | None = None,
    scenario_version: int | None = None,
    lang: str | None = None,
    base_url: str | None = None,
    generated_at: dt.datetime | None = None,
) -> PublishResult:
    """Record ``schedule`` as the next Publication and write its artefacts into ``out_dir``.

    ``matrix`` and ``network`` default to the scenario's own (see :mod:`itinerant.pipeline`);
    pass them when already computed. Change notices compare with the latest Publication of
    ``store`` (none for the first one), and the public calendar feeds continue its feeds'
    history (revisions; visits no longer planned published as cancelled), which is kept with
    the new Publication. ``base_url`` is the address the ``public/`` folder is served from
    (default: the environment variable :data:`PUBLIC_URL_ENV`; none: relative links).
    ``generated_at`` is the publication time the public files state (default: now; the
    Publication's own time in the store is always the store's).
    """
    if base_url is None:
        base_url = os.environ.get(PUBLIC_URL_ENV) or None
    out = Path(out_dir)
    if out.exists() and (not out.is_dir() or _foreign(out)):
        msg = (
            f"out_dir {out} exists and is not a publication folder (no publication.json): "
            "choose a new or empty folder, nothing was published"
        )
        raise InputError(msg)
    if network is None or matrix is None:
        # the road network is built only when the caller has none (it loads osmnx)
        from itinerant.pipeline import build_network, matrix_between, scenario_places  # noqa: PLC0415

        if network is None:
            network = build_network(scenario)
        if matrix is None:
            matrix = matrix_between(network, scenario_places(scenario))
    previous = store.latest_publication()
    before = published_schedule(previous) if previous is not None else None
    notices = change_notices(before, schedule, scenario, lang=lang)
    document = schedule_document(schedule, scenario)
    previous_feeds = None
    if previous is not None:
        stored = store.publication_feeds(previous.number)
        if stored is not None:
            source = f"feeds' history of publication {previous.number}"
            previous_feeds = FeedHistory.from_document(stored, source)

    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        (staging / "schedule.json").write_text(
            json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        write_public(
            schedule,
            scenario,
            matrix,
            staging / "public",
            lang=lang,
            base_url=base_url,
            previous_feeds=previous_feeds,
            notices=notices.public,
            generated_at=generated_at,
        )
        feeds = json.loads((staging / "public" / "ics" / HISTORY_FILE).read_text("utf-8"))
        write_driver_files(schedule, scenario, matrix, network, staging / "chauffeurs", lang=lang)
        _write_notices(notices, staging, lang, first=previous is None)
        publication = store.publish(
            document,
            author=author,
            note=note,
            plan_run=plan_run,
            scenario_version=scenario_version,
            feeds=feeds,
        )
        (staging / "publication.json").write_text(
            json.dumps(
                {
                    "number": publication.number,
                    "published_at": publication.published_at.isoformat(),
                    "author": publication.author,
                    "note": publication.note,
                },
                ensure_ascii=False,
                indent=2,
            ),
            encoding="utf-8",
        )
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    files = tuple(sorted(p for p in out.rglob("*") if p.is_file()))
    logger.info("publication %d by %s: %d files in %s", publication.number, author, len(files), out)
    return PublishResult(publication, files, notices, out)
