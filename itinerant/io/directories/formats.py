"""The column names and service types of the French public directories, and format detection.

Each directory format turns one entry (a JSON object or a CSV row) into a :class:`RawEntry`: the
fields of a ServicePoint as the publisher spells them, with the name of the field each came from
(so that an error names the publisher's own field). Formats:

- ``dila``: DILA "Annuaire de l'administration" (Service-Public.fr local offices), the JSON
  export (``{"service": [...]}``, each entry with ``nom``, ``pivot`` = list of
  ``type_service_local``, ``adresse`` = list of addresses carrying ``numero_voie``,
  ``code_postal``, ``nom_commune``, ``code_insee_commune``, ``longitude``, ``latitude``) or its
  CSV flavour (the same keys as columns; ``pivot``/``adresse`` cells holding JSON accepted);
- ``france-services``: the ANCT list of France services (data.gouv.fr, CSV, ``;``-separated);
- ``data-inclusion``: data·inclusion ``structures`` (JSON list or CSV, schema
  gip-inclusion/data-inclusion-schema);
- ``generic``: the project's own ``service_points.csv`` (``docs/scenario-format.md``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from itinerant.i18n import folding
from itinerant.io.tables import SERVICE_POINTS
from itinerant.model import ServiceKind

__all__ = [
    "DirectoryFormat",
    "RawEntry",
    "detect_csv",
    "detect_json",
    "entry_of",
    "kind_of",
    "normalise",
]


class DirectoryFormat(StrEnum):
    """The directory formats :func:`~itinerant.io.directories.read_directory` understands."""

    DILA = "dila"
    FRANCE_SERVICES = "france-services"
    DATA_INCLUSION = "data-inclusion"
    GENERIC = "generic"


PUBLISHERS = {
    DirectoryFormat.DILA: "DILA",
    DirectoryFormat.FRANCE_SERVICES: "ANCT",
    DirectoryFormat.DATA_INCLUSION: "data.inclusion",
    DirectoryFormat.GENERIC: "generic",
}
"""Who publishes each format (the first part of an imported row's ``source``)."""
ID_PREFIXES = {
    DirectoryFormat.DILA: "dila",
    DirectoryFormat.FRANCE_SERVICES: "fs",
    DirectoryFormat.DATA_INCLUSION: "di",
}
"""Prefix of the ids of the ServicePoints imported from each format."""


@dataclass(frozen=True)
class RawEntry:
    """One directory entry, as text, with the publisher's field name of each value.

    ``fields`` maps a canonical name (``id``, ``name``, ``type``, ``insee``, ``postcode``,
    ``commune_name``, ``address``, ``lon``, ``lat``, ``origin``, ``labels``) to
    ``(field, value)``; a
    missing value is absent.
    """

    fields: Mapping[str, tuple[str, str]]

    def value(self, key: str) -> str:
        """The value of canonical field ``key`` (``""`` when absent)."""
        return self.fields[key][1] if key in self.fields else ""

    def field(self, key: str, default: str) -> str:
        """The publisher's name of canonical field ``key`` (``default`` when absent)."""
        return self.fields[key][0] if key in self.fields else default


def normalise(name: str) -> str:
    """A column name folded for matching: ``"Code INSEE"`` -> ``"code_insee"``."""
    return re.sub(r"[^a-z0-9]+", "_", folding.fold(name).lower()).strip("_")


# Accepted column names (normalised) for each canonical field, first match wins.
_ALIASES: dict[DirectoryFormat, dict[str, tuple[str, ...]]] = {
    DirectoryFormat.FRANCE_SERVICES: {
        "id": ("id", "identifiant", "id_fs", "identifiant_france_services", "code_fs"),
        "name": (
            "nom_france_services",
            "nom_de_la_france_services",
            "nom_de_la_structure",
            "lib_fs",
            "nom",
            "libelle",
        ),
        "address": ("adresse", "adresse_postale", "adresse_1"),
        "address2": ("complement_adresse", "complement_d_adresse", "adresse_2"),
        "postcode": ("code_postal", "cp"),
        "commune_name": ("commune", "nom_commune", "ville", "libelle_commune"),
        "insee": ("code_insee", "code_insee_commune", "insee", "code_commune", "cog"),
        "lat": ("latitude", "lat"),
        "lon": ("longitude", "lon", "lng", "long"),
    },
    DirectoryFormat.DATA_INCLUSION: {
        "id": ("id",),
        "name": ("nom",),
        "type": ("typologie",),
        "address": ("adresse",),
        "address2": ("complement_adresse",),
        "postcode": ("code_postal",),
        "commune_name": ("commune",),
        "insee": ("code_insee",),
        "lat": ("latitude",),
        "lon": ("longitude",),
        "origin": ("source",),
        "labels": ("labels_nationaux",),
    },
    DirectoryFormat.DILA: {
        "id": ("id",),
        "name": ("nom",),
        "type": ("type_service_local", "pivot"),
        "address": ("numero_voie",),
        "address2": ("complement1", "complement2"),
        "postcode": ("code_postal",),
        "commune_name": ("nom_commune",),
        "insee": ("code_insee_commune",),
        "lat": ("latitude",),
        "lon": ("longitude",),
    },
}
REQUIRED_FIELDS = ("name",)
"""Canonical fields every format needs a column for."""

# Service types of each directory -> ServiceKind; any other type becomes ServiceKind.OTHER.
_DILA_KINDS = {
    "pole_emploi": ServiceKind.FRANCE_TRAVAIL,
    "france_travail": ServiceKind.FRANCE_TRAVAIL,
    "mission_locale": ServiceKind.MISSION_LOCALE,
    "cio": ServiceKind.CIO,
    "msap": ServiceKind.FRANCE_SERVICES,
    "maison_de_services_au_public": ServiceKind.FRANCE_SERVICES,
    "france_services": ServiceKind.FRANCE_SERVICES,
    "maison_france_services": ServiceKind.FRANCE_SERVICES,
}
_DATA_INCLUSION_LABELS = {
    "france_service": ServiceKind.FRANCE_SERVICES,
    "mission_locale": ServiceKind.MISSION_LOCALE,
    "pole_emploi": ServiceKind.FRANCE_TRAVAIL,
    "france_travail": ServiceKind.FRANCE_TRAVAIL,
}
"""data·inclusion ``labels_nationaux`` that give a kind when the ``typologie`` gives none."""
_DATA_INCLUSION_KINDS = {
    "ft": ServiceKind.FRANCE_TRAVAIL,
    "pe": ServiceKind.FRANCE_TRAVAIL,
    "ml": ServiceKind.MISSION_LOCALE,
    "cio": ServiceKind.CIO,
    "fs": ServiceKind.FRANCE_SERVICES,
    "msap": ServiceKind.FRANCE_SERVICES,
}


def kind_of(fmt: DirectoryFormat, raw_type: str, labels: str = "") -> ServiceKind | None:
    """The ServiceKind of a directory's service type, ``None`` when it has none (-> other).

    ``labels`` are data·inclusion's space-separated ``labels_nationaux``, used when the
    ``typologie`` has no kind (a town hall labelled ``FRANCE_SERVICE``).
    """
    if fmt is DirectoryFormat.FRANCE_SERVICES:
        return ServiceKind.FRANCE_SERVICES
    table = _DILA_KINDS if fmt is DirectoryFormat.DILA else _DATA_INCLUSION_KINDS
    kind = table.get(normalise(raw_type))
    if kind is None and fmt is DirectoryFormat.DATA_INCLUSION:
        found = (_DATA_INCLUSION_LABELS.get(normalise(label)) for label in labels.split())
        kind = next((k for k in found if k is not None), None)
    return kind


def _pick(
    fmt: DirectoryFormat, values: Mapping[str, Any], key: str, prefix: str = ""
) -> tuple[str, str] | None:
    """The first non-empty value of an alias of ``key``, else the first alias present, empty."""
    names = {normalise(k): k for k in values}
    present: tuple[str, str] | None = None
    for alias in _ALIASES[fmt][key]:
        if alias in names:
            original = names[alias]
            value = values[original]
            if isinstance(value, list):
                value = " ".join(str(v) for v in value if v is not None)
            text = "" if value is None else str(value).strip()
            if text:
                return f"{prefix}{original}", text
            present = present or (f"{prefix}{original}", "")
    return present


def _json_cell(value: Any) -> Any:
    """A CSV cell of the DILA export holding JSON (``[{...}]``) decoded, else as it is."""
    if isinstance(value, str) and value.strip()[:1] in "[{":
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    return value


def _dila_entry(values: Mapping[str, Any]) -> RawEntry:
    fields: dict[str, tuple[str, str]] = {}
    for key in ("id", "name", "insee", "postcode", "commune_name", "lon", "lat"):
        found = _pick(DirectoryFormat.DILA, values, key)
        if found:
            fields[key] = found
    pivot = _json_cell(values.get("pivot"))
    if isinstance(pivot, list) and pivot and isinstance(pivot[0], dict):
        kind = pivot[0].get("type_service_local")
        if kind:
            fields["type"] = ("pivot[0].type_service_local", str(kind))
        codes = pivot[0].get("code_insee_commune")
        if codes and not fields.get("insee", ("", ""))[1]:
            code = codes[0] if isinstance(codes, list) else codes
            fields["insee"] = ("pivot[0].code_insee_commune", str(code))
    elif typed := _pick(DirectoryFormat.DILA, values, "type"):
        fields["type"] = typed
    addresses = _json_cell(values.get("adresse"))
    if isinstance(addresses, list) and addresses and isinstance(addresses[0], dict):
        first = addresses[0]
        for key in ("insee", "postcode", "commune_name", "lon", "lat"):
            found = _pick(DirectoryFormat.DILA, first, key, "adresse[0].")
            if found and (found[1] or not fields.get(key, ("", ""))[1]):
                fields[key] = found
        parts = [first.get(k) for k in ("numero_voie", "complement1", "complement2")]
        street = ", ".join(str(p).strip() for p in parts if p and str(p).strip())
        if street:
            fields["address"] = ("adresse[0].numero_voie", street)
    else:
        _address(DirectoryFormat.DILA, values, fields)
    return RawEntry(fields)


def _address(
    fmt: DirectoryFormat, values: Mapping[str, Any], fields: dict[str, tuple[str, str]]
) -> None:
    street = _pick(fmt, values, "address")
    extra = _pick(fmt, values, "address2")
    if street and street[1]:
        text = f"{street[1]}, {extra[1]}" if extra and extra[1] else street[1]
        fields["address"] = (street[0], text)


def entry_of(fmt: DirectoryFormat, values: Mapping[str, Any]) -> RawEntry:
    """The :class:`RawEntry` of one JSON object or CSV row (``values``) of format ``fmt``."""
    if fmt is DirectoryFormat.DILA:
        return _dila_entry(values)
    fields: dict[str, tuple[str, str]] = {}
    for key in _ALIASES[fmt]:
        if key in {"address", "address2"}:
            continue
        found = _pick(fmt, values, key)
        if found:
            fields[key] = found
    _address(fmt, values, fields)
    return RawEntry(fields)


def missing_columns(fmt: DirectoryFormat, header: Iterable[str]) -> list[str]:
    """The canonical fields of :data:`REQUIRED_FIELDS` no column of ``header`` provides."""
    names = {normalise(h) for h in header}
    return [_ALIASES[fmt][key][0] for key in REQUIRED_FIELDS if not names & set(_ALIASES[fmt][key])]


def detect_csv(header: Iterable[str]) -> DirectoryFormat | None:
    """The format of a CSV file from its header, ``None`` when none fits."""
    names = {normalise(h) for h in header}
    if {"kind", "lon", "lat"} <= names and set(SERVICE_POINTS.column_names) >= names:
        return DirectoryFormat.GENERIC
    if names & {"pivot", "type_service_local"} or (
        "code_insee_commune" in names and "nom" in names
    ):
        return DirectoryFormat.DILA
    if "typologie" in names or {"nom", "code_insee", "source"} <= names:
        return DirectoryFormat.DATA_INCLUSION
    aliases = _ALIASES[DirectoryFormat.FRANCE_SERVICES]
    placed = names & set(aliases["insee"] + aliases["postcode"])
    named = names & set(aliases["name"]) or names & set(aliases["commune_name"])
    if placed and named:
        return DirectoryFormat.FRANCE_SERVICES
    return None


def detect_json(document: Any) -> DirectoryFormat | None:
    """The format of a decoded JSON document, ``None`` when none fits."""
    if isinstance(document, dict) and isinstance(document.get("service"), list):
        return DirectoryFormat.DILA
    if isinstance(document, list) and document and all(isinstance(e, dict) for e in document):
        keys = {normalise(k) for e in document[:20] for k in e}
        if keys & {"pivot", "type_service_local"}:
            return DirectoryFormat.DILA
        if "typologie" in keys or {"nom", "code_insee", "source"} <= keys:
            return DirectoryFormat.DATA_INCLUSION
    return None


def json_entries(fmt: DirectoryFormat, document: Any) -> list[Any] | None:
    """The list of entries of a JSON document of format ``fmt``, ``None`` if it has none."""
    if fmt is DirectoryFormat.DILA and isinstance(document, dict):
        document = document.get("service")
    return document if isinstance(document, list) else None
