"""Page furniture recognised by shape and place: short label lines outside the article's prose.

    >>> blocks = [Block(0, "World"), Block(1, "Middle East"),
    ...           Block(2, "The council voted on Tuesday to close the library early."),
    ...           Block(3, "Residents said they would appeal the decision in court."),
    ...           Block(4, "Tags"), Block(5, "libraries")]
    >>> kept, edits = remove_outside_prose(blocks)
    >>> [b.index for b in kept], {e.rule for e in edits}
    ([2, 3], {'layout.outside_prose'})

Before an article's first paragraph of prose and after its last one, a short line (four words
or fewer) without sentence punctuation is a menu entry, a section label, a tag or a widget
button, whatever its words are. Inside the prose such lines stay (they are subheadings, list
items, table cells), and so do a dateline ("ALEPPO, Syria") and the lines after a last
paragraph that ends with a colon (it introduces a list). Nothing is removed from a text with
fewer than two paragraphs of prose, where there is no article shape to go by.
"""

from __future__ import annotations

import re

from cleaner.clean.blocks import Block, prose_span, reads_as_prose, removed_block
from cleaner.document import Edit

_MAX_LABEL_WORDS = 4
_SENTENCE_END = tuple('.!?:;”"’…。！？')
_DATELINE = re.compile(r"[A-Z][A-Z .'’-]{2,}(, [A-Z][\w .]+)?( \(\w+\))?\s*[-–—]?")


def remove_outside_prose(blocks: list[Block]) -> tuple[list[Block], list[Edit]]:
    """Remove short label lines before the first and after the last paragraph of prose."""
    if sum(1 for block in blocks if reads_as_prose(block.text)) < 2:
        return blocks, []
    first, last = prose_span(blocks)
    if blocks[last].text.rstrip().endswith(":"):
        last = len(blocks)  # the prose introduces what follows it ("Qualified so far:")
    kept: list[Block] = []
    edits: list[Edit] = []
    for position, block in enumerate(blocks):
        outside = position < first or position > last
        if outside and _is_label(block.text):
            where = "before the first" if position < first else "after the last"
            reason = (
                f"short line without sentence punctuation {where} paragraph of prose: "
                "a menu entry, label or button, not article text"
            )
            edits.append(removed_block(block, "layout.outside_prose", reason))
        else:
            kept.append(block)
    return kept, edits


def _is_label(text: str) -> bool:
    return (
        len(text.split()) <= _MAX_LABEL_WORDS
        and not text.rstrip().endswith(_SENTENCE_END)
        and not _DATELINE.fullmatch(text)
    )
