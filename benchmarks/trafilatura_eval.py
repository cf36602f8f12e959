"""Usage: python benchmarks/trafilatura_eval.py [--limit N] [--lang en] [--dump DIR] [--top N]
       [--causes] [--oracle-language]

Boilerplate removal on trafilatura's own evaluation set (990 pages, `../shared/data/
trafilatura-eval`, or `$CLEANER_SHARED/data/...`; the script exits 0 with a message when the
data is absent): each page is annotated with up to six `with` snippets that must appear in the
main text and up to six `without` snippets (menus, footers, share buttons, dates, related
links, comments) that must not. All systems run in the same process on the same pages
(`--systems NAME ...` picks some, `--ids PREFIX ...` keeps pages by file-name prefix):

* `cleaner`: `cleaner.clean_html(raw, url=url, config=cleaner.Config().with_entities(None))`
  (with `--oracle-language`, `cleaner.Config(language=<the page's language>)`, see below), the
  text of its record: the title, then the paragraphs, joined by newlines; a
  `cleaner.Rejected` is empty text. The title counts because the annotators list the headline
  as a `with` snippet on many pages, trafilatura keeps the `<h1>` in its text, and cleaner
  moves it to the record's `title` field (the body never repeats it);
* `cleaner-body` (only with `--systems`): the paragraphs alone, to show what the title adds;
* `trafilatura`: `trafilatura.extract(raw, url=url)`, the defaults (comments included);
* `traf-precision`: `trafilatura.extract(raw, url=url, favor_precision=True)`;
* `traf-json-meta`: `trafilatura.extract(raw, url=url, with_metadata=True,
  output_format="json")`, its "text" field;
* `traf-nocomments` (only with `--systems`): `include_comments=False`, the setting of
  trafilatura's own published runs.

Every system gets the raw bytes of the page, as trafilatura's `tests/evaluate.py` hands them to
every extractor (`htmlbinary`); each decodes them itself. The URL is given when the evaldata key
is an http(s) URL (a few keys are labels such as `hard::name.html`: no URL then).

The metric is trafilatura's (`tests/eval_common.py`, `count_item`; older `comparison.py`
`evaluate_result` did the same without the normalisation): text and snippet are both
whitespace-normalised (`re.sub(r"\\s+", " ", s).strip()`, so line breaks, tabs and no-break
spaces count as one space) and a snippet counts as present when it is a case-sensitive
substring of the text. Per page, a `with` snippet present is a true positive, absent a false
negative; a `without` snippet present is a false positive, absent a true negative. Counts are
summed over pages (micro-averaged): precision TP/(TP+FP), recall TP/(TP+FN), F1 their harmonic
mean, accuracy (TP+TN)/all. Empty output (a reject, a trafilatura `None`, a crash) therefore
scores every `with` as missed and every `without` as avoided.

Language: the evaldata records carry no language field. A page's language is decided by the
annotated text itself: the `with` snippets' tokens are counted against short lists of function
words for English, German, Spanish, French, Polish, Portuguese, Italian and Dutch (words shared
by two languages count for both) and the language with strictly the most hits wins; a tie
(e.g. snippets that are names or numbers) falls back to the page's `<html lang>`. `<html
lang="en">` alone gives the 180 "English" pages the data's README counts, but 31 of them are
German, Spanish or Papiamento pages (a theme's default `lang`) and 28 English pages declare
no language or another one; the vote gives 177 English pages (a few of them German pages whose
annotated snippets are English quotes or slogans). `--lang XX` keeps only pages of language XX.
`--oracle-language` hands cleaner the page's voted language (`cleaner.Config(language=...)`;
a page without a vote gets the default configuration): what cleaner's rule tables for each
language give when the language is known, apart from how well cleaner decides it. Without the
option cleaner decides the language itself (the default configuration).

Speed: all pages are read and decompressed first; only the extraction calls are timed; every
system is called once before timing starts; the systems run page by page in an order that
rotates from one page to the next, so a noisy machine hits them alike. Single process.

Printed: per system P, R, F1, accuracy, empty outputs and docs/s, for all pages and for English
pages alone; PASS/FAIL for "cleaner P, R and F1 each >= trafilatura default's" and for the speed
ratio cleaner docs/s / `traf-json-meta` docs/s >= 1.0; per language with 15 pages or more,
cleaner's and trafilatura's default P, R, F1 and `without` snippets kept, with PASS/FAIL for the
language's target (`TARGETS`: German F1 >= trafilatura's + 2.0 points with recall >=
trafilatura's - 0.3 and at most 86 `without` snippets kept; Spanish, French, Polish F1 >=
trafilatura's + 1.0; any other F1 >= trafilatura's); cleaner's rejects by reason; how many
`without` snippets cleaner leaks and `with` snippets it misses, and how many of those
trafilatura's default got right; with `--top N` (default 15) the snippets leaked and missed on
the most pages (the `traf` column: on how many of those pages trafilatura's default did the
same; among equal counts, the ones trafilatura got right come first, then evaldata order).
`--causes` lists every `with` snippet trafilatura's default finds and cleaner misses, with its
cause: the rule whose recorded edit removed it, a readers' comment (trafilatura without
comments misses it too), a repair (ftfy's fix of the snippet is in cleaner's text), or not
extracted. `--dump DIR` writes, for every page where cleaner missed, leaked or rejected, a JSON file
(`DIR/trafilatura-eval/<file>.json`) with the snippets, trafilatura's misses and leaks, and
cleaner's text; DIR must be outside the repository (the files hold third-party text).

`scores(systems, limit=None, lang=None, oracle_language=False)` returns the figures as a dict,
for tests that pin floors; it raises `FileNotFoundError` when the data is absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import ftfy
import trafilatura

import cleaner

sys.path.insert(0, str(Path(__file__).resolve().parent))

from data import PROJECT, SHARED, add_filters, skip
from diagnostics import dump

EVAL = SHARED / "data" / "trafilatura-eval"
BASELINE = "trafilatura"
SPEED_REFERENCE = "traf-json-meta"
ENGLISH = "en"
MIN_LANGUAGE_PAGES = 15  # a language with fewer pages is reported with "all pages" only

_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_HTML_LANG = re.compile(rb"<html\b[^>]*?\b(?:xml:)?lang\s*=\s*[\"']?\s*([A-Za-z]{2,3})\b", re.I)

# Frequent function words; a word in two lists (en/de "in", "an", "was") counts for both.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    language: frozenset(words.split())
    for language, words in {
        "en": "a in the and of to is that it for with was on are this be by you at have from "
        "or an not but they were has which their will we he she his her its can been would "
        "there what about when who more one all if our your than so also into how had",
        "de": "in an so was also will der die das und ist nicht mit ein eine zu den von sich "
        "auf für im des dem auch es sie ich wir wird werden sind war bei nach aus wie oder "
        "aber noch nur um einen einem einer dass als hat kann man über vor zum zur",
        "es": "el la los las de que y en un una por con para se del al es su como más pero lo "
        "le sus fue este esta",
        "fr": "le la les des et est un une du que qui dans pour pas sur au avec ce il elle ne "
        "se sont par plus ont aux",
        "pl": "i w z na się nie do to że jest o od po za jak co ale przez dla są już czy tak "
        "oraz który która",
        "pt": "o a os as de que e do da em um uma para com não no na por se dos das mais é foi ao",
        "it": "il la di che e è un una per non in del della con si sono da le gli al lo ma "
        "come anche più",
        "nl": "de het een en van is dat op te in voor niet met zijn er ook aan om maar als bij "
        "dit wordt",
    }.items()
}


# --- the data ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class EvalPage:
    """One annotated page: raw bytes in memory, the snippets, and its language."""

    key: str
    file: str
    html: bytes
    wanted: tuple[str, ...]
    unwanted: tuple[str, ...]
    language: str | None
    declared: str | None

    @property
    def url(self) -> str | None:
        """The evaldata key when it is a URL (some keys are labels like `hard::x.html`)."""
        return self.key if self.key.startswith(("http://", "https://")) else None


def declared_language(html: bytes) -> str | None:
    """The language code of the page's `<html lang=...>`, lowercased, if any."""
    found = _HTML_LANG.search(html)
    return found.group(1).decode("ascii").lower() if found else None


def snippet_language(snippets: Iterable[str]) -> str | None:
    """The language with strictly the most function-word hits in `snippets`, else `None`."""
    words = _WORD.findall(" ".join(snippets).lower())
    hits = sorted(
        (
            (sum(word in known for word in words), language)
            for language, known in FUNCTION_WORDS.items()
        ),
        reverse=True,
    )
    (best, language), (second, _) = hits[0], hits[1]
    return language if best > second else None


def page_file(name: str) -> Path | None:
    """`cache/<name>.gz` or `eval/<name>.gz` (trafilatura looks in that order)."""
    for folder in ("cache", "eval"):
        path = EVAL / folder / f"{name}.gz"
        if path.is_file():
            return path
    return None


def load_pages(
    limit: int | None = None, lang: str | None = None, ids: Sequence[str] | None = None
) -> list[EvalPage]:
    """The annotated pages, in evaldata order, filtered; `FileNotFoundError` if data is absent."""
    index = EVAL / "evaldata.json"
    if not index.is_file():
        raise FileNotFoundError(
            f"trafilatura-eval data not found at {EVAL} (it lives in ../shared beside the "
            "checkout; set CLEANER_SHARED to point elsewhere)"
        )
    items = json.loads(index.read_text(encoding="utf-8"))
    pages = []
    for key, item in items.items():
        if ids and not any(item["file"].startswith(prefix) for prefix in ids):
            continue
        path = page_file(item["file"])
        if path is None:
            raise FileNotFoundError(f"page file {item['file']}.gz missing under {EVAL}")
        with gzip.open(path) as file:
            html = file.read()
        declared = declared_language(html)
        language = snippet_language(item["with"]) or declared
        if lang is not None and language != lang:
            continue
        pages.append(
            EvalPage(
                key,
                item["file"],
                html,
                tuple(item["with"]),
                tuple(item["without"]),
                language,
                declared,
            )
        )
        if limit is not None and len(pages) >= limit:
            break
    if not pages:
        raise FileNotFoundError("no page matches --ids/--lang/--limit")
    return pages


# --- the metric -------------------------------------------------------------------------------


def norm(text: str) -> str:
    """Whitespace runs as one space, ends stripped (trafilatura's `eval_common.norm`)."""
    return _SPACES.sub(" ", text).strip()


@dataclass
class Counts:
    """Summed true/false positives/negatives, and the scores derived from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.tn += other.tn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else 0.0

    @property
    def accuracy(self) -> float:
        total = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.tn) / total if total else 0.0


@dataclass(frozen=True)
class Judgement:
    """One system's text for one page, judged: its counts, missed and leaked snippets."""

    page: EvalPage
    text: str
    missed: tuple[str, ...]
    leaked: tuple[str, ...]

    @classmethod
    def of(cls, page: EvalPage, text: str) -> Judgement:
        found = norm(text)
        missed = tuple(s for s in page.wanted if norm(s) not in found)
        leaked = tuple(s for s in page.unwanted if norm(s) in found)
        return cls(page, text, missed, leaked)

    @property
    def counts(self) -> Counts:
        wanted, unwanted = len(self.page.wanted), len(self.page.unwanted)
        missed, leaked = len(self.missed), len(self.leaked)
        return Counts(wanted - missed, leaked, missed, unwanted - leaked)


# --- the systems ------------------------------------------------------------------------------

Extractor = Callable[[EvalPage], str]
CLEANER_CONFIG = cleaner.Config().with_entities(None)


def cleaner_config(page: EvalPage, oracle_language: bool = False) -> cleaner.Config:
    """cleaner's configuration for `page`: the default, or with `oracle_language` the page's
    voted language (the default when the vote is silent)."""
    if oracle_language and page.language:
        return replace(CLEANER_CONFIG, language=page.language)
    return CLEANER_CONFIG


@dataclass(frozen=True)
class CleanerText:
    """The text of cleaner's record, title first (`body_only`: the paragraphs alone); lets
    `cleaner.Rejected` through (counted by the caller)."""

    body_only: bool = False
    oracle_language: bool = False

    def __call__(self, page: EvalPage) -> str:
        config = cleaner_config(page, self.oracle_language)
        article = cleaner.clean_html(page.html, url=page.url, config=config)
        title = [article.title] if article.title and not self.body_only else []
        return "\n".join(title + list(article.paragraphs))


def _trafilatura(**options: Any) -> Extractor:
    def run(page: EvalPage) -> str:
        return trafilatura.extract(page.html, url=page.url, **options) or ""

    return run


def run_trafilatura_json(page: EvalPage) -> str:
    """The "text" field of trafilatura's JSON output with metadata."""
    found = trafilatura.extract(page.html, url=page.url, with_metadata=True, output_format="json")
    return (json.loads(found).get("text") or "") if found else ""


def systems(oracle_language: bool = False) -> dict[str, Extractor]:
    """Every system by name; cleaner's with the page's language when `oracle_language`."""
    return {
        "cleaner": CleanerText(oracle_language=oracle_language),
        "cleaner-body": CleanerText(body_only=True, oracle_language=oracle_language),
        BASELINE: _trafilatura(),
        "traf-precision": _trafilatura(favor_precision=True),
        SPEED_REFERENCE: run_trafilatura_json,
        "traf-nocomments": _trafilatura(include_comments=False),
    }


SYSTEMS = tuple(systems())
DEFAULT_SYSTEMS = ("cleaner", BASELINE, "traf-precision", SPEED_REFERENCE)


# --- measuring --------------------------------------------------------------------------------


@dataclass
class Tally:
    """Counts and extraction time over a set of pages."""

    counts: Counts = field(default_factory=Counts)
    seconds: float = 0.0
    pages: int = 0
    empty: int = 0

    @property
    def speed(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


@dataclass
class Run:
    """One system over the pages: its judgements, rejects, errors and time."""

    name: str
    judgements: list[Judgement] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    rejects: Counter[str] = field(default_factory=Counter)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (file, reason: message)
    errors: Counter[str] = field(default_factory=Counter)

    def extract(self, extractor: Extractor, page: EvalPage) -> None:
        """Run and time one extraction; a reject or a crash is empty text."""
        text = ""
        started = time.perf_counter()
        try:
            text = extractor(page)
        except cleaner.Rejected as error:
            self.rejects[error.reject.reason] += 1
            self.rejected.append((page.file, f"{error.reject.reason}: {error.reject.message}"))
        except Exception as error:  # a crash counts as a full miss, as upstream
            self.errors[type(error).__name__] += 1
        self.seconds.append(time.perf_counter() - started)
        self.judgements.append(Judgement.of(page, text))

    def leaked(self, language: str | None = None) -> int:
        """How many `without` snippets the system kept, on all pages or those of `language`."""
        return sum(
            len(judgement.leaked)
            for judgement in self.judgements
            if language is None or judgement.page.language == language
        )

    def tally(self, language: str | None = None) -> Tally:
        """The figures over all pages, or over the pages of `language`."""
        total = Tally()
        for judgement, seconds in zip(self.judgements, self.seconds, strict=True):
            if language is not None and judgement.page.language != language:
                continue
            total.counts.add(judgement.counts)
            total.seconds += seconds
            total.pages += 1
            total.empty += not judgement.text.strip()
        return total


def measure(
    pages: Sequence[EvalPage],
    names: Sequence[str],
    progress: bool = False,
    oracle_language: bool = False,
) -> dict[str, Run]:
    """Every system on every page, in an order rotating per page; extraction time only."""
    extractors = systems(oracle_language)
    runs = {name: Run(name) for name in names}
    for name in names:  # lazy imports and caches before the clock runs
        Run(name).extract(extractors[name], pages[0])
    started = time.perf_counter()
    for number, page in enumerate(pages):
        shift = number % len(names)
        for name in [*names[shift:], *names[:shift]]:
            runs[name].extract(extractors[name], page)
        if progress and (number + 1) % 100 == 0:
            print(
                f"... {number + 1}/{len(pages)} pages, {time.perf_counter() - started:.0f}s",
                file=sys.stderr,
            )
    return runs


def _figures(tally: Tally) -> dict[str, float | int]:
    counts = tally.counts
    return {
        "precision": counts.precision,
        "recall": counts.recall,
        "f1": counts.f1,
        "accuracy": counts.accuracy,
        "tp": counts.tp,
        "fp": counts.fp,
        "fn": counts.fn,
        "tn": counts.tn,
        "pages": tally.pages,
        "empty": tally.empty,
        "docs_per_s": tally.speed,
    }


def summary(runs: dict[str, Run]) -> dict[str, Any]:
    """`{system: {"all": figures, "en": figures, "languages": {code: figures}, "rejects":
    {...}, "errors": {...}}}`; "languages" has each language of 15 pages or more, and the
    figures of a language include "leaked", the `without` snippets the system kept."""
    return {
        name: {
            "all": _figures(run.tally()),
            ENGLISH: _figures(run.tally(ENGLISH)),
            "languages": {
                language: {**_figures(run.tally(language)), "leaked": run.leaked(language)}
                for language in reported_languages(run)
            },
            "rejects": dict(run.rejects),
            "errors": dict(run.errors),
        }
        for name, run in runs.items()
    }


def scores(
    systems: Sequence[str] = DEFAULT_SYSTEMS,
    limit: int | None = None,
    lang: str | None = None,
    oracle_language: bool = False,
) -> dict[str, Any]:
    """Run `systems` on the pages and return `summary()`; `FileNotFoundError` without data.
    `oracle_language` hands cleaner each page's voted language."""
    return summary(measure(load_pages(limit, lang), list(systems), False, oracle_language))


def reported_languages(run: Run) -> list[str]:
    """The languages with `MIN_LANGUAGE_PAGES` pages or more, the most pages first."""
    pages = Counter(j.page.language for j in run.judgements if j.page.language is not None)
    return [language for language, count in pages.most_common() if count >= MIN_LANGUAGE_PAGES]


# --- reporting --------------------------------------------------------------------------------


def print_table(runs: dict[str, Run], language: str | None, title: str) -> None:
    """One row per system: P, R, F1, accuracy, empty outputs, docs/s."""
    pages = next(iter(runs.values())).tally(language).pages
    print(f"\n{title} ({pages} pages; snippet counts summed over pages)\n")
    header = (
        f"{'system':<16} {'precision':>9} {'recall':>7} {'F1':>6} {'accuracy':>8} "
        f"{'empty':>6} {'docs/s':>7}"
    )
    print(header)
    print("-" * len(header))
    for name, run in runs.items():
        tally = run.tally(language)
        counts = tally.counts
        print(
            f"{name:<16} {counts.precision:>9.3f} {counts.recall:>7.3f} {counts.f1:>6.3f} "
            f"{counts.accuracy:>8.3f} {tally.empty:>6} {tally.speed:>7.1f}"
        )


def verdicts(runs: dict[str, Run], subsets: dict[str, str | None]) -> None:
    """PASS/FAIL: cleaner's P, R, F1 against trafilatura's default; speed against JSON call."""
    mine = runs.get("cleaner")
    if mine is None:
        return
    print()
    for label, language in subsets.items():
        if BASELINE in runs:
            ours, theirs = mine.tally(language).counts, runs[BASELINE].tally(language).counts
            for metric in ("precision", "recall", "f1"):
                a, b = getattr(ours, metric), getattr(theirs, metric)
                print(
                    f"cleaner {metric:<9} >= trafilatura default ({label}): {a:.3f} vs {b:.3f} "
                    f"({a - b:+.3f})  {'PASS' if a >= b else 'FAIL'}"
                )
        if SPEED_REFERENCE in runs:
            reference = runs[SPEED_REFERENCE].tally(language).speed
            ratio = mine.tally(language).speed / reference if reference else 0.0
            print(
                f"speed ratio cleaner / {SPEED_REFERENCE} ({label}): {ratio:.2f}x "
                f"(target >= 1.0)  {'PASS' if ratio >= 1.0 else 'FAIL'}"
            )


@dataclass(frozen=True)
class Target:
    """What cleaner must reach on a language's pages, against trafilatura's default."""

    f1_gain: float = 0.0  # cleaner's F1 >= trafilatura's + this
    recall_loss: float | None = None  # cleaner's recall >= trafilatura's - this
    max_leaked: int | None = None  # `without` snippets cleaner keeps, at most

    def checks(self, ours: Counts, theirs: Counts, leaked: int) -> list[tuple[str, bool]]:
        """(what was checked, passed) for each part of the target."""
        found = [
            (
                f"F1 {ours.f1:.3f} >= {theirs.f1:.3f} + {self.f1_gain:.3f}",
                ours.f1 >= theirs.f1 + self.f1_gain,
            )
        ]
        if self.recall_loss is not None:
            found.append(
                (
                    f"recall {ours.recall:.3f} >= {theirs.recall:.3f} - {self.recall_loss:.3f}",
                    ours.recall >= theirs.recall - self.recall_loss,
                )
            )
        if self.max_leaked is not None:
            found.append(
                (f"`without` kept {leaked} <= {self.max_leaked}", leaked <= self.max_leaked)
            )
        return found


# issue 17: German +2.0 F1 points at no more than 0.3 points of recall lost and half the 173
# `without` snippets kept when the German tables were written; Spanish, French, Polish +1.0
TARGETS = {
    "de": Target(f1_gain=0.020, recall_loss=0.003, max_leaked=86),
    "es": Target(f1_gain=0.010),
    "fr": Target(f1_gain=0.010),
    "pl": Target(f1_gain=0.010),
}


def print_languages(runs: dict[str, Run]) -> None:
    """cleaner beside trafilatura's default per language of 15 pages or more, with targets."""
    mine, reference = runs.get("cleaner"), runs.get(BASELINE)
    if mine is None or reference is None:
        return
    languages = reported_languages(mine)
    print(f"\nBy language ({MIN_LANGUAGE_PAGES} pages or more), cleaner vs trafilatura default\n")
    header = (
        f"{'lang':<5} {'pages':>5}  {'cleaner P':>9} {'R':>6} {'F1':>6}  {'traf P':>6} {'R':>6} "
        f"{'F1':>6}  {'dF1':>6} {'dR':>6}  {'kept':>5} {'traf':>5}"
    )
    print(header)
    print("-" * len(header))
    for language in languages:
        ours, theirs = mine.tally(language), reference.tally(language)
        a, b = ours.counts, theirs.counts
        print(
            f"{language:<5} {ours.pages:>5}  {a.precision:>9.3f} {a.recall:>6.3f} {a.f1:>6.3f}  "
            f"{b.precision:>6.3f} {b.recall:>6.3f} {b.f1:>6.3f}  {100 * (a.f1 - b.f1):>+6.1f} "
            f"{100 * (a.recall - b.recall):>+6.1f}  {mine.leaked(language):>5} "
            f"{reference.leaked(language):>5}"
        )
    print("(dF1, dR: points; kept: `without` snippets in the text)\n")
    for language in languages:
        target = TARGETS.get(language, Target())
        checks = target.checks(
            mine.tally(language).counts, reference.tally(language).counts, mine.leaked(language)
        )
        for what, passed in checks:
            print(f"target {language}: {what}  {'PASS' if passed else 'FAIL'}")


def snippet_key(snippet: str, width: int = 60) -> str:
    """A snippet normalised for counting and printing, cut to `width` characters."""
    key = norm(snippet)
    return key if len(key) <= width else key[: width - 1] + "…"


def cleaner_only(mine: Run, reference: Run, kind: str, language: str | None) -> tuple[int, int]:
    """How many `kind` snippets cleaner has in all, and how many of them `reference` has not."""
    total = alone = 0
    for judgement, other in zip(mine.judgements, reference.judgements, strict=True):
        if language is None or judgement.page.language == language:
            theirs = set(getattr(other, kind))
            total += len(getattr(judgement, kind))
            alone += sum(s not in theirs for s in getattr(judgement, kind))
    return total, alone


def top_snippets(
    mine: Run, reference: Run | None, kind: str, language: str | None, count: int
) -> str:
    """The `kind` ("leaked" or "missed") snippets of cleaner seen on the most pages."""
    seen: Counter[str] = Counter()
    shared: Counter[str] = Counter()
    theirs = reference.judgements if reference else [None] * len(mine.judgements)
    for judgement, other in zip(mine.judgements, theirs, strict=True):
        if language is not None and judgement.page.language != language:
            continue
        others = {snippet_key(s) for s in getattr(other, kind)} if other else set()
        for key in {snippet_key(s) for s in getattr(judgement, kind)}:
            seen[key] += 1
            shared[key] += key in others
    # most pages first; among equals, the ones trafilatura got right first, then page order
    order = {key: index for index, key in enumerate(seen)}
    ranked = sorted(seen, key=lambda key: (-seen[key], shared[key], order[key]))[:count]
    lines = [f"{seen[key]:>5} {shared[key]:>5}  {key}" for key in ranked]
    return "\n".join([f"{'pages':>5} {'traf':>5}  snippet", *lines]) if lines else "  (none)"


def print_diagnosis(runs: dict[str, Run], subsets: dict[str, str | None], count: int) -> None:
    """Rejects, and the most frequent leaked `without` / missed `with` snippets of cleaner."""
    mine = runs.get("cleaner")
    if mine is None:
        return
    rejects = ", ".join(f"{reason} {n}" for reason, n in mine.rejects.most_common()) or "none"
    print(f"\ncleaner rejects: {sum(mine.rejects.values())} ({rejects})")
    for file, why in mine.rejected[:count]:
        print(f"  {file}: {why[:110]}")
    for name, run in runs.items():
        if run.errors:
            print(f"{name} crashed on {sum(run.errors.values())} pages: {dict(run.errors)}")
    if count <= 0:
        return
    reference = runs.get(BASELINE)
    for label, language in subsets.items():
        for kind, what in (
            ("leaked", "`without` snippets leaked"),
            ("missed", "`with` snippets missed"),
        ):
            if reference is not None:
                total, alone = cleaner_only(mine, reference, kind, language)
                print(f"\ncleaner, {what} ({label}): {total}, {alone} of them not by trafilatura")
            print(f"cleaner, {what} ({label}), top {count} by pages:")
            print(top_snippets(mine, reference, kind, language, count))


def miss_causes(
    page: EvalPage, snippets: Sequence[str], oracle_language: bool = False
) -> list[str]:
    """Why cleaner lacks each `with` snippet (that trafilatura's default has): the rule whose
    edit removed it, "comment" when trafilatura without comments lacks it too (cleaner leaves
    readers' comments out), "repaired" when ftfy's repair of it is in cleaner's text (a
    ligature made plain), else "not extracted". The page is cleaned once for all of them."""
    try:
        config = cleaner_config(page, oracle_language)
        article = cleaner.clean_html(page.html, url=page.url, config=config)
    except cleaner.Rejected as error:
        return [f"rejected ({error.reject.reason})"] * len(snippets)
    without_comments = norm(_trafilatura(include_comments=False)(page))
    text = norm("\n".join(article.paragraphs))
    causes = []
    for snippet in snippets:
        key = norm(snippet)
        removed = [edit.rule for edit in article.edits if edit.text and key in norm(edit.text)]
        if removed:
            causes.append(f"removed by {removed[0]}")
        elif key not in without_comments:
            causes.append("comment")
        elif norm(ftfy.fix_text(snippet)) in text:
            causes.append("repaired")
        else:
            causes.append("not extracted")
    return causes


def print_miss_causes(
    runs: dict[str, Run], subsets: dict[str, str | None], oracle_language: bool = False
) -> None:
    """The `with` snippets trafilatura's default finds and cleaner misses, by cause."""
    mine, reference = runs.get("cleaner"), runs.get(BASELINE)
    if mine is None or reference is None:
        return
    causes: list[tuple[EvalPage, str, str]] = []
    found_alone: Counter[str | None] = Counter()  # cleaner finds, trafilatura misses, by language
    for judgement, other in zip(mine.judgements, reference.judgements, strict=True):
        only_mine = [snippet for snippet in judgement.missed if snippet not in other.missed]
        if only_mine:
            found = miss_causes(judgement.page, only_mine, oracle_language)
            causes += [(judgement.page, s, c) for s, c in zip(only_mine, found, strict=True)]
        found_alone[judgement.page.language] += sum(
            snippet not in judgement.missed for snippet in other.missed
        )
    for label, language in subsets.items():
        chosen = [c for c in causes if language is None or c[0].language == language]
        tally = Counter(cause for _, _, cause in chosen)
        listed = ", ".join(f"{cause} {n}" for cause, n in tally.most_common()) or "none"
        alone = found_alone[language] if language else sum(found_alone.values())
        print(f"\n`with` snippets trafilatura finds and cleaner misses ({label}): {len(chosen)}")
        print(f"  (and cleaner finds, trafilatura misses: {alone})")
        print(f"  by cause: {listed}")
        for page, snippet, cause in chosen:
            print(f"  {cause:<34} {page.file[:40]:<40} {snippet_key(snippet, 50)}")


def write_dumps(runs: dict[str, Run], folder: Path) -> int:
    """Per page where cleaner missed, leaked or rejected: snippets and cleaner's text."""
    mine = runs["cleaner"]
    reference = runs.get(BASELINE)
    written = 0
    for index, judgement in enumerate(mine.judgements):
        if not (judgement.missed or judgement.leaked or not judgement.text):
            continue
        page = judgement.page
        other = reference.judgements[index] if reference else None
        record = {
            "url": page.key,
            "file": page.file,
            "language": page.language,
            "html_lang": page.declared,
            "missed": list(judgement.missed),
            "leaked": list(judgement.leaked),
            "trafilatura_missed": list(other.missed) if other else None,
            "trafilatura_leaked": list(other.leaked) if other else None,
            "cleaner_text": judgement.text,
        }
        dump(folder, page.file, record)
        written += 1
    return written


def main(argv: list[str] | None = None) -> int:
    parser = add_filters(argparse.ArgumentParser(description=__doc__.split("\n\n")[1]))
    parser.add_argument("--lang", help="only pages in this language (e.g. en; see the docstring)")
    parser.add_argument(
        "--top", type=int, default=15, help="how many leaked/missed snippets to print (15)"
    )
    parser.add_argument(
        "--causes",
        action="store_true",
        help="why cleaner misses the `with` snippets trafilatura's default finds",
    )
    parser.add_argument(
        "--oracle-language",
        action="store_true",
        help="hand cleaner each page's voted language (cleaner.Config(language=...))",
    )
    parser.add_argument(
        "--systems",
        nargs="+",
        choices=list(SYSTEMS),
        default=list(DEFAULT_SYSTEMS),
        help="systems to run (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    if args.dump is not None and args.dump.resolve().is_relative_to(PROJECT):
        parser.error("--dump must be outside the repository (the files hold third-party text)")
    try:
        pages = load_pages(args.limit, args.lang, args.ids)
    except FileNotFoundError as error:
        skip(str(error))
        return 0
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)

    started = time.perf_counter()
    runs = measure(pages, args.systems, progress=True, oracle_language=args.oracle_language)
    elapsed = time.perf_counter() - started
    english = sum(page.language == ENGLISH for page in pages)
    language = (
        "the page's voted language given (--oracle-language)"
        if args.oracle_language
        else "language decided by cleaner"
    )
    print(
        f"\ntrafilatura-eval: {len(pages)} pages ({english} English), {len(args.systems)} "
        f"systems, raw bytes to each, order rotating per page; {elapsed:.0f}s in all; "
        f"cleaner: {language}"
    )
    subsets = {"all pages": None, "English": ENGLISH} if args.lang is None else {args.lang: None}
    for label, language in subsets.items():
        print_table(runs, language, f"Snippet precision/recall, {label}")
    verdicts(runs, subsets)
    print_languages(runs)
    print_diagnosis(runs, subsets, args.top)
    if args.causes:
        print_miss_causes(runs, subsets, args.oracle_language)
    if args.dump is not None and "cleaner" in runs:
        folder = args.dump / "trafilatura-eval"
        print(f"\n{write_dumps(runs, folder)} per-page diagnostics written to {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
