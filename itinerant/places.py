"""Typed handles of the places a travel matrix is computed between.

Every place of a scenario (a Commune, a ServicePoint, a Depot, a Stop, a PopUp) has one key in
travel matrices: its kind and its id, written ``"kind:id"`` (``"stop:gueret-mairie"``,
``"commune:23096"``). Keys are made and read here only, never spelled by hand::

    matrix.index(PlaceKey.stop(visit.stop))
    key = PlaceKey.parse("commune:23096")  # PlaceKey(kind=PlaceKind.COMMUNE, id="23096")

A :class:`PlaceKey` is a ``str`` subclass, so it goes wherever the matrix takes an id.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import partial

__all__ = ["PlaceKey", "PlaceKind"]


class PlaceKind(StrEnum):
    """The kinds of place in travel matrices (the prefix of their keys)."""

    COMMUNE = "commune"
    SERVICE_POINT = "sp"
    DEPOT = "depot"
    STOP = "stop"
    POPUP = "popup"


class _KeyMaker:
    """``PlaceKey.<kind>(id_)``: the key of the place of that kind with id ``id_``."""

    __slots__ = ("kind",)

    def __init__(self, kind: PlaceKind) -> None:
        self.kind = kind

    def __get__(self, instance: object, owner: type[PlaceKey]) -> Callable[[str], PlaceKey]:
        return partial(owner, self.kind)


class PlaceKey(str):
    """The key of one place in travel matrices: ``"<kind>:<id>"``."""

    __slots__ = ()

    def __new__(cls, kind: PlaceKind, id_: str) -> PlaceKey:
        """The key of the place of kind ``kind`` with id ``id_`` (a Commune's INSEE code)."""
        if not id_:
            msg = f"a {kind.value} place needs a non-empty id"
            raise ValueError(msg)
        return super().__new__(cls, f"{PlaceKind(kind).value}:{id_}")

    @classmethod
    def parse(cls, text: str) -> PlaceKey:
        """The key written ``text`` (``ValueError`` when its kind is unknown or its id empty)."""
        kind, _, id_ = text.partition(":")
        try:
            return cls(PlaceKind(kind), id_)
        except ValueError as exc:
            msg = f"{text!r} is not a place key (kind:id, kind among {_KINDS})"
            raise ValueError(msg) from exc

    def __getnewargs__(self) -> tuple[PlaceKind, str]:  # type: ignore[override]
        return (self.kind, self.id)

    @property
    def kind(self) -> PlaceKind:
        """The kind of place."""
        return PlaceKind(self.partition(":")[0])

    @property
    def id(self) -> str:
        """The place's id within its kind (a Commune's INSEE code)."""
        return self.partition(":")[2]

    # The key of a place of one kind from its id: PlaceKey.stop("gueret-mairie"),
    # PlaceKey.commune("23096") (an INSEE code).
    commune = _KeyMaker(PlaceKind.COMMUNE)
    service_point = _KeyMaker(PlaceKind.SERVICE_POINT)
    depot = _KeyMaker(PlaceKind.DEPOT)
    stop = _KeyMaker(PlaceKind.STOP)
    popup = _KeyMaker(PlaceKind.POPUP)


_KINDS = ", ".join(k.value for k in PlaceKind)
