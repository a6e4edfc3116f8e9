"""The planner's settings as form fields (itinerant.dashboard.planner_settings)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from itinerant.dashboard.planner_settings import (
    settings_document,
    settings_fields,
    settings_from_values,
)
from itinerant.i18n.texts_dashboard import EN, FR
from itinerant.model import FieldError
from itinerant.schedule import PlanSettings


def test_settings_fields_carry_their_explanations():
    fields = {f.name: f for f in settings_fields()}
    assert set(fields) == {f.name for f in dataclasses.fields(PlanSettings)}
    assert fields["repeat_decay"].kind == "float"
    assert fields["max_counted_visits"].kind == "int"
    assert fields["midday"].kind == "time"
    assert "first visit counts fully" in fields["repeat_decay"].doc
    assert fields["co2_kg_per_km"].doc.startswith("Emission factor")
    assert all(f.doc for f in fields.values())


def test_settings_from_values():
    settings = settings_from_values({"km_weight": 1.0, "midday": dt.time(12, 30)})
    assert settings.km_weight == 1.0
    with pytest.raises(FieldError) as info:
        settings_from_values({"repeat_decay": 2.0})
    assert info.value.field == "repeat_decay"
    with pytest.raises(FieldError):
        settings_from_values({"nonsense": 1})
    doc = settings_document(settings, time_limit_s=5, seed=2)
    assert doc["midday"] == "12:30"
    assert (doc["time_limit_s"], doc["seed"]) == (5, 2)


@pytest.mark.parametrize("name", [f.name for f in dataclasses.fields(PlanSettings)])
def test_every_setting_has_a_label_and_a_help_in_both_languages(name):
    for texts in (FR, EN):
        assert texts[f"app.setting.{name}"].strip()
        assert len(texts[f"app.setting_help.{name}"]) > 20
    assert FR[f"app.setting_help.{name}"] != EN[f"app.setting_help.{name}"]


def test_fields_are_labelled_and_explained_in_the_language_asked():
    french = {f.name: f for f in settings_fields(lang="fr")}
    english = {f.name: f for f in settings_fields(lang="en")}
    assert french["repeat_decay"].label == "Valeur des passages répétés"
    assert "le premier passage compte pleinement" in french["repeat_decay"].help
    assert "first visit counts fully" in english["repeat_decay"].help
    assert french["co2_kg_per_km"].help.startswith("Facteur d'émission")
    assert all(f.label and f.help for f in (*french.values(), *english.values()))


def test_the_form_starts_from_the_scenario_plan(tiny_scenario):
    plan = dataclasses.replace(tiny_scenario.plan, km_weight=2.0, midday=dt.time(12, 30))
    fields = {f.name: f for f in settings_fields(plan)}
    assert fields["km_weight"].default == 2.0
    assert fields["midday"].default == dt.time(12, 30)
    assert fields["repeat_decay"].default == PlanSettings().repeat_decay
