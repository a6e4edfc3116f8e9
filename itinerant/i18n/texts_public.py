"""Texts of the public timetable, site, feeds and posters (``public.*``), dates, pôles."""

FR: dict[str, str] = {
    "pole.orientation": "orientation",
    "pole.emploi": "emploi",
    "pole.formation": "formation",
    "pole.creation": "création d'activité",
    "pole.evolution": "évolution professionnelle",
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
        "Code postal {postcode} : {names}. Temps de trajet depuis la plus proche de ces communes."
    ),
    "public.origin.point": (
        "Position ({lat}, {lon}) : temps de trajet calculés depuis la mairie de la commune "
        "la plus proche, {name} ({km} km à vol d'oiseau)."
    ),
    "public.error.empty": (
        "indiquez une commune, un code postal ou une position (latitude, longitude)"
    ),
    "public.error.unknown_commune": "« {value} » n'est pas une commune du territoire {territory}",
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
    "public.site.near_me_heading": "Près de moi",
    "public.site.near_me_button": "Près de moi",
    "public.site.near_me_intro": (
        "Trouvez le prochain passage près de l'endroit où vous êtes. Votre position reste "
        "sur votre appareil : elle n'est envoyée nulle part."
    ),
    "public.site.near_me_waiting": "Recherche de votre position…",
    "public.site.near_me_denied": (
        "Vous n'avez pas autorisé la localisation. Autorisez-la dans votre navigateur, ou "
        "cherchez votre commune ci-dessus."
    ),
    "public.site.near_me_unavailable": (
        "Votre position n'a pas pu être trouvée. Réessayez, ou cherchez votre commune ci-dessus."
    ),
    "public.site.near_me_far": (
        "Vous semblez être à plus de {km} km de toutes les communes du territoire. Cherchez "
        "votre commune ci-dessus."
    ),
    "public.site.near_me_found": "Commune la plus proche : {commune}, à {km} km.",
    "public.site.near_me_none": "Aucune date prévue près de {commune} pour le moment.",
    "public.site.near_me_page": "Toutes les dates près de {commune}",
    "public.site.embed_heading": "Intégrer sur votre site",
    "public.site.embed_intro": (
        "Mairies, associations : copiez ce code dans une page de votre site pour y afficher "
        "les prochaines dates près de {commune}. Il se met à jour à chaque publication."
    ),
    "public.site.embed_label": "Code à copier",
    "public.site.embed_address": "https://adresse-du-site/",
    "public.site.embed_placeholder": (
        "Remplacez {placeholder} par l'adresse où ce site est publié."
    ),
    "public.site.embed_title": "Prochaines dates de la Cité des métiers près de {commune}",
    "public.site.embed_copy": "Copier le code",
    "public.site.embed_copied": "Code copié.",
    "public.site.download_ics": "télécharger le fichier",
    "public.site.atom_commune": "Avis de changement près de {commune} (flux Atom)",
    "public.site.atom_territory": "Avis de changement du territoire (flux Atom)",
    "public.widget.heading": "La Cité des métiers près de {commune}",
    "public.widget.all_dates": "Toutes les dates et les lieux de conseil",
    "public.jsonld.description": (
        "Conseils gratuits en orientation, emploi, formation, création d'activité et "
        "évolution professionnelle. {poles} {free}"
    ),
    "public.rotation.weekly": "chaque {weekday}",
    "public.rotation.every_n_weeks": "un {weekday} sur {every}",
    "public.rotation.every.2": "deux",
    "public.rotation.every.3": "trois",
    "public.rotation.every.4": "quatre",
    "public.rotation.monthly": "le {nth} {weekday} du mois",
    "public.rotation.ordinal.1": "1er",
    "public.rotation.ordinal.2": "2e",
    "public.rotation.ordinal.3": "3e",
    "public.rotation.ordinal.4": "4e",
    "public.rotation.sentence": "{pattern}, {start} – {end}",
    "public.rotation.span": "du {first} au {last}",
    "public.rotation.except": ", sauf le {dates}",
    "public.rotation.list_sep": ", le ",
    "public.rotation.list_last": " et le ",
    "public.rotation.line": "{place} : {rotation}",
    "public.rotation.regular": "Passage régulier : {rotation}",
    "public.rotation.heading": "Passages réguliers",
    "public.ics.name_rotations": "Cité des métiers itinérante : passages réguliers ({territory})",
    "public.ics.description_rotations": (
        "Passages réguliers du minibus sur le territoire {territory}, en événements "
        "récurrents. Les autres dates sont dans les calendriers datés du territoire et des "
        "communes."
    ),
    "public.site.subscribe_rotations": (
        "Passages réguliers du territoire (fichier ICS, événements récurrents)"
    ),
    "public.standards.organisation": "Cité des métiers ({territory})",
    "public.standards.route": "{weekday} {half}",
    "public.standards.half.am": "matin",
    "public.standards.half.pm": "après-midi",
    "public.standards.detail_dates": (
        "{count} date(s) publiée(s) : voir le calendrier de la commune sur le site."
    ),
}

EN: dict[str, str] = {
    "pole.orientation": "orientation",
    "pole.emploi": "employment",
    "pole.formation": "training",
    "pole.creation": "business creation",
    "pole.evolution": "career change",
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
    "public.error.unknown_postcode": "no commune of the territory {territory} has postcode {value}",
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
    "public.site.near_me_heading": "Near me",
    "public.site.near_me_button": "Near me",
    "public.site.near_me_intro": (
        "Find the next visit near where you are. Your position stays on your device: it is "
        "sent nowhere."
    ),
    "public.site.near_me_waiting": "Finding your position…",
    "public.site.near_me_denied": (
        "You did not allow location. Allow it in your browser, or search for your commune above."
    ),
    "public.site.near_me_unavailable": (
        "Your position could not be found. Try again, or search for your commune above."
    ),
    "public.site.near_me_far": (
        "You seem to be more than {km} km from every commune of the territory. Search for "
        "your commune above."
    ),
    "public.site.near_me_found": "Nearest commune: {commune}, {km} km away.",
    "public.site.near_me_none": "No date planned near {commune} for now.",
    "public.site.near_me_page": "All dates near {commune}",
    "public.site.embed_heading": "Embed on your website",
    "public.site.embed_intro": (
        "Town halls, associations: copy this code into a page of your website to show the "
        "next dates near {commune}. It updates with every publication."
    ),
    "public.site.embed_label": "Code to copy",
    "public.site.embed_address": "https://site-address/",
    "public.site.embed_placeholder": (
        "Replace {placeholder} with the address this site is published at."
    ),
    "public.site.embed_title": "Next dates of the Cité des métiers near {commune}",
    "public.site.embed_copy": "Copy the code",
    "public.site.embed_copied": "Code copied.",
    "public.site.download_ics": "download the file",
    "public.site.atom_commune": "Change notices near {commune} (Atom feed)",
    "public.site.atom_territory": "Change notices of the territory (Atom feed)",
    "public.widget.heading": "The Cité des métiers near {commune}",
    "public.widget.all_dates": "All dates and places of advice",
    "public.jsonld.description": (
        "Free advice on careers guidance, employment, training, starting a business and "
        "career development. {poles} {free}"
    ),
    "public.rotation.weekly": "every {weekday}",
    "public.rotation.every_n_weeks": "every {every} {weekday}",
    "public.rotation.every.2": "other",
    "public.rotation.every.3": "third",
    "public.rotation.every.4": "fourth",
    "public.rotation.monthly": "the {nth} {weekday} of the month",
    "public.rotation.ordinal.1": "1st",
    "public.rotation.ordinal.2": "2nd",
    "public.rotation.ordinal.3": "3rd",
    "public.rotation.ordinal.4": "4th",
    "public.rotation.sentence": "{pattern}, {start} – {end}",
    "public.rotation.span": "from {first} to {last}",
    "public.rotation.except": ", except {dates}",
    "public.rotation.list_sep": ", ",
    "public.rotation.list_last": " and ",
    "public.rotation.line": "{place}: {rotation}",
    "public.rotation.regular": "Regular visit: {rotation}",
    "public.rotation.heading": "Regular visits",
    "public.ics.name_rotations": "Itinerant Cité des métiers: regular visits ({territory})",
    "public.ics.description_rotations": (
        "Regular minibus visits in the territory {territory}, as recurring events. The other "
        "dates are in the dated calendars of the territory and communes."
    ),
    "public.site.subscribe_rotations": (
        "Regular visits in the territory (ICS file, recurring events)"
    ),
    "public.standards.organisation": "Cité des métiers ({territory})",
    "public.standards.route": "{weekday} {half}",
    "public.standards.half.am": "morning",
    "public.standards.half.pm": "afternoon",
    "public.standards.detail_dates": "{count} date(s) published: see the commune's calendar.",
}
