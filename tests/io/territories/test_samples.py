"""Candidate Stops suggested by the coordinator's rules: town halls, markets, distance."""

from __future__ import annotations

from pathlib import Path

import pytest

from itinerant.errors import ScenarioError
from itinerant.io.territories.samples import (
    Market,
    SampleRules,
    read_markets,
    suggest_stops,
)
from itinerant.model import Commune, Location, ServiceKind, ServicePoint, StopKind

HEADER = "commune,commune_name,postcode,weekdays,place,address,lon,lat,opens,closes\n"
COMMUNES = (
    Commune("23096", "Guéret", 13161, Location(1.871452, 46.169599), postcodes=("23000",)),
    Commune("23033", "La Brionne", 450, Location(1.787325, 46.168829), postcodes=("23000",)),
    Commune("23008", "Aubusson", 3366, Location(2.170132, 45.956859), postcodes=("23200",)),
    Commune("23079", "Felletin", 1593, Location(2.173311, 45.884903), postcodes=("23500",)),
)
FT_GUERET = ServicePoint(
    id="ft-gueret",
    name="France Travail Guéret",
    kind=ServiceKind.FRANCE_TRAVAIL,
    commune="23096",
    location=Location(1.8790, 46.1660),
)


def _markets(tmp_path: Path, rows: str) -> tuple[Market, ...]:
    path = tmp_path / "marches.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return read_markets(path)


def test_markets_become_stops_on_their_weekdays_at_their_place(tmp_path: Path) -> None:
    markets = _markets(
        tmp_path,
        "23096,,,sat,Place Bonnyaud,,1.8705,46.1710,08:00,12:30\n"
        ",Aubusson,23200,thu,Place du Marché,,,,07:30,12:00\n"
        ",la brionne,23000,tue fri,Place de l'Église,1 place de l'Église,,,,\n"
        "87085,,,sat,Halles de Limoges,,,,,\n",
    )
    assert [m.row for m in markets] == [2, 3, 4, 5]
    rules = SampleRules(stop_min_population=100_000, min_stops=0, markets=markets)
    stops = {s.id: s for s in suggest_stops(COMMUNES, {}, rules)}
    assert set(stops) == {"marche-gueret-sat", "marche-aubusson-thu", "marche-la-brionne-tue-fri"}
    gueret = stops["marche-gueret-sat"]
    assert gueret.kind is StopKind.MARCHE
    assert gueret.weekdays == frozenset({5})
    assert (gueret.location.lon, gueret.location.lat) == (1.8705, 46.1710)
    assert gueret.source == "marches.csv:row 2"
    aubusson = stops["marche-aubusson-thu"]
    assert aubusson.location == COMMUNES[2].point  # no coordinates: the commune's point
    assert (aubusson.opens.hour, aubusson.opens.minute, aubusson.closes.hour) == (7, 30, 12)
    brionne = stops["marche-la-brionne-tue-fri"]
    assert brionne.weekdays == frozenset({1, 4})
    assert brionne.session_minutes == 90  # by population, within 08:00-12:30
    assert brionne.address == "1 place de l'Église"


def test_min_distance_keeps_stops_away_from_existing_services(tmp_path: Path) -> None:
    markets = _markets(tmp_path, "23096,,,sat,Place Bonnyaud,,1.8705,46.1710,,\n")
    base = SampleRules(stop_min_population=100, markets=markets)
    everything = {s.id for s in suggest_stops(COMMUNES, {}, base, (FT_GUERET,))}
    assert everything == {
        "mairie-gueret",
        "mairie-la-brionne",
        "mairie-aubusson",
        "mairie-felletin",
        "marche-gueret-sat",
    }
    # France Travail Guéret lies under 1 km from the town hall and market, 7.1 km from La Brionne
    near = SampleRules(stop_min_population=100, markets=markets, min_service_distance_km=2)
    kept = {s.id for s in suggest_stops(COMMUNES, {}, near, (FT_GUERET,))}
    assert kept == everything - {"mairie-gueret", "marche-gueret-sat"}
    far = SampleRules(stop_min_population=100, min_stops=0, min_service_distance_km=7.5)
    assert {s.id for s in suggest_stops(COMMUNES, {}, far, (FT_GUERET,))} == {
        "mairie-aubusson",
        "mairie-felletin",
    }


def test_a_negative_distance_is_refused() -> None:
    with pytest.raises(ValueError, match="min_service_distance_km"):
        SampleRules(min_service_distance_km=-1)


@pytest.mark.parametrize(
    ("row", "field", "words"),
    [
        (",,,sat,Place du Marché,,,,,\n", "commune", "INSEE code"),
        ("23096,,,,Place du Marché,,,,,\n", "weekdays", "empty"),
        ("23096,,,samedi matin,Place du Marché,,,,,\n", "weekdays", "matin"),
        ("23096,,,sat,,,,,,\n", "place", "empty"),
        ("23096,,,sat,Place du Marché,,1.87,,,\n", "lat", "both"),
        ("23096,,,sat,Place du Marché,,1.87,96.5,,\n", "lat", "latitude"),
        ("23096,,,sat,Place du Marché,,est,46.1,,\n", "lon", "est"),
        ("23096,,,sat,Place du Marché,,,,12:00,08:00,\n", "", "cells"),
        ("23096,,,sat,Place du Marché,,,,12:00,12:05\n", "closes", "15 minutes"),
        ("23096,,,sat,Place du Marché,,,,8h,\n", "opens", "8h"),
    ],
)
def test_bad_market_rows_name_file_row_and_field(
    tmp_path: Path, row: str, field: str, words: str
) -> None:
    with pytest.raises(ScenarioError) as info:
        _markets(tmp_path, "23008,,,thu,Place Espagne,,,,,\n" + row)
    assert any(
        p.file == "marches.csv" and p.row == 3 and p.field == field and words in p.message
        for p in info.value.problems
    ), info.value.problems


def test_a_market_name_that_does_not_match_its_postcode_is_named(tmp_path: Path) -> None:
    markets = _markets(tmp_path, ",Gueret-Ville,23000,sat,Place Bonnyaud,,,,,\n")
    with pytest.raises(ScenarioError) as info:
        suggest_stops(COMMUNES, {}, SampleRules(markets=markets))
    (problem,) = info.value.problems
    assert (problem.file, problem.row, problem.field) == ("marches.csv", 2, "commune_name")
    assert "postcode 23000" in problem.message


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / "marches.csv"
    path.write_text("commune,jour,place\n23096,sat,Place Bonnyaud\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        read_markets(path)
    problems = {(p.row, p.field, p.message) for p in info.value.problems}
    assert (1, "weekdays", "required column is missing") in problems
    assert any(field == "jour" and "unknown column" in msg for _, field, msg in problems)
