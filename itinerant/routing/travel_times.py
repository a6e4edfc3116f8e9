"""The travel matrix between places: a light data type (numpy only, no graph library).

:class:`TravelMatrix` is what every stage after routing sees (the access diagnostic, the
planner, the publications): importing it loads neither scipy's graph routines, networkx, osmnx
nor scikit-learn. It is computed by :func:`itinerant.routing.travel_matrix`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import NDArray

from itinerant.errors import InputError

__all__ = ["TravelMatrix", "fields_equal"]


def fields_equal(a: Any, b: Any) -> bool:
    """Whether two dataclass instances have equal fields, numpy arrays compared by value."""
    for f in fields(a):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if isinstance(x, np.ndarray) or isinstance(y, np.ndarray):
            if not np.array_equal(x, y):
                return False
        elif x != y:
            return False
    return True


@dataclass(frozen=True, eq=False)
class TravelMatrix:
    """Driving durations and distances between places, in integer seconds and metres.

    Attributes
    ----------
    ids, names
        Place ids and names; row/column ``k`` is place ``ids[k]``.
    durations_s
        ``(n, n)`` int64 durations in seconds, origin in rows; -1 where unreachable.
    distances_m
        ``(n, n)`` int64 distances in metres along the fastest path; -1 where unreachable.
    reachable
        ``(n, n)`` bool, False where no road path exists (the diagonal is True).
    approximate
        True if computed on an approximate network (straight lines between communes).
    network_label
        Description of the road network used.
    """

    ids: tuple[str, ...]
    names: tuple[str, ...]
    durations_s: NDArray[np.int64]
    distances_m: NDArray[np.int64]
    reachable: NDArray[np.bool_]
    approximate: bool
    network_label: str

    def __post_init__(self) -> None:
        n = len(self.ids)
        if len(self.names) != n:
            msg = f"TravelMatrix: {n} ids but {len(self.names)} names"
            raise InputError(msg)
        if len(set(self.ids)) != n:
            msg = "TravelMatrix: duplicate ids"
            raise InputError(msg)
        for name, arr, dtype in (
            ("durations_s", self.durations_s, np.int64),
            ("distances_m", self.distances_m, np.int64),
            ("reachable", self.reachable, np.bool_),
        ):
            if arr.shape != (n, n) or arr.dtype != dtype:
                msg = f"TravelMatrix: {name} must be {np.dtype(dtype)} of shape ({n}, {n})"
                raise InputError(msg)
            arr.setflags(write=False)

    def __len__(self) -> int:
        return len(self.ids)

    def __eq__(self, other: object) -> bool:
        return fields_equal(self, other) if isinstance(other, TravelMatrix) else NotImplemented

    __hash__ = None  # type: ignore[assignment]

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {pid: k for k, pid in enumerate(self.ids)}

    def index(self, place_id: str) -> int:
        """Row/column of a place.

        Parameters
        ----------
        place_id
            The place's id.

        Returns
        -------
        int

        Raises
        ------
        InputError
            If the id is not in the matrix.
        """
        try:
            return self._positions[place_id]
        except KeyError:
            msg = f"place id {place_id!r} is not in the travel matrix"
            raise InputError(msg) from None

    def _indices(self, place_ids: Sequence[str]) -> NDArray[np.intp]:
        missing = [p for p in place_ids if p not in self._positions]
        if missing:
            msg = f"place ids not in the travel matrix: {', '.join(map(repr, missing))}"
            raise InputError(msg)
        return np.array([self._positions[p] for p in place_ids], dtype=np.intp)

    def unreachable_pairs(self) -> list[tuple[str, str]]:
        """Every ordered pair of places with no road path between them.

        Returns
        -------
        list of (origin name, destination name)
        """
        rows, cols = np.nonzero(~self.reachable)
        return [(self.names[i], self.names[j]) for i, j in zip(rows, cols, strict=True)]

    def _between(
        self, values: NDArray[np.int64], origin_ids: Sequence[str], dest_ids: Sequence[str]
    ) -> NDArray[np.int64]:
        return values[np.ix_(self._indices(origin_ids), self._indices(dest_ids))]

    def durations_between(
        self, origin_ids: Sequence[str], dest_ids: Sequence[str]
    ) -> NDArray[np.int64]:
        """Durations in seconds, origins in rows and destinations in columns (-1: unreachable).

        Raises :class:`~itinerant.errors.InputError` for an id not in the matrix.
        """
        return self._between(self.durations_s, origin_ids, dest_ids)

    def distances_between(
        self, origin_ids: Sequence[str], dest_ids: Sequence[str]
    ) -> NDArray[np.int64]:
        """Distances in metres along the fastest paths, like :meth:`durations_between`."""
        return self._between(self.distances_m, origin_ids, dest_ids)

    def submatrix(self, place_ids: Sequence[str]) -> TravelMatrix:
        """The travel matrix restricted to some places, in the given order.

        Parameters
        ----------
        place_ids
            Place ids (unique).

        Returns
        -------
        TravelMatrix
        """
        k = self._indices(place_ids)
        sub = np.ix_(k, k)
        return TravelMatrix(
            ids=tuple(self.ids[i] for i in k),
            names=tuple(self.names[i] for i in k),
            durations_s=self.durations_s[sub].copy(),
            distances_m=self.distances_m[sub].copy(),
            reachable=self.reachable[sub].copy(),
            approximate=self.approximate,
            network_label=self.network_label,
        )
