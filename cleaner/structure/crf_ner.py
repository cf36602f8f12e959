"""The built-in NER models: a two-stage CRF per language, shipped in `cleaner/models/ner/<lang>/`.

    >>> "en" in builtin_languages()
    True
    >>> backend = CrfBackend(builtin_model_path("en"))
    >>> backend.find(["Rami Abdulrahman spoke to Reuters in Aleppo."])
    [[(0, 16, 'PERSON'), (26, 33, 'ORG'), (37, 43, 'LOC')]]

Each paragraph is tokenised CoNLL-style (as the model's language writes apostrophes and
abbreviations, `ner_tokens`) and split into sentences; all sentences of the article are tagged
by the first-stage CRF, then again by the second stage, which also sees the first stage's
decisions across the whole article (see `ner_features`). Tags become character spans of the
paragraph; a name after a courtesy title is a person's, a person's name loses a title word in
front of it, the place of a news agency's dateline is a place, and a news agency or a listed
organisation is an organisation. Loading reads the files in `MODEL_FILES` (and the frequency
table and gazetteer its `training.json` names, if any) and happens once per process;
`training/ner/train.py` writes them. What is particular to a language is data in the model's
folder: `titles.txt` (title words cut from the front of a person's name), `agencies.txt` (news
agencies, as datelines and text name them), optionally `courtesy_titles.txt` ("Mr.", "Mrs.": the
name after one is a person's) and `organisations.txt` (organisations the training text is too
old to know, "Islamic State"), and in `training.json` the tokenizer's apostrophe rule and
abbreviations.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import pairwise
from pathlib import Path

import numpy as np
import pycrfsuite

from cleaner.document import EntityLabel
from cleaner.structure.crf_decode import StageWeights, viterbi
from cleaner.structure.ner_features import (
    OFFSETS,
    DocumentContext,
    Featurizer,
    FirstStage,
    bigrams,
    entity_spans,
    pad,
    position_features,
    tag_feature,
)
from cleaner.structure.ner_tokens import (
    ENGLISH_ABBREVIATIONS,
    Token,
    sentences,
    token_pattern,
    tokenize,
)

_CAPITAL = "A-ZÀ-ÖØ-Þ"
LABELS: dict[str, EntityLabel] = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
_CACHE_LIMIT = 30_000
MODEL_FILES = (
    "stage1.crfsuite", "stage2.crfsuite", "clusters.tsv", "first_names.txt", "titles.txt",
    "agencies.txt", "training.json",
)  # fmt: skip


def _models() -> Path:
    return Path(str(resources.files("cleaner") / "models" / "ner"))


def builtin_languages() -> tuple[str, ...]:
    """The languages with a packaged NER model (ISO 639-1 codes, sorted)."""
    return tuple(sorted(p.parent.name for p in _models().glob("*/training.json")))


def builtin_model_path(language: str) -> Path:
    """Where the packaged NER model for `language` is (written by `training/ner/train.py`)."""
    if language not in builtin_languages():
        raise ValueError(
            f"no built-in NER model for language {language!r}; built in: "
            f"{', '.join(builtin_languages())} (pass --ner-model NAME_OR_PATH for another)"
        )
    return _models() / language


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


def read_lines(path: Path) -> list[str]:
    """The non-empty lines of a word list (titles, agencies), in order."""
    return [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]


def read_frequencies(path: Path) -> dict[str, str]:
    """The frequency table: one `word<TAB>band` line per lower-case word."""
    with path.open(encoding="utf-8") as lines:
        return dict(line.rstrip("\n").split("\t") for line in lines)


def read_gazetteer(path: Path) -> dict[str, tuple[str, ...]]:
    """The gazetteer: one `word<TAB>TYPE|TYPE` line per lower-case word."""
    with path.open(encoding="utf-8") as lines:
        rows = (line.rstrip("\n").split("\t") for line in lines)
        return {word: tuple(types.split("|")) for word, types in rows}


def model_featurizer(path: Path, cache_limit: int = 200_000) -> Featurizer:
    """The feature extractor of the model in `path`, with its clusters, names, and the
    frequency table and gazetteer its `training.json` names (a model may have neither)."""
    features = json.loads((path / "training.json").read_text("utf-8")).get("features", {})
    table, gazetteer = features.get("frequencies"), features.get("gazetteer")
    return Featurizer(
        read_clusters(path / "clusters.tsv"),
        read_first_names(path / "first_names.txt"),
        cache_limit=cache_limit,
        frequencies=read_frequencies(path / table) if table else None,
        gazetteer=read_gazetteer(path / gazetteer) if gazetteer else None,
    )


def model_tokens(path: Path) -> re.Pattern[str]:
    """The tokenizer of the model in `path` (its `training.json` `tokens`; English's without)."""
    tokens = json.loads((path / "training.json").read_text("utf-8")).get("tokens", {})
    abbreviations = tokens.get("abbreviations")
    return token_pattern(
        tokens.get("apostrophes", "clitics"),
        tuple(abbreviations) if abbreviations is not None else ENGLISH_ABBREVIATIONS,
    )


def title_pattern(titles: Sequence[str]) -> re.Pattern[str]:
    """A title word (or words) in front of a capitalised word: "Governor Talal"."""
    listed = "|".join(re.escape(title) for title in titles) or "(?!)"
    return re.compile(rf"\b(?:{listed})\s+(?=[{_CAPITAL}])")


def organisation_pattern(names: Sequence[str]) -> re.Pattern[str]:
    """An organisation's name as a whole word: "Reuters", "Associated Press"."""
    listed = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{listed or '(?!)'})(?!\w)")


def dateline_pattern(agencies: Sequence[str]) -> re.Pattern[str]:
    """A dateline opening a paragraph: "TALVIK (Reuters) -", "GENEVA, Switzerland (AP) —"."""
    listed = "|".join(re.escape(agency) for agency in agencies) or "(?!)"
    return re.compile(
        rf"(?P<place>[{_CAPITAL}][{_CAPITAL}'’.-]+(?: [{_CAPITAL}][{_CAPITAL}'’.-]+){{0,3}})"
        rf"(?:, (?P<country>[{_CAPITAL}][\w.'’-]+(?: [{_CAPITAL}][\w.'’-]+){{0,2}}))?"
        rf" \((?:{listed})\)\s*[-–—]"
    )


class CrfBackend:
    """Entity backend over the two CRF stages and the cluster table in `path`.

    The stages' weights are read once (`StageWeights`); the summed weights of each word's own
    and neighbour features are kept in a word table (at most `_CACHE_LIMIT` words), the features
    that depend on the sentence or the article are added as arrays over all its tokens, and
    every sentence of the article is decoded in one batch per stage. The tags are those
    CRFsuite gives for the same features (`tests/test_crf_decode.py` checks it).
    """

    def __init__(self, path: Path) -> None:
        stages = []
        for name in ("stage1.crfsuite", "stage2.crfsuite"):
            tagger = pycrfsuite.Tagger()
            tagger.open(str(path / name))
            stages.append(tagger.info())
            tagger.close()
        self._weights = weights = StageWeights.of(stages)
        self._features = model_featurizer(path, cache_limit=0)
        self._tokens = model_tokens(path)
        self._title = title_pattern(read_lines(path / "titles.txt"))
        courtesy = path / "courtesy_titles.txt"
        self._courtesy = title_pattern(read_lines(courtesy) if courtesy.is_file() else [])
        agencies = read_lines(path / "agencies.txt")
        self._dateline = dateline_pattern(agencies)
        organisations = path / "organisations.txt"
        known = read_lines(organisations) if organisations.is_file() else []
        self._organisation = organisation_pattern([*agencies, *known])
        self._pads = weights.sums([[pad(offset)] for offset in OFFSETS])
        self._start, self._caps = weights.sums(
            [position_features(0, caps=False), position_features(1, caps=True)]
        )
        self._tags = {
            offset: weights.sums([[tag_feature(offset, label)] for label in weights.labels])[:, 1]
            for offset in (-1, 0, 1)
        }
        self._rows: dict[str, int] = {}
        # allocated at its limit once (zeroed pages cost memory only when a row is written), so
        # it is never copied to grow; only an article with more distinct words makes it larger
        self._table = np.zeros((_CACHE_LIMIT, 1 + len(OFFSETS), *self._pads.shape[1:]))
        settings = json.loads((path / "training.json").read_text("utf-8"))
        self.language = settings.get("language", "en")
        self.name = f"builtin:{self.language}_cleaner_ner_crf@{settings.get('version', '0')}"

    def find(self, paragraphs: Sequence[str]) -> list[list[tuple[int, int, EntityLabel]]]:
        """Entity spans per paragraph, from one pass over the whole article."""
        located: list[tuple[int, list[Token]]] = [
            (index, sentence)
            for index, paragraph in enumerate(paragraphs)
            for sentence in sentences(tokenize(paragraph, self._tokens))
        ]
        found: list[list[tuple[int, int, EntityLabel]]] = [[] for _ in paragraphs]
        words = [[token.text for token in sentence] for _index, sentence in located]
        for (index, tokens), tags in zip(located, self.tags(words), strict=True):
            for start, end, label in entity_spans(tags):
                found[index].append((tokens[start].start, tokens[end - 1].end, LABELS[label]))
        for index, paragraph in enumerate(paragraphs):
            persons = _after_courtesy_titles(paragraph, found[index], self._courtesy)
            without_titles = _without_titles(paragraph, persons, self._title)
            with_places = _dateline_places(paragraph, without_titles, self._dateline)
            found[index] = _organisations(paragraph, with_places, self._organisation)
        return found

    def tags(self, words: list[list[str]]) -> list[list[str]]:
        """The second stage's BIO tags for every sentence (a list of tokens) of an article."""
        if not words:
            return []
        layout = _Layout.of(words)
        scores = self._first_stage_scores(words, layout)
        first_ids = self._decode(scores[:, 0], layout, stage=0)
        first = FirstStage.of(words, self._tag_names(first_ids, layout))
        second = self._second_stage_scores(scores[:, 1], first_ids, layout)
        majorities = [
            features
            for sentence, tags in zip(words, first.tags, strict=True)
            for features in first.majorities(sentence, tags)
        ]
        second = self._with(second, majorities, stage=1)
        return self._tag_names(self._decode(second, layout, stage=1), layout)

    def _word_rows(self, words: list[list[str]]) -> list[int]:
        """Each token's row in the word table, adding the words not in it yet."""
        rows, distinct = self._rows, {word for sentence in words for word in sentence}
        new = [word for word in distinct if word not in rows]
        if len(rows) + len(new) > _CACHE_LIMIT:
            rows.clear()
            new = list(distinct)
        if new:
            parts = [
                part
                for word in new
                for part in (self._features.own(word), *self._features.as_neighbour(word))
            ]
            sums = self._weights.sums(parts).reshape(len(new), -1, *self._table.shape[2:])
            if len(rows) + len(new) > len(self._table):
                grown = max(2 * len(self._table), len(rows) + len(new))
                self._table = np.resize(self._table, (grown, *self._table.shape[1:]))
            self._table[len(rows) : len(rows) + len(new)] = sums
            rows.update(zip(new, range(len(rows), len(rows) + len(new)), strict=True))
        return [rows[word] for sentence in words for word in sentence]

    def _first_stage_scores(self, words: list[list[str]], layout: _Layout) -> np.ndarray:
        """Per token, per stage and label: the summed weights of its first-stage features."""
        rows = self._word_rows(words)
        vectors = self._table[rows]
        scores = vectors[:, 0].copy()
        for slot, offset in enumerate(OFFSETS):
            inside = layout.inside(offset)
            scores[inside] += vectors[np.flatnonzero(inside) + offset, slot + 1]
            scores[~inside] += self._pads[slot]
        scores[layout.place == 0] += self._start
        context = DocumentContext.of(words)
        scores[np.repeat(context.caps, layout.lengths)] += self._caps
        lowers = [[word.lower() for word in sentence] for sentence in words]
        evidence = {lower: context.evidence(lower) for lower in set().union(*lowers)}
        extra = [
            evidence[lower] + pairs
            for sentence in lowers
            for lower, pairs in zip(sentence, bigrams(sentence), strict=True)
        ]
        return self._with(scores, extra)

    def _second_stage_scores(
        self, scores: np.ndarray, first: np.ndarray, layout: _Layout
    ) -> np.ndarray:
        """`scores` plus the weights of the first stage's tags at and beside each token."""
        scores = scores + self._tags[0][first]
        for offset in (-1, 1):
            inside = layout.inside(offset)
            scores[inside] += self._tags[offset][first[np.flatnonzero(inside) + offset]]
        return scores

    def _with(
        self, scores: np.ndarray, features: list[list[str]], stage: int | None = None
    ) -> np.ndarray:
        """`scores` plus the weights of each token's `features` (of one stage, or all)."""
        tokens, rows = self._weights.rows_of(features)
        weights = self._weights.state[rows] if stage is None else self._weights.state[rows, stage]
        added = scores.copy()
        np.add.at(added, tokens, weights)
        return added

    def _decode(self, scores: np.ndarray, layout: _Layout, stage: int) -> np.ndarray:
        """The stage's best label ids for every token of the article."""
        emissions = np.split(scores, layout.bounds[1:-1])
        return np.concatenate(viterbi(emissions, self._weights.transitions[stage]))

    def _tag_names(self, ids: np.ndarray, layout: _Layout) -> list[list[str]]:
        """Label ids as tag names, per sentence."""
        names = [self._weights.labels[tag] for tag in ids.tolist()]
        bounds = layout.bounds.tolist()
        return [names[start:end] for start, end in pairwise(bounds)]


@dataclass(frozen=True, slots=True)
class _Layout:
    """Where each token of an article's sentences, laid end to end, is in its sentence."""

    lengths: np.ndarray
    bounds: np.ndarray
    place: np.ndarray
    length: np.ndarray

    @classmethod
    def of(cls, words: list[list[str]]) -> _Layout:
        lengths = np.array([len(sentence) for sentence in words])
        bounds = np.concatenate([[0], np.cumsum(lengths)])
        place = np.arange(bounds[-1]) - np.repeat(bounds[:-1], lengths)
        return cls(lengths, bounds, place, np.repeat(lengths, lengths))

    def inside(self, offset: int) -> np.ndarray:
        """Which tokens have a token `offset` places away in the same sentence."""
        other = self.place + offset
        return (other >= 0) & (other < self.length)


def _without_titles(
    paragraph: str, spans: list[tuple[int, int, EntityLabel]], title: re.Pattern[str]
) -> list[tuple[int, int, EntityLabel]]:
    """A person's name without the title in front ("Homs Governor Talal Barazi" -> "Talal
    Barazi"), as CoNLL annotates names; the words before the title are dropped, not guessed."""
    trimmed = []
    for start, end, label in spans:
        match = title.search(paragraph, start, end) if label == "PERSON" else None
        if match is not None and match.end() < end:
            start = match.end()
        trimmed.append((start, end, label))
    return trimmed


def _after_courtesy_titles(
    paragraph: str, spans: list[tuple[int, int, EntityLabel]], courtesy: re.Pattern[str]
) -> list[tuple[int, int, EntityLabel]]:
    """A name right after a courtesy title ("Mr. Clarke", "Mrs. Lee") is a person, whatever
    label the model gave it, and the title is not part of it; a span of the title alone is
    dropped. The 1996 Reuters text the English model learned from writes no "Mr.", which 2016
    news writes before every name (`courtesy_titles.txt`, by hand)."""
    after_title = {match.end() for match in courtesy.finditer(paragraph)}
    kept = []
    for start, end, label in spans:
        inside = courtesy.match(paragraph, start, end)
        if inside is not None:
            start, label = inside.end(), "PERSON"
        elif start in after_title:
            label = "PERSON"
        if paragraph[start:end].strip(" .") and not courtesy.fullmatch(paragraph[start:end] + " A"):
            kept.append((start, end, label))
    return kept


def _organisations(
    paragraph: str, spans: list[tuple[int, int, EntityLabel]], organisation: re.Pattern[str]
) -> list[tuple[int, int, EntityLabel]]:
    """A news agency, or an organisation of the model's `organisations.txt`, is an
    organisation wherever it is named ("told The Associated Press", "Islamic State group"):
    agencies are the sources news text names most, and a model trained on one agency's wire
    has seen the others too seldom to know them; the listed organisations are younger than
    the training text. A span inside the name or across its edge gives way to it; a longer one
    around it ("The Associated Press", "AP Stylebook") stays."""
    kept = list(spans)
    for match in organisation.finditer(paragraph):
        start, end = match.span()
        if any(s <= start and end <= e and (s, e) != (start, end) for s, e, _l in kept):
            continue
        kept = [span for span in kept if not (span[0] < end and start < span[1])]
        kept.append((start, end, "ORG"))
    return sorted(kept)


def _dateline_places(
    paragraph: str, spans: list[tuple[int, int, EntityLabel]], dateline: re.Pattern[str]
) -> list[tuple[int, int, EntityLabel]]:
    """The place of a modern dateline ("TALVIK (Reuters) -", "GENEVA, Switzerland (AP) —").

    English CoNLL's datelines are "BRUSSELS 1996-08-22", so the model never saw this form and
    often calls the place an organisation. The dateline's place names are LOC, whatever it said.
    """
    match = dateline.match(paragraph)
    if match is None:
        return spans
    places = [match.span("place")] + ([match.span("country")] if match.group("country") else [])
    kept = [s for s in spans if not any(s[0] < end and start < s[1] for start, end in places)]
    return sorted(kept + [(start, end, "LOC") for start, end in places])
