"""Rebuild the built-in English NER model from scratch, in one command.

    python training/ner/train.py           # about 10 minutes on one core
    python training/ner/train.py --cv      # also 3-fold cross-validation over train + testa

Steps: check the CoNLL files against `data.sha256`; collect unlabelled news text
(`unlabelled.py`); learn word clusters (`clusters.py`); train the two CRF stages on eng.train
(the second stage on jackknifed first-stage output: four folds, so it learns from decisions
made on text the first stage did not train on); score eng.testa; write `stage1.crfsuite`,
`stage2.crfsuite`, `clusters.tsv` and `training.json` (settings, seed, checksums, scores) into
`cleaner/models/ner/`, with `first_names.txt` (US Census 1990 first names, from the `names`
package). Every step is deterministic, so the same command on the same data
rebuilds the same files. Training is not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pycrfsuite

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpora
from conll import DATA, Article, checksums, read_conll

from cleaner.structure.crf_ner import read_clusters
from cleaner.structure.ner_features import (
    Clusters,
    DocumentContext,
    Featurizer,
    FirstStage,
    Frequencies,
    Gazetteer,
    entity_spans,
)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
MODELS = ROOT / "cleaner" / "models" / "ner"
PACKAGE = MODELS / "en"
VERSION = "1.0.0"
CRF = {"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}
JACKKNIFE = 4
SEED = 13


class Model:
    """The two CRF stages, trained on a list of articles (with the first names the articles
    teach added to `names` when `learn_names`, a gazetteer of their entity words when
    `learn_gazetteer`, a frequency table when given, and the CRF settings `crf`).

    The jackknife's first-stage models, whose output the second stage learns from, learn their
    gazetteer from their own training articles only, as a model on new text would (their first
    names are the whole model's, as before the gazetteer, so that the shipped models rebuild
    byte for byte)."""

    def __init__(
        self, articles: list[Article], clusters: Clusters, names: frozenset[str], folder: Path,
        frequencies: Frequencies | None = None, learn_names: bool = False,
        learn_gazetteer: bool = False, crf: Mapping[str, Any] = CRF,
    ) -> None:  # fmt: skip
        self.crf = crf
        self.learning = Learning(clusters, names, frequencies, learn_names, learn_gazetteer)
        self.features = self.learning.featurizer(articles)
        stage_one_output: list[list[list[str]]] = [[] for _ in articles]
        for fold in range(JACKKNIFE):
            held = [i for i in range(len(articles)) if i % JACKKNIFE == fold]
            rest = [a for i, a in enumerate(articles) if i % JACKKNIFE != fold]
            features = self.learning.featurizer(rest, self.features.first_names)
            tagger = self._train(rest, folder / f"fold{fold}.crfsuite", False, features=features)
            for index in held:
                stage_one_output[index] = self._first(tagger, articles[index], features)
        self.first = self._train(articles, folder / "stage1.crfsuite", second=False)
        self.second = self._train(
            articles, folder / "stage2.crfsuite", second=True, first_tags=stage_one_output
        )

    @property
    def names(self) -> frozenset[str]:
        """The first names the model knows (the Census lists and what it learned)."""
        return self.features.first_names

    @property
    def gazetteer(self) -> Gazetteer:
        """The model's gazetteer (empty unless it learns one)."""
        return self.features.gazetteer

    def _train(
        self,
        articles: list[Article],
        path: Path,
        second: bool,
        first_tags: list[list[list[str]]] | None = None,
        features: Featurizer | None = None,
    ) -> pycrfsuite.Tagger:
        featurizer = features or self.features
        trainer = pycrfsuite.Trainer(verbose=False)
        for number, article in enumerate(articles):
            words = [[token for token, _tag in sentence] for sentence in article]
            context = DocumentContext.of(words)
            stage = FirstStage.of(words, first_tags[number]) if second and first_tags else None
            for index, sentence in enumerate(article):
                features = featurizer.sentence(words[index], context)
                if stage is not None:
                    features = featurizer.second_stage(
                        words[index], features, stage.tags[index], stage
                    )
                trainer.append(features, [tag for _token, tag in sentence])
        trainer.set_params(dict(self.crf))
        trainer.train(str(path))
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        return tagger

    def _first(
        self, tagger: pycrfsuite.Tagger, article: Article, features: Featurizer | None = None
    ) -> list[list[str]]:
        words = [[token for token, _tag in sentence] for sentence in article]
        context = DocumentContext.of(words)
        featurizer = features or self.features
        return [tagger.tag(featurizer.sentence(w, context)) for w in words]

    def tag(self, article: Article) -> list[list[str]]:
        """Both stages over one article."""
        words = [[token for token, _tag in sentence] for sentence in article]
        context = DocumentContext.of(words)
        first = [self.features.sentence(w, context) for w in words]
        stage = FirstStage.of(words, [self.first.tag(features) for features in first])
        return [
            self.second.tag(self.features.second_stage(w, first[i], stage.tags[i], stage))
            for i, w in enumerate(words)
        ]


@dataclass(frozen=True)
class Learning:
    """What a model's features are made of, and what it learns from its training articles.

    >>> Learning({}, frozenset({"ANNA"})).featurizer([]).first_names
    frozenset({'ANNA'})
    """

    clusters: Clusters
    names: frozenset[str]
    frequencies: Frequencies | None = None
    learn_names: bool = False
    learn_gazetteer: bool = False

    def featurizer(
        self, articles: list[Article], names: frozenset[str] | None = None
    ) -> Featurizer:
        """The features of a model trained on `articles` (their first names, unless `names` are
        given, and their gazetteer, if learnt)."""
        if names is None:
            names = self.names | corpora.first_names(articles) if self.learn_names else self.names
        table = corpora.gazetteer(articles) if self.learn_gazetteer else None
        return Featurizer(self.clusters, names, frequencies=self.frequencies, gazetteer=table)


def first_names() -> frozenset[str]:
    """First names from the US Census 1990 lists shipped in the `names` package (MIT)."""
    files = resources.files("names")
    return frozenset(
        line.split()[0]
        for name in ("dist.male.first", "dist.female.first")
        for line in (files / name).read_text("utf-8").splitlines()
        if line.strip()
    )


def score(model: Model, articles: list[Article]) -> dict[str, float]:
    """Entity-level precision, recall and F1 (exact span and type)."""
    true_positive = predicted = gold = 0
    for article in articles:
        for sentence, tags in zip(article, model.tag(article), strict=True):
            want = set(entity_spans([tag for _token, tag in sentence]))
            got = set(entity_spans(tags))
            true_positive, predicted, gold = (
                true_positive + len(want & got), predicted + len(got), gold + len(want)
            )  # fmt: skip
    precision, recall = true_positive / max(predicted, 1), true_positive / max(gold, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def cross_validate(
    articles: list[Article], clusters: Clusters, names: frozenset[str],
    model_class: type[Model] = Model, **options: Any,
) -> list[dict[str, float]]:  # fmt: skip
    """Three folds over the given articles (shuffled with the fixed seed); `options` go to
    `model_class` (each fold's model learns its names from its own training articles only)."""
    order = list(range(len(articles)))
    random.Random(SEED).shuffle(order)
    results = []
    for fold in range(3):
        held = {index for place, index in enumerate(order) if place % 3 == fold}
        with tempfile.TemporaryDirectory() as folder:
            kept = [a for i, a in enumerate(articles) if i not in held]
            model = model_class(kept, clusters, names, Path(folder), **options)
            results.append(score(model, [a for i, a in enumerate(articles) if i in held]))
        print(f"fold {fold}: {results[-1]}", flush=True)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cv", action="store_true", help="also cross-validate (3 x training)")
    parser.add_argument(
        "--package",
        type=Path,
        default=PACKAGE,
        help="where to write the model (default: the package)",
    )
    parser.add_argument(
        "--language",
        default="en",
        choices=["en", *corpora.CORPORA, *corpora.TRIALS],
        help="which model to build (default en; languages.py builds the others)",
    )
    parser.add_argument(
        "--without",
        default="",
        help="for trials of another language's recipe: features to leave out, comma-separated "
        "(frequencies, names)",
    )
    parser.add_argument(
        "--cv-only",
        choices=["full", "stage1"],
        help="another language's model already built: only cross-validate its recipe (both "
        "stages, or the first stage alone, a third of the cost) and add the folds to its "
        "training.json",
    )
    parser.add_argument(
        "--rescore",
        action="store_true",
        help="another language's model already built: score it on the dev split again",
    )
    args = parser.parse_args(argv)
    if args.language != "en":
        import languages

        package = MODELS / args.language if args.package == PACKAGE else args.package
        if args.cv_only:
            return languages.cross_validation_only(args.language, package, args.cv_only)
        if args.rescore:
            return languages.rescore(args.language, package)
        without = frozenset(filter(None, args.without.split(",")))
        return languages.build(args.language, package, args.cv, without)
    sums = checksums("eng.train", "eng.testa")
    if "\n".join(sums) + "\n" != (HERE / "data.sha256").read_text():
        print("the CoNLL files differ from data.sha256: refusing to build a different model")
        return 1
    started = time.perf_counter()
    for step in ("unlabelled.py", "clusters.py"):
        subprocess.run([sys.executable, str(HERE / step)], check=True)
    clusters = read_clusters(HERE / "corpus" / "clusters.tsv")
    names = first_names()
    train, testa = read_conll(DATA / "eng.train"), read_conll(DATA / "eng.testa")
    output = args.package / "work"
    output.mkdir(parents=True, exist_ok=True)
    model = Model(train, clusters, names, output)
    scores = score(model, testa)
    print(f"eng.testa: {scores}")
    record = {
        "version": VERSION,
        "language": "en",
        "command": "python training/ner/train.py",
        "model": "two-stage linear-chain CRF (python-crfsuite); features: ner_features.py",
        "crf": CRF,
        "jackknife_folds": JACKKNIFE,
        "seed": SEED,
        "data_sha256": sums,
        "eng_testa": scores,
        "training_minutes": round((time.perf_counter() - started) / 60, 1),
    }
    if args.cv:
        record["cross_validation_train_plus_testa"] = cross_validate(train + testa, clusters, names)
    for name in ("stage1.crfsuite", "stage2.crfsuite"):
        shutil.copyfile(output / name, args.package / name)
    shutil.copyfile(HERE / "corpus" / "clusters.tsv", args.package / "clusters.tsv")
    (args.package / "first_names.txt").write_text("\n".join(sorted(names)) + "\n")
    (args.package / "training.json").write_text(json.dumps(record, indent=2) + "\n")
    shutil.rmtree(output)
    print(f"model written to {args.package}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
