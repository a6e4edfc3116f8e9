"""The user's time limit as one wall-clock deadline (no timing asserted: figures are benched)."""

from __future__ import annotations

import pytest

from itinerant.schedule.budget import (
    ENUMERATION_SHARE,
    LONG_DAYS_SHARE,
    MIN_RESERVE_S,
    Deadline,
)


def test_shares_and_reserve_are_measured_from_the_start() -> None:
    deadline = Deadline.start(100.0, started=1000.0)
    assert deadline.end == 1100.0
    assert deadline.long_days_end == 1000.0 + LONG_DAYS_SHARE * 100
    assert deadline.enumeration_end == 1000.0 + ENUMERATION_SHARE * 100
    assert deadline.long_days_end <= deadline.enumeration_end < deadline.search_end
    before = deadline.search_end
    deadline.reserve_for(4.0)
    deadline.reserve_for(2.0)  # the largest estimate wins
    assert deadline.after_search_s == 4.0
    assert deadline.search_end == pytest.approx(before - 4.0)


def test_a_deadline_in_the_past_leaves_nothing() -> None:
    deadline = Deadline.start(5.0, started=0.0)  # the monotonic clock is far past 5 s
    assert deadline.remaining() == 0.0
    assert deadline.search_remaining() == 0.0
    assert deadline.reserve_s >= MIN_RESERVE_S


@pytest.mark.parametrize("limit", [0.0, -1.0, float("nan")])
def test_a_limit_must_be_positive(limit: float) -> None:
    with pytest.raises(ValueError, match="time limit"):
        Deadline.start(limit)
