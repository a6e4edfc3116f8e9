"""Printable A4 posters, one per Stop: its coming dates and hours, the pôles present, its address.

A Stop visited regularly also gets its patterns in words ("un mardi sur deux, 9 h 30 – 11 h",
with the span and the skipped dates) above the list of dates.

Large, plain French text meant to be pinned on a town-hall notice board. The font is a
Unicode TrueType font (DejaVu Sans when the system has it, else the Bitstream Vera fonts bundled
with reportlab, else Helvetica), embedded in the PDF so that accents print and can be extracted.
Files are reproducible (reportlab's ``invariant`` mode: no creation time in the file). No crew
data: posters are made from public events only.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from itinerant.i18n import current_language, t
from itinerant.model import Stop
from itinerant.publish.pdf_fonts import a4_pdf, pdf_fonts
from itinerant.publish.public.events import PARIS, EventKind, PublicEvent
from itinerant.publish.public.rotations import detect_rotations, rotation_span_text, rotation_text
from itinerant.publish.public.text import format_date, format_hours, pole_labels, service_kind_label
from itinerant.publish.public.timetable import NearbyServicePoint, Origin, PublicTimetable, nearby

__all__ = ["file_stem", "poster_fonts", "poster_pdf", "write_posters"]

logger = logging.getLogger(__name__)

_INK = colors.HexColor("#1b1b1b")
_BRAND = colors.HexColor("#003a70")
_TINT = colors.HexColor("#e8f0f8")
_MARGIN = 20 * mm
_TEXT_WIDTH = A4[0] - 2 * _MARGIN


def poster_fonts() -> tuple[str, str]:
    """The posters' (regular, bold) font names (see :mod:`itinerant.publish.pdf_fonts`)."""
    fonts = pdf_fonts()
    return fonts.regular, fonts.bold


def file_stem(ident: str) -> str:
    """A file name stem for an id: safe characters kept, others replaced, hash if changed."""
    stem = re.sub(r"[^A-Za-z0-9._-]", "-", ident).strip(".-") or "x"
    if stem != ident:
        stem += "-" + hashlib.sha1(ident.encode()).hexdigest()[:6]  # tells clashes apart
    return stem


def _fitting_size(text: str, font: str, size: float, width: float, smallest: float) -> float:
    """The largest size up to ``size`` at which the longest word of ``text`` fits ``width``."""
    widest = max((pdfmetrics.stringWidth(w, font, size) for w in text.split()), default=0.0)
    if widest <= width:
        return size
    return max(smallest, size * width / widest)


def _styles(scale: float, title: str) -> dict[str, ParagraphStyle]:
    regular, bold = poster_fonts()
    title_size = _fitting_size(title, bold, 34, _TEXT_WIDTH, 18)

    def style(name: str, font: str, size: float, **kw: object) -> ParagraphStyle:
        options: dict[str, object] = {"textColor": _INK, "embeddedHyphenation": 1, **kw}
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.25, **options)

    return {
        "kicker": style("kicker", bold, 20, textColor=_BRAND, spaceAfter=4 * mm),
        "title": style("title", bold, title_size, spaceAfter=3 * mm),
        "address": style("address", regular, 18, spaceAfter=7 * mm),
        "heading": style("heading", bold, 22, textColor=_BRAND, spaceAfter=3 * mm),
        "date": style("date", bold, 20 * scale),
        "hours": style("hours", regular, 19 * scale),
        "poles": style("poles", regular, 14 * scale, spaceAfter=4 * mm * scale),
        "body": style("body", regular, 16),
        "small": style("small", regular, 11),
    }


def poster_pdf(
    stop: Stop,
    events: Sequence[PublicEvent],
    *,
    address: str,
    service_points: Sequence[NearbyServicePoint] = (),
    notes: Sequence[str] = (),
    regular: Sequence[tuple[str, str]] = (),
    lang: str | None = None,
) -> bytes:
    """The A4 poster of one Stop.

    Parameters
    ----------
    stop
        The Stop, whose name is the poster's title.
    events
        Its coming Visits (public events), in date order.
    address
        The address line to print under the Stop's name.
    service_points
        Nearest fixed ServicePoints, shown as the other options ("le reste du temps").
    notes
        Small print at the bottom (publication date, approximate drive times, sample data).
    regular
        The Stop's regular patterns, each as (sentence, span):
        (``"un mardi sur deux, 9 h 30 – 11 h"``, ``"Du … au …, sauf le …"``), printed above
        the dates (:mod:`itinerant.publish.public.rotations`).
    lang
        Language of the texts.

    Returns
    -------
    bytes
        The PDF.
    """
    lang = lang or current_language()
    scale = 1.0 if len(events) <= 4 else 0.85
    st = _styles(scale, stop.name)
    story: list[object] = [
        Paragraph(escape(t("public.poster.kicker", lang)), st["kicker"]),
        Paragraph(escape(stop.name), st["title"]),
        Paragraph(escape(address), st["address"]),
    ]
    if regular:
        story.append(Paragraph(escape(t("public.rotation.heading", lang)), st["heading"]))
        for sentence, span in regular:
            story.append(
                KeepTogether(
                    [
                        Paragraph(escape(sentence), st["date"]),
                        Paragraph(escape(span), st["poles"]),
                    ]
                )
            )
    story.append(Paragraph(escape(t("public.poster.dates_heading", lang)), st["heading"]))
    if not events:
        story.append(Paragraph(escape(t("public.poster.no_dates", lang)), st["body"]))
    for event in events:
        block = [
            Paragraph(escape(format_date(event.date, lang)), st["date"]),
            Paragraph(escape(format_hours(event.start, event.end, lang)), st["hours"]),
        ]
        if event.poles:
            labels = ", ".join(pole_labels(event.poles, lang))
            text = t("public.poles_present", lang, poles=labels)
            block.append(Paragraph(escape(text), st["poles"]))
        else:
            block.append(Spacer(1, 4 * mm * scale))
        story.append(KeepTogether(block))
    pitch = Table(
        [
            [Paragraph(escape(t("public.poster.pitch", lang)), st["body"])],
            [Paragraph(escape(t("public.free", lang)), st["body"])],
        ],
        colWidths=[_TEXT_WIDTH],
    )
    pitch.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), _TINT),
                ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
            ]
        )
    )
    story += [Spacer(1, 4 * mm), pitch, Spacer(1, 5 * mm)]
    if service_points:
        lines = [Paragraph(escape(t("public.poster.elsewhere", lang)), st["body"])]
        for sp in service_points:
            text = t(
                "public.poster.service_point",
                lang,
                name=sp.name,
                kind=service_kind_label(sp.kind, lang),
                commune=sp.commune_name,
                drive=sp.drive_text(lang),
            )
            lines.append(Paragraph("• " + escape(text), st["body"]))
        story.append(KeepTogether(lines))
    if notes:
        story.append(Spacer(1, 5 * mm))
        story += [Paragraph(escape(note), st["small"]) for note in notes]
    return a4_pdf(
        story,
        margins=(_MARGIN, 18 * mm, 18 * mm),
        title=stop.name,
        author=t("public.event.visit", lang),
        subject=t("public.poster.dates_heading", lang),
        lang=lang,
        invariant=1,
    )


def write_posters(
    timetable: PublicTimetable, out_dir: str | Path, *, service_points: int = 2
) -> list[Path]:
    """Write one A4 poster (PDF) per Stop visited in ``timetable``: ``<stop id>.pdf``.

    Posters go to ``out_dir`` (created); each mentions the ``service_points`` nearest fixed
    ServicePoints and, in small type, the publication time of the timetable.

    Returns
    -------
    list of Path
        One PDF per Stop with at least one Visit, by Stop id.
    """
    lang, stamp, scenario, matrix = (
        timetable.lang,
        timetable.generated_at,
        timetable.scenario,
        timetable.matrix,
    )
    by_stop: dict[str, list[PublicEvent]] = {}
    for event in timetable.events:
        if event.kind is EventKind.VISIT:
            by_stop.setdefault(event.ref, []).append(event)
    stops = {s.id: s for s in scenario.stops}
    published = format_date(stamp.astimezone(PARIS).date(), lang)
    notes = [t("public.site.published", lang, date=published)]
    if matrix.approximate and service_points:
        notes.append(t("public.approximate", lang))
    if scenario.sample:
        notes.append(t("public.sample", lang))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rotations = detect_rotations(timetable.events, midday=scenario.plan.midday)
    written = []
    for stop_id in sorted(by_stop):
        stop = stops[stop_id]
        mine = by_stop[stop_id]
        points: tuple[NearbyServicePoint, ...] = ()
        if service_points and scenario.territory.has_commune(stop.commune):
            origin = Origin.at_commune(scenario.territory.commune(stop.commune))
            _, points = nearby((), scenario, matrix, origin, service_points=service_points)
        pdf = poster_pdf(
            stop,
            mine,
            address=mine[0].place_line,
            service_points=points,
            notes=notes,
            regular=[
                (rotation_text(r, lang), rotation_span_text(r, lang, capital=True))
                for r in rotations
                if r.ref == stop_id
            ],
            lang=lang,
        )
        path = out / f"{file_stem(stop_id)}.pdf"
        path.write_bytes(pdf)
        written.append(path)
    logger.info("wrote %d posters in %s", len(written), out)
    return written
