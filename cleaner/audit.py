"""Does a record account for its text? The invariants every document must keep (issue 18).

    >>> from cleaner.document import Document, Source
    >>> text = "Share\\n\\nRain falls on Leeds\\n\\nIt rained, police said.\\n\\nAdvertisement"
    >>> found = audit(Document(Source("leeds.txt", "text"), text, "text"))
    >>> found.blocks, found.problems
    (('Share', 'Rain falls on Leeds', 'It rained, police said.', 'Advertisement'), [])

(a) **Nothing vanishes unrecorded.** The text as read is the list of blocks the document was
split into before any cleaning step: for HTML the blocks extraction gave (trafilatura's
paragraphs, headings, list items and table rows, ASCII whitespace collapsed), for plain text
the blocks `clean.blocks.split_text` gave. The record's `body` edits, replayed in order on
those blocks, must each find their `text` at their `block`, `start` and `end`, and the blocks
they leave non-empty must be the record's `paragraphs`, in order. A replayed edit is
invertible (its text and position say what to put back), so the blocks as read are then
exactly the paragraphs with the edits undone, last first: every character that is not in a
paragraph was removed by a named rule. The record does not say which block each paragraph
was read as, which is why the check starts from the blocks as read (`read_and_process`
gives them with the record) rather than from the record alone.

`page` edits (figures, captions, hidden elements removed from the HTML, Unicode spaces made
plain) are made before extraction, so they are not part of the text as read: they record what
extraction was not given, and carry no position. `title` edits change the title, which is not
a block either (a plain-text headline line taken as the title is: it leaves the body by a
`title.headline_line` edit).

(b) **Every offset points at its text**: each quote, each later part of it, each speaker and
each entity is exactly `paragraphs[p][start:end]` (`cleaner.archive.strict`'s offset checks).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from cleaner.archive.strict import strict_problems
from cleaner.config import Config
from cleaner.document import Article, Document, Reject
from cleaner.pipeline import DEFAULT_CONFIG, read_and_process
from cleaner.validate import Problem

UNACCOUNTED = "unaccounted"
OFFSET = "offset"
_SHOWN = 60


@dataclass(frozen=True, slots=True)
class Audit:
    """One document's result, its blocks as read, and every invariant it breaks (none for a
    reject: it has no text to account for)."""

    result: Article | Reject
    blocks: tuple[str, ...]
    problems: list[Problem] = field(default_factory=list)


def audit(document: Document, config: Config = DEFAULT_CONFIG) -> Audit:
    """Process `document` and check its record keeps invariants (a) and (b)."""
    blocks, result = read_and_process(document, config)
    if isinstance(result, Reject):
        return Audit(result, blocks)
    record = result.to_dict()
    problems = unaccounted(blocks, record)
    problems += [problem for problem in strict_problems(record) if problem.kind == OFFSET]
    return Audit(result, blocks, problems)


def replay(
    blocks: Iterable[str], edits: Iterable[dict[str, Any]]
) -> tuple[list[str], list[Problem]]:
    """Every block after the `body` edits (record form), applied in order; an emptied block is
    "". Replay stops at an edit that does not find its text where it says (its problem).

    >>> edit = {"rule": "debris.share", "target": "body", "block": 0, "start": 0, "end": 6,
    ...         "text": "Share ", "action": "remove"}
    >>> replay(["Share it", "Rain."], [edit])
    (['it', 'Rain.'], [])
    >>> replay(["Rain."], [edit])[1][0].message
    "edit 0 (debris.share): block 0[0:6] is 'Rain.', the edit says 'Share '"
    """
    texts = list(blocks)
    for number, edit in enumerate(edits):
        if edit["target"] != "body":
            continue
        block, start, end = edit["block"], edit["start"], edit["end"]
        where = f"edit {number} ({edit['rule']})"
        if not 0 <= block < len(texts):
            message = f"there is no block {block} of {len(texts)} to find {edit['text']!r} in"
            return texts, [Problem(f"$.edits[{number}]", f"{where}: {message}", UNACCOUNTED)]
        current = texts[block]
        if current[start:end] != edit["text"]:
            message = (
                f"block {block}[{start}:{end}] is {_shown(current[start:end])}, the edit says "
                f"{_shown(edit['text'])}"
            )
            return texts, [Problem(f"$.edits[{number}]", f"{where}: {message}", UNACCOUNTED)]
        texts[block] = current[:start] + (edit.get("replacement") or "") + current[end:]
    return texts, []


def unaccounted(blocks: Sequence[str], record: dict[str, Any]) -> list[Problem]:
    """Invariant (a) for one record and the blocks it was read as: [] when the edits explain
    every difference between them (see the module docstring), else what they do not explain.

    >>> unaccounted(["Share", "Rain."], {"paragraphs": ["Rain!"], "edits": []})[0].message
    "paragraph 0 is 'Rain!', the edits leave block 0 as 'Share' (edits on that block: none)"
    """
    left, problems = replay(blocks, record["edits"])
    if problems:
        return problems
    kept = [index for index, text in enumerate(left) if text]
    paragraphs = record["paragraphs"]
    for number, (index, paragraph) in enumerate(zip(kept, paragraphs, strict=False)):
        if left[index] != paragraph:
            rules = [
                e["rule"] for e in record["edits"] if e["target"] == "body" and e["block"] == index
            ]
            message = (
                f"paragraph {number} is {_shown(paragraph)}, the edits leave block {index} as "
                f"{_shown(left[index])} (edits on that block: {', '.join(rules) or 'none'})"
            )
            return [Problem(f"$.paragraphs[{number}]", message, UNACCOUNTED)]
    if len(kept) != len(paragraphs):
        message = f"{len(paragraphs)} paragraphs, but the edits leave {len(kept)} blocks"
        return [Problem("$.paragraphs", message, UNACCOUNTED)]
    return []


def _shown(text: str) -> str:
    """`text` quoted, cut to `_SHOWN` characters for a message."""
    return repr(text if len(text) <= _SHOWN else text[:_SHOWN] + "…")
