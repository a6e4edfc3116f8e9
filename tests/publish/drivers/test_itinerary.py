"""Drivers' Itineraries (publish.drivers.itinerary) and road paths (routing.paths)."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace
from itertools import pairwise
from typing import Any

import networkx as nx
import pytest
from shapely.geometry import LineString

from itinerant.errors import InputError, SnappingError, UnreachableError
from itinerant.i18n import MESSAGES
from itinerant.pipeline import build_network
from itinerant.publish.drivers.itinerary import (
    Itinerary,
    clock_text,
    date_text,
    day_itineraries,
    duration_text,
    itineraries,
    itinerary,
    itinerary_tracks,
    km_text,
    parse_week,
    week_code,
    week_dates,
)
from itinerant.routing import RoadNetwork, network_from_file, path_coordinates, route_coordinates
from itinerant.routing.network import haversine_m
from itinerant.schedule import Schedule, Tour
from tests.conftest import DefaultPlan
from tests.paths import SMALL_TOWN


@pytest.fixture(scope="module")
def network(default_plan: DefaultPlan) -> RoadNetwork:
    return build_network(default_plan.scenario)


def _week(tour: Tour) -> tuple[int, int]:
    iso = tour.date.isocalendar()
    return (iso.year, iso.week)


def _first_week(default_plan: DefaultPlan) -> tuple[int, int]:
    return min(_week(t) for t in default_plan.schedule.tours)


def _without_week(schedule: Schedule, week: tuple[int, int]) -> Schedule:
    return replace(schedule, tours=tuple(t for t in schedule.tours if _week(t) != week))


# --------------------------------------------------------------------------- itineraries


def test_days_match_the_schedule(default_plan: DefaultPlan) -> None:
    plan = default_plan
    days = day_itineraries(plan.schedule, plan.scenario, plan.matrix)
    tours = sorted(plan.schedule.tours, key=lambda t: (t.date, t.bus))
    assert [(d.date, d.bus) for d in days] == [(t.date, t.bus) for t in tours]
    stops = {s.id: s for s in plan.scenario.stops}
    names = {c.id: c.name for c in plan.scenario.counsellors}
    bus = plan.scenario.buses[0]
    depot = next(d for d in plan.scenario.depots if d.id == bus.depot)
    for day, tour in zip(days, tours, strict=True):
        assert day.bus_name == bus.name
        assert day.depot_name == depot.name
        assert day.departure == tour.departure
        assert day.return_time == tour.return_time
        assert day.lunch == tour.lunch
        assert [s.stop for s in day.stops] == [v.stop for v in tour.visits]
        assert [s.number for s in day.stops] == list(range(1, len(tour.visits) + 1))
        assert [c.name for c in day.crew] == [names[c] for c in tour.crew]
        for call, visit in zip(day.stops, tour.visits, strict=True):
            stop = stops[visit.stop]
            assert (call.arrival, call.start, call.end) == (visit.arrival, visit.start, visit.end)
            assert call.name == stop.name
            assert call.address == stop.address
            assert call.commune_name == plan.scenario.territory.commune(stop.commune).name
            assert [c.name for c in call.crew] == [names[c] for c in visit.crew]
            assert call.end <= call.departure
        # Legs: matrix figures, chained places, departure + drive = arrival
        places = [f"depot:{depot.id}", *(f"stop:{v.stop}" for v in tour.visits)]
        places.append(f"depot:{depot.id}")
        assert [(leg.origin, leg.destination) for leg in day.legs] == list(pairwise(places))
        arrivals = [*(v.arrival for v in tour.visits), tour.return_time]
        for leg, arrival in zip(day.legs, arrivals, strict=True):
            i, j = plan.matrix.index(leg.origin), plan.matrix.index(leg.destination)
            assert leg.duration_s == plan.matrix.durations_s[i, j]
            assert leg.distance_m == plan.matrix.distances_m[i, j]
            assert leg.arrival == arrival
            start = dt.datetime.combine(day.date, leg.departure)
            end = dt.datetime.combine(day.date, leg.arrival)
            assert (end - start).total_seconds() == leg.duration_s
        assert day.drive_s == sum(leg.duration_s for leg in day.legs)
        assert day.approximate is plan.matrix.approximate is True
        assert day.network_label == plan.matrix.network_label
        if tour.lunch is not None:
            assert day.lunch_place in {depot.name, *(s.name for s in day.stops)}


def test_itineraries_group_by_bus_and_iso_week(default_plan: DefaultPlan) -> None:
    plan = default_plan
    weekly = itineraries(plan.schedule, plan.scenario, plan.matrix)
    assert [(i.bus, (i.year, i.week)) for i in weekly] == [
        ("bus-1", w) for w in sorted({_week(t) for t in plan.schedule.tours})
    ]
    assert sum(len(i.days) for i in weekly) == len(plan.schedule.tours)
    for it in weekly:
        assert all(it.monday <= d.date <= it.sunday for d in it.days)
        assert it.monday.weekday() == 0
        assert it.approximate
        assert len(it.stop_calls) == sum(len(d.stops) for d in it.days)
    week = _first_week(plan)
    one = itinerary(plan.schedule, plan.scenario, plan.matrix, bus="bus-1", week=week)
    assert one == weekly[0]
    assert [d.date for d in one.days] == sorted(
        t.date for t in plan.schedule.tours if _week(t) == week
    )


def test_select_by_date_range(default_plan: DefaultPlan) -> None:
    plan = default_plan
    dates = sorted(t.date for t in plan.schedule.tours)
    days = day_itineraries(plan.schedule, plan.scenario, plan.matrix, start=dates[1], end=dates[3])
    assert [d.date for d in days] == dates[1:4]


def test_week_without_tours_gives_an_empty_itinerary(default_plan: DefaultPlan) -> None:
    plan = default_plan
    week = _first_week(plan)
    schedule = _without_week(plan.schedule, week)
    empty = itinerary(schedule, plan.scenario, plan.matrix, bus="bus-1", week=week)
    assert isinstance(empty, Itinerary)
    assert empty.days == ()
    assert (empty.year, empty.week) == week
    assert empty.drive_s == 0
    # without an explicit week, empty weeks are not returned
    assert week not in {(i.year, i.week) for i in itineraries(schedule, plan.scenario, plan.matrix)}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"bus": "bus-9"}, "bus 'bus-9' is not in the scenario"),
        ({"week": (2030, 5)}, "week 2030-W05 is outside the Horizon"),
        ({"week": (2027, 60)}, "week 2027-W60 does not exist"),
        (
            {"week": (2027, 2), "start": dt.date(2027, 1, 11)},
            "either a week or a date range",
        ),
        ({"start": dt.date(2027, 1, 20), "end": dt.date(2027, 1, 10)}, "is before start"),
    ],
)
def test_bad_selection_is_refused(
    default_plan: DefaultPlan, kwargs: dict[str, Any], message: str
) -> None:
    plan = default_plan
    with pytest.raises(InputError, match=message):
        itineraries(plan.schedule, plan.scenario, plan.matrix, **kwargs)


def test_schedule_that_does_not_match_the_scenario(default_plan: DefaultPlan) -> None:
    plan = default_plan
    tour = plan.schedule.tours[0]
    visit = replace(tour.visits[0], stop="nowhere")
    bad = replace(plan.schedule, tours=(replace(tour, visits=(visit,)),))
    with pytest.raises(InputError, match=r"Stop\(s\) not in the scenario: nowhere"):
        day_itineraries(bad, plan.scenario, plan.matrix)
    stranger = replace(tour.visits[0], crew=("cns-unknown",))
    bad = replace(plan.schedule, tours=(replace(tour, visits=(stranger,)),))
    with pytest.raises(InputError, match="counsellor 'cns-unknown'"):
        day_itineraries(bad, plan.scenario, plan.matrix)
    ghost = Tour("bus-ghost", tour.date, tour.departure, tour.return_time, tour.visits, tour.lunch)
    with pytest.raises(InputError, match="bus 'bus-ghost' is not in the scenario"):
        day_itineraries(replace(plan.schedule, tours=(ghost,)), plan.scenario, plan.matrix)


@pytest.mark.parametrize(
    ("text", "week"),
    [
        ("2027-W02", (2027, 2)),
        ("2027-S02", (2027, 2)),
        ("2027W2", (2027, 2)),
        ("2026-53", (2026, 53)),
    ],
)
def test_parse_week(text: str, week: tuple[int, int]) -> None:
    assert parse_week(text) == week


@pytest.mark.parametrize("text", ["2027", "semaine 2", "2027-W54", "2027-W00"])
def test_parse_week_refuses(text: str) -> None:
    with pytest.raises(InputError, match="week"):
        parse_week(text)


def test_text_helpers() -> None:
    assert week_dates(2027, 1) == (dt.date(2027, 1, 4), dt.date(2027, 1, 10))
    assert week_code(2027, 2, "fr") == "2027-S02"
    assert week_code(2027, 2, "en") == "2027-W02"
    assert date_text(dt.date(2027, 1, 4), "fr") == "lundi 4 janvier 2027"
    assert date_text(dt.date(2027, 2, 1), "fr") == "lundi 1er février 2027"
    assert date_text(dt.date(2027, 1, 4), "en") == "Monday 4 January 2027"
    assert clock_text(dt.time(9, 5, 59)) == "09:05"
    assert duration_text(47 * 60 + 10, "fr") == "47 min"
    assert duration_text(65 * 60, "fr") == "1 h 05"
    assert km_text(44_700, "fr") == "44,7"
    assert km_text(1_234_500, "fr") == "1\u202f234,5"
    assert km_text(1_234_500, "en") == "1,234.5"


def test_roadbook_texts_exist_in_both_languages() -> None:
    fr = {k for k in MESSAGES["fr"] if k.startswith("roadbook.")}
    en = {k for k in MESSAGES["en"] if k.startswith("roadbook.")}
    assert fr == en
    assert len(fr) > 40


# --------------------------------------------------------------------------- tracks


def test_tracks_follow_the_network(default_plan: DefaultPlan, network: RoadNetwork) -> None:
    plan = default_plan
    it = itineraries(plan.schedule, plan.scenario, plan.matrix)[0]
    tracks = itinerary_tracks(it, network)
    nodes = {(round(d["x"], 9), round(d["y"], 9)) for _, d in network.graph.nodes(data=True)}
    assert set(tracks) == {d.date for d in it.days}
    for day in it.days:
        legs = tracks[day.date]
        assert len(legs) == len(day.legs)
        for leg, (a, b) in zip(legs, pairwise(day.places), strict=True):
            assert leg[0] == (a.lon, a.lat)
            assert leg[-1] == (b.lon, b.lat)
            assert all((round(x, 9), round(y, 9)) in nodes for x, y in leg[1:-1])


def test_tracks_refuse_another_network(default_plan: DefaultPlan) -> None:
    plan = default_plan
    it = itineraries(plan.schedule, plan.scenario, plan.matrix)[0]
    with pytest.raises(InputError, match="not the one the travel matrix was computed on"):
        itinerary_tracks(it, network_from_file(SMALL_TOWN))


def _hand_made() -> RoadNetwork:
    """A small graph whose fastest path is not the shortest, with parallel edges and a shape."""
    g = nx.MultiDiGraph(crs="epsg:4326")
    coords = {
        1: (2.00, 46.00),
        2: (2.01, 46.00),
        3: (2.02, 46.00),
        4: (2.01, 46.01),
        5: (2.03, 46.00),
        9: (2.10, 46.10),  # an island
        10: (2.101, 46.10),
    }
    for node, (x, y) in coords.items():
        g.add_node(node, x=x, y=y)

    def road(
        u: int, v: int, speed: float, *, shape: list[tuple[float, float]] | None = None
    ) -> None:
        (x1, y1), (x2, y2) = coords[u], coords[v]
        pts = [(x1, y1), *(shape or []), (x2, y2)]
        length = sum(float(haversine_m(a[0], a[1], b[0], b[1])) for a, b in pairwise(pts))
        attrs: dict[str, Any] = {
            "length": length,
            "speed_kph": speed,
            "travel_time": length / (speed / 3.6),
        }
        if shape:
            attrs["geometry"] = LineString(pts)
        g.add_edge(u, v, **attrs)

    road(1, 2, 20)  # slow direct street
    road(2, 3, 20)
    road(1, 4, 90, shape=[(2.005, 46.008)])  # fast detour through 4, with a bend
    road(4, 3, 90)
    road(3, 5, 50)
    road(5, 3, 50)
    road(1, 2, 10)  # a slower parallel street
    road(9, 10, 50)
    road(10, 9, 50)
    road(3, 1, 30)
    return RoadNetwork.from_graph(g, source="file", label="hand-made")


def test_path_coordinates_is_the_fastest_path() -> None:
    network = _hand_made()
    g = network.graph
    origin, destination = (2.0001, 46.0001), (2.0299, 46.0)
    path = path_coordinates(network, origin, destination)
    expected = nx.shortest_path(g, 1, 5, weight="travel_time")
    assert expected == [1, 4, 3, 5]
    node_xy = [(g.nodes[n]["x"], g.nodes[n]["y"]) for n in expected]
    # origin, node 1, the bend of edge 1 -> 4, nodes 4, 3, 5, destination
    assert path == [origin, node_xy[0], (2.005, 46.008), *node_xy[1:], destination]


def test_path_coordinates_same_node_and_reverse() -> None:
    network = _hand_made()
    assert path_coordinates(network, (2.0, 46.0), (2.0, 46.0)) == [(2.0, 46.0)]
    back = path_coordinates(network, (2.03, 46.0), (2.0, 46.0))
    g = network.graph
    expected = nx.shortest_path(g, 5, 1, weight="travel_time")
    assert back == [(g.nodes[n]["x"], g.nodes[n]["y"]) for n in expected]
    legs = route_coordinates(network, [(2.0, 46.0), (2.03, 46.0), (2.0, 46.0)])
    assert legs[1] == back
    assert legs[0][-1] == legs[1][0]


def test_path_coordinates_errors() -> None:
    network = _hand_made()
    with pytest.raises(UnreachableError, match="1 unreachable pair"):
        path_coordinates(network, (2.0, 46.0), (2.10, 46.10))
    with pytest.raises(SnappingError, match="farther than 1000 m"):
        path_coordinates(network, (2.0, 46.0), (3.0, 47.0))
    with pytest.raises(InputError, match="invalid WGS84"):
        path_coordinates(network, (2.0, 46.0), (200.0, 46.0))
    with pytest.raises(InputError, match="at least two points"):
        route_coordinates(network, [(2.0, 46.0)])


def test_path_follows_edge_shapes_on_an_osm_file() -> None:
    town = network_from_file(SMALL_TOWN)
    g = town.graph
    a = (g.nodes[1]["x"], g.nodes[1]["y"])
    b = (g.nodes[6]["x"], g.nodes[6]["y"])
    path = path_coordinates(town, a, b)
    nodes = nx.shortest_path(g, 1, 6, weight="travel_time")
    length = sum(min(d["length"] for d in g[u][v].values()) for u, v in pairwise(nodes))
    drawn = sum(float(haversine_m(p[0], p[1], q[0], q[1])) for p, q in pairwise(path))
    assert len(path) > len(nodes)  # the shape points of the simplified edges are followed
    assert math.isclose(drawn, length, rel_tol=1e-3)
