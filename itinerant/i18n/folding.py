"""Folding accents away: the one place that strips diacritics for matching, sorting and names.

:func:`fold` decomposes text (Unicode NFKD) and drops the combining marks (``"Guéret"`` gives
``"Gueret"``), and any other character a caller cannot use; :func:`slug` makes a file-name and
UID safe ASCII slug of it. Commune search keys and alphabetical order
(:mod:`itinerant.publish.public`), roadbook text in a font that lacks a character
(:mod:`itinerant.publish.drivers.roadbook`), drivers' file names and UIDs
(:mod:`itinerant.publish.drivers.files`) and the ids of a new territory's sample rows
(:mod:`itinerant.io.territories.samples`) all fold through here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

__all__ = ["fold", "slug"]

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def fold(text: str, keep: Callable[[str], bool] | None = None) -> str:
    """``text`` without accents: NFKD-decomposed, combining marks dropped.

    Parameters
    ----------
    text
        Any text.
    keep
        Also drop every other character for which ``keep`` is false (``str.isascii``: plain
        ASCII only, ``"œ"`` dropped); default: keep them all (``"œ"`` kept).

    Returns
    -------
    str
    """
    return "".join(
        c
        for c in unicodedata.normalize("NFKD", text)
        if not unicodedata.combining(c) and (keep is None or keep(c))
    )


def slug(text: str, *, fallback: str, lower: bool = False) -> str:
    """An ASCII slug: ``"Bus n°1 (Guéret)"`` gives ``"Bus-n1-Gueret"``; ``fallback`` if empty.

    Letters are folded (:func:`fold`, ASCII only), every run of characters other than ASCII
    letters, digits, ``_`` and ``-`` becomes one ``-``, and ``-`` are stripped from both ends;
    ``lower``: in lower case too (ids: ``"Saint-Léger (mairie)"`` gives
    ``"saint-leger-mairie"``).
    """
    out = _UNSAFE.sub("-", fold(text, str.isascii)).strip("-") or fallback
    return out.lower() if lower else out
