"""The one CSV writer of the project: every cell safe in a spreadsheet, codes kept exact.

Every CSV that itinerant writes (scenario folders, access diagnostic, Schedule export, drivers'
files, open data, dashboard downloads) goes through :func:`csv_text`, so that no cell can turn
into a live formula when the file is opened in LibreOffice Calc or Excel ("CSV injection",
OWASP: https://owasp.org/www-community/attacks/CSV_Injection).

The rule, by type of value:

- **text** (``str``): a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
  return is *neutralised* by prefixing one single quote ``'`` (the OWASP recommendation); the
  spreadsheet then shows it as text. A text that already starts with quotes followed by one of
  those characters (``'=x``) gets one more quote, so that :func:`restore` gives back exactly the
  original text: the writing is reversible, and the scenario files read back equal.
- **numbers** (``int`` and ``float``, never ``bool``): written as numbers (``-3.5``), never
  prefixed. A number cannot be a formula, and a negative number must stay a number. Callers
  therefore pass numeric columns as numbers, not as pre-formatted strings; a text that merely
  looks like ``-3`` is still neutralised (it might be ``-3+cmd|...``).
- ``None``: an empty cell.

Codes (INSEE codes, postcodes, identifiers) are text and are written exactly as given: the
writer never converts them, so ``01004`` stays ``01004``. With ``quote_text=True`` every text
cell is also enclosed in double quotes (numbers stay bare): LibreOffice's import option
"Format quoted field as text" then keeps the codes as text; ``docs/open-data.md`` says what a
user does in each spreadsheet.
"""

from __future__ import annotations

import csv
import io
import numbers
import re
from collections.abc import Iterable, Sequence

__all__ = ["FORMULA_STARTS", "Cell", "csv_text", "neutralise", "restore", "safe_cell"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP list)."""

Cell = str | int | float | None
"""One value given to the writer: text, a number or nothing."""

_NEUTRALISE = re.compile(r"'*[=+\-@\t\r]")
"""Texts the writer prefixes: a formula start, possibly after quotes already there."""

_RESTORE = re.compile(r"'+[=+\-@\t\r]")
"""Texts written by :func:`neutralise` (at least one quote, then a formula start)."""


def neutralise(text: str) -> str:
    """``text`` safe as a spreadsheet cell: one ``'`` prefixed if it could start a formula.

    Examples
    --------
    >>> neutralise("=1+1")
    "'=1+1"
    >>> neutralise("Guéret")
    'Guéret'
    """
    return "'" + text if _NEUTRALISE.match(text) else text


def restore(text: str) -> str:
    """Inverse of :func:`neutralise`: the text as it was before writing.

    A cell read from a file that itinerant wrote loses the one quote the writer added; any other
    cell is returned unchanged.
    """
    return text[1:] if _RESTORE.match(text) else text


def safe_cell(value: object) -> str | int | float:
    """One cell for :mod:`csv`: text neutralised, numbers kept as numbers, ``None`` empty.

    ``value`` is a :data:`Cell`, or a NumPy number (any :class:`numbers.Real` but ``bool``).

    Raises
    ------
    TypeError
        For a ``bool`` or any other type: the caller formats it first (as ``true``/``oui``...).
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        msg = f"a CSV cell must be str, int, float or None, not {type(value).__name__}"
        raise TypeError(msg)
    # NumPy scalars become plain Python numbers (``repr`` of np.float64 is not a number).
    return int(value) if isinstance(value, numbers.Integral) else float(value)


def csv_text(
    rows: Iterable[Sequence[object]],
    *,
    delimiter: str = ",",
    lineterminator: str = "\n",
    quote_text: bool = False,
) -> str:
    """The CSV text of ``rows`` (the header is the first row), every cell made safe.

    Parameters
    ----------
    rows
        Rows of cells (:data:`Cell` values or NumPy numbers, see :func:`safe_cell`).
    delimiter, lineterminator
        As in :func:`csv.writer`.
    quote_text
        Enclose every text cell in double quotes (numbers stay bare), so that spreadsheets that
        honour quotes keep codes such as ``01004`` as text. Otherwise quotes only where needed.

    Returns
    -------
    str
        The text; encode it as the file requires (UTF-8, with a BOM for spreadsheets).
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(
        buffer,
        delimiter=delimiter,
        lineterminator=lineterminator,
        quoting=csv.QUOTE_NONNUMERIC if quote_text else csv.QUOTE_MINIMAL,
    )
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return buffer.getvalue()
