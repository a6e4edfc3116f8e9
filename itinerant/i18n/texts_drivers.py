"""Texts of drivers' roadbooks and files (``roadbook.*``), French first."""

from __future__ import annotations

__all__ = ["EN", "FR"]

FR: dict[str, str] = {
    "roadbook.title": "Feuille de route",
    "roadbook.doc_title": "Feuille de route – {bus} – {week}",
    "roadbook.subject": "Tournées : {bus}, semaine {week} ({scenario})",
    "roadbook.keywords": "feuille de route, minibus, Cité des métiers, tournée",
    "roadbook.bus_label": "Minibus :",
    "roadbook.week": "Semaine {week} ({code}), du {monday} au {sunday}",
    "roadbook.week_short": "semaine {week} ({code})",
    "roadbook.week_code": "{year}-S{week:02d}",
    "roadbook.scenario": "Scénario : {scenario}",
    "roadbook.approximate": (
        "Temps et distances approximatifs : ils sont calculés sur un réseau routier "
        "approximatif ({label}), pas sur les routes réelles. Vérifiez l'itinéraire avant de "
        "partir."
    ),
    "roadbook.no_tour": "Aucune tournée pour ce minibus cette semaine.",
    "roadbook.week_summary": "La semaine en un coup d'œil",
    "roadbook.total": "Total",
    "roadbook.stop_count": "{count} arrêt(s)",
    "roadbook.departure": "Départ du dépôt à {time} :",
    "roadbook.return": "Retour au dépôt à {time} :",
    "roadbook.lunch": "Pause déjeuner {start}–{end} ({place})",
    "roadbook.crew": "Équipe :",
    "roadbook.day_totals": "{stops} arrêt(s), {drive} de route, {km} km",
    "roadbook.depot_mark": "D",
    "roadbook.map_title": "Carte du jour : {date}",
    "roadbook.map_caption": (
        "Trajet du jour ; arrêts numérotés dans l'ordre de passage, {depot} = dépôt ; "
        "limites communales en gris, communes des arrêts en jaune."
    ),
    "roadbook.map_approximate": (
        "Tracé en pointillés : approximatif, de centre de commune à centre de commune."
    ),
    "roadbook.page": "page {page}",
    "roadbook.km": "{km} km",
    "roadbook.minutes": "{minutes} min",
    "roadbook.hours_minutes": "{hours} h {minutes:02d}",
    "roadbook.col.number": "N°",
    "roadbook.col.arrival": "Arrivée",
    "roadbook.col.session": "Permanence",
    "roadbook.col.departure": "Départ",
    "roadbook.col.place": "Lieu et adresse",
    "roadbook.col.commune": "Commune",
    "roadbook.col.leg": "Trajet",
    "roadbook.col.day": "Jour",
    "roadbook.col.stops": "Arrêts",
    "roadbook.col.out": "Départ",
    "roadbook.col.back": "Retour",
    "roadbook.col.drive": "Route",
    "roadbook.col.km": "km",
    "roadbook.file_stem": "feuille-de-route",
    "roadbook.gpx.network": "Réseau routier : {label}.",
    "roadbook.gpx.approximate": (
        "Tracé, temps et distances approximatifs : réseau approximatif, de centre de commune "
        "à centre de commune, pas le long des routes réelles."
    ),
    "roadbook.gpx.waypoint": (
        "{date} : permanence {start}–{end} (arrivée {arrival}, départ {departure})"
    ),
    "roadbook.gpx.track": "{bus} – {date}",
    "roadbook.ics.calendar": "{bus} – tournées",
    "roadbook.ics.summary": "Permanence – {stop}",
    "roadbook.ics.times": (
        "Arrivée du minibus {arrival}, permanence {start}–{end}, départ {departure}"
    ),
    "roadbook.ics.leg": "Trajet depuis {origin} : {drive}, {km} km",
    "roadbook.ics.day": "Journée : départ du dépôt {departure}, retour {back}",
    "roadbook.csv.date": "Date",
    "roadbook.csv.date_format": "%d/%m/%Y",
    "roadbook.csv.week": "Semaine",
    "roadbook.csv.bus": "Minibus",
    "roadbook.csv.number": "N°",
    "roadbook.csv.stop": "Arrêt",
    "roadbook.csv.stop_id": "Code arrêt",
    "roadbook.csv.address": "Adresse",
    "roadbook.csv.commune": "Commune",
    "roadbook.csv.depot_departure": "Départ dépôt",
    "roadbook.csv.arrival": "Arrivée",
    "roadbook.csv.start": "Début",
    "roadbook.csv.end": "Fin",
    "roadbook.csv.departure": "Départ",
    "roadbook.csv.depot_return": "Retour dépôt",
    "roadbook.csv.leg_min": "Trajet (min)",
    "roadbook.csv.leg_km": "Trajet (km)",
    "roadbook.csv.crew": "Équipe",
    "roadbook.csv.network": "Réseau",
    "roadbook.csv.approximate": "approximatif",
    "roadbook.csv.road": "routier",
}

EN: dict[str, str] = {
    "roadbook.title": "Roadbook",
    "roadbook.doc_title": "Roadbook – {bus} – {week}",
    "roadbook.subject": "Tours: {bus}, week {week} ({scenario})",
    "roadbook.keywords": "roadbook, minibus, Cité des métiers, tour",
    "roadbook.bus_label": "Bus:",
    "roadbook.week": "Week {week} ({code}), {monday} to {sunday}",
    "roadbook.week_short": "week {week} ({code})",
    "roadbook.week_code": "{year}-W{week:02d}",
    "roadbook.scenario": "Scenario: {scenario}",
    "roadbook.approximate": (
        "Approximate times and distances: computed on an approximate road network "
        "({label}), not on real roads. Check the route before leaving."
    ),
    "roadbook.no_tour": "No tour for this bus this week.",
    "roadbook.week_summary": "The week at a glance",
    "roadbook.total": "Total",
    "roadbook.stop_count": "{count} stop(s)",
    "roadbook.departure": "Leave the depot at {time}:",
    "roadbook.return": "Back at the depot at {time}:",
    "roadbook.lunch": "Lunch break {start}–{end} ({place})",
    "roadbook.crew": "Crew:",
    "roadbook.day_totals": "{stops} stop(s), {drive} driving, {km} km",
    "roadbook.depot_mark": "D",
    "roadbook.map_title": "Map of the day: {date}",
    "roadbook.map_caption": (
        "The day's track; stops numbered in driving order, {depot} = depot; commune "
        "boundaries in grey, communes of the stops in yellow."
    ),
    "roadbook.map_approximate": "Dashed track: approximate, from commune centre to commune centre.",
    "roadbook.page": "page {page}",
    "roadbook.km": "{km} km",
    "roadbook.minutes": "{minutes} min",
    "roadbook.hours_minutes": "{hours} h {minutes:02d}",
    "roadbook.col.number": "No.",
    "roadbook.col.arrival": "Arrival",
    "roadbook.col.session": "Session",
    "roadbook.col.departure": "Leave",
    "roadbook.col.place": "Place and address",
    "roadbook.col.commune": "Commune",
    "roadbook.col.leg": "Drive",
    "roadbook.col.day": "Day",
    "roadbook.col.stops": "Stops",
    "roadbook.col.out": "Leave",
    "roadbook.col.back": "Back",
    "roadbook.col.drive": "Driving",
    "roadbook.col.km": "km",
    "roadbook.file_stem": "roadbook",
    "roadbook.gpx.network": "Road network: {label}.",
    "roadbook.gpx.approximate": (
        "Approximate track, times and distances: approximate network, from commune centre "
        "to commune centre, not along the real roads."
    ),
    "roadbook.gpx.waypoint": "{date}: session {start}–{end} (arrival {arrival}, leave {departure})",
    "roadbook.gpx.track": "{bus} – {date}",
    "roadbook.ics.calendar": "{bus} – tours",
    "roadbook.ics.summary": "Session – {stop}",
    "roadbook.ics.times": "Bus arrives {arrival}, session {start}–{end}, leaves {departure}",
    "roadbook.ics.leg": "Drive from {origin}: {drive}, {km} km",
    "roadbook.ics.day": "Day: leave the depot {departure}, back {back}",
    "roadbook.csv.date": "Date",
    "roadbook.csv.date_format": "%Y-%m-%d",
    "roadbook.csv.week": "Week",
    "roadbook.csv.bus": "Bus",
    "roadbook.csv.number": "No.",
    "roadbook.csv.stop": "Stop",
    "roadbook.csv.stop_id": "Stop id",
    "roadbook.csv.address": "Address",
    "roadbook.csv.commune": "Commune",
    "roadbook.csv.depot_departure": "Leave depot",
    "roadbook.csv.arrival": "Arrival",
    "roadbook.csv.start": "Start",
    "roadbook.csv.end": "End",
    "roadbook.csv.departure": "Leave",
    "roadbook.csv.depot_return": "Back at depot",
    "roadbook.csv.leg_min": "Drive (min)",
    "roadbook.csv.leg_km": "Drive (km)",
    "roadbook.csv.crew": "Crew",
    "roadbook.csv.network": "Network",
    "roadbook.csv.approximate": "approximate",
    "roadbook.csv.road": "road",
}
