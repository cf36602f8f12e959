"""Build the NER model of German, Spanish, Dutch or Italian (`train.py --language xx` runs this).

    python training/ner/train.py --language de          # writes cleaner/models/ner/de/
    python training/ner/train.py --language de --cv     # also 3-fold cross-validation

The recipe is the English one (`train.py`: two CRF stages, the second on jackknifed first-stage
output, the same CRF settings and seed) with what the data of these languages asks for:

* the corpus read as `corpora.py` says (German umlauts repaired; articles found where the file
  does not mark them), checked against `data.<lang>.sha256` before anything is built;
* word clusters from that language's unlabelled text (`unlabelled_language.py`, `clusters.py`);
* the frequency band of each word's lower-case form (`frequencies.py`, from `wordfreq`), which
  tells a capitalised German noun from a name;
* first names: the US Census lists and the first names the training articles teach (the first
  word of a person's name of two or more words, in two articles or more; in cross-validation,
  only the fold's own training articles count);
* the tokenizer of the language (`ner_tokens.APOSTROPHES`, and the abbreviations its training
  split writes with their full stop), recorded in `training.json`.

The package's `titles.txt` and `agencies.txt` are written by hand (they are language data, not
learned) and copied along when the model is written elsewhere. Scores: the development split
(`dev`), and with `--cv` three folds over the articles of train + dev together.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from conll import Article
from corpora import CORPORA, TRIALS, abbreviations
from train import (
    CRF,
    FREQUENCIES,
    GAZETTEER,
    HAND_WRITTEN,
    HERE,
    JACKKNIFE,
    MODELS,
    SEED,
    Learning,
    Model,
    cross_validate,
    first_names,
)
from train import score as score_model
from unlabelled_language import APOSTROPHES

from cleaner.structure.crf_ner import read_clusters, read_frequencies, read_lines
from cleaner.structure.ner_features import Clusters, Frequencies, Gazetteer

VERSION = "1.0.0"  # of this recipe (the English model has its own, in train.py)
CV_KEYS = {"full": "cross_validation_train_plus_dev", "stage1": "cross_validation_stage_one"}


def build(language: str, package: Path, cv: bool, without: frozenset[str] = frozenset()) -> int:
    """Train, score and write the language's model into `package`; 0 on success."""
    corpus = {**CORPORA, **TRIALS}[language]
    sums = corpus.checksums()
    if "\n".join(sums) + "\n" != (HERE / f"data.{language}.sha256").read_text():
        print(f"the {language} files differ from data.{language}.sha256: refusing to build")
        return 1
    started = time.perf_counter()
    for step in ("unlabelled_language.py", "clusters.py", "frequencies.py"):
        subprocess.run([sys.executable, str(HERE / step), language], check=True)
    work = HERE / "corpus" / language
    clusters = read_clusters(work / "clusters.tsv")
    frequencies = None if "frequencies" in without else read_frequencies(work / FREQUENCIES)
    listed = MODELS / language / "agencies.txt"
    agencies = frozenset(read_lines(listed)) if listed.exists() else frozenset()
    train, dev = corpus.read(corpus.train, agencies), corpus.read(corpus.dev, agencies)
    options = {
        "frequencies": frequencies,
        "learn_names": "names" not in without,
        "learn_gazetteer": corpus.gazetteer,
        "crf": {**CRF, **corpus.crf},
    }
    output = package / "work"
    output.mkdir(parents=True, exist_ok=True)
    model = Model(train, clusters, first_names(), output, **options)  # type: ignore[arg-type]
    scores = score_model(model, dev)
    print(f"{corpus.dev}: {scores}", flush=True)
    record = {
        "version": VERSION,
        "language": language,
        "command": f"python training/ner/train.py --language {language}"
        + (f" --without {','.join(sorted(without))}" if without else ""),
        "model": "two-stage linear-chain CRF (python-crfsuite); features: ner_features.py",
        "crf": options["crf"],
        "jackknife_folds": JACKKNIFE,
        "seed": SEED,
        "data_sha256": sums,
        "articles": {"train": len(train), "dev": len(dev), "found_by": corpus.articles},
        "tokens": {
            "apostrophes": APOSTROPHES[language],
            "abbreviations": abbreviations(corpus.read(corpus.train)),
        },
        "features": {
            "frequencies": FREQUENCIES if frequencies is not None else None,
            "first_names": "US Census 1990"
            + (" + first names of the training articles" if options["learn_names"] else ""),
            "gazetteer": GAZETTEER if corpus.gazetteer else None,
        },
        "dev": {"file": corpus.dev, **scores},
        "training_minutes": round((time.perf_counter() - started) / 60, 1),
    }
    for name in ("stage1.crfsuite", "stage2.crfsuite"):
        shutil.copyfile(output / name, package / name)
    shutil.copyfile(work / "clusters.tsv", package / "clusters.tsv")
    if frequencies is not None:
        shutil.copyfile(work / FREQUENCIES, package / FREQUENCIES)
    for name in HAND_WRITTEN:
        if package != MODELS / language:
            source = MODELS / language / name
            (package / name).write_text(source.read_text("utf-8") if source.exists() else "")
    (package / "first_names.txt").write_text("\n".join(sorted(model.names)) + "\n")
    if corpus.gazetteer:
        write_gazetteer(package / GAZETTEER, model.gazetteer)
    (package / "training.json").write_text(json.dumps(record, indent=2) + "\n")
    shutil.rmtree(output)
    print(f"model written to {package}", flush=True)
    if cv:
        record["cross_validation_train_plus_dev"] = cross_validate(
            train + dev, clusters, first_names(), **options
        )
        (package / "training.json").write_text(json.dumps(record, indent=2) + "\n")
    return 0


def write_gazetteer(path: Path, table: Gazetteer) -> None:
    """The gazetteer as `crf_ner.read_gazetteer` reads it: `word<TAB>TYPE|TYPE`, sorted."""
    path.write_text("".join(f"{word}\t{'|'.join(table[word])}\n" for word in sorted(table)))


class StageOne(Model):
    """The first CRF stage alone: the cheap cross-validation (a third of the training runs)."""

    def __init__(
        self, articles: list[Article], clusters: Clusters, names: frozenset[str], folder: Path,
        frequencies: Frequencies | None = None, learn_names: bool = False,
        learn_gazetteer: bool = False, crf: Mapping[str, Any] = CRF,
    ) -> None:  # fmt: skip
        self.crf = crf
        self.learning = Learning(clusters, names, frequencies, learn_names, learn_gazetteer)
        self.features = self.learning.featurizer(articles)
        self.first = self._train(articles, folder / "stage1.crfsuite", second=False)

    def tag(self, article: Article) -> list[list[str]]:
        return self._first(self.first, article)


def cross_validation_only(language: str, package: Path, kind: str) -> int:
    """Cross-validate the recipe of the model in `package` (already built, its clusters and
    frequencies still in `corpus/`), `full` or `stage1`, and add the folds to its
    `training.json`; the model files are not touched."""
    record = json.loads((package / "training.json").read_text("utf-8"))
    work = HERE / "corpus" / language
    corpus = CORPORA[language]
    agencies = frozenset(read_lines(MODELS / language / "agencies.txt"))
    articles = corpus.read(corpus.train, agencies) + corpus.read(corpus.dev, agencies)
    table = record["features"]["frequencies"]
    options = {
        "frequencies": read_frequencies(work / FREQUENCIES) if table else None,
        "learn_names": "training articles" in record["features"]["first_names"],
        "learn_gazetteer": bool(record["features"].get("gazetteer")),
        "crf": record["crf"],
    }
    model_class = StageOne if kind == "stage1" else Model
    folds = cross_validate(
        articles, read_clusters(work / "clusters.tsv"), first_names(), model_class, **options
    )
    record[CV_KEYS[kind]] = folds
    (package / "training.json").write_text(json.dumps(record, indent=2) + "\n")
    return 0


def rescore(language: str, package: Path) -> int:
    """Score the built model in `package` on the development split again, as the corpus
    reader reads it now, and record it in its `training.json` (no training)."""
    import pycrfsuite

    from cleaner.structure.crf_ner import model_featurizer

    record = json.loads((package / "training.json").read_text("utf-8"))
    corpus = CORPORA[language]
    agencies = frozenset(read_lines(MODELS / language / "agencies.txt"))
    model = Model.__new__(Model)
    model.features = model_featurizer(package)
    model.first, model.second = pycrfsuite.Tagger(), pycrfsuite.Tagger()
    model.first.open(str(package / "stage1.crfsuite"))
    model.second.open(str(package / "stage2.crfsuite"))
    record["dev"] = {"file": corpus.dev, **score_model(model, corpus.read(corpus.dev, agencies))}
    print(f"{corpus.dev}: {record['dev']}")
    (package / "training.json").write_text(json.dumps(record, indent=2) + "\n")
    return 0
