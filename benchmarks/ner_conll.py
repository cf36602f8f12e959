"""Usage: python benchmarks/ner_conll.py [--model builtin|NAME|PATH] [--file eng.testa] [--limit N]

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
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from cleaner.structure.entities import find_entities, load_backend
from cleaner.structure.ner_features import entity_spans

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training" / "ner"))
from conll import DATA, Article, read_conll

LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
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
    args = parser.parse_args(argv)
    path = DATA / args.file
    if not path.exists():
        print(f"SKIPPED: {path} is absent (the ../shared data is not in this checkout)")
        return 0
    articles = read_conll(path)[: args.limit]
    backend = load_backend(args.model, "en")
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
    print(f"{backend.name} on {args.file}: {len(articles)} articles, {tokens:,} tokens\n")
    print(f"{'type':8} {'precision':>9} {'recall':>7} {'F1':>7} {'gold':>6}")
    for label, tally in counts.items():
        precision = tally["tp"] / max(tally["tp"] + tally["fp"], 1)
        recall = tally["tp"] / max(tally["tp"] + tally["fn"], 1)
        f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        gold_count = tally["tp"] + tally["fn"]
        print(f"{label:8} {precision:9.4f} {recall:7.4f} {f1:7.4f} {gold_count:6}")
    print(
        f"\nspeed: {tokens / seconds:,.0f} tokens/s on one core (backend only, batched per article)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
