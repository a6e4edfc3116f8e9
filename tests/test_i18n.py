"""The texts: every key in both languages, French elision before a value."""

from __future__ import annotations

import string

import pytest

from itinerant.i18n import t
from itinerant.i18n.messages import MESSAGES


def test_every_text_in_both_languages_with_the_same_fields() -> None:
    assert set(MESSAGES["fr"]) == set(MESSAGES["en"])

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    fr, en = MESSAGES["fr"], MESSAGES["en"]
    different = [k for k in fr if fields(fr[k]) != fields(en[k])]
    assert different == []


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        ("Aubusson", "Prochains passages près d'Aubusson :"),
        ("Évaux-les-Bains", "Prochains passages près d'Évaux-les-Bains :"),
        ("Guéret", "Prochains passages près de Guéret :"),
        ("Hérisson", "Prochains passages près de Hérisson :"),  # h may be aspirated
        ("23000", "Prochains passages près de 23000 :"),
    ],
)
def test_french_elides_de_before_a_vowel(place: str, expected: str) -> None:
    assert t("upcoming.title", "fr", place=place) == expected


def test_elision_only_in_french_and_only_before_a_field() -> None:
    assert t("upcoming.title", "en", place="Aubusson") == "Next visits near Aubusson:"
    # "de" in the fixed text is never touched; a number after "de" is not elided
    assert t("app.territory.beyond", "fr", minutes=30) == "Au-delà de 30 min"
