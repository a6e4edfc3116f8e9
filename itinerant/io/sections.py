"""The sections of ``scenario.toml``: which keys each accepts, of which types, and settings.

The settings sections (``[horizon]``, ``[network]``, ``[need]``, ``[plan]``) are read by one
typed machinery derived from the fields of their dataclasses (:class:`~itinerant.model.Horizon`,
:class:`~itinerant.model.NetworkSettings`, :class:`~itinerant.model.NeedSettings`,
:class:`~itinerant.model.PlanSettings`): an unknown key, a value of the wrong type and a value
the dataclass refuses are each reported naming the file, the section and the field.
:func:`settings_table` is the inverse (a dataclass as a TOML table), and
:func:`override_settings` applies ``NAME=VALUE`` texts (the command line's ``--set``).
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields, is_dataclass, replace
from enum import Enum
from typing import Any, TypeVar

from itinerant.errors import InputError
from itinerant.io.cells import (
    enum_parser,
    format_cell,
    format_weekdays,
    parse_bool,
    parse_float,
    parse_int,
    parse_text,
    parse_time,
    parse_weekdays,
)
from itinerant.io.tables import RESOURCE_TABLES, Collector
from itinerant.model import (
    FieldError,
    Horizon,
    IndicatorRule,
    NeedSettings,
    NetworkSettings,
    PlanSettings,
    ServiceKind,
)

__all__ = [
    "SCENARIO_FILE",
    "SECTIONS",
    "Key",
    "build_settings",
    "need_settings",
    "override_settings",
    "read_sections",
    "settings_table",
    "typed",
]

SCENARIO_FILE = "scenario.toml"

_Settings = TypeVar("_Settings")


def _unchanged(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class Key:
    """One key of a section: the TOML types it accepts, and how its value is converted."""

    types: tuple[type, ...]
    convert: Callable[[Any], Any] = _unchanged


def _clock(value: dt.time | str) -> dt.time:
    return value if isinstance(value, dt.time) else parse_time(value)


_BY_TYPE: dict[object, Key] = {
    bool: Key((bool,)),
    int: Key((int,)),
    float: Key((int, float), float),
    str: Key((str,)),
    dt.date: Key((dt.date,)),
    dt.time: Key((dt.time, str), _clock),
}
_TEXT: dict[object, Callable[[str], Any]] = {
    bool: parse_bool,
    int: parse_int,
    float: parse_float,
    str: parse_text,
    dt.time: parse_time,
}


def _field_keys(cls: type[Any], **special: Key) -> dict[str, Key]:
    """The keys of a settings section: one per field of ``cls``, typed by its annotation."""
    hints = typing.get_type_hints(cls)
    return {f.name: special.get(f.name) or _BY_TYPE[hints[f.name]] for f in fields(cls)}


_TEXT_KEY = Key((str,))
SECTIONS: dict[str, dict[str, Key]] = {
    "scenario": {"name": _TEXT_KEY, "description": _TEXT_KEY, "sample": Key((bool,))},
    "territory": dict.fromkeys(
        ("name", "departement", "communes", "boundaries", "service_points", "indicators"),
        _TEXT_KEY,
    ),
    "horizon": _field_keys(Horizon, weekdays=Key((str,), parse_weekdays)),
    "network": _field_keys(NetworkSettings),
    "need": _field_keys(NeedSettings, indicators=Key((list, str)), service_kinds=Key((list,))),
    "plan": _field_keys(PlanSettings),
    "files": {table.key: _TEXT_KEY for table in RESOURCE_TABLES},
}
"""Every section of ``scenario.toml`` and its keys."""


def read_sections(data: Mapping[str, Any], out: Collector) -> dict[str, dict[str, Any]]:
    """Every section of a parsed ``scenario.toml`` (``{}`` when absent), unknown keys reported."""
    for name in data:
        if name not in SECTIONS:
            out.add(SCENARIO_FILE, None, name, f"unknown section (known: {', '.join(SECTIONS)})")
    return {name: _section(data, name, out) for name in SECTIONS}


def _section(data: Mapping[str, Any], name: str, out: Collector) -> dict[str, Any]:
    section = data.get(name, {})
    if not isinstance(section, dict):
        out.add(SCENARIO_FILE, None, name, "must be a [table]")
        return {}
    allowed = SECTIONS[name]
    for key in section:
        if key not in allowed:
            out.add(
                SCENARIO_FILE,
                None,
                f"{name}.{key}",
                f"unknown setting (known: {', '.join(allowed)})",
            )
    return {k: v for k, v in section.items() if k in allowed}


def typed(section: str, values: Mapping[str, Any], out: Collector) -> dict[str, Any]:
    """The values of ``section`` of the right TOML type, converted; the others reported."""
    good = {}
    for name, value in values.items():
        key = SECTIONS[section][name]
        expected = key.types
        ok = not (isinstance(value, bool) and bool not in expected)
        ok = ok and isinstance(value, expected)
        ok = ok and not (isinstance(value, dt.datetime) and dt.datetime not in expected)
        if not ok:
            names = " or ".join(t.__name__ for t in expected)
            out.add(SCENARIO_FILE, None, f"{section}.{name}", f"{value!r} is not a {names}")
            continue
        try:
            good[name] = key.convert(value)
        except ValueError as exc:
            out.add(SCENARIO_FILE, None, f"{section}.{name}", str(exc))
    return good


def build_settings(cls: type[Any], section: str, values: Mapping[str, Any], out: Collector) -> Any:
    """``cls(**values)``, or ``None`` with the refusal reported as ``section.field``."""
    try:
        return cls(**values)
    except FieldError as exc:
        out.add(SCENARIO_FILE, None, f"{section}.{exc.field}", exc.message)
    except TypeError as exc:
        out.add(SCENARIO_FILE, None, section, str(exc))
    return None


def need_settings(values: dict[str, Any], out: Collector) -> NeedSettings | None:
    """The ``[need]`` section, with its ``[[need.indicators]]`` rules and service kinds."""
    rules = []
    raw_rules = values.pop("indicators", [])
    if not isinstance(raw_rules, list):
        out.add(SCENARIO_FILE, None, "need.indicators", "must be a list of tables")
        raw_rules = []
    for i, raw in enumerate(raw_rules, start=1):
        label = f"need.indicators[{i}]"
        if not isinstance(raw, dict):
            out.add(SCENARIO_FILE, None, label, "must be a table {column=..., direction=...}")
            continue
        rule = build_settings(IndicatorRule, label, raw, out)
        if rule is not None:
            rules.append(rule)
    kinds = []
    parse_kind = enum_parser(ServiceKind)
    for raw in values.pop("service_kinds", []):
        try:
            kinds.append(parse_kind(str(raw)))
        except ValueError as exc:
            out.add(SCENARIO_FILE, None, "need.service_kinds", str(exc))
    settings: NeedSettings | None = build_settings(NeedSettings, "need", values, out)
    if settings is None:
        return None
    return replace(settings, indicators=tuple(rules), service_kinds=tuple(kinds))


def _toml_value(value: Any) -> Any:
    if isinstance(value, dt.time):
        return format_cell(value)
    if isinstance(value, frozenset):
        return format_weekdays(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return [_toml_value(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return settings_table(value)
    return value


def settings_table(settings: Any) -> dict[str, Any]:
    """A settings dataclass as a TOML table (the inverse of reading its section)."""
    return {f.name: _toml_value(getattr(settings, f.name)) for f in fields(settings)}


def override_settings(
    settings: _Settings, assignments: Iterable[str], *, option: str = "--set"
) -> _Settings:
    """``settings`` with ``NAME=VALUE`` texts applied (e.g. ``repeat_decay=0.5``).

    Parameters
    ----------
    settings
        A settings dataclass (e.g. :class:`~itinerant.model.PlanSettings`).
    assignments
        ``NAME=VALUE`` texts; a value is read as its field's type (a number, ``HH:MM``...).
    option
        How the texts were given, for the error messages.

    Raises
    ------
    InputError
        Naming the setting whose name or value is refused.
    """
    cls = type(settings)
    hints = typing.get_type_hints(cls)
    known = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    values: dict[str, Any] = {}
    for text in assignments:
        name, sep, raw = (part.strip() for part in text.partition("="))
        if not sep or name not in known:
            what = f"{name!r} is not a setting" if sep else "is not NAME=VALUE"
            msg = f"{option} {text!r}: {what} (NAME one of: {', '.join(known)})"
            raise InputError(msg)
        try:
            values[name] = _TEXT[hints[name]](raw)
        except ValueError as exc:
            msg = f"{option} {name}: {exc}"
            raise InputError(msg) from None
    try:
        return replace(settings, **values)  # type: ignore[type-var]
    except FieldError as exc:
        msg = f"{option} {exc.field}: {exc.message}"
        raise InputError(msg) from None
