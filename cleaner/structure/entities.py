"""Named entities from a pluggable backend; the spaCy backend runs any pipeline by name or path.

    >>> backend = load_backend("/path/to/a/spacy/pipeline")  # doctest: +SKIP
    >>> find_entities(["Rami Abdulrahman spoke in Aleppo."], backend)  # doctest: +SKIP
    (Entity(span=Span(text='Rami Abdulrahman', ...), label='PERSON'), ...)

A backend is anything with a `name` and a `find(paragraphs)` method returning, per paragraph,
`(start, end, label)` triples with labels already in the schema's set (PERSON, ORG, LOC, MISC).
`builtin` (the default) is the English model shipped in the package (`cleaner/models/ner`, a
two-stage CRF trained on CoNLL-2003 by `training/ner/train.py`, see `crf_ner`); any other name
or path is a spaCy pipeline, and spaCy is imported only then. A backend is loaded once per
process, and all paragraphs of an article go to it in one call. Curly quotes and apostrophes
are shown to the model as straight ones (same length, so offsets are unchanged).

Labels from other schemes are mapped: PER/PERSON -> PERSON; ORG -> ORG; GPE, LOC, FAC -> LOC
(countries, cities and facilities are all places to a reader); NORP, EVENT, WORK_OF_ART, LAW,
LANGUAGE, PRODUCT, MISC -> MISC. Numeric and time types (DATE, TIME, MONEY, PERCENT,
QUANTITY, ORDINAL, CARDINAL) are not named entities and are dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from typing import Protocol

from cleaner.config import EntitiesConfig
from cleaner.document import Entity, EntityLabel, Span
from cleaner.language import UNDETERMINED

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
BUILTIN = "builtin"
# Models trained on 1996 Reuters text have seen straight quotes only; the swap keeps offsets.
_STRAIGHT_QUOTES = str.maketrans(dict.fromkeys("‘’‛′", "'") | dict.fromkeys("“”„″", '"'))


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
        lang = meta.get("lang", "xx")
        self.name = f"spacy:{lang}_{name}@{version}"
        # the languages the pipeline was trained for: None for a multi-language (`xx`) one
        self.languages = None if lang == "xx" else frozenset({lang})

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
def load_backend(spec: str, language: str | None = None) -> EntityBackend:
    """The backend for a model name or path, or `builtin` with the `language` of the packaged
    model to use; loaded once per process."""
    if spec != BUILTIN:
        return SpacyBackend(spec)
    from cleaner.structure.crf_ner import MODEL_FILES, CrfBackend, builtin_model_path

    if language is None:
        raise BackendError("the built-in entity models are per language: name the language")
    path = builtin_model_path(language)
    missing = [name for name in MODEL_FILES if not (path / name).is_file()]
    if missing:
        raise BackendError(
            f"the built-in NER model for {language!r} is incomplete ({path} lacks "
            f"{', '.join(missing)}); reinstall cleaner, or pass --ner-model NAME_OR_PATH, "
            "or --no-entities"
        )
    return CrfBackend(path)


def backend_for(config: EntitiesConfig, language: str) -> tuple[EntityBackend | None, str | None]:
    """The backend for a document in `language`, or None and why there are no entities.

    >>> backend_for(EntitiesConfig(model="builtin"), "und")
    (None, 'no entity model for an undetermined language')

    A `lang=spec` entry of `config.models` picks the model of that language (an empty spec
    none); otherwise `config.model`: `builtin` is the packaged model of the language when
    there is one, a spaCy pipeline runs on the language it was trained for (its `lang`; `xx`,
    a multi-language pipeline, on any). A model never runs on text of another language.
    """
    chosen = config.for_language(language)
    if chosen is None:
        return None, "entities not requested"
    if not chosen:
        return None, f"entities switched off for {language!r} in the configuration"
    if language == UNDETERMINED:
        return None, "no entity model for an undetermined language"
    if chosen == BUILTIN:
        from cleaner.structure.crf_ner import builtin_languages

        if language not in builtin_languages():
            return None, (
                f"no built-in entity model for {language!r}; pass "
                f"--ner-model {language}=NAME_OR_PATH to use a spaCy pipeline"
            )
        return load_backend(BUILTIN, language), None
    backend = load_backend(chosen)
    languages = getattr(backend, "languages", None)
    if languages is not None and language not in languages and chosen == config.model:
        return None, (
            f"the entity model {backend.name} is for {', '.join(sorted(languages))}, not "
            f"{language!r}; pass --ner-model {language}=NAME_OR_PATH for that language"
        )
    return backend, None


def prepare_backends(config: EntitiesConfig) -> None:
    """Load every spaCy pipeline `config` names, so a bad name fails before a run starts."""
    for spec in sorted({config.model or "", *config.by_language().values()}):
        if spec and spec != BUILTIN:
            load_backend(spec)


def find_entities(paragraphs: Sequence[str], backend: EntityBackend) -> tuple[Entity, ...]:
    """Entity mentions in all paragraphs, in order, with exact paragraph offsets.

    The model's mentions are made consistent across the article: a one-word name that is the
    last word of a person's longer name is that person ("Assad" after "Bashar Assad"), and a
    name tagged somewhere is tagged wherever else it occurs as a whole word and nothing
    overlaps it, with the label it got most often (a model that sees one sentence at a time
    misses some of them).
    """
    shown = [paragraph.translate(_STRAIGHT_QUOTES) for paragraph in paragraphs]
    found = [list(spans) for spans in backend.find(shown)]
    _last_names_of_persons(paragraphs, found)
    _propagate(paragraphs, found)
    return tuple(
        Entity(Span(paragraph[start:end], index, start, end), label)
        for index, (paragraph, spans) in enumerate(zip(paragraphs, found, strict=True))
        for start, end, label in sorted(spans)
    )


def _last_names_of_persons(
    paragraphs: Sequence[str], found: list[list[tuple[int, int, EntityLabel]]]
) -> None:
    """A one-word name that is the last word of a person's longer name is that person."""
    surnames = {
        paragraph[start:end].split()[-1]
        for paragraph, spans in zip(paragraphs, found, strict=True)
        for start, end, label in spans
        if label == "PERSON" and " " in paragraph[start:end]
    }
    for paragraph, spans in zip(paragraphs, found, strict=True):
        spans[:] = [
            (start, end, "PERSON" if paragraph[start:end] in surnames else label)
            for start, end, label in spans
        ]


def _propagate(paragraphs: Sequence[str], found: list[list[tuple[int, int, EntityLabel]]]) -> None:
    votes: dict[str, Counter[EntityLabel]] = {}
    for paragraph, spans in zip(paragraphs, found, strict=True):
        for start, end, label in spans:
            votes.setdefault(paragraph[start:end], Counter())[label] += 1
    names = sorted((n for n in votes if len(n) > 1 and n[0].isupper()), key=len, reverse=True)
    if not names:
        return
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")
    for paragraph, spans in zip(paragraphs, found, strict=True):
        taken = [(start, end) for start, end, _label in spans]
        for match in pattern.finditer(paragraph):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            spans.append((start, end, votes[match.group()].most_common(1)[0][0]))
            taken.append((start, end))
