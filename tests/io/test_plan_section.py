"""The ``[plan]`` section of ``scenario.toml``: the planner's settings kept with the scenario."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from itinerant.errors import InputError
from itinerant.io import load_scenario, override_settings, write_scenario
from itinerant.model import PlanSettings, Scenario


def test_plan_settings_survive_a_round_trip(tiny_scenario: Scenario, tmp_path: Path) -> None:
    plan = PlanSettings(repeat_decay=0.5, max_counted_visits=3, midday=dt.time(12, 30))
    scenario = replace(tiny_scenario, plan=plan)
    folder = write_scenario(scenario, tmp_path / "s")
    document = tomllib.loads((folder / "scenario.toml").read_text(encoding="utf-8"))
    assert document["plan"]["repeat_decay"] == 0.5
    assert document["plan"]["midday"] == "12:30"
    assert load_scenario(folder).plan == plan
    assert load_scenario(folder) == scenario


def test_a_missing_plan_section_gives_the_defaults(tiny_dir: Path) -> None:
    path = tiny_dir / "scenario.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("[plan]")
    end = text.index("\n[", start + 1)
    path.write_text(text[:start] + text[end + 1 :], encoding="utf-8")
    assert load_scenario(tiny_dir).plan == PlanSettings()


def test_a_toml_clock_time_is_accepted(tiny_dir: Path) -> None:
    path = tiny_dir / "scenario.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('midday = "13:00"', "midday = 12:15:00"), encoding="utf-8")
    assert load_scenario(tiny_dir).plan.midday == dt.time(12, 15)


def test_overrides_are_read_as_the_field_types() -> None:
    settings = override_settings(
        PlanSettings(), ["repeat_decay=0.5", "max_counted_visits = 2", "midday=12:00"]
    )
    assert settings == PlanSettings(repeat_decay=0.5, max_counted_visits=2, midday=dt.time(12, 0))


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("repeat_decai=0.5", "--set 'repeat_decai=0.5': 'repeat_decai' is not a setting"),
        ("repeat_decay", "--set 'repeat_decay': is not NAME=VALUE"),
        ("repeat_decay=beaucoup", "--set repeat_decay: 'beaucoup' is not a number"),
        ("repeat_decay=2", "--set repeat_decay: 2.0 is outside 0..1"),
        ("max_counted_visits=1.5", "--set max_counted_visits: '1.5' is not a whole number"),
    ],
)
def test_a_bad_override_names_the_setting(text: str, fragment: str) -> None:
    with pytest.raises(InputError) as info:
        override_settings(PlanSettings(), [text])
    assert fragment in str(info.value)
