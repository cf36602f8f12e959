"""Repeated text: the title repeated in the body, and paragraphs that occur twice.

    >>> blocks = [Block(0, "Rain Falls!"), Block(1, "It rained."), Block(2, "It rained.")]
    >>> kept, edits = remove_repeated_title(blocks, "Rain falls | The Daily")
    >>> kept, edits2 = remove_repeated_paragraphs(kept)
    >>> [b.text for b in kept], [e.rule for e in edits + edits2]
    (['It rained.'], ['headline.duplicate_title', 'paragraphs.duplicate'])

Text is compared by `cleaner.textkey.text_key`: case, punctuation and spacing do not count.
A title also matches with a site name cut off ("Title | Reuters", "Title - BBC News"). The
first copy of a paragraph is kept, and only repeats that are artefacts go (see
`remove_repeated_paragraphs`).
"""

from __future__ import annotations

from cleaner.clean.blocks import Block, prose_span, removed_block
from cleaner.clean.measure import SENTENCE_FINAL, words
from cleaner.document import Edit
from cleaner.textkey import strip_site_name, text_key

_NEAR = 2
_PROSE_WORDS = 25
_PROSE_END = tuple("".join(SENTENCE_FINAL.values()) + '”"’')


def remove_repeated_title(blocks: list[Block], title: str | None) -> tuple[list[Block], list[Edit]]:
    """Remove blocks that repeat the title, with or without a site name."""
    if not title:
        return blocks, []
    keys = {text_key(title), text_key(strip_site_name(title))} - {""}
    kept: list[Block] = []
    edits: list[Edit] = []
    for block in blocks:
        if text_key(block.text) in keys or text_key(strip_site_name(block.text)) in keys:
            if kept:
                rule, reason = "headline.repeated_title", "the title repeated later in the body"
            else:
                rule, reason = "headline.duplicate_title", "the title repeated above the body"
            edits.append(removed_block(block, rule, reason))
        else:
            kept.append(block)
    return kept, edits


def remove_repeated_paragraphs(blocks: list[Block]) -> tuple[list[Block], list[Edit]]:
    """Remove repeated paragraphs that are artefacts, keeping the first copy.

    A repeat is removed when it follows its first copy closely (within two blocks), when
    either copy lies outside the article's prose (menus and footers printed twice), or when it
    is a full paragraph of prose (25+ words ending in a full stop or a quote). Shorter repeats
    far apart inside the prose stay: a question put to every interviewee, a table header, a
    meal plan's daily items are the article's own (measured: removing them cost more gold
    text than it removed debris on the extraction benchmark).
    """
    first_prose, last_prose = prose_span(blocks)
    first_seen: dict[str, int] = {}
    kept: list[Block] = []
    edits: list[Edit] = []
    for position, block in enumerate(blocks):
        key = text_key(block.text)
        earlier = first_seen.get(key) if key else None
        if earlier is None:
            if key:
                first_seen[key] = position
            kept.append(block)
            continue
        outside = earlier < first_prose or position > last_prose
        if position - earlier <= _NEAR or outside or _is_repeated_prose(block.text):
            reason = f"repeats block {blocks[earlier].index}"
            edits.append(removed_block(block, "paragraphs.duplicate", reason))
        else:
            kept.append(block)
    return kept, edits


def _is_repeated_prose(text: str) -> bool:
    return words(text) >= _PROSE_WORDS and text.rstrip().endswith(_PROSE_END)
