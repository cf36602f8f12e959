"""Run many documents through `process`, write articles and rejects, and count everything.

    >>> from cleaner.document import Document, Source
    >>> docs = [Document(Source("a.txt", "text"), "Rain falls\\n\\nIt rained, he said.", "text"),
    ...         Document(Source("b.txt", "text"), b"", "text")]
    >>> articles, rejects = [], []
    >>> summary = run(docs, Config(), articles.append, rejects.append)
    >>> summary.read, summary.written, dict(summary.rejected)
    (2, 1, {'empty': 1})

Every input ends as exactly one article or one reject, and the summary checks it: `read` is
always `written` plus the sum of `rejected`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from cleaner.config import Config
from cleaner.document import Article, Document, Reject
from cleaner.pipeline import process


@dataclass(slots=True)
class Summary:
    """What a run did: inputs read, articles written, rejects by reason, removals by rule."""

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

    def lines(self) -> list[str]:
        """The summary as lines for stderr."""
        total_rejected = sum(self.rejected.values())
        assert self.read == self.written + total_rejected, "an input was lost or counted twice"
        first = f"{self.read} articles in, {self.written} written, {total_rejected} rejected"
        if self.rejected:
            first += " (" + ", ".join(f"{r} {n}" for r, n in sorted(self.rejected.items())) + ")"
        if self.skipped_files:
            first += (
                f"; {self.skipped_files} files skipped under directories (not .txt/.html/.jsonl)"
            )
        lines = [first]
        if self.removals:
            ranked = sorted(self.removals.items(), key=lambda item: (-item[1], item[0]))
            lines.append("removed by rule: " + ", ".join(f"{rule} {n}" for rule, n in ranked))
        return lines


def run(
    inputs: Iterable[Document | Reject],
    config: Config,
    write_article: Callable[[Any], None],
    write_reject: Callable[[Any], None],
) -> Summary:
    """Process every input in order, passing each result to its writer; return the counts."""
    summary = Summary()
    for item in inputs:
        result = item if isinstance(item, Reject) else process(item, config)
        summary.add(result)
        (write_reject if isinstance(result, Reject) else write_article)(result)
    return summary
