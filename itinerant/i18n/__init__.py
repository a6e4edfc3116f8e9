"""User-facing texts, French first, kept in one place.

Every text shown to coordinators, drivers or the public goes through :func:`t`. The language is
``fr`` by default; set ``ITINERANT_LANG=en`` (or pass ``lang``) for English.
"""

from __future__ import annotations

import datetime as dt
import os

__all__ = ["LANGUAGES", "MESSAGES", "has_text", "long_date", "number", "percent", "t"]

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
        "app.column.counsellor": "Conseiller (id)",
        "app.column.day": "Jour",
        "app.column.slot": "Créneau",
        "app.column.available": "Disponible",
        "app.column.source": "Source",
        "app.column.bus": "Minibus (id)",
        "app.column.date": "Date",
        "app.column.reason": "Motif",
        "app.column.id": "Identifiant",
        "app.column.name": "Nom",
        "app.column.depot": "Dépôt (id)",
        "app.column.seats": "Places",
        "app.column.min_crew": "Équipe min.",
        "app.column.day_start": "Début de journée",
        "app.column.day_end": "Fin de journée",
        "app.column.lunch_start": "Pause dès",
        "app.column.lunch_end": "Pause avant",
        "app.column.lunch_minutes": "Pause (min)",
        "app.column.max_drive_minutes": "Conduite max. (min)",
        "app.column.service_days": "Jours de service",
        "app.column.email": "Courriel",
        "app.column.institution": "Structure",
        "app.column.poles": "Pôles",
        "app.column.max_days_per_week": "Jours max. / semaine",
        "app.column.commune": "Commune (code INSEE)",
        "app.column.address": "Adresse",
        "app.column.lon": "Longitude",
        "app.column.lat": "Latitude",
        "app.column.start": "Début",
        "app.column.end": "Fin",
        "app.column.needs": "Besoins (pôle:nombre)",
        "app.column.mandatory": "Obligatoire",
        "app.column.priority": "Priorité",
        "app.column.kind": "Type",
        "app.column.weekdays": "Jours d'ouverture",
        "app.column.opens": "Ouverture",
        "app.column.closes": "Fermeture",
        "app.column.session_minutes": "Permanence (min)",
        "app.column.required_poles": "Pôles requis",
        "app.column.catchment_minutes": "Zone desservie (min)",
        "error.input": "Erreur dans les données :",
        "error.network": "Erreur de réseau routier :",
        # --- public timetable (itinerant/publish/public) ---
        "date.weekday.0": "lundi",
        "date.weekday.1": "mardi",
        "date.weekday.2": "mercredi",
        "date.weekday.3": "jeudi",
        "date.weekday.4": "vendredi",
        "date.weekday.5": "samedi",
        "date.weekday.6": "dimanche",
        "date.month.1": "janvier",
        "date.month.2": "février",
        "date.month.3": "mars",
        "date.month.4": "avril",
        "date.month.5": "mai",
        "date.month.6": "juin",
        "date.month.7": "juillet",
        "date.month.8": "août",
        "date.month.9": "septembre",
        "date.month.10": "octobre",
        "date.month.11": "novembre",
        "date.month.12": "décembre",
        "date.long": "{weekday} {day} {month} {year}",
        "date.first_of_month": "1er",
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
        "app.title": "Cité des métiers itinérante",
        "app.nav.section.public": "Public",
        "app.nav.section.coordination": "Coordination",
        "app.nav.section.driver": "Chauffeur",
        "app.nav.section.account": "Compte",
        "app.nav.public": "Prochains passages",
        "app.nav.territory": "Territoire",
        "app.nav.resources": "Ressources",
        "app.nav.stops": "Arrêts",
        "app.nav.popups": "Pop-up",
        "app.nav.plan": "Planifier",
        "app.nav.publish": "Publier",
        "app.nav.driver": "Chauffeur",
        "app.nav.login": "Connexion",
        "app.role.coordinator": "coordination",
        "app.role.driver": "chauffeur",
        "app.login.title": "Connexion",
        "app.login.username": "Identifiant",
        "app.login.password": "Mot de passe",
        "app.login.submit": "Se connecter",
        "app.login.failed": "Identifiant ou mot de passe incorrect.",
        "app.login.demo": (
            "Comptes de démonstration : « coordination » / « demo-coordination », « chauffeur » /"
            " « demo-chauffeur » (voir docs/dashboard.md)."
        ),
        "app.login.oidc": "Se connecter avec le fournisseur d'identité",
        "app.login.required": "Cette page est réservée : {roles}. Connectez-vous.",
        "app.login.forbidden": "Votre rôle ({role}) ne donne pas accès à cette page.",
        "app.login.logged_in": "Connecté : {name} ({role})",
        "app.login.logout": "Se déconnecter",
        "app.login.unknown_oidc": (
            "Le compte {email} n'a pas de rôle : demandez un accès à la coordination."
        ),
        "app.login.users_error": "Fichier des utilisateurs illisible : {error}",
        "app.seed_note": "Territoire par défaut (première ouverture du tableau de bord)",
        "app.demo.note": "Démonstration : planification du territoire par défaut",
        "app.scenario.caption": "Scénario : {name}, version {version} du {date} ({author})",
        "app.approximate": (
            "Temps de trajet approximatifs : réseau routier approché (ligne droite × facteur de "
            "détour)."
        ),
        "app.sample": "Données d'exemple (fictives) : {parts}",
        "app.territory.title": "Territoire : état des lieux de l'accès",
        "app.territory.colour": "Couleur des communes",
        "app.territory.colour.need": "Besoin",
        "app.territory.colour.minutes": "Temps d'accès (min)",
        "app.territory.communes": "Communes",
        "app.territory.population": "Habitants",
        "app.territory.service_points": "Points de service",
        "app.territory.beyond": "Au-delà de {minutes} min",
        "app.territory.table": "Communes",
        "app.territory.col.code": "Code",
        "app.territory.col.name": "Commune",
        "app.territory.col.epci": "EPCI",
        "app.territory.col.population": "Habitants",
        "app.territory.col.minutes": "Accès (min)",
        "app.territory.col.nearest": "Point le plus proche",
        "app.territory.col.need_index": "Indice de besoin",
        "app.territory.col.need": "Besoin",
        "app.territory.indicators": (
            "Importer des indicateurs (CSV par code INSEE : code ou CODGEO)"
        ),
        "app.territory.indicators_button": "Importer les indicateurs",
        "app.territory.indicators_note": "Indicateurs importés : {columns}",
        "app.territory.indicators_done": (
            "Indicateurs importés : nouvelle version {version} du scénario."
        ),
        "app.territory.unreachable": "Aucun point de service accessible depuis : {names}",
        "app.map.commune_tip": "{name} : {population} hab., accès {minutes} min, besoin {need}",
        "app.map.kind.service_points": "point de service",
        "app.map.kind.stops": "arrêt",
        "app.map.kind.depots": "dépôt",
        "app.map.kind.popups": "pop-up",
        "app.map.legend": (
            "Carte sans fond externe : contours des communes ; en bleu les points de service, en "
            "orange les arrêts, en noir les dépôts, en violet les pop-up."
        ),
        "app.resources.title": "Ressources",
        "app.resources.buses": "Minibus",
        "app.resources.counsellors": "Conseillers",
        "app.resources.availability": "Disponibilités",
        "app.resources.calendar": "Calendrier des disponibilités (horizon planifié)",
        "app.resources.blocked": "Jours d'immobilisation",
        "app.resources.depots": "Dépôts",
        "app.availability.day": "journée",
        "app.availability.am": "matin",
        "app.availability.pm": "après-midi",
        "app.availability.weekdays": "lun. mar. mer. jeu. ven. sam. dim.",
        "app.edit.column_help": "Colonne « {column} » du fichier CSV (docs/scenario-format.md)",
        "app.edit.help": (
            "Modifiez les cellules comme dans le fichier CSV (docs/scenario-format.md) ; ajoutez "
            "ou supprimez des lignes, puis enregistrez. Une modification invalide est refusée "
            "avec le message du validateur."
        ),
        "app.edit.save": "Enregistrer",
        "app.edit.note": "Note de version",
        "app.edit.saved": "Enregistré : version {version} du scénario.",
        "app.edit.refused": (
            "Modification refusée : rien n'a été enregistré, la dernière version valide est "
            "conservée."
        ),
        "app.edit.problem": "Ligne {row} ({ident}), champ « {field} » : {message}",
        "app.edit.problem_table": "{table}, champ « {field} » : {message}",
        "app.edit.unchanged": "Aucune modification à enregistrer.",
        "app.stops.title": "Arrêts candidats",
        "app.stops.help": (
            "Jours (mon tue…), heures d'ouverture (HH:MM), durée d'une session (min), pôles "
            "requis et rayon de desserte (min)."
        ),
        "app.popups.title": "Pop-up",
        "app.popups.add": "Ajouter un pop-up",
        "app.popups.field.id": "Identifiant",
        "app.popups.field.name": "Nom",
        "app.popups.field.commune": "Commune",
        "app.popups.field.address": "Adresse",
        "app.popups.field.date": "Date",
        "app.popups.field.start": "Début",
        "app.popups.field.end": "Fin",
        "app.popups.field.needs": "Besoins par pôle (ex. emploi:2 formation:1)",
        "app.popups.field.mandatory": "Obligatoire",
        "app.popups.field.priority": "Priorité (1 à 5)",
        "app.popups.submit": "Ajouter",
        "app.plan.title": "Planifier les tournées",
        "app.plan.settings": "Réglages du planificateur",
        "app.plan.time_limit": "Durée maximale de recherche (s)",
        "app.plan.time_limit_help": (
            "Le solveur s'arrête au plus tard après cette durée, avec le meilleur plan trouvé."
        ),
        "app.plan.seed": "Graine",
        "app.plan.seed_help": "La même graine donne le même plan.",
        "app.plan.settings_error": "Réglage refusé, champ « {field} » : {message}",
        "app.plan.run": "Lancer la planification",
        "app.plan.cancel": "Arrêter la recherche",
        "app.plan.progress": (
            "Recherche : {elapsed} s, meilleur objectif {objective}, borne {bound}, écart {gap}"
        ),
        "app.plan.progress_wait": "Préparation et recherche : {elapsed} s…",
        "app.plan.done": "Planification terminée ({status}) en {elapsed} s : plan enregistré.",
        "app.plan.cancelled": "Recherche arrêtée : le meilleur plan trouvé est enregistré.",
        "app.plan.failed": "La planification a échoué : {error}",
        "app.plan.impossible": "Planification impossible :",
        "app.plan.none": "Aucun plan pour cette version du scénario : lancez la planification.",
        "app.plan.results": "Résultats du dernier plan (n° {run}, {date}, {status})",
        "app.plan.tab.map": "Carte",
        "app.plan.tab.timeline": "Chronologie",
        "app.plan.tab.kpis": "Indicateurs",
        "app.plan.tab.unreached": "Non atteintes",
        "app.plan.tab.lock": "Verrouiller et replanifier",
        "app.plan.tab.compare": "Comparer",
        "app.plan.day": "Jour",
        "app.plan.no_tour": "Aucune tournée ce jour-là.",
        "app.kpi.need_reached": "Besoin atteint",
        "app.kpi.need_reached_share": "Part du besoin atteinte",
        "app.kpi.visits": "Passages",
        "app.kpi.tours": "Tournées",
        "app.kpi.km_driven": "Km parcourus",
        "app.kpi.hours_driven": "Heures de route",
        "app.kpi.co2_kg": "CO₂ (kg)",
        "app.kpi.counsellor_days": "Jours-conseiller",
        "app.kpi.popups_staffed": "Pop-up pourvus",
        "app.kpi.objective": "Objectif",
        "app.kpi.col.kpi": "Indicateur",
        "app.kpi.col.plan": "Plan",
        "app.kpi.col.baseline": "Référence (tourniquet)",
        "app.kpi.col.delta": "Écart",
        "app.kpi.vs_baseline": "vs tourniquet",
        "app.timeline.bus": "Minibus",
        "app.timeline.counsellor": "Conseiller",
        "app.timeline.popup": "Pop-up",
        "app.timeline.lane": "Ressource",
        "app.timeline.place": "Lieu",
        "app.timeline.week": "Semaine",
        "app.unreached.intro": (
            "Pourquoi ces communes à fort besoin ne sont pas atteintes, et avertissements sur les"
            " données :"
        ),
        "app.unreached.none": "Aucune commune à fort besoin laissée de côté, aucun avertissement.",
        "app.lock.days": "Journées à verrouiller (minibus, date et arrêts gardés tels quels)",
        "app.lock.run": "Replanifier avec ces journées verrouillées",
        "app.lock.disruptions": (
            "Perturbations, une par ligne : absence:CONSEILLER:AAAA-MM-JJ ou bus:MINIBUS:AAAA-MM-JJ"
        ),
        "app.lock.replan": "Replanifier après perturbation",
        "app.lock.time_limit": "Durée de recherche de la replanification (s)",
        "app.lock.time_limit_help": (
            "Court par défaut : on garde tout ce qui peut l'être et on répare vite. "
            "Allongez-la pour chercher de meilleurs remplacements."
        ),
        "app.lock.error": "Perturbation refusée : {error}",
        "app.lock.changes": "{count} changement(s) par rapport au plan précédent :",
        "app.lock.change": "{kind} : {stop}, {bus}, {date} {start}",
        "app.compare.title": "Comparer deux scénarios",
        "app.compare.intro": (
            "Variante du scénario actuel avec un minibus de plus (copie du premier), planifiée "
            "avec les mêmes réglages."
        ),
        "app.compare.variant_name": "{name} (+{count} minibus)",
        "app.compare.extra": "Minibus ajoutés",
        "app.compare.run": "Planifier et comparer",
        "app.compare.left": "Scénario actuel",
        "app.compare.right": "Variante",
        "app.compare.col.kpi": "Indicateur",
        "app.publish.title": "Publier",
        "app.publish.plan": "Plan à publier : n° {run} du {date} ({visits} passages).",
        "app.publish.none": "Pas de plan à publier : planifiez d'abord.",
        "app.publish.note": "Note de publication (ce qui change, pourquoi)",
        "app.publish.button": "Publier",
        "app.publish.done": "Version {number} publiée : {files} fichiers dans {folder}.",
        "app.publish.preview": "Avis de changement par rapport à la version publiée",
        "app.publish.first": "Première publication : tout le calendrier est nouveau.",
        "app.publish.no_change": "Aucun changement pour le public.",
        "app.publish.public": "Avis au public",
        "app.publish.drivers": "Avis aux chauffeurs ({bus})",
        "app.publish.versions": "Versions publiées",
        "app.publish.col.number": "N°",
        "app.publish.col.date": "Date",
        "app.publish.col.author": "Auteur",
        "app.publish.col.note": "Note",
        "app.publish.col.tours": "Tournées",
        "app.publish.scenario_versions": "Versions du scénario",
        "app.publish.col.version": "Version",
        "app.publish.col.name": "Scénario",
        "app.driver.title": "Feuille de route du chauffeur",
        "app.driver.bus": "Minibus",
        "app.driver.week": "Semaine",
        "app.driver.pdf": "Feuille de route (PDF)",
        "app.driver.gpx": "Tracé GPS (GPX)",
        "app.driver.ics": "Agenda (ICS)",
        "app.driver.csv": "Tableau (CSV)",
        "app.driver.none": "Aucune version publiée pour le moment.",
        "app.driver.days": "{days} journée(s) de tournée cette semaine.",
        "app.driver.source": "Version publiée n° {number} du {date}.",
        "app.driver.notices": "Changements annoncés pour ce minibus",
        "app.public.title": "Où rencontrer la Cité des métiers\u202f?",
        "app.public.intro": (
            "Des conseillers en orientation, emploi, formation, création d'activité et évolution "
            "professionnelle viennent près de chez vous en minibus. Gratuit, anonyme, ouvert à "
            "tous."
        ),
        "app.public.search": "Votre commune ou code postal",
        "app.public.search_button": "Chercher",
        "app.public.near_me": (
            "Près de moi : la position donnée dans l'adresse de la page (lat, lon) est utilisée."
        ),
        "app.public.near_me_hint": (
            "Pour chercher près de votre position, ajoutez ?lat=46.17&lon=1.87 à l'adresse de la "
            "page (la géolocalisation du navigateur n'est pas utilisée)."
        ),
        "app.public.none_published": "Le calendrier n'est pas encore publié. Revenez bientôt.",
        "app.public.results": "Prochains passages près de {place}",
        "app.public.event": "**{date}**, {hours} — {place} ({commune})",
        "app.public.poles": "Pôles : {poles}",
        "app.public.drive": "Trajet : {drive}",
        "app.public.popup": "Pop-up",
        "app.public.no_event": "Aucun passage prévu à proximité pour le moment.",
        "app.public.service_points": "Lieux de conseil ouverts toute l'année",
        "app.public.service_point": "{name} ({kind}), {commune} : {drive}",
        "app.public.subscribe": "Ajouter ces dates à mon agenda (ICS)",
        "app.public.feed_name": "Cité des métiers – {commune}",
        "app.public.feed_description": (
            "Passages du minibus et pop-up de la Cité des métiers près de {commune}"
        ),
        "app.public.position": "votre position",
        "app.public.published": "Calendrier publié le {date} (version {number}).",
        "app.setting.repeat_decay": "Valeur des passages répétés",
        "app.setting.max_counted_visits": "Passages comptés au plus par commune",
        "app.setting.high_need_index": "Seuil de fort besoin (indice)",
        "app.setting.frequency_weight": "Poids de la fréquence",
        "app.setting.regularity_weight": "Bonus de régularité",
        "app.setting.equity_floor": "Plancher d'équité par EPCI",
        "app.setting.equity_weight": "Poids de l'équité",
        "app.setting.km_weight": "Coût d'un kilomètre",
        "app.setting.popup_priority_value": "Valeur d'un pop-up (× priorité)",
        "app.setting.midday": "Heure de séparation matin / après-midi",
        "app.setting.co2_kg_per_km": "Émissions (kg CO₂e par km)",
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
        "app.column.counsellor": "Counsellor (id)",
        "app.column.day": "Day",
        "app.column.slot": "Slot",
        "app.column.available": "Available",
        "app.column.source": "Source",
        "app.column.bus": "Bus (id)",
        "app.column.date": "Date",
        "app.column.reason": "Reason",
        "app.column.id": "Id",
        "app.column.name": "Name",
        "app.column.depot": "Depot (id)",
        "app.column.seats": "Seats",
        "app.column.min_crew": "Min. crew",
        "app.column.day_start": "Day start",
        "app.column.day_end": "Day end",
        "app.column.lunch_start": "Lunch from",
        "app.column.lunch_end": "Lunch by",
        "app.column.lunch_minutes": "Lunch (min)",
        "app.column.max_drive_minutes": "Max. driving (min)",
        "app.column.service_days": "Service days",
        "app.column.email": "E-mail",
        "app.column.institution": "Institution",
        "app.column.poles": "Pôles",
        "app.column.max_days_per_week": "Max. days / week",
        "app.column.commune": "Commune (INSEE code)",
        "app.column.address": "Address",
        "app.column.lon": "Longitude",
        "app.column.lat": "Latitude",
        "app.column.start": "Start",
        "app.column.end": "End",
        "app.column.needs": "Needs (pôle:count)",
        "app.column.mandatory": "Mandatory",
        "app.column.priority": "Priority",
        "app.column.kind": "Kind",
        "app.column.weekdays": "Opening days",
        "app.column.opens": "Opens",
        "app.column.closes": "Closes",
        "app.column.session_minutes": "Session (min)",
        "app.column.required_poles": "Required pôles",
        "app.column.catchment_minutes": "Catchment (min)",
        "error.input": "Error in the input:",
        "error.network": "Road network error:",
        # --- public timetable (itinerant/publish/public) ---
        "date.weekday.0": "Monday",
        "date.weekday.1": "Tuesday",
        "date.weekday.2": "Wednesday",
        "date.weekday.3": "Thursday",
        "date.weekday.4": "Friday",
        "date.weekday.5": "Saturday",
        "date.weekday.6": "Sunday",
        "date.month.1": "January",
        "date.month.2": "February",
        "date.month.3": "March",
        "date.month.4": "April",
        "date.month.5": "May",
        "date.month.6": "June",
        "date.month.7": "July",
        "date.month.8": "August",
        "date.month.9": "September",
        "date.month.10": "October",
        "date.month.11": "November",
        "date.month.12": "December",
        "date.long": "{weekday} {day} {month} {year}",
        "date.first_of_month": "1",
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
        "app.title": "Itinerant Cité des métiers",
        "app.nav.section.public": "Public",
        "app.nav.section.coordination": "Coordination",
        "app.nav.section.driver": "Driver",
        "app.nav.section.account": "Account",
        "app.nav.public": "Next visits",
        "app.nav.territory": "Territory",
        "app.nav.resources": "Resources",
        "app.nav.stops": "Stops",
        "app.nav.popups": "Pop-ups",
        "app.nav.plan": "Plan",
        "app.nav.publish": "Publish",
        "app.nav.driver": "Driver",
        "app.nav.login": "Log in",
        "app.role.coordinator": "coordinator",
        "app.role.driver": "driver",
        "app.login.title": "Log in",
        "app.login.username": "Username",
        "app.login.password": "Password",
        "app.login.submit": "Log in",
        "app.login.failed": "Wrong username or password.",
        "app.login.demo": (
            "Demo accounts: “coordination” / “demo-coordination”, “chauffeur” / “demo-chauffeur” "
            "(see docs/dashboard.md)."
        ),
        "app.login.oidc": "Log in with the identity provider",
        "app.login.required": "This page is restricted: {roles}. Please log in.",
        "app.login.forbidden": "Your role ({role}) does not give access to this page.",
        "app.login.logged_in": "Logged in: {name} ({role})",
        "app.login.logout": "Log out",
        "app.login.unknown_oidc": (
            "The account {email} has no role: ask the coordination for access."
        ),
        "app.login.users_error": "Users file unreadable: {error}",
        "app.seed_note": "Default territory (first opening of the dashboard)",
        "app.demo.note": "Demo: planning of the default territory",
        "app.scenario.caption": "Scenario: {name}, version {version} of {date} ({author})",
        "app.approximate": (
            "Approximate drive times: approximate road network (straight line × detour factor)."
        ),
        "app.sample": "Sample (fictitious) data: {parts}",
        "app.territory.title": "Territory: access diagnostic",
        "app.territory.colour": "Colour communes by",
        "app.territory.colour.need": "Need",
        "app.territory.colour.minutes": "Access time (min)",
        "app.territory.communes": "Communes",
        "app.territory.population": "Inhabitants",
        "app.territory.service_points": "Service points",
        "app.territory.beyond": "Beyond {minutes} min",
        "app.territory.table": "Communes",
        "app.territory.col.code": "Code",
        "app.territory.col.name": "Commune",
        "app.territory.col.epci": "EPCI",
        "app.territory.col.population": "Inhabitants",
        "app.territory.col.minutes": "Access (min)",
        "app.territory.col.nearest": "Nearest point",
        "app.territory.col.need_index": "Need index",
        "app.territory.col.need": "Need",
        "app.territory.indicators": "Import indicators (CSV keyed by INSEE code: code or CODGEO)",
        "app.territory.indicators_button": "Import indicators",
        "app.territory.indicators_note": "Indicators imported: {columns}",
        "app.territory.indicators_done": "Indicators imported: new scenario version {version}.",
        "app.territory.unreachable": "No service point reachable from: {names}",
        "app.map.commune_tip": "{name}: {population} inh., access {minutes} min, need {need}",
        "app.map.kind.service_points": "service point",
        "app.map.kind.stops": "stop",
        "app.map.kind.depots": "depot",
        "app.map.kind.popups": "pop-up",
        "app.map.legend": (
            "Map without external tiles: commune boundaries; service points in blue, stops in "
            "orange, depots in black, pop-ups in purple."
        ),
        "app.resources.title": "Resources",
        "app.resources.buses": "Minibuses",
        "app.resources.counsellors": "Counsellors",
        "app.resources.availability": "Availability",
        "app.resources.calendar": "Availability calendar (planned horizon)",
        "app.resources.blocked": "Days out of service",
        "app.resources.depots": "Depots",
        "app.availability.day": "day",
        "app.availability.am": "am",
        "app.availability.pm": "pm",
        "app.availability.weekdays": "Mon Tue Wed Thu Fri Sat Sun",
        "app.edit.column_help": "Column '{column}' of the CSV file (docs/scenario-format.md)",
        "app.edit.help": (
            "Edit cells as in the CSV file (docs/scenario-format.md); add or delete rows, then "
            "save. An invalid edit is refused with the validator's message."
        ),
        "app.edit.save": "Save",
        "app.edit.note": "Version note",
        "app.edit.saved": "Saved: scenario version {version}.",
        "app.edit.refused": "Edit refused: nothing was saved, the last valid version is kept.",
        "app.edit.problem": "Row {row} ({ident}), field “{field}”: {message}",
        "app.edit.problem_table": "{table}, field “{field}”: {message}",
        "app.edit.unchanged": "Nothing to save.",
        "app.stops.title": "Candidate stops",
        "app.stops.help": (
            "Weekdays (mon tue…), opening hours (HH:MM), session length (min), required pôles and"
            " catchment (min)."
        ),
        "app.popups.title": "Pop-ups",
        "app.popups.add": "Add a pop-up",
        "app.popups.field.id": "Id",
        "app.popups.field.name": "Name",
        "app.popups.field.commune": "Commune",
        "app.popups.field.address": "Address",
        "app.popups.field.date": "Date",
        "app.popups.field.start": "Start",
        "app.popups.field.end": "End",
        "app.popups.field.needs": "Needs by pôle (e.g. emploi:2 formation:1)",
        "app.popups.field.mandatory": "Mandatory",
        "app.popups.field.priority": "Priority (1 to 5)",
        "app.popups.submit": "Add",
        "app.plan.title": "Plan the tours",
        "app.plan.settings": "Planner settings",
        "app.plan.time_limit": "Search time limit (s)",
        "app.plan.time_limit_help": (
            "The solver stops after this time at the latest, with the best plan found."
        ),
        "app.plan.seed": "Seed",
        "app.plan.seed_help": "The same seed gives the same plan.",
        "app.plan.settings_error": "Setting refused, field “{field}”: {message}",
        "app.plan.run": "Run the planner",
        "app.plan.cancel": "Stop the search",
        "app.plan.progress": (
            "Search: {elapsed} s, best objective {objective}, bound {bound}, gap {gap}"
        ),
        "app.plan.progress_wait": "Preparing and searching: {elapsed} s…",
        "app.plan.done": "Planning finished ({status}) in {elapsed} s: plan recorded.",
        "app.plan.cancelled": "Search stopped: the best plan found is recorded.",
        "app.plan.failed": "Planning failed: {error}",
        "app.plan.impossible": "Planning impossible:",
        "app.plan.none": "No plan for this scenario version yet: run the planner.",
        "app.plan.results": "Results of the latest plan (no. {run}, {date}, {status})",
        "app.plan.tab.map": "Map",
        "app.plan.tab.timeline": "Timeline",
        "app.plan.tab.kpis": "KPIs",
        "app.plan.tab.unreached": "Unreached",
        "app.plan.tab.lock": "Lock and re-plan",
        "app.plan.tab.compare": "Compare",
        "app.plan.day": "Day",
        "app.plan.no_tour": "No tour that day.",
        "app.kpi.need_reached": "Need reached",
        "app.kpi.need_reached_share": "Share of need reached",
        "app.kpi.visits": "Visits",
        "app.kpi.tours": "Tours",
        "app.kpi.km_driven": "Km driven",
        "app.kpi.hours_driven": "Hours driven",
        "app.kpi.co2_kg": "CO₂ (kg)",
        "app.kpi.counsellor_days": "Counsellor-days",
        "app.kpi.popups_staffed": "Pop-ups staffed",
        "app.kpi.objective": "Objective",
        "app.kpi.col.kpi": "KPI",
        "app.kpi.col.plan": "Plan",
        "app.kpi.col.baseline": "Baseline (round-robin)",
        "app.kpi.col.delta": "Difference",
        "app.kpi.vs_baseline": "vs round-robin",
        "app.timeline.bus": "Minibus",
        "app.timeline.counsellor": "Counsellor",
        "app.timeline.popup": "Pop-up",
        "app.timeline.lane": "Resource",
        "app.timeline.place": "Place",
        "app.timeline.week": "Week",
        "app.unreached.intro": (
            "Why these high-need communes are not reached, and warnings about the data:"
        ),
        "app.unreached.none": "No high-need commune left out, no warning.",
        "app.lock.days": "Days to lock (minibus, date and stops kept as they are)",
        "app.lock.run": "Re-plan with these days locked",
        "app.lock.disruptions": (
            "Disruptions, one per line: absence:COUNSELLOR:YYYY-MM-DD or bus:BUS:YYYY-MM-DD"
        ),
        "app.lock.replan": "Re-plan after a disruption",
        "app.lock.time_limit": "Re-planning search time (s)",
        "app.lock.time_limit_help": (
            "Short by default: keep everything that can be kept and repair quickly. "
            "Make it longer to look for better replacements."
        ),
        "app.lock.error": "Disruption refused: {error}",
        "app.lock.changes": "{count} change(s) against the previous plan:",
        "app.lock.change": "{kind}: {stop}, {bus}, {date} {start}",
        "app.compare.title": "Compare two scenarios",
        "app.compare.intro": (
            "A variant of the current scenario with one more minibus (a copy of the first), "
            "planned with the same settings."
        ),
        "app.compare.variant_name": "{name} (+{count} minibus)",
        "app.compare.extra": "Minibuses added",
        "app.compare.run": "Plan and compare",
        "app.compare.left": "Current scenario",
        "app.compare.right": "Variant",
        "app.compare.col.kpi": "KPI",
        "app.publish.title": "Publish",
        "app.publish.plan": "Plan to publish: no. {run} of {date} ({visits} visits).",
        "app.publish.none": "No plan to publish: plan first.",
        "app.publish.note": "Publication note (what changes, why)",
        "app.publish.button": "Publish",
        "app.publish.done": "Version {number} published: {files} files in {folder}.",
        "app.publish.preview": "Change notices against the published version",
        "app.publish.first": "First publication: the whole timetable is new.",
        "app.publish.no_change": "No change for the public.",
        "app.publish.public": "Notices to the public",
        "app.publish.drivers": "Notices to drivers ({bus})",
        "app.publish.versions": "Published versions",
        "app.publish.col.number": "No.",
        "app.publish.col.date": "Date",
        "app.publish.col.author": "Author",
        "app.publish.col.note": "Note",
        "app.publish.col.tours": "Tours",
        "app.publish.scenario_versions": "Scenario versions",
        "app.publish.col.version": "Version",
        "app.publish.col.name": "Scenario",
        "app.driver.title": "Driver's roadbook",
        "app.driver.bus": "Minibus",
        "app.driver.week": "Week",
        "app.driver.pdf": "Roadbook (PDF)",
        "app.driver.gpx": "GPS track (GPX)",
        "app.driver.ics": "Calendar (ICS)",
        "app.driver.csv": "Table (CSV)",
        "app.driver.none": "No published version yet.",
        "app.driver.days": "{days} day(s) of tours this week.",
        "app.driver.source": "Published version no. {number} of {date}.",
        "app.driver.notices": "Changes announced for this minibus",
        "app.public.title": "Where to meet the Cité des métiers?",
        "app.public.intro": (
            "Counsellors in guidance, employment, training, business creation and career change "
            "come near you by minibus. Free, anonymous, open to all."
        ),
        "app.public.search": "Your commune or postcode",
        "app.public.search_button": "Search",
        "app.public.near_me": "Near me: the position given in the page address (lat, lon) is used.",
        "app.public.near_me_hint": (
            "To search near your position, add ?lat=46.17&lon=1.87 to the page address (the "
            "browser's geolocation is not used)."
        ),
        "app.public.none_published": "The timetable is not published yet. Come back soon.",
        "app.public.results": "Next visits near {place}",
        "app.public.event": "**{date}**, {hours} — {place} ({commune})",
        "app.public.poles": "Pôles: {poles}",
        "app.public.drive": "Drive: {drive}",
        "app.public.popup": "Pop-up",
        "app.public.no_event": "No visit planned nearby for now.",
        "app.public.service_points": "Advice places open all year",
        "app.public.service_point": "{name} ({kind}), {commune}: {drive}",
        "app.public.subscribe": "Add these dates to my calendar (ICS)",
        "app.public.feed_name": "Cité des métiers – {commune}",
        "app.public.feed_description": (
            "Minibus visits and pop-ups of the Cité des métiers near {commune}"
        ),
        "app.public.position": "your position",
        "app.public.published": "Timetable published on {date} (version {number}).",
        "app.setting.repeat_decay": "Value of repeated visits",
        "app.setting.max_counted_visits": "Visits counted at most per commune",
        "app.setting.high_need_index": "High-need threshold (index)",
        "app.setting.frequency_weight": "Frequency weight",
        "app.setting.regularity_weight": "Regularity bonus",
        "app.setting.equity_floor": "Equity floor per EPCI",
        "app.setting.equity_weight": "Equity weight",
        "app.setting.km_weight": "Cost of a kilometre",
        "app.setting.popup_priority_value": "Value of a pop-up (× priority)",
        "app.setting.midday": "Time splitting morning / afternoon",
        "app.setting.co2_kg_per_km": "Emissions (kg CO₂e per km)",
    },
}


def has_text(key: str) -> bool:
    """Whether ``key`` is a known text (in French, the reference language)."""
    return key in MESSAGES["fr"]


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


def long_date(day: dt.date, lang: str | None = None) -> str:
    """A date in words: ``"mardi 12 janvier 2027"``, ``"vendredi 1er janvier 2027"``.

    Day and month names come from this module, never from the system locale, so outputs are
    the same on every machine.
    """
    return t(
        "date.long",
        lang,
        weekday=t(f"date.weekday.{day.weekday()}", lang),
        day=t("date.first_of_month", lang) if day.day == 1 else str(day.day),
        month=t(f"date.month.{day.month}", lang),
        year=day.year,
    )


def percent(share: float, lang: str | None = None) -> str:
    """A share in 0..1 as a percentage for ``lang``."""
    return (
        f"{number(100 * share, lang, 1)} %"
        if (lang or current_language()) == "fr"
        else (f"{100 * share:.1f}%")
    )
