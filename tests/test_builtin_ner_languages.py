"""The built-in NER models of the other languages: shipped, small, right on sentences of their own.

Each model in `cleaner/models/ner/<lang>/` is installed with the package; these tests need no
shared data. The sentences are written for these tests; each names a person, a place and an
organisation, and the entities must come back with their labels and exact offsets.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import cleaner
from cleaner.structure.crf_ner import (
    MODEL_FILES,
    CrfBackend,
    builtin_languages,
    builtin_model_path,
    dateline_pattern,
    model_featurizer,
    read_lines,
)
from cleaner.structure.entities import find_entities
from cleaner.structure.ner_features import Featurizer

SENTENCES = {
    "de": (
        "Bundeskanzlerin Angela Merkel hat am Montag in Hamburg mit dem Vorstand der Deutschen "
        "Bank über neue Arbeitsplätze gesprochen.",
        {("Angela Merkel", "PERSON"), ("Hamburg", "LOC"), ("Deutschen Bank", "ORG")},
    ),
    "es": (
        "El presidente Pedro Sánchez se reunió ayer en Sevilla con los directivos de "
        "Telefónica para hablar del empleo.",
        {("Pedro Sánchez", "PERSON"), ("Sevilla", "LOC"), ("Telefónica", "ORG")},
    ),
    "nl": (
        "Premier Mark Rutte sprak dinsdag in Rotterdam met de top van Unilever over nieuwe banen.",
        {("Mark Rutte", "PERSON"), ("Rotterdam", "LOC"), ("Unilever", "ORG")},
    ),
    "it": (
        "Il presidente Sergio Mattarella ha incontrato ieri a Napoli i dirigenti della Fiat "
        "per parlare dell'occupazione.",
        {("Sergio Mattarella", "PERSON"), ("Napoli", "LOC"), ("Fiat", "ORG")},
    ),
}


LANGUAGES = sorted(set(builtin_languages()) - {"en"})


def test_every_language_with_a_model_has_a_sentence_here() -> None:
    assert set(LANGUAGES) <= set(SENTENCES)
    assert len(LANGUAGES) >= 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_model_ships_complete_and_small(language: str) -> None:
    path = builtin_model_path(language)
    assert path.is_relative_to(Path(cleaner.__file__).parent)
    for name in MODEL_FILES:
        assert (path / name).is_file(), f"{name} is missing from {path}"
    assert sum(file.stat().st_size for file in path.iterdir()) <= 25_000_000


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_model_names_itself_for_its_language(language: str) -> None:
    name = CrfBackend(builtin_model_path(language)).name
    assert name.startswith(f"builtin:{language}_cleaner_ner_crf@")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_sentence_gets_its_person_place_and_organisation(language: str) -> None:
    sentence, expected = SENTENCES[language]
    backend = CrfBackend(builtin_model_path(language))
    found = find_entities([sentence], backend)
    assert {(entity.span.text, entity.label) for entity in found} >= expected
    for entity in found:
        assert sentence[entity.span.start : entity.span.end] == entity.span.text


def test_an_unknown_language_says_which_are_built_in() -> None:
    with pytest.raises(ValueError, match=r"built in: .*en"):
        builtin_model_path("xx")


def test_a_dateline_with_capital_umlauts_names_its_place() -> None:
    pattern = dateline_pattern(read_lines(builtin_model_path("en").parent / "de" / "agencies.txt"))
    match = pattern.match("MÜNCHEN (dpa) - Der Stadtrat hat beschlossen.")
    assert match is not None and match.group("place") == "MÜNCHEN"


def test_the_gazetteer_feature_is_off_unless_the_model_names_a_gazetteer() -> None:
    plain = Featurizer({}).own("Rutte")
    listed = Featurizer({}, gazetteer={"rutte": ("LOC", "PER")})
    assert not any(feature.startswith("gaz=") for feature in plain)
    assert listed.own("Rutte") == [*plain, "gaz=LOC", "gaz=PER"]
    assert not any(feature.startswith("gaz=") for feature in listed.own("rutte"))
    assert model_featurizer(builtin_model_path("en")).gazetteer == {}
