"""The demo bootstrap and the ``itinerant demo`` command (itinerant.dashboard.demo)."""

from __future__ import annotations

import pytest

from itinerant.dashboard.plans import latest_plan
from itinerant.dashboard.workspace import seed_store
from itinerant.store import Store, sqlite_url


@pytest.mark.slow
def test_bootstrap_demo_plans_and_publishes_once(tmp_path):
    from itinerant.dashboard.demo import bootstrap_demo

    with Store.open(sqlite_url(tmp_path / "demo.db")) as store:
        first = bootstrap_demo(store, tmp_path / "out", time_limit_s=2)
        assert first.version.version == 1
        assert first.plan_run is not None
        assert first.plan_run.schedule["tours"]
        assert first.publication is not None
        assert first.publication.publication.plan_run == first.plan_run.id
        assert (tmp_path / "out" / "public" / "index.html").is_file()
        again = bootstrap_demo(store, tmp_path / "out", time_limit_s=2)
        assert again.publication is None
        assert again.plan_run is None
        assert len(store.publications()) == 1
        assert latest_plan(store, first.version.id) is not None


def test_demo_command(tmp_path, monkeypatch):
    from itinerant.dashboard import demo
    from itinerant.dashboard.demo import DemoResult

    calls = []

    def fake(store, out, **kwargs):
        calls.append((store.url, out, kwargs))
        return DemoResult(seed_store(store), None, None)

    monkeypatch.setattr("itinerant.dashboard.demo.bootstrap_demo", fake)
    assert (
        demo.main(
            ["--db", str(tmp_path / "d.db"), "--out", str(tmp_path / "o"), "--time-limit", "3"]
        )
        == 0
    )
    (url, out, kwargs) = calls[0]
    assert url.endswith("d.db")
    assert out == tmp_path / "o"
    assert kwargs["time_limit_s"] == 3.0
