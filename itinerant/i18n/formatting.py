"""Formatting for people: texts by key, numbers, shares and dates in the language in force.

The language is ``fr`` by default; set ``ITINERANT_LANG=en`` (or pass ``lang``) for English.
Day and month names come from the texts, never from the system locale.
"""

from __future__ import annotations

import datetime as dt
import os
import re

from itinerant.i18n.messages import LANGUAGES, MESSAGES

__all__ = ["current_language", "has_text", "long_date", "number", "percent", "t"]


def has_text(key: str) -> bool:
    """Whether ``key`` is a known text (in French, the reference language)."""
    return key in MESSAGES["fr"]


def current_language() -> str:
    """The language in force: ``ITINERANT_LANG`` when it names a known language, else ``fr``."""
    lang = os.environ.get("ITINERANT_LANG", "fr").lower()[:2]
    return lang if lang in LANGUAGES else "fr"


_DE_FIELD = re.compile(r"\b([Dd])e \{(\w+)\}")
_VOWEL = re.compile(r"[AEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒaeiouyàâäéèêëîïôöùûüœ]")


def _elide(template: str, values: dict[str, object]) -> str:
    """French elision before a value: ``près de {commune}`` with ``Aubusson`` -> ``d'Aubusson``.

    Only ``de`` directly before a field is elided, and only before a vowel (a commune's ``h``
    may be aspirated: ``de Hérisson`` stays).
    """

    def elide(found: re.Match[str]) -> str:
        value = values.get(found[2])
        if isinstance(value, str) and _VOWEL.match(value):
            return f"{found[1]}'{{{found[2]}}}"
        return found[0]

    return _DE_FIELD.sub(elide, template)


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The text ``key`` in ``lang`` (default: :func:`current_language`), formatted with values.

    In French, ``de`` before a value that starts with a vowel is elided (``d'Aubusson``).
    """
    lang = lang or current_language()
    template = MESSAGES[lang].get(key, MESSAGES["fr"][key])
    if lang == "fr" and "de {" in template:
        template = _elide(template, values)
    return template.format(**values)


def number(value: float, lang: str | None = None, digits: int = 0) -> str:
    """A number formatted for ``lang`` (French: narrow no-break space thousands, comma)."""
    text = f"{value:,.{digits}f}"
    if (lang or current_language()) == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def long_date(day: dt.date, lang: str | None = None) -> str:
    """A date in words: ``"mardi 12 janvier 2027"``, ``"vendredi 1er janvier 2027"``.

    Day and month names come from this module, never from the system locale, so outputs are
    the same on every machine.
    """
    return t(
        "date.long",
        lang,
        weekday=t(f"date.weekday.{day.weekday()}", lang),
        day=t("date.first_of_month", lang) if day.day == 1 else str(day.day),
        month=t(f"date.month.{day.month}", lang),
        year=day.year,
    )


def percent(share: float, lang: str | None = None) -> str:
    """A share in 0..1 as a percentage for ``lang``."""
    return (
        f"{number(100 * share, lang, 1)} %"
        if (lang or current_language()) == "fr"
        else (f"{100 * share:.1f}%")
    )
