"""The user's time limit as a wall-clock deadline shared by every step of planning.

A coordinator who asks ``itinerant plan --time-limit 60`` expects the command to end within
about a minute, whatever the size of the territory: the limit covers start-up, loading, routing,
enumerating day patterns, building models, searching, validating and writing. The command
creates one :class:`Deadline` as it starts (:func:`Deadline.start` with the moment the process
started) and every step asks it how much time is left:

- long days (:mod:`~itinerant.schedule.long_days`) and the enumeration of day patterns stop
  once their share is spent (:data:`LONG_DAYS_SHARE`, :data:`ENUMERATION_SHARE`);
- the search ends at :meth:`Deadline.search_end`, which keeps a reserve for what comes after it
  (building the Schedule, validating it, explaining what is unreached, writing the files),
  measured on this very run by timing the validation of the starting plan.

Wall-clock time is not reproducible; the search inside it can be (see
:mod:`~itinerant.schedule.cpsat.lns`).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

__all__ = ["ENUMERATION_SHARE", "LONG_DAYS_SHARE", "MIN_RESERVE_S", "Deadline"]

logger = logging.getLogger(__name__)

ENUMERATION_SHARE = 0.25
"""Share of the time limit (from the start) by which enumerating day patterns must end."""
LONG_DAYS_SHARE = 0.12
"""Share of the time limit (from the start) by which building long days must end."""
MIN_RESERVE_S = 1.0
"""Smallest time kept after the search (seconds)."""
RESERVE_SHARE = 0.03
"""Share of the limit kept after the search in any case, for writing and the unexpected."""


@dataclass
class Deadline:
    """A wall-clock limit: ``limit_s`` seconds from ``started`` (a :func:`time.monotonic`).

    Mutable only in the estimate of the work after the search (:meth:`reserve_for`).
    """

    limit_s: float
    started: float = field(default_factory=time.monotonic)
    after_search_s: float = 0.0
    """Estimated time of the work after the search (seconds)."""

    def __post_init__(self) -> None:
        if not self.limit_s > 0:
            msg = f"time limit: must be positive, got {self.limit_s}"
            raise ValueError(msg)

    @classmethod
    def start(cls, limit_s: float, started: float | None = None) -> Deadline:
        """A deadline ``limit_s`` seconds after ``started`` (default: now)."""
        return cls(limit_s, time.monotonic() if started is None else started)

    @property
    def end(self) -> float:
        """The moment (monotonic clock) when the limit is reached."""
        return self.started + self.limit_s

    def elapsed(self) -> float:
        """Seconds since the start."""
        return time.monotonic() - self.started

    def remaining(self) -> float:
        """Seconds left until the limit (never negative)."""
        return max(0.0, self.end - time.monotonic())

    def reserve_for(self, seconds: float) -> None:
        """Keep ``seconds`` for the work after the search (the largest estimate wins)."""
        self.after_search_s = max(self.after_search_s, seconds)

    @property
    def reserve_s(self) -> float:
        """Time kept after the search: the estimate, plus a margin."""
        return max(MIN_RESERVE_S, RESERVE_SHARE * self.limit_s) + self.after_search_s

    @property
    def search_end(self) -> float:
        """The moment (monotonic clock) when the search must stop."""
        return self.end - self.reserve_s

    def search_remaining(self) -> float:
        """Seconds the search may still use (never negative)."""
        return max(0.0, self.search_end - time.monotonic())

    @property
    def long_days_end(self) -> float:
        """The moment (monotonic clock) when building long days must stop."""
        return self.started + LONG_DAYS_SHARE * self.limit_s

    @property
    def enumeration_end(self) -> float:
        """The moment (monotonic clock) when enumerating day patterns must stop growing."""
        return self.started + ENUMERATION_SHARE * self.limit_s
