"""Rebuild the built-in English NER model from scratch, in one command.

    python training/ner/train.py                   # about 10 minutes on one core
    python training/ner/train.py --cv --jobs 2     # also 5-fold cross-validation over
                                                   # train + testa, two folds at a time
    python training/ner/train.py --outside         # issue 19's trial recipe (not shipped)

Steps: check the CoNLL files against `data.sha256`; collect unlabelled news text
(`unlabelled.py`); learn word clusters (`clusters.py`); with `--outside`, also read
unlabelled-news and write the word frequency table (`frequencies.py`) and the gazetteer of
outside name lists (`gazetteers.py`); train the two CRF stages on eng.train
(the second stage on jackknifed first-stage output: four folds, so it learns from decisions
made on text the first stage did not train on); score eng.testa; write `stage1.crfsuite`,
`stage2.crfsuite`, `clusters.tsv` (with `--outside`, `word_frequency.tsv` and `gazetteer.tsv`)
and `training.json` (settings, seed, checksums, scores) into `cleaner/models/ner/en/`, with
`first_names.txt` (US Census 1990 first names, from the `names` package). Every step is
deterministic, so the same command on the same data rebuilds the same files. Training is not
part of the test suite.
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
from collections import Counter
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import pycrfsuite

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpora
from conll import DATA, Article, checksums, read_conll

from cleaner.structure.crf_ner import read_clusters, read_frequencies, read_gazetteer
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
VERSION = "1.0.0"  # the English recipe's (1.1.0 with --outside); languages.py has its own
OUTSIDE_VERSION = "1.1.0"
CRF = {"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}
JACKKNIFE = 4
SEED = 13
FOLDS = 5
FREQUENCIES = "word_frequency.tsv"
GAZETTEER = "gazetteer.tsv"
HAND_WRITTEN = (  # language data, not learnt
    "titles.txt", "courtesy_titles.txt", "agencies.txt", "organisations.txt",
)  # fmt: skip
STEPS = ("unlabelled.py", "clusters.py")
OUTSIDE_STEPS = (
    "unlabelled.py --with-news", "clusters.py --with-news", "frequencies.py en", "gazetteers.py",
)  # fmt: skip


class Model:
    """The two CRF stages, trained on a list of articles (with the first names the articles
    teach added to `names` when `learn_names`, a gazetteer of their entity words when
    `learn_gazetteer`, a frequency table and a fixed gazetteer when given, and the CRF
    settings `crf`).

    The jackknife's first-stage models, whose output the second stage learns from, learn their
    gazetteer from their own training articles only, as a model on new text would (their first
    names are the whole model's, as before the gazetteer, so that the shipped models rebuild
    byte for byte)."""

    def __init__(
        self, articles: list[Article], clusters: Clusters, names: frozenset[str], folder: Path,
        frequencies: Frequencies | None = None, learn_names: bool = False,
        learn_gazetteer: bool = False, crf: Mapping[str, Any] = CRF,
        gazetteer: Gazetteer | None = None,
    ) -> None:  # fmt: skip
        self.crf = crf
        self.learning = Learning(
            clusters, names, frequencies, learn_names, learn_gazetteer, gazetteer or {}
        )
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
    gazetteer: Gazetteer = field(default_factory=dict)

    def featurizer(
        self, articles: list[Article], names: frozenset[str] | None = None
    ) -> Featurizer:
        """The features of a model trained on `articles` (their first names, unless `names` are
        given, and the fixed gazetteer with what they teach, if it is learnt)."""
        if names is None:
            names = self.names | corpora.first_names(articles) if self.learn_names else self.names
        table = dict(self.gazetteer)
        if self.learn_gazetteer:
            for word, types in corpora.gazetteer(articles).items():
                table[word] = tuple(sorted({*table.get(word, ()), *types}))
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


def score(model: Model, articles: list[Article]) -> dict[str, Any]:
    """Entity-level precision, recall and F1 (exact span and type), overall and, under
    `types`, each type's F1."""
    counts: dict[str, Counter[str]] = {}
    for article in articles:
        for sentence, tags in zip(article, model.tag(article), strict=True):
            want = set(entity_spans([tag for _token, tag in sentence]))
            got = set(entity_spans(tags))
            for label in {"", *(span[2] for span in want | got)}:
                tally = counts.setdefault(label, Counter())
                mine = {span for span in want if label in ("", span[2])}
                theirs = {span for span in got if label in ("", span[2])}
                tally["tp"] += len(mine & theirs)
                tally["predicted"] += len(theirs)
                tally["gold"] += len(mine)
    overall = _figures(counts.pop("", Counter()))
    types = {label: _figures(counts[label])["f1"] for label in sorted(counts)}
    return {**overall, "types": types}


def _figures(tally: Counter[str]) -> dict[str, float]:
    precision = tally["tp"] / max(tally["predicted"], 1)
    recall = tally["tp"] / max(tally["gold"], 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def cross_validate(
    articles: list[Article], clusters: Clusters, names: frozenset[str],
    model_class: type[Model] = Model, folds: int = 3, jobs: int = 1, **options: Any,
) -> list[dict[str, float]]:  # fmt: skip
    """`folds` folds over the given articles (shuffled with the fixed seed), `jobs` of them
    trained at a time in their own processes; `options` go to `model_class` (each fold's model
    learns its names from its own training articles only)."""
    order = list(range(len(articles)))
    random.Random(SEED).shuffle(order)
    cuts = []
    for fold in range(folds):
        held = {index for place, index in enumerate(order) if place % folds == fold}
        kept = [a for i, a in enumerate(articles) if i not in held]
        cuts.append((kept, [a for i, a in enumerate(articles) if i in held]))
    with ProcessPoolExecutor(jobs) as pool:
        runs = [
            pool.submit(_fold_score, kept, held, clusters, names, model_class, options)
            for kept, held in cuts
        ]
        results = []
        for fold, run in enumerate(runs):
            results.append(run.result())
            print(f"fold {fold}: {results[-1]}", flush=True)
    return results


def _fold_score(
    kept: list[Article], held: list[Article], clusters: Clusters, names: frozenset[str],
    model_class: type[Model], options: dict[str, Any],
) -> dict[str, float]:  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        return score(model_class(kept, clusters, names, Path(folder), **options), held)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cv", action="store_true", help="also cross-validate (5 x training)")
    parser.add_argument("--jobs", type=int, default=1, help="folds trained at a time")
    parser.add_argument(
        "--outside",
        action="store_true",
        help="the recipe tried for issue 19, not shipped: clusters from unlabelled-news too, "
        "word frequency bands and the gazetteer of outside name lists (see the README)",
    )
    parser.add_argument(
        "--tables-built",
        action="store_true",
        help="reuse the text, clusters, frequency table and gazetteer already in corpus/ (built "
        "by the same scripts from the same data) instead of building them again",
    )
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
    for step in () if args.tables_built else OUTSIDE_STEPS if args.outside else STEPS:
        script, *arguments = step.split()
        subprocess.run([sys.executable, str(HERE / script), *arguments], check=True)
    clusters = read_clusters(HERE / "corpus" / "clusters.tsv")
    tables = (
        {
            "frequencies": read_frequencies(HERE / "corpus" / "en" / FREQUENCIES),
            "gazetteer": read_gazetteer(HERE / "corpus" / "en" / GAZETTEER),
        }
        if args.outside
        else {}
    )
    names = first_names()
    train, testa = read_conll(DATA / "eng.train"), read_conll(DATA / "eng.testa")
    output = args.package / "work"
    output.mkdir(parents=True, exist_ok=True)
    model = Model(train, clusters, names, output, **tables)
    scores = score(model, testa)
    print(f"eng.testa: {scores}")
    record: dict[str, Any] = {
        "version": OUTSIDE_VERSION if args.outside else VERSION,
        "language": "en",
        "command": "python training/ner/train.py" + (" --outside" if args.outside else ""),
        "model": "two-stage linear-chain CRF (python-crfsuite); features: ner_features.py",
    }
    if args.outside:
        record["features"] = {
            "clusters": "floret + k-means over unlabelled.py --with-news's text (clusters.py)",
            "first_names": "US Census 1990 (names package)",
            "frequencies": FREQUENCIES,
            "gazetteer": GAZETTEER,
        }
    record |= {
        "crf": CRF,
        "jackknife_folds": JACKKNIFE,
        "seed": SEED,
        "data_sha256": sums,
        "eng_testa": scores,
        "training_minutes": round((time.perf_counter() - started) / 60, 1),
    }
    if args.cv:
        record["cross_validation_train_plus_testa"] = cross_validate(
            train + testa, clusters, names, folds=FOLDS, jobs=args.jobs, **tables
        )
    for name in ("stage1.crfsuite", "stage2.crfsuite"):
        shutil.copyfile(output / name, args.package / name)
    shutil.copyfile(HERE / "corpus" / "clusters.tsv", args.package / "clusters.tsv")
    for name in (FREQUENCIES, GAZETTEER) if args.outside else ():
        shutil.copyfile(HERE / "corpus" / "en" / name, args.package / name)
    for name in HAND_WRITTEN if args.package != PACKAGE else ():
        if (PACKAGE / name).is_file():
            shutil.copyfile(PACKAGE / name, args.package / name)
    (args.package / "first_names.txt").write_text("\n".join(sorted(names)) + "\n")
    (args.package / "training.json").write_text(json.dumps(record, indent=2) + "\n")
    shutil.rmtree(output)
    print(f"model written to {args.package}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
