"""The TrueType fonts and the A4 page of every PDF itinerant writes (roadbooks, posters).

reportlab's standard fonts are Latin-1 only; French text needs more (``œ``, ``’``, the narrow
no-break space of French numbers). The first usable pair of :data:`FONT_CANDIDATES` is
registered, once: DejaVu Sans (Debian's ``fonts-dejavu-core``), else the Vera fonts bundled
with reportlab, else Helvetica. :func:`a4_pdf` lays a story of flowables out on A4 pages.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import reportlab
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, SimpleDocTemplate

__all__ = ["DEJAVU_DIR", "FONT_CANDIDATES", "PdfFonts", "a4_pdf", "pdf_fonts"]

logger = logging.getLogger(__name__)

DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")
"""Where Debian's ``fonts-dejavu-core`` puts DejaVu Sans."""

_BUNDLED = Path(reportlab.__file__).resolve().parent / "fonts"

FONT_CANDIDATES: tuple[tuple[Path, Path], ...] = (
    (DEJAVU_DIR / "DejaVuSans.ttf", DEJAVU_DIR / "DejaVuSans-Bold.ttf"),
    (_BUNDLED / "Vera.ttf", _BUNDLED / "VeraBd.ttf"),
)
"""(regular, bold) TrueType fonts tried in order; the first pair that loads is used."""


@dataclass(frozen=True)
class PdfFonts:
    """Registered font names and the characters both faces can draw."""

    regular: str
    bold: str
    chars: frozenset[int]


@cache
def pdf_fonts() -> PdfFonts:
    """Register the first usable font pair of :data:`FONT_CANDIDATES` once (Helvetica if none)."""
    for regular, bold in FONT_CANDIDATES:
        if not (regular.is_file() and bold.is_file()):
            continue
        # one name per file, so that registering another pair never replaces this one
        names = (f"ItinerantSans-{regular.stem}", f"ItinerantSans-{bold.stem}")
        try:
            face_r = TTFont(names[0], str(regular))
            face_b = TTFont(names[1], str(bold))
        except Exception as exc:  # reportlab raises several kinds of errors on bad fonts
            logger.warning("cannot load font %s: %s", regular, exc)
            continue
        pdfmetrics.registerFont(face_r)
        pdfmetrics.registerFont(face_b)
        pdfmetrics.registerFontFamily(
            names[0], normal=names[0], bold=names[1], italic=names[0], boldItalic=names[1]
        )
        chars = frozenset(face_r.face.charToGlyph) & frozenset(face_b.face.charToGlyph)
        logger.debug("PDF font: %s", regular)
        return PdfFonts(names[0], names[1], chars)
    logger.warning("no TrueType font found: PDFs use Helvetica (Latin-1 only)")
    return PdfFonts("Helvetica", "Helvetica-Bold", frozenset(range(32, 256)))


def a4_pdf(
    story: Sequence[Flowable | object],
    *,
    margins: tuple[float, float, float],
    on_page: Callable[[Any, Any], None] | None = None,
    **info: str | int,
) -> bytes:
    """The A4 PDF of ``story``.

    Parameters
    ----------
    story
        reportlab flowables, in reading order.
    margins
        Side (left and right), top and bottom margins, in points.
    on_page
        Drawn on every page (footer...): called with the canvas and the document.
    **info
        Document information and options of reportlab's ``SimpleDocTemplate`` (``title``,
        ``author``, ``subject``, ``lang``, ``invariant``: 1 for byte-identical output...).

    Returns
    -------
    bytes
        The PDF document.
    """
    side, top, bottom = margins
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=side,
        rightMargin=side,
        topMargin=top,
        bottomMargin=bottom,
        **info,
    )
    if on_page is None:
        doc.build(list(story))
    else:
        doc.build(list(story), onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()
