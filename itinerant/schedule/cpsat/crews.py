"""Crews: counsellors on board each half-day a bus runs, within seats, covering its pôles.

``a[c, b, d, h]`` (counsellor c on bus b on date d in half-day h) exists only when c is
available then, and may be 1 only when the bus runs a pattern with a session in that half-day.
Then the crew counts between the bus's ``min_crew`` and its ``seats``, and for every pôle a
Stop of that half-day requires, at least one counsellor on board has it. No objective term.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ortools.sat.python import cp_model

from itinerant.model import Pole, Slot
from itinerant.schedule.cpsat.variables import Term, Variables

__all__ = ["add_crews"]

HalfDay = tuple[str, dt.date, Slot]
"""(bus, date, half-day)."""
PoleHalfDay = tuple[str, dt.date, Slot, Pole]
"""(bus, date, half-day, pôle)."""


def _half_days(
    variables: Variables,
) -> tuple[dict[HalfDay, list[cp_model.IntVar]], dict[PoleHalfDay, list[cp_model.IntVar]]]:
    """The patterns with a session in each half-day, and those requiring each pôle in it."""
    active: dict[HalfDay, list[cp_model.IntVar]] = defaultdict(list)
    needs_pole: dict[PoleHalfDay, list[cp_model.IntVar]] = defaultdict(list)
    for (bus, day, i), run in variables.runs.items():
        pattern = variables.pattern(bus, day, i)
        # once per pattern and half-day, even with several (short) sessions in that half
        poles_by_half: dict[Slot, set[Pole]] = defaultdict(set)
        for stop, half in zip(pattern.stops, pattern.halves, strict=True):
            poles_by_half[half] |= variables.data.stops[stop].required_poles
        for half, poles in poles_by_half.items():
            active[(bus, day, half)].append(run)
            for pole in poles:
                needs_pole[(bus, day, half, pole)].append(run)
    return active, needs_pole


def add_crews(variables: Variables) -> list[Term]:
    """Add the crew of every half-day a bus may run (no objective term)."""
    model = variables.model
    data = variables.data
    active, needs_pole = _half_days(variables)
    for (bus, day, half), terms in active.items():
        on = sum(terms)  # 0/1: at most one pattern per bus-day, counted once per half-day
        crew: list[cp_model.IntVar] = []
        for cid in data.counsellors:
            if half not in data.available(cid, day):
                continue
            var = model.new_bool_var(f"a[{cid},{bus},{day},{half}]")
            model.add(var <= on)
            variables.on_board[(cid, bus, day, half)] = var
            crew.append(var)
        model.add(sum(crew) >= data.buses[bus].min_crew * on)
        model.add(sum(crew) <= data.buses[bus].seats)
    for (bus, day, half, pole), terms in needs_pole.items():
        holders = [
            variables.on_board[(c, bus, day, half)]
            for c, counsellor in data.counsellors.items()
            if pole in counsellor.poles and (c, bus, day, half) in variables.on_board
        ]
        model.add(sum(holders) >= sum(terms))
    return []
