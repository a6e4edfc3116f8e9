"""Drivers' outputs: Itineraries and their printable roadbook (PDF), GPX, ICS and CSV.

:mod:`~itinerant.publish.drivers.itinerary` turns a Schedule's Tours into one bus's week as its
driver sees it (pure data); :mod:`~itinerant.publish.drivers.roadbook` prints it,
:mod:`~itinerant.publish.drivers.files` writes the GPX, ICS and CSV of each bus and week.
Crew names are personal data: they appear in drivers' documents only, never in public ones.
"""
