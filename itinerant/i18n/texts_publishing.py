"""Texts of publications and change notices (``publish.*``, ``notice.*``), French first."""

FR: dict[str, str] = {
    "notice.public.added": "Nouvelle permanence : {place} ({commune}), {date}, {hours}.",
    "notice.public.cancelled": "Permanence annulée : {place} ({commune}), {date}, {hours}.",
    "notice.public.moved": (
        "Permanence déplacée : {place} ({commune}), du {date}, {hours}, au {new_date}, {new_hours}."
    ),
    "notice.public.moved_place": (
        "Changement de lieu à {commune} le {date} : {new_place}, {new_hours} "
        "(au lieu de {place}, {hours})."
    ),
    "notice.public.popup_added": "Nouvelle Cité éphémère : {name} ({commune}), {date}, {hours}.",
    "notice.public.popup_cancelled": "Cité éphémère annulée : {name} ({commune}), {date}, {hours}.",
    "notice.driver.added": "{date} : arrêt ajouté, {place}, {hours} (équipe : {crew}).",
    "notice.driver.cancelled": "{date} : arrêt supprimé, {place}, {hours}.",
    "notice.driver.moved": (
        "{date} : arrêt {place} ({hours}) déplacé au {new_date}, {new_hours} ({new_bus})."
    ),
    "notice.driver.crew": (
        "{date} : équipe modifiée à {place} ({hours}) : {after} (au lieu de {before})."
    ),
    "notice.atom.subtitle": (
        "Dates ajoutées, annulées ou déplacées à chaque publication du calendrier."
    ),
    "notice.atom.author": "Cité des métiers",
    "notice.atom.title_added": "Nouvelle date",
    "notice.atom.title_cancelled": "Date annulée",
    "notice.atom.title_moved": "Date déplacée",
    "notice.atom.title_territory": "Avis de changement : {territory}",
    "notice.atom.title_commune": "Avis de changement près de {commune}",
    "notice.none": "Aucun changement par rapport à la version précédente.",
    "notice.first": "Première publication : pas de version précédente à comparer.",
    "publish.title": "Publication n° {number} enregistrée ({author}, {when})",
    "publish.note": "Note : {note}",
    "publish.public_notices": "Avis au public ({count}) :",
    "publish.driver_notices": "Avis au chauffeur du {bus} ({count}) :",
    "publish.files": "{count} fichiers écrits dans {folder}",
}

EN: dict[str, str] = {
    "notice.public.added": "New session: {place} ({commune}), {date}, {hours}.",
    "notice.public.cancelled": "Session cancelled: {place} ({commune}), {date}, {hours}.",
    "notice.public.moved": (
        "Session moved: {place} ({commune}), from {date}, {hours}, to {new_date}, {new_hours}."
    ),
    "notice.public.moved_place": (
        "New place in {commune} on {date}: {new_place}, {new_hours} (instead of {place}, {hours})."
    ),
    "notice.public.popup_added": "New pop-up Cité: {name} ({commune}), {date}, {hours}.",
    "notice.public.popup_cancelled": "Pop-up Cité cancelled: {name} ({commune}), {date}, {hours}.",
    "notice.driver.added": "{date}: stop added, {place}, {hours} (crew: {crew}).",
    "notice.driver.cancelled": "{date}: stop removed, {place}, {hours}.",
    "notice.driver.moved": (
        "{date}: stop {place} ({hours}) moved to {new_date}, {new_hours} ({new_bus})."
    ),
    "notice.driver.crew": (
        "{date}: crew changed at {place} ({hours}): {after} (instead of {before})."
    ),
    "notice.atom.subtitle": "Dates added, cancelled or moved at each publication of the calendar.",
    "notice.atom.author": "Cité des métiers",
    "notice.atom.title_added": "New date",
    "notice.atom.title_cancelled": "Date cancelled",
    "notice.atom.title_moved": "Date moved",
    "notice.atom.title_territory": "Change notices: {territory}",
    "notice.atom.title_commune": "Change notices near {commune}",
    "notice.none": "No change since the previous version.",
    "notice.first": "First publication: no previous version to compare with.",
    "publish.title": "Publication no. {number} recorded ({author}, {when})",
    "publish.note": "Note: {note}",
    "publish.public_notices": "Public notices ({count}):",
    "publish.driver_notices": "Notices for the driver of {bus} ({count}):",
    "publish.files": "{count} files written into {folder}",
}
