"""French-first formatting of dates, hours, drive times and labels for the public.

Day and month names come from :func:`itinerant.i18n.long_date`, never from the system locale,
so that outputs are the same everywhere:
``format_date(date(2027, 1, 12))`` is ``"mardi 12 janvier 2027"`` in French and
``"Tuesday 12 January 2027"`` in English.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from itinerant.i18n import long_date, number, t
from itinerant.i18n.folding import fold
from itinerant.model import Pole, ServiceKind

__all__ = [
    "drive_minutes",
    "format_date",
    "format_drive",
    "format_hours",
    "format_time",
    "normalise_name",
    "pole_labels",
    "service_kind_label",
]

_TOKENS = {"saint": "st", "sainte": "ste", "saints": "sts", "saintes": "stes"}


def format_date(day: dt.date, lang: str | None = None) -> str:
    """A date in words: ``"mardi 12 janvier 2027"`` (``"vendredi 1er janvier 2027"``)."""
    return long_date(day, lang)


def format_time(time: dt.time, lang: str | None = None) -> str:
    """A clock time: ``"9 h 30"`` and ``"14 h"`` in French, ``"9:30"`` in English."""
    if time.minute == 0:
        return t("public.time_oclock", lang, hour=time.hour)
    return t("public.time", lang, hour=time.hour, minute=f"{time.minute:02d}")


def format_hours(start: dt.time, end: dt.time, lang: str | None = None) -> str:
    """Opening hours: ``"de 9 h 30 à 12 h"``."""
    return t("public.hours", lang, start=format_time(start, lang), end=format_time(end, lang))


def drive_minutes(seconds: int) -> int:
    """Whole minutes of a drive, rounded to the nearest minute, at least 1 for a real drive."""
    if seconds <= 0:
        return 0
    return max(1, (seconds + 30) // 60)


def format_drive(seconds: int | None, metres: int | None, lang: str | None = None) -> str:
    """A drive: ``"12 min en voiture (9,8 km)"``; ``None`` or negative means no known road."""
    if seconds is None or seconds < 0 or metres is None or metres < 0:
        return t("public.drive_none", lang)
    minutes = drive_minutes(seconds)
    if minutes == 0:
        return t("public.drive_here", lang)
    return t("public.drive", lang, minutes=minutes, km=number(metres / 1000, lang, 1))


def pole_labels(poles: Iterable[Pole], lang: str | None = None) -> tuple[str, ...]:
    """Labels of pôles (``"création d'activité"``...)."""
    return tuple(t(f"pole.{pole.value}", lang) for pole in poles)


def service_kind_label(kind: ServiceKind, lang: str | None = None) -> str:
    """Label of a kind of ServicePoint (``"Mission locale"``...)."""
    return t(f"public.service_kind.{kind.value}", lang)


def normalise_name(text: str) -> str:
    """A commune name folded for matching: no accents, no case, no punctuation, St for Saint.

    ``"Saint-Sulpice-le-Guérétois"``, ``"st sulpice le gueretois"`` and
    ``"ST-SULPICE-LE-GUERETOIS"`` all give ``"st sulpice le gueretois"``.
    """
    plain = fold(text).casefold().replace("œ", "oe").replace("æ", "ae")
    plain = re.sub(r"[^a-z0-9]+", " ", plain)
    return " ".join(_TOKENS.get(token, token) for token in plain.split())
