"""Fixtures of the public-timetable tests: a Schedule with known rotations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from itinerant.publish.public import write_public
from itinerant.schedule.schedule import Schedule
from tests.conftest import DefaultPlan
from tests.publish.public.rotating import rotating_schedule


@pytest.fixture(scope="module")
def rotating(default_plan: DefaultPlan) -> Schedule:
    """The default plan reshaped so that some Stops rotate (see :mod:`.rotating`)."""
    return rotating_schedule(default_plan.schedule)


PUBLISHED_STAMP = dt.datetime(2026, 12, 15, 10, 30, tzinfo=dt.UTC)
"""When :func:`published_default` is published."""


@pytest.fixture(scope="session")
def published_default(
    default_plan: DefaultPlan, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, list[Path]]:
    """The default plan's public timetable, in French, without a base URL (read-only: shared)."""
    out = tmp_path_factory.mktemp("public")
    files = write_public(
        default_plan.schedule,
        default_plan.scenario,
        default_plan.matrix,
        out,
        generated_at=PUBLISHED_STAMP,
        lang="fr",
    )
    return out, files


ROTATING_STAMP = dt.datetime(2026, 12, 15, 10, 30, tzinfo=dt.UTC)
"""When :func:`published_rotating` is published."""
ROTATING_BASE_URL = "https://exemple.fr/cite/"
"""The public base URL :func:`published_rotating` is published under."""


@pytest.fixture(scope="module")
def published_rotating(
    default_plan: DefaultPlan, rotating: Schedule, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The public timetable of :func:`rotating`, in French, under :data:`ROTATING_BASE_URL`."""
    out = tmp_path_factory.mktemp("rotating")
    write_public(
        rotating,
        default_plan.scenario,
        default_plan.matrix,
        out,
        generated_at=ROTATING_STAMP,
        lang="fr",
        base_url=ROTATING_BASE_URL,
    )
    return out
