"""Texts of the command line (diagnostic, plans, upcoming, explanations), French first."""

FR: dict[str, str] = {
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
    "explain.stop_never_open": "L'arrêt « {name} » n'est ouvert aucun jour où un minibus circule.",
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
    "upcoming.title": "Prochains passages près de {place} :",
    "upcoming.event": "  {date}, {hours} : {place} ({commune}), {poles} — {drive}",
    "upcoming.none": "  Aucun passage prévu à proximité.",
    "upcoming.service_points": "Points d'accueil permanents les plus proches :",
    "upcoming.service_point": "  {name} ({kind}, {commune}) — {drive}",
    "upcoming.no_publication": (
        "Aucune publication dans la base {store} : publiez d'abord un planning "
        "(itinerant publish) ou donnez --schedule."
    ),
    "record.scenario_note": "Scénario du planning publié en ligne de commande ({file})",
    "record.recorded": (
        "Enregistré avec la version {version} du scénario {scenario} (exécution n° {run})"
    ),
    "init.title": "Nouveau territoire écrit dans {folder} (source : {source})",
    "init.communes": (
        "{communes} communes, {population} habitants (la source en compte {expected_communes}, "
        "{expected_population} habitants)"
    ),
    "init.resources": (
        "Ressources d'exemple (fictives, à remplacer) : {stops} arrêts candidats, {buses} minibus"
    ),
    "init.repaired": "{count} commune(s) au contour réparé :",
    "init.missing": "{count} commune(s) incomplète(s) ou écartée(s) :",
    "init.finding.boundary_repaired": "  {name} ({code}) : contour invalide, réparé",
    "init.finding.boundary_from_delegated": (
        "  {name} ({code}) : contour absent, reconstitué à partir des communes déléguées"
    ),
    "init.finding.boundary_missing": (
        "  {name} ({code}) : aucun contour utilisable, commune écartée"
    ),
    "init.finding.population_missing": "  {name} ({code}) : population inconnue (comptée 0)",
    "init.finding.unknown_code": "  {code} : code inconnu de la source",
    "init.finding.canton_by_overlap": "  {name} ({code}) : canton choisi par recouvrement",
    "init.finding.canton_unknown": "  {name} ({code}) : canton inconnu",
    "init.next": (
        "Ensuite : itinerant territory --scenario {folder} --out …, puis itinerant plan "
        "--scenario {folder} --out …"
    ),
    "import.title": "Import de {file} (format {format}) dans {folder}",
    "import.counts": (
        "{rows} entrées lues : {added} points de service ajoutés, {updated} mis à jour, "
        "{unchanged} inchangés, {removed} retirés"
    ),
    "import.outside": "{count} entrée(s) hors des communes du territoire, ignorée(s)",
    "import.other_type": "  type « {type} » sans équivalent : {count} point(s) classé(s) « other »",
    "import.total": "Le scénario compte maintenant {total} points de service",
    "error.input": "Erreur dans les données :",
    "error.network": "Erreur de réseau routier :",
}

EN: dict[str, str] = {
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
        "Bus “{name}” never has {count} counsellors available on the same day: it cannot go out."
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
    "upcoming.title": "Next visits near {place}:",
    "upcoming.event": "  {date}, {hours}: {place} ({commune}), {poles} — {drive}",
    "upcoming.none": "  No visit planned nearby.",
    "upcoming.service_points": "Nearest permanent advice points:",
    "upcoming.service_point": "  {name} ({kind}, {commune}) — {drive}",
    "upcoming.no_publication": (
        "No publication in the store {store}: publish a plan first (itinerant publish) "
        "or give --schedule."
    ),
    "record.scenario_note": "Scenario of the schedule published from the command line ({file})",
    "record.recorded": "Recorded with version {version} of scenario {scenario} (plan run {run})",
    "init.title": "New territory written in {folder} (source: {source})",
    "init.communes": (
        "{communes} communes, {population} inhabitants (the source has {expected_communes}, "
        "{expected_population} inhabitants)"
    ),
    "init.resources": (
        "Sample resources (fictitious, to replace): {stops} candidate Stops, {buses} minibuses"
    ),
    "init.repaired": "{count} commune(s) with a repaired boundary:",
    "init.missing": "{count} commune(s) incomplete or left out:",
    "init.finding.boundary_repaired": "  {name} ({code}): invalid boundary, repaired",
    "init.finding.boundary_from_delegated": (
        "  {name} ({code}): no boundary, rebuilt from its delegated communes"
    ),
    "init.finding.boundary_missing": "  {name} ({code}): no usable boundary, left out",
    "init.finding.population_missing": "  {name} ({code}): unknown population (counted as 0)",
    "init.finding.unknown_code": "  {code}: code unknown to the source",
    "init.finding.canton_by_overlap": "  {name} ({code}): canton chosen by overlap",
    "init.finding.canton_unknown": "  {name} ({code}): unknown canton",
    "init.next": (
        "Next: itinerant territory --scenario {folder} --out …, then itinerant plan "
        "--scenario {folder} --out …"
    ),
    "import.title": "Import of {file} (format {format}) into {folder}",
    "import.counts": (
        "{rows} entries read: {added} service points added, {updated} updated, "
        "{unchanged} unchanged, {removed} removed"
    ),
    "import.outside": "{count} entry(ies) outside the territory's communes, skipped",
    "import.other_type": "  type '{type}' without a kind: {count} point(s) filed as 'other'",
    "import.total": "The scenario now has {total} service points",
    "error.input": "Error in the input:",
    "error.network": "Road network error:",
}
