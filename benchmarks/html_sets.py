"""Usage: python benchmarks/html_sets.py [--sets NAME ...] [--limit N] [--ids PREFIX ...]
       [--dump DIR] [--top N]

cleaner against trafilatura on every HTML set with gold, in one run: the article-extraction
benchmark, L3S-GN1, Dragnet and trafilatura-eval (read from `../shared/data/`, or
`$CLEANER_SHARED/data/`; a set whose data is absent is reported as skipped), and the pages
written for the tests in other scripts. Every page's raw bytes are handed to each system in
turn, in one process, so machine noise hits them alike:

* `cleaner`: `cleaner.clean_html(raw, url=url, config=cleaner.Config().with_entities(None))`,
  its paragraphs joined by blank lines (with the title first where the set's gold has it, see
  below); a `cleaner.Rejected` is empty text;
* `trafilatura`: `trafilatura.extract(raw, url=url)`, the defaults (readers' comments included);
* `traf-nocomments`: `trafilatura.extract(raw, url=url, include_comments=False)`, a second
  anchor: every set's gold leaves readers' comments out, and it is the call trafilatura's own
  published evaluations make.

The sets, their gold and metric, and whether cleaner's title is scored:

* `article-extraction` (181 pages): the human gold `articleBody`; the benchmark's published
  metric, F1 over 4-gram shingles of `\\w+` tokens (`shingles.py`, document-averaged). Title
  not scored: the gold body leaves the headline out.
* `l3s-gn1` (621 Google News pages, 2008): the gold is the text of the blocks labelled 2
  (article text) in the annotated copy of each page (label 1, the headline, and 3-5, captions,
  related links and comments, are left out; so are elements marked `x-nc-invisible`); the same
  shingle metric. Title not scored: the headline is its own label, outside the article text.
  The annotated copies lost the page's non-ASCII characters: curly quotes and dashes show as
  `?`, and a few letters as `?` or as UTF-8 read as Latin-1 ("RÃ¼ck"). Both the gold and each
  system's text are therefore folded before scoring: every non-ASCII character and every `?`
  becomes a space. `?` and quotes are not `\\w` tokens anyway, so the fold changes only the
  words with a non-ASCII letter, the same way on both sides: neither system loses a shingle
  to the artefact.
* `dragnet` (966 news and blog pages, 2012): the gold is the text of `corrected/<id>.txt`
  before the line `!@#$%^&*()  COMMENTS` (after it, readers' comments, which must not reach the
  body: text taken from them is a false positive); the same shingle metric. Title scored: the
  annotators copied the page from the headline down (on 631 of the 966 pages the gold opens
  with the `<title>`'s words), so cleaner's text is its title, then its paragraphs;
  trafilatura's text keeps a headline where it sits inside the node it extracts.
* `trafilatura-eval` (990 pages, most German): its own metric, snippets that must and must not
  appear (`trafilatura_eval.py`: its page loading, language vote and `Judgement`, counts
  summed over pages); reported for all pages and per language. Title scored, as in
  `trafilatura_eval.py`: the annotators list the headline as a snippet that must appear.
* `written-pages`: the news pages written for `tests/test_scripts.py` in Greek, Chinese,
  Russian and Polish (`tests/data/scripts/`, our own text), with their gold body; the shingle
  metric (on Chinese a `\\w+` token runs from one punctuation mark to the next), per
  language. Title not scored. Not in the mean over sets: they were written with the rules in
  view.

Printed: per set and system precision, recall and F1, cleaner's F1 minus each anchor's, the
mean over the four shared sets (trafilatura-eval counted once, all languages), empty outputs, and
per system documents per second over all pages with cleaner's speed ratio to each. `--sets`
picks sets, `--limit N` keeps the first N pages of each, `--ids` keeps pages whose id (the file
name for trafilatura-eval) starts with a prefix, `--top N` prints, per shingle set, the N
output lines of cleaner most often not gold (`diagnostics.top_residual`), and `--dump DIR`
writes per page a JSON file (`DIR/<set>/<id>.json`: both systems' texts and figures); DIR must
be outside the repository, the files hold third-party text.

`scores(sets, systems, limit)` returns the figures as a dict for tests that pin floors.
"""

from __future__ import annotations

import argparse
import gzip
import logging
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import trafilatura
from lxml import etree
from lxml import html as lxml_html

import cleaner

sys.path.insert(0, str(Path(__file__).resolve().parent))

import trafilatura_eval
from data import PROJECT, SHARED, add_filters, benchmark_pages, skip
from diagnostics import Diagnosis, dump, top_residual
from shingles import Scores, match

CONFIG = cleaner.Config().with_entities(None)
L3S = SHARED / "data" / "l3s-gn1"
DRAGNET = SHARED / "data" / "dragnet"
WRITTEN = PROJECT / "tests" / "data" / "scripts"
COMMENTS_MARK = "!@#$%^&*()  COMMENTS"
ARTICLE_LABEL = "2"
SYSTEMS = ("cleaner", "trafilatura", "traf-nocomments")
ANCHORS = SYSTEMS[1:]
SNIPPETS = "trafilatura-eval"
_LABEL = re.compile(r"(?:^|\s)x-nc-sel(\d)(?:\s|$)")
_INVISIBLE = re.compile(r"(?:^|\s)x-nc-invisible(?:\s|$)")
_NOT_ASCII_OR_QUESTION = re.compile(r"[^\x00-\x7f]|\?")


# --- pages ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SetPage:
    """One page of a set: raw bytes, URL, and its gold (a body text, or trafilatura-eval's
    annotated page with its snippets)."""

    id: str
    url: str | None
    html: bytes
    gold: str = ""
    snippets: trafilatura_eval.EvalPage | None = None
    lang: str | None = None

    @property
    def language(self) -> str | None:
        return self.snippets.language if self.snippets else self.lang


@dataclass(frozen=True)
class HtmlSet:
    """A set: how its pages are loaded, whether cleaner's title is scored, and the fold both
    texts go through before the shingle metric (identity but for L3S-GN1)."""

    name: str
    load: Callable[[Sequence[str] | None, int | None], list[SetPage]]
    title_scored: bool
    fold: Callable[[str], str] = str
    in_mean: bool = True


def _selected(ids: list[str], wanted: Sequence[str] | None, limit: int | None) -> list[str]:
    chosen = [i for i in sorted(ids) if not wanted or any(i.startswith(p) for p in wanted)]
    return chosen[:limit] if limit is not None else chosen


def _read_gz(path: Path) -> bytes:
    with gzip.open(path) as file:
        return file.read()


def article_benchmark_pages(ids: Sequence[str] | None, limit: int | None) -> list[SetPage]:
    """The article-extraction benchmark's pages (`data.benchmark_pages`)."""
    pages = benchmark_pages(list(ids) if ids else None, limit)
    return [SetPage(page.id, page.url or None, page.html, page.gold) for page in pages]


def l3s_pages(ids: Sequence[str] | None, limit: int | None) -> list[SetPage]:
    """L3S-GN1: the original page, the article text of the annotated copy as gold."""
    if not (L3S / "original").is_dir():
        raise FileNotFoundError(f"L3S-GN1 data not found at {L3S}")
    urls = {}
    for line in (L3S / "url-mapping.txt").read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            key, url = line.split("\t", 1)
            urls[key.strip().removeprefix("<urn:uuid:").removesuffix(">")] = url.strip()
    names = [path.name.removesuffix(".html.gz") for path in (L3S / "original").glob("*.html.gz")]
    return [
        SetPage(
            name,
            urls.get(name),
            _read_gz(L3S / "original" / f"{name}.html.gz"),
            labelled_text(_read_gz(L3S / "annotated" / f"{name}.html.gz"), ARTICLE_LABEL),
        )
        for name in _selected(names, ids, limit)
    ]


def labelled_text(annotated: bytes, label: str) -> str:
    """The text of an L3S-GN1 annotated page's blocks labelled `label`, one line per block.

    >>> labelled_text(b'<p><span class="x-nc-sel1">Title</span><span class="x-nc-sel2">'
    ...               b'One <a>two</a></span><span class="x-nc-sel0">Menu</span></p>', "2")
    'One two'
    """
    root = lxml_html.document_fromstring(annotated.decode("utf-8", "replace"))
    lines: list[list[str]] = []
    for text, own in _labelled_pieces(root, None, label):
        if own or not lines:
            lines.append([])
        lines[-1].append(text)
    return "\n".join(joined for pieces in lines if (joined := " ".join("".join(pieces).split())))


def _labelled_pieces(
    element: etree._Element, current: str | None, label: str
) -> Iterator[tuple[str, bool]]:
    """(text, starts a block) for every text node under the nearest label `label`."""
    if not isinstance(element.tag, str) or element.tag in ("script", "style"):
        return
    classes = element.get("class") or ""
    if _INVISIBLE.search(classes):
        return
    found = _LABEL.search(classes)
    inner = found.group(1) if found else current
    if inner == label and element.text:
        yield element.text, found is not None
    for child in element:
        yield from _labelled_pieces(child, inner, label)
        if inner == label and child.tail:
            yield child.tail, False


def fold_ascii(text: str) -> str:
    """Every non-ASCII character and every `?` as a space (L3S-GN1's annotated copies show `?`
    for what the page had there).

    >>> fold_ascii("Ban’s “plan” for Rück?")
    'Ban s  plan  for R ck '
    """
    return _NOT_ASCII_OR_QUESTION.sub(" ", text)


def dragnet_pages(ids: Sequence[str] | None, limit: int | None) -> list[SetPage]:
    """Dragnet: the page and the corrected text before the comments mark as gold."""
    if not (DRAGNET / "corrected").is_dir():
        raise FileNotFoundError(f"Dragnet data not found at {DRAGNET}")
    names = [path.stem for path in (DRAGNET / "corrected").glob("*.txt")]
    pages = []
    for name in _selected(names, ids, limit):
        gold = (DRAGNET / "corrected" / f"{name}.txt").read_text(encoding="utf-8", errors="replace")
        article = gold.split(COMMENTS_MARK, 1)[0]
        pages.append(SetPage(name, None, _read_gz(DRAGNET / "html" / f"{name}.html.gz"), article))
    return pages


def written_pages(ids: Sequence[str] | None, limit: int | None) -> list[SetPage]:
    """The news pages written for `tests/test_scripts.py` (Greek, Chinese, Russian, Polish),
    each with its gold body; the language is the file name up to a hyphen."""
    names = [path.stem for path in WRITTEN.glob("*.html")]
    return [
        SetPage(
            name,
            None,
            (WRITTEN / f"{name}.html").read_bytes(),
            (WRITTEN / f"{name}.txt").read_text(encoding="utf-8"),
            lang=name.split("-")[0],
        )
        for name in _selected(names, ids, limit)
    ]


def snippet_pages(ids: Sequence[str] | None, limit: int | None) -> list[SetPage]:
    """trafilatura-eval's pages, as `trafilatura_eval.load_pages` reads them."""
    return [
        SetPage(page.file, page.url, page.html, snippets=page)
        for page in trafilatura_eval.load_pages(limit, None, ids)
    ]


SETS = {
    found.name: found
    for found in (
        HtmlSet("article-extraction", article_benchmark_pages, title_scored=False),
        HtmlSet("l3s-gn1", l3s_pages, title_scored=False, fold=fold_ascii),
        HtmlSet("dragnet", dragnet_pages, title_scored=True),
        HtmlSet(SNIPPETS, snippet_pages, title_scored=True),
        HtmlSet("written-pages", written_pages, title_scored=False, in_mean=False),
    )
}


# --- the systems ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Output:
    """One system's text for one page; cleaner's also its title, paragraphs and edits."""

    text: str
    title: str | None = None
    paragraphs: tuple[str, ...] = ()
    edits: tuple[cleaner.Edit, ...] = ()


def run_cleaner(raw: bytes, url: str | None) -> Output:
    try:
        article = cleaner.clean_html(raw, url=url, config=CONFIG)
    except cleaner.Rejected:
        return Output("")
    body = "\n\n".join(article.paragraphs)
    return Output(body, article.title, article.paragraphs, article.edits)


def _trafilatura(**options: Any) -> Callable[[bytes, str | None], Output]:
    def run(raw: bytes, url: str | None) -> Output:
        return Output(trafilatura.extract(raw, url=url, **options) or "")

    return run


EXTRACTORS: dict[str, Callable[[bytes, str | None], Output]] = {
    "cleaner": run_cleaner,
    "trafilatura": _trafilatura(),
    "traf-nocomments": _trafilatura(include_comments=False),
}


def scored_text(output: Output, title_scored: bool) -> str:
    """The text a set scores: cleaner's title first where the set's gold has it."""
    if title_scored and output.title and output.text:
        return f"{output.title}\n\n{output.text}"
    return output.text


# --- measuring --------------------------------------------------------------------------------


@dataclass
class Tally:
    """One system on one set, by the pages' language: shingle scores or snippet counts."""

    shingles: dict[str | None, Scores] = field(default_factory=dict)
    snippets: dict[str | None, trafilatura_eval.Counts] = field(default_factory=dict)
    empty: int = 0

    def figures(self) -> dict[str, float]:
        """Precision, recall and F1 over the whole set."""
        return self.language_figures(*self.shingles, *self.snippets)

    def language_figures(self, *languages: str | None) -> dict[str, float]:
        """Precision, recall and F1 over the pages of `languages`."""
        found: Scores | trafilatura_eval.Counts
        if self.snippets:
            found = trafilatura_eval.Counts()
            for language in languages:
                found.add(self.snippets.get(language, trafilatura_eval.Counts()))
        else:
            found = Scores(
                [m for key in languages for m in self.shingles.get(key, Scores()).matches]
            )
        return {"precision": found.precision, "recall": found.recall, "f1": found.f1}


@dataclass
class SetResult:
    """Every system's tally on one set, cleaner's diagnoses, and the pages' languages."""

    name: str
    pages: int = 0
    tallies: dict[str, Tally] = field(default_factory=dict)
    diagnoses: list[Diagnosis] = field(default_factory=list)
    languages: dict[str | None, int] = field(default_factory=dict)


@dataclass
class Clock:
    """Seconds and pages per system, over every set."""

    seconds: dict[str, float] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)

    def add(self, system: str, seconds: float) -> None:
        self.seconds[system] = self.seconds.get(system, 0.0) + seconds
        self.pages[system] = self.pages.get(system, 0) + 1

    def speed(self, system: str) -> float:
        seconds = self.seconds.get(system, 0.0)
        return self.pages.get(system, 0) / seconds if seconds else 0.0


def measure_set(
    chosen: HtmlSet,
    pages: Iterable[SetPage],
    systems: Sequence[str],
    clock: Clock,
    dump_to: Path | None = None,
) -> SetResult:
    """Every system on every page of one set, in an order rotating per page."""
    result = SetResult(chosen.name, tallies={name: Tally() for name in systems})
    for number, page in enumerate(pages):
        result.pages += 1
        result.languages[page.language] = result.languages.get(page.language, 0) + 1
        shift = number % len(systems)
        outputs: dict[str, Output] = {}
        for name in [*systems[shift:], *systems[:shift]]:
            started = time.perf_counter()
            outputs[name] = EXTRACTORS[name](page.html, page.url)
            clock.add(name, time.perf_counter() - started)
        record: dict[str, Any] = {"set": chosen.name, "id": page.id, "url": page.url}
        for name in systems:
            text = scored_text(outputs[name], chosen.title_scored and name == "cleaner")
            tally = result.tallies[name]
            tally.empty += not text.strip()
            record[name] = {"text": text}
            if page.snippets is not None:
                judged = trafilatura_eval.Judgement.of(page.snippets, text)
                counts = tally.snippets.setdefault(page.language, trafilatura_eval.Counts())
                counts.add(judged.counts)
                record[name] |= {"missed": judged.missed, "leaked": judged.leaked}
            else:
                found = match(chosen.fold(page.gold), chosen.fold(text))
                tally.shingles.setdefault(page.language, Scores()).add(found)
                record[name] |= {"precision": found.precision, "recall": found.recall}
        mine = outputs.get("cleaner")
        if mine is not None and page.snippets is None:
            paragraphs = [chosen.fold(p) for p in mine.paragraphs]
            if chosen.title_scored and mine.title and mine.paragraphs:
                paragraphs.insert(0, chosen.fold(mine.title))
            result.diagnoses.append(
                Diagnosis.of(page.id, chosen.fold(page.gold), paragraphs, mine.edits)
            )
        if dump_to is not None:
            dump(dump_to / chosen.name, page.id, record)
    return result


def load_sets(
    names: Sequence[str], ids: Sequence[str] | None, limit: int | None
) -> tuple[dict[str, list[SetPage]], dict[str, str]]:
    """The pages of each set, and why each set that could not be loaded was skipped."""
    loaded: dict[str, list[SetPage]] = {}
    skipped: dict[str, str] = {}
    for name in names:
        try:
            pages = SETS[name].load(ids, limit)
        except FileNotFoundError as error:
            skipped[name] = str(error)
            continue
        if pages:
            loaded[name] = pages
        else:
            skipped[name] = "no page matches --ids/--limit"
    return loaded, skipped


def scores(
    sets: Sequence[str] = tuple(SETS), systems: Sequence[str] = SYSTEMS, limit: int | None = None
) -> dict[str, dict[str, dict[str, float]]]:
    """`{set: {system: {"precision", "recall", "f1"}}}`; `FileNotFoundError` when a set's data
    is absent."""
    loaded, skipped = load_sets(sets, None, limit)
    if skipped:
        raise FileNotFoundError("; ".join(skipped.values()))
    clock = Clock()
    return {
        name: {
            system: tally.figures()
            for system, tally in measure_set(SETS[name], pages, systems, clock).tallies.items()
        }
        for name, pages in loaded.items()
    }


# --- reporting --------------------------------------------------------------------------------


def _row(
    label: str, pages: int, figures: dict[str, dict[str, float]], systems: Sequence[str]
) -> str:
    mine = figures["cleaner"]["f1"]
    cells = [f"{label:<24} {pages:>5}"]
    for name in systems:
        found = figures[name]
        cells.append(f"{found['precision']:>6.3f} {found['recall']:>6.3f} {found['f1']:>6.3f}")
        if name != "cleaner":
            cells.append(f"{mine - found['f1']:>+7.3f}")
    return " ".join(cells)


def print_table(results: list[SetResult], systems: Sequence[str]) -> None:
    """One row per set (and per language, in a set of several), then the mean over the sets
    that count in it (not the pages written for the tests)."""
    names, columns = [f"{'set':<24} {'pages':>5}"], [" " * 30]
    for name in systems:
        names.append(f"{name[:20]:^20}")
        columns.append(f"{'P':>6} {'R':>6} {'F1':>6}")
        if name != "cleaner":
            names.append(f"{'ΔF1':>7}")
            columns.append(" " * 7)
    rule = "-" * len(" ".join(columns))
    print(" ".join(names), " ".join(columns).rstrip(), rule, sep="\n")
    means = {name: dict.fromkeys(("precision", "recall", "f1"), 0.0) for name in systems}
    counted = [result for result in results if SETS[result.name].in_mean]
    for result in results:
        figures = {name: result.tallies[name].figures() for name in systems}
        print(_row(result.name, result.pages, figures, systems))
        for name in systems:
            for key, value in figures[name].items():
                means[name][key] += value / len(counted) if result in counted else 0.0
        if len(result.languages) > 1:
            for language, count in sorted(result.languages.items(), key=lambda kv: -kv[1]):
                by = {name: result.tallies[name].language_figures(language) for name in systems}
                print(_row(f"  {language or 'undetermined'}", count, by, systems))
    print(rule)
    if counted:
        pages = sum(result.pages for result in counted)
        print(_row(f"mean over {len(counted)} sets", pages, means, systems))
    empty = ", ".join(f"{name} {sum(r.tallies[name].empty for r in results)}" for name in systems)
    print(f"\nempty outputs (rejects, nothing found): {empty}")


def print_speed(clock: Clock, systems: Sequence[str]) -> None:
    print("\nspeed over all pages (extraction calls only, interleaved per page):")
    mine = clock.speed("cleaner")
    for name in systems:
        ratio = f"  cleaner/{name} {mine / clock.speed(name):.2f}x" if name != "cleaner" else ""
        print(f"  {name:<16} {clock.speed(name):>7.1f} docs/s{ratio}")


def main(argv: list[str] | None = None) -> int:
    parser = add_filters(argparse.ArgumentParser(description=__doc__.split("\n\n")[1]))
    parser.add_argument("--sets", nargs="+", choices=list(SETS), default=list(SETS))
    parser.add_argument(
        "--top", type=int, default=10, help="residual lines of cleaner to print per set (10)"
    )
    args = parser.parse_args(argv)
    if args.dump is not None and args.dump.resolve().is_relative_to(PROJECT):
        parser.error("--dump must be outside the repository (the files hold third-party text)")
    loaded, skipped = load_sets(args.sets, args.ids, args.limit)
    for name, why in skipped.items():
        print(f"{name}: skipped ({why})")
    if not loaded:
        skip("no set's data found (or no page matches --ids/--limit)")
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    first = next(iter(loaded.values()))[0]
    for extractor in EXTRACTORS.values():  # lazy imports and caches before the clock runs
        extractor(first.html, first.url)
    clock = Clock()
    results = []
    for name, pages in loaded.items():
        started = time.perf_counter()
        results.append(measure_set(SETS[name], pages, SYSTEMS, clock, args.dump))
        elapsed = time.perf_counter() - started
        print(f"... {name}: {len(pages)} pages, {elapsed:.0f}s", file=sys.stderr)
    print(
        f"\nHTML sets: snippet P/R/F1 (summed over pages) for {SNIPPETS}, shingle P/R/F1 "
        "(document-averaged) for the others; ΔF1 = cleaner's F1 minus the anchor's\n"
    )
    print_table(results, SYSTEMS)
    print_speed(clock, SYSTEMS)
    for result in results:
        residual = top_residual(result.diagnoses, args.top)
        if residual:
            print(f"\n{result.name}: {residual}")
    if args.dump is not None:
        print(f"\nper-page texts and figures written to {args.dump}/<set>/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
