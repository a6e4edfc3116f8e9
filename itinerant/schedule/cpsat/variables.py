"""The model's variables, by key, with the lookups the constraints read them by.

Each constraint module (:mod:`~itinerant.schedule.cpsat.coverage`, ...) asks this container for
the variables it constrains (``variables.day_runs(bus, day)``, ``variables.visits_reaching(code,
period)``...), so that it reads like the rule it states, as in the CP-SAT primer's
nurse-rostering example. The pattern choices ``x`` and the visits ``v`` are made here; crews,
pop-up staffing, days worked and coverage levels are made by the module that defines them and
recorded here for the others (the model's order of variables and constraints is part of what
makes a seed reproduce its plan, so it is kept as it has always been).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from ortools.sat.python import cp_model

from itinerant.model import Pole, Slot
from itinerant.schedule.data import PlanningData, slots_of
from itinerant.schedule.patterns import DayPattern

__all__ = ["SCALE", "Term", "Variables", "scaled"]

SCALE = 10
"""Need units are multiplied by this and rounded to give integer objective coefficients."""

Term = tuple[cp_model.IntVar, int]
"""One term of the objective (to maximise): a variable and its integer coefficient."""

BusDay = tuple[str, dt.date]
VisitKey = tuple[str, str, dt.date, Slot]
"""(Stop, bus, date, half-day)."""
CrewKey = tuple[str, str, dt.date, Slot]
"""(counsellor, bus, date, half-day)."""
SentKey = tuple[str, str, Pole]
"""(counsellor, PopUp, pôle)."""


def scaled(value: float) -> int:
    """``value`` in need units as an integer objective coefficient (× :data:`SCALE`, rounded)."""
    return round(value * SCALE)


@dataclass
class Variables:
    """Every variable of the model, by key (see the package docstring for their meaning)."""

    model: cp_model.CpModel
    data: PlanningData
    patterns: Mapping[BusDay, Sequence[DayPattern]]
    runs: dict[tuple[str, dt.date, int], cp_model.IntVar] = field(default_factory=dict)
    """``x[bus, date, i]``: the bus-day runs its ``i``-th day pattern."""
    visits: dict[VisitKey, cp_model.IntVar] = field(default_factory=dict)
    """``v[stop, bus, date, half]``: the Stop is visited by that bus-day in that half-day."""
    on_board: dict[CrewKey, cp_model.IntVar] = field(default_factory=dict)
    """``a[counsellor, bus, date, half]`` (made by :mod:`~itinerant.schedule.cpsat.crews`)."""
    sent: dict[SentKey, cp_model.IntVar] = field(default_factory=dict)
    """``q[counsellor, popup, pole]`` (made by :mod:`~itinerant.schedule.cpsat.popups`)."""
    staffed: dict[str, cp_model.IntVar] = field(default_factory=dict)
    """``staffed[popup]`` (made by :mod:`~itinerant.schedule.cpsat.popups`)."""
    works: dict[tuple[str, dt.date], cp_model.IntVar] = field(default_factory=dict)
    """``w[counsellor, date]`` (made by :mod:`~itinerant.schedule.cpsat.workload`)."""
    reached: dict[str, cp_model.IntVar] = field(default_factory=dict)
    """``z[code, 1]``: the commune is reached (made by :mod:`~.coverage`)."""

    @classmethod
    def create(
        cls,
        model: cp_model.CpModel,
        data: PlanningData,
        patterns: Mapping[BusDay, Sequence[DayPattern]],
    ) -> Variables:
        """The container with the choice ``x`` of every pattern of every bus-day.

        Call :meth:`add_visits` for the visits ``v`` once the constraints on the choices of each
        bus-day are in (the model's order of constraints stays the one it always had).
        """
        variables = cls(model, data, patterns)
        for (bus, day), options in patterns.items():
            for i in range(len(options)):
                variables.runs[(bus, day, i)] = model.new_bool_var(f"x[{bus},{day},{i}]")
        return variables

    def add_visits(self) -> None:
        """Add ``v[s, b, d, h]`` = the sum of the patterns of (b, d) visiting s in half-day h."""
        runs: dict[VisitKey, list[cp_model.IntVar]] = defaultdict(list)
        for (bus, day, i), run in self.runs.items():
            pattern = self.patterns[(bus, day)][i]
            for stop, half in zip(pattern.stops, pattern.halves, strict=True):
                runs[(stop, bus, day, half)].append(run)
        for key, terms in runs.items():
            var = self.model.new_bool_var(f"v{key}")
            self.model.add(var == sum(terms))
            self.visits[key] = var

    # ------------------------------------------------------------------ day patterns
    def day_runs(self, bus: str, day: dt.date) -> list[cp_model.IntVar]:
        """The choice of each pattern of the bus-day, in pattern order."""
        return [self.runs[(bus, day, i)] for i in range(len(self.patterns[(bus, day)]))]

    def runs_with(self, bus: str, day: dt.date, stops: tuple[str, ...]) -> list[cp_model.IntVar]:
        """The choices of the bus-day's patterns visiting exactly ``stops``, in order."""
        options = self.patterns[(bus, day)]
        return [self.runs[(bus, day, i)] for i, p in enumerate(options) if p.stops == stops]

    def pattern(self, bus: str, day: dt.date, i: int) -> DayPattern:
        """The ``i``-th pattern of the bus-day."""
        return self.patterns[(bus, day)][i]

    # ------------------------------------------------------------------ visits
    @cached_property
    def _visits_of_stop(self) -> dict[str, list[tuple[dt.date, cp_model.IntVar]]]:
        out: dict[str, list[tuple[dt.date, cp_model.IntVar]]] = defaultdict(list)
        for (stop, _bus, day, _half), var in self.visits.items():
            out[stop].append((day, var))
        return out

    def visits_reaching(self, code: str, period: int | None = None) -> list[cp_model.IntVar]:
        """Visits whose Stop reaches the commune (in one rotation period, when given)."""
        return [
            var
            for stop in self.data.stops_reaching.get(code, ())
            for day, var in self._visits_of_stop.get(stop, [])
            if period is None or self.data.period(day) == period
        ]

    @cached_property
    def visits_at(self) -> dict[tuple[str, dt.date, Slot], list[cp_model.IntVar]]:
        """Visits of each Stop, date and half-day (one per bus that may come)."""
        out: dict[tuple[str, dt.date, Slot], list[cp_model.IntVar]] = defaultdict(list)
        for (stop, _bus, day, half), var in self.visits.items():
            out[(stop, day, half)].append(var)
        return out

    # ------------------------------------------------------------------ counsellors
    def popup_terms(self) -> dict[str, dict[str, list[cp_model.IntVar]]]:
        """For each PopUp, the pôles each counsellor may be sent for (``q``, in order)."""
        out: dict[str, dict[str, list[cp_model.IntVar]]] = {}
        for (cid, popup, _pole), var in self.sent.items():
            out.setdefault(popup, {}).setdefault(cid, []).append(var)
        return out

    def activities(self) -> dict[tuple[str, dt.date, Slot], list[cp_model.LinearExprT]]:
        """What each counsellor may do in each half-day: a bus (``a``) or a PopUp (``Σ q``)."""
        out: dict[tuple[str, dt.date, Slot], list[cp_model.LinearExprT]] = defaultdict(list)
        for (cid, _bus, day, half), var in self.on_board.items():
            out[(cid, day, half)].append(var)
        midday = self.data.settings.midday
        for popup_id, per_counsellor in self.popup_terms().items():
            popup = self.data.popups[popup_id]
            halves = slots_of(popup.start, popup.end, midday)
            for cid, terms in per_counsellor.items():
                for half in halves:
                    out[(cid, popup.date, half)].append(sum(terms))
        return out
