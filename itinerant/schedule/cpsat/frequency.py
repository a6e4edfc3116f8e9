"""Frequency targets: each high-need commune reached in every rotation period.

``r[c, t]`` may be 1 only when some visit of rotation period t reaches high-need commune c; the
objective gains ``frequency_weight × need`` for each. The validator counts a *penalty* for each
period missed instead: the two differ by the constant :func:`constant`, which is subtracted
from the model's objective when it is reported.
"""

from __future__ import annotations

from itinerant.schedule.cpsat.variables import Term, Variables, scaled
from itinerant.schedule.data import PlanningData

__all__ = ["add_targets", "constant"]


def constant(data: PlanningData) -> float:
    """The penalty if no high-need commune were ever reached (need units)."""
    return data.settings.frequency_weight * sum(
        data.need[c] * data.n_periods for c in data.high_need
    )


def add_targets(variables: Variables, code: str) -> list[Term]:
    """Add the frequency target of commune ``code`` (none unless high-need); its terms."""
    data = variables.data
    if code not in data.high_need:
        return []
    model = variables.model
    value = scaled(data.settings.frequency_weight * data.need.get(code, 0.0))
    terms: list[Term] = []
    for period in range(data.n_periods):
        in_period = variables.visits_reaching(code, period)
        r = model.new_bool_var(f"r[{code},{period}]")
        if in_period:
            model.add(r <= sum(in_period))
        else:
            model.add(r == 0)
        terms.append((r, value))
    return terms
