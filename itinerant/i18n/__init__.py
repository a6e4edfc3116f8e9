"""User-facing texts, French first, kept in one place.

Every text shown to coordinators, drivers or the public goes through :func:`t`: the texts are in
:mod:`~itinerant.i18n.messages` (grouped by audience in the ``texts_*`` modules), the formatting
of texts, numbers, shares and dates in :mod:`~itinerant.i18n.formatting`. The language is ``fr``
by default; set ``ITINERANT_LANG=en`` (or pass ``lang``) for English.
"""

from __future__ import annotations

from itinerant.i18n.formatting import current_language, has_text, long_date, number, percent, t
from itinerant.i18n.messages import LANGUAGES, MESSAGES

__all__ = [
    "LANGUAGES",
    "MESSAGES",
    "current_language",
    "has_text",
    "long_date",
    "number",
    "percent",
    "t",
]
