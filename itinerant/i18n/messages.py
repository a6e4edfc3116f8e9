"""Every user-facing text, by language: one table assembled from the ``texts_*`` modules.

Texts are grouped by audience (dashboard, public, drivers, publishing, commands); a key lives in
exactly one group, and every key has a French text (the reference) and an English one.
"""

from __future__ import annotations

from itinerant.i18n import (
    texts_commands,
    texts_dashboard,
    texts_drivers,
    texts_public,
    texts_publishing,
)

__all__ = ["LANGUAGES", "MESSAGES"]

LANGUAGES = ("fr", "en")

_GROUPS = (texts_commands, texts_drivers, texts_public, texts_publishing, texts_dashboard)


def _merged(lang: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for group in _GROUPS:
        texts: dict[str, str] = getattr(group, lang.upper())
        clash = table.keys() & texts.keys()
        if clash:
            msg = f"texts defined twice: {sorted(clash)}"
            raise RuntimeError(msg)
        table.update(texts)
    return table


MESSAGES: dict[str, dict[str, str]] = {lang: _merged(lang) for lang in LANGUAGES}
