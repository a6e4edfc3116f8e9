"""Exception hierarchy of itinerant.

Every error raised on purpose by the package derives from :class:`ItinerantError`; errors caused by
bad input also derive from :class:`ValueError` (like osmnx and networkx do), so callers may catch
either. Errors that concern several rows or places carry *all* the problems found, not just the
first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "InputError",
    "ItinerantError",
    "NetworkError",
    "NotFoundError",
    "Problem",
    "ScenarioError",
    "SnappingError",
    "StoreError",
    "UnreachableError",
]


class ItinerantError(Exception):
    """Root of every error raised on purpose by itinerant."""


class InputError(ItinerantError, ValueError):
    """Bad input: a file, a field or an argument that cannot be used as given."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found while validating input.

    Parameters
    ----------
    file
        Name of the file (relative to the scenario folder), or ``""`` when not file-based.
    row
        1-based data row number (the header is row 0), or ``None`` for a whole-file problem.
    field
        Column or setting name, or ``""`` when the problem concerns the whole row or file.
    message
        What is wrong, in plain words.
    """

    file: str
    row: int | None
    field: str
    message: str

    def __str__(self) -> str:
        row = None if self.row is None else f"row {self.row}"
        field = f"field '{self.field}'" if self.field else None
        where = ", ".join(part for part in (self.file or "<input>", row, field) if part)
        return f"{where}: {self.message}"


class ScenarioError(InputError):
    """A scenario failed validation; :attr:`problems` lists every problem found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        n = len(self.problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{n} problem{'s' if n != 1 else ''} in the scenario:\n{lines}")


class NetworkError(ItinerantError):
    """A road network could not be obtained or built (download failed, unreadable file...)."""


class SnappingError(InputError):
    """Some places lie farther than allowed from any road; :attr:`places` names each of them.

    ``places`` holds ``(name, distance_m)`` pairs.
    """

    def __init__(self, places: Sequence[tuple[str, float]], max_distance_m: float) -> None:
        self.places: tuple[tuple[str, float], ...] = tuple(places)
        self.max_distance_m = max_distance_m
        listing = ", ".join(f"{name} ({dist:.0f} m)" for name, dist in self.places)
        super().__init__(
            f"{len(self.places)} place(s) farther than {max_distance_m:.0f} m from any road: "
            f"{listing}"
        )


class UnreachableError(ItinerantError):
    """Some pairs of places are not connected by the road network; :attr:`pairs` names them.

    ``pairs`` holds ``(origin name, destination name)`` pairs.
    """

    def __init__(self, pairs: Sequence[tuple[str, str]]) -> None:
        self.pairs: tuple[tuple[str, str], ...] = tuple(pairs)
        shown = ", ".join(f"{a} -> {b}" for a, b in self.pairs[:20])
        more = f" and {len(self.pairs) - 20} more" if len(self.pairs) > 20 else ""
        super().__init__(f"{len(self.pairs)} unreachable pair(s) of places: {shown}{more}")


class StoreError(ItinerantError):
    """The database could not be opened, migrated, read or written (unreachable, locked...)."""


class NotFoundError(InputError, LookupError):
    """No scenario version, plan run or Publication has the number asked for."""
