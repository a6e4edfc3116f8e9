"""Planning jobs in a background thread: progress, cancel, errors (itinerant.dashboard.jobs)."""

from __future__ import annotations

import threading

import pytest

from itinerant.dashboard.jobs import Job, JobRegistry, plan_job, replan_job
from itinerant.schedule.cpsat import Progress
from itinerant.schedule.replan import parse_disruption


def test_progress_goes_through_the_queue_and_result_comes_back():
    release = threading.Event()

    def work(progress, cancel):
        progress(Progress(0.1, 10.0, 20.0, 1))
        progress(Progress(0.2, 15.0, 20.0, 2))
        release.wait(5)
        return "plan"

    job = Job(work, name="t", time_limit_s=10)
    assert job.status().state == "pending"
    job.start()
    assert job.start() is job  # started once
    status = job.status()
    assert status.state == "running"
    assert 0.0 <= status.fraction < 1.0
    release.set()
    status = job.wait(5)
    assert status.state == "done"
    assert status.finished
    assert status.fraction == 1.0
    assert status.result == "plan"
    assert [p.objective for p in status.history] == [10.0, 15.0]
    assert status.progress.gap == pytest.approx(0.25)


def test_cancel_sets_the_event_and_keeps_the_result():
    def work(progress, cancel):
        assert cancel.wait(5)
        return "best so far"

    job = Job(work).start()
    job.cancel()
    status = job.wait(5)
    assert status.state == "cancelled"
    assert status.result == "best so far"
    assert job.cancel_requested


def test_errors_are_reported_not_raised():
    def work(progress, cancel):
        msg = "boom"
        raise ValueError(msg)

    status = Job(work).start().wait(5)
    assert status.state == "failed"
    assert isinstance(status.error, ValueError)
    assert status.result is None


def test_registry():
    registry = JobRegistry()
    job = Job(lambda progress, cancel: cancel.wait(5))
    ident = registry.add(job.start())
    assert registry.get(ident) is job
    assert registry.get(None) is None
    assert len(registry) == 1
    registry.drop(ident)  # cancels it
    assert job.wait(5).state == "cancelled"
    assert registry.get(ident) is None


def test_plan_job_on_the_default_territory_can_be_cancelled(default_plan):
    job = plan_job(default_plan.data, time_limit_s=120, seed=1).start()
    while job.status().progress is None and not job.status().finished:
        job.wait(0.2)
    job.cancel()
    status = job.wait(60)
    assert status.state == "cancelled", status.error
    assert status.elapsed_s < 100
    assert status.result.report.ok
    assert status.history


def test_replan_job(default_plan):
    published = default_plan.schedule
    day = published.tours[0].date
    crew = published.tours[0].visits[0].crew[0]
    job = replan_job(
        default_plan.data,
        published,
        [parse_disruption(f"absence:{crew}:{day.isoformat()}")],
        time_limit_s=3,
    ).start()
    status = job.wait(120)
    assert status.state == "done", status.error
    result, changes = status.result
    assert result.report.ok
    assert changes
