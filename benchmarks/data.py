"""Loading the article-extraction-benchmark pages and gold bodies from `../shared`, or skipping.

    >>> import argparse
    >>> from data import add_filters, pages_or_skip
    >>> parser = add_filters(argparse.ArgumentParser())
    >>> pages = pages_or_skip(parser.parse_args(["--limit", "3"]))  # exits 0 if data is absent
    >>> pages[0].gold[:10], len(pages[0].html) > 0

The data is third-party text (MIT, see `../shared/data/article-extraction-benchmark/LICENSE`):
it is read at run time and never copied into the project. `CLEANER_SHARED` overrides where
`shared/` is (default: the folder beside the project checkout). When the data is absent the
scripts print why and exit 0, because a user's checkout does not have it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CLEANER_SHARED", PROJECT.parent / "shared"))
BENCHMARK = SHARED / "data" / "article-extraction-benchmark"


@dataclass(frozen=True)
class Page:
    """One benchmark page: its id, URL, gold article body, and raw (gzipped on disk) HTML."""

    id: str
    url: str
    gold: str
    path: Path

    @cached_property
    def html(self) -> bytes:
        """The page as it was fetched: raw bytes."""
        with gzip.open(self.path) as file:
            return file.read()

    @property
    def html_text(self) -> str:
        """The page decoded as UTF-8, as the upstream benchmark's extractor scripts read it."""
        return self.html.decode("utf-8", errors="replace")


def add_filters(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The options every benchmark script takes: `--limit`, `--ids`, `--dump`."""
    parser.add_argument("--limit", type=int, help="only the first N pages (sorted by id)")
    parser.add_argument(
        "--ids", nargs="+", default=None, help="only these page ids (a unique prefix is enough)"
    )
    parser.add_argument(
        "--dump",
        type=Path,
        help="write per-document diagnostics (JSON) into this folder; keep it outside the repo, "
        "it holds third-party text",
    )
    return parser


def skip(reason: str) -> None:
    """Print why the benchmark cannot run and exit 0 (a skip, not a failure)."""
    print(f"SKIPPED: {reason}")
    sys.exit(0)


def pages_or_skip(args: argparse.Namespace) -> list[Page]:
    """The pages selected by `--ids` and `--limit`, or exit 0 with a message if data is absent."""
    try:
        return benchmark_pages(args.ids, args.limit)
    except FileNotFoundError as error:
        skip(str(error))
        return []


def benchmark_pages(ids: list[str] | None = None, limit: int | None = None) -> list[Page]:
    """The pages whose id starts with one of `ids` (all without it), the first `limit` of them;
    `FileNotFoundError` when the data is absent or no page matches."""
    truth_path = BENCHMARK / "ground-truth.json"
    if not truth_path.is_file():
        raise FileNotFoundError(
            f"benchmark data not found at {BENCHMARK} (it lives in ../shared beside the "
            "checkout; set CLEANER_SHARED to point elsewhere)"
        )
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    chosen = sorted(truth)
    if ids:
        chosen = [i for i in chosen if any(i.startswith(prefix) for prefix in ids)]
    if limit is not None:
        chosen = chosen[:limit]
    pages = [
        Page(
            i,
            truth[i].get("url", ""),
            truth[i].get("articleBody", "") or "",
            BENCHMARK / "html" / f"{i}.html.gz",
        )
        for i in chosen
    ]
    missing = [page.id for page in pages if not page.path.is_file()]
    if missing:
        raise FileNotFoundError(
            f"{len(missing)} page file(s) missing under {BENCHMARK / 'html'}, e.g. {missing[0]}"
        )
    if not pages:
        raise FileNotFoundError("no page matches --ids/--limit")
    return pages
