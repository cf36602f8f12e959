"""Compare CRF settings for a language's first stage by cross-validation, at a fraction of the cost.

    python training/ner/tune.py --language nl --crf c1=0.05,c2=0.01 --crf c1=0.2,c2=0.01
    python training/ner/tune.py --language nl --gazetteer    # the default settings, + gazetteer
    python training/ner/tune.py --language nl --blocked      # folds of consecutive articles

The folds are `train.cross_validate`'s (three, over the articles of train + dev shuffled with
the fixed seed); each fold's model learns its first names from its own training articles only,
as `--cv-only stage1` does, and with `--gazetteer` its gazetteer (`corpora.gazetteer`) from
them too. What is cheaper: each fold's features are computed once and every
setting trains on them, and the clusters and frequency table are the built model's
(`cleaner/models/ner/<lang>/`), so nothing else is rebuilt. Prints, per setting, the three
folds and their mean F1; the dev split is never scored alone.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

import pycrfsuite

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conll import Article
from corpora import CORPORA, gazetteer
from corpora import first_names as taught_first_names
from train import CRF, MODELS, SEED, first_names
from train import score as score_model

from cleaner.structure.crf_ner import read_clusters, read_frequencies, read_lines
from cleaner.structure.ner_features import DocumentContext, Featurizer

FOLDS = 3


def setting(text: str) -> dict[str, Any]:
    """CRF settings from `key=value,...` over the defaults: `setting("c1=0.2")["c1"] == 0.2`."""
    chosen: dict[str, Any] = dict(CRF)
    for pair in filter(None, text.split(",")):
        key, value = pair.split("=")
        chosen[key] = int(value) if key == "max_iterations" else float(value)
    return chosen


class Tagged:
    """A trained first stage and its featurizer, as `train.score` wants a model."""

    def __init__(self, tagger: pycrfsuite.Tagger, features: Featurizer) -> None:
        self.tagger, self.features = tagger, features

    def tag(self, article: Article) -> list[list[str]]:
        """The first stage's tags for every sentence of the article."""
        words = [[token for token, _tag in sentence] for sentence in article]
        context = DocumentContext.of(words)
        return [self.tagger.tag(self.features.sentence(w, context)) for w in words]


def folds(
    articles: list[Article], blocked: bool = False
) -> list[tuple[list[Article], list[Article]]]:
    """(training, held-out) articles of each fold, cut as `train.cross_validate` cuts them or,
    `blocked`, as three runs of consecutive articles in file order (train, then dev)."""
    order = list(range(len(articles)))
    if not blocked:
        random.Random(SEED).shuffle(order)
    cut = []
    for fold in range(FOLDS):
        held = {
            index
            for place, index in enumerate(order)
            if (place * FOLDS // len(order) if blocked else place % FOLDS) == fold
        }
        kept = [a for i, a in enumerate(articles) if i not in held]
        cut.append((kept, [a for i, a in enumerate(articles) if i in held]))
    return cut


def trainer_for(articles: list[Article], features: Featurizer) -> pycrfsuite.Trainer:
    """A trainer holding the first-stage features of every sentence of `articles`."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for article in articles:
        words = [[token for token, _tag in sentence] for sentence in article]
        context = DocumentContext.of(words)
        for index, sentence in enumerate(article):
            trainer.append(features.sentence(words[index], context), [tag for _t, tag in sentence])
    return trainer


def tune(
    language: str, settings: list[dict[str, Any]], learn_gazetteer: bool = False,
    blocked: bool = False,
) -> list[list[dict[str, float]]]:  # fmt: skip
    """Per setting, the three folds' scores of the first stage trained with it."""
    package = MODELS / language
    corpus = CORPORA[language]
    agencies = frozenset(read_lines(package / "agencies.txt"))
    articles = corpus.read(corpus.train, agencies) + corpus.read(corpus.dev, agencies)
    clusters = read_clusters(package / "clusters.tsv")
    frequencies = read_frequencies(package / "word_frequency.tsv")
    results: list[list[dict[str, float]]] = [[] for _ in settings]
    for fold, (kept, held) in enumerate(folds(articles, blocked)):
        names = first_names() | taught_first_names(kept)
        table = gazetteer(kept) if learn_gazetteer else None
        features = Featurizer(clusters, names, frequencies=frequencies, gazetteer=table)
        trainer = trainer_for(kept, features)
        for number, chosen in enumerate(settings):
            with tempfile.TemporaryDirectory() as folder:
                trainer.set_params(chosen)
                trainer.train(str(Path(folder) / "stage1.crfsuite"))
                tagger = pycrfsuite.Tagger()
                tagger.open(str(Path(folder) / "stage1.crfsuite"))
                results[number].append(score_model(Tagged(tagger, features), held))  # type: ignore[arg-type]
            print(f"fold {fold} {chosen}: {results[number][-1]}", flush=True)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--language", required=True, choices=sorted(CORPORA))
    parser.add_argument("--crf", action="append", default=[], help="key=value,... (repeatable)")
    parser.add_argument("--gazetteer", action="store_true", help="with the gazetteer feature")
    parser.add_argument("--blocked", action="store_true", help="folds of consecutive articles")
    args = parser.parse_args(argv)
    settings = [setting(text) for text in args.crf or [""]]
    results = tune(args.language, settings, args.gazetteer, args.blocked)
    for chosen, scores in zip(settings, results, strict=True):
        mean = sum(score["f1"] for score in scores) / len(scores)
        print(f"{chosen}: folds {[s['f1'] for s in scores]} mean {mean:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
