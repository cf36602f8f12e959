"""Where cleaning gained and lost: gold text a rule removed, and debris the output still holds.

    >>> from diagnostics import Diagnosis, RuleTable
    >>> table = RuleTable()
    >>> found = Diagnosis.of("page-1", gold, article.paragraphs, article.edits)
    >>> table.add(found)
    >>> print(table.render())          # per rule: removed characters that were gold / not gold
    >>> found.wrongly_removed[:3], found.residual[:3]

How text is judged, with the metric's tokens and 4-gram shingles (`shingles.py`):

* **removed text** (every `remove` edit, including HTML `page` edits such as `html.figure`) is
  gold to the extent its shingles are gold shingles the output lacks: the gold multiset minus
  the output's is a ledger, and each removed shingle found there is taken out of it, so a
  paragraph the output keeps once and a rule removes a second time is not counted as lost.
  A removed text of 1-3 tokens is gold only when it is, token for token, a whole line of the
  gold body that the output lacks (so a removed "Share" is not "gold" because the word "Share"
  occurs in some sentence). Characters are attributed pro rata: `len(text) * gold fraction`.
* **residual** output paragraphs are the ones whose shingles are mostly (>= half) not in the
  gold (the gold multiset is consumed paragraph by paragraph, so a second copy of a gold
  paragraph is residual); a paragraph of 1-3 tokens is residual unless its tokens occur, in
  order, somewhere in the gold.

Edits that `replace` text (encoding and whitespace repairs) remove nothing and are only counted.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from shingles import NGRAM, Shingle, shingles, tokens

RESIDUAL_THRESHOLD = 0.5


class EditLike(Protocol):
    """What is read from a `cleaner.Edit`."""

    @property
    def rule(self) -> str: ...
    @property
    def action(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def target(self) -> str: ...


def _windows(found: Sequence[str]) -> list[Shingle]:
    return [tuple(found[i : i + NGRAM]) for i in range(len(found) - NGRAM + 1)]


@dataclass(frozen=True, slots=True)
class Removal:
    """One removed text, and how much of it (0-1) was gold the output lacks."""

    rule: str
    text: str
    gold_fraction: float
    target: str = "body"

    @property
    def gold_chars(self) -> int:
        return round(len(self.text) * self.gold_fraction)


@dataclass(frozen=True, slots=True)
class Residual:
    """One output paragraph that is mostly not gold."""

    text: str
    nongold_fraction: float


@dataclass(slots=True)
class Diagnosis:
    """One document: its removals judged against the gold, and its residual paragraphs."""

    id: str
    removals: list[Removal]
    residual: list[Residual]
    replacements: int = 0

    @classmethod
    def of(
        cls, id: str, gold: str, paragraphs: Sequence[str], edits: Iterable[EditLike]
    ) -> Diagnosis:
        gold_tokens = tokens(gold)
        gold_shingles = shingles(gold)
        output_paragraphs = [p for p in paragraphs if p.strip()]
        ledger = gold_shingles - shingles("\n\n".join(output_paragraphs))
        gold_lines = Counter(tuple(t) for line in gold.splitlines() if (t := tokens(line)))
        output_lines = Counter(tuple(t) for p in output_paragraphs if (t := tokens(p)))
        line_ledger = gold_lines - output_lines

        removals: list[Removal] = []
        replacements = 0
        for edit in edits:
            if edit.action != "remove":
                replacements += 1
                continue
            found = tokens(edit.text)
            fraction = 0.0
            if len(found) >= NGRAM:
                windows = _windows(found)
                hits = 0
                for window in windows:
                    if ledger[window] > 0:
                        ledger[window] -= 1
                        hits += 1
                fraction = hits / len(windows)
            elif found and line_ledger[tuple(found)] > 0:
                line_ledger[tuple(found)] -= 1
                fraction = 1.0
            removals.append(Removal(edit.rule, edit.text, fraction, edit.target))

        available = Counter(gold_shingles)
        spaced_gold = f" {' '.join(gold_tokens)} "
        residual: list[Residual] = []
        for paragraph in output_paragraphs:
            found = tokens(paragraph)
            if len(found) >= NGRAM:
                windows = _windows(found)
                misses = 0
                for window in windows:
                    if available[window] > 0:
                        available[window] -= 1
                    else:
                        misses += 1
                nongold = misses / len(windows)
            elif found:
                nongold = 0.0 if f" {' '.join(found)} " in spaced_gold else 1.0
            else:
                continue
            if nongold >= RESIDUAL_THRESHOLD:
                residual.append(Residual(paragraph, nongold))
        return cls(id, removals, residual, replacements)

    @property
    def wrongly_removed(self) -> list[Removal]:
        """Removals that were (partly) gold text: recall lost to a rule."""
        return [removal for removal in self.removals if removal.gold_fraction > 0]

    def to_dict(self) -> dict[str, Any]:
        return {
            "wrongly_removed": [
                {
                    "rule": r.rule,
                    "target": r.target,
                    "gold_fraction": round(r.gold_fraction, 3),
                    "text": r.text,
                }
                for r in self.wrongly_removed
            ],
            "residual": [
                {"nongold_fraction": round(r.nongold_fraction, 3), "text": r.text}
                for r in self.residual
            ],
            "removed_correctly": [
                {"rule": r.rule, "target": r.target, "text": r.text}
                for r in self.removals
                if r.gold_fraction == 0
            ],
        }


@dataclass(slots=True)
class _RuleTotal:
    edits: int = 0
    gold_edits: int = 0
    removed_chars: int = 0
    gold_chars: int = 0
    docs: set[str] = field(default_factory=set)


@dataclass(slots=True)
class RuleTable:
    """Per rule id, over all documents: removed characters that were gold vs not gold."""

    totals: dict[str, _RuleTotal] = field(default_factory=dict)
    replacements: int = 0

    def add(self, diagnosis: Diagnosis) -> None:
        self.replacements += diagnosis.replacements
        for removal in diagnosis.removals:
            total = self.totals.setdefault(removal.rule, _RuleTotal())
            total.edits += 1
            total.gold_edits += removal.gold_fraction > 0
            total.removed_chars += len(removal.text)
            total.gold_chars += removal.gold_chars
            total.docs.add(diagnosis.id)

    def render(self, title: str = "Rule precision") -> str:
        header = (
            f"{'rule':<30} {'edits':>6} {'docs':>5} {'removed ch':>10} {'non-gold ch':>11} "
            f"{'GOLD ch':>8} {'gold edits':>10} {'precision':>9}"
        )
        lines = [
            f"{title}: characters each rule removed that were NOT in the gold (right to remove)",
            "vs WERE in the gold (recall lost); precision = non-gold / removed.",
            header,
            "-" * len(header),
        ]
        ordered = sorted(self.totals.items(), key=lambda item: (-item[1].gold_chars, item[0]))
        for rule, t in ordered:
            precision = 1 - t.gold_chars / t.removed_chars if t.removed_chars else 1.0
            lines.append(
                f"{rule:<30} {t.edits:>6} {len(t.docs):>5} {t.removed_chars:>10} "
                f"{t.removed_chars - t.gold_chars:>11} {t.gold_chars:>8} {t.gold_edits:>10} "
                f"{precision:>9.3f}"
            )
        removed = sum(t.removed_chars for t in self.totals.values())
        gold = sum(t.gold_chars for t in self.totals.values())
        lines.append("-" * len(header))
        lines.append(
            f"{'all rules':<30} {sum(t.edits for t in self.totals.values()):>6} {'':>5} "
            f"{removed:>10} {removed - gold:>11} {gold:>8} "
            f"{sum(t.gold_edits for t in self.totals.values()):>10} "
            f"{(1 - gold / removed) if removed else 1.0:>9.3f}"
        )
        lines.append(f"(plus {self.replacements} `replace` edits, repairs that remove nothing)")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            rule: {
                "edits": t.edits,
                "gold_edits": t.gold_edits,
                "docs": len(t.docs),
                "removed_chars": t.removed_chars,
                "gold_chars": t.gold_chars,
            }
            for rule, t in sorted(self.totals.items())
        }


@dataclass
class LossTable:
    """Gold shingles a reference text has and cleaner's output lacks, charged to causes.

    `against` names the reference (trafilatura's output, or the raw text before cleaning);
    `unexplained` names the cause of a loss no removal explains (for HTML: cleaner's extraction
    never had the text).
    """

    against: str
    unexplained: str
    lost: Counter[str] = field(default_factory=Counter)  # cause -> sum of per-doc recall points
    docs: Counter[str] = field(default_factory=Counter)
    gained: float = 0.0
    pages: int = 0
    worst: list[tuple[float, str, float, float, str]] = field(default_factory=list)

    def add(
        self,
        id: str,
        gold: str,
        output: str | None,
        reference: str,
        edits: Iterable[EditLike],
    ) -> dict[str, float]:
        """One document; `output` is `None` for a reject. Returns recall points lost by cause."""
        self.pages += 1
        gold_shingles = shingles(gold)
        total = sum(gold_shingles.values()) or 1
        mine, theirs = shingles(output or ""), shingles(reference)
        lost = (gold_shingles & theirs) - mine
        self.gained += sum(((gold_shingles & mine) - theirs).values()) / total
        removed = [
            (edit.rule, tuple(tokens(edit.text)), edit.target == "body")
            for edit in edits
            if edit.action == "remove"
        ]
        causes = _attribute(lost, removed)
        remaining = sum(lost.values())
        if remaining:
            causes[self.unexplained if output is not None else "rejected"] += remaining
        points = {cause: count / total for cause, count in causes.items()}
        for cause, value in points.items():
            self.lost[cause] += value
            self.docs[cause] += 1
        if points:
            cause = max(points.items(), key=lambda item: item[1])[0]
            recall_mine = sum((gold_shingles & mine).values()) / total
            recall_theirs = sum((gold_shingles & theirs).values()) / total
            self.worst.append((sum(points.values()), id, recall_mine, recall_theirs, cause))
        return points

    def render(self, count: int) -> str:
        n = self.pages or 1
        against = self.against
        lines = [
            f"Recall cleaner loses against {against}: gold 4-gram shingles in {against} but "
            "not in cleaner's output, by cause",
            "(recall points = per-document share of the gold shingles, averaged over all "
            f"documents; cause = the rule whose removed text holds or borders them, else "
            f"'{self.unexplained}')",
            f"{'cause':<30} {'docs':>5} {'recall pts':>10}",
        ]
        for cause, value in self.lost.most_common():
            lines.append(f"{cause:<30} {self.docs[cause]:>5} {value / n:>10.4f}")
        lines.append(
            f"{'total lost':<30} {'':>5} {sum(self.lost.values()) / n:>10.4f}   "
            f"(gained, gold cleaner has and {against} lacks: {self.gained / n:.4f})"
        )
        if count > 0 and self.worst:
            lines.append(f"\nDocuments losing most recall against {against} (top {count}):")
            lines.append(f"{'id':<12} {'pts lost':>8} {'R cleaner':>9} {'R other':>8}  main cause")
            for lost_points, id, mine, theirs, cause in sorted(self.worst, reverse=True)[:count]:
                lines.append(
                    f"{id[:12]:<12} {lost_points:>8.3f} {mine:>9.3f} {theirs:>8.3f}  {cause}"
                )
        return "\n".join(lines)


def _attribute(lost: Counter[Shingle], removed: list[tuple[str, Shingle, bool]]) -> Counter[str]:
    """Charge lost gold shingles to the removals that explain them, consuming `lost`.

    First the shingles inside a removed text, then those that straddle its start or end
    (sharing 3, then 2, then 1 tokens with it), since removing a paragraph also breaks the
    shingles that join it to its neighbours; the straddling ones only for removals from the
    body (`True` in `removed`), not for elements removed from the page before extraction.
    """
    causes: Counter[str] = Counter()

    def take(rule: str, window: Shingle) -> None:
        if lost[window] > 0:
            causes[rule] += lost[window]
            lost[window] = 0

    for rule, found, _body in removed:
        for i in range(len(found) - NGRAM + 1):
            take(rule, found[i : i + NGRAM])
    for overlap in range(NGRAM - 1, 0, -1):
        for rule, found, body in removed:
            if not body or len(found) < overlap:
                continue
            head, tail = found[:overlap], found[-overlap:]
            for window in [w for w, n in lost.items() if n > 0]:
                if window[-overlap:] == head or window[:overlap] == tail:
                    take(rule, window)
    return causes


_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")


def residual_key(text: str, width: int = 60) -> str:
    """A residual line reduced for counting: digits as `0`, spaces squeezed, cut to `width`."""
    key = _SPACES.sub(" ", _DIGITS.sub("0", text)).strip()
    return key if len(key) <= width else key[: width - 1] + "…"


def top_residual(diagnoses: Iterable[Diagnosis], count: int) -> str:
    """The residual lines seen most often (by documents), as a table."""
    seen: Counter[str] = Counter()
    for diagnosis in diagnoses:
        seen.update({residual_key(r.text) for r in diagnosis.residual})
    if not seen or count <= 0:
        return ""
    lines = [f"Residual (non-gold) output lines seen most often, by documents (top {count}):"]
    lines += [f"{n:>5}  {key}" for key, n in seen.most_common(count)]
    return "\n".join(lines)


def dump(folder: Path, name: str, record: dict[str, Any]) -> None:
    """Write one JSON diagnostics file (`folder/name.json`)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.json").write_text(
        json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8"
    )
