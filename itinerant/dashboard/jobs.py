"""Planning jobs: the solver in a background thread, with a progress queue and a cancel button.

A dashboard page must stay responsive while CP-SAT searches, so the search runs in a
:class:`Job` (a daemon thread). The page keeps the Job (in its session, or in a registry shared
by the server process: :class:`JobRegistry`) and polls :meth:`Job.status` every second: the
solver's progress reports (:class:`~itinerant.schedule.cpsat.Progress`, sent from CP-SAT's
worker threads) go through a :class:`queue.Queue`, and :meth:`Job.cancel` sets the
:class:`threading.Event` the planner watches, which stops the search with the best valid plan
found so far.

Typical use::

    job = plan_job(data, time_limit_s=30, seed=0).start()
    while not job.status().finished:
        time.sleep(1)
    result = job.status().result  # a PlanResult, or .error
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import queue
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, Generic, Literal, TypedDict, TypeVar, Unpack

if TYPE_CHECKING:
    from itinerant.schedule.changes import Change, Disruption
    from itinerant.schedule.cpsat import Progress
    from itinerant.schedule.data import PlanningData
    from itinerant.schedule.planner import PlanResult
    from itinerant.schedule.schedule import Schedule

__all__ = [
    "Job",
    "JobRegistry",
    "JobState",
    "JobStatus",
    "SearchOptions",
    "plan_job",
    "replan_job",
]

logger = logging.getLogger(__name__)

T = TypeVar("T")
JobState = Literal["pending", "running", "done", "cancelled", "failed"]
ProgressCallback = Callable[["Progress"], None]


@dataclass(frozen=True)
class JobStatus(Generic[T]):
    """A snapshot of a Job.

    Attributes
    ----------
    state
        ``pending`` (not started), ``running``, ``done``, ``cancelled`` (stopped early by
        :meth:`Job.cancel`; :attr:`result` holds the best plan found) or ``failed``.
    progress
        The latest progress report (``None`` before the first solution).
    history
        Every progress report received, in order (for a chart of the objective over time).
    elapsed_s
        Seconds since the start (until the end once finished).
    time_limit_s
        The job's time limit in seconds (for a progress bar), if known.
    result
        What the target returned, once finished without error.
    error
        The exception raised by the target, if it failed.
    """

    state: JobState
    progress: Progress | None
    history: tuple[Progress, ...]
    elapsed_s: float
    time_limit_s: float | None
    result: T | None
    error: BaseException | None

    @property
    def finished(self) -> bool:
        """Whether the job is over (done, cancelled or failed)."""
        return self.state in ("done", "cancelled", "failed")

    @property
    def fraction(self) -> float:
        """Share (0..1) of the time limit used, 1 once finished."""
        if self.finished:
            return 1.0
        if not self.time_limit_s:
            return 0.0
        return min(self.elapsed_s / self.time_limit_s, 0.99)


class Job(Generic[T]):
    """Run ``target(progress, cancel)`` in a daemon thread.

    Parameters
    ----------
    target
        The work: it receives a progress callback (thread-safe: it only puts into a queue) and
        a :class:`threading.Event` set when cancelling is asked.
    name
        A label for logs.
    time_limit_s
        The time limit given to the work, shown as a progress bar.
    """

    def __init__(
        self,
        target: Callable[[ProgressCallback, threading.Event], T],
        *,
        name: str = "job",
        time_limit_s: float | None = None,
    ) -> None:
        self.name = name
        self.time_limit_s = time_limit_s
        self.created = dt.datetime.now(dt.UTC)
        self._target = target
        self._cancel = threading.Event()
        self._queue: queue.Queue[Progress] = queue.Queue()
        self._history: list[Progress] = []
        self._lock = threading.Lock()
        self._state: JobState = "pending"
        self._result: T | None = None
        self._error: BaseException | None = None
        self._started = 0.0
        self._ended: float | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> Job[T]:
        """Start the work in its thread (once); returns the Job."""
        with self._lock:
            if self._thread is not None:
                return self
            self._state = "running"
            self._started = time.monotonic()
            self._thread = threading.Thread(target=self._run, name=f"itinerant-{self.name}")
            self._thread.daemon = True
        self._thread.start()
        logger.info("job %s started", self.name)
        return self

    def _run(self) -> None:
        try:
            result = self._target(self._queue.put, self._cancel)
        except BaseException as exc:  # reported through status()
            logger.info("job %s failed: %s", self.name, exc)
            with self._lock:
                self._error = exc
                self._state = "failed"
                self._ended = time.monotonic()
            return
        with self._lock:
            self._result = result
            self._state = "cancelled" if self._cancel.is_set() else "done"
            self._ended = time.monotonic()
        logger.info("job %s %s", self.name, self._state)

    def cancel(self) -> None:
        """Ask the work to stop early (it keeps the best plan found so far)."""
        self._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        """Whether :meth:`cancel` was called."""
        return self._cancel.is_set()

    def wait(self, timeout: float | None = None) -> JobStatus[T]:
        """Wait for the end of the work (at most ``timeout`` seconds); returns the status."""
        if self._thread is not None:
            self._thread.join(timeout)
        return self.status()

    def status(self) -> JobStatus[T]:
        """A snapshot: state, latest progress, result or error."""
        while True:
            try:
                self._history.append(self._queue.get_nowait())
            except queue.Empty:
                break
        with self._lock:
            if self._state == "pending":
                elapsed = 0.0
            else:
                end = self._ended if self._ended is not None else time.monotonic()
                elapsed = end - self._started
            return JobStatus(
                state=self._state,
                progress=self._history[-1] if self._history else None,
                history=tuple(self._history),
                elapsed_s=elapsed,
                time_limit_s=self.time_limit_s,
                result=self._result,
                error=self._error,
            )


class JobRegistry:
    """Jobs by id, shared by the sessions of one server process (thread-safe)."""

    def __init__(self) -> None:
        self._jobs: dict[str, Job[Any]] = {}
        self._lock = threading.Lock()
        self._ids = itertools.count(1)

    def add(self, job: Job[Any]) -> str:
        """Keep ``job``; returns its id."""
        with self._lock:
            ident = f"{job.name}-{next(self._ids)}"
            self._jobs[ident] = job
            return ident

    def get(self, ident: str | None) -> Job[Any] | None:
        """The job ``ident``, or ``None``."""
        if ident is None:
            return None
        with self._lock:
            return self._jobs.get(ident)

    def drop(self, ident: str) -> None:
        """Forget job ``ident`` (cancelling it if still running)."""
        with self._lock:
            job = self._jobs.pop(ident, None)
        if job is not None:
            job.cancel()

    def __len__(self) -> int:
        with self._lock:
            return len(self._jobs)


class SearchOptions(TypedDict, total=False):
    """Options of a planning search: its time limit (seconds, default 30) and seed (default 0)."""

    time_limit_s: float
    seed: int


def _search_job(name: str, search: Callable[..., T], options: SearchOptions) -> Job[T]:
    """A Job running ``search`` (a planner call, its inputs bound) with progress and cancel."""
    time_limit_s = float(options.get("time_limit_s", 30.0))
    seed = int(options.get("seed", 0))

    def work(progress: ProgressCallback, cancel: threading.Event) -> T:
        return search(time_limit_s=time_limit_s, seed=seed, progress=progress, cancel=cancel)

    return Job(work, name=name, time_limit_s=time_limit_s)


def plan_job(
    data: PlanningData,
    *,
    keep: Schedule | None = None,
    locked: Mapping[tuple[str, dt.date], tuple[str, ...]] | None = None,
    **options: Unpack[SearchOptions],
) -> Job[PlanResult]:
    """A (not yet started) Job running :func:`~itinerant.schedule.planner.plan_data`."""
    from itinerant.schedule.planner import plan_data  # noqa: PLC0415

    return _search_job("plan", partial(plan_data, data, keep=keep, locked=locked), options)


def replan_job(
    data: PlanningData,
    published: Schedule,
    disruptions: Sequence[Disruption],
    **options: Unpack[SearchOptions],
) -> Job[tuple[PlanResult, list[Change]]]:
    """A Job running :func:`~itinerant.schedule.replan.replan` (cancel keeps the best so far)."""
    from itinerant.schedule.replan import replan  # noqa: PLC0415

    return _search_job("replan", partial(replan, data, published, disruptions), options)
