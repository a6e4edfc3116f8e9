"""The planner's settings on the Planifier page: one field per :class:`PlanSettings` attribute.

The form starts from the scenario's own ``[plan]`` (:attr:`Scenario.plan`); every field has a
label and an explanation in the user's language (``app.setting.<name>`` and
``app.setting_help.<name>`` in :mod:`itinerant.i18n.texts_dashboard`), besides the developer's
explanation from the class docstring (English). The values typed come back through the
dataclass's own checks (:func:`settings_from_values`), and a run stores its settings as JSON
(:func:`settings_document`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, Literal

from itinerant.i18n import t
from itinerant.model import FieldError, PlanSettings

__all__ = ["SettingField", "settings_document", "settings_fields", "settings_from_values"]

SettingKind = Literal["float", "int", "time"]


@dataclass(frozen=True, slots=True)
class SettingField:
    """One planner setting as a form field.

    Attributes
    ----------
    name
        The :class:`PlanSettings` attribute.
    kind
        ``float``, ``int`` or ``time`` (a clock time), which makes the widget.
    default
        The value the form starts from (the scenario's ``[plan]``).
    label, help
        The field's label and explanation for users, in the language asked.
    doc
        The attribute's explanation in the class docstring (English, for developers).
    """

    name: str
    kind: SettingKind
    default: float | int | dt.time
    label: str
    help: str
    doc: str


def _attribute_docs(doc: str) -> dict[str, str]:
    """The ``Attributes`` section of a numpy docstring as name -> one-paragraph text."""
    out: dict[str, str] = {}
    match = re.search(r"Attributes\n\s*-+\n(.*?)(?:\n\s*\n\s*\w+\n\s*-+\n|\Z)", doc, re.S)
    if match is None:
        return out
    name = ""
    for line in match.group(1).splitlines():
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        if indent <= 4:
            name = line.strip()
            out[name] = ""
        elif name:
            out[name] = (out[name] + " " + line.strip()).strip()
    return out


def _kind(value: object) -> SettingKind:
    if isinstance(value, dt.time):
        return "time"
    return "int" if isinstance(value, int) else "float"


def settings_fields(
    start: PlanSettings | None = None, *, lang: str | None = None
) -> tuple[SettingField, ...]:
    """Every field of :class:`PlanSettings`, starting from ``start`` (default: the defaults).

    Pass the scenario's ``[plan]`` (:attr:`~itinerant.model.Scenario.plan`) as ``start``.
    """
    docs = _attribute_docs(PlanSettings.__doc__ or "")
    values = start if start is not None else PlanSettings()
    out = []
    for f in fields(PlanSettings):
        value = getattr(values, f.name)
        out.append(
            SettingField(
                name=f.name,
                kind=_kind(value),
                default=value,
                label=t(f"app.setting.{f.name}", lang),
                help=t(f"app.setting_help.{f.name}", lang),
                doc=docs.get(f.name, ""),
            )
        )
    return tuple(out)


def settings_from_values(values: Mapping[str, object]) -> PlanSettings:
    """A :class:`PlanSettings` from field values (unknown names refused).

    Raises
    ------
    FieldError
        Naming the field whose value is refused.
    """
    known = {f.name for f in fields(PlanSettings)}
    for name in values:
        if name not in known:
            raise FieldError(name, "is not a planner setting")
    return PlanSettings(**values)  # type: ignore[arg-type]


def settings_document(settings: PlanSettings, *, time_limit_s: float, seed: int) -> dict[str, Any]:
    """The settings of a run as a JSON object (stored with the plan run)."""
    doc: dict[str, Any] = {}
    for f in fields(settings):
        value = getattr(settings, f.name)
        doc[f.name] = value.isoformat(timespec="minutes") if isinstance(value, dt.time) else value
    doc["time_limit_s"] = time_limit_s
    doc["seed"] = seed
    return doc
