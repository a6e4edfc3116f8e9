"""The public timetable (« Qui, Quoi, Où, Quand »): where and when the Cité des métiers comes.

From a Schedule, its Scenario and travel matrix, this package answers "what is near me?"
(:func:`upcoming`) and publishes, from one :class:`PublicTimetable`, calendar feeds
(:func:`write_feeds`), open data (:func:`write_open_data`, and in public standards
:func:`write_standards`), A4 posters per Stop (:func:`write_posters`) and a static site
(:func:`write_site`), all at once with :func:`write_public`. Regular patterns of the minibus
(:func:`detect_rotations`: "un mardi sur deux, 9 h 30 – 11 h") are published as recurring
events, in words on the site and posters, and in OpenStreetMap ``opening_hours`` syntax
(:func:`opening_hours`).

No personal data of counsellors is ever published: everything here is made from
:class:`PublicEvent` objects, which carry the pôles present, never who is present (see
:mod:`itinerant.publish.public.events`). Importing this package loads neither OR-Tools, osmnx,
networkx nor Streamlit (Schedules and travel matrices are only used, never built, here).
"""

from __future__ import annotations

from itinerant.publish.public.events import EventKind, PublicEvent, public_events
from itinerant.publish.public.feeds import commune_events, feed_bytes, write_feeds
from itinerant.publish.public.opendata import FIELDS, LICENCE, open_data_records, write_open_data
from itinerant.publish.public.openinghours import opening_hours
from itinerant.publish.public.posters import poster_pdf, write_posters
from itinerant.publish.public.rotations import (
    Rotation,
    RotationKind,
    detect_rotations,
    rotation_span_text,
    rotation_text,
    schedule_rotations,
)
from itinerant.publish.public.site import write_site
from itinerant.publish.public.standards import write_standards
from itinerant.publish.public.text import format_date, format_hours, format_time
from itinerant.publish.public.timetable import (
    DEFAULT_WITHIN_MINUTES,
    CommuneLookupError,
    NearbyEvent,
    NearbyServicePoint,
    Origin,
    OriginKind,
    PublicTimetable,
    Upcoming,
    nearby,
    resolve_near,
    upcoming,
)
from itinerant.publish.public.write import write_public

__all__ = [
    "DEFAULT_WITHIN_MINUTES",
    "FIELDS",
    "LICENCE",
    "CommuneLookupError",
    "EventKind",
    "NearbyEvent",
    "NearbyServicePoint",
    "Origin",
    "OriginKind",
    "PublicEvent",
    "PublicTimetable",
    "Rotation",
    "RotationKind",
    "Upcoming",
    "commune_events",
    "detect_rotations",
    "feed_bytes",
    "format_date",
    "format_hours",
    "format_time",
    "nearby",
    "open_data_records",
    "opening_hours",
    "poster_pdf",
    "public_events",
    "resolve_near",
    "rotation_span_text",
    "rotation_text",
    "schedule_rotations",
    "upcoming",
    "write_feeds",
    "write_open_data",
    "write_posters",
    "write_public",
    "write_site",
    "write_standards",
]
