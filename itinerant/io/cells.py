"""Cells of scenario files: parsing one text cell into a domain value, and formatting it back.

Every parser takes the stripped text of one cell (or one TOML/command-line value) and returns the
value or raises :class:`ValueError` with a short message quoting the text; the formatters are
their inverses (``parse(format(value)) == value``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable
from typing import Any

from itinerant.model import WEEKDAYS, Pole, Precision, ServiceKind, Slot, StopKind

__all__ = [
    "enum_parser",
    "format_cell",
    "format_day",
    "format_needs",
    "format_poles",
    "format_weekdays",
    "parse_bool",
    "parse_date",
    "parse_day",
    "parse_float",
    "parse_int",
    "parse_needs",
    "parse_poles",
    "parse_postcodes",
    "parse_text",
    "parse_time",
    "parse_weekday",
    "parse_weekdays",
]

_TRUE = {"true", "oui", "yes", "1", "vrai"}
_FALSE = {"false", "non", "no", "0", "faux"}
_WEEKDAY_ALIASES = {
    **{code: i for i, code in enumerate(WEEKDAYS)},
    **{fr: i for i, fr in enumerate(("lun", "mar", "mer", "jeu", "ven", "sam", "dim"))},
    **{
        fr: i
        for i, fr in enumerate(
            ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
        )
    },
}


# --------------------------------------------------------------------------- parsers
def parse_int(raw: str) -> int:
    """A whole number."""
    try:
        return int(raw)
    except ValueError:
        msg = f"{raw!r} is not a whole number"
        raise ValueError(msg) from None


def parse_float(raw: str) -> float:
    """A finite number; a decimal comma is accepted (``2,5``)."""
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        msg = f"{raw!r} is not a number"
        raise ValueError(msg) from None
    if not math.isfinite(value):
        msg = f"{raw!r} is not a finite number"
        raise ValueError(msg)
    return value


def parse_bool(raw: str) -> bool:
    """``true``/``false``, in English or French (``oui``/``non``, ``vrai``/``faux``), or 1/0."""
    low = raw.lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    msg = f"{raw!r} is not true/false (or oui/non)"
    raise ValueError(msg)


def parse_time(raw: str) -> dt.time:
    """A clock time ``HH:MM``."""
    try:
        hours, minutes = raw.split(":")
        return dt.time(int(hours), int(minutes))
    except ValueError:
        msg = f"{raw!r} is not a clock time HH:MM"
        raise ValueError(msg) from None


def parse_date(raw: str) -> dt.date:
    """An ISO date ``YYYY-MM-DD``."""
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        msg = f"{raw!r} is not a date YYYY-MM-DD"
        raise ValueError(msg) from None


def parse_weekday(raw: str) -> int:
    """A weekday code (``mon``, ``lun``, ``lundi``...) as its number (0 = Monday)."""
    try:
        return _WEEKDAY_ALIASES[raw.lower()]
    except KeyError:
        msg = f"{raw!r} is not a weekday ({' '.join(WEEKDAYS[:5])}...)"
        raise ValueError(msg) from None


def parse_weekdays(raw: str) -> frozenset[int]:
    """Space-separated weekday codes."""
    return frozenset(parse_weekday(part) for part in raw.split())


def parse_day(raw: str) -> int | dt.date:
    """A date (one-off rule) or a weekday code (weekly rule)."""
    if raw[:1].isdigit():
        return parse_date(raw)
    return parse_weekday(raw)


def enum_parser(enum: type[Any]) -> Callable[[str], Any]:
    """A parser of the values of ``enum`` (case-insensitive)."""
    allowed = ", ".join(e.value for e in enum)

    def parse(raw: str) -> Any:
        try:
            return enum(raw.lower())
        except ValueError:
            msg = f"{raw!r} is not one of: {allowed}"
            raise ValueError(msg) from None

    return parse


_parse_pole = enum_parser(Pole)


def parse_poles(raw: str) -> frozenset[Pole]:
    """Space-separated pôles."""
    return frozenset(_parse_pole(part) for part in raw.split())


def parse_needs(raw: str) -> tuple[tuple[Pole, int], ...]:
    """Space-separated ``pôle:count`` pairs (``emploi:2 orientation:1``)."""
    out = []
    for part in raw.split():
        pole, sep, count = part.partition(":")
        if not sep:
            msg = f"{part!r} is not pôle:count (e.g. emploi:2)"
            raise ValueError(msg)
        out.append((_parse_pole(pole), parse_int(count)))
    return tuple(out)


def parse_postcodes(raw: str) -> tuple[str, ...]:
    """Space-separated postcodes."""
    return tuple(raw.split())


def parse_text(raw: str) -> str:
    """The text itself."""
    return raw


# --------------------------------------------------------------------------- formatters
def format_cell(value: Any) -> str:
    """Format one domain value as a cell (inverse of the scalar parsers above)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Pole | ServiceKind | Precision | StopKind | Slot):
        return str(value.value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def format_weekdays(days: Iterable[int]) -> str:
    """Inverse of :func:`parse_weekdays`, Monday first."""
    return " ".join(WEEKDAYS[d] for d in sorted(days))


def format_poles(poles: Iterable[Pole]) -> str:
    """Inverse of :func:`parse_poles`, in the order of :class:`~itinerant.model.Pole`."""
    order = list(Pole)
    return " ".join(p.value for p in sorted(poles, key=order.index))


def format_day(day: int | dt.date) -> str:
    """Inverse of :func:`parse_day`."""
    return day.isoformat() if isinstance(day, dt.date) else WEEKDAYS[day]


def format_needs(needs: Iterable[tuple[Pole, int]]) -> str:
    """Inverse of :func:`parse_needs`."""
    return " ".join(f"{pole.value}:{count}" for pole, count in needs)
