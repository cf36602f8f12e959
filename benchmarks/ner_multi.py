"""Usage: python benchmarks/ner_multi.py [--lang de] [--limit N] [--types] [--trial PATH]

Every built-in NER model other than English on its language's development split
(`../shared/data/ner-multi`, read as `training/ner/corpora.py` reads it; exits 0 with a message
when it is absent), scored as `ner_conll.py` scores English: entity-level precision, recall and
F1, an entity counting only when its span and its type are both exactly right, each article's
sentences given to the backend as its paragraphs and tokenised by the backend itself.

Beside each model's F1 stands the anchor: the English built-in model's F1 on the same split
(what `cleaner` gave these languages before they had models of their own). Also printed: the
model's speed in tokens per second of the backend alone on one core (model loading excluded;
every word is new to the backend's word table, so this is the cold figure) and its size on
disk. `--types` adds the per-type figures of each language's own model.

`--trial PATH` scores a model that is not shipped instead (one `training/ner/train.py
--language fr --package PATH` wrote, trained on WikiANN's silver labels): on its WikiANN dev
split and, for French, on the Europeana newspapers (`corpora.europeana`, real news of
1906-1920 through OCR), the measure of how it carries to news.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from ner_conll import LABELS, gold_entities, predicted_entities

from cleaner.structure.crf_ner import CrfBackend, builtin_languages, builtin_model_path, read_lines

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training" / "ner"))
from corpora import CORPORA, MULTI, TRIALS, Article, europeana


def tallies(articles: list[Article], backend: CrfBackend) -> tuple[dict[str, Counter[str]], float]:
    """True positives, false positives and misses per type (and overall), and tokens/s."""
    counts: dict[str, Counter[str]] = {}
    tokens, seconds = 0, 0.0
    for article in articles:
        gold = gold_entities(article)
        started = time.perf_counter()
        predicted, article_tokens = predicted_entities(article, backend)
        seconds += time.perf_counter() - started
        tokens += article_tokens
        for label in [*LABELS.values(), "overall"]:
            keep = {e for e in gold if label in ("overall", e[3])}
            guess = {e for e in predicted if label in ("overall", e[3])}
            tally = counts.setdefault(label, Counter())
            tally["tp"] += len(keep & guess)
            tally["fp"] += len(guess - keep)
            tally["fn"] += len(keep - guess)
    return counts, tokens / max(seconds, 1e-9)


def figures(tally: Counter[str]) -> tuple[float, float, float]:
    """Precision, recall and F1 of one tally."""
    precision = tally["tp"] / max(tally["tp"] + tally["fp"], 1)
    recall = tally["tp"] / max(tally["tp"] + tally["fn"], 1)
    return precision, recall, 2 * precision * recall / max(precision + recall, 1e-9)


def dev_f1(language: str) -> float:
    """The F1 of the language's built-in model on its development split (for the quality gate)."""
    [(path, _name, articles)] = list(splits([language], None))
    counts, _speed = tallies(articles, CrfBackend(path))
    return figures(counts["overall"])[2]


def splits(
    languages: list[str] | None, trial: Path | None
) -> Iterator[tuple[Path, str, list[Article]]]:
    """(model folder, split name, articles) for each evaluation to run."""
    if trial is not None:
        language = json.loads((trial / "training.json").read_text("utf-8"))["language"]
        corpus = TRIALS[language]
        yield trial, f"wikiann {corpus.dev}", corpus.read(corpus.dev)
        if language == "fr":
            yield trial, "europeana", europeana()
        return
    for language in languages or [lang for lang in builtin_languages() if lang in CORPORA]:
        path = builtin_model_path(language)
        corpus = CORPORA[language]
        agencies = frozenset(read_lines(path / "agencies.txt"))
        yield path, corpus.dev, corpus.read(corpus.dev, agencies)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[1])
    parser.add_argument("--lang", action="append", help="only this language (repeatable)")
    parser.add_argument("--limit", type=int, help="only the first N articles of each split")
    parser.add_argument("--types", action="store_true", help="per-type figures too")
    parser.add_argument("--trial", type=Path, help="a model folder that is not shipped")
    args = parser.parse_args(argv)
    if not MULTI.exists():
        print(f"SKIPPED: {MULTI} is absent (the ../shared data is not in this checkout)")
        return 0
    english = CrfBackend(builtin_model_path("en"))
    print(f"{'model':32} {'split':13} {'P':>6} {'R':>6} {'F1':>6} {'en F1':>6} {'tokens/s':>9} MB")
    for path, name, articles in splits(args.lang, args.trial):
        backend = CrfBackend(path)
        counts, speed = tallies(articles[: args.limit], backend)
        anchor, _speed = tallies(articles[: args.limit], english)
        precision, recall, f1 = figures(counts["overall"])
        size = sum(file.stat().st_size for file in path.iterdir()) / 1e6
        print(
            f"{backend.name:32} {name:13} {precision:6.4f} {recall:6.4f} {f1:6.4f} "
            f"{figures(anchor['overall'])[2]:6.4f} {speed:9,.0f} {size:.1f}",
            flush=True,
        )
        if args.types:
            for label, tally in counts.items():
                if tally["tp"] + tally["fn"]:
                    p, r, f = figures(tally)
                    print(f"  {label:30} {'':13} {p:6.4f} {r:6.4f} {f:6.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
