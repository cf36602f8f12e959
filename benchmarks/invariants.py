"""Usage: python benchmarks/invariants.py [--sets NAME ...] [--limit N] [--ids PREFIX ...]
       [--no-entities]

Invariants (a) and (b) of issue 18 on every page of the shared sets (`../shared/data/`, or
`$CLEANER_SHARED/data/`; a set whose data is absent is reported as skipped, and the script
exits 0 with a message when none is there), checked by `cleaner.audit` (its docstring defines
them):

* (a) nothing vanishes unrecorded: the record's body edits, replayed in order on the blocks
  the page was read as (extraction's blocks, before any cleaning), each find their text at
  their position, and leave exactly the record's paragraphs;
* (b) every offset points at its text: each quote, part of a quote, speaker and entity is
  `paragraphs[p][start:end]`.

The sets: `article-extraction` (181 pages), `l3s-gn1` (621), `dragnet` (966) and
`trafilatura-eval` (990), loaded as `html_sets.py` loads them, each page's raw bytes cleaned as
`cleaner.clean_html(raw, url=url)` cleans them; and `polnear` (924 PolNeAR articles, train and
dev, each `.txt` file read as one plain-text document, headline line included), which runs
the rules only plain text gets. The configuration is the default one, entities included (they
have offsets to check); `--no-entities` is quicker. Single process, one page at a time.

Printed per set: documents, rejected (no record, nothing to check), then for (a) and for (b)
the records that hold and those that fail, the body edits replayed, and every failing
document by id with its problem: the edit that did not find its text (its rule named), or
the paragraph the edits do not explain (with the rules that edited its block).
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from data import SHARED, add_filters, skip
from html_sets import load_sets

import cleaner
from cleaner.audit import OFFSET, UNACCOUNTED, audit
from cleaner.document import Document, Reject, Source

POLNEAR = SHARED / "data" / "polnear"
HTML_SETS = ("article-extraction", "l3s-gn1", "dragnet", "trafilatura-eval")
ALL_SETS = (*HTML_SETS, "polnear")


def polnear_documents(ids: Sequence[str] | None, limit: int | None) -> list[Document]:
    """PolNeAR's article texts (train, then dev), each one plain-text document."""
    paths = sorted((POLNEAR / "train" / "text").glob("*.txt"))
    paths += sorted((POLNEAR / "dev" / "text").glob("*.txt"))
    if not paths:
        raise FileNotFoundError(f"PolNeAR data not found at {POLNEAR}")
    paths = [path for path in paths if not ids or path.stem.startswith(tuple(ids))]
    return [
        Document(Source(path.stem, "text"), path.read_bytes(), "text") for path in paths[:limit]
    ]


def documents(
    names: Sequence[str], ids: Sequence[str] | None, limit: int | None
) -> Iterator[tuple[str, list[Document] | str]]:
    """Each set's documents, or why it was skipped."""
    html = [name for name in names if name in HTML_SETS]
    loaded, skipped = load_sets(html, ids, limit)
    for name in html:
        if name in skipped:
            yield name, skipped[name]
            continue
        yield (
            name,
            [
                Document(Source(page.id, "html", url=page.url), page.html, "html")
                for page in loaded[name]
            ],
        )
    if "polnear" in names:
        try:
            yield "polnear", polnear_documents(ids, limit)
        except FileNotFoundError as error:
            yield "polnear", str(error)


def check_set(name: str, found: list[Document], config: cleaner.Config) -> list[str]:
    """Audit every document of a set; print its figures; the lines naming its failures."""
    started = time.perf_counter()
    rejected = edits = 0
    failing: dict[str, list[str]] = {UNACCOUNTED: [], OFFSET: []}
    for document in found:
        result = audit(document, config)
        if isinstance(result.result, Reject):
            rejected += 1
            continue
        edits += sum(1 for edit in result.result.edits if edit.target == "body")
        for kind, lines in failing.items():
            problems = [p for p in result.problems if p.kind == kind]
            if problems:
                lines.append(
                    f"  {kind}: {document.source.name}: {problems[0].path}: {problems[0].message}"
                )
    checked = len(found) - rejected
    a, b = len(failing[UNACCOUNTED]), len(failing[OFFSET])
    print(
        f"{name:<20} {len(found):>9} {rejected:>8} {checked - a:>8} {a:>8} {checked - b:>8} "
        f"{b:>8} {edits:>10} {time.perf_counter() - started:>7.0f}s",
        flush=True,
    )
    return failing[UNACCOUNTED] + failing[OFFSET]


def main(argv: list[str] | None = None) -> int:
    parser = add_filters(argparse.ArgumentParser(description=__doc__.split("\n\n")[1]))
    parser.add_argument("--sets", nargs="+", choices=ALL_SETS, default=list(ALL_SETS))
    parser.add_argument("--no-entities", action="store_true", help="no entities (quicker)")
    args = parser.parse_args(argv)
    config = cleaner.Config().with_entities(None) if args.no_entities else cleaner.Config()
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    header = f"{'set':<20} {'documents':>9} {'rejected':>8} {'(a) hold':>8} {'(a) fail':>8}"
    header += f" {'(b) hold':>8} {'(b) fail':>8} {'body edits':>10} {'time':>8}"
    failures: list[str] = []
    printed = False
    for name, found in documents(args.sets, args.ids, args.limit):
        if isinstance(found, str):
            print(f"{name}: skipped ({found})")
            continue
        if not printed:
            print(header)
            printed = True
        failures += [f"{name}:{line}" for line in check_set(name, found, config)]
    if not printed:
        skip("no set's data found (or no page matches --ids/--limit)")
    print("\nfailing documents:" if failures else "\nevery record holds (a) and (b)")
    for line in failures:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
