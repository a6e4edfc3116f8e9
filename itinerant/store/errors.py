"""Errors of the store, rooted in :mod:`itinerant.errors`."""

from __future__ import annotations

from itinerant.errors import InputError, ItinerantError

__all__ = ["NotFoundError", "StoreError"]


class StoreError(ItinerantError):
    """The database could not be opened, migrated, read or written (unreachable, locked...)."""


class NotFoundError(InputError, LookupError):
    """No scenario version, plan run or Publication has the number asked for."""
