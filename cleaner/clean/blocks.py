"""Text blocks: the unit every cleaning step works on, and how plain text is split into them.

    >>> text = "Share\\n\\nHeadline here\\n\\nFirst   paragraph.\\nSecond one."
    >>> [block.text for block in split_text(text)]
    ['Share', 'Headline here', 'First paragraph.', 'Second one.']

A block is one paragraph, heading or stray line as read. Its `index` is its position in the
document as read and never changes, so an edit can name the block it touched even after
earlier blocks were removed.

Splitting plain text: blank lines always end a block. Inside a run of lines, a line break ends
a block too, unless the text is hard-wrapped (lines of 40 to 100 characters, two or more of
them filled to near the same width) and the line was filled to that width, in which case the
next line continues the same paragraph. Runs of spaces and tabs become one space and lines are
joined with a space; this is how text is read, not an edit, because a paragraph's layout in the
file carries no content. Other whitespace (non-breaking spaces, ...) is changed later and each
change is recorded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cleaner.clean.measure import SENTENCE_END, words
from cleaner.document import Edit

_PROSE_END = (*SENTENCE_END, ")")
_PROSE_MIN_WORDS = 8
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ASCII_SPACE = re.compile(r"[ \t\f\v]+")
_WRAP_LIMIT = 100
_WRAP_MIN = 40
_FILLED = 0.6


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph or heading.

    >>> Block(3, "Analysis", heading=True).heading
    True
    """

    index: int
    text: str
    heading: bool = False


def reads_as_prose(text: str) -> bool:
    """A sentence or more: eight words or longer (`measure.words`, so in any script), ending
    like a sentence.

    >>> reads_as_prose("The council voted on Tuesday to close the library."), reads_as_prose("Menu")
    (True, False)
    """
    return text.rstrip().endswith(_PROSE_END) and words(text) >= _PROSE_MIN_WORDS


def prose_span(blocks: list[Block]) -> tuple[int, int]:
    """Positions of the first and last prose blocks; (len, -1) when there is no prose."""
    positions = [i for i, block in enumerate(blocks) if reads_as_prose(block.text)]
    return (positions[0], positions[-1]) if positions else (len(blocks), -1)


def removed_block(block: Block, rule: str, reason: str) -> Edit:
    """The edit recording that a whole block was removed.

    >>> removed_block(Block(4, "Share"), "debris.share", "share button").end
    5
    """
    return Edit(rule, reason, "remove", block.text, None, block.index, 0, len(block.text))


def remove_positions(
    blocks: list[Block], gone: set[int], rule: str, reason: str
) -> tuple[list[Block], list[Edit]]:
    """The blocks not at the `gone` positions, and an edit for each block removed.

    >>> kept, edits = remove_positions([Block(0, "Menu"), Block(1, "Text.")], {0}, "r", "why")
    >>> [block.text for block in kept], [edit.text for edit in edits]
    (['Text.'], ['Menu'])
    """
    edits = [
        removed_block(block, rule, reason)
        for position, block in enumerate(blocks)
        if position in gone
    ]
    return [block for position, block in enumerate(blocks) if position not in gone], edits


def split_text(text: str) -> list[Block]:
    """Split plain text into blocks (see the module docstring for the rules)."""
    blocks: list[Block] = []
    for run in _runs_of_lines(text):
        for paragraph in _paragraphs(run):
            blocks.append(Block(len(blocks), paragraph))
    return blocks


def _runs_of_lines(text: str) -> list[list[str]]:
    """Groups of consecutive non-blank lines, each line with its spaces collapsed."""
    runs: list[list[str]] = [[]]
    for line in _LINE_BREAK.split(text):
        line = _ASCII_SPACE.sub(" ", line).strip(" ")
        if line and not line.isspace():
            runs[-1].append(line)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def _paragraphs(lines: list[str]) -> list[str]:
    width = max(len(line) for line in lines)
    filled = [line for line in lines if len(line) >= _FILLED * width]
    wrapped = _WRAP_MIN <= width <= _WRAP_LIMIT and len(filled) >= 2
    paragraphs: list[str] = []
    continues = False
    for line in lines:
        if continues:
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
        continues = wrapped and len(line) >= _FILLED * width
    return paragraphs
