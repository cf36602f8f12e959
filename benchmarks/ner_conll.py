"""Usage: python benchmarks/ner_conll.py [--model builtin|NAME|PATH] [--file eng.testa] [--limit N]
                                     [--trial FOLDER]

Entity-level precision, recall and F1 of cleaner's entity backend on CoNLL-2003 English
(`../shared/data/conll2003/eng.testa` by default; exits 0 with a message when it is absent),
per type and overall, conlleval style: an entity counts only when its span and its type are
both exactly right.

The backend runs as `cleaner clean` runs it: each article's sentences are its paragraphs
(tokens joined by spaces), all of them in one batched call, through the backend's own
tokenizer and quote handling. Predicted character spans are mapped back to the CoNLL tokens;
a span that does not start and end on token boundaries is simply wrong. CoNLL's PER is
cleaner's PERSON. Speed is tokens per second of the backend alone, in this single process
(one core), model loading excluded.

`--trial FOLDER` scores a built-in-style model folder that is not shipped (one
`training/ner/train.py --package FOLDER` wrote) in place of the packaged one.

For the built-in model (or a trial) it also prints the 5-fold cross-validation over the articles of
eng.train + eng.testa that `training/ner/train.py --cv` recorded in the model's
`training.json` (each fold's F1 overall and per type, their mean and spread: retraining five
models takes too long for a benchmark) and the model's size on disk, and checks issue 19's
targets: eng.testa F1 >= 0.925, cross-validation mean >= 0.905, >= 40,000 tokens/s,
<= 25 MB (PASS/FAIL; informational, the exit status stays 0).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from cleaner.structure.crf_ner import CrfBackend, builtin_model_path
from cleaner.structure.entities import BUILTIN, find_entities, load_backend
from cleaner.structure.ner_features import entity_spans

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training" / "ner"))
from conll import DATA, Article, read_conll

LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
TARGETS = {"f1": 0.925, "cv_mean": 0.905, "tokens_per_second": 40_000, "megabytes": 25}
Entity = tuple[int, int, int, str]  # sentence, first token, last token + 1, label


def gold_entities(article: Article) -> set[Entity]:
    """The article's entities as (sentence, first token, end token, label)."""
    return {
        (index, start, end, LABELS[label])
        for index, sentence in enumerate(article)
        for start, end, label in entity_spans([tag for _token, tag in sentence])
    }


def predicted_entities(article: Article, backend: object) -> tuple[set[Entity], int]:
    """The backend's entities mapped onto the CoNLL tokens, and the token count."""
    paragraphs, starts, ends = [], [], []
    for sentence in article:
        text, token_starts, token_ends = "", {}, {}
        for position, (token, _tag) in enumerate(sentence):
            if text:
                text += " "
            token_starts[len(text)] = position
            text += token
            token_ends[len(text)] = position + 1
        paragraphs.append(text)
        starts.append(token_starts)
        ends.append(token_ends)
    found: set[Entity] = set()
    for entity in find_entities(paragraphs, backend):  # type: ignore[arg-type]
        span = entity.span
        first = starts[span.paragraph].get(span.start)
        last = ends[span.paragraph].get(span.end)
        found.add((span.paragraph, first if first is not None else -1, last or -1, entity.label))
    return found, sum(len(sentence) for sentence in article)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[1])
    parser.add_argument(
        "--model", default="builtin", help="builtin (default), or a spaCy name or path"
    )
    parser.add_argument(
        "--file", default="eng.testa", help="CoNLL file in ../shared/data/conll2003"
    )
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--trial", type=Path, help="a built-in model folder that is not shipped")
    args = parser.parse_args(argv)
    path = DATA / args.file
    if not path.exists():
        print(f"SKIPPED: {path} is absent (the ../shared data is not in this checkout)")
        return 0
    articles = read_conll(path)[: args.limit]
    backend = CrfBackend(args.trial) if args.trial else load_backend(args.model, "en")
    counts: dict[str, Counter[str]] = {}
    figures: dict[str, float] = {}
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
    print(f"{backend.name} on {args.file}: {len(articles)} articles, {tokens:,} tokens\n")
    print(f"{'type':8} {'precision':>9} {'recall':>7} {'F1':>7} {'gold':>6}")
    for label, tally in counts.items():
        precision = tally["tp"] / max(tally["tp"] + tally["fp"], 1)
        recall = tally["tp"] / max(tally["tp"] + tally["fn"], 1)
        f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        gold_count = tally["tp"] + tally["fn"]
        print(f"{label:8} {precision:9.4f} {recall:7.4f} {f1:7.4f} {gold_count:6}")
        figures[label] = f1
    speed = tokens / seconds
    print(f"\nspeed: {speed:,.0f} tokens/s on one core (backend only, batched per article)")
    if args.model == BUILTIN or args.trial:
        folder = args.trial or builtin_model_path("en")
        print_builtin_checks(
            folder, figures["overall"] if args.file == "eng.testa" else None, speed
        )
    return 0


def print_folds(folds: list[dict[str, Any]]) -> float:
    """Print each fold's F1 overall and per type, and their spread; returns the mean."""
    for number, fold in enumerate(folds):
        types = " ".join(f"{k} {v:.4f}" for k, v in fold.get("types", {}).items())
        print(f"  fold {number}: F1 {fold['f1']:.4f}  {types}")
    scores = [fold["f1"] for fold in folds]
    mean = statistics.mean(scores)
    print(f"  mean {mean:.4f}, min {min(scores):.4f}, max {max(scores):.4f}, "
          f"stdev {statistics.pstdev(scores):.4f}")  # fmt: skip
    return mean


def print_builtin_checks(folder: Path, testa_f1: float | None, speed: float) -> None:
    """A built-in model's recorded cross-validation and size, and the targets' PASS/FAIL."""
    record = json.loads((folder / "training.json").read_text("utf-8"))
    folds = record.get("cross_validation_train_plus_testa", [])
    megabytes = sum(path.stat().st_size for path in folder.iterdir()) / 1e6
    checks = []
    if folds:
        command = record["command"]
        print(f"\n{len(folds)}-fold cross-validation over eng.train + eng.testa ({command}):")
        checks.append(("cross-validation mean F1", print_folds(folds), TARGETS["cv_mean"], True))
    else:
        print(
            "\nno cross-validation of the whole model recorded (python training/ner/train.py --cv)"
        )
    stage_one = record.get("cross_validation_stage_one", [])
    if stage_one:
        print(f"{len(stage_one)}-fold cross-validation of the first stage alone (the target is the "
              "whole model's, not checked here):")  # fmt: skip
        print_folds(stage_one)
    print(f"model size: {megabytes:.1f} MB ({folder})\n")
    if testa_f1 is not None:
        checks.append(("eng.testa F1", testa_f1, TARGETS["f1"], True))
    checks.append(("tokens/s", speed, TARGETS["tokens_per_second"], True))
    checks.append(("model MB", megabytes, TARGETS["megabytes"], False))
    for name, value, target, at_least in checks:
        passed = value >= target if at_least else value <= target
        sign = ">=" if at_least else "<="
        shown = f"{value:,.0f}" if value >= 1_000 else f"{value:.4f}"
        print(f"{name:26} {shown:>10}  target {sign} {target:,}: {'PASS' if passed else 'FAIL'}")


if __name__ == "__main__":
    sys.exit(main())
