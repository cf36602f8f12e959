"""The text as it came in, rebuilt from a record alone: its body edits undone, last first.

    >>> edit = {"rule": "debris.share", "reason": "share-button label", "action": "remove",
    ...         "text": "Share", "target": "body", "block": 0, "start": 0, "end": 5}
    >>> blocks_as_read({"paragraphs": ["It rained."], "edits": [edit]})
    ['Share', 'It rained.']

A record does not say which block each paragraph was read as (`cleaner.audit`), so the blocks
are rebuilt in index order: a block no body edit touches is the next paragraph; a block some
edit touches is taken as emptied when undoing its edits on "" gives a block as extraction gives
them (not empty, no ASCII space at either end: a rule that removes a prefix glued to a paragraph
removes its separating space with it), else as the next paragraph with its edits undone. The
result is checked by replaying the edits forward (`cleaner.audit.unaccounted`); a record it does
not account for raises `Unrebuildable` with the audit's message.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from cleaner.audit import unaccounted

_ASCII_SPACE = " \t\n\r\f\v"


class Unrebuildable(ValueError):
    """The record's edits do not rebuild a text they account for (a damaged record)."""


def body_edits(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The record's edits of the body, the ones with a block and offsets, in order."""
    return [edit for edit in record["edits"] if edit["target"] == "body"]


def blocks_as_read(record: dict[str, Any]) -> list[str]:
    """The blocks the record's text was read as (see the module docstring)."""
    by_block: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for edit in body_edits(record):
        by_block[edit["block"]].append(edit)
    paragraphs = list(record["paragraphs"])
    blocks: list[str] = []
    index = 0
    while paragraphs or index in by_block or index < max(by_block, default=-1):
        edits = by_block.get(index, [])
        emptied = _undone("", edits) if edits else None
        if emptied and emptied == emptied.strip(_ASCII_SPACE):
            blocks.append(emptied)
        elif paragraphs:
            rebuilt = _undone(paragraphs.pop(0), edits)
            if rebuilt is None:
                raise Unrebuildable(f"the edits of block {index} do not fit its paragraph")
            blocks.append(rebuilt)
        else:
            raise Unrebuildable(f"block {index} has edits but no paragraph is left for it")
        index += 1
    problems = unaccounted(blocks, record)
    if problems:
        raise Unrebuildable(problems[0].message)
    return blocks


def _undone(text: str, edits: Sequence[dict[str, Any]]) -> str | None:
    """`text` with `edits` (all of one block) undone, last first; None when one does not fit."""
    for edit in reversed(edits):
        start, replacement = edit["start"], edit.get("replacement") or ""
        if start > len(text) or text[start : start + len(replacement)] != replacement:
            return None
        text = text[:start] + edit["text"] + text[start + len(replacement) :]
    return text


def removed_characters(record: dict[str, Any]) -> int:
    """How many characters of the text as read the body edits took out (a replacement's
    characters count against its removal).

    >>> removed_characters({"edits": [{"target": "body", "text": "Share ", "replacement": None}]})
    6
    """
    return sum(len(e["text"]) - len(e.get("replacement") or "") for e in body_edits(record))


def characters_as_read(record: dict[str, Any]) -> int:
    """How long the text as read was: the paragraphs and what the body edits took out.

    >>> characters_as_read({"paragraphs": ["Rain."], "edits": []})
    5
    """
    return sum(map(len, record["paragraphs"])) + removed_characters(record)
