"""Compare CRF settings for a language's first stage by cross-validation, at a fraction of the cost.

    python training/ner/tune.py --language nl --crf c1=0.05,c2=0.01 --crf c1=0.2,c2=0.01
    python training/ner/tune.py --language nl --gazetteer    # the default settings, + gazetteer
    python training/ner/tune.py --language nl --blocked      # folds of consecutive articles
    python training/ner/tune.py --language en --folds 5 --clusters corpus/clusters.tsv \
        --frequencies corpus/en/word_frequency.tsv --people # English, other tables, and
                                                            # 2016 news's named speakers

The folds are `train.cross_validate`'s (three, over the articles of train + dev shuffled with
the fixed seed); each fold's model learns its first names from its own training articles only,
as `--cv-only stage1` does, and with `--gazetteer` its gazetteer (`corpora.gazetteer`) from
them too. What is cheaper: each fold's features are computed once and every
setting trains on them, and the clusters and frequency table are the built model's
(`cleaner/models/ner/<lang>/`) unless `--clusters` or `--frequencies` name others (`none` for
no frequency table), so nothing else is rebuilt. English's articles are eng.train and
eng.testa, and its first names the Census lists alone (its model learns none). Prints, per
setting, each fold and the mean F1; the dev split is never scored alone. With `--people`
(English), each fold's first stage also runs on PolNeAR's articles, and the share of their
named speakers it tags PERSON is printed beside the F1 (`benchmarks/ner_people.py`: 1996
Reuters folds cannot see what a setting costs on names of 2016 news); the share is of the
first stage alone, without the backend's rules after the model, so compare it between
settings, not with the shipped model's figure.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycrfsuite

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conll import DATA, Article, read_conll
from corpora import CORPORA, gazetteer
from corpora import first_names as taught_first_names
from train import CRF, MODELS, SEED, first_names
from train import score as score_model

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import ner_people

from cleaner.document import EntityLabel
from cleaner.structure.crf_ner import (
    LABELS,
    model_tokens,
    read_clusters,
    read_frequencies,
    read_gazetteer,
    read_lines,
)
from cleaner.structure.ner_features import DocumentContext, Featurizer, entity_spans
from cleaner.structure.ner_tokens import sentences, tokenize


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


class FirstStageBackend(Tagged):
    """A trained first stage as an entity backend (`find`), to run it on raw paragraphs."""

    def find(self, paragraphs: list[str]) -> list[list[tuple[int, int, EntityLabel]]]:
        """Entity spans per paragraph, every sentence of the article tagged in one context."""
        pattern = model_tokens(MODELS / "en")
        located = [
            (index, sentence)
            for index, paragraph in enumerate(paragraphs)
            for sentence in sentences(tokenize(paragraph, pattern))
        ]
        words = [[token.text for token in sentence] for _index, sentence in located]
        context = DocumentContext.of(words)
        found: list[list[tuple[int, int, EntityLabel]]] = [[] for _ in paragraphs]
        for (index, tokens), sentence in zip(located, words, strict=True):
            tags = self.tagger.tag(self.features.sentence(sentence, context))
            for start, end, label in entity_spans(tags):
                found[index].append((tokens[start].start, tokens[end - 1].end, LABELS[label]))
        return found


def folds(
    articles: list[Article], blocked: bool = False, count: int = 3
) -> list[tuple[list[Article], list[Article]]]:
    """(training, held-out) articles of each of `count` folds, cut as `train.cross_validate`
    cuts them or, `blocked`, as runs of consecutive articles in file order (train, then dev)."""
    order = list(range(len(articles)))
    if not blocked:
        random.Random(SEED).shuffle(order)
    cut = []
    for fold in range(count):
        held = {
            index
            for place, index in enumerate(order)
            if (place * count // len(order) if blocked else place % count) == fold
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


@dataclass(frozen=True)
class Tables:
    """The word tables the folds' features use: clusters, and a frequency table and a fixed
    gazetteer (`gazetteers.py`) or none."""

    clusters: Path
    frequencies: Path | None
    gazetteer: Path | None = None


def model_tables(language: str) -> Tables:
    """The built model's tables (English's has no frequency table)."""
    package = MODELS / language
    frequencies, gazetteer = package / "word_frequency.tsv", package / "gazetteer.tsv"
    return Tables(
        package / "clusters.tsv",
        frequencies if frequencies.exists() else None,
        gazetteer if gazetteer.exists() else None,
    )


def articles_of(language: str) -> list[Article]:
    """The articles of the language's training and dev splits, in file order."""
    if language == "en":
        return read_conll(DATA / "eng.train") + read_conll(DATA / "eng.testa")
    corpus = CORPORA[language]
    agencies = frozenset(read_lines(MODELS / language / "agencies.txt"))
    return corpus.read(corpus.train, agencies) + corpus.read(corpus.dev, agencies)


def tune(
    language: str, settings: list[dict[str, Any]], learn_gazetteer: bool = False,
    blocked: bool = False, tables: Tables | None = None, count: int = 3,
    people: bool = False,
) -> list[list[dict[str, float]]]:  # fmt: skip
    """Per setting, each fold's score of the first stage trained with it (with `people`, also
    its share of PolNeAR's named speakers tagged PERSON, `"people"`)."""
    tables = tables or model_tables(language)
    articles = articles_of(language)
    speakers = (
        [a for split in ("dev", "train") for a in ner_people.articles(split)] if people else []
    )
    clusters = read_clusters(tables.clusters)
    frequencies = read_frequencies(tables.frequencies) if tables.frequencies else None
    results: list[list[dict[str, float]]] = [[] for _ in settings]
    for fold, (kept, held) in enumerate(folds(articles, blocked, count)):
        names = first_names() | (taught_first_names(kept) if language != "en" else frozenset())
        table = dict(read_gazetteer(tables.gazetteer)) if tables.gazetteer else {}
        if learn_gazetteer:
            for word, types in gazetteer(kept).items():
                table[word] = tuple(sorted({*table.get(word, ()), *types}))
        features = Featurizer(clusters, names, frequencies=frequencies, gazetteer=table)
        trainer = trainer_for(kept, features)
        for number, chosen in enumerate(settings):
            with tempfile.TemporaryDirectory() as folder:
                trainer.set_params(chosen)
                trainer.train(str(Path(folder) / "stage1.crfsuite"))
                tagger = pycrfsuite.Tagger()
                tagger.open(str(Path(folder) / "stage1.crfsuite"))
                results[number].append(score_model(Tagged(tagger, features), held))  # type: ignore[arg-type]
                if speakers:
                    backend = FirstStageBackend(tagger, features)
                    results[number][-1]["people"] = ner_people.person_share(speakers, backend)[1]
            print(f"fold {fold} {chosen}: {results[number][-1]}", flush=True)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--language", required=True, choices=["en", *sorted(CORPORA)])
    parser.add_argument("--crf", action="append", default=[], help="key=value,... (repeatable)")
    parser.add_argument("--gazetteer", action="store_true", help="with the gazetteer feature")
    parser.add_argument("--blocked", action="store_true", help="folds of consecutive articles")
    parser.add_argument("--folds", type=int, default=3, help="how many folds (default 3)")
    parser.add_argument("--clusters", type=Path, help="another cluster table")
    parser.add_argument("--frequencies", help="another frequency table, or `none`")
    parser.add_argument("--gazetteer-table", help="a fixed gazetteer table, or `none`")
    parser.add_argument("--people", action="store_true", help="PolNeAR named speakers (en)")
    args = parser.parse_args(argv)
    settings = [setting(text) for text in args.crf or [""]]
    built = model_tables(args.language)
    tables = Tables(
        args.clusters or built.clusters,
        built.frequencies if args.frequencies is None
        else None if args.frequencies == "none" else Path(args.frequencies),
        built.gazetteer if args.gazetteer_table is None
        else None if args.gazetteer_table == "none" else Path(args.gazetteer_table),
    )  # fmt: skip
    if args.people and args.language != "en":
        parser.error("--people checks English models only (PolNeAR is English news)")
    results = tune(
        args.language, settings, args.gazetteer, args.blocked, tables, args.folds, args.people
    )
    for chosen, scores in zip(settings, results, strict=True):
        mean = sum(score["f1"] for score in scores) / len(scores)
        print(f"{chosen}: folds {[s['f1'] for s in scores]} mean {mean:.4f}")
        if args.people:
            shares = [score["people"] for score in scores]
            print(f"  PolNeAR named speakers PERSON: {shares} mean {sum(shares) / len(shares):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
