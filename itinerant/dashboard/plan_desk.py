"""The Planifier page's planning jobs, for one session: start, poll, collect (no Streamlit).

A coordinator starts a plan, a plan keeping locked bus-days, a re-plan after disruptions or a
plan of a variant with more minibuses; the job runs in the server's :class:`JobRegistry` while
the page polls it. A :class:`PlanDesk` keeps what a session must remember between two runs of
the page in a mutable mapping (Streamlit's ``st.session_state``, or a plain ``dict`` in tests):

``plan_job``
    the id of the running job in the registry (absent when idle);
``plan_job_meta``
    its :class:`Ticket`: the kind of job, the scenario version and the settings to store;
``plan_error``, ``plan_changes``, ``compare_result``
    what the last finished job left: its error, the changes of a re-plan (table rows), the
    KPIs of a variant (:class:`Comparison`);
``flash``
    the message the next run of the page shows once (see ``app_pages/common.flash``).

When a job is over, :meth:`PlanDesk.refresh` collects it: a plan or re-plan is recorded in the
store as a plan run (even when cancelled: the best plan found so far), a variant's KPIs are kept
for the comparison table, an error is kept to be explained.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, MutableMapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from itinerant.dashboard.jobs import Job, JobRegistry, JobStatus, plan_job, replan_job
from itinerant.dashboard.planner_settings import settings_document
from itinerant.dashboard.plans import record_plan, result_kpis, variant_workspace
from itinerant.dashboard.timeline import change_rows, locked_days, mark_locked, parse_disruptions
from itinerant.i18n import number, percent, t

if TYPE_CHECKING:
    from itinerant.dashboard.workspace import Workspace
    from itinerant.model import PlanSettings
    from itinerant.schedule.schedule import Schedule
    from itinerant.store import Store

__all__ = [
    "CHANGES",
    "COMPARISON",
    "ERROR",
    "FLASH",
    "JOB",
    "TICKET",
    "Comparison",
    "PlanDesk",
    "Ticket",
    "error_messages",
    "progress_text",
]

JOB = "plan_job"
TICKET = "plan_job_meta"
ERROR = "plan_error"
CHANGES = "plan_changes"
COMPARISON = "compare_result"
FLASH = "flash"

JobKind = Literal["plan", "replan", "compare"]
BusDay = tuple[str, dt.date]


@dataclass(frozen=True)
class Ticket:
    """What a session remembers of the job it started.

    Attributes
    ----------
    kind
        ``plan`` (recorded as a plan run), ``replan`` (recorded, with its changes) or
        ``compare`` (a variant's KPIs, not recorded).
    version
        The scenario version planned (``None``: the latest).
    settings
        The settings stored with the plan run (JSON).
    variant
        The variant's name, for ``compare``.
    """

    kind: JobKind
    version: int | None
    settings: dict[str, Any] = field(default_factory=dict)
    variant: str = ""


@dataclass(frozen=True)
class Comparison:
    """The KPIs (a ``kpis.json`` document) of a variant's plan, and the variant's name."""

    name: str
    kpis: dict[str, Any]


class PlanDesk:
    """Planning jobs of one session (see the module docstring).

    Parameters
    ----------
    session
        Where the session's state is kept between runs of the page.
    registry
        The server's jobs.
    store
        Where finished plans are recorded.
    author
        Who records them.
    workspace
        The Workspace of a scenario version (``None``: the latest), to record a finished job on.
    """

    def __init__(
        self,
        session: MutableMapping[str, Any],
        registry: JobRegistry,
        store: Store,
        *,
        author: str,
        workspace: Callable[[int | None], Workspace],
    ) -> None:
        self._session = session
        self._registry = registry
        self._store = store
        self._author = author
        self._workspace = workspace

    # ------------------------------------------------------------------ state
    def job(self) -> Job[Any] | None:
        """The session's job, finished or not (``None`` when there is none)."""
        return self._registry.get(self._session.get(JOB))

    def refresh(self) -> Job[Any] | None:
        """The session's running job; a finished one is collected first (then ``None``)."""
        job = self.job()
        if job is None:
            self._session.pop(JOB, None)
            return None
        if not job.status().finished:
            return job
        self._collect(job)
        return None

    @property
    def error(self) -> BaseException | None:
        """The error of the last finished job, if it failed."""
        error = self._session.get(ERROR)
        return error if isinstance(error, BaseException) else None

    @property
    def changes(self) -> list[dict[str, str]] | None:
        """The changes of the last re-plan (rows of :func:`change_rows`), if any."""
        return self._session.get(CHANGES)

    @property
    def comparison(self) -> Comparison | None:
        """The KPIs of the last variant planned, if any."""
        return self._session.get(COMPARISON)

    # ------------------------------------------------------------------ starting jobs
    def plan(
        self,
        workspace: Workspace,
        settings: PlanSettings,
        *,
        time_limit_s: float,
        seed: int,
        keep: Schedule | None = None,
        lock: Sequence[BusDay] = (),
    ) -> str:
        """Start planning ``workspace``; with ``keep``, keeping the Stops of the ``lock`` days.

        Returns the job's id.

        Raises
        ------
        InputError
            If a bus-day to lock has no Tour in ``keep``.
        """
        document = settings_document(settings, time_limit_s=time_limit_s, seed=seed)
        locked = None
        if keep is not None and lock:
            locked = locked_days(keep, lock)
            document["locked"] = [f"{bus}:{day.isoformat()}" for bus, day in lock]
        job = plan_job(
            workspace.planning_data(settings),
            time_limit_s=float(time_limit_s),
            seed=int(seed),
            keep=keep if locked else None,
            locked=locked,
        )
        return self._start(job, Ticket("plan", workspace.version_id, document))

    def replan(
        self,
        workspace: Workspace,
        published: Schedule,
        disruptions: str,
        *,
        time_limit_s: float,
        seed: int,
        lock: Sequence[BusDay] = (),
    ) -> str:
        """Start re-planning ``published`` after the ``disruptions`` typed (one a line).

        The Visits of the ``lock`` days are kept. Returns the job's id.

        Raises
        ------
        InputError
            For a line that is not a disruption, or when there is none (no job started).
        """
        parsed = parse_disruptions(disruptions)
        document = {"disruptions": [str(d) for d in parsed], "seed": int(seed)}
        job = replan_job(
            workspace.planning_data(),
            mark_locked(published, lock),
            parsed,
            time_limit_s=float(time_limit_s),
            seed=int(seed),
        )
        return self._start(job, Ticket("replan", workspace.version_id, document))

    def compare(
        self,
        workspace: Workspace,
        settings: PlanSettings,
        *,
        copies: int,
        time_limit_s: float,
        seed: int,
    ) -> str:
        """Start planning the variant of ``workspace`` with ``copies`` more minibuses."""
        variant = variant_workspace(workspace, copies=int(copies))
        job = plan_job(
            variant.planning_data(settings), time_limit_s=float(time_limit_s), seed=int(seed)
        )
        ticket = Ticket("compare", workspace.version_id, variant=variant.scenario.name)
        return self._start(job, ticket)

    def _start(self, job: Job[Any], ticket: Ticket) -> str:
        ident = self._registry.add(job.start())
        self._session[JOB] = ident
        self._session[TICKET] = ticket
        self._session.pop(ERROR, None)
        self._session.pop(CHANGES, None)
        return ident

    # ------------------------------------------------------------------ a finished job
    def _collect(self, job: Job[Any]) -> None:
        ticket = self._session.pop(TICKET, None)
        self._registry.drop(self._session.pop(JOB))
        status = job.status()
        if status.error is not None:
            self._session[ERROR] = status.error
            return
        if not isinstance(ticket, Ticket):
            ticket = Ticket("plan", None)
        source = self._workspace(ticket.version)
        done: Any = status.result  # a PlanResult, or (PlanResult, changes) for a re-plan
        if ticket.kind == "compare":
            kpis = result_kpis(done, approximate=source.approximate)
            self._session[COMPARISON] = Comparison(ticket.variant, kpis)
            return
        result, changes = done if ticket.kind == "replan" else (done, None)
        record_plan(self._store, source, result, author=self._author, settings=ticket.settings)
        if changes is not None:
            self._session[CHANGES] = change_rows(changes, source.scenario)
        message = "app.plan.cancelled" if status.state == "cancelled" else "app.plan.done"
        elapsed = f"{status.elapsed_s:.0f}"
        self._session[FLASH] = t(message, status=result.status, elapsed=elapsed)


def progress_text(status: JobStatus[Any], lang: str | None = None) -> str:
    """The text of a running job's progress bar: time, best objective, bound and gap."""
    elapsed = f"{status.elapsed_s:.0f}"
    p = status.progress
    if p is None:
        return t("app.plan.progress_wait", lang, elapsed=elapsed)
    return t(
        "app.plan.progress",
        lang,
        elapsed=elapsed,
        objective=number(p.objective, lang),
        bound=number(p.bound, lang) if math.isfinite(p.bound) else "?",
        gap=percent(p.gap, lang) if p.gap is not None else "?",
    )


def error_messages(error: BaseException, lang: str | None = None) -> list[str]:
    """Why a job failed, for coordinators: the explanations of an impossible plan, or the error."""
    from itinerant.schedule.explain import ImpossiblePlanError  # noqa: PLC0415

    if isinstance(error, ImpossiblePlanError):
        return [t("app.plan.impossible", lang), *(e.message for e in error.explanations)]
    return [t("app.plan.failed", lang, error=error)]
