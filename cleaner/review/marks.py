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
as read; a later edit that takes text around an earlier removal encloses it, so every edit is
exactly one `<del>`. Marks on the kept text (`Mark`: offsets in the paragraph the block
became) wrap the kept characters they cover; a mark cut by a removal is drawn in two parts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
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
    """Kept text; or text a replacement put in (`inserted_by`); or what an edit removed
    (`edit`), its `removed` parts the text it took and the removals it enclosed, nested."""

    text: str = ""
    edit: int | None = None
    inserted_by: int | None = None
    removed: list[str | _Piece] = field(default_factory=list)


def marked_block(
    block: str, edits: Sequence[tuple[int, dict[str, Any]]], marks: Sequence[Mark]
) -> str:
    """`block` (as read) as HTML, with `edits` ((number in the record, edit), in order) shown
    and `marks` drawn on the kept text."""
    pieces = [_Piece(block)]
    for number, edit in edits:
        pieces = _applied(pieces, number, edit)
    return _drawn(pieces, dict(edits), marks)


def _applied(pieces: list[_Piece], number: int, edit: dict[str, Any]) -> list[_Piece]:
    """`pieces` with `edit` applied at its offsets in the kept text: what it covers becomes one
    removed piece, earlier removals inside it nested, text an earlier replacement put in
    dropped (it is neither in the text as read nor in the paragraph)."""
    start, end = edit["start"], edit["end"]
    before: list[_Piece] = []
    removed: list[str | _Piece] = []
    after: list[_Piece] = []
    at = 0  # offset in the kept text where the piece starts
    for piece in pieces:
        if piece.edit is not None:
            if at <= start:
                before.append(piece)
            elif at < end:
                removed.append(piece)
            else:
                after.append(piece)
            continue
        low = at
        at += len(piece.text)
        cut = (max(0, min(len(piece.text), start - low)), max(0, min(len(piece.text), end - low)))
        if piece.text[: cut[0]]:
            before.append(_Piece(piece.text[: cut[0]], inserted_by=piece.inserted_by))
        if piece.text[cut[0] : cut[1]] and piece.inserted_by is None:
            removed.append(piece.text[cut[0] : cut[1]])
        if piece.text[cut[1] :]:
            after.append(_Piece(piece.text[cut[1] :], inserted_by=piece.inserted_by))
    put_in = [_Piece(edit["replacement"], inserted_by=number)] if edit.get("replacement") else []
    return [*before, _Piece(edit=number, removed=removed), *put_in, *after]


def _drawn(pieces: list[_Piece], edits: dict[int, dict[str, Any]], marks: Sequence[Mark]) -> str:
    """The pieces as HTML: removals as `<del>`, replacements as `<ins>`, marks as spans."""
    html: list[str] = []
    at = 0
    for piece in pieces:
        if piece.edit is not None:
            html.append(_removal(piece, edits))
            continue
        kept = _with_marks(piece.text, at, marks)
        at += len(piece.text)
        if piece.inserted_by is not None:
            rule = escape(edits[piece.inserted_by]["rule"])
            kept = f'<ins class="edit" data-rule="{rule}" title="put in by {rule}">{kept}</ins>'
        html.append(kept)
    return "".join(html)


def _removal(piece: _Piece, edits: dict[int, dict[str, Any]]) -> str:
    """One removed piece as a `<del>`, the removals it encloses nested in it."""
    edit = edits[piece.edit] if piece.edit is not None else {}
    inner = "".join(
        escape(part) if isinstance(part, str) else _removal(part, edits) for part in piece.removed
    )
    return (
        f'<del class="edit" data-rule="{escape(edit["rule"])}" data-edit="{piece.edit}" '
        f'title="{escape(edit["rule"] + ": " + edit["reason"])}">{inner}</del>'
    )


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
