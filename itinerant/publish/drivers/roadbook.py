"""The driver's roadbook (« feuille de route »): a printable A4 PDF of one bus's week.

The first page sums up the week (one line per day); then each day has its own page: a header
(bus, date, week), the departure from the Depot, a table of the ordered Stops (arrival, session,
departure, address, commune, drive time and kilometres of the Leg before each Stop), the lunch
break, the return, the crew's names and a **map of the day** drawn with reportlab graphics:
commune boundaries of the Territory in light grey, the day's track, numbered Stop markers and
the Depot. No tile server is used, so the document is made offline.

When the Leg times come from the approximate network, every page says so in a framed warning
(« Temps et distances approximatifs… »), and the map's track is dashed.

Text is set in a Unicode TrueType font that has French accents and the narrow no-break space:
DejaVu Sans when installed (Debian ``fonts-dejavu-core``), else Bitstream Vera, which reportlab
ships; characters the chosen font lacks are replaced by close equivalents (a narrow no-break
space by a no-break space...), never dropped silently.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import shapely
from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle
from shapely.geometry.base import BaseGeometry

from itinerant import __version__
from itinerant.i18n import current_language, t
from itinerant.i18n.folding import fold
from itinerant.model import Territory
from itinerant.publish.drivers.itinerary import (
    Coordinate,
    DayItinerary,
    Itinerary,
    clock_text,
    date_text,
    duration_text,
    km_text,
    network_text,
    week_code,
)
from itinerant.publish.pdf_fonts import a4_pdf, pdf_fonts

__all__ = ["roadbook_pdf", "roadbook_title", "write_roadbook"]

logger = logging.getLogger(__name__)

_REPLACEMENTS: Mapping[str, str] = {
    "\u202f": "\u00a0",  # narrow no-break space
    "\u2009": " ",
    "\u00a0": " ",
    "\u2011": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2026": "...",
    "\u2192": "->",
    "\u26a0": "!",
    "\u00ab": '"',
    "\u00bb": '"',
}

_INK = colors.HexColor("#1a1a2e")
_ACCENT = colors.HexColor("#1f4e9a")
_DEPOT = colors.HexColor("#a4262c")
_TRACK = colors.HexColor("#1f6fd1")
_WARN_BG = colors.HexColor("#fff4ce")
_WARN_BORDER = colors.HexColor("#c77c02")
_ROW_ALT = colors.HexColor("#f2f4f8")
_BOUNDARY = colors.Color(0.72, 0.72, 0.72)
_VISITED_FILL = colors.HexColor("#fdf3d8")

_PAGE_W, _PAGE_H = A4
_MARGIN = 15 * mm
_FRAME_W = _PAGE_W - 2 * _MARGIN
_MAP_H = 105 * mm


# --------------------------------------------------------------------------- fonts


def _clean(text: str) -> str:
    """``text`` with every character the font lacks replaced by a close equivalent."""
    chars = pdf_fonts().chars
    out = []
    for ch in text:
        if ord(ch) in chars or ch in "\n\t":
            out.append(ch)
            continue
        sub = _REPLACEMENTS.get(ch)
        while sub is not None and len(sub) == 1 and ord(sub) not in chars:
            sub = _REPLACEMENTS.get(sub)
        if sub is None:
            sub = fold(ch, lambda c: ord(c) in chars) or "?"
        out.append(sub)
    return "".join(out)


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped; newlines become line breaks)."""
    return Paragraph(escape(_clean(text)).replace("\n", "<br/>"), style)


def _b(text: str) -> str:
    """Markup for bold plain text, to embed in :func:`_markup` paragraphs."""
    return f"<b>{escape(_clean(text))}</b>"


def _markup(markup: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of markup built with :func:`_b` and escaped parts."""
    return Paragraph(markup, style)


def _e(text: str) -> str:
    return escape(_clean(text))


@dataclass(frozen=True)
class _Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    head: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    warning: ParagraphStyle
    caption: ParagraphStyle


def _styles() -> _Styles:
    f = pdf_fonts()
    body = ParagraphStyle("body", fontName=f.regular, fontSize=9.5, leading=12.5, textColor=_INK)
    return _Styles(
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8, leading=10),
        cell=ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5),
        cell_bold=ParagraphStyle("cellb", parent=body, fontName=f.bold, fontSize=8.5, leading=10.5),
        head=ParagraphStyle(
            "head", parent=body, fontName=f.bold, fontSize=8, leading=10, textColor=colors.white
        ),
        title=ParagraphStyle(
            "title", parent=body, fontName=f.bold, fontSize=17, leading=21, textColor=_ACCENT
        ),
        heading=ParagraphStyle(
            "heading", parent=body, fontName=f.bold, fontSize=13.5, leading=17, spaceBefore=2
        ),
        warning=ParagraphStyle(
            "warning",
            parent=body,
            fontSize=8.5,
            leading=11,
            backColor=_WARN_BG,
            borderColor=_WARN_BORDER,
            borderWidth=0.8,
            borderPadding=5,
            spaceBefore=5,
            spaceAfter=9,
        ),
        caption=ParagraphStyle(
            "caption", parent=body, fontSize=7.5, leading=9.5, textColor=colors.grey
        ),
    )


# --------------------------------------------------------------------------- document


def roadbook_title(itinerary: Itinerary, lang: str | None = None) -> str:
    """The document title: ``Feuille de route – <bus> – 2027-S02``."""
    return t(
        "roadbook.doc_title",
        lang,
        bus=itinerary.bus_name,
        week=week_code(itinerary.year, itinerary.week, lang),
    )


def roadbook_pdf(
    itinerary: Itinerary,
    territory: Territory,
    *,
    tracks: Mapping[dt.date, Sequence[Sequence[Coordinate]]] | None = None,
    lang: str | None = None,
    invariant: bool = False,
) -> bytes:
    """The roadbook of one bus's week as PDF bytes.

    A summary page for the week, then one page per day (see the module docstring).

    Parameters
    ----------
    itinerary
        The bus's week; when it has no day, the document says there is no tour that week.
    territory
        The Territory, whose commune boundaries are drawn on the maps.
    tracks
        Date -> one list of ``(lon, lat)`` per Leg, from
        :func:`~itinerant.publish.drivers.itinerary.itinerary_tracks`; days without a track are
        drawn with
        straight lines between places.
    lang
        ``"fr"`` or ``"en"``; default :func:`~itinerant.i18n.current_language`.
    invariant
        Produce byte-identical output for identical input (no creation date, fixed ids).

    Returns
    -------
    bytes
        The PDF document.
    """
    lang = lang or current_language()
    styles = _styles()
    title = roadbook_title(itinerary, lang)
    code = week_code(itinerary.year, itinerary.week, lang)
    story: list[object] = []
    story += _week_section(itinerary, styles, lang)
    for day in itinerary.days:
        story.append(PageBreak())
        track = tracks.get(day.date) if tracks is not None else None
        story += _day_section(
            itinerary, day, territory=territory, track=track, styles=styles, lang=lang
        )

    footer = _clean(title)
    fonts = pdf_fonts()

    def on_page(canvas: Any, document: Any) -> None:
        page = canvas.getPageNumber()
        canvas.saveState()
        canvas.setFont(fonts.regular, 7.5)
        canvas.setFillColor(colors.grey)
        canvas.drawString(_MARGIN, _MARGIN - 2 * mm, footer)
        canvas.drawRightString(
            _PAGE_W - _MARGIN, _MARGIN - 2 * mm, _clean(t("roadbook.page", lang, page=page))
        )
        canvas.restoreState()

    return a4_pdf(
        story,
        margins=(_MARGIN, _MARGIN, _MARGIN + 4 * mm),
        on_page=on_page,
        title=_clean(title),
        author="itinerant",
        subject=_clean(
            t(
                "roadbook.subject",
                lang,
                bus=itinerary.bus_name,
                week=code,
                scenario=itinerary.scenario,
            )
        ),
        creator=f"itinerant {__version__}",
        keywords=_clean(t("roadbook.keywords", lang)),
        lang=lang,
        invariant=1 if invariant else 0,
        displayDocTitle=1,
    )


def write_roadbook(
    itinerary: Itinerary,
    territory: Territory,
    path: str | os.PathLike[str],
    *,
    tracks: Mapping[dt.date, Sequence[Sequence[Coordinate]]] | None = None,
    lang: str | None = None,
    invariant: bool = False,
) -> Path:
    """Write :func:`roadbook_pdf` to ``path`` (folders created) and return the path."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(
        roadbook_pdf(itinerary, territory, tracks=tracks, lang=lang, invariant=invariant)
    )
    logger.info("roadbook written: %s", out)
    return out


def _warning(itinerary: Itinerary | DayItinerary, styles: _Styles, lang: str) -> list[object]:
    if not itinerary.approximate:
        return []
    text = t("roadbook.approximate", lang, label=network_text(itinerary.network_label, lang))
    return [_markup(_e("\u26a0 ") + _b(text), styles.warning)]


def _week_section(itinerary: Itinerary, styles: _Styles, lang: str) -> list[object]:
    code = week_code(itinerary.year, itinerary.week, lang)
    out: list[object] = [
        _p(t("roadbook.title", lang), styles.title),
        _markup(
            _e(t("roadbook.bus_label", lang)) + " " + _b(f"{itinerary.bus_name} ({itinerary.bus})"),
            styles.heading,
        ),
        _p(
            t(
                "roadbook.week",
                lang,
                week=itinerary.week,
                code=code,
                monday=date_text(itinerary.monday, lang),
                sunday=date_text(itinerary.sunday, lang),
            ),
            styles.body,
        ),
        _p(t("roadbook.scenario", lang, scenario=itinerary.scenario), styles.small),
        Spacer(1, 3 * mm),
        *_warning(itinerary, styles, lang),
    ]
    if not itinerary.days:
        out.append(Spacer(1, 6 * mm))
        out.append(_p(t("roadbook.no_tour", lang), styles.heading))
        return out
    out.append(_p(t("roadbook.week_summary", lang), styles.heading))
    out.append(Spacer(1, 2 * mm))
    header = [
        t("roadbook.col.day", lang),
        t("roadbook.col.stops", lang),
        t("roadbook.col.out", lang),
        t("roadbook.col.back", lang),
        t("roadbook.col.drive", lang),
        t("roadbook.col.km", lang),
    ]
    rows: list[list[object]] = [[_p(h, styles.head) for h in header]]
    for day in itinerary.days:
        stops = "\n".join(f"{s.number}. {s.name} ({s.commune_name})" for s in day.stops)
        rows.append(
            [
                _p(date_text(day.date, lang), styles.cell_bold),
                _p(stops, styles.cell),
                _p(clock_text(day.departure), styles.cell),
                _p(clock_text(day.return_time), styles.cell),
                _p(duration_text(day.drive_s, lang), styles.cell),
                _p(km_text(day.distance_m, lang), styles.cell),
            ]
        )
    rows.append(
        [
            _p(t("roadbook.total", lang), styles.cell_bold),
            _p(t("roadbook.stop_count", lang, count=len(itinerary.stop_calls)), styles.cell),
            "",
            "",
            _p(duration_text(itinerary.drive_s, lang), styles.cell_bold),
            _p(km_text(itinerary.distance_m, lang), styles.cell_bold),
        ]
    )
    widths = [38 * mm, 80 * mm, 15 * mm, 15 * mm, 17 * mm, 15 * mm]
    out.append(_table(rows, widths, total_row=True))
    return out


def _table(rows: list[list[object]], widths: Sequence[float], *, total_row: bool) -> Table:
    table = Table(rows, colWidths=list(widths), repeatRows=1)
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), _ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.lightgrey),
        ("BOX", (0, 0), (-1, -1), 0.6, _ACCENT),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    style += [("BACKGROUND", (0, r), (-1, r), _ROW_ALT) for r in range(2, len(rows), 2)]
    if total_row:
        style.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, _ACCENT))
    table.setStyle(TableStyle(style))
    return table


def _place_text(name: str, address: str) -> str:
    return f"{name}\n{address}" if address else name


def _day_section(
    itinerary: Itinerary,
    day: DayItinerary,
    *,
    territory: Territory,
    track: Sequence[Sequence[Coordinate]] | None,
    styles: _Styles,
    lang: str,
) -> list[object]:
    code = week_code(itinerary.year, itinerary.week, lang)
    depot_mark = t("roadbook.depot_mark", lang)
    depot_text = _place_text(day.depot_name, day.depot_address)
    out: list[object] = [
        _p(date_text(day.date, lang).capitalize(), styles.title),
        _markup(
            _e(t("roadbook.bus_label", lang))
            + " "
            + _b(f"{day.bus_name} ({day.bus})")
            + _e(" – " + t("roadbook.week_short", lang, week=day.week[1], code=code)),
            styles.body,
        ),
        *_warning(day, styles, lang),
        Spacer(1, 2 * mm),
        _markup(
            _b(t("roadbook.departure", lang, time=clock_text(day.departure)))
            + _e(f" {day.depot_name}, {day.depot_commune_name}"),
            styles.body,
        ),
        Spacer(1, 2 * mm),
    ]
    header = [
        t("roadbook.col.number", lang),
        t("roadbook.col.arrival", lang),
        t("roadbook.col.session", lang),
        t("roadbook.col.departure", lang),
        t("roadbook.col.place", lang),
        t("roadbook.col.commune", lang),
        t("roadbook.col.leg", lang),
    ]
    rows: list[list[object]] = [[_p(h, styles.head) for h in header]]
    rows.append(
        [
            _p(depot_mark, styles.cell_bold),
            "",
            "",
            _p(clock_text(day.departure), styles.cell_bold),
            _p(depot_text, styles.cell),
            _p(day.depot_commune_name, styles.cell),
            "",
        ]
    )
    lunch_row: int | None = None
    lunch_text = ""
    if day.lunch is not None:
        lunch_text = t(
            "roadbook.lunch",
            lang,
            start=clock_text(day.lunch[0]),
            end=clock_text(day.lunch[1]),
            place=day.lunch_place or "-",
        )
    if day.lunch is not None and day.lunch[1] <= day.departure:
        lunch_row = len(rows)
        rows.append([_p(lunch_text, styles.cell), "", "", "", "", "", ""])
    for stop in day.stops:
        leg = stop.leg
        rows.append(
            [
                _p(str(stop.number), styles.cell_bold),
                _p(clock_text(stop.arrival), styles.cell),
                _p(f"{clock_text(stop.start)}–{clock_text(stop.end)}", styles.cell_bold),
                _p(clock_text(stop.departure), styles.cell),
                _p(_place_text(stop.name, stop.address), styles.cell),
                _p(stop.commune_name, styles.cell),
                _p(
                    f"{duration_text(leg.duration_s, lang)}\n"
                    + t("roadbook.km", lang, km=km_text(leg.distance_m, lang)),
                    styles.cell,
                ),
            ]
        )
        if day.lunch is not None and lunch_row is None and stop.end <= day.lunch[0]:
            next_ok = day.lunch[1] <= stop.departure
            if next_ok:
                lunch_row = len(rows)
                rows.append([_p(lunch_text, styles.cell), "", "", "", "", "", ""])
    leg = day.return_leg
    rows.append(
        [
            _p(depot_mark, styles.cell_bold),
            _p(clock_text(day.return_time), styles.cell_bold),
            "",
            "",
            _p(depot_text, styles.cell),
            _p(day.depot_commune_name, styles.cell),
            _p(
                f"{duration_text(leg.duration_s, lang)}\n"
                + t("roadbook.km", lang, km=km_text(leg.distance_m, lang)),
                styles.cell,
            ),
        ]
    )
    if day.lunch is not None and lunch_row is None:
        lunch_row = len(rows)
        rows.append([_p(lunch_text, styles.cell), "", "", "", "", "", ""])
    widths = [9 * mm, 15 * mm, 24 * mm, 15 * mm, 58 * mm, 39 * mm, 20 * mm]
    table = _table(rows, widths, total_row=False)
    if lunch_row is not None:
        table.setStyle(
            TableStyle(
                [
                    ("SPAN", (0, lunch_row), (-1, lunch_row)),
                    ("BACKGROUND", (0, lunch_row), (-1, lunch_row), colors.HexColor("#eaf4ea")),
                ]
            )
        )
    out.append(table)
    out.append(Spacer(1, 2 * mm))
    out.append(
        _markup(
            _b(t("roadbook.return", lang, time=clock_text(day.return_time)))
            + _e(f" {day.depot_name}, {day.depot_commune_name}"),
            styles.body,
        )
    )
    out.append(
        _p(
            t(
                "roadbook.day_totals",
                lang,
                drive=duration_text(day.drive_s, lang),
                km=km_text(day.distance_m, lang),
                stops=len(day.stops),
            ),
            styles.body,
        )
    )
    crew = ", ".join(c.label for c in day.crew) or "-"
    out.append(_markup(_b(t("roadbook.crew", lang)) + " " + _e(crew), styles.body))
    out.append(Spacer(1, 3 * mm))
    caption = t("roadbook.map_caption", lang, depot=depot_mark)
    if day.approximate:
        caption += " " + t("roadbook.map_approximate", lang)
    out.append(
        KeepTogether(
            [
                _p(t("roadbook.map_title", lang, date=date_text(day.date, lang)), styles.heading),
                Spacer(1, 1.5 * mm),
                _day_map(day, territory, track, width=_FRAME_W, height=_MAP_H, lang=lang),
                Spacer(1, 1 * mm),
                _p(caption, styles.caption),
            ]
        )
    )
    return out


# --------------------------------------------------------------------------- map


@dataclass(frozen=True)
class _View:
    """Equirectangular projection of a lon/lat box onto a drawing box (points)."""

    lon0: float
    lat0: float
    kx: float  # points per degree of longitude
    ky: float  # points per degree of latitude
    cx: float
    cy: float

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return self.cx + (lon - self.lon0) * self.kx, self.cy + (lat - self.lat0) * self.ky

    def points(self, coordinates: Iterable[tuple[float, float]]) -> list[float]:
        """``x0, y0, x1, y1...`` of ``(lon, lat)`` points, as reportlab shapes take them."""
        return [v for lon, lat in coordinates for v in self.xy(lon, lat)]

    def bounds(self, width: float, height: float) -> tuple[float, float, float, float]:
        """(min lon, min lat, max lon, max lat) of the drawing box."""
        return (
            self.lon0 - self.cx / self.kx,
            self.lat0 - self.cy / self.ky,
            self.lon0 + (width - self.cx) / self.kx,
            self.lat0 + (height - self.cy) / self.ky,
        )


_KM_PER_DEG_LAT = 110.574
_KM_PER_DEG_LON_EQUATOR = 111.320
_MIN_SPAN_KM = 8.0


def _view(points: Sequence[Coordinate], width: float, height: float) -> _View:
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    lon0 = (min(lons) + max(lons)) / 2
    lat0 = (min(lats) + max(lats)) / 2
    km_lon = _KM_PER_DEG_LON_EQUATOR * math.cos(math.radians(lat0))
    span_x = max((max(lons) - min(lons)) * km_lon, _MIN_SPAN_KM)
    span_y = max((max(lats) - min(lats)) * _KM_PER_DEG_LAT, _MIN_SPAN_KM)
    scale = min(width / (span_x * 1.18), height / (span_y * 1.18))  # points per km
    return _View(lon0, lat0, scale * km_lon, scale * _KM_PER_DEG_LAT, width / 2, height / 2)


def _rings(geometry: BaseGeometry) -> Iterable[list[tuple[float, float]]]:
    for polygon in getattr(geometry, "geoms", [geometry]):
        if polygon.geom_type != "Polygon" or polygon.is_empty:
            continue
        yield [(float(x), float(y)) for x, y, *_ in polygon.exterior.coords]
        for interior in polygon.interiors:
            yield [(float(x), float(y)) for x, y, *_ in interior.coords]


def _nice_length(km: float) -> float:
    for step in (0.5, 1, 2, 5, 10, 20, 50, 100):
        if step >= km:
            return float(step)
    return 100.0


def _draw_communes(
    drawing: Drawing,
    view: _View,
    territory: Territory,
    visited: set[str],
    box: tuple[float, float, float, float],
) -> None:
    """Commune boundaries within ``box`` (lon/lat), the ``visited`` communes (codes) tinted."""
    x0, y0, x1, y1 = box
    tolerance = (x1 - x0) / 900
    for commune in territory.communes:
        geometry = commune.boundary
        if geometry is None:
            continue
        bx0, by0, bx1, by1 = geometry.bounds
        if bx1 < x0 or bx0 > x1 or by1 < y0 or by0 > y1:
            continue
        clipped = shapely.clip_by_rect(geometry, x0, y0, x1, y1).simplify(tolerance)
        fill = _VISITED_FILL if commune.code in visited else None
        for ring in _rings(clipped):
            if len(ring) >= 3:
                drawing.add(
                    Polygon(
                        view.points(ring), fillColor=fill, strokeColor=_BOUNDARY, strokeWidth=0.4
                    )
                )


def _day_map(
    day: DayItinerary,
    territory: Territory,
    track: Sequence[Sequence[Coordinate]] | None,
    *,
    width: float,
    height: float,
    lang: str,
) -> Drawing:
    """The map of one day: communes, track, numbered Stops, Depot."""
    fonts = pdf_fonts()
    places = [(p.lon, p.lat) for p in day.places]
    legs: list[list[Coordinate]] = (
        [list(leg) for leg in track] if track else [list(pair) for pair in pairwise(places)]
    )
    view = _view([*places, *(p for leg in legs for p in leg)], width, height)
    x0, y0, x1, y1 = view.bounds(width, height)
    drawing = Drawing(width, height)
    drawing.add(Rect(0, 0, width, height, fillColor=colors.white, strokeColor=None))
    _draw_communes(drawing, view, territory, {s.commune for s in day.stops}, (x0, y0, x1, y1))
    dash = [4, 2.5] if day.approximate else None
    for leg in legs:
        if len(leg) >= 2:
            drawing.add(
                PolyLine(
                    view.points(leg),
                    strokeColor=_TRACK,
                    strokeWidth=1.8,
                    strokeLineJoin=1,
                    strokeLineCap=1,
                    strokeDashArray=dash,
                )
            )
    taken: list[tuple[float, float]] = []

    def free_spot(x: float, y: float) -> tuple[float, float]:
        for ring in (0, 18, 36):
            for k in range(8 if ring else 1):
                angle = math.radians(45 * k + 45)
                cx, cy = x + ring * math.cos(angle), y + ring * math.sin(angle)
                if all((cx - a) ** 2 + (cy - b) ** 2 >= 17**2 for a, b in taken):
                    return cx, cy
        return x + 18, y + 18

    dx, dy = view.xy(day.depot_location.lon, day.depot_location.lat)
    taken.append((dx, dy))
    markers = []
    for stop in day.stops:
        px, py = view.xy(stop.location.lon, stop.location.lat)
        mx, my = free_spot(px, py)
        taken.append((mx, my))
        markers.append((stop.number, px, py, mx, my))
    for _, px, py, mx, my in markers:  # leader lines under every marker
        if (mx, my) != (px, py):
            drawing.add(Line(px, py, mx, my, strokeColor=_INK, strokeWidth=0.6))
            drawing.add(Circle(px, py, 1.6, fillColor=_INK, strokeColor=None))
    drawing.add(Rect(dx - 6.5, dy - 6.5, 13, 13, fillColor=_DEPOT, strokeColor=colors.white))
    drawing.add(
        String(
            dx,
            dy - 3,
            _clean(t("roadbook.depot_mark", lang)),
            fontName=fonts.bold,
            fontSize=8,
            fillColor=colors.white,
            textAnchor="middle",
        )
    )
    for number, _, _, mx, my in markers:
        drawing.add(Circle(mx, my, 7, fillColor=_ACCENT, strokeColor=colors.white))
        drawing.add(
            String(
                mx,
                my - 3,
                str(number),
                fontName=fonts.bold,
                fontSize=8,
                fillColor=colors.white,
                textAnchor="middle",
            )
        )
    # scale bar, bottom left
    km_per_point = 1.0 / (view.ky / _KM_PER_DEG_LAT)
    bar_km = _nice_length(width * km_per_point / 6)
    bar = bar_km / km_per_point
    drawing.add(Rect(8, 8, bar + 8, 16, fillColor=colors.white, strokeColor=None))
    drawing.add(Line(12, 12, 12 + bar, 12, strokeColor=_INK, strokeWidth=1.2))
    drawing.add(Line(12, 10, 12, 14, strokeColor=_INK, strokeWidth=1.2))
    drawing.add(Line(12 + bar, 10, 12 + bar, 14, strokeColor=_INK, strokeWidth=1.2))
    label = t("roadbook.km", lang, km=f"{bar_km:g}".replace(".", "," if lang == "fr" else "."))
    drawing.add(
        String(
            12 + bar / 2,
            16,
            _clean(label),
            fontName=fonts.regular,
            fontSize=7,
            fillColor=_INK,
            textAnchor="middle",
        )
    )
    # north arrow, top right
    nx_, ny_ = width - 14, height - 26
    drawing.add(
        Polygon([nx_ - 4, ny_, nx_ + 4, ny_, nx_, ny_ + 12], fillColor=_INK, strokeColor=None)
    )
    drawing.add(
        String(
            nx_, ny_ + 14, "N", fontName=fonts.bold, fontSize=8, fillColor=_INK, textAnchor="middle"
        )
    )
    drawing.add(Rect(0, 0, width, height, fillColor=None, strokeColor=_INK, strokeWidth=0.6))
    return drawing
