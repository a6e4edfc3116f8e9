"""Service points imported from the French public directories (the ``io`` stage).

:func:`read_directory` reads a DILA "Annuaire de l'administration" export (JSON or CSV), the
ANCT France services list (CSV), data·inclusion ``structures`` (JSON or CSV) or the project's
own ``service_points.csv`` into :class:`~itinerant.model.ServicePoint` objects of a Territory,
each keeping its source (publisher, file, row or id) and precision; :func:`import_services`
merges them into a scenario folder. Formats and licences: ``docs/directories.md``.
"""

from __future__ import annotations

from itinerant.io.directories.formats import DirectoryFormat, detect_csv, detect_json
from itinerant.io.directories.importing import (
    DirectoryImport,
    ImportReport,
    import_services,
    read_directory,
)

__all__ = [
    "DirectoryFormat",
    "DirectoryImport",
    "ImportReport",
    "detect_csv",
    "detect_json",
    "import_services",
    "read_directory",
]
