"""Paths the tests share: the repository, the test data and ``../shared`` beside the checkout."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TEST_DATA = REPO / "tests" / "data"
SMALL_TOWN = TEST_DATA / "routing" / "small_town.osm"
SHARED = REPO.parent / "shared"
