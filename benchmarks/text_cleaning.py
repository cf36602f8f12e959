"""Usage: python benchmarks/text_cleaning.py [--limit N] [--ids ID ...] [--dump DIR] [--top N]

How much `cleaner.clean_text` improves realistic scraped *plain text*, on the 181 pages of the
article-extraction benchmark (read from ../shared; the script exits 0 with a message when the
data is absent).

Each page becomes plain text in three ways people really scrape:

* `readability`: readability-lxml `Document(html).summary()`, its HTML turned into text with a
  blank line between block elements (p, h1-h6, li, blockquote, div, figcaption, tr, ...) and a
  line break for `<br>`;
* `trafilatura`: `trafilatura.extract(html, favor_recall=True, include_images=True,
  include_comments=False)`, its text output as is (one line per paragraph, images as
  `![alt](src)`);
* `article-tag`: the text of the page's `<article>` element, the one with the most text when
  there are several (32 pages), else `<main>`, else `<body>` (the fallbacks are counted), block
  elements separated by blank lines.

Pages are decoded as UTF-8, as the upstream benchmark's scripts read them. For each extractor
the gold body is compared (shingle F1, see `shingles.py`) with the extractor's raw text
(**before**) and with `cleaner.clean_text(text)`'s paragraphs joined by blank lines (**after**,
the main figure: the gold body excludes the headline); **after+title** prepends the title the
cleaner found, to show what keeping it would cost. A `cleaner.Rejected` counts as empty output.

Target, per extractor: after-F1 closes at least half the gap between before-F1 and 1.0, and
recall falls by at most one point. The rule-precision tables say, per edit rule, how many
removed characters were gold text (a recall loss) and how many were not; `--dump DIR` writes
per-document JSON diagnostics (`DIR/text/<extractor>/<id>.json`).
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from readability import Document as Readability

import cleaner

sys.path.insert(0, str(Path(__file__).resolve().parent))

from data import Page, add_filters, pages_or_skip
from diagnostics import Diagnosis, LossTable, RuleTable, dump, top_residual
from shingles import Scores, match

# fmt: off
BLOCK_TAGS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "blockquote", "figure", "figcaption", "section", "article", "header", "footer", "aside",
    "nav", "main", "table", "thead", "tbody", "tfoot", "tr", "caption", "pre", "address", "form",
    "fieldset", "details", "summary", "hr", "center",
})
# fmt: on
_UTF8 = lxml_html.HTMLParser(encoding="utf-8")  # the pages are UTF-8, as upstream reads them
SKIPPED_TAGS = frozenset(["script", "style", "noscript", "template", "svg", "head", "title"])


def block_text(root: etree._Element) -> str:
    """The text of `root`: a blank line between block elements, a line break for `<br>`.

    >>> block_text(lxml_html.fromstring("<div><h2>Head</h2><p>One <b>two</b><br>three</p></div>"))
    'Head\\n\\nOne two\\nthree'
    """
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        lines = (" ".join(line.split()) for line in "".join(current).split("\n"))
        text = "\n".join(line for line in lines if line)
        if text:
            paragraphs.append(text)
        current.clear()

    stack: list[tuple[etree._Element, bool]] = [(root, False)]
    while stack:
        element, closing = stack.pop()
        tag = element.tag.lower() if isinstance(element.tag, str) else None
        if closing:
            if tag in BLOCK_TAGS:
                flush()
            if element is not root and element.tail:
                current.append(element.tail)
            continue
        if tag is None or tag in SKIPPED_TAGS:
            if element is not root and element.tail:
                current.append(element.tail)
            continue
        if tag in BLOCK_TAGS:
            flush()
        elif tag == "br":
            current.append("\n")
        elif tag in ("td", "th"):
            current.append(" ")
        if element.text:
            current.append(element.text)
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    flush()
    return "\n\n".join(paragraphs)


def from_readability(page: Page) -> str:
    summary = Readability(page.html_text).summary()
    return block_text(lxml_html.document_fromstring(summary)) if summary.strip() else ""


def from_trafilatura(page: Page) -> str:
    return (
        trafilatura.extract(
            page.html_text, favor_recall=True, include_images=True, include_comments=False
        )
        or ""
    )


@dataclass
class ArticleTag:
    """The longest `<article>` text (else `<main>`, else `<body>`), counting the fallbacks."""

    fallbacks: dict[str, int] = field(default_factory=lambda: {"main": 0, "body": 0})

    def __call__(self, page: Page) -> str:
        tree = lxml_html.document_fromstring(page.html, parser=_UTF8)
        for tag in ("article", "main"):
            texts = [block_text(element) for element in tree.iter(tag)]
            if texts:
                if tag == "main":
                    self.fallbacks["main"] += 1
                return max(texts, key=len)
        self.fallbacks["body"] += 1
        body = tree.find("body")
        return block_text(body if body is not None else tree)


@dataclass
class Run:
    """One extractor's figures over the pages."""

    name: str
    before: Scores = field(default_factory=Scores)
    after: Scores = field(default_factory=Scores)
    titled: Scores = field(default_factory=Scores)
    rules: RuleTable = field(default_factory=RuleTable)
    losses: LossTable = field(
        default_factory=lambda: LossTable("the raw text", "unexplained (token changes)")
    )
    diagnoses: list[Diagnosis] = field(default_factory=list)
    rejects: int = 0
    empty_raw: int = 0
    seconds: float = 0.0


def measure(
    name: str, extractor: Callable[[Page], str], page: Page, run: Run, dump_dir: Path | None
) -> None:
    raw = extractor(page)
    run.empty_raw += not raw.strip()
    before = match(page.gold, raw)
    run.before.add(before)
    started = time.perf_counter()
    try:
        article: cleaner.Article | None = cleaner.clean_text(raw)
    except cleaner.Rejected:
        article = None
    run.seconds += time.perf_counter() - started
    if article is None:
        run.rejects += 1
        paragraphs: tuple[str, ...] = ()
        title, edits = None, ()
    else:
        paragraphs, title, edits = article.paragraphs, article.title, article.edits
    body = "\n\n".join(paragraphs)
    after = match(page.gold, body)
    run.after.add(after)
    run.titled.add(match(page.gold, f"{title}\n\n{body}" if title else body))
    points = run.losses.add(page.id, page.gold, body if article else None, raw, edits)
    diagnosis = Diagnosis.of(page.id, page.gold, paragraphs, edits)
    run.rules.add(diagnosis)
    run.diagnoses.append(diagnosis)
    if dump_dir is not None:
        dump(
            dump_dir / "text" / name,
            page.id,
            {
                "id": page.id,
                "url": page.url,
                "extractor": name,
                "rejected": article is None,
                "before": {"precision": before.precision, "recall": before.recall, "f1": before.f1},
                "after": {"precision": after.precision, "recall": after.recall, "f1": after.f1},
                "title": title,
                "recall_lost_by_cause": points,
                **diagnosis.to_dict(),
            },
        )


def _scores(scores: Scores) -> str:
    return f"{scores.precision:6.3f} {scores.recall:6.3f} {scores.f1:6.3f}"


def report(runs: list[Run], fallbacks: dict[str, int], pages: int, top: int) -> bool:
    print(
        f"\nText cleaning on {pages} pages (shingle P/R/F1, document-averaged; "
        "main figure = AFTER, paragraphs only)\n"
    )
    header = (
        f"{'extractor':<12} | {'BEFORE  P':>9} {'R':>6} {'F1':>6} | {'AFTER   P':>9} "
        f"{'R':>6} {'F1':>6} | {'+TITLE  P':>9} {'R':>6} {'F1':>6} | {'rejects':>7} "
        f"{'docs/s':>7}"
    )
    print(header)
    print("-" * len(header))
    for run in runs:
        speed = len(run.after) / run.seconds if run.seconds else 0.0
        print(
            f"{run.name:<12} | {_scores(run.before):>23} | {_scores(run.after):>23} | "
            f"{_scores(run.titled):>23} | {run.rejects:>7} {speed:>7.1f}"
        )
    print(
        f"\n(article-tag fell back to <main> on {fallbacks['main']} and to <body> on "
        f"{fallbacks['body']} of {pages} pages; empty raw text: "
        + ", ".join(f"{run.name} {run.empty_raw}" for run in runs)
        + ")"
    )

    print("\nTarget: AFTER F1 >= before F1 + (1 - before F1) / 2, and recall down <= 0.010\n")
    header = (
        f"{'extractor':<12} {'F1 before':>9} {'target':>7} {'F1 after':>8} "
        f"{'gap closed':>10} {'recall Δ':>9}  verdict"
    )
    print(header)
    print("-" * len(header))
    passed = True
    for run in runs:
        target = run.before.f1 + (1 - run.before.f1) / 2
        gap = 1 - run.before.f1
        closed = (run.after.f1 - run.before.f1) / gap if gap else 1.0
        drop = run.after.recall - run.before.recall
        ok = run.after.f1 >= target and drop >= -0.010
        passed &= ok
        print(
            f"{run.name:<12} {run.before.f1:>9.3f} {target:>7.3f} {run.after.f1:>8.3f} "
            f"{closed:>10.1%} {drop:>+9.3f}  {'PASS' if ok else 'FAIL'}"
        )
    for run in runs:
        print(f"\n[{run.name}] " + run.rules.render())
        print(f"\n[{run.name}] " + run.losses.render(min(top, 10)))
        residual = top_residual(run.diagnoses, top)
        if residual:
            print(f"\n[{run.name}] " + residual)
    return passed


def main(argv: list[str] | None = None) -> int:
    parser = add_filters(argparse.ArgumentParser(description=__doc__.split("\n\n")[1]))
    parser.add_argument(
        "--top",
        type=int,
        default=15,
        help="how many of the most frequent residual lines to print (default 15)",
    )
    args = parser.parse_args(argv)
    pages = pages_or_skip(args)
    logging.getLogger("readability").setLevel(logging.CRITICAL)
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    article_tag = ArticleTag()
    extractors: dict[str, Callable[[Page], str]] = {
        "readability": from_readability,
        "trafilatura": from_trafilatura,
        "article-tag": article_tag,
    }
    runs = {name: Run(name) for name in extractors}
    started = time.perf_counter()
    for number, page in enumerate(pages, 1):
        for name, extractor in extractors.items():
            measure(name, extractor, page, runs[name], args.dump)
        if number % 20 == 0:
            print(
                f"... {number}/{len(pages)} pages, {time.perf_counter() - started:.0f}s",
                file=sys.stderr,
            )
    report(list(runs.values()), article_tag.fallbacks, len(pages), args.top)
    if args.dump is not None:
        print(f"\nper-document diagnostics written to {args.dump / 'text'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
