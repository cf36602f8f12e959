"""The article-extraction-benchmark metric: F1 over 4-gram shingles of `\\w+` tokens.

    >>> from shingles import match, Scores  # run from benchmarks/, as the scripts do
    >>> scores = Scores()
    >>> scores.add(match(gold="one two three four five", pred="one two three four six"))
    >>> round(scores.precision, 3), round(scores.recall, 3), round(scores.f1, 3)
    (0.5, 0.5, 0.5)

This follows `evaluate.py` of the upstream benchmark (github.com/scrapinghub/
article-extraction-benchmark), re-implemented here:

* tokens are `\\w+` matches, **case-sensitive** (upstream does not lowercase);
* a text's shingles are its 4-token windows, counted as a multiset; a text of 1-3 tokens has
  one shingle, all its tokens; an empty text has none;
* per document, true positives are the multiset intersection, false positives the predicted
  shingles left over, false negatives the gold ones left over, and the three are divided by
  their sum so that every document weighs the same;
* precision is averaged over the documents with `tp + fp > 0` (so an empty prediction, such as
  a reject, does not count in precision) and recall over those with `tp + fn > 0` (an empty
  prediction counts recall 0); F1 is the harmonic mean of the two averages.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

NGRAM = 4
_TOKEN = re.compile(r"\w+")

Shingle = tuple[str, ...]


def tokens(text: str) -> list[str]:
    """The `\\w+` tokens of `text`, case kept."""
    return _TOKEN.findall(text or "")


def shingles(text: str, n: int = NGRAM) -> Counter[Shingle]:
    """The multiset of `n`-token windows (one window holding everything for short texts)."""
    found = tokens(text)
    if len(found) < n:
        return Counter([tuple(found)] if found else [])
    return Counter(tuple(found[i : i + n]) for i in range(len(found) - n + 1))


@dataclass(frozen=True, slots=True)
class Match:
    """One document's normalised true positives, false positives and false negatives."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float | None:
        """`None` when nothing was predicted (upstream leaves the document out of precision)."""
        if self.tp + self.fp == 0:
            return None
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        """`None` when the gold is empty (no document in this benchmark)."""
        if self.tp + self.fn == 0:
            return None
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        precision, recall = self.precision or 0.0, self.recall or 0.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def match(gold: str, pred: str) -> Match:
    """Compare a prediction to the gold body of one document."""
    gold_shingles, pred_shingles = shingles(gold), shingles(pred)
    tp = float(sum((gold_shingles & pred_shingles).values()))
    fp = float(sum((pred_shingles - gold_shingles).values()))
    fn = float(sum((gold_shingles - pred_shingles).values()))
    total = tp + fp + fn
    if total:
        tp, fp, fn = tp / total, fp / total, fn / total
    return Match(tp, fp, fn)


@dataclass(slots=True)
class Scores:
    """Document-averaged precision and recall, and F1 from the two averages."""

    matches: list[Match] = field(default_factory=list)

    def add(self, found: Match) -> None:
        self.matches.append(found)

    @property
    def precision(self) -> float:
        values = [m.precision for m in self.matches if m.precision is not None]
        return sum(values) / len(values) if values else 0.0

    @property
    def recall(self) -> float:
        values = [m.recall for m in self.matches if m.recall is not None]
        return sum(values) / len(values) if values else 0.0

    @property
    def f1(self) -> float:
        precision, recall = self.precision, self.recall
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def __len__(self) -> int:
        return len(self.matches)
