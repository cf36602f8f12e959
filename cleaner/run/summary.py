"""What a run did: inputs read, articles written, rejects by reason, removals by rule.

    >>> first, second = Summary(read=2, written=2), Summary(read=1, rejected=Counter(empty=1))
    >>> first.merge(second)
    >>> first.read, first.written, dict(first.rejected)
    (3, 2, {'empty': 1})

Summaries add, so each worker counts its own documents and the run sums them. `lines()`
checks the accounting (every input is exactly one article or one reject) before printing it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from cleaner.document import Article, Reject


class LostInput(AssertionError):
    """The counts do not add up: an input was lost or counted twice (a bug; please report)."""


@dataclass(slots=True)
class Summary:
    """Counts of one run, or of one part of it."""

    read: int = 0
    written: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    removals: Counter[str] = field(default_factory=Counter)
    skipped_files: int = 0

    def add(self, result: Article | Reject) -> None:
        """Count one result."""
        self.read += 1
        if isinstance(result, Reject):
            self.rejected[result.reason] += 1
            return
        self.written += 1
        self.removals.update(edit.rule for edit in result.edits if edit.action == "remove")

    def merge(self, other: Summary) -> None:
        """Add another summary's counts to this one."""
        self.read += other.read
        self.written += other.written
        self.rejected.update(other.rejected)
        self.removals.update(other.removals)
        self.skipped_files += other.skipped_files

    def check(self) -> None:
        """Raise `LostInput` unless every input read is one article or one reject."""
        if self.read != self.written + sum(self.rejected.values()):
            raise LostInput(
                f"{self.read} inputs read but {self.written} written and "
                f"{sum(self.rejected.values())} rejected; please report this"
            )

    def to_dict(self) -> dict[str, Any]:
        """The counts as JSON-ready values, keys sorted (for a manifest)."""
        return {
            "read": self.read,
            "written": self.written,
            "rejected": dict(sorted(self.rejected.items())),
            "removals": dict(sorted(self.removals.items())),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Summary:
        """The inverse of `to_dict`."""
        return cls(
            data["read"], data["written"], Counter(data["rejected"]), Counter(data["removals"])
        )

    def lines(self) -> list[str]:
        """The summary as lines for stderr, after checking that nothing was lost."""
        self.check()
        total_rejected = sum(self.rejected.values())
        first = f"{self.read} articles in, {self.written} written, {total_rejected} rejected"
        if self.rejected:
            first += " (" + ", ".join(f"{r} {n}" for r, n in sorted(self.rejected.items())) + ")"
        if self.skipped_files:
            first += (
                f"; {self.skipped_files} files skipped under directories (extension not an input "
                "format: see cleaner clean --help)"
            )
        lines = [first]
        if self.removals:
            ranked = sorted(self.removals.items(), key=lambda item: (-item[1], item[0]))
            lines.append("removed by rule: " + ", ".join(f"{rule} {n}" for rule, n in ranked))
        return lines
