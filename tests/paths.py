"""Paths the tests share: the repository, the test data and ``../shared`` beside the checkout."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TEST_DATA = REPO / "tests" / "data"
SMALL_TOWN = TEST_DATA / "routing" / "small_town.osm"
SHARED = REPO.parent / "shared"


def heavy_modules_after(statement: str, heavy: tuple[str, ...]) -> list[str]:
    """Which of ``heavy`` are in ``sys.modules`` after ``statement``, in a fresh interpreter."""
    import json
    import subprocess
    import sys

    listed = f"[m for m in {heavy!r} if m in sys.modules]"
    code = f"import json, sys\n{statement}\nprint(json.dumps({listed}))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    return list(json.loads(done.stdout.strip().splitlines()[-1]))
