"""User-facing texts, French first, kept in one place.

Every text shown to coordinators, drivers or the public goes through :func:`t`. The language is
``fr`` by default; set ``ITINERANT_LANG=en`` (or pass ``lang``) for English.
"""

from __future__ import annotations

import os

__all__ = ["LANGUAGES", "MESSAGES", "t"]

LANGUAGES = ("fr", "en")

MESSAGES: dict[str, dict[str, str]] = {
    "fr": {
        "summary.title": "État des lieux de l'accès : {territory}",
        "summary.communes": "{communes} communes, {population} habitants",
        "summary.service_points": "{count} points de service existants",
        "summary.beyond": (
            "À plus de {minutes} min d'un point de service : {population} habitants ({share})"
        ),
        "summary.unreachable": "Aucun point de service accessible depuis : {names}",
        "summary.need_kinds": "Points retenus pour le besoin : {kinds}",
        "summary.beyond_need": (
            "À plus de {minutes} min de ces points : {population} habitants ({share})"
        ),
        "summary.top_need": "Communes au besoin le plus élevé :",
        "summary.top_need_row": "  {name} ({code}) : à {minutes} min, besoin {need}",
        "summary.no_time": "inaccessible",
        "summary.network": "Réseau routier : {label}",
        "summary.approximate": (
            "ATTENTION : réseau APPROXIMATIF (ligne droite × facteur de détour, vitesse "
            "moyenne). Utilisez --network osm ou un fichier OSM pour des temps réels."
        ),
        "summary.sample": "Données d'exemple (fictives) : {parts}",
        "summary.written": "Fichiers écrits : {files}",
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
        "roadbook.weekday_names": "lundi mardi mercredi jeudi vendredi samedi dimanche",
        "roadbook.month_names": (
            "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
        ),
        "roadbook.first_of_month": "1er",
        "roadbook.date": "{weekday} {day} {month} {year}",
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
        "plan.title": "Planification : {scenario} ({status})",
        "plan.progress": "{elapsed} s : meilleur objectif {objective}, borne {bound}, écart {gap}",
        "plan.need": (
            "Besoin atteint : {plan} ({share}) contre {baseline} pour le tourniquet (× {ratio})"
        ),
        "plan.figures": (
            "{tours} tournées, {visits} permanences, {km} km, {hours} h de route, "
            "{days} journées-conseiller, {co2} kg CO2e, {popups} pop-up"
        ),
        "plan.objective": "Objectif {objective} (tourniquet {baseline}, borne {bound})",
        "explain.impossible": "Aucun planning n'est possible avec ces données :",
        "explain.popup_not_working_day": (
            "Le pop-up « {name} » est prévu le {date}, qui n'est pas un jour ouvré de la période."
        ),
        "explain.popup_pole": (
            "Le pop-up « {name} » du {date} demande {count} conseiller(s) en {pole}, mais "
            "seulement {available} conseiller(s) ayant ce pôle sont disponibles ce jour-là."
        ),
        "explain.popup_total": (
            "Le pop-up « {name} » du {date} demande {count} conseillers, mais seulement "
            "{available} sont disponibles ce jour-là."
        ),
        "explain.stop_too_far": (
            "L'arrêt « {name} » est à {minutes} min du dépôt : l'aller-retour et la permanence "
            "de {session} min ne tiennent pas dans la journée du minibus ({start}–{end}, "
            "{drive} min de conduite au plus). Il ne sera jamais desservi."
        ),
        "explain.stop_never_open": (
            "L'arrêt « {name} » n'est ouvert aucun jour où un minibus circule."
        ),
        "explain.stop_pole": (
            "L'arrêt « {name} » demande le pôle {poles}, qu'aucun conseiller ne couvre."
        ),
        "explain.bus_no_crew": (
            "Le minibus « {name} » n'a jamais {count} conseillers disponibles le même jour : "
            "il ne pourra pas sortir."
        ),
        "explain.unreached_no_stop": (
            "{name} (besoin {need}) : aucun arrêt candidat à portée ; ajoutez-en un."
        ),
        "explain.unreached_unusable": (
            "{name} (besoin {need}) : les arrêts à portée ne tiennent dans aucune journée "
            "de minibus (horaires, distance ou temps de conduite)."
        ),
        "explain.unreached_no_crew": (
            "{name} (besoin {need}) : les arrêts à portée ne sont ouverts que des jours sans "
            "équipage disponible."
        ),
        "explain.unreached_outweighed": (
            "{name} (besoin {need}) : possible, mais d'autres communes au besoin plus élevé ont "
            "pris les journées disponibles ; ajoutez des journées ou des conseillers."
        ),
        "plan.warnings": "Points d'attention :",
        "plan.unreached": "Communes à besoin élevé non atteintes ({count}) :",
        "pole.orientation": "orientation",
        "pole.emploi": "emploi",
        "pole.formation": "formation",
        "pole.creation": "création d'activité",
        "pole.evolution": "évolution professionnelle",
        "replan.title": (
            "Replanification : {count} changement(s) ; {kept} permanence(s) sur {total} "
            "maintenue(s) à l'identique de lieu et d'horaire"
        ),
        "replan.cancelled": "annulée : {stop_name}, {date} à {start} ({bus})",
        "replan.added": "ajoutée : {stop_name}, {date} à {start} ({bus})",
        "replan.moved": (
            "déplacée : {stop_name}, du {date} à {start} au {new_date} à {new_start} ({new_bus})"
        ),
        "replan.crew": "équipe modifiée : {stop_name}, {date} à {start} ({bus})",
        "explain.popups_together": (
            "Les pop-up obligatoires du {date} ({names}) demandent ensemble {count} "
            "conseillers, mais on ne peut en envoyer que {available} (pôles et disponibilités)."
        ),
        "explain.jointly_infeasible": (
            "Les pop-up obligatoires ({names}) et les journées verrouillées ne peuvent pas être "
            "tous assurés ensemble : trop peu de conseillers disponibles sur la semaine "
            "(présences, nombre maximal de jours)."
        ),
        "notice.public.added": "Nouvelle permanence : {place} ({commune}), {date}, {hours}.",
        "notice.public.cancelled": "Permanence annulée : {place} ({commune}), {date}, {hours}.",
        "notice.public.moved": (
            "Permanence déplacée : {place} ({commune}), du {date}, {hours}, au {new_date}, "
            "{new_hours}."
        ),
        "notice.public.moved_place": (
            "Changement de lieu à {commune} le {date} : {new_place}, {new_hours} "
            "(au lieu de {place}, {hours})."
        ),
        "notice.public.popup_added": (
            "Nouvelle Cité éphémère : {name} ({commune}), {date}, {hours}."
        ),
        "notice.public.popup_cancelled": (
            "Cité éphémère annulée : {name} ({commune}), {date}, {hours}."
        ),
        "notice.driver.added": "{date} : arrêt ajouté, {place}, {hours} (équipe : {crew}).",
        "notice.driver.cancelled": "{date} : arrêt supprimé, {place}, {hours}.",
        "notice.driver.moved": (
            "{date} : arrêt {place} ({hours}) déplacé au {new_date}, {new_hours} ({new_bus})."
        ),
        "notice.driver.crew": (
            "{date} : équipe modifiée à {place} ({hours}) : {after} (au lieu de {before})."
        ),
        "notice.none": "Aucun changement par rapport à la version précédente.",
        "notice.first": "Première publication : pas de version précédente à comparer.",
        "publish.title": "Publication n° {number} enregistrée ({author}, {when})",
        "publish.note": "Note : {note}",
        "publish.public_notices": "Avis au public ({count}) :",
        "publish.driver_notices": "Avis au chauffeur du {bus} ({count}) :",
        "publish.files": "{count} fichiers écrits dans {folder}",
        "upcoming.title": "Prochains passages près de {place} :",
        "upcoming.event": "  {date}, {hours} : {place} ({commune}), {poles} — {drive}",
        "upcoming.none": "  Aucun passage prévu à proximité.",
        "upcoming.service_points": "Points d'accueil permanents les plus proches :",
        "upcoming.service_point": "  {name} ({kind}, {commune}) — {drive}",
        "upcoming.no_publication": (
            "Aucune publication dans la base {store} : publiez d'abord un planning "
            "(itinerant publish) ou donnez --schedule."
        ),
        "error.input": "Erreur dans les données :",
        "error.network": "Erreur de réseau routier :",
        # --- public timetable (itinerant/public) ---
        "public.weekday.0": "lundi",
        "public.weekday.1": "mardi",
        "public.weekday.2": "mercredi",
        "public.weekday.3": "jeudi",
        "public.weekday.4": "vendredi",
        "public.weekday.5": "samedi",
        "public.weekday.6": "dimanche",
        "public.month.1": "janvier",
        "public.month.2": "février",
        "public.month.3": "mars",
        "public.month.4": "avril",
        "public.month.5": "mai",
        "public.month.6": "juin",
        "public.month.7": "juillet",
        "public.month.8": "août",
        "public.month.9": "septembre",
        "public.month.10": "octobre",
        "public.month.11": "novembre",
        "public.month.12": "décembre",
        "public.date": "{weekday} {day} {month} {year}",
        "public.day_first": "1er",
        "public.time": "{hour} h {minute}",
        "public.time_oclock": "{hour} h",
        "public.hours": "de {start} à {end}",
        "public.drive": "{minutes} min en voiture ({km} km)",
        "public.drive_here": "dans la commune",
        "public.drive_none": "pas de trajet routier connu",
        "public.event.visit": "Minibus de la Cité des métiers",
        "public.event.popup": "Cité des métiers éphémère",
        "public.poles_present": "Pôles présents : {poles}",
        "public.free": "Entrée libre et gratuite, anonyme, ouverte à tous.",
        "public.approximate": (
            "Temps de trajet approximatifs, calculés sur un réseau routier simplifié."
        ),
        "public.sample": "Données d'exemple (fictives), pour démonstration.",
        "public.service_kind.site": "Cité des métiers",
        "public.service_kind.centre_associe": "Centre associé de la Cité des métiers",
        "public.service_kind.point_relais": "Point relais de la Cité des métiers",
        "public.service_kind.france_travail": "Agence France Travail",
        "public.service_kind.mission_locale": "Mission locale",
        "public.service_kind.cio": "Centre d'information et d'orientation (CIO)",
        "public.service_kind.france_services": "France services",
        "public.service_kind.other": "Autre lieu de conseil",
        "public.origin.commune": "Temps de trajet depuis la mairie ({name}).",
        "public.origin.postcode": (
            "Code postal {postcode} : {names}. Temps de trajet depuis la plus proche de ces "
            "communes."
        ),
        "public.origin.point": (
            "Position ({lat}, {lon}) : temps de trajet calculés depuis la mairie de la commune "
            "la plus proche, {name} ({km} km à vol d'oiseau)."
        ),
        "public.error.empty": (
            "indiquez une commune, un code postal ou une position (latitude, longitude)"
        ),
        "public.error.unknown_commune": (
            "« {value} » n'est pas une commune du territoire {territory}"
        ),
        "public.error.suggest": " ; vouliez-vous dire : {names} ?",
        "public.error.ambiguous": (
            "« {value} » correspond à plusieurs communes : {names} ; précisez, par exemple "
            "« {example} »"
        ),
        "public.error.unknown_postcode": (
            "aucune commune du territoire {territory} n'a le code postal {value}"
        ),
        "public.error.point": "{value} n'est pas une position (latitude, longitude) valide",
        "public.error.far_point": (
            "la position ({lat}, {lon}) est à {km} km de la commune la plus proche ({name}) : "
            "elle est hors du territoire {territory}"
        ),
        "public.error.positive": "{value} n'est pas un nombre strictement positif",
        "public.ics.name_territory": "Cité des métiers itinérante : {territory}",
        "public.ics.name_commune": "Cité des métiers itinérante : {commune}",
        "public.ics.description_territory": (
            "Passages du minibus et Cités des métiers éphémères sur le territoire {territory}."
        ),
        "public.ics.description_commune": (
            "{commune} : passages du minibus et Cités des métiers éphémères à moins de "
            "{minutes} min en voiture de la mairie, ou dont l'arrêt dessert la commune."
        ),
        "public.ics.summary_visit": "Cité des métiers itinérante : {place}",
        "public.ics.summary_popup": "Cité des métiers éphémère : {name}",
        "public.site.title": "Cité des métiers itinérante : {territory}",
        "public.site.tagline": (
            "Des conseillers en orientation, emploi, formation, création d'activité et "
            "évolution professionnelle viennent près de chez vous, en minibus ou lors de "
            "journées éphémères."
        ),
        "public.site.skip": "Aller au contenu",
        "public.site.search_heading": "Trouver votre commune",
        "public.site.search_label": "Nom de la commune ou code postal",
        "public.site.search_button": "Chercher",
        "public.site.search_hint": (
            "Choisissez ensuite votre commune dans la liste alphabétique ci-dessous si "
            "plusieurs correspondent."
        ),
        "public.site.search_none": (
            "Aucune commune ne correspond. Choisissez-la dans la liste alphabétique."
        ),
        "public.site.search_many": "Plusieurs communes correspondent :",
        "public.site.letters": "Communes par initiale",
        "public.site.communes_heading": "Toutes les communes",
        "public.site.next_heading": "Prochaines dates sur le territoire",
        "public.site.postcodes": "Code postal : {postcodes}",
        "public.site.near_heading": "Prochaines dates près de chez vous",
        "public.site.rule": (
            "Dates à moins de {minutes} min en voiture de la mairie, ou dont l'arrêt dessert "
            "la commune ; temps de trajet depuis la mairie."
        ),
        "public.site.none": "Aucune date prévue à proximité pour le moment.",
        "public.site.service_points_heading": "Lieux de conseil ouverts toute l'année",
        "public.site.service_points_intro": "Les lieux d'accueil permanents les plus proches :",
        "public.site.subscribe_heading": "Rester informé",
        "public.site.subscribe_commune": "Ajouter ces dates à votre agenda (fichier ICS)",
        "public.site.subscribe_territory": "Toutes les dates du territoire (fichier ICS)",
        "public.site.poster": "Affiche à imprimer (PDF)",
        "public.site.opendata": "Données ouvertes",
        "public.site.opendata_geojson": "Carte des dates (GeoJSON)",
        "public.site.opendata_csv": "Tableau des dates (CSV)",
        "public.site.opendata_json": "Dates au format JSON",
        "public.site.back": "Toutes les communes",
        "public.site.published": "Publié le {date}.",
        "public.site.licence": "Données publiées sous Licence Ouverte 2.0 (Etalab).",
        "public.poster.kicker": "La Cité des métiers vient à vous",
        "public.poster.dates_heading": "Prochains passages du minibus",
        "public.poster.pitch": (
            "Orientation, emploi, formation, création d'activité, évolution professionnelle : "
            "des conseillers vous écoutent et vous conseillent."
        ),
        "public.poster.no_dates": "Pas de date prévue pour le moment.",
        "public.poster.elsewhere": "Le reste du temps, près d'ici :",
        "public.poster.service_point": "{name} ({kind}), {commune} : {drive}",
        "public.site.drive": "Trajet depuis la mairie : {drive}",
    },
    "en": {
        "summary.title": "Access diagnostic: {territory}",
        "summary.communes": "{communes} communes, {population} inhabitants",
        "summary.service_points": "{count} existing service points",
        "summary.beyond": (
            "More than {minutes} min from a service point: {population} inhabitants ({share})"
        ),
        "summary.unreachable": "No service point reachable from: {names}",
        "summary.need_kinds": "Service points that make Need: {kinds}",
        "summary.beyond_need": (
            "More than {minutes} min from those points: {population} inhabitants ({share})"
        ),
        "summary.top_need": "Communes with the highest need:",
        "summary.top_need_row": "  {name} ({code}): {minutes} min away, need {need}",
        "summary.no_time": "unreachable",
        "summary.network": "Road network: {label}",
        "summary.approximate": (
            "WARNING: APPROXIMATE network (straight line × detour factor, average speed). "
            "Use --network osm or an OSM file for real drive times."
        ),
        "summary.sample": "Sample (fictitious) data: {parts}",
        "summary.written": "Files written: {files}",
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
        "roadbook.map_approximate": (
            "Dashed track: approximate, from commune centre to commune centre."
        ),
        "roadbook.page": "page {page}",
        "roadbook.km": "{km} km",
        "roadbook.minutes": "{minutes} min",
        "roadbook.hours_minutes": "{hours} h {minutes:02d}",
        "roadbook.weekday_names": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
        "roadbook.month_names": (
            "January February March April May June July August September October November December"
        ),
        "roadbook.first_of_month": "1",
        "roadbook.date": "{weekday} {day} {month} {year}",
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
        "roadbook.gpx.waypoint": (
            "{date}: session {start}–{end} (arrival {arrival}, leave {departure})"
        ),
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
        "plan.title": "Plan: {scenario} ({status})",
        "plan.progress": "{elapsed} s: best objective {objective}, bound {bound}, gap {gap}",
        "plan.need": (
            "Need reached: {plan} ({share}) against {baseline} for the round-robin (× {ratio})"
        ),
        "plan.figures": (
            "{tours} tours, {visits} visits, {km} km, {hours} h driving, "
            "{days} counsellor-days, {co2} kg CO2e, {popups} pop-ups"
        ),
        "plan.objective": "Objective {objective} (round-robin {baseline}, bound {bound})",
        "explain.impossible": "No plan is possible with these inputs:",
        "explain.popup_not_working_day": (
            "Pop-up “{name}” is on {date}, which is not a working day of the horizon."
        ),
        "explain.popup_pole": (
            "Pop-up “{name}” on {date} needs {count} counsellor(s) for {pole}, but only "
            "{available} counsellor(s) with that pôle are available that day."
        ),
        "explain.popup_total": (
            "Pop-up “{name}” on {date} needs {count} counsellors, but only {available} are "
            "available that day."
        ),
        "explain.stop_too_far": (
            "Stop “{name}” is {minutes} min from the depot: the round trip and its {session}-min "
            "session do not fit in the bus's day ({start}–{end}, at most {drive} min of "
            "driving). It will never be served."
        ),
        "explain.stop_never_open": "Stop “{name}” is open on no day a bus runs.",
        "explain.stop_pole": "Stop “{name}” needs the pôle {poles}, which no counsellor has.",
        "explain.bus_no_crew": (
            "Bus “{name}” never has {count} counsellors available on the same day: it cannot "
            "go out."
        ),
        "explain.unreached_no_stop": "{name} (need {need}): no candidate Stop in reach; add one.",
        "explain.unreached_unusable": (
            "{name} (need {need}): the Stops in reach fit in no bus day (hours, distance or "
            "driving time)."
        ),
        "explain.unreached_no_crew": (
            "{name} (need {need}): the Stops in reach are open only on days without a crew."
        ),
        "explain.unreached_outweighed": (
            "{name} (need {need}): possible, but communes of higher need took the available "
            "days; add days or counsellors."
        ),
        "plan.warnings": "Warnings:",
        "plan.unreached": "High-need communes not reached ({count}):",
        "pole.orientation": "orientation",
        "pole.emploi": "employment",
        "pole.formation": "training",
        "pole.creation": "business creation",
        "pole.evolution": "career change",
        "replan.title": (
            "Re-plan: {count} change(s); {kept} of {total} visit(s) kept at the same place and time"
        ),
        "replan.cancelled": "cancelled: {stop_name}, {date} at {start} ({bus})",
        "replan.added": "added: {stop_name}, {date} at {start} ({bus})",
        "replan.moved": (
            "moved: {stop_name}, from {date} at {start} to {new_date} at {new_start} ({new_bus})"
        ),
        "replan.crew": "crew changed: {stop_name}, {date} at {start} ({bus})",
        "explain.popups_together": (
            "The mandatory pop-ups of {date} ({names}) together need {count} counsellors, but "
            "only {available} can be sent (pôles and availability)."
        ),
        "explain.jointly_infeasible": (
            "The mandatory pop-ups ({names}) and the locked days cannot all be honoured "
            "together: too few counsellors available over the week (availability, maximum days)."
        ),
        "notice.public.added": "New session: {place} ({commune}), {date}, {hours}.",
        "notice.public.cancelled": "Session cancelled: {place} ({commune}), {date}, {hours}.",
        "notice.public.moved": (
            "Session moved: {place} ({commune}), from {date}, {hours}, to {new_date}, {new_hours}."
        ),
        "notice.public.moved_place": (
            "New place in {commune} on {date}: {new_place}, {new_hours} "
            "(instead of {place}, {hours})."
        ),
        "notice.public.popup_added": "New pop-up Cité: {name} ({commune}), {date}, {hours}.",
        "notice.public.popup_cancelled": (
            "Pop-up Cité cancelled: {name} ({commune}), {date}, {hours}."
        ),
        "notice.driver.added": "{date}: stop added, {place}, {hours} (crew: {crew}).",
        "notice.driver.cancelled": "{date}: stop removed, {place}, {hours}.",
        "notice.driver.moved": (
            "{date}: stop {place} ({hours}) moved to {new_date}, {new_hours} ({new_bus})."
        ),
        "notice.driver.crew": (
            "{date}: crew changed at {place} ({hours}): {after} (instead of {before})."
        ),
        "notice.none": "No change since the previous version.",
        "notice.first": "First publication: no previous version to compare with.",
        "publish.title": "Publication no. {number} recorded ({author}, {when})",
        "publish.note": "Note: {note}",
        "publish.public_notices": "Public notices ({count}):",
        "publish.driver_notices": "Notices for the driver of {bus} ({count}):",
        "publish.files": "{count} files written into {folder}",
        "upcoming.title": "Next visits near {place}:",
        "upcoming.event": "  {date}, {hours}: {place} ({commune}), {poles} — {drive}",
        "upcoming.none": "  No visit planned nearby.",
        "upcoming.service_points": "Nearest permanent advice points:",
        "upcoming.service_point": "  {name} ({kind}, {commune}) — {drive}",
        "upcoming.no_publication": (
            "No publication in the store {store}: publish a plan first (itinerant publish) "
            "or give --schedule."
        ),
        "error.input": "Error in the input:",
        "error.network": "Road network error:",
        # --- public timetable (itinerant/public) ---
        "public.weekday.0": "Monday",
        "public.weekday.1": "Tuesday",
        "public.weekday.2": "Wednesday",
        "public.weekday.3": "Thursday",
        "public.weekday.4": "Friday",
        "public.weekday.5": "Saturday",
        "public.weekday.6": "Sunday",
        "public.month.1": "January",
        "public.month.2": "February",
        "public.month.3": "March",
        "public.month.4": "April",
        "public.month.5": "May",
        "public.month.6": "June",
        "public.month.7": "July",
        "public.month.8": "August",
        "public.month.9": "September",
        "public.month.10": "October",
        "public.month.11": "November",
        "public.month.12": "December",
        "public.date": "{weekday} {day} {month} {year}",
        "public.day_first": "1",
        "public.time": "{hour}:{minute}",
        "public.time_oclock": "{hour}:00",
        "public.hours": "{start} to {end}",
        "public.drive": "{minutes} min by car ({km} km)",
        "public.drive_here": "in the commune",
        "public.drive_none": "no known road",
        "public.event.visit": "Cité des métiers minibus",
        "public.event.popup": "Pop-up Cité des métiers",
        "public.poles_present": "Fields of advice present: {poles}",
        "public.free": "Free, anonymous and open to all.",
        "public.approximate": "Approximate drive times, computed on a simplified road network.",
        "public.sample": "Sample (fictitious) data, for demonstration.",
        "public.service_kind.site": "Cité des métiers",
        "public.service_kind.centre_associe": "Cité des métiers associated centre",
        "public.service_kind.point_relais": "Cité des métiers relay point",
        "public.service_kind.france_travail": "France Travail agency",
        "public.service_kind.mission_locale": "Mission locale (youth employment)",
        "public.service_kind.cio": "Information and guidance centre (CIO)",
        "public.service_kind.france_services": "France services",
        "public.service_kind.other": "Other advice place",
        "public.origin.commune": "Drive times from the town hall of {name}.",
        "public.origin.postcode": (
            "Postcode {postcode}: {names}. Drive times from the nearest of these communes."
        ),
        "public.origin.point": (
            "Position ({lat}, {lon}): drive times from the town hall of {name}, the nearest "
            "commune ({km} km as the crow flies)."
        ),
        "public.error.empty": "give a commune, a postcode or a position (latitude, longitude)",
        "public.error.unknown_commune": "“{value}” is not a commune of the territory {territory}",
        "public.error.suggest": "; did you mean: {names}?",
        "public.error.ambiguous": (
            "“{value}” matches several communes: {names}; be more precise, e.g. “{example}”"
        ),
        "public.error.unknown_postcode": (
            "no commune of the territory {territory} has postcode {value}"
        ),
        "public.error.point": "{value} is not a valid position (latitude, longitude)",
        "public.error.far_point": (
            "position ({lat}, {lon}) is {km} km from the nearest commune ({name}): it is outside "
            "the territory {territory}"
        ),
        "public.error.positive": "{value} is not a positive number",
        "public.ics.name_territory": "Itinerant Cité des métiers: {territory}",
        "public.ics.name_commune": "Itinerant Cité des métiers: {commune}",
        "public.ics.description_territory": (
            "Minibus visits and pop-up Cités des métiers in the territory {territory}."
        ),
        "public.ics.description_commune": (
            "Minibus visits and pop-up Cités des métiers less than {minutes} min by car from "
            "{commune}, or whose Stop serves the commune."
        ),
        "public.ics.summary_visit": "Itinerant Cité des métiers: {place}",
        "public.ics.summary_popup": "Pop-up Cité des métiers: {name}",
        "public.site.title": "Itinerant Cité des métiers: {territory}",
        "public.site.tagline": (
            "Counsellors in guidance, employment, training, business creation and career "
            "change come near you, by minibus or on pop-up days."
        ),
        "public.site.skip": "Skip to content",
        "public.site.search_heading": "Find your commune",
        "public.site.search_label": "Commune name or postcode",
        "public.site.search_button": "Search",
        "public.site.search_hint": (
            "Then pick your commune in the alphabetical list below if several match."
        ),
        "public.site.search_none": "No commune matches. Pick it in the alphabetical list.",
        "public.site.search_many": "Several communes match:",
        "public.site.letters": "Communes by initial",
        "public.site.communes_heading": "All communes",
        "public.site.next_heading": "Next dates in the territory",
        "public.site.postcodes": "Postcode: {postcodes}",
        "public.site.near_heading": "Next dates near you",
        "public.site.rule": (
            "Dates less than {minutes} min by car from the town hall, or whose Stop serves the "
            "commune; drive times from the town hall."
        ),
        "public.site.none": "No date planned nearby for now.",
        "public.site.service_points_heading": "Advice places open all year",
        "public.site.service_points_intro": "The nearest permanent advice places:",
        "public.site.subscribe_heading": "Stay informed",
        "public.site.subscribe_commune": "Add these dates to your calendar (ICS file)",
        "public.site.subscribe_territory": "All dates of the territory (ICS file)",
        "public.site.poster": "Printable poster (PDF)",
        "public.site.opendata": "Open data",
        "public.site.opendata_geojson": "Map of the dates (GeoJSON)",
        "public.site.opendata_csv": "Table of the dates (CSV)",
        "public.site.opendata_json": "Dates as JSON",
        "public.site.back": "All communes",
        "public.site.published": "Published on {date}.",
        "public.site.licence": "Data published under the Licence Ouverte 2.0 (Etalab).",
        "public.poster.kicker": "The Cité des métiers comes to you",
        "public.poster.dates_heading": "Next minibus visits",
        "public.poster.pitch": (
            "Guidance, employment, training, business creation, career change: counsellors "
            "listen to you and advise you."
        ),
        "public.poster.no_dates": "No date planned for now.",
        "public.poster.elsewhere": "The rest of the time, nearby:",
        "public.poster.service_point": "{name} ({kind}), {commune}: {drive}",
        "public.site.drive": "Drive from the town hall: {drive}",
    },
}


def current_language() -> str:
    """The language in force: ``ITINERANT_LANG`` when it names a known language, else ``fr``."""
    lang = os.environ.get("ITINERANT_LANG", "fr").lower()[:2]
    return lang if lang in LANGUAGES else "fr"


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The text ``key`` in ``lang`` (default: :func:`current_language`), formatted with values."""
    table = MESSAGES[lang or current_language()]
    return table.get(key, MESSAGES["fr"][key]).format(**values)


def number(value: float, lang: str | None = None, digits: int = 0) -> str:
    """A number formatted for ``lang`` (French: narrow no-break space thousands, comma)."""
    text = f"{value:,.{digits}f}"
    if (lang or current_language()) == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def percent(share: float, lang: str | None = None) -> str:
    """A share in 0..1 as a percentage for ``lang``."""
    return (
        f"{number(100 * share, lang, 1)} %"
        if (lang or current_language()) == "fr"
        else (f"{100 * share:.1f}%")
    )
