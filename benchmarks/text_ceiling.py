"""Usage: python benchmarks/text_ceiling.py [--limit N] [--ids ID ...]

The best any line-by-line cleaner could do on the texts `text_cleaning.py` scores: an oracle
that keeps exactly the lines of the raw text that are article text (at least half of their
4-gram shingles in the gold body; a line of 1-3 tokens when its tokens occur in that order in
the gold) and drops every other line. Printed beside cleaner's figure and the target, so the
distance to each target can be judged against what is possible at all: a cleaner that only
removes whole lines (as `cleaner` does, apart from glued debris) cannot beat this ceiling.

The oracle drops the whole text of a page where the extractor took the wrong block (no line of
it is gold), and so leaves that page out of precision; no cleaner can tell an off-topic text
from the article without the gold, so the second ceiling ("oracle, texts kept") keeps such a
text whole. The last columns say what the target asks at cleaner's present recall: the
precision it needs, to compare with the second ceiling's precision.

Reads ../shared like the other scripts and exits 0 with a message when the data is absent.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable

from data import Page, add_filters, pages_or_skip
from shingles import Scores, match, shingles, tokens
from text_cleaning import ArticleTag, from_readability, from_trafilatura

import cleaner


def oracle_lines(raw: str, gold: str) -> str:
    """The lines of `raw` that are mostly gold text, joined by blank lines."""
    gold_shingles = shingles(gold)
    gold_tokens = " " + " ".join(tokens(gold)) + " "
    kept = []
    for line in raw.split("\n"):
        found = tokens(line)
        if not found:
            continue
        if len(found) < 4:
            if f" {' '.join(found)} " in gold_tokens:
                kept.append(line)
            continue
        own = shingles(line)
        if sum((own & gold_shingles).values()) * 2 >= sum(own.values()):
            kept.append(line)
    return "\n\n".join(kept)


def main(argv: list[str] | None = None) -> int:
    parser = add_filters(argparse.ArgumentParser(description=__doc__.split("\n\n")[1]))
    args = parser.parse_args(argv)
    pages = pages_or_skip(args)
    logging.getLogger("readability").setLevel(logging.CRITICAL)
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    extractors: dict[str, Callable[[Page], str]] = {
        "readability": from_readability,
        "trafilatura": from_trafilatura,
        "article-tag": ArticleTag(),
    }
    print(f"Line-level ceiling on {len(pages)} pages (P / R / F1)\n")
    print(
        f"{'extractor':12} | {'before':17} | {'cleaner':17} | {'oracle ceiling':17} | "
        f"{'oracle, texts kept':18} | {'target F1':9} | P needed"
    )
    print("-" * 117)
    for name, extract in extractors.items():
        before, after, oracle, texts_kept = Scores(), Scores(), Scores(), Scores()
        for page in pages:
            raw = extract(page)
            before.add(match(page.gold, raw))
            lines = oracle_lines(raw, page.gold)
            oracle.add(match(page.gold, lines))
            texts_kept.add(match(page.gold, lines if lines or not raw.strip() else raw))
            try:
                cleaned = "\n\n".join(cleaner.clean_text(raw).paragraphs)
            except cleaner.Rejected:
                cleaned = ""
            after.add(match(page.gold, cleaned))
        target = before.f1 + (1 - before.f1) / 2
        print(
            f"{name:12} | {_triple(before)} | {_triple(after)} | {_triple(oracle)} | "
            f"{_triple(texts_kept):18} | {target:9.3f} | "
            f"{precision_needed(target, after.recall):.4f}"
        )
    return 0


def precision_needed(f1: float, recall: float) -> float:
    """The precision that gives `f1` at `recall` (more than 1.0 when no precision can).

    >>> round(precision_needed(0.8, 0.8), 3), round(precision_needed(0.9, 0.85), 3)
    (0.8, 0.956)
    """
    return f1 * recall / (2 * recall - f1) if 2 * recall > f1 else float("inf")


def _triple(scores: Scores) -> str:
    return f"{scores.precision:.3f} {scores.recall:.3f} {scores.f1:.3f}"


if __name__ == "__main__":
    sys.exit(main())
