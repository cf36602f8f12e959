"""Named entities from a pluggable backend; the spaCy backend runs any pipeline by name or path.

    >>> backend = load_backend("/path/to/a/spacy/pipeline")  # doctest: +SKIP
    >>> find_entities(["Rami Abdulrahman spoke in Aleppo."], backend)  # doctest: +SKIP
    (Entity(span=Span(text='Rami Abdulrahman', ...), label='PERSON'), ...)

A backend is anything with a `name` and a `find(paragraphs)` method returning, per paragraph,
`(start, end, label)` triples with labels already in the schema's set (PERSON, ORG, LOC, MISC).
spaCy is imported only when a spaCy backend is loaded, and a backend is loaded once per process.

Labels from other schemes are mapped: PER/PERSON -> PERSON; ORG -> ORG; GPE, LOC, FAC -> LOC
(countries, cities and facilities are all places to a reader); NORP, EVENT, WORK_OF_ART, LAW,
LANGUAGE, PRODUCT, MISC -> MISC. Numeric and time types (DATE, TIME, MONEY, PERCENT,
QUANTITY, ORDINAL, CARDINAL) are not named entities and are dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Protocol

from cleaner.document import Entity, EntityLabel, Span

LABELS: dict[str, EntityLabel] = {
    "PER": "PERSON",
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
    "PRODUCT": "MISC",
    "MISC": "MISC",
}
_NOT_NEEDED = (
    "parser",
    "tagger",
    "morphologizer",
    "lemmatizer",
    "trainable_lemmatizer",
    "attribute_ruler",
    "senter",
    "textcat",
    "textcat_multilabel",
    "spancat",
    "entity_linker",
)
_BATCH_SIZE = 64


class BackendError(RuntimeError):
    """An entity backend that cannot be loaded; the message says what to install or pass."""


class EntityBackend(Protocol):
    """What `find_entities` needs from a backend."""

    name: str

    def find(self, paragraphs: Sequence[str]) -> list[list[tuple[int, int, EntityLabel]]]: ...


class SpacyBackend:
    """Any spaCy pipeline with an `ner` component, loaded without the parts NER does not need."""

    def __init__(self, name_or_path: str) -> None:
        try:
            import spacy
        except ImportError:
            raise BackendError(
                "spaCy is needed for --ner-model; install it with: pip install 'cleaner[spacy]'"
            ) from None
        try:
            self._nlp = spacy.load(name_or_path, exclude=list(_NOT_NEEDED))
        except OSError as error:
            raise BackendError(
                f"cannot load spaCy pipeline {name_or_path!r}: install its package "
                "(pip install <pipeline wheel>) or pass the path of a saved pipeline"
                f" ({str(error).splitlines()[0]})"
            ) from None
        if "ner" not in self._nlp.pipe_names and "entity_ruler" not in self._nlp.pipe_names:
            raise BackendError(f"spaCy pipeline {name_or_path!r} has no 'ner' component")
        meta = self._nlp.meta
        name, version = meta.get("name", name_or_path), meta.get("version", "")
        self.name = f"spacy:{meta.get('lang', 'xx')}_{name}@{version}"

    def find(self, paragraphs: Sequence[str]) -> list[list[tuple[int, int, EntityLabel]]]:
        found = []
        for doc in self._nlp.pipe(paragraphs, batch_size=_BATCH_SIZE):
            found.append(
                [
                    (ent.start_char, ent.end_char, LABELS[ent.label_])
                    for ent in doc.ents
                    if ent.label_ in LABELS
                ]
            )
        return found


@cache
def load_backend(spec: str) -> EntityBackend:
    """The backend for a model name or path, loaded once per process."""
    return SpacyBackend(spec)


def find_entities(paragraphs: Sequence[str], backend: EntityBackend) -> tuple[Entity, ...]:
    """Entity mentions in all paragraphs, in order, with exact paragraph offsets."""
    entities = []
    for index, (paragraph, found) in enumerate(
        zip(paragraphs, backend.find(paragraphs), strict=True)
    ):
        for start, end, label in found:
            entities.append(Entity(Span(paragraph[start:end], index, start, end), label))
    return tuple(entities)
