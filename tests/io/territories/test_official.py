"""The online variant with its one network boundary replaced by a fake (no network in tests)."""

from __future__ import annotations

import datetime as dt
import io
import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from itinerant.errors import InputError, NetworkError
from itinerant.io import load_scenario
from itinerant.io.territories import FindingKind, SampleRules, fetch_json, init_territory
from itinerant.io.territories.official import API


def _square(west: float, south: float, size: float = 0.05) -> dict[str, Any]:
    ring = [[west, south], [west + size, south], [west + size, south + size], [west, south + size]]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


COMMUNES = [
    {
        "code": "23001",
        "nom": "Aville",
        "population": 1200,
        "codesPostaux": ["23100", "23100"],
        "codeEpci": "200000001",
        "epci": {"code": "200000001", "nom": "CC Test"},
        "codeDepartement": "23",
        "contour": _square(2.0, 46.0),
        "mairie": {"type": "Point", "coordinates": [2.02, 46.02]},
    },
    {"code": "23002", "nom": "Bville", "population": 300, "codeDepartement": "23"},
    {
        "code": "23003",
        "nom": "Cville",
        "codeDepartement": "23",
        "contour": _square(2.05, 46.0),
        "mairie": {"type": "Point", "coordinates": [2.5, 46.5]},
    },
]


class FakeApi:
    """Answers like geo.api.gouv.fr for département 23; records every URL asked for."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def __call__(self, url: str) -> Any:
        self.urls.append(url)
        parts = urlsplit(url)
        assert f"{parts.scheme}://{parts.netloc}" == API
        if parts.path == "/departements/23":
            return {"nom": "Creuse", "code": "23"}
        if parts.path == "/departements/23/communes":
            fields = parse_qs(parts.query)["fields"][0].split(",")
            assert {"contour", "mairie", "population", "codesPostaux", "epci"} <= set(fields)
            return COMMUNES
        return None  # 404: unknown code


def test_online_init_with_a_fake_api(tmp_path: Path) -> None:
    api = FakeApi()
    rules = SampleRules(start=dt.date(2027, 1, 4))
    report = init_territory(tmp_path, departements=["23"], rules=rules, online=True, fetch=api)
    assert len(api.urls) == 2
    assert (report.communes, report.population) == (2, 1200)
    assert (report.expected_communes, report.expected_population) == (3, 1500)
    assert {(f.kind, f.code) for f in report.missing} == {
        (FindingKind.BOUNDARY_MISSING, "23002"),
        (FindingKind.POPULATION_MISSING, "23003"),
    }
    scenario = load_scenario(tmp_path)
    aville, cville = scenario.territory.communes
    assert (aville.point_source, aville.postcodes, aville.epci_name) == (
        "mairie",
        ("23100",),
        "CC Test",
    )
    assert aville.canton == ""  # the API has no cantons
    assert cville.point_source == "representative_point"
    assert scenario.territory.departement == "23"
    assert scenario.territory.name == "Creuse"


def test_online_unknown_codes(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="99"):
        init_territory(tmp_path, departements=["99"], online=True, fetch=FakeApi())
    with pytest.raises(InputError, match="no commune selected"):
        init_territory(tmp_path, communes=["75056"], online=True, fetch=FakeApi())


class _Response(io.BytesIO):
    def __enter__(self) -> _Response:
        return self

    def __exit__(self, *args: object) -> None:
        self.close()


def test_fetch_json_is_the_network_boundary(monkeypatch: pytest.MonkeyPatch) -> None:
    answers: list[Any] = []

    def fake_urlopen(request: urllib.request.Request, timeout: float) -> _Response:
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return _Response(json.dumps(answer).encode("utf-8"))

    monkeypatch.setattr(urllib.request, "urlopen", fake_urlopen)
    answers.append({"nom": "Creuse"})
    assert fetch_json(f"{API}/departements/23") == {"nom": "Creuse"}
    answers.append(urllib.error.HTTPError(API, 404, "Not Found", {}, None))  # type: ignore[arg-type]
    assert fetch_json(f"{API}/departements/99") is None
    answers.append(urllib.error.HTTPError(API, 503, "Unavailable", {}, None))  # type: ignore[arg-type]
    with pytest.raises(NetworkError, match="503"):
        fetch_json(f"{API}/departements/23")
    answers.append(urllib.error.URLError("no route to host"))
    with pytest.raises(NetworkError, match="no route"):
        fetch_json(f"{API}/departements/23")
