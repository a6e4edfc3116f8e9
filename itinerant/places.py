"""Typed handles of the places a travel matrix is computed between.

Every place of a scenario (a Commune, a ServicePoint, a Depot, a Stop, a PopUp) has one key in
travel matrices: its kind and its id, written ``"kind:id"`` (``"stop:gueret-mairie"``,
``"commune:23096"``). Keys are made and read here only, never spelled by hand::

    matrix.index(PlaceKey.stop(visit.stop))
    key = PlaceKey.parse("commune:23096")  # PlaceKey(kind=PlaceKind.COMMUNE, id="23096")

A :class:`PlaceKey` is a ``str`` subclass, so it goes wherever the matrix takes an id.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["PlaceKey", "PlaceKind"]


class PlaceKind(StrEnum):
    """The kinds of place in travel matrices (the prefix of their keys)."""

    COMMUNE = "commune"
    SERVICE_POINT = "sp"
    DEPOT = "depot"
    STOP = "stop"
    POPUP = "popup"


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

    @classmethod
    def commune(cls, code: str) -> PlaceKey:
        """The key of the Commune with INSEE code ``code``."""
        return cls(PlaceKind.COMMUNE, code)

    @classmethod
    def service_point(cls, id_: str) -> PlaceKey:
        """The key of a ServicePoint."""
        return cls(PlaceKind.SERVICE_POINT, id_)

    @classmethod
    def depot(cls, id_: str) -> PlaceKey:
        """The key of a Depot."""
        return cls(PlaceKind.DEPOT, id_)

    @classmethod
    def stop(cls, id_: str) -> PlaceKey:
        """The key of a Stop."""
        return cls(PlaceKind.STOP, id_)

    @classmethod
    def popup(cls, id_: str) -> PlaceKey:
        """The key of a PopUp's place."""
        return cls(PlaceKind.POPUP, id_)


_KINDS = ", ".join(k.value for k in PlaceKind)
