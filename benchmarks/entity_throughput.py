"""Usage: python benchmarks/entity_throughput.py [--model M] [--limit N] [--rounds R] [--language L]

What entities cost: documents per second of the whole pipeline with and without the entity
backend, in one process, on the same documents, alternating the two so that machine noise
hits both alike. Two workloads:

* `html`: `cleaner.clean_html` on the raw pages of the article-extraction benchmark
  (../shared; skipped with a message when absent), the main job for most users;
* `text`: `cleaner.clean_text` on the plain-text articles of `corpus/` and, when ../shared is
  there, on the gold bodies of the same benchmark (clean text, the cheapest input).

The target (issue 3): with entities, at least a third of the throughput without them. Also
printed: words per second of the entity backend alone, on one core (`ner_conll.py` gives the
same in CoNLL tokens).

`--language de` (or es, nl, it) measures that language's built-in model alone instead: words
per second of the backend on the paragraphs of the language's development split
(`../shared/data/ner-multi`, each sentence a paragraph, 40 paragraphs a call as above), once
with every word new to the backend (cold) and once more on the same text (warm).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import cleaner
from cleaner.structure.entities import load_backend

ROOT = Path(__file__).resolve().parent.parent
_EXPECTED_REJECTS = frozenset({"empty", "no_article_text"})  # pages without an article, either way
BENCHMARK = ROOT.parent / "shared" / "data" / "article-extraction-benchmark"


def workloads(limit: int | None) -> dict[str, list[tuple[Callable[..., object], object]]]:
    """Named lists of (API function, input) pairs."""
    texts = [
        (cleaner.clean_text, p.read_text("utf-8")) for p in sorted((ROOT / "corpus").glob("*.txt"))
    ]
    found: dict[str, list[tuple[Callable[..., object], object]]] = {}
    if BENCHMARK.exists():
        pages = sorted((BENCHMARK / "html").glob("*.html.gz"))[:limit]
        found["html"] = [(cleaner.clean_html, gzip.decompress(page.read_bytes())) for page in pages]
        gold = json.loads((BENCHMARK / "ground-truth.json").read_text())
        texts += [(cleaner.clean_text, gold[key]["articleBody"]) for key in sorted(gold)[:limit]]
    else:
        print(f"note: {BENCHMARK} is absent: the html workload is skipped")
    found["text"] = texts
    return found


def seconds(items: list[tuple[Callable[..., object], object]], config: cleaner.Config) -> float:
    """Time to process all items; an item the other configuration accepts must not be
    rejected here (a failing entity backend would otherwise look fast)."""
    started = time.perf_counter()
    failed = []
    for function, content in items:
        try:
            function(content, config=config)
        except cleaner.Rejected as error:
            if error.reject.reason not in _EXPECTED_REJECTS:
                failed.append(error.reject.reason)
    if failed:
        raise SystemExit(f"error: {len(failed)} documents rejected: {sorted(set(failed))}")
    return time.perf_counter() - started


def language_speed(language: str) -> int:
    """Words per second of one language's built-in backend alone, cold then warm."""
    sys.path.insert(0, str(ROOT / "training" / "ner"))
    from corpora import CORPORA, MULTI

    from cleaner.structure.crf_ner import CrfBackend, builtin_model_path, read_lines

    if not MULTI.exists():
        print(f"SKIPPED: {MULTI} is absent (the ../shared data is not in this checkout)")
        return 0
    path = builtin_model_path(language)
    corpus = CORPORA[language]
    articles = corpus.read(corpus.dev, frozenset(read_lines(path / "agencies.txt")))
    paragraphs = [" ".join(token for token, _tag in s) for article in articles for s in article]
    backend = CrfBackend(path)
    words = sum(len(paragraph.split()) for paragraph in paragraphs)
    print(f"entity backend: {backend.name}, {len(paragraphs):,} paragraphs, {words:,} words")
    for state in ("cold", "warm"):
        started = time.perf_counter()
        for start in range(0, len(paragraphs), 40):
            backend.find(paragraphs[start : start + 40])
        print(f"backend alone, {state}: {words / (time.perf_counter() - started):,.0f} words/s")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[1])
    parser.add_argument("--model", default="builtin", help="entity backend (default: builtin)")
    parser.add_argument("--limit", type=int, help="only the first N benchmark pages")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds (default 3)")
    parser.add_argument("--language", help="only this language's built-in backend, alone")
    args = parser.parse_args(argv)
    if args.language:
        return language_speed(args.language)
    with_entities = cleaner.Config().with_entities(args.model)
    without = cleaner.Config().with_entities(None)
    backend = load_backend(args.model, "en")
    print(f"entity backend: {backend.name}\n")
    print(f"{'workload':9} {'docs':>5} {'without':>10} {'with':>10} {'ratio':>7}  target >= 0.333")
    for name, items in workloads(args.limit).items():
        seconds(items[:5], with_entities)  # warm up: model load, caches
        plain = entities = 0.0
        for _round in range(args.rounds):
            plain += seconds(items, without)
            entities += seconds(items, with_entities)
        rate_plain = len(items) * args.rounds / plain
        rate_entities = len(items) * args.rounds / entities
        ratio = rate_entities / rate_plain
        verdict = "PASS" if ratio >= 1 / 3 else "FAIL"
        print(
            f"{name:9} {len(items):5} {rate_plain:8.1f}/s {rate_entities:8.1f}/s {ratio:7.3f}  "
            f"{verdict}"
        )
    paragraphs = [
        paragraph
        for _function, content in workloads(args.limit)["text"]
        for paragraph in cleaner.clean_text(str(content), config=without).paragraphs
    ]
    words = sum(len(paragraph.split()) for paragraph in paragraphs)
    started = time.perf_counter()
    for start in range(0, len(paragraphs), 40):
        backend.find(paragraphs[start : start + 40])
    elapsed = time.perf_counter() - started
    print(f"\nbackend alone: {words / elapsed:,.0f} words/s on one core ({words:,} words)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
