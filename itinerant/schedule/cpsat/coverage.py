"""Coverage: the Need reached, with a decaying value for repeat visits.

``z[c, k]`` (k = 1..``max_counted_visits``) means "commune c is reached by at least k visits":
the levels are ordered (``z[c, k] → z[c, k-1]``) and no more than the visits whose Stop's
Catchment holds c (``Σ_k z[c, k] ≤ Σ v``). The objective gains ``need × repeat_decay^(k-1)`` for
each level, so the first visit counts fully and each further one less, as in the validator.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from itinerant.schedule.cpsat.variables import Term, Variables, scaled

__all__ = ["add_levels", "communes_within_reach"]


def communes_within_reach(variables: Variables) -> list[str]:
    """Communes with some Need that at least one possible visit reaches, in Catchment order."""
    return [
        code
        for code in variables.data.stops_reaching
        if variables.visits_reaching(code) and variables.data.need.get(code, 0.0) > 0
    ]


def add_levels(variables: Variables, code: str) -> list[Term]:
    """Add the coverage levels of commune ``code``; return their objective terms.

    The first level is recorded as :attr:`Variables.reached` (the equity floor reads it).
    """
    model = variables.model
    settings = variables.data.settings
    need = variables.data.need.get(code, 0.0)
    levels: list[cp_model.IntVar] = []
    terms: list[Term] = []
    for k in range(settings.max_counted_visits):
        z = model.new_bool_var(f"z[{code},{k + 1}]")
        if levels:
            model.add_implication(z, levels[-1])
        levels.append(z)
        terms.append((z, scaled(need * settings.repeat_decay**k)))
    model.add(sum(levels) <= sum(variables.visits_reaching(code)))
    variables.reached[code] = levels[0]
    return terms
