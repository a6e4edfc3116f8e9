"""Need indicators: a CSV of numeric columns keyed by INSEE code (unemployment, income...)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from itinerant.errors import Problem, ScenarioError
from itinerant.io.cells import parse_float
from itinerant.io.tables import Collector

__all__ = ["load_indicators"]

_KEY_COLUMNS = ("code", "CODGEO", "codgeo", "insee", "code_insee")


def load_indicators(
    path: str | os.PathLike[str], *, codes: Iterable[str] | None = None, key: str | None = None
) -> dict[str, dict[str, float]]:
    """Read an indicators CSV keyed by INSEE code.

    Parameters
    ----------
    path
        CSV file (``,`` or ``;`` separated, optionally gzip-compressed) with a key column and
        numeric indicator columns; empty cells (e.g. statistical secrecy) are left out.
    codes
        Keep only these commune codes (e.g. the Territory's); others are ignored.
    key
        Name of the key column; by default the first of ``code``, ``CODGEO``, ``codgeo``,
        ``insee``, ``code_insee`` present.

    Returns
    -------
    dict
        ``{code: {column: value}}``.

    Raises
    ------
    ScenarioError
        Listing every non-numeric cell with its row and column, or a missing key column.
    """
    import pandas as pd  # noqa: PLC0415 - only needed here

    label = Path(path).name
    out = Collector()
    try:
        frame = pd.read_csv(path, dtype=str, sep=None, engine="python", keep_default_na=False)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise ScenarioError([Problem(label, None, "", f"cannot be read ({exc})")]) from exc
    candidates = [key] if key else list(_KEY_COLUMNS)
    key_column = next((c for c in candidates if c and c in frame.columns), None)
    if key_column is None:
        raise ScenarioError([Problem(label, 1, key or "code", "key column is missing")])
    frame["_row"] = range(2, len(frame) + 2)
    if codes is not None:
        frame = frame[frame[key_column].isin(set(codes))]
    result: dict[str, dict[str, float]] = {}
    value_columns = [c for c in frame.columns if c not in (key_column, "_row")]
    numeric_columns = [c for c in value_columns if frame[c].str.strip().ne("").any()]
    for record in frame.to_dict("records"):
        values: dict[str, float] = {}
        for column in numeric_columns:
            raw = str(record[column]).strip()
            if raw == "":
                continue
            try:
                values[column] = parse_float(raw)
            except ValueError as exc:
                if _looks_textual(frame[column]):
                    continue  # a label column such as LIBGEO, not an indicator
                out.add(label, int(record["_row"]), column, str(exc))
        result[str(record[key_column])] = values
    if out.problems:
        raise ScenarioError(out.problems)
    return result


def _looks_textual(series: Any) -> bool:
    """Whether a column is mostly non-numeric text (a label column rather than an indicator)."""
    sample = [s for s in series.head(50) if str(s).strip()]
    bad = 0
    for s in sample:
        try:
            parse_float(str(s))
        except ValueError:
            bad += 1
    return bool(sample) and bad > len(sample) / 2
