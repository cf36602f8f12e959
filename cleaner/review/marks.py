"""One block as it came in, drawn as HTML: removed spans struck through, quotes and entities
marked on what was kept.

    >>> edit = {"rule": "debris.share", "reason": "share-button label", "action": "remove",
    ...         "text": "Share ", "target": "body", "block": 0, "start": 0, "end": 6}
    >>> print(marked_block("Share Rain & wind.", [(0, edit)], []))  # doctest: +NORMALIZE_WHITESPACE
    <del class="edit" data-rule="debris.share" data-edit="0"
     title="debris.share: share-button label">Share </del>Rain &amp; wind.

The block is a list of pieces of its text as read, each kept, removed by an edit, or put in by
one (a replacement). The edits are applied in order, each at its offsets in the text kept so
far, as `cleaner.audit.replay` applies them, so a removal shows where it was made in the text
as read. Marks on the kept text (`Mark`: offsets in the paragraph the block became) wrap the
kept characters they cover; a mark cut by a removal is drawn in two parts around it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from itertools import pairwise
from typing import Any


@dataclass(frozen=True, slots=True)
class Mark:
    """A stretch of the paragraph to draw as `<span class=... title=...>`.

    >>> Mark(0, 6, "entity ent-LOC", "LOC").start
    0
    """

    start: int
    end: int
    css: str
    title: str


@dataclass(slots=True)
class _Piece:
    text: str
    edit: int | None = None  # the edit that removed it
    inserted_by: int | None = None  # the edit whose replacement it is


def marked_block(
    block: str, edits: Sequence[tuple[int, dict[str, Any]]], marks: Sequence[Mark]
) -> str:
    """`block` (as read) as HTML, with `edits` ((number in the record, edit), in order) shown
    and `marks` drawn on the kept text."""
    pieces = [_Piece(block)]
    for number, edit in edits:
        pieces = _applied(pieces, number, edit)
    return _drawn(pieces, edits, marks)


def _applied(pieces: list[_Piece], number: int, edit: dict[str, Any]) -> list[_Piece]:
    """`pieces` with `edit` applied at its offsets in the kept text."""
    start, end = edit["start"], edit["end"]
    result: list[_Piece] = []
    at = 0  # offset in the kept text of the piece's start
    placed = False
    for piece in pieces:
        if piece.edit is not None:
            result.append(piece)
            continue
        low, high = at, at + len(piece.text)
        at = high
        cut = [max(low, min(high, start)) - low, max(low, min(high, end)) - low]
        before, inside, after = (
            piece.text[: cut[0]],
            piece.text[cut[0] : cut[1]],
            piece.text[cut[1] :],
        )
        if before:
            result.append(_Piece(before, inserted_by=piece.inserted_by))
        if not placed and (inside or (start == end and low <= start <= high)):
            result.append(_Piece(inside, edit=number))
            if edit.get("replacement"):
                result.append(_Piece(edit["replacement"], inserted_by=number))
            placed = True
        elif inside:
            result.append(_Piece(inside, edit=number))
        if after:
            result.append(_Piece(after, inserted_by=piece.inserted_by))
    if not placed:
        result.append(_Piece("", edit=number))
        if edit.get("replacement"):
            result.append(_Piece(edit["replacement"], inserted_by=number))
    return result


def _drawn(
    pieces: list[_Piece], edits: Sequence[tuple[int, dict[str, Any]]], marks: Sequence[Mark]
) -> str:
    """The pieces as HTML: removals as `<del>`, replacements as `<ins>`, marks as spans."""
    by_number = dict(edits)
    html: list[str] = []
    at = 0
    for piece in pieces:
        if piece.edit is not None:
            edit = by_number[piece.edit]
            rule = escape(edit["rule"])
            title = escape(f"{edit['rule']}: {edit['reason']}")
            html.append(
                f'<del class="edit" data-rule="{rule}" data-edit="{piece.edit}" '
                f'title="{title}">{escape(piece.text)}</del>'
            )
            continue
        kept = _with_marks(piece.text, at, marks)
        at += len(piece.text)
        if piece.inserted_by is not None:
            rule = escape(by_number[piece.inserted_by]["rule"])
            kept = f'<ins class="edit" data-rule="{rule}" title="put in by {rule}">{kept}</ins>'
        html.append(kept)
    return "".join(html)


def _with_marks(text: str, offset: int, marks: Sequence[Mark]) -> str:
    """`text`, which starts at `offset` in the paragraph, with the marks over it as spans
    (nested in the order given: the first mark outermost)."""
    cuts = {0, len(text)}
    for mark in marks:
        for point in (mark.start - offset, mark.end - offset):
            if 0 < point < len(text):
                cuts.add(point)
    points = sorted(cuts)
    html = []
    for low, high in pairwise(points):
        part = escape(text[low:high])
        covering = [m for m in marks if m.start <= offset + low and offset + high <= m.end]
        for mark in reversed(covering):
            part = f'<span class="{escape(mark.css)}" title="{escape(mark.title)}">{part}</span>'
        html.append(part)
    return "".join(html)
