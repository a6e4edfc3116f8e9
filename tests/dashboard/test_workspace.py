"""The dashboard's working set: a scenario version routed by the pipeline (dashboard.workspace)."""

from __future__ import annotations

from itinerant.dashboard.workspace import access_rows, current_version, open_workspace, seed_store


def test_an_empty_store_is_seeded_once_with_the_default_territory(store):
    assert current_version(store) is None
    first = seed_store(store)
    assert (first.version, first.author) == (1, "demo")
    assert seed_store(store) == first
    ws = open_workspace(store)
    assert ws.version == first
    assert len(ws.scenario.territory.communes) == 255
    assert ws.matrix.approximate


def test_workspace_of_a_version(store, tiny_scenario):
    version = store.save_scenario(tiny_scenario, author="t")
    ws = open_workspace(store, version.id)
    assert ws.scenario == tiny_scenario
    assert {c.code for c in ws.diagnostic.communes} == {"99000", "99001", "99002", "99003"}
    rows = access_rows(ws)
    assert rows[0]["need"] >= rows[-1]["need"]
    assert set(rows[0]) == {
        "code",
        "name",
        "epci",
        "population",
        "minutes",
        "nearest",
        "need_index",
        "need",
    }
