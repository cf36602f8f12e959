"""The built-in English NER model: a two-stage CRF shipped in `cleaner/models/ner/`.

    >>> backend = CrfBackend(builtin_model_path())
    >>> backend.find(["Rami Abdulrahman spoke to Reuters in Aleppo."])
    [[(0, 16, 'PERSON'), (26, 33, 'ORG'), (37, 43, 'LOC')]]

Each paragraph is tokenised CoNLL-style and split into sentences; all sentences of the article
are tagged by the first-stage CRF, then again by the second stage, which also sees the first
stage's decisions across the whole article (see `ner_features`). Tags become character spans
of the paragraph. Loading reads the files in `MODEL_FILES` and happens once per process;
`training/ner/train.py` writes them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import pycrfsuite

from cleaner.document import EntityLabel
from cleaner.structure.ner_features import DocumentContext, Featurizer, FirstStage, entity_spans
from cleaner.structure.ner_tokens import Token, sentences, tokenize

_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,3})"
    r"(?:, (?P<country>[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2}))?"
    r" \((?:Reuters|AP|AFP|Bloomberg|dpa|UPI|CNN|Xinhua|TASS|IANS|PTI)\)\s*[-–—]"
)
_TITLE = re.compile(
    r"\b(?:President|Vice President|Prime Minister|Minister|Secretary|Governor|Gov\.|Senator|"
    r"Sen\.|Representative|Rep\.|Mayor|Chancellor|King|Queen|Prince|Princess|Pope|Judge|"
    r"General|Gen\.|Colonel|Col\.|Sheikh|Ambassador|Commissioner|Chairman|Director|Chief|"
    r"Dr\.|Mr\.|Mrs\.|Ms\.|Sir|Lord|Lady)\s+(?=[A-Z])"
)
LABELS: dict[str, EntityLabel] = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
MODEL_FILES = (
    "stage1.crfsuite", "stage2.crfsuite", "clusters.tsv", "first_names.txt", "training.json"
)  # fmt: skip


def builtin_model_path() -> Path:
    """Where the packaged English NER model is (written by `training/ner/train.py`)."""
    return Path(str(resources.files("cleaner") / "models" / "ner"))


def read_clusters(path: Path) -> dict[str, tuple[str, ...]]:
    """The word-cluster table: one `word<TAB>coarse<TAB>fine` line per word."""
    table: dict[str, tuple[str, ...]] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            word, *ids = line.rstrip("\n").split("\t")
            table[word] = tuple(ids)
    return table


def read_first_names(path: Path) -> frozenset[str]:
    """The first-name list: one upper-case name per line."""
    return frozenset(path.read_text("utf-8").split())


class CrfBackend:
    """Entity backend over the two CRF stages and the cluster table in `path`."""

    def __init__(self, path: Path) -> None:
        self._first = pycrfsuite.Tagger()
        self._first.open(str(path / "stage1.crfsuite"))
        self._second = pycrfsuite.Tagger()
        self._second.open(str(path / "stage2.crfsuite"))
        self._features = Featurizer(
            read_clusters(path / "clusters.tsv"),
            read_first_names(path / "first_names.txt"),
            known=_attributes(self._first) | _attributes(self._second),
        )
        version = json.loads((path / "training.json").read_text("utf-8")).get("version", "0")
        self.name = f"builtin:en_cleaner_ner_crf@{version}"

    def find(self, paragraphs: Sequence[str]) -> list[list[tuple[int, int, EntityLabel]]]:
        """Entity spans per paragraph, from one pass over the whole article."""
        located: list[tuple[int, list[Token]]] = [
            (index, sentence)
            for index, paragraph in enumerate(paragraphs)
            for sentence in sentences(tokenize(paragraph))
        ]
        words = [[token.text for token in sentence] for _index, sentence in located]
        context = DocumentContext.of(words)
        first_features = [self._features.sentence(sentence, context) for sentence in words]
        first_tags = [self._first.tag(features) for features in first_features]
        first = FirstStage.of(words, first_tags)
        found: list[list[tuple[int, int, EntityLabel]]] = [[] for _ in paragraphs]
        for number, ((index, tokens), sentence) in enumerate(zip(located, words, strict=True)):
            features = self._features.second_stage(
                sentence, first_features[number], first_tags[number], first
            )
            for start, end, label in entity_spans(self._second.tag(features)):
                found[index].append((tokens[start].start, tokens[end - 1].end, LABELS[label]))
        for index, paragraph in enumerate(paragraphs):
            found[index] = _dateline_places(paragraph, _without_titles(paragraph, found[index]))
        return found


def _attributes(tagger: pycrfsuite.Tagger) -> frozenset[str]:
    """The feature strings a trained stage has weights for."""
    return frozenset(attribute for attribute, _label in tagger.info().state_features)


def _without_titles(
    paragraph: str, spans: list[tuple[int, int, EntityLabel]]
) -> list[tuple[int, int, EntityLabel]]:
    """A person's name without the title in front ("Homs Governor Talal Barazi" -> "Talal
    Barazi"), as CoNLL annotates names; the words before the title are dropped, not guessed."""
    trimmed = []
    for start, end, label in spans:
        match = _TITLE.search(paragraph, start, end) if label == "PERSON" else None
        if match is not None and match.end() < end:
            start = match.end()
        trimmed.append((start, end, label))
    return trimmed


def _dateline_places(
    paragraph: str, spans: list[tuple[int, int, EntityLabel]]
) -> list[tuple[int, int, EntityLabel]]:
    """The place of a modern dateline ("TALVIK (Reuters) -", "GENEVA, Switzerland (AP) —").

    CoNLL's datelines are "BRUSSELS 1996-08-22", so the model never saw this form and often
    calls the place an organisation. The dateline's place names are LOC, whatever it said.
    """
    match = _DATELINE.match(paragraph)
    if match is None:
        return spans
    places = [match.span("place")] + ([match.span("country")] if match.group("country") else [])
    kept = [s for s in spans if not any(s[0] < end and start < s[1] for start, end in places)]
    return sorted(kept + [(start, end, "LOC") for start, end in places])
