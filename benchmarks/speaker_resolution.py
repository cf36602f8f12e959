"""Usage: python benchmarks/speaker_resolution.py [--errors N] [--set PATH]

Who a quote's speaker mention refers to, scored against the hand-made set
`benchmarks/speaker_resolution/polnear_cases.jsonl` (issue 19; how it was made and its rules:
`benchmarks/speaker_resolution/README.md`). Each case is a gold `Source` of a PolNeAR direct
quote (offsets in the article's `.txt`) that is a pronoun ("he", "she", "they", "who"), a role
or description without the speaker's name ("the Indiana governor", "the president", "a
spokesman"), or a name inside a longer phrase ("Trump campaign spokesman Jason Miller", "Len
Burman, head of the centrist Tax Policy Center"), with the person it refers to as the article
makes clear (the full name as the article writes it at its fullest), or null when the article
does not name one (an unnamed doctor, an organisation, a group, a document).

The articles are read with `quotes_polnear.load_cases` (`../shared/data/polnear`, or
`$CLEANER_SHARED/data/polnear`; the script exits 0 with a message when the data is absent) and
cleaned as `quotes_polnear.clean_case` does (`clean_text(body, title=first_line, config=...)`),
but with the DEFAULT config, entities ON (the built-in model): pronoun resolution takes the
nearest person named before the quote, and with entities on that includes PERSON entities, not
only earlier speakers. cleaner's paragraphs are located in the `.txt` by
`quotes_polnear.locate`, and every quote's speaker span (`speaker`) is mapped to offsets of the
`.txt` by `quotes_polnear.map_span`.

A case is judged by the predicted quotes (any kind) whose speaker span overlaps the case's
source span (at least one character in common); their `speaker_name`s are the predicted names:

* `right`: the gold person is not null and every predicted name is the same person: equal, or
  one name's words are the last words of the other (a surname: "Trump" for "Donald Trump",
  "Bobby Scott" for 'Robert C. "Bobby" Scott'), compared case-insensitively after NFKC, with
  quotation marks and a leading courtesy title (Mr., Mrs., Ms., Miss, Dr.) dropped;
* `wrong`: a predicted name that is not the gold person, or any name where the gold is null;
* `unresolved`: no predicted name: the quotes there have `speaker_name` null, or no predicted
  quote has a speaker overlapping the source at all, the latter also counted as `missed_quote`
  (a quote cleaner did not find, or found without this speaker mention). A null case left
  unnamed is `unresolved` too: the right answer for it, counted apart as "nulls left unnamed".

Printed per kind (pronoun, role, name_in_phrase) and overall: cases, cases with a person,
right, wrong, unresolved (of them missed_quote), nulls left unnamed, and the two targets:
right / cases with a person >= 0.80 and wrong / all cases <= 0.05 (PASS/FAIL). `--errors N`
prints up to N wrong cases (article, source offsets and text, gold person, predicted names).

`scores(path=SET)` returns the tallies as a dict, for tests; it raises `FileNotFoundError` when
the data is absent.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cleaner

sys.path.insert(0, str(Path(__file__).resolve().parent))

from data import skip
from quotes_polnear import Case, Span, clean_case, load_cases, map_span

SET = Path(__file__).resolve().parent / "speaker_resolution" / "polnear_cases.jsonl"
KINDS = ("pronoun", "role", "name_in_phrase")
ENTITIES = cleaner.Config()  # the default: entities on, built-in model
TARGETS = {"right": 0.80, "wrong": 0.05}
COURTESY = frozenset({"mr.", "mrs.", "ms.", "miss", "dr.", "mr", "mrs", "ms", "dr"})
_QUOTE_MARKS = re.compile("[\"“”„«»‘’]|''")


@dataclass(frozen=True)
class ResolutionCase:
    """One case of the set: a gold Source span and the person it refers to (None: nobody)."""

    split: str
    article: str
    source: Span
    kind: str
    person: str | None


@dataclass(frozen=True)
class Speaker:
    """A predicted quote's speaker mention in offsets of the `.txt`, and its resolved name."""

    span: Span
    name: str | None


@dataclass(frozen=True)
class Verdict:
    """A case, the names predicted for it, and its class."""

    case: ResolutionCase
    names: tuple[str, ...]
    outcome: str  # right, wrong or unresolved
    missed_quote: bool


def load_set(path: Path = SET) -> list[ResolutionCase]:
    """The cases of a set file, in file order."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            start, end = item["source"]
            cases.append(
                ResolutionCase(
                    item["split"], item["article"], (start, end), item["kind"], item["person"]
                )
            )
    return cases


def words(name: str) -> list[str]:
    """A name as comparable words: NFKC, case-folded, quotation marks and a leading courtesy
    title dropped.

    >>> words('Mr. Robert C. "Bobby" Scott')
    ['robert', 'c.', 'bobby', 'scott']
    """
    found = _QUOTE_MARKS.sub(" ", unicodedata.normalize("NFKC", name)).casefold().split()
    found = [word.strip(",;:") for word in found]
    while found and found[0] in COURTESY:
        found = found[1:]
    return [word for word in found if word]


def same_person(gold: str, predicted: str) -> bool:
    """Equal names, or one name's words the last words of the other (a surname).

    >>> same_person("Donald Trump", "Trump"), same_person("Trump", "Mr. Donald Trump")
    (True, True)
    >>> same_person("Hillary Clinton", "Bill Clinton")
    False
    """
    a, b = words(gold), words(predicted)
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    return long[-len(short) :] == short


def speakers(record: dict[str, Any], offsets: list[list[int] | None]) -> list[Speaker]:
    """Every quote's speaker mention mapped to the original text (unlocated ones left out)."""
    found = []
    for quote in record["quotes"]:
        if quote.get("speaker"):
            span = map_span(quote["speaker"], offsets)
            if span is not None:
                found.append(Speaker(span, quote.get("speaker_name")))
    return found


def overlap(a: Span, b: Span) -> bool:
    """Whether two spans have at least one character in common."""
    return max(a[0], b[0]) < min(a[1], b[1])


def judge(case: ResolutionCase, predicted: Sequence[Speaker]) -> Verdict:
    """A case's class from the speakers of the quotes whose mention overlaps its source."""
    there = [speaker for speaker in predicted if overlap(speaker.span, case.source)]
    names = tuple(dict.fromkeys(s.name for s in there if s.name))
    if not names:
        return Verdict(case, names, "unresolved", not there)
    right = case.person is not None and all(same_person(case.person, n) for n in names)
    return Verdict(case, names, "right" if right else "wrong", False)


def run(cases: Sequence[ResolutionCase]) -> list[Verdict]:
    """Clean every article of the set once (entities on) and judge its cases."""
    articles: dict[tuple[str, str], Case] = {}
    for split in sorted({case.split for case in cases}):
        wanted = {case.article for case in cases if case.split == split}
        articles.update(
            ((split, article.name), article)
            for article in load_cases(split)
            if article.name in wanted
        )
    verdicts = []
    for key in dict.fromkeys((case.split, case.article) for case in cases):
        if key not in articles:
            raise FileNotFoundError(f"article {key[1]} of the set not found in PolNeAR {key[0]}")
        cleaned = clean_case(articles[key], ENTITIES)
        predicted = speakers(cleaned.record, cleaned.offsets) if cleaned.record else []
        verdicts.extend(
            judge(case, predicted) for case in cases if (case.split, case.article) == key
        )
    return verdicts


def tally(verdicts: Iterable[Verdict]) -> dict[str, int]:
    """Counts of a group of verdicts."""
    count: Counter[str] = Counter()
    for verdict in verdicts:
        count["cases"] += 1
        count["with_person"] += verdict.case.person is not None
        count[verdict.outcome] += 1
        count["missed_quote"] += verdict.missed_quote
        count["null_unnamed"] += verdict.case.person is None and verdict.outcome == "unresolved"
    return {
        key: count[key]
        for key in (
            "cases",
            "with_person",
            "right",
            "wrong",
            "unresolved",
            "missed_quote",
            "null_unnamed",
        )
    }


def summarise(verdicts: Sequence[Verdict]) -> dict[str, Any]:
    """Tallies per kind and overall, with the two shares of the targets."""
    groups = {kind: [v for v in verdicts if v.case.kind == kind] for kind in KINDS}
    groups["pronoun+role"] = [v for v in verdicts if v.case.kind in ("pronoun", "role")]
    groups["all"] = list(verdicts)
    figures: dict[str, Any] = {}
    for name, group in groups.items():
        count = tally(group)
        count["right_share"] = (
            count["right"] / count["with_person"] if count["with_person"] else 0.0
        )
        count["wrong_share"] = count["wrong"] / count["cases"] if count["cases"] else 0.0
        figures[name] = count
    return figures


def scores(path: Path = SET) -> dict[str, Any]:
    """The set's figures (see `summarise`); FileNotFoundError without the data."""
    return summarise(run(load_set(path)))


def print_table(figures: dict[str, Any]) -> None:
    """One row per kind and overall, and what the columns mean."""
    columns = ("cases", "with_person", "right", "wrong", "unresolved", "missed_quote")
    widths = (5, 6, 5, 5, 6, 6)
    print(
        f"{'':14} {'cases':>5} {'person':>6} {'right':>5} {'wrong':>5} {'unres.':>6} "
        f"{'missed':>6} {'nulls':>5} {'right/person':>12} {'wrong/all':>9}"
    )
    for name, count in figures.items():
        cells = " ".join(
            f"{count[key]:>{width}}" for key, width in zip(columns, widths, strict=True)
        )
        print(
            f"{name:14} {cells} {count['null_unnamed']:>5} {count['right_share']:>12.3f} "
            f"{count['wrong_share']:>9.3f}"
        )
    print(
        "(person: cases whose gold names a person; missed: unresolved because no predicted "
        "quote has a speaker there; nulls: null cases left unnamed, counted in unres.)"
    )


def print_verdicts(figures: dict[str, Any]) -> None:
    """PASS/FAIL of the two targets on all cases."""
    overall = figures["all"]
    right, wrong = overall["right_share"], overall["wrong_share"]
    print(
        f"\ntarget right / cases with a person >= {TARGETS['right']:.2f}: "
        f"{'PASS' if right >= TARGETS['right'] else 'FAIL'} ({right:.3f})"
    )
    print(
        f"target wrong / all cases <= {TARGETS['wrong']:.2f}: "
        f"{'PASS' if wrong <= TARGETS['wrong'] else 'FAIL'} ({wrong:.3f})"
    )


def print_errors(verdicts: Sequence[Verdict], limit: int, texts: dict[str, str]) -> None:
    """Up to `limit` wrong cases: article, source offsets and text, gold and predicted."""
    wrong = [verdict for verdict in verdicts if verdict.outcome == "wrong"]
    print(f"\nwrong: {len(wrong)} (showing {min(limit, len(wrong))})")
    for verdict in wrong[:limit]:
        case = verdict.case
        mention = " ".join(texts.get(case.article, "")[slice(*case.source)].split())
        print(
            f"  [{case.article}] {case.source[0]}-{case.source[1]} {case.kind} {mention!r}: "
            f"gold {case.person!r}, predicted {' / '.join(verdict.names)!r}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[1])
    parser.add_argument("--set", type=Path, default=SET, help="the cases file (JSON lines)")
    parser.add_argument("--errors", type=int, default=0, help="print up to N wrong cases")
    args = parser.parse_args(argv)
    cases = load_set(args.set)
    try:
        verdicts = run(cases)
    except FileNotFoundError as error:
        skip(str(error))
    figures = summarise(verdicts)
    articles = len({(case.split, case.article) for case in cases})
    print(f"speaker resolution, {len(cases)} cases in {articles} articles ({args.set.name})\n")
    print_table(figures)
    print_verdicts(figures)
    if args.errors:
        texts = {
            article.name: article.text
            for split in sorted({case.split for case in cases})
            for article in load_cases(split)
        }
        print_errors(verdicts, args.errors, texts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
