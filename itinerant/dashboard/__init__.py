"""The dashboard's core, without Streamlit: what the pages of ``app_pages/`` show and do.

The pages only draw; everything they compute lives here and is tested with plain pytest:
the working set of a scenario version (:mod:`~itinerant.dashboard.workspace`), table editing
through the scenario validator (:mod:`~itinerant.dashboard.editing`), planning jobs in a
background thread with progress and cancel (:mod:`~itinerant.dashboard.jobs`), offline login
(:mod:`~itinerant.dashboard.auth`) and the demo bootstrap (:mod:`~itinerant.dashboard.demo`).
"""
