"""The Planifier page's planning jobs without Streamlit (itinerant.dashboard.plan_desk)."""

from __future__ import annotations

import time

import pytest

from itinerant.dashboard.jobs import Job, JobRegistry, JobStatus
from itinerant.dashboard.plan_desk import (
    CHANGES,
    FLASH,
    JOB,
    TICKET,
    PlanDesk,
    Ticket,
    error_messages,
    progress_text,
)
from itinerant.errors import InputError
from itinerant.schedule.cpsat import Progress


def finish(desk: PlanDesk, timeout: float = 60.0) -> None:
    """Poll like the page until the session's job is collected."""
    deadline = time.monotonic() + timeout
    while desk.refresh() is not None:
        assert time.monotonic() < deadline, "the job did not finish in time"
        time.sleep(0.1)


@pytest.fixture
def desk(store, planned):
    ws, _ = planned
    session: dict[str, object] = {}
    return PlanDesk(session, JobRegistry(), store, author="coord", workspace=lambda _: ws)


def session_of(desk: PlanDesk) -> dict[str, object]:
    return desk._session  # type: ignore[return-value]


def test_a_plan_is_started_polled_and_recorded(desk, store, planned):
    ws, _ = planned
    ident = desk.plan(ws, ws.scenario.plan, time_limit_s=2, seed=0)
    session = session_of(desk)
    assert session[JOB] == ident
    assert session[TICKET].kind == "plan"
    assert desk.job() is not None
    finish(desk)
    assert JOB not in session
    assert TICKET not in session
    assert "Planification terminée" in session[FLASH]
    assert desk.error is None
    runs = store.plan_runs()
    assert len(runs) == 2
    assert (runs[0].author, runs[0].settings["time_limit_s"]) == ("coord", 2)


def test_locked_days_are_kept_and_stored(desk, store, planned):
    ws, result = planned
    tour = result.schedule.tours[0]
    key = (tour.bus, tour.date)
    desk.plan(ws, ws.scenario.plan, time_limit_s=2, seed=0, keep=result.schedule, lock=[key])
    finish(desk)
    run = store.plan_runs()[0]
    assert run.settings["locked"] == [f"{tour.bus}:{tour.date.isoformat()}"]
    (kept,) = [
        t for t in run.schedule["tours"] if (t["bus"], t["date"]) == (tour.bus, str(tour.date))
    ]
    assert [v["stop"] for v in kept["visits"]] == [v.stop for v in tour.visits]


def test_a_replan_lists_its_changes_and_bad_disruptions_start_nothing(desk, planned):
    ws, result = planned
    with pytest.raises(InputError):
        desk.replan(ws, result.schedule, "absence:c2:demain", time_limit_s=2, seed=0)
    with pytest.raises(InputError):
        desk.replan(ws, result.schedule, "  \n", time_limit_s=2, seed=0)
    assert desk.job() is None
    day = result.schedule.tours[0].date.isoformat()
    desk.replan(ws, result.schedule, f"absence:c1:{day}", time_limit_s=2, seed=0)
    assert session_of(desk)[TICKET].settings == {"disruptions": [f"absence:c1:{day}"], "seed": 0}
    finish(desk)
    assert desk.changes
    assert session_of(desk)[CHANGES] is desk.changes


def test_a_variant_is_planned_for_comparison_not_recorded(desk, store, planned):
    ws, _ = planned
    desk.compare(ws, ws.scenario.plan, copies=1, time_limit_s=2, seed=0)
    finish(desk)
    assert desk.comparison is not None
    assert "+1 minibus" in desk.comparison.name
    assert "plan" in desk.comparison.kpis
    assert len(store.plan_runs()) == 1


def test_a_failed_job_is_kept_to_be_explained(store, planned):
    ws, _ = planned
    registry = JobRegistry()
    session: dict[str, object] = {}
    desk = PlanDesk(session, registry, store, author="c", workspace=lambda _: ws)

    def boom(progress, cancel):
        msg = "no solver"
        raise RuntimeError(msg)

    desk._start(Job(boom), Ticket("plan", ws.version_id))
    finish(desk)
    assert isinstance(desk.error, RuntimeError)
    assert error_messages(desk.error) == ["La planification a échoué : no solver"]
    assert len(registry) == 0
    assert len(store.plan_runs()) == 1


def test_an_impossible_plan_is_explained(tiny_scenario):
    from itinerant.dashboard.workspace import build_workspace
    from itinerant.schedule.explain import ImpossiblePlanError
    from itinerant.schedule.planner import plan_data

    ws = build_workspace(tiny_scenario)  # the mandatory pop-up cannot be staffed
    with pytest.raises(ImpossiblePlanError) as info:
        plan_data(ws.planning_data(), time_limit_s=2, seed=0)
    messages = error_messages(info.value)
    assert messages[0] == "Planification impossible :"
    assert any("Forum emploi" in m for m in messages[1:])


def test_progress_text():
    def status(progress: Progress | None) -> JobStatus[None]:
        history = (progress,) if progress else ()
        return JobStatus("running", progress, history, 3.2, 10.0, None, None)

    assert progress_text(status(None), "fr") == "Préparation et recherche : 3 s…"
    text = progress_text(status(Progress(1.0, 15.0, 20.0, 1)), "en")
    assert "15" in text
    assert "20" in text
