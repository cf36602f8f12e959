"""Usage: python benchmarks/quotes_languages.py [--lang de es fr pl ...] [--limit N]
       [--dump DIR] [--sample N] [--seed N]

Direct quotes and speakers in other languages than English, on the real pages of
trafilatura's evaluation set (`../shared/data/trafilatura-eval`, or `$CLEANER_SHARED/data/...`;
the script exits 0 with a message when the data is absent). There is no labelled quote data
for these languages, so the script counts and samples; precision is measured by reading the
sample (`--dump`).

Every page is cleaned with `cleaner.clean_html(raw, url=url, config=cleaner.Config().
with_entities(None))`; a page whose language as cleaner decided it (the record's
`language.code`: the declaration checked against the text, or the text alone) is one of
`--lang` (default: de es fr pl pt it nl) counts, and its paragraphs go through `find_quotes`
and `resolve_speakers` three times, with the quote tables of:

* the page's language (`load_quote_rules(lang)`): what cleaner does with the page's language
  (the record's own quotes);
* English (`load_quote_rules("en")`): English verbs on every page, as cleaner did before it
  read the page's language (the marks are today's: « … » with its spaces is found);
* no language (`load_quote_rules("und")`): the marks of `quotes.neutral.toml` alone.

Printed per language and table: pages, paragraphs, quote-bearing paragraphs (a paragraph
holding a quote found with some table), quotes by kind (`full`, `partial`, `scare`), and over
the full and partial quotes the share attributed (a speaker or, where the subject is left out,
a verb), with a speaker mention, and with a `speaker_name`.

`--dump DIR` writes `DIR/quotes-languages/<lang>.jsonl`: `--sample N` (default 40) attributed
full or partial quotes per language, drawn at random (`--seed`, default 17) from all pages,
and as many unattributed full quotes, each with its paragraph, the quote, kind, speaker, verb,
name, resolution and role, and an empty `ok` field for whoever checks it by hand. DIR must be
outside the repository (the files hold third-party text).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cleaner
from cleaner.document import Quote
from cleaner.structure.quotes import find_quotes, load_quote_rules
from cleaner.structure.speakers import resolve_speakers

sys.path.insert(0, str(Path(__file__).resolve().parent))

from data import skip
from trafilatura_eval import EvalPage, load_pages

NO_ENTITIES = cleaner.Config().with_entities(None)
LANGUAGES = ("de", "es", "fr", "pl", "pt", "it", "nl")
TABLES = ("own", "en", "und")
ATTRIBUTABLE = ("full", "partial")


@dataclass
class Tally:
    """Counts of one language under one table."""

    quotes: Counter[str] = field(default_factory=Counter)
    attributed: int = 0
    with_speaker: int = 0
    named: int = 0

    def add(self, quotes: Sequence[Quote]) -> None:
        for quote in quotes:
            self.quotes[quote.kind] += 1
            if quote.kind not in ATTRIBUTABLE:
                continue
            self.attributed += quote.speaker is not None or quote.verb is not None
            self.with_speaker += quote.speaker is not None
            self.named += quote.speaker_name is not None

    @property
    def attributable(self) -> int:
        return sum(self.quotes[kind] for kind in ATTRIBUTABLE)


@dataclass
class Language:
    """Everything counted for one language."""

    pages: int = 0
    paragraphs: int = 0
    quoting: int = 0
    tallies: dict[str, Tally] = field(default_factory=lambda: {name: Tally() for name in TABLES})
    found: list[tuple[str, tuple[str, ...], Quote]] = field(default_factory=list)


def quotes_with(paragraphs: Sequence[str], language: str) -> tuple[Quote, ...]:
    """The quotes of `paragraphs` under the quote tables of `language`, speakers resolved."""
    rules = load_quote_rules(language)
    return resolve_speakers(find_quotes(paragraphs, rules), paragraphs, (), rules)


def run(pages: Sequence[EvalPage], languages: Sequence[str]) -> dict[str, Language]:
    """Clean every page of `languages` and count its quotes under the three tables."""
    results = {language: Language() for language in languages}
    for page in pages:
        try:
            article = cleaner.clean_html(page.html, url=page.url, config=NO_ENTITIES)
        except cleaner.Rejected:
            continue
        language = article.language.code
        if language not in results:
            continue
        paragraphs = article.paragraphs
        result = results[language]
        result.pages += 1
        result.paragraphs += len(paragraphs)
        by_table = {
            name: quotes_with(paragraphs, language if name == "own" else name) for name in TABLES
        }
        quoting = {quote.span.paragraph for found in by_table.values() for quote in found}
        result.quoting += len(quoting)
        for name, found in by_table.items():
            result.tallies[name].add(found)
        result.found.extend((page.file, paragraphs, quote) for quote in by_table["own"])
    return results


def share(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "-"


def print_summary(results: dict[str, Language]) -> None:
    print(
        "language  pages  paragraphs  quoting  table  full  partial  scare  attributed  "
        "with speaker  named"
    )
    for language, result in results.items():
        for name in TABLES:
            tally = result.tallies[name]
            label = language if name == "own" else name
            whole = tally.attributable
            print(
                f"{language:8}  {result.pages:5}  {result.paragraphs:10}  {result.quoting:7}  "
                f"{label:5}  {tally.quotes['full']:4}  {tally.quotes['partial']:7}  "
                f"{tally.quotes['scare']:5}  {share(tally.attributed, whole):>10}  "
                f"{share(tally.with_speaker, whole):>12}  {share(tally.named, whole):>5}"
            )


def record(file: str, paragraphs: Sequence[str], quote: Quote) -> dict[str, Any]:
    """One quote for hand-checking: its paragraph and what cleaner found."""
    return {
        "file": file,
        "paragraph": paragraphs[quote.span.paragraph],
        "quote": quote.span.text,
        "continued": [part.text for part in quote.continued_in],
        "kind": quote.kind,
        "speaker": quote.speaker.text if quote.speaker else None,
        "verb": quote.verb,
        "name": quote.speaker_name,
        "resolution": quote.speaker_resolution,
        "role": quote.speaker_role,
        "ok": None,
    }


def dump(results: dict[str, Language], folder: Path, sample: int, seed: int) -> None:
    """A random sample of attributed and of unattributed quotes per language, as JSONL."""
    out = folder / "quotes-languages"
    out.mkdir(parents=True, exist_ok=True)
    for language, result in results.items():
        chooser = random.Random(seed)
        counted = [item for item in result.found if item[2].kind in ATTRIBUTABLE]
        attributed = [item for item in counted if item[2].speaker or item[2].verb]
        silent = [item for item in counted if not (item[2].speaker or item[2].verb)]
        picked = chooser.sample(attributed, min(sample, len(attributed)))
        picked += chooser.sample(silent, min(sample, len(silent)))
        with (out / f"{language}.jsonl").open("w", encoding="utf-8") as file:
            for item in picked:
                file.write(json.dumps(record(*item), ensure_ascii=False) + "\n")
    print(f"sample written to {out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[1])
    parser.add_argument("--lang", nargs="+", default=list(LANGUAGES))
    parser.add_argument("--limit", type=int, help="only the first N pages of evaldata")
    parser.add_argument("--dump", type=Path, help="write samples here (outside the repo)")
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args(argv)
    try:
        pages = load_pages(limit=args.limit)
    except FileNotFoundError as error:
        skip(str(error))
    results = run(pages, args.lang)
    print_summary(results)
    if args.dump:
        dump(results, args.dump, args.sample, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
