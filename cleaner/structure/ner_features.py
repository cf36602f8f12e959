"""Features of the built-in NER model: one definition for training and for tagging.

    >>> article = [["He", "met", "Bashar", "Assad", "."], ["Assad", "left", "."]]
    >>> context = DocumentContext.of(article)
    >>> features = Featurizer(clusters={}).sentence(["Assad", "left", "."], context)
    >>> "doc_seq_last" in features[0], "w=Assad" in features[0]
    (True, True)

A token is described by its own form (word, lower case, shape, prefixes and suffixes up to four
characters, capitalisation), its word clusters (k-means over word vectors learned from
unlabelled news text; as many ids as the table's rows hold, `c1=`, `c2=`, ...: two granularities,
or two of each from two corpora; `unk` for words without a vector), whether it is a
known first name (US Census lists), for the models that have a frequency table (German,
Spanish, Dutch, Italian) how common its lower-case form is in the language (`frequency_band`)
and that band with the word's case (a German noun is capitalised but common, a name is
capitalised and rare), for the models that have a gazetteer (a setting of their
`training.json`) the entity types its capitalised lower-case form had in the training articles
(`gaz=LOC`), the same for two tokens either side, the neighbouring
bigrams, and evidence from the rest of the article: the word written capitalised mid-sentence
elsewhere, the word written in lower case elsewhere, the word as the first or last part of a
longer capitalised name elsewhere ("Assad" after "Bashar Assad"), and whether its sentence is
an all-caps headline.

The second stage adds what the first stage decided: this token's tag and its neighbours', and,
across the article, the label most often given to the same word, to the same name, and to
longer names containing the word (Krishnan and Manning's two-stage idea, 2006).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Clusters = Mapping[str, tuple[str, ...]]
Frequencies = Mapping[str, str]
Gazetteer = Mapping[str, tuple[str, ...]]

_UPPER = re.compile(r"[A-Z]")
_LOWER = re.compile(r"[a-z]")
_DIGIT = re.compile(r"[0-9]")
_REPEATS = re.compile(r"(.)\1+")
_CAPS_SHARE = 0.6
OFFSETS = (-2, -1, 1, 2)


@dataclass(slots=True)
class DocumentContext:
    """What the whole article says about its words, and which sentences are all-caps headlines."""

    capitalised: set[str] = field(default_factory=set)
    lower_case: set[str] = field(default_factory=set)
    in_names: dict[str, set[str]] = field(default_factory=dict)
    caps: list[bool] = field(default_factory=list)

    @classmethod
    def of(cls, sentences: Sequence[Sequence[str]]) -> DocumentContext:
        context = cls()
        for words in sentences:
            caps = is_caps_sentence(words)
            context.caps.append(caps)
            for position, word in enumerate(words):
                if word.islower():
                    context.lower_case.add(word)
                elif word[:1].isupper() and not word.isupper() and position > 0 and not caps:
                    context.capitalised.add(word.lower())
            if not caps:
                context._names(words)
        return context

    def evidence(self, lower: str) -> list[str]:
        """Features of a word from the rest of the article (given in lower case)."""
        features = []
        if lower in self.capitalised:
            features.append("doc_cap")
        if lower in self.lower_case:
            features.append("doc_lower")
        roles = self.in_names.get(lower)
        if roles:
            features += [f"doc_seq_{role}" for role in sorted(roles)]
        return features

    def _names(self, words: Sequence[str]) -> None:
        run: list[str] = []
        for position, word in enumerate([*words, "."]):
            if position > 0 and word.isalpha() and word[:1].isupper():
                run.append(word)
                continue
            if len(run) >= 2:
                for place, part in enumerate(run):
                    role = "first" if place == 0 else "last" if place == len(run) - 1 else "mid"
                    self.in_names.setdefault(part.lower(), set()).add(role)
            run = []


def is_caps_sentence(words: Sequence[str]) -> bool:
    """A headline in capitals: most alphabetic words are all upper case."""
    alphabetic = [word for word in words if word.isalpha()]
    return bool(alphabetic) and sum(w.isupper() for w in alphabetic) > _CAPS_SHARE * len(alphabetic)


def shape(word: str) -> str:
    """`Xxxxx`-style shape of a word: `shape("Al-Waer2") == "Xx-Xxxxd"`."""
    return _DIGIT.sub("d", _LOWER.sub("x", _UPPER.sub("X", word)))


def _short_shape(word: str) -> str:
    return _REPEATS.sub(r"\1", shape(word))


class Featurizer:
    """Feature strings for tokens, with each word's context-free part computed once.

        >>> Featurizer({}).sentence(["Aleppo"], DocumentContext())[0][:3]
        ['bias', 'w=Aleppo', 'wl=aleppo']

    The word caches are emptied when they reach `cache_limit` words, so memory stays bounded on
    corpora of any size; with 0 nothing is cached (for a caller that keeps its own cache).
    """

    def __init__(
        self, clusters: Clusters, first_names: frozenset[str] = frozenset(),
        cache_limit: int = 200_000, frequencies: Frequencies | None = None,
        gazetteer: Gazetteer | None = None,
    ) -> None:  # fmt: skip
        self.clusters = clusters
        width = len(next(iter(clusters.values()), ("unk", "unk")))
        self._no_clusters = ("unk",) * width
        self.first_names = first_names
        self.frequencies = frequencies or {}
        self.gazetteer = gazetteer or {}
        self.cache_limit = cache_limit
        self._own: dict[str, list[str]] = {}
        self._near: dict[str, tuple[list[str], ...]] = {}

    def own(self, word: str) -> list[str]:
        """The features of the word itself, whatever its context."""
        found = self._own.get(word)
        if found is None:
            found = [
                "bias", f"w={word}", f"wl={word.lower()}", f"shape={shape(word)[:8]}",
                f"short={_short_shape(word)}", f"title={word.istitle()}",
                f"upper={word.isupper()}", f"len={min(len(word), 8)}", *self._cluster_ids(word),
            ]  # fmt: skip
            for size in range(1, 5):
                found += [f"p{size}={word[:size]}", f"s{size}={word[-size:]}"]
            if "-" in word:
                found.append("hyph")
            if word[:1].isupper() and word.upper() in self.first_names:
                found.append("first_name")
            if self.frequencies:
                band = frequency_band(self.frequencies, word)
                found += [f"zf={band}", f"zfc={band}|{case(word)}"]
            found += gazetteer_types(self.gazetteer, word)
            self._remember(self._own, word, found)
        return found

    def as_neighbour(self, word: str) -> tuple[list[str], ...]:
        """The word's features as the token at each of `OFFSETS` from another."""
        found = self._near.get(word)
        if found is None:
            lower, short = word.lower(), _short_shape(word)
            own = [f"w={lower}", f"sh={short}", *self._cluster_ids(word)]
            if word[:1].isupper() and word.upper() in self.first_names:
                own.append("first_name")
            if self.frequencies:
                own.append(f"zf={frequency_band(self.frequencies, word)}")
            own += gazetteer_types(self.gazetteer, word)
            found = tuple([f"{offset}:{feature}" for feature in own] for offset in OFFSETS)
            self._remember(self._near, word, found)
        return found

    def _cluster_ids(self, word: str) -> list[str]:
        """`["c1=10", "c2=455"]`: the word's cluster at each granularity of the table."""
        ids = self.clusters.get(word, self._no_clusters)
        return [f"c{number}={cluster}" for number, cluster in enumerate(ids, 1)]

    def _remember(self, cache: dict[str, Any], word: str, found: Any) -> None:
        """Keep `found` for `word`, emptying the cache when it is full (never with limit 0)."""
        if self.cache_limit:
            if len(cache) >= self.cache_limit:
                cache.clear()
            cache[word] = found

    def sentence(self, words: Sequence[str], context: DocumentContext) -> list[list[str]]:
        """First-stage features, one list of strings per token."""
        caps = is_caps_sentence(words)
        lowers = [word.lower() for word in words]
        neighbours = [self.as_neighbour(word) for word in words]
        pairs = bigrams(lowers)
        found = []
        for position, word in enumerate(words):
            features = self.own(word) + position_features(position, caps)
            features += context.evidence(lowers[position])
            for index, offset in enumerate(OFFSETS):
                other = position + offset
                if 0 <= other < len(words):
                    features += neighbours[other][index]
                else:
                    features.append(pad(offset))
            found.append(features + pairs[position])
        return found

    def second_stage(
        self, words: Sequence[str], first_features: list[list[str]], tags: Sequence[str],
        first: FirstStage,
    ) -> list[list[str]]:  # fmt: skip
        """Second-stage features: the first stage's for the sentence, plus its decisions."""
        decided = first.decisions(words, tags)
        return [features + more for features, more in zip(first_features, decided, strict=True)]


def frequency_band(frequencies: Frequencies, word: str) -> str:
    """How common the word's lower-case form is (its band in the model's table; `0` when the
    table does not have it): `frequency_band({"haus": "5"}, "Haus") == "5"`."""
    return frequencies.get(word.lower(), "0")


def gazetteer_types(gazetteer: Gazetteer, word: str) -> list[str]:
    """`gazetteer_types({"rutte": ("PER",)}, "Rutte") == ["gaz=PER"]`: the entity types a
    capitalised word had in the training articles, as features (none for a lower-case word, and
    none at all with an empty gazetteer)."""
    if not gazetteer or not word[:1].isupper():
        return []
    return [f"gaz={label}" for label in gazetteer.get(word.lower(), ())]


def case(word: str) -> str:
    """`T` for a capitalised word, `U` all capitals, `l` lower case, `o` anything else."""
    if word.istitle():
        return "T"
    return "U" if word.isupper() else "l" if word.islower() else "o"


def pad(offset: int) -> str:
    """The feature of a neighbour position outside the sentence."""
    return f"{offset}:pad"


def position_features(position: int, caps: bool) -> list[str]:
    """The token's place in its sentence and its sentence's case."""
    return (["BOS"] if position == 0 else []) + (["capsent"] if caps else [])


def bigrams(lowers: Sequence[str]) -> list[list[str]]:
    """Per token, the lower-case bigrams it forms with the words before and after it."""
    found: list[list[str]] = [[] for _ in lowers]
    for position in range(1, len(lowers)):
        pair = f"{lowers[position - 1]}|{lowers[position]}"
        found[position - 1].append(f"bi+1={pair}")
        found[position].append(f"bi-1={pair}")
    return found


def tag_feature(offset: int, tag: str) -> str:
    """The second-stage feature of the first stage's tag `offset` tokens away (-1, 0, 1)."""
    return f"s1{offset:+d}={tag}" if offset else f"s1={tag}"


def entity_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) spans from BIO tags; an I- without its B- starts a span."""
    spans: list[tuple[int, int, str]] = []
    start, label = None, ""
    for position, tag in enumerate([*tags, "O"]):
        if start is not None and not (tag.startswith("I-") and tag[2:] == label):
            spans.append((start, position, label))
            start = None
        if tag != "O" and start is None:
            start, label = position, tag[2:]
    return spans


@dataclass(slots=True)
class FirstStage:
    """The first stage's tags for a whole article, and the votes they cast."""

    tags: list[list[str]]
    words: dict[str, Counter[str]] = field(default_factory=dict)
    names: dict[str, Counter[str]] = field(default_factory=dict)
    longer: dict[str, Counter[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, sentences: Sequence[Sequence[str]], tags: list[list[str]]) -> FirstStage:
        stage = cls(tags)
        for words, sentence_tags in zip(sentences, tags, strict=True):
            for start, end, label in entity_spans(sentence_tags):
                name = " ".join(words[start:end]).lower()
                stage.names.setdefault(name, Counter())[label] += 1
                for word in words[start:end]:
                    stage.words.setdefault(word.lower(), Counter())[label] += 1
                    if end - start > 1:
                        stage.longer.setdefault(word.lower(), Counter())[label] += 1
        return stage

    def decisions(self, words: Sequence[str], tags: Sequence[str]) -> list[list[str]]:
        """What the first stage decided, as second-stage features of each token of a sentence:
        its tag and its neighbours' (`tag_feature`), then its `majorities`."""
        found = []
        for position, majorities in enumerate(self.majorities(words, tags)):
            extra = [tag_feature(0, tags[position])]
            if position > 0:
                extra.append(tag_feature(-1, tags[position - 1]))
            if position + 1 < len(words):
                extra.append(tag_feature(1, tags[position + 1]))
            found.append(extra + majorities)
        return found

    def majorities(self, words: Sequence[str], tags: Sequence[str]) -> list[list[str]]:
        """Per token, the article's majority label for the word, for longer names holding the
        word, and for the name the token is part of."""
        in_entity = {
            position: " ".join(words[start:end]).lower()
            for start, end, _label in entity_spans(tags)
            for position in range(start, end)
        }
        found = []
        for position, word in enumerate(words):
            lower, extra = word.lower(), []
            if lower in self.words:
                extra.append(f"tokmaj={self.words[lower].most_common(1)[0][0]}")
            if lower in self.longer:
                extra.append(f"supmaj={self.longer[lower].most_common(1)[0][0]}")
            if position in in_entity:
                extra.append(f"entmaj={self.names[in_entity[position]].most_common(1)[0][0]}")
            found.append(extra)
        return found
