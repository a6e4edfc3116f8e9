"""The shared CSV writer: formula starts neutralised (OWASP), numbers and codes kept exact."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from itinerant.io.csvfiles import FORMULA_STARTS, csv_text, neutralise, restore, safe_cell


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+33 5 55", "'+33 5 55"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-3.5", "'-3.5"),  # a *text* that looks like a number is still text
        ("'=1", "''=1"),  # already quoted: one more quote, so that reading gives it back
        ("Guéret", "Guéret"),
        ("l'=église", "l'=église"),
        ("'quoted'", "'quoted'"),
        ("", ""),
    ],
)
def test_neutralise_prefixes_one_quote_before_a_formula_start(text: str, written: str) -> None:
    assert neutralise(text) == written
    assert restore(written) == text


@given(st.text())
def test_restore_inverts_neutralise_and_the_result_never_starts_a_formula(text: str) -> None:
    written = neutralise(text)
    assert restore(written) == text
    assert not written.startswith(FORMULA_STARTS)


def test_numbers_are_written_as_numbers_even_negative() -> None:
    text = csv_text([["x", "n", "t"], [-3.5, -2, "-2"], [np.float64(-1.25), np.int64(7), None]])
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows == [["x", "n", "t"], ["-3.5", "-2", "'-2"], ["-1.25", "7", ""]]


def test_codes_keep_their_leading_zeros_and_are_quoted_when_asked() -> None:
    text = csv_text(
        [["commune_insee", "codes_postaux", "lon"], ["01004", "01500 01501", 5.36]],
        delimiter=";",
        lineterminator="\r\n",
        quote_text=True,
    )
    assert text == '"commune_insee";"codes_postaux";"lon"\r\n"01004";"01500 01501";5.36\r\n'
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[1][:2] == ["01004", "01500 01501"]


def test_a_cell_with_the_delimiter_or_a_newline_stays_one_cell() -> None:
    text = csv_text([["a;b\n=c", "d"]], delimiter=";")
    assert list(csv.reader(io.StringIO(text, newline=""), delimiter=";")) == [["a;b\n=c", "d"]]


@pytest.mark.parametrize("value", [True, b"=1", object()])
def test_other_types_are_refused(value: object) -> None:
    with pytest.raises(TypeError, match="CSV cell"):
        safe_cell(value)  # type: ignore[arg-type]
