"""Helpers of the dashboard's AppTest tests, and the tests of the shared frame (navigation).

Each test gets its own temporary SQLite store (``ITINERANT_DB``) holding the small hand-made
scenario of ``conftest.py``, planned and published when the page needs it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from itinerant.dashboard.plans import record_plan
from itinerant.dashboard.workspace import build_workspace
from itinerant.model import Scenario
from itinerant.store import Store, sqlite_url
from tests.paths import REPO

APP = REPO / "app.py"
TIMEOUT = 120

COORDINATOR = {"username": "coordination", "name": "Coordination", "role": "coordinator"}
DRIVER = {"username": "chauffeur", "name": "Chauffeur", "role": "driver", "bus": "bus-1"}
COORDINATOR_PAGES = (
    "territoire",
    "nouveau_territoire",
    "ressources",
    "arrets",
    "popups",
    "planifier",
    "publier",
)


def plannable(scenario: Scenario) -> Scenario:
    """The tiny scenario made plannable: Hélène also on Tuesdays, the pop-up optional."""
    from dataclasses import replace

    from itinerant.model import AvailabilityRule, Slot

    return replace(
        scenario,
        availability=(*scenario.availability, AvailabilityRule("c2", 1, Slot.DAY)),
        popups=tuple(replace(p, mandatory=False) for p in scenario.popups),
    )


def make_store(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    scenario: Scenario,
    *,
    plan: bool = False,
    publish: bool = False,
) -> str:
    """A store with ``scenario`` as version 1 (planned and published if asked); its URL.

    The environment of the app is set: ``ITINERANT_DB`` and ``ITINERANT_PUBLIC_DIR``.
    """
    if plan or publish:
        scenario = plannable(scenario)
    db = tmp_path / "store.db"
    monkeypatch.setenv("ITINERANT_DB", str(db))
    monkeypatch.delenv("ITINERANT_DB_URL", raising=False)
    monkeypatch.setenv("ITINERANT_PUBLIC_DIR", str(tmp_path / "publication"))
    monkeypatch.setenv("ITINERANT_LANG", "fr")
    url = sqlite_url(db)
    with Store.open(url) as store:
        version = store.save_scenario(scenario, author="test")
        if plan or publish:
            from itinerant.schedule.planner import plan_data

            ws = build_workspace(scenario, version)
            result = plan_data(ws.planning_data(), time_limit_s=2.0, seed=0)
            run = record_plan(store, ws, result, author="test")
            if publish:
                from itinerant.publish.release import publish_schedule

                publish_schedule(
                    result.schedule,
                    scenario,
                    store=store,
                    out_dir=tmp_path / "publication",
                    author="test",
                    matrix=ws.matrix,
                    network=ws.network,
                    plan_run=run.id,
                    scenario_version=version.id,
                )
    return url


def app(user: dict[str, str] | None = None) -> AppTest:
    """The dashboard, run once, with ``user`` logged in (``None``: a visitor)."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    if user is not None:
        at.session_state["auth_user"] = user
    at.run()
    assert not at.exception, at.exception
    return at


def open_page(at: AppTest, page: str) -> AppTest:
    """Switch to ``app_pages/<page>.py`` and run."""
    at.switch_page(f"app_pages/{page}.py")
    at.run()
    assert not at.exception, at.exception
    return at


def texts(at: AppTest) -> str:
    """Every text shown (markdown, captions, alerts, titles...), joined."""
    parts: list[str] = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "info",
        "warning",
        "error",
        "success",
    ):
        parts += [str(e.value) for e in getattr(at, kind)]
    return "\n".join(parts)


# --------------------------------------------------------------------------- the frame
def test_visitor_sees_public_page_and_no_coordinator_page(tmp_path, monkeypatch, tiny_scenario):
    make_store(tmp_path, monkeypatch, tiny_scenario)
    at = app()
    assert at.title[0].value == "Où rencontrer la Cité des métiers\u202f?"
    assert not at.get("button") or all(b.key != "plan_run" for b in at.button)


@pytest.mark.parametrize("page", COORDINATOR_PAGES)
def test_visitor_opening_a_coordinator_page_gets_the_login_prompt(
    tmp_path, monkeypatch, tiny_scenario, page
):
    make_store(tmp_path, monkeypatch, tiny_scenario)
    at = open_page(app(), page)
    assert "Cette page est réservée" in texts(at)
    assert at.text_input(key="login_username") is not None
    assert not at.title, "the page itself must not be drawn"


@pytest.mark.parametrize("page", COORDINATOR_PAGES)
def test_driver_cannot_reach_coordinator_pages(tmp_path, monkeypatch, tiny_scenario, page):
    make_store(tmp_path, monkeypatch, tiny_scenario)
    at = open_page(app(DRIVER), page)
    assert "ne donne pas accès" in texts(at)
    assert not at.title


def test_login_with_the_sample_users(tmp_path, monkeypatch, tiny_scenario):
    make_store(tmp_path, monkeypatch, tiny_scenario)
    monkeypatch.delenv("ITINERANT_USERS", raising=False)
    at = open_page(app(), "connexion")
    at.text_input(key="login_username").input("coordination")
    at.text_input(key="login_password").input("wrong")
    at.button(key="login_submit").click().run()
    assert "Identifiant ou mot de passe incorrect." in texts(at)
    at.text_input(key="login_username").input("coordination")
    at.text_input(key="login_password").input("demo-coordination")
    at.button(key="login_submit").click().run()
    assert not at.exception
    assert at.session_state["auth_user"]["role"] == "coordinator"
    open_page(at, "territoire")
    assert at.title[0].value.startswith("Territoire")


def test_users_file_from_the_environment(tmp_path, monkeypatch, tiny_scenario):
    from itinerant.dashboard.auth import hash_password

    make_store(tmp_path, monkeypatch, tiny_scenario)
    users = tmp_path / "users.toml"
    users.write_text(
        f'[users.lea]\nname = "Léa"\nrole = "driver"\npassword = "{hash_password("secret")}"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("ITINERANT_USERS", str(users))
    at = open_page(app(), "connexion")
    at.text_input(key="login_username").input("lea")
    at.text_input(key="login_password").input("secret")
    at.button(key="login_submit").click().run()
    assert at.session_state["auth_user"]["role"] == "driver"
    open_page(at, "planifier")
    assert "ne donne pas accès" in texts(at)
    assert os.environ["ITINERANT_USERS"] == str(users)


def wait_for_job(at: AppTest, timeout: float = 90.0) -> AppTest:
    """Re-run the page until its planning job is over (the page records the result)."""
    import time

    deadline = time.monotonic() + timeout
    while "plan_job" in at.session_state and time.monotonic() < deadline:
        time.sleep(0.3)
        at.run()
        assert not at.exception, at.exception
    assert "plan_job" not in at.session_state, "the job did not finish in time"
    return at
