"""Tests of the TOPTW reader, checker, solver and ``itinerant solve-toptw``."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from itinerant.cli import main
from itinerant.errors import InputError
from itinerant.schedule.toptw import (
    check_toptw,
    read_toptw,
    solve_toptw,
    toptw_problem,
)
from tests.paths import SHARED

TOPTW = SHARED / "benchmarks" / "toptw"
needs_shared = pytest.mark.skipif(not TOPTW.is_dir(), reason="../shared benchmarks absent")

# Depot at (0, 0), Tmax 100; vertex 1 at (3, 4) (distance 5), window [10, 20], service 2;
# vertex 2 at (6, 8) (distance 5 from 1, 10 from depot), window [0, 15], service 1;
# vertex 3 at (1, 1) (distance 1.414 -> 1.4), window [90, 95], service 3.
TINY = """\
4 1 3 1
0 200
  0 0.00 0.00 0.00 0.00 0 0 0 100
  1 3.00 4.00 2.00 10.00 1 1 1 10 20
  2 6.00 8.00 1.00 20.00 1 2 1 2 0 15
  3 1.00 1.00 3.00 5.00 1 0 90 95
"""


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "t101.txt"
    path.write_text(TINY)
    return path


def test_reader_on_tiny_file(tiny: Path) -> None:
    instance = read_toptw(tiny)
    assert instance.name == "t101"
    assert instance.decimals == 1
    assert len(instance.vertices) == 4
    v2 = instance.vertices[2]
    assert (v2.x, v2.y, v2.duration, v2.profit) == (Decimal(6), Decimal(8), Decimal(1), 20)
    assert (v2.opening, v2.closing) == (Decimal(0), Decimal(15))
    assert instance.tmax == Decimal(100)
    assert instance.distance(0, 3) == Decimal("1.4")
    problem = toptw_problem(instance, 2)
    assert problem.travel[0, 3] == 14
    assert problem.travel[0, 2] == 100
    assert problem.service.tolist() == [0, 20, 10, 30]
    assert problem.windows[1] == (100, 200)
    assert len(problem.vehicles) == 2
    assert problem.vehicles[0].latest_end == 1000


def test_reader_errors_name_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(TINY.replace("1 3.00 4.00", "1 3.00 x4"))
    with pytest.raises(InputError, match=r"bad\.txt, line 4, field 'y'"):
        read_toptw(bad)
    short = tmp_path / "short.txt"
    short.write_text(TINY.replace("1 1 1 10 20", "1 1 1 10"))
    with pytest.raises(InputError, match="line 4"):
        read_toptw(short)
    with pytest.raises(InputError, match="cannot read"):
        read_toptw(tmp_path / "missing.txt")


def test_checker_accepts_a_feasible_plan(tiny: Path) -> None:
    instance = read_toptw(tiny)
    # 0 -> 1: arrive 5, wait to 10, leave 12; -> 2: arrive 17 > 15? no: 12 + 5 = 17 > 15.
    # So 2 first: arrive 10, leave 11; -> 1: arrive 16, serve until 18; -> 3: distance
    # (2, 3) -> 3.6, arrive 21.6, wait to 90, leave 93, back 94.4 <= 100.
    assert check_toptw(instance, [[2, 1, 3]], tours=1, score=35) == []


def test_checker_catches_window_violation(tiny: Path) -> None:
    instance = read_toptw(tiny)
    problems = check_toptw(instance, [[1, 2]])
    assert len(problems) == 1
    assert "vertex 2 starts at 17" in problems[0]


def test_checker_catches_duplicate(tiny: Path) -> None:
    instance = read_toptw(tiny)
    problems = check_toptw(instance, [[2], [2, 1]])
    assert any("already visited" in p for p in problems)


def test_checker_catches_late_return(tmp_path: Path) -> None:
    path = tmp_path / "late.txt"
    path.write_text(TINY.replace("0 0 0 100", "0 0 0 94"))
    instance = read_toptw(path)
    problems = check_toptw(instance, [[2, 1, 3]])
    assert len(problems) == 1
    assert problems[0].startswith("tour 0: back at the depot at 94.4")
    assert problems[0].endswith("after Tmax 94")


def test_checker_catches_bad_score_unknown_vertex_and_tours(tiny: Path) -> None:
    instance = read_toptw(tiny)
    problems = check_toptw(instance, [[2], [7]], tours=1, score=99)
    assert any("at most 1" in p for p in problems)
    assert any("vertex 7" in p for p in problems)
    assert any("recomputed score 20" in p for p in problems)


def test_solver_on_tiny_file(tiny: Path) -> None:
    instance = read_toptw(tiny)
    result = solve_toptw(instance, 1, time_limit_s=2.0, solution_limit=50)
    assert result.score == 35
    assert check_toptw(instance, result.routes, tours=1, score=result.score) == []


@needs_shared
def test_reader_on_real_files() -> None:
    c101 = read_toptw(TOPTW / "solomon_100" / "c101.txt")
    assert len(c101.vertices) == 101
    assert c101.decimals == 1
    assert c101.tmax == Decimal(1236)
    assert c101.vertices[1].profit == 10
    assert c101.vertices[1].duration == Decimal(90)
    assert (c101.vertices[100].opening, c101.vertices[100].closing) == (647, 726)
    pr01 = read_toptw(TOPTW / "cordeau_pr01_10" / "pr01.txt")
    assert len(pr01.vertices) == 49
    assert pr01.decimals == 2
    assert pr01.tmax == Decimal(1000)
    assert pr01.vertices[48].opening == Decimal(98)
    problem = toptw_problem(pr01, 1)
    # Solver units are exact: 100 x the distance rounded down to 2 decimals.
    for i, j in [(0, 1), (3, 17), (48, 2)]:
        assert problem.travel[i, j] == int(pr01.distance(i, j) * 100)


@needs_shared
def test_cli_on_a_50_customer_instance(capsys: pytest.CaptureFixture[str]) -> None:
    path = TOPTW / "solomon_50" / "50_r101.txt"
    code = main(["solve-toptw", str(path), "--tours", "2", "--time-limit", "2"])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"score", "routes", "time_s"}
    assert out["score"] > 0
    assert len(out["routes"]) <= 2
    assert out["time_s"] < 4
    instance = read_toptw(path)
    assert check_toptw(instance, out["routes"], tours=2, score=out["score"]) == []


def test_cli_bad_input(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["solve-toptw", str(tiny), "--tours", "0", "--time-limit", "1"]) == 2
    assert "--tours" in capsys.readouterr().err


@needs_shared
def test_c101_one_tour_near_optimum() -> None:
    instance = read_toptw(TOPTW / "solomon_100" / "c101.txt")
    result = solve_toptw(instance, 1, time_limit_s=5.0)
    assert check_toptw(instance, result.routes, tours=1, score=result.score) == []
    assert result.score >= 0.9 * 320  # proven optimum (Righini & Salani)
