"""Usage: python benchmarks/language_id.py [--limit N] [--parts pages sentences]

How often the language cleaner records is right, and what deciding it costs.

* `pages`: the 990 pages of `../shared/data/trafilatura-eval` (or `$CLEANER_SHARED/...`)
  through `cleaner.clean_html` (no entities). The truth is the language of the page's annotated
  `with` snippets, the article text a person picked: py3langid on the snippets joined, when
  they are 40 characters or more and it gives 0.9 or more and the function-word vote of
  `trafilatura_eval.snippet_language` does not name another language; pages where the two
  disagree or neither is sure are left out (counted). Printed: over the pages whose
  `<html lang>` is set, how often that declaration is right (the anchor: what trusting the
  page gives) and how often cleaner's `language.code` is; the pages where the declaration is
  wrong, each with what cleaner did; cleaner's accuracy by method (declared, detected).
  Target: cleaner right on at least 98% of the pages whose `<html lang>` is set.
* `sentences`: the identifier alone on texts of one to five sentences from the NER dev sets
  (English CoNLL-2003 testa, Spanish and Dutch CoNLL-2002 testa, Italian KIND dev, French
  and Portuguese WikiANN dev; German is left out, its copy's umlauts are broken), by length:
  how many it decides at cleaner's threshold (`cleaner.language.MIN_DETECTED`) and how many
  of those are right, the figures the threshold was chosen from.
* Cost: the seconds `decide_language` takes per page (on the record's paragraphs, at most
  `_SAMPLE` characters) against the seconds of the whole `clean_html` call, as a share.

Exits 0 with a message when the data is absent.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from data import SHARED, skip
from trafilatura_eval import load_pages, snippet_language

import cleaner
from cleaner.language import MIN_DETECTED, MIN_TEXT, decide_language, rank, sample

_CONFIG = cleaner.Config().with_entities(None)
_SURE = 0.9
_MIN_SNIPPETS = 40  # characters
_BUCKETS = (40, 100, 200, 400)
_SENTENCE_SETS = {
    "en": ("conll2003/eng.testa", " ", False),
    "es": ("ner-multi/es-conll2002/esp.testa", " ", False),
    "nl": ("ner-multi/nl-conll2002/ned.testa", " ", False),
    "it": ("ner-multi/it-kind-wikinews/WN_dev.tsv", "\t", False),
    "fr": ("ner-multi/fr-wikiann/dev", "\t", True),
    "pt": ("ner-multi/pt-wikiann/dev", "\t", True),
}


def truth(snippets: tuple[str, ...]) -> str | None:
    """The language of the annotated article snippets, or None when it is not clear."""
    text = " ".join(snippets)
    if len(text) < _MIN_SNIPPETS:
        return None
    code, probability = rank(text)[0]
    vote = snippet_language(snippets)
    return code if probability >= _SURE and vote in (None, code) else None


def pages_part(limit: int | None) -> bool:
    """Print the page figures; True when cleaner meets the 98% target."""
    pages = load_pages(limit)
    declared_right = cleaner_right = with_lang = unclear = 0
    by_method: Counter[tuple[str, bool]] = Counter()
    wrong_declarations = []
    spent = language_spent = 0.0
    rank("warm-up")  # the model loads once per process, before timing
    for page in pages:
        expected = truth(page.wanted)
        started = time.perf_counter()
        try:
            article = cleaner.clean_html(page.html, url=page.url, config=_CONFIG)
        except cleaner.Rejected:
            article = None
        spent += time.perf_counter() - started
        if article is None:
            continue
        started = time.perf_counter()
        decide_language(sample(article.paragraphs), ())
        language_spent += time.perf_counter() - started
        if expected is None:
            unclear += 1
            continue
        decided = article.language
        by_method[(decided.method, decided.code == expected)] += 1
        if page.declared is None:
            continue
        with_lang += 1
        declared_right += page.declared == expected
        cleaner_right += decided.code == expected
        if page.declared != expected:
            wrong_declarations.append((page.file, page.declared, expected, decided))
    print(f"trafilatura-eval: {len(pages)} pages, {unclear} without a clear truth (left out)")
    print(f"pages with <html lang>: {with_lang}")
    print(f"  <html lang> right    {declared_right:4d}  {declared_right / with_lang:.3f}")
    print(f"  cleaner right        {cleaner_right:4d}  {cleaner_right / with_lang:.3f}")
    print(f"declarations wrong: {len(wrong_declarations)}; what cleaner did:")
    for file, declared, expected, decided in wrong_declarations:
        verdict = "right" if decided.code == expected else "WRONG"
        print(
            f"  {file[:40]:40s} lang={declared} truth={expected} -> {decided.code} "
            f"({decided.method}, {decided.confidence or 0:.2f}) {verdict}"
        )
    print("cleaner by method (all pages with a truth):")
    for method in ("declared", "detected", "given"):
        right, wrong = by_method[(method, True)], by_method[(method, False)]
        if right + wrong:
            print(f"  {method:9s} {right + wrong:4d} pages, right {right / (right + wrong):.3f}")
    print(
        f"cost: language {language_spent / len(pages) * 1000:.2f} ms per page of "
        f"{spent / len(pages) * 1000:.1f} ms ({language_spent / spent:.1%} of clean_html)"
    )
    passed = with_lang > 0 and cleaner_right / with_lang >= 0.98
    verdict = "PASS" if passed else "FAIL"
    print(f"target: cleaner right on >= 98% of pages with <html lang>: {verdict}")
    return passed


def sentences(path: Path, separator: str, prefixed: bool) -> Iterator[str]:
    """The sentences of a CoNLL-style file, tokens joined by spaces."""
    tokens: list[str] = []
    with path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            cells = line.rstrip("\n").split(separator)
            if not line.strip() or "-DOCSTART-" in line:
                if tokens:
                    yield " ".join(tokens)
                tokens = []
                continue
            token = cells[1] if separator == "\t" and cells[0].isdigit() else cells[0]
            tokens.append(token.split(":", 1)[1] if prefixed and ":" in token else token)
    if tokens:
        yield " ".join(tokens)


def sentences_part(per_language: int = 600) -> None:
    """Print coverage and accuracy of the identifier by text length."""
    rng = random.Random(1)
    counts: Counter[tuple[str, str]] = Counter()
    for language, (relative, separator, prefixed) in _SENTENCE_SETS.items():
        path = SHARED / "data" / relative
        if not path.is_file():
            print(f"  {language}: {relative} absent, left out")
            continue
        found = [text for text in sentences(path, separator, prefixed) if len(text) >= 20]
        rng.shuffle(found)
        for number in range(min(per_language, len(found) // 5)):
            size = rng.choice((1, 1, 2, 3, 5))
            text = " ".join(found[number * 5 : number * 5 + size])
            bucket = next((f"<{edge}" for edge in _BUCKETS if len(text) < edge), "400+")
            decided = decide_language(text, ())
            counts[(bucket, "all")] += 1
            if decided.code != "und":
                counts[(bucket, "decided")] += 1
                counts[(bucket, "right")] += decided.code == language
    print(f"identifier alone (decides at p >= {MIN_DETECTED} on {MIN_TEXT}+ characters):")
    print("  length   texts  decided  right of decided")
    for bucket in [f"<{edge}" for edge in _BUCKETS] + ["400+"]:
        total, decided = counts[(bucket, "all")], counts[(bucket, "decided")]
        if total:
            right = counts[(bucket, "right")] / decided if decided else 0.0
            print(f"  {bucket:6s} {total:7d}  {decided / total:7.2f}  {right:16.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument("--parts", nargs="+", default=["pages", "sentences"])
    args = parser.parse_args(argv)
    try:
        if "pages" in args.parts:
            pages_part(args.limit)
    except FileNotFoundError as error:
        skip(str(error))
        return 0
    if "sentences" in args.parts:
        sentences_part()
    return 0


if __name__ == "__main__":
    sys.exit(main())
