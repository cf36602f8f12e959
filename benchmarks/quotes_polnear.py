"""Usage: python benchmarks/quotes_polnear.py [--split dev|train|both] [--limit N] [--errors N]
       python benchmarks/quotes_polnear.py --folds K [--limit N]

Direct quotes and their speakers found by cleaner against the human attribution annotation of
PolNeAR v1.0.0 (`../shared/data/polnear`, or `$CLEANER_SHARED/data/polnear`; the script exits 0
with a message when the data is absent): `dev/` (84 articles, the target set) and `train/`
(840). Each article is `text/<name>.txt` (title on the first line) with BRAT standoff files
`attributions/<name>_<annotator>.ann`; 2 dev and 16 train articles have several annotators and
the first annotator id in sorted order is used (e.g. `4b22` before `4e07`).

Gold direct quotes: the `Content` spans (all fragments of a discontinuous span together) whose
first non-space character opens with, or whose last non-space character closes with, a double
quotation mark: “ ” „ « » or ", or one of a pair of straight apostrophes (''), which the New
York Times articles use as double quotes (1,170 of the 6,213 direct quotes of dev + train; an
annotator sometimes left one apostrophe of the pair out of the span, so a lone ' counts when
its neighbour outside the span is the other one). Single quotes (‘…’ or a lone ') do not count:
outside the title lines they edge only 17 of the 21,605 Contents, mostly headline-style lines,
scare quotes and possessives ("Sanders’"). Contents starting in the title line are left out
(cleaner gets the title as its title, not as a paragraph). Fragments are sorted by offset (a
few annotations list them out of order). Each gold quote's speaker is the `Source` of the `E#`
event that has it as `Content` (or `Content2`); `Attribution-no-source` events leave it without
one.

cleaner runs as `cleaner.clean_text(body, title=first_line, config=cleaner.Config().
with_entities(None))`, the body being the text after the first line. Its paragraphs are
whitespace-normalised, so each one is located in the original text by a regex of its words
joined by `\\s+`, searching forward from the end of the previous located paragraph, and its
characters are aligned to the original's one by one (whitespace runs map to their start). A
paragraph whose characters cleaner changed (mojibake repaired, zero-width spaces dropped) is
aligned with difflib in the text after the previous paragraph instead, when at least 90% of its
non-space characters align. Paragraphs located neither way are counted and printed, and their
quotes count as wrong. Every predicted quote's span (`start`/`end` in `paragraphs[paragraph]`,
plus the parts in `continued_in` when the record has that field) and its speaker are mapped to
offsets of the `.txt`. Definitions ("overlaps": at least one character in common):

* predicted quotes: the record's quotes of kind `full` and `partial`; a `scare` quote (a short
  term set off in quotes, `a “ground offensive”`) is marked by cleaner as not a quotation and
  is not counted (the figures with them counted too: `--with-scare`);
* quote precision: predicted quotes with at least half of their characters (all parts) inside
  gold direct-quote Content fragments, over all predicted quotes;
* quote recall: gold direct quotes that some predicted quote overlaps by at least one
  character, over all gold direct quotes; F1 the harmonic mean;
* speaker precision: over the correct predicted quotes with a non-null speaker, those whose
  speaker overlaps the `Source` of the gold quote holding most of the predicted quote's
  characters (a gold quote without a Source makes such a speaker wrong);
* speaker recall: over the gold direct quotes that have a Source, those overlapped by a
  predicted quote whose speaker overlaps that Source; F1 the harmonic mean.

Targets on dev: quote F1 >= 0.95 and speaker F1 >= 0.91 (issue 19; PASS/FAIL). Speed
(informational): articles and quotes per second of the `clean_text` calls alone, one process.
`--errors N` prints,
for dev, the error counts by pattern and up to N examples of each error kind (missed gold
quote, spurious predicted quote, wrong or missing speaker), each labelled with a short guess
of its pattern (heuristics on the gold spans and the original text, see `missed_pattern`,
`spurious_pattern`, `speaker_pattern`); also printed, correct/predicted per quote `kind` (or
`partial`) of the record.

`--folds K` (issue 19) measures the same figures by K-fold cross-validation over the 924 train
and dev articles: sorted by name, shuffled with a fixed seed (`FOLD_SEED`) and dealt into K
folds in turn, each fold scored on its own; printed per fold, with the mean, the min-max range
and the standard deviation over folds. The rules are written by hand, not learnt, so the folds
do not train anything: a change to the rules should raise the mean and lower no fold
noticeably, which tells a general pattern from one fitted to dev.

`scores(split="dev", limit=None)` returns the figures as a dict, for tests that pin floors; it
raises `FileNotFoundError` when the data is absent.
"""

from __future__ import annotations

import argparse
import difflib
import random
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cleaner
from cleaner.rules import read_table

sys.path.insert(0, str(Path(__file__).resolve().parent))

from data import SHARED, skip

POLNEAR = SHARED / "data" / "polnear"
NO_ENTITIES = cleaner.Config().with_entities(None)
TARGETS = {"quote": 0.95, "speaker": 0.91}  # issue 19 (speaker was 0.88)
FOLD_SEED = 19
DOUBLE_MARKS = '“”„«»"'
SCARE_WORDS = 4
CONTEXT = 200

Span = tuple[int, int]
Fragments = tuple[Span, ...]

_SPAN_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t", re.MULTILINE)
_EVENT_LINE = re.compile(r"^E\d+\t(.*)$", re.MULTILINE)


# --- data -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One PolNeAR article: its name, its text and the annotation file used."""

    name: str
    text: str
    annotation: Path

    @property
    def title_end(self) -> int:
        """Offset of the newline that ends the title line."""
        end = self.text.find("\n")
        return end if end >= 0 else len(self.text)


@dataclass(frozen=True)
class GoldQuote:
    """A direct-quote Content, its Source (empty when none) and its Cue."""

    content: Fragments
    source: Fragments
    cue: Fragments


@dataclass(frozen=True)
class Gold:
    """An article's gold direct quotes, its other Contents, and its Discard/Discuss spans."""

    quotes: tuple[GoldQuote, ...]
    indirect: tuple[Fragments, ...]
    set_aside: tuple[Fragments, ...]
    in_title: int


def load_cases(split: str, limit: int | None = None) -> list[Case]:
    """The split's articles sorted by name, the first `limit`; FileNotFoundError without data."""
    folder = POLNEAR / split
    if not (folder / "text").is_dir():
        raise FileNotFoundError(
            f"PolNeAR {split} not found at {folder} (it lives in ../shared beside the checkout; "
            "set CLEANER_SHARED to point elsewhere)"
        )
    cases = []
    for path in sorted((folder / "text").glob("*.txt"))[:limit]:
        found = (folder / "attributions").glob(f"{path.stem}_*.ann")
        annotations = sorted(a for a in found if a.stem.rsplit("_", 1)[0] == path.stem)
        if not annotations:
            raise FileNotFoundError(f"no annotation for {path.name} in {folder / 'attributions'}")
        cases.append(Case(path.stem, path.read_text(encoding="utf-8"), annotations[0]))
    return cases


def parse_fragments(field_text: str) -> Fragments:
    """BRAT offsets "start end;start end" as ((start, end), ...), in text order (a few
    annotations list their fragments out of order)."""
    return tuple(
        sorted((int(a), int(b)) for a, b in (part.split() for part in field_text.split(";")))
    )


def read_brat(path: Path) -> tuple[dict[str, tuple[str, Fragments]], list[dict[str, str]]]:
    """Text-bound annotations {T#: (label, fragments)} and events [{role: T#}].

    A span's text may hold a newline, so lines that are not `T#`/`E#` records are skipped; role
    numbers are dropped (`Content2` is a `Content`).
    """
    content = path.read_text(encoding="utf-8")
    spans = {m[1]: (m[2], parse_fragments(m[3])) for m in _SPAN_LINE.finditer(content)}
    return spans, [_event_roles(match[1]) for match in _EVENT_LINE.finditer(content)]


def _event_roles(arguments: str) -> dict[str, str]:
    """An event's `Role:T#` arguments as {role: T#}; its Contents space-separated."""
    roles: dict[str, str] = {}
    for item in arguments.split():
        role, _, tid = item.partition(":")
        role = re.sub(r"\d+$", "", role)
        roles[role] = f"{roles[role]} {tid}" if role == "Content" and role in roles else tid
    return roles


def is_mark(text: str, position: int) -> bool:
    """A double quotation mark at `position`, or one of a pair of straight apostrophes."""
    if not 0 <= position < len(text):
        return False
    char = text[position]
    if char in DOUBLE_MARKS:
        return True
    return char == "'" and "'" in (text[position - 1 : position], text[position + 1 : position + 2])


def edges(text: str, fragments: Fragments) -> Span:
    """First and last non-space offsets (end exclusive) of a span."""
    start, end = fragments[0][0], fragments[-1][1]
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def is_direct(text: str, fragments: Fragments) -> bool:
    """A Content that starts or ends with a double quotation mark."""
    start, end = edges(text, fragments)
    return end > start and (is_mark(text, start) or is_mark(text, end - 1))


def read_gold(case: Case) -> Gold:
    """The article's gold direct quotes with Source and Cue, outside the title line."""
    spans, events = read_brat(case.annotation)
    roles: dict[str, dict[str, str]] = {}
    for event in events:
        for tid in event.get("Content", "").split():
            if "Source" in event or tid not in roles:
                roles[tid] = event
    quotes, indirect, set_aside, in_title = [], [], [], 0
    for tid, (label, fragments) in sorted(spans.items(), key=lambda item: item[1][1]):
        if label in ("Discard", "Discuss"):
            set_aside.append(fragments)
        if label != "Content":
            continue
        if fragments[0][0] < case.title_end:
            in_title += 1
        elif is_direct(case.text, fragments):
            event = roles.get(tid, {})
            source = spans.get(event.get("Source", ""), ("", ()))[1]
            cue = spans.get(event.get("Cue", ""), ("", ()))[1]
            quotes.append(GoldQuote(fragments, source, cue))
        else:
            indirect.append(fragments)
    return Gold(tuple(quotes), tuple(indirect), tuple(set_aside), in_title)


# --- cleaner's quotes, mapped to the original text --------------------------------------------


@dataclass(frozen=True)
class Predicted:
    """A quote of cleaner's record in offsets of the original text."""

    text: str
    parts: Fragments
    speaker: Span | None
    speaker_text: str | None
    kind: str

    @property
    def size(self) -> int:
        return sum(end - start for start, end in self.parts)


@dataclass
class Outcome:
    """One article: gold, cleaner's mapped quotes, located paragraph ranges, and timing."""

    case: Case
    gold: Gold
    predicted: list[Predicted] = field(default_factory=list)
    located: list[Span] = field(default_factory=list)
    unlocated: list[str] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)
    paragraphs: int = 0
    rejected: str | None = None
    seconds: float = 0.0


def align(paragraph: str, text: str, start: int) -> list[int] | None:
    """Offsets in `text` of each character of `paragraph` and of its end, found from `start`.

    >>> align("a  b", "x\\na\\n b", 0)
    [2, 3, 3, 5, 6]
    """
    words = paragraph.split()
    if not words:
        return None
    match = re.compile(r"\s+".join(map(re.escape, words))).search(text, start)
    if match is None:
        return None
    offsets, position = [], match.start()
    for char in paragraph:
        if not char.isspace():
            while text[position].isspace():
                position += 1
            offsets.append(position)
            position += 1
        else:
            offsets.append(position)
    offsets.append(match.end())
    return offsets


def align_loosely(paragraph: str, text: str, start: int) -> list[int] | None:
    """Like `align`, for a paragraph whose characters cleaner changed (mojibake repaired,
    invisible characters dropped): a character alignment (difflib) in the text that follows
    `start`, accepted when at least 90% of the paragraph's non-space characters align.

    >>> align_loosely("the café is open", "x\\nthe cafÃ© is open\\n", 0)
    [2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19]
    """
    window = text[start : start + len(paragraph) + 1000]
    matcher = difflib.SequenceMatcher(None, paragraph, window, autojunk=False)
    mapped: dict[int, int] = {}
    for a, b, size in matcher.get_matching_blocks():
        mapped.update((a + k, start + b + k) for k in range(size))
    solid = [i for i, char in enumerate(paragraph) if not char.isspace()]
    if not solid or sum(i in mapped for i in solid) < 0.9 * len(solid):
        return None
    offsets, position = [], mapped.get(0, start)
    for index in range(len(paragraph)):
        position = mapped.get(index, position)
        offsets.append(position)
        if index in mapped:
            position += 1
    offsets.append(offsets[-1] + 1)
    return offsets


def locate(paragraphs: Sequence[str], text: str, start: int) -> list[list[int] | None]:
    """Each paragraph's character offsets in `text` (None when not found), searching forward."""
    found: list[list[int] | None] = []
    for paragraph in paragraphs:
        offsets = align(paragraph, text, start) or align_loosely(paragraph, text, start)
        found.append(offsets)
        if offsets is not None:
            start = offsets[-1]
    return found


def map_span(span: dict[str, Any], offsets: list[list[int] | None]) -> Span | None:
    """A record span {paragraph, start, end} in offsets of the original text."""
    mapping = offsets[span["paragraph"]]
    if mapping is None:
        return None
    end = mapping[span["end"] - 1] + 1 if span["end"] > span["start"] else mapping[span["start"]]
    return mapping[span["start"]], end


COUNTED_KINDS = {"full", "partial"}  # `--with-scare` adds "scare"


def predicted_quotes(record: dict[str, Any], offsets: list[list[int] | None]) -> list[Predicted]:
    """The record's quotes mapped to the original text; an unlocated part maps to nothing."""
    found = []
    for quote in record["quotes"]:
        if quote.get("kind") not in COUNTED_KINDS:
            continue
        spans = [quote, *quote.get("continued_in", [])]
        parts = tuple(part for part in (map_span(s, offsets) for s in spans) if part)
        speaker = quote.get("speaker")
        where = map_span(speaker, offsets) if speaker else None
        kind = quote.get("kind") or ("partial" if quote.get("partial") else "full")
        found.append(
            Predicted(
                quote["text"],
                parts,
                (where or (-1, -1)) if speaker else None,
                speaker["text"] if speaker else None,
                kind,
            )
        )
    return found


@dataclass(frozen=True)
class Cleaned:
    """cleaner's record of an article (None when cleaner rejected it, with the reason), each
    paragraph's offsets in the `.txt` (None when not located), and the seconds of the
    `clean_text` call alone."""

    record: dict[str, Any] | None
    offsets: list[list[int] | None]
    seconds: float
    rejected: str | None = None


def clean_case(case: Case, config: cleaner.Config = NO_ENTITIES) -> Cleaned:
    """Run cleaner on an article (title from the first line, body after it) and locate its
    paragraphs in the original text."""
    title = case.text[: case.title_end].strip() or None
    body_start = min(case.title_end + 1, len(case.text))
    started = time.perf_counter()
    try:
        article = cleaner.clean_text(case.text[body_start:], title=title, config=config)
    except cleaner.Rejected as error:
        return Cleaned(None, [], time.perf_counter() - started, str(error))
    seconds = time.perf_counter() - started
    record = article.to_dict()
    return Cleaned(record, locate(record["paragraphs"], case.text, body_start), seconds)


def run_case(case: Case) -> Outcome:
    """Clean one article, timed, and map its quotes back to the original text."""
    outcome = Outcome(case, read_gold(case))
    cleaned = clean_case(case)
    outcome.seconds = cleaned.seconds
    if cleaned.record is None:
        outcome.rejected = cleaned.rejected
        return outcome
    record, offsets = cleaned.record, cleaned.offsets
    outcome.paragraphs = len(record["paragraphs"])
    for paragraph, mapping in zip(record["paragraphs"], offsets, strict=True):
        if mapping is None:
            outcome.unlocated.append(paragraph)
        else:
            outcome.located.append((mapping[0], mapping[-1]))
    outcome.predicted = predicted_quotes(record, offsets)
    outcome.removed = [(e["rule"], e["text"]) for e in record["edits"] if e["action"] == "remove"]
    return outcome


def run(cases: Iterable[Case]) -> list[Outcome]:
    """Every case through cleaner (one untimed warm-up call first)."""
    cases = list(cases)
    if cases:
        run_case(cases[0])
    return [run_case(case) for case in cases]


# --- judging ----------------------------------------------------------------------------------


def inside(span: Span, fragments: Fragments) -> int:
    """How many characters of `span` fall inside `fragments`."""
    return sum(max(0, min(span[1], end) - max(span[0], start)) for start, end in fragments)


def overlaps(spans: Fragments, fragments: Fragments) -> bool:
    """Whether any character of `spans` is in `fragments`."""
    return any(inside(span, fragments) for span in spans)


@dataclass
class Judgement:
    """One article's quotes sorted into right and wrong, for the tallies and the error lists."""

    correct: list[tuple[Predicted, GoldQuote]] = field(default_factory=list)
    spurious: list[Predicted] = field(default_factory=list)
    found: list[tuple[GoldQuote, list[Predicted]]] = field(default_factory=list)
    missed: list[GoldQuote] = field(default_factory=list)
    speaker_right: int = 0
    speaker_wrong: list[tuple[Predicted, GoldQuote]] = field(default_factory=list)
    source_found: int = 0
    source_missed: list[tuple[GoldQuote, list[Predicted]]] = field(default_factory=list)


def best_gold(quote: Predicted, golds: Sequence[GoldQuote]) -> GoldQuote | None:
    """The gold quote holding most of the quote's characters, if at least half are in gold."""
    shares = [(sum(inside(part, g.content) for part in quote.parts), g) for g in golds]
    total = sum(share for share, _ in shares)
    if not quote.size or 2 * total < quote.size:
        return None
    return max(shares, key=lambda item: item[0])[1]


def judge(outcome: Outcome) -> Judgement:
    """Match the predicted quotes and speakers against the gold of one article."""
    result = Judgement()
    golds = outcome.gold.quotes
    for quote in outcome.predicted:
        gold = best_gold(quote, golds)
        if gold is None:
            result.spurious.append(quote)
            continue
        result.correct.append((quote, gold))
        if quote.speaker is not None:
            if overlaps((quote.speaker,), gold.source):
                result.speaker_right += 1
            else:
                result.speaker_wrong.append((quote, gold))
    for gold in golds:
        matched = [q for q in outcome.predicted if overlaps(q.parts, gold.content)]
        if not matched:
            result.missed.append(gold)
        else:
            result.found.append((gold, matched))
        if not gold.source:
            continue
        if any(q.speaker and overlaps((q.speaker,), gold.source) for q in matched):
            result.source_found += 1
        else:
            result.source_missed.append((gold, matched))
    return result


def prf(right_predicted: int, predicted: int, right_gold: int, gold: int) -> dict[str, float]:
    """Precision, recall and F1 from the two numerators and denominators."""
    precision = right_predicted / predicted if predicted else 0.0
    recall = right_gold / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def summarise(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    """The figures of a run as a dict (counts, quote and speaker P/R/F1, speed)."""
    judged = [judge(outcome) for outcome in outcomes]
    count: Counter[str] = Counter()
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for outcome, result in zip(outcomes, judged, strict=True):
        count["predicted"] += len(outcome.predicted)
        count["correct"] += len(result.correct)
        count["gold"] += len(outcome.gold.quotes)
        count["found"] += len(result.found)
        count["with_speaker"] += result.speaker_right + len(result.speaker_wrong)
        count["speaker_right"] += result.speaker_right
        count["gold_with_source"] += result.source_found + len(result.source_missed)
        count["source_found"] += result.source_found
        count["paragraphs"] += outcome.paragraphs
        count["unlocated"] += len(outcome.unlocated)
        count["rejected"] += outcome.rejected is not None
        count["in_title"] += outcome.gold.in_title
        for quote, _gold in result.correct:
            kinds[quote.kind]["correct"] += 1
        for quote in outcome.predicted:
            kinds[quote.kind]["predicted"] += 1
    seconds = sum(outcome.seconds for outcome in outcomes) or 1e-9
    return {
        "articles": len(outcomes),
        "counts": dict(count),
        "kinds": {kind: dict(tally) for kind, tally in sorted(kinds.items())},
        "quote": prf(count["correct"], count["predicted"], count["found"], count["gold"]),
        "speaker": prf(
            count["speaker_right"],
            count["with_speaker"],
            count["source_found"],
            count["gold_with_source"],
        ),
        "articles_per_second": len(outcomes) / seconds,
        "quotes_per_second": count["predicted"] / seconds,
    }


def scores(split: str = "dev", limit: int | None = None) -> dict[str, Any]:
    """The split's figures (see `summarise`); FileNotFoundError without data."""
    return summarise(run(load_cases(split, limit)))


# --- error patterns ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Vocabulary:
    """cleaner's reporting verbs and pronouns, read from its rule table."""

    verbs: frozenset[str]
    pronouns: frozenset[str]

    @classmethod
    def load(cls) -> Vocabulary:
        table = read_table("quotes", "en")
        return cls(frozenset(table["verbs"]), frozenset(table["pronouns"]))


def line_of(text: str, position: int) -> Span:
    """The bounds of the line (an original paragraph) holding `position`."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, end if end >= 0 else len(text)


def snippet(text: str, span: Span, width: int = CONTEXT) -> str:
    """Up to `width` characters of the span's paragraph, centred on the span, on one line."""
    start, end = line_of(text, span[0])[0], line_of(text, max(span[1] - 1, span[0]))[1]
    middle = (span[0] + span[1]) // 2
    left = max(start, min(middle - width // 2, end - width))
    right = min(end, left + width)
    clipped = text[left:right].replace("\n", " ⏎ ")
    return ("…" if left > start else "") + clipped + ("…" if right < end else "")


def spanned(text: str, fragments: Fragments) -> str:
    """The text of a (discontinuous) span, fragments joined by " … "."""
    return " … ".join(text[start:end] for start, end in fragments)


def unbalanced(line: str) -> bool:
    """Whether a paragraph's double quotation marks do not pair up."""
    odd = line.count('"') % 2 or line.count("''") % 2
    return line.count("“") != line.count("”") or bool(odd)


def missed_pattern(gold: GoldQuote, outcome: Outcome) -> str:
    """A short guess of why no predicted quote overlaps a gold quote."""
    text = outcome.case.text
    start, end = edges(text, gold.content)
    if not any(a <= start < b for a, b in outcome.located):
        line = " ".join(text[slice(*line_of(text, start))].split())
        rules = [rule for rule, gone in outcome.removed if " ".join(gone.split())[:60] in line]
        return f"paragraph removed by cleaner ({rules[0]})" if rules else "paragraph not located"
    if "''" in text[max(start - 1, 0) : start + 2] or "''" in text[end - 2 : end + 1]:
        return "'' (two apostrophes) as quote marks"
    if "\n" in text[start:end]:
        return "multi-paragraph quote"
    line = text[slice(*line_of(text, start))]
    if unbalanced(line):
        return "unbalanced marks (unclosed or continued quote)"
    before = text[start - 1] if start else " "
    if is_mark(text, start) and not (before.isspace() or before in "([{—–-/:"):
        return "opening mark glued to the previous word"
    return "other"


def spurious_pattern(quote: Predicted, outcome: Outcome) -> str:
    """A short guess of why a predicted quote is not (mostly) inside a gold direct quote."""
    text, gold = outcome.case.text, outcome.gold
    if not quote.parts:
        return "paragraph not located"
    first = quote.parts[0][0]
    words = len(quote.text.split())
    scare = "scare quote/term" if words <= SCARE_WORDS else "partial quote"
    if first and text[first - 1] in "‘'":
        return "single-quoted ‘…’"
    if any(overlaps(quote.parts, g.content) for g in gold.quotes):
        return "overlaps a gold quote by less than half"
    in_indirect = sum(inside(part, f) for part in quote.parts for f in gold.indirect)
    if 2 * in_indirect >= quote.size:
        return f"{scare} inside an indirect Content"
    if any(overlaps(quote.parts, f) for f in gold.set_aside):
        return "in a Discard/Discuss span"
    return f"unannotated {scare}" if words <= SCARE_WORDS else "unannotated longer quote"


def speaker_pattern(
    gold: GoldQuote, matched: Sequence[Predicted], outcome: Outcome, vocabulary: Vocabulary
) -> str:
    """A short guess of why the speaker of a gold quote is missing or wrong."""
    if not matched:
        return "quote itself missed"
    pattern = _speaker_cause(gold, matched, outcome.case.text, vocabulary)
    return pattern + (" [wrong speaker]" if any(q.speaker for q in matched) else "")


def _speaker_cause(
    gold: GoldQuote, matched: Sequence[Predicted], text: str, vocabulary: Vocabulary
) -> str:
    content, source = edges(text, gold.content), edges(text, gold.source)
    cue = spanned(text, gold.cue).strip().lower()
    if text[slice(*source)].lower() in vocabulary.verbs:
        return "annotation: Source and Cue swapped"
    if line_of(text, source[0]) != line_of(text, content[0]):
        where = "earlier" if source[0] < content[0] else "later"
        return f"speaker in an {where} paragraph (continuation)"
    if all(q.kind != "full" for q in matched):
        return "partial quote in reported speech (X said … “…”)"
    if cue in ("―", "—", "–", "-"):
        return "dash attribution (“…” ― Name)"
    if "according" in cue:
        return "according to"
    between = _between(gold.content, source, text)
    if any(is_mark(text, position) for position in range(*between)):
        return "follow-on quote (speaker named at another quote)"
    if _ABBREVIATION.search(text[slice(*between)] + text[slice(*source)]):
        return "abbreviation (Mr., Sen., U.S.) ends the sentence early"
    if text[slice(*source)].lower() in vocabulary.pronouns:
        return "pronoun speaker"
    if cue and not any(word.strip(":,") in vocabulary.verbs for word in cue.split()):
        return "verb not in cleaner's list"
    return f"other, speaker {'before' if source[1] <= content[0] else 'after'} quote"


_ABBREVIATION = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Rev|St|Jr|Sr|Inc|Corp|Co|Prof|Capt)\."
    r"|\b(?:[A-Z]\.){2,}"
)


def _between(content: Fragments, source: Span, text: str) -> Span:
    """The text between a Source and the nearest fragment of its Content."""
    before = [end for _start, end in content if end <= source[0]]
    after = [start for start, _end in content if start >= source[1]]
    if before and (not after or source[0] - before[-1] <= after[0] - source[1]):
        return before[-1], source[0]
    return (source[1], after[0]) if after else (source[1], source[1])


@dataclass
class Errors:
    """Examples of each error kind, grouped by pattern."""

    kinds: dict[str, dict[str, list[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )

    def add(self, kind: str, pattern: str, example: str) -> None:
        self.kinds[kind][pattern].append(example)


def collect_errors(outcomes: Sequence[Outcome]) -> Errors:
    """Every missed quote, spurious quote and speaker error, with its pattern and an example."""
    vocabulary = Vocabulary.load()
    errors = Errors()
    for outcome in outcomes:
        result = judge(outcome)
        text, name = outcome.case.text, outcome.case.name
        for gold in result.missed:
            content = edges(text, gold.content)
            example = f"[{name}] gold: {_short(spanned(text, gold.content))}\n      context: "
            errors.add(
                "missed gold quote", missed_pattern(gold, outcome), example + snippet(text, content)
            )
        for quote in result.spurious:
            context = snippet(text, quote.parts[0]) if quote.parts else quote.text
            example = f"[{name}] {quote.kind}: {_short(quote.text)}\n      context: {context}"
            errors.add("spurious predicted quote", spurious_pattern(quote, outcome), example)
        for gold, matched in result.source_missed:
            errors.add(
                "speaker error (recall side)",
                speaker_pattern(gold, matched, outcome, vocabulary),
                _speaker_example(name, text, gold, matched),
            )
        for quote, gold in result.speaker_wrong:
            if not gold.source:
                errors.add(
                    "speaker error (precision side)",
                    "speaker given, gold has no Source",
                    _speaker_example(name, text, gold, [quote]),
                )
    return errors


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _speaker_example(name: str, text: str, gold: GoldQuote, matched: Sequence[Predicted]) -> str:
    speakers = sorted({q.speaker_text for q in matched if q.speaker_text}) or ["None"]
    return (
        f"[{name}] quote: {_short(spanned(text, gold.content), 70)}\n"
        f"      gold source: {spanned(text, gold.source) or '-'} (cue: "
        f"{spanned(text, gold.cue) or '-'}) | predicted: {' / '.join(speakers)}"
    )


def print_errors(errors: Errors, examples: int) -> None:
    """Counts by pattern for each error kind, then up to `examples` examples spread over them."""
    for kind, patterns in errors.kinds.items():
        total = sum(len(found) for found in patterns.values())
        print(f"\n{kind}: {total}")
        ordered = sorted(patterns.items(), key=lambda item: (-len(item[1]), item[0]))
        for pattern, found in ordered:
            print(f"  {len(found):5}  {pattern}")
        for pattern, example in _spread(ordered, examples):
            print(f"  - ({pattern}) {example}")


def _spread(ordered: list[tuple[str, list[str]]], limit: int) -> list[tuple[str, str]]:
    """Up to `limit` examples taken in turn from each pattern, most frequent first."""
    picked: list[tuple[str, str]] = []
    depth = 0
    while len(picked) < limit and any(depth < len(found) for _, found in ordered):
        for pattern, found in ordered:
            if depth < len(found) and len(picked) < limit:
                picked.append((pattern, found[depth]))
        depth += 1
    return picked


# --- report -----------------------------------------------------------------------------------


def print_summary(split: str, figures: dict[str, Any]) -> None:
    """The split's counts, P/R/F1 table, kinds, and speed."""
    count = figures["counts"]
    print(
        f"\nPolNeAR {split}: {figures['articles']} articles, {count.get('gold', 0)} gold direct "
        f"quotes ({count.get('gold_with_source', 0)} with a Source; {count.get('in_title', 0)} "
        f"title Contents left out), {count.get('predicted', 0)} predicted quotes; "
        f"{count.get('unlocated', 0)} of {count.get('paragraphs', 0)} paragraphs not located, "
        f"{count.get('rejected', 0)} rejected\n"
    )
    print(f"{'':9} {'precision':>9} {'recall':>7} {'F1':>7}   counts")
    rows: dict[str, tuple[str, str]] = {
        "quote": (
            f"{count.get('correct', 0)}/{count.get('predicted', 0)} predicted",
            f"{count.get('found', 0)}/{count.get('gold', 0)} gold",
        ),
        "speaker": (
            f"{count.get('speaker_right', 0)}/{count.get('with_speaker', 0)} with speaker",
            f"{count.get('source_found', 0)}/{count.get('gold_with_source', 0)} gold",
        ),
    }
    for name, (left, right) in rows.items():
        score = figures[name]
        print(
            f"{name:9} {score['precision']:9.3f} {score['recall']:7.3f} {score['f1']:7.3f}   "
            f"{left}, {right}"
        )
    kinds = ", ".join(
        f"{kind} {tally.get('correct', 0)}/{tally.get('predicted', 0)}"
        for kind, tally in figures["kinds"].items()
    )
    print(f"\ncorrect/predicted by kind: {kinds}")
    print(
        f"speed: {figures['articles_per_second']:.1f} articles/s, "
        f"{figures['quotes_per_second']:.0f} quotes/s (clean_text alone, entities off, "
        "one process)"
    )


def print_verdicts(figures: dict[str, Any]) -> None:
    """PASS/FAIL against the dev targets."""
    for name, target in TARGETS.items():
        f1 = figures[name]["f1"]
        verdict = "PASS" if f1 >= target else "FAIL"
        print(f"target {name} F1 >= {target:.2f}: {verdict} ({f1:.3f})")


def print_unlocated(outcomes: Sequence[Outcome]) -> None:
    """Paragraphs that could not be located, and rejected articles."""
    for outcome in outcomes:
        for paragraph in outcome.unlocated:
            print(f"  not located [{outcome.case.name}]: {_short(paragraph)}")
        if outcome.rejected:
            print(f"  rejected [{outcome.case.name}]: {outcome.rejected}")


def report(split: str, limit: int | None, errors: int) -> None:
    """Run one split and print its figures (and, for dev, verdicts and errors)."""
    outcomes = run(load_cases(split, limit))
    figures = summarise(outcomes)
    print_summary(split, figures)
    print_unlocated(outcomes)
    if split == "dev":
        print_verdicts(figures)
        if errors:
            print_errors(collect_errors(outcomes), errors)


def folds(cases: Sequence[Case], count: int) -> list[list[Case]]:
    """`cases` sorted by name, shuffled with `FOLD_SEED` and dealt into `count` folds.

    >>> cases = [Case(str(number), "", Path()) for number in range(7)]
    >>> [len(fold) for fold in folds(cases, 3)], folds(cases, 3) == folds(cases[::-1], 3)
    ([3, 2, 2], True)
    """
    ordered = sorted(cases, key=lambda case: case.name)
    random.Random(FOLD_SEED).shuffle(ordered)
    return [ordered[number::count] for number in range(count)]


def report_folds(count: int, limit: int | None) -> None:
    """Quote and speaker P/R/F1 on each of `count` folds of train+dev, then their mean, range
    and standard deviation, and the speed over all of them."""
    cases = load_cases("train", limit) + load_cases("dev", limit)
    outcomes = {outcome.case.name: outcome for outcome in run(cases)}
    rows = [summarise([outcomes[case.name] for case in fold]) for fold in folds(cases, count)]
    print(f"\nPolNeAR train+dev, {len(cases)} articles in {count} folds (seed {FOLD_SEED})\n")
    print(f"{'fold':>6} {'articles':>8}   quote P     R    F1   speaker P     R    F1")
    for number, row in enumerate(rows, 1):
        print(f"{number:>6} {row['articles']:>8}   " + _fold_cells(row))
    for name, pick in (("mean", statistics.fmean), ("min", min), ("max", max)):
        print(f"{name:>6} {'':>8}   " + _fold_cells(_combined(rows, pick)))
    print(f"{'stdev':>6} {'':>8}   " + _fold_cells(_combined(rows, statistics.stdev), ".4f"))
    whole = summarise(list(outcomes.values()))
    print(
        f"\nspeed: {whole['articles_per_second']:.1f} articles/s, "
        f"{whole['quotes_per_second']:.0f} quotes/s (clean_text alone, entities off, one process)"
    )


def _combined(rows: Sequence[dict[str, Any]], pick: Any) -> dict[str, dict[str, float]]:
    """Each of quote and speaker P/R/F1 combined over the folds by `pick` (mean, min ...)."""
    return {
        name: {key: pick([row[name][key] for row in rows]) for key in ("precision", "recall", "f1")}
        for name in ("quote", "speaker")
    }


def _fold_cells(row: dict[str, Any], form: str = ".3f") -> str:
    return "   ".join(
        " ".join(f"{row[name][key]:{form}}" for key in ("precision", "recall", "f1"))
        for name in ("quote", "speaker")
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[1])
    parser.add_argument("--split", choices=["dev", "train", "both"], default="both")
    parser.add_argument("--limit", type=int, help="only the first N articles of each split")
    parser.add_argument(
        "--errors", type=int, default=0, help="print up to N examples of each error kind (dev)"
    )
    parser.add_argument(
        "--with-scare", action="store_true", help="count scare-quoted terms as predicted quotes"
    )
    parser.add_argument(
        "--folds", type=int, help="K-fold cross-validation over train+dev (K >= 2) instead"
    )
    args = parser.parse_args(argv)
    if args.with_scare:
        COUNTED_KINDS.add("scare")
    if args.folds:
        try:
            report_folds(max(args.folds, 2), args.limit)
        except FileNotFoundError as error:
            skip(str(error))
        return 0
    splits = ["dev", "train"] if args.split == "both" else [args.split]
    for split in splits:
        try:
            report(split, args.limit, args.errors)
        except FileNotFoundError as error:
            skip(str(error))
    return 0


if __name__ == "__main__":
    sys.exit(main())
