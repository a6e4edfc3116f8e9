"""Pop-ups: counsellors sent to each PopUp, enough for each pôle it needs.

``staffed[u]`` is 1 when PopUp u takes place; ``q[c, u, pole]`` (counsellor c sent to u for a
pôle) exists only when c has the pôle and is available for u's half-days, and may be 1 only when
u is staffed. A staffed PopUp gets, for each pôle, as many counsellors as it needs, each sent
for one pôle at most. A mandatory PopUp is staffed; an optional one is worth
``popup_priority_value × priority``.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from itinerant.model import PopUp
from itinerant.schedule.cpsat.variables import Term, Variables, scaled
from itinerant.schedule.data import slots_of

__all__ = ["add_popups", "add_staffing"]


def add_staffing(variables: Variables, popup: PopUp) -> list[Term]:
    """Add the staffing of one PopUp of a working day; its objective term."""
    model = variables.model
    data = variables.data
    s = model.new_bool_var(f"staffed[{popup.id}]")
    variables.staffed[popup.id] = s
    halves = slots_of(popup.start, popup.end, data.settings.midday)
    for pole, count in popup.needs:
        holders: list[cp_model.IntVar] = []
        for cid, counsellor in data.counsellors.items():
            if pole not in counsellor.poles or not halves <= data.available(cid, popup.date):
                continue
            var = model.new_bool_var(f"q[{cid},{popup.id},{pole.value}]")
            model.add(var <= s)
            variables.sent[(cid, popup.id, pole)] = var
            holders.append(var)
        model.add(sum(holders) >= count * s)
    for terms in variables.popup_terms().get(popup.id, {}).values():
        model.add_at_most_one(terms)
    if popup.mandatory:
        model.add(s == 1)
        return []
    return [(s, scaled(data.settings.popup_priority_value * popup.priority))]


def add_popups(variables: Variables) -> list[Term]:
    """Add the staffing of every PopUp on a working day of the Horizon; their terms."""
    days = set(variables.data.days)
    terms: list[Term] = []
    for popup in variables.data.scenario.popups:
        if popup.date in days:
            terms += add_staffing(variables, popup)
    return terms
