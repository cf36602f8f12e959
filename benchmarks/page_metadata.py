"""Usage: python benchmarks/page_metadata.py [--limit N] [--failures]

Page metadata of `cleaner.clean_html(raw_bytes, config=Config().with_entities(None))` against
trafilatura (`trafilatura.extract_metadata(raw)`, the metadata step of
`extract(..., with_metadata=True)`, run even when trafilatura finds no body) on the 130 cases
of Mozilla Readability's test corpus (`../shared/data/readability-pages`, or
`$CLEANER_SHARED/data/...`; the script exits 0 with a message when the data is absent), both in
one run, every page handed to each in turn. The expected values are `expected-metadata.json`:
Readability's own output, not human annotation, so a few are themselves wrong (a byline of
"Follow Author", a title keeping "| eHow").

Which cases are real pages: Readability's corpus mixes hand-written unit-test pages with saved
web pages. A case is *synthetic* when its `source.html` is under 5,000 bytes or contains "lorem
ipsum" (any case); every other case is a *real page*. The name is not the rule: `001` and `002`
are saved blog posts (Nicolas Perriault, Mozilla Hacks), while `base-url`, `rtl-1`,
`title-en-dash`, `parsely-metadata`, `data-url-image` (65 KB of data: URLs around lorem ipsum)
and the like are fixtures. On the corpus this gives 93 real pages and 37 synthetic ones.

What is scored, each over the cases where the expected value is non-empty:

* title: `article.title` (trafilatura: `title`) equal to `title` after collapsing runs of
  whitespace and stripping, case kept. Target: cleaner right on >= 95% of real pages (PASS/FAIL,
  every real-page failure listed as `case: expected | cleaner | trafilatura`, each value as
  JSON); synthetic cases
  are reported for information;
* authors: `page.authors` (trafilatura: `author`, split on "; ") against `byline`, as sets of
  names: every string is split on `,` `;` `|` `&` and the word "and", a leading "By"/"Par"/
  "Por"/"Von" and surrounding punctuation are removed, whitespace is collapsed and case folded.
  Also "overlap": at least one name in common;
* published: `page.published` (trafilatura: `date`) against `publishedTime`: the calendar date
  (the leading YYYY-MM-DD) equal; and separately, over the cases where both carry a time, the
  timestamp equal to the second (the same instant when both carry an offset, else the same
  wall-clock time);
* language: `page.language` (trafilatura sets none without a target language) against `lang`,
  the primary subtag lower-cased (`en-US` -> `en`);
* site name: `page.site_name` (trafilatura: `sitename`) against `siteName`, whitespace collapsed
  and case folded.

Cleaner's page metadata is read from `article.to_dict()["page"]` (canonical_url, site_name,
authors, published, language, lead_image); while the key is absent every field counts as null.
A `cleaner.Rejected` counts as wrong and null for every field; the rejects are printed.
Printed: the real/synthetic split, a table per group with right, rate and null counts per
field and extractor, the title verdict and failures; `--failures` adds every field mismatch per
case. `scores(limit)` returns the same figures as a dict, for tests.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any

import trafilatura

import cleaner
from cleaner.textkey import strip_site_name

sys.path.insert(0, str(Path(__file__).resolve().parent))

from data import SHARED, skip

PAGES = SHARED / "data" / "readability-pages" / "pages"
TARGET = 0.95
SYNTHETIC_BYTES = 5_000
GROUPS = ("real", "synthetic")
SYSTEMS = ("cleaner", "trafilatura")
CONFIG = cleaner.Config().with_entities(None)

_BY = re.compile(r"^(?:by|par|por|von)\b\s*:?\s*", re.IGNORECASE)
_NAME_SEPARATOR = re.compile(r"\s*(?:[,;|&]|\band\b)\s*", re.IGNORECASE)
_EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Case:
    """One Readability test case: its folder, source HTML and expected metadata."""

    name: str
    folder: Path

    @cached_property
    def html(self) -> bytes:
        """`source.html` as raw bytes."""
        return (self.folder / "source.html").read_bytes()

    @cached_property
    def expected(self) -> dict[str, Any]:
        """`expected-metadata.json` as a dict."""
        return json.loads((self.folder / "expected-metadata.json").read_text(encoding="utf-8"))

    @property
    def group(self) -> str:
        """'synthetic' for a hand-written fixture (small, or lorem ipsum), else 'real'."""
        small = len(self.html) < SYNTHETIC_BYTES
        return "synthetic" if small or b"lorem ipsum" in self.html.lower() else "real"


@dataclass(frozen=True)
class Meta:
    """The metadata fields compared, as one extractor (or the expected file) gives them."""

    title: str | None = None
    authors: tuple[str, ...] | None = None
    published: str | None = None
    language: str | None = None
    site_name: str | None = None


@dataclass(frozen=True)
class Result:
    """One case: what was expected, what each extractor found, and cleaner's reject reason."""

    case: str
    group: str
    expected: Meta
    found: dict[str, Meta]
    rejected: str | None = None


def missing_reason() -> str | None:
    """Why the benchmark cannot run, or None when the data is there."""
    if not PAGES.is_dir():
        return (
            f"Readability test pages not found at {PAGES} (they live in ../shared beside the "
            "checkout; set CLEANER_SHARED to point elsewhere)"
        )
    return None


def load_cases(limit: int | None = None) -> list[Case]:
    """The cases sorted by name, the first `limit` of them; FileNotFoundError without data."""
    reason = missing_reason()
    if reason:
        raise FileNotFoundError(reason)
    folders = sorted(p for p in PAGES.iterdir() if (p / "source.html").is_file())
    return [Case(folder.name, folder) for folder in folders[:limit]]


def expected_meta(case: Case) -> Meta:
    """The expected values of one case as a `Meta`."""
    data = case.expected
    byline = data.get("byline")
    return Meta(
        title=data.get("title"),
        authors=(byline,) if byline else None,
        published=data.get("publishedTime"),
        language=data.get("lang"),
        site_name=data.get("siteName"),
    )


def from_cleaner(raw: bytes) -> tuple[Meta, str | None]:
    """Cleaner's metadata and None, or an all-null `Meta` and the reject reason."""
    try:
        article = cleaner.clean_html(raw, config=CONFIG)
    except cleaner.Rejected as error:
        return Meta(), error.reject.reason
    page = article.to_dict().get("page") or {}
    authors = page.get("authors")
    return Meta(
        title=article.title,
        authors=tuple(authors) if authors else None,
        published=page.get("published"),
        language=page.get("language"),
        site_name=page.get("site_name"),
    ), None


def from_trafilatura(raw: bytes) -> Meta:
    """trafilatura's metadata; it reports no language unless asked to filter by one."""
    found = trafilatura.extract_metadata(raw)  # type: ignore[arg-type]
    if found is None:
        return Meta()
    return Meta(
        title=found.title,
        authors=tuple(found.author.split("; ")) if found.author else None,
        published=found.date,
        language=getattr(found, "language", None),
        site_name=found.sitename,
    )


def evaluate(case: Case) -> Result:
    """Run both extractors on one case."""
    mine, rejected = from_cleaner(case.html)
    found = {"cleaner": mine, "trafilatura": from_trafilatura(case.html)}
    return Result(case.name, case.group, expected_meta(case), found, rejected)


def spaces(text: str | None) -> str:
    """Runs of whitespace collapsed, ends stripped; None becomes ''."""
    return " ".join((text or "").split())


def title_key(meta: Meta) -> str | None:
    return spaces(meta.title) or None


def title_site_aside_key(meta: Meta) -> str | None:
    """The title with a site-name segment cut (cleaner's `strip_site_name`), for a second,
    informational row: Readability's expected titles often keep "| Site", which cleaner's
    schema says to drop."""
    title = title_key(meta)
    return strip_site_name(title, meta.site_name) if title else None


def _name(text: str) -> str:
    return _EDGE_PUNCTUATION.sub("", _BY.sub("", spaces(text))).casefold()


def author_key(meta: Meta) -> frozenset[str] | None:
    """The set of normalised names in all author strings."""
    names = {
        _name(part)
        for author in meta.authors or ()
        for part in _NAME_SEPARATOR.split(_BY.sub("", spaces(author)))
    }
    names.discard("")
    return frozenset(names) or None


def date_key(meta: Meta) -> str | None:
    """The calendar date YYYY-MM-DD the value starts with."""
    found = _DATE.match(spaces(meta.published))
    return found.group() if found else None


def timestamp(meta: Meta) -> datetime | None:
    """The value as a datetime to the second, or None when it has no time of day."""
    text = spaces(meta.published)
    if len(text) <= 10:
        return None
    try:
        return datetime.fromisoformat(text).replace(microsecond=0)
    except ValueError:
        return None


def same_time(expected: datetime, found: datetime) -> bool:
    """The same instant when both carry an offset, else the same wall-clock time."""
    if expected.tzinfo is not None and found.tzinfo is not None:
        return expected == found
    return expected.replace(tzinfo=None) == found.replace(tzinfo=None)


def language_key(meta: Meta) -> str | None:
    primary = re.split(r"[-_]", spaces(meta.language))[0].lower()
    return primary or None


def site_key(meta: Meta) -> str | None:
    return spaces(meta.site_name).casefold() or None


KEYS: dict[str, Callable[[Meta], object]] = {
    "title": title_key,
    "title_site_aside": title_site_aside_key,
    "authors": author_key,
    "date": date_key,
    "language": language_key,
    "site_name": site_key,
}


@dataclass
class Score:
    """How often one extractor got one field right over the cases with an expected value."""

    cases: int = 0
    right: int = 0
    null: int = 0
    extra: dict[str, int] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.right / self.cases if self.cases else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "cases": self.cases,
            "right": self.right,
            "rate": round(self.rate, 4),
            "null": self.null,
            **self.extra,
        }


def field_score(results: list[Result], name: str, system: str) -> Score:
    """Exact matches of one field's key; `null` counts cases where the extractor had none."""
    key = KEYS[name]
    score = Score()
    for result in results:
        wanted = key(result.expected)
        if wanted is None:
            continue
        got = key(result.found[system])
        score.cases += 1
        score.right += got == wanted
        score.null += got is None
    return score


def author_overlap(results: list[Result], system: str) -> int:
    """Cases where the expected and found author sets share at least one name."""
    return sum(
        bool((author_key(r.expected) or set()) & (author_key(r.found[system]) or set()))
        for r in results
        if author_key(r.expected)
    )


def timestamp_score(results: list[Result], system: str) -> Score:
    """Timestamp equality over the cases where the expected and found values both have a time."""
    score = Score()
    for result in results:
        wanted, got = timestamp(result.expected), timestamp(result.found[system])
        if wanted is None or got is None:
            continue
        score.cases += 1
        score.right += same_time(wanted, got)
    return score


def group_scores(results: list[Result]) -> dict[str, dict[str, dict[str, Any]]]:
    """field -> extractor -> score dict, over one group of results."""
    table: dict[str, dict[str, dict[str, Any]]] = {}
    for name in KEYS:
        table[name] = {s: field_score(results, name, s).to_dict() for s in SYSTEMS}
    for system in SYSTEMS:
        table["authors"][system]["overlap"] = author_overlap(results, system)
    table["timestamp"] = {s: timestamp_score(results, s).to_dict() for s in SYSTEMS}
    return table


def summarise(results: list[Result]) -> dict[str, Any]:
    """The scores dict: counts, rejects, per-group field tables and the title verdict."""
    groups = {g: [r for r in results if r.group == g] for g in GROUPS}
    tables = {g: group_scores(members) for g, members in groups.items()}
    real_title = tables["real"]["title"]["cleaner"]
    return {
        "cases": {g: len(members) for g, members in groups.items()},
        "rejected": {r.case: r.rejected for r in results if r.rejected},
        "groups": tables,
        "title_target": TARGET,
        "title_pass": bool(real_title["cases"]) and real_title["rate"] >= TARGET,
    }


def run(cases: list[Case]) -> list[Result]:
    """Evaluate every case, with a progress line on stderr every 20 cases."""
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    started = time.perf_counter()
    results = []
    for number, case in enumerate(cases, 1):
        results.append(evaluate(case))
        if number % 20 == 0:
            elapsed = time.perf_counter() - started
            print(f"... {number}/{len(cases)} cases, {elapsed:.0f}s", file=sys.stderr)
    return results


def scores(limit: int | None = None) -> dict[str, Any]:
    """The benchmark's figures as a dict (see `summarise`); FileNotFoundError without data."""
    return summarise(run(load_cases(limit)))


def _cell(score: dict[str, Any]) -> str:
    if not score["cases"]:
        return f"{'-':>4} {'':>6} {'':>4}"
    return f"{score['right']:>4} {score['rate']:>6.1%} {score['null']:>4}"


def _cases(name: str, row: dict[str, dict[str, Any]]) -> str:
    """The case count of a row; for timestamps, which differ per extractor, each of them."""
    if name == "timestamp":
        return "/".join(str(row[s]["cases"]) for s in SYSTEMS)
    return str(row[SYSTEMS[0]]["cases"])


def render_table(group: str, table: dict[str, dict[str, dict[str, Any]]]) -> str:
    """One group's fields as rows: cases, then right / rate / null per extractor."""
    head = f"{'field':<16} {'cases':>5} | " + " | ".join(f"{s:<16}" for s in SYSTEMS)
    columns = f"{'right':>4} {'rate':>6} {'null':>4}"
    sub = f"{'':<16} {'':>5} | " + " | ".join(f"{columns:<16}" for _ in SYSTEMS)
    lines = [f"{group} pages", head, sub, "-" * len(head)]
    for name, row in table.items():
        cells = " | ".join(f"{_cell(row[s]):<16}" for s in SYSTEMS)
        lines.append(f"{name:<16} {_cases(name, row):>5} | {cells}")
    overlap = ", ".join(f"{s} {table['authors'][s]['overlap']}" for s in SYSTEMS)
    lines.append(f"(authors sharing at least one name: {overlap})")
    return "\n".join(line.rstrip() for line in lines)


def title_failures(results: list[Result]) -> list[str]:
    """`case: expected | cleaner | trafilatura` for every title cleaner got wrong."""
    lines = []
    for result in results:
        wanted = title_key(result.expected)
        if wanted is None or title_key(result.found["cleaner"]) == wanted:
            continue
        got = [_quoted(title_key(result.found[s])) for s in SYSTEMS]
        lines.append(f"  {result.case}: {_quoted(wanted)} | {got[0]} | {got[1]}")
    return lines


def field_failures(result: Result) -> list[str]:
    """Every field cleaner got wrong on one case, with the expected and both found values."""
    lines = []
    for name, key in KEYS.items():
        wanted = key(result.expected)
        if wanted is None or key(result.found["cleaner"]) == wanted:
            continue
        got = " | ".join(_quoted(key(result.found[s])) for s in SYSTEMS)
        lines.append(f"  {result.case} {name}: {_quoted(wanted)} | {got}")
    return lines


def _quoted(value: object) -> str:
    """A value as JSON (strings quoted, sets as sorted lists, None as null), so ' | ' in a
    title cannot be mistaken for the column separator."""
    if isinstance(value, frozenset):
        value = sorted(value)
    plain = value if isinstance(value, str | list | None) else str(value)
    return json.dumps(plain, ensure_ascii=False)


def report(results: list[Result], summary: dict[str, Any], failures: bool) -> None:
    """Print the split, the rejects, the tables, the verdict and the failures."""
    counts = summary["cases"]
    print(
        f"\nPage metadata on {len(results)} Readability cases: {counts['real']} real pages, "
        f"{counts['synthetic']} synthetic (source.html < {SYNTHETIC_BYTES} bytes or lorem ipsum)"
    )
    print(f"cleaner rejects: {summary['rejected'] or 'none'}")
    print(
        "(right = exact after normalisation; rate = right / cases with an expected value; "
        "null = the extractor gave nothing;\n timestamp cases = both carry a time, "
        "cleaner/trafilatura)\n"
    )
    for group in GROUPS:
        print(render_table(group, summary["groups"][group]) + "\n")
    title = summary["groups"]["real"]["title"]["cleaner"]
    verdict = "PASS" if summary["title_pass"] else "FAIL"
    print(
        f"cleaner title right on >= {TARGET:.0%} of real pages: {title['right']}/{title['cases']} "
        f"= {title['rate']:.1%}  {verdict}"
    )
    real = [r for r in results if r.group == "real"]
    print("\ntitle failures on real pages (case: expected | cleaner | trafilatura):")
    print("\n".join(title_failures(real)) or "  none")
    if failures:
        print("\ntitle failures on synthetic cases:")
        print("\n".join(title_failures([r for r in results if r.group == "synthetic"])) or "  none")
        print("\nfield mismatches (case field: expected | cleaner | trafilatura):")
        lines = [line for result in results for line in field_failures(result)]
        print("\n".join(lines) or "  none")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[1])
    parser.add_argument("--limit", type=int, help="only the first N cases (sorted by name)")
    parser.add_argument(
        "--failures", action="store_true", help="list every field mismatch per case"
    )
    args = parser.parse_args(argv)
    reason = missing_reason()
    if reason:
        skip(reason)
    results = run(load_cases(args.limit))
    if not results:
        skip("no case selected")
    report(results, summarise(results), args.failures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
