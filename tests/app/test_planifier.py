"""AppTest: Planifier (settings, background run with progress and cancel, results)."""

from __future__ import annotations

import datetime as dt
import json

from itinerant.store import Store
from tests.app.test_common import (
    COORDINATOR,
    app,
    make_store,
    open_page,
    plannable,
    texts,
    wait_for_job,
)


def test_settings_are_explained(tmp_path, monkeypatch, tiny_scenario):
    make_store(tmp_path, monkeypatch, tiny_scenario)
    at = open_page(app(COORDINATOR), "planifier")
    assert at.title[0].value == "Planifier les tournées"
    assert "Aucun plan pour cette version" in texts(at)
    decay = at.number_input(key="setting_repeat_decay")
    assert decay.value == 0.25
    assert decay.label == "Valeur des passages répétés"
    assert "le premier passage compte pleinement" in decay.help
    assert "first visit" not in decay.help  # the French help, not the class docstring
    assert at.time_input(key="setting_midday").value == dt.time(13, 0)
    assert at.button(key="plan_run").label == "Lancer la planification"


def test_impossible_inputs_are_explained(tmp_path, monkeypatch, tiny_scenario):
    make_store(tmp_path, monkeypatch, tiny_scenario)  # the mandatory pop-up cannot be staffed
    at = open_page(app(COORDINATOR), "planifier")
    at.button(key="plan_run").click().run()
    wait_for_job(at)
    shown = texts(at)
    assert "Planification impossible" in shown
    assert "Forum emploi" in shown


def test_run_shows_progress_then_results_and_kpis(tmp_path, monkeypatch, tiny_scenario):
    url = make_store(tmp_path, monkeypatch, plannable(tiny_scenario))
    at = open_page(app(COORDINATOR), "planifier")
    at.number_input(key="plan_time_limit").set_value(3)
    at.button(key="plan_run").click().run()
    assert not at.exception
    if "plan_job" in at.session_state:  # still running: the live panel is drawn
        assert at.button(key="plan_cancel").label == "Arrêter la recherche"
        progress = at.get("progress")
        assert progress
        assert "Recherche" in progress[0].proto.text or "Préparation" in progress[0].proto.text
    wait_for_job(at)
    shown = texts(at)
    assert "Planification terminée" in shown
    labels = [m.label for m in at.metric]
    assert labels[:4] == ["Besoin atteint", "Part du besoin atteinte", "Passages", "Tournées"]
    assert "vs tourniquet" in at.metric[0].proto.delta
    kpis = at.dataframe[0].value
    assert list(kpis.columns) == ["Indicateur", "Plan", "Référence (tourniquet)", "Écart"]
    with Store.open(url) as store:
        (run,) = store.plan_runs()
        assert run.author == "coordination"
        assert run.settings["time_limit_s"] == 3
        assert run.schedule["tours"]
        assert "explanations" in run.kpis
    # the map of a day and the timeline (Gantt) are drawn
    deck = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    assert {"communes", "tours", "calls", "labels"} <= {layer["id"] for layer in deck["layers"]}
    labels_layer = next(layer for layer in deck["layers"] if layer["id"] == "labels")
    assert labels_layer["characterSet"] == "auto"
    chart = at.get("vega_lite_chart")[0]
    spec = json.loads(chart.proto.spec)
    assert spec["encoding"]["x2"]["field"] == "end"


def test_cancel_keeps_the_best_plan(tmp_path, monkeypatch, tiny_scenario):
    url = make_store(tmp_path, monkeypatch, plannable(tiny_scenario))
    at = open_page(app(COORDINATOR), "planifier")
    at.number_input(key="plan_time_limit").set_value(60)
    at.button(key="plan_run").click().run()
    if "plan_job" in at.session_state:
        at.button(key="plan_cancel").click().run()
    wait_for_job(at, timeout=60)
    shown = texts(at)
    assert "Recherche arrêtée" in shown or "Planification terminée" in shown
    with Store.open(url) as store:
        assert len(store.plan_runs()) == 1


def test_lock_replan_and_compare(tmp_path, monkeypatch, tiny_scenario):
    url = make_store(tmp_path, monkeypatch, tiny_scenario, plan=True)
    at = open_page(app(COORDINATOR), "planifier")
    at.number_input(key="plan_time_limit").set_value(2)
    assert at.multiselect(key="lock_days").options
    # lock the first bus-day and re-plan
    with Store.open(url) as store:
        (run,) = store.plan_runs()
        tour = run.schedule["tours"][0]
    key = (tour["bus"], dt.date.fromisoformat(tour["date"]))
    at.multiselect(key="lock_days").set_value([key]).run()
    at.button(key="lock_run").click().run()
    wait_for_job(at)
    with Store.open(url) as store:
        runs = store.plan_runs()
        assert len(runs) == 2
        assert runs[0].settings["locked"] == [f"{key[0]}:{key[1].isoformat()}"]
        kept = [
            t
            for t in runs[0].schedule["tours"]
            if (t["bus"], t["date"]) == (tour["bus"], tour["date"])
        ]
        assert [v["stop"] for v in kept[0]["visits"]] == [v["stop"] for v in tour["visits"]]
    # a disruption: re-planning lists the changes
    at.multiselect(key="lock_days").set_value([]).run()
    at.text_area(key="disruptions").input(f"absence:c1:{tour['date']}").run()
    at.button(key="replan_run").click().run()
    wait_for_job(at)
    assert "changement(s) par rapport au plan précédent" in texts(at)
    assert "0 changement(s)" not in texts(at)
    # a refused disruption names what is wrong
    at.text_area(key="disruptions").input("absence:c2:demain").run()
    at.button(key="replan_run").click().run()
    assert "Perturbation refusée" in texts(at)
    # compare with one more minibus
    at.button(key="compare_run").click().run()
    wait_for_job(at)
    table = next(d for d in at.dataframe if "Scénario actuel" in d.value.columns).value
    assert any("+1 minibus" in c for c in table.columns)
