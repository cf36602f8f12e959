"""Usage: python benchmarks/spacy_roundtrip.py [--limit N] [--ids PREFIX ...]

The spaCy round trip (`cleaner.to_spacy`) on real articles: the PolNeAR dev set (84 texts,
each `.txt` cleaned as plain text) and the article-extraction benchmark (181 HTML pages,
cleaned with their URL), both read from `../shared/data/` (or `$CLEANER_SHARED/data/`); a set
whose data is absent is reported as skipped, and the script exits 0 with a message when
neither is there. Each record becomes a `Doc` (a blank pipeline of its language, as
`cleaner clean -o out.spacy` makes it), goes through a `DocBin` and back, and
`cleaner.spacy_doc.mismatches` checks every entity, quote, quote part and speaker: a span of
the `Doc` with exactly the record's text (and label, and kind).

Printed per set: documents, rejected (no record), spans checked (entities, quotes, speakers and
quote parts), tokens split at a span edge (pipeline tokens an entity, quote or speaker starts
or ends inside), and mismatches with the first few named.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from data import SHARED, Page, add_filters, benchmark_pages, skip

import cleaner
from cleaner.spacy_doc import mismatches
from cleaner.write_docbin import blank_pipeline

try:
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab
except ImportError:
    skip("spaCy is not installed: pip install 'cleaner[spacy]'")

POLNEAR_DEV = SHARED / "data" / "polnear" / "dev" / "text"
Clean = Callable[[], cleaner.Article]


def polnear(args: argparse.Namespace) -> list[Clean]:
    """PolNeAR dev texts, each to be cleaned as one plain-text article."""
    paths = sorted(POLNEAR_DEV.glob("*.txt"))
    if not paths:
        raise FileNotFoundError(f"PolNeAR dev texts not found at {POLNEAR_DEV}")
    paths = [path for path in paths if not args.ids or path.stem.startswith(tuple(args.ids))]
    return [partial(_clean_text, path) for path in paths[: args.limit]]


def extraction(args: argparse.Namespace) -> list[Clean]:
    """The article-extraction benchmark's pages, each to be cleaned as HTML with its URL."""
    return [partial(_clean_page, page) for page in benchmark_pages(args.ids, args.limit)]


def _clean_text(path: Path) -> cleaner.Article:
    return cleaner.clean_text(path.read_bytes(), id=path.stem)


def _clean_page(page: Page) -> cleaner.Article:
    return cleaner.clean_html(page.html, url=page.url, id=page.id)


def check(name: str, inputs: list[Clean]) -> int:
    """Print the set's figures; the number of mismatches."""
    rejected = checked = split = 0
    problems: list[str] = []
    for clean in inputs:
        try:
            record = clean().to_dict()
        except cleaner.Rejected:
            rejected += 1
            continue
        nlp = blank_pipeline(record["language"]["code"])
        doc = cleaner.to_spacy(record, nlp)
        split += len(doc) - len(nlp.make_doc(doc.text))
        data = DocBin(docs=[doc], store_user_data=True).to_bytes()
        [loaded] = DocBin().from_bytes(data).get_docs(Vocab())
        count, found = mismatches(record, loaded)
        checked += count
        problems += [f"{record['id']}: {problem}" for problem in found]
    print(
        f"{name}: {len(inputs)} documents, {rejected} rejected, {checked} spans checked, "
        f"{split} tokens split at a span edge, {len(problems)} mismatches"
    )
    for problem in problems[:10]:
        print(f"  {problem}")
    return len(problems)


def main() -> int:
    args = add_filters(argparse.ArgumentParser(description=__doc__.split("\n\n")[0])).parse_args()
    ran = failed = 0
    for name, load in (("polnear-dev", polnear), ("article-extraction", extraction)):
        try:
            inputs = load(args)
        except FileNotFoundError as error:
            print(f"{name}: SKIPPED: {error}")
            continue
        ran += 1
        failed += check(name, inputs)
    if not ran:
        skip(f"no data under {SHARED / 'data'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
