"""The light side of routing: the TravelMatrix and the early stages load no graph library."""

from __future__ import annotations

import pytest

from itinerant import routing
from tests.paths import heavy_modules_after

HEAVY = ("scipy.sparse.csgraph", "networkx", "osmnx", "sklearn")


def _loaded_after(statement: str) -> list[str]:
    return heavy_modules_after(statement, HEAVY)


@pytest.mark.parametrize(
    "statement",
    [
        "from itinerant.routing import TravelMatrix",
        "import itinerant.model",
        "import itinerant.io",
        "import itinerant.access",
        "from itinerant.routing import TravelMatrix, default_cache_dir\n"
        "import itinerant.model, itinerant.io, itinerant.access",
    ],
)
def test_light_imports_load_no_graph_library(statement: str) -> None:
    assert _loaded_after(statement) == []


def test_heavy_names_are_still_there_when_asked_for() -> None:
    assert set(_loaded_after("from itinerant.routing import travel_matrix")) >= {
        "scipy.sparse.csgraph",
        "networkx",
    }


def test_every_public_name_has_a_home_module() -> None:
    for name in routing.__all__:
        assert getattr(routing, name) is not None
    assert sorted(routing._HOME) == sorted(routing.__all__)
    assert "TravelMatrix" in dir(routing)
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = routing.nothing  # type: ignore[attr-defined]
