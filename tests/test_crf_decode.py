"""The built-in NER model's own CRF decoder gives CRFsuite's tags.

`cleaner.structure.crf_decode` re-implements CRFsuite's scoring and Viterbi decoding over the
weights of the shipped model, so that tagging is fast; these tests hold it to exactly what
CRFsuite itself outputs for the same features (the training path's feature strings) on the
corpus, in every checkout (CI included), and its Viterbi to a brute-force search over every
label sequence.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pycrfsuite
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_builtin_ner_languages import SENTENCES

from cleaner.structure import crf_ner
from cleaner.structure.crf_decode import viterbi
from cleaner.structure.crf_ner import (
    CrfBackend,
    builtin_languages,
    builtin_model_path,
    model_featurizer,
)
from cleaner.structure.entities import _STRAIGHT_QUOTES
from cleaner.structure.ner_features import DocumentContext, FirstStage
from cleaner.structure.ner_tokens import sentences, tokenize

ROOT = Path(__file__).resolve().parent.parent


def _best_by_enumeration(emissions: np.ndarray, transitions: np.ndarray) -> float:
    labels = range(transitions.shape[0])
    return max(
        sum(emissions[t, tag] for t, tag in enumerate(path))
        + sum(transitions[a, b] for a, b in itertools.pairwise(path))
        for path in itertools.product(labels, repeat=len(emissions))
    )


def _score(path: np.ndarray, emissions: np.ndarray, transitions: np.ndarray) -> float:
    return float(
        emissions[np.arange(len(path)), path].sum()
        + sum(transitions[a, b] for a, b in itertools.pairwise(path.tolist()))
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 4), min_size=1, max_size=5),
    st.integers(0, 2**32 - 1),
)
def test_viterbi_finds_the_best_path_of_every_sentence_in_a_batch(
    lengths: list[int], seed: int
) -> None:
    random = np.random.default_rng(seed)
    transitions = random.normal(size=(3, 3))
    emissions = [random.normal(size=(length, 3)) for length in lengths]
    paths = viterbi(emissions, transitions)
    assert [len(path) for path in paths] == lengths
    for path, scores in zip(paths, emissions, strict=True):
        if len(scores):
            best = _best_by_enumeration(scores, transitions)
            assert abs(_score(path, scores, transitions) - best) < 1e-9


def _crfsuite_tags(words: list[list[str]], language: str = "en") -> list[list[str]]:
    """The two stages through CRFsuite itself, with the training path's feature strings."""
    path = builtin_model_path(language)
    first_tagger, second_tagger = pycrfsuite.Tagger(), pycrfsuite.Tagger()
    first_tagger.open(str(path / "stage1.crfsuite"))
    second_tagger.open(str(path / "stage2.crfsuite"))
    features = model_featurizer(path)
    context = DocumentContext.of(words)
    first_features = [features.sentence(sentence, context) for sentence in words]
    first = FirstStage.of(words, [first_tagger.tag(f) for f in first_features])
    return [
        second_tagger.tag(features.second_stage(sentence, first_features[n], first.tags[n], first))
        for n, sentence in enumerate(words)
    ]


def test_the_backend_tags_as_crfsuite_does_on_the_corpus() -> None:
    texts = [path.read_text("utf-8") for path in sorted(ROOT.glob("corpus/*.txt"))]
    backend = CrfBackend(builtin_model_path("en"))
    tagged = 0
    for text in texts:
        paragraphs = [p.translate(_STRAIGHT_QUOTES) for p in text.split("\n") if p.strip()]
        words = [
            [token.text for token in sentence]
            for paragraph in paragraphs
            for sentence in sentences(tokenize(paragraph))
        ]
        expected = _crfsuite_tags(words)
        assert backend.tags(words) == expected
        tagged += sum(tag != "O" for sentence in expected for tag in sentence)
    assert tagged > 250  # entities enough for a real check (about 350 tags today)


@pytest.mark.parametrize("language", sorted(set(builtin_languages()) - {"en"}))
def test_the_backend_tags_as_crfsuite_does_in_every_language(language: str) -> None:
    backend = CrfBackend(builtin_model_path(language))
    paragraphs = [SENTENCES[language][0], *(s for s, _expected in SENTENCES.values())]
    words = [
        [token.text for token in sentence]
        for paragraph in paragraphs
        for sentence in sentences(tokenize(paragraph, backend._tokens))
    ]
    expected = _crfsuite_tags(words, language)
    assert backend.tags(words) == expected
    assert sum(tag != "O" for sentence in expected for tag in sentence) >= 8


def test_a_full_word_table_is_emptied_without_changing_any_tag(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = [path.read_text("utf-8") for path in sorted(ROOT.glob("corpus/*.txt"))[:4]]
    articles = [[p for p in text.split("\n") if p.strip()] for text in texts]
    expected = [CrfBackend(builtin_model_path("en")).find(article) for article in articles]
    monkeypatch.setattr(crf_ner, "_CACHE_LIMIT", 50)
    small = CrfBackend(builtin_model_path("en"))
    assert [small.find(article) for article in articles] == expected
    assert len(small._rows) <= max(50, max(len(set(" ".join(a).split())) for a in articles))


def test_odd_inputs_give_no_entities_and_no_error() -> None:
    backend = CrfBackend(builtin_model_path("en"))
    assert backend.find([]) == []
    assert backend.find(["", "   ", "…", "“”"]) == [[], [], [], []]
    long_sentence = " ".join(["word"] * 3000)
    assert backend.find([long_sentence]) == [[]]
