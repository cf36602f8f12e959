"""Page furniture recognised by shape and place: labels outside the prose, comments, boilerplate.

    >>> blocks = [Block(0, "World"), Block(1, "Middle East"),
    ...           Block(2, "The council voted on Tuesday to close the library early."),
    ...           Block(3, "Residents said they would appeal the decision in court."),
    ...           Block(4, "Tags"), Block(5, "libraries")]
    >>> kept, edits = remove_outside_prose(blocks)
    >>> [b.index for b in kept], {e.rule for e in edits}
    ([2, 3], {'layout.outside_prose'})

`remove_outside_prose`: before an article's first paragraph of prose and after its last one,
a short line without sentence punctuation (up to twelve words before the prose, where teaser
headlines sit, and four after it) is a menu entry, a label, a tag or a widget button, whatever
its words are. Inside the prose such lines stay (they are subheadings, list items, table
cells), and so do a dateline ("ALEPPO, Syria") just before the first paragraph of prose (a
capitalised line elsewhere, "NEWS", "CAR REVIEWS", is a menu entry) and the lines after a last
paragraph that ends with a colon (it introduces a list). Nothing is removed from a text with
fewer than two paragraphs of prose, where there is no article shape to go by.

`remove_comment_sections` cuts readers' comments: from a comment-section heading ("34
Comments", "Leave a Reply", "12 responses to “…”") after the article's prose to the end, when
comment furniture ("name says:", "2 days ago", "Reply", "Rating: 12 Votes") follows it.

`remove_keyword_lists` removes search-keyword lines: six or more short comma-separated items
sharing a word ("stock car brasil, stock car interlagos, ..."), without sentence punctuation;
a list of names or roles shares no word and stays.

`remove_company_boilerplate` removes a press release's "about the company" paragraph in the
last third of the text.

The lists of other stories a page prints around the article (headlines, teasers, link
sections) are found by `cleaner.clean.other_stories`; its rules share the `layout.` prefix of
their ids with these, being found the same way, by shape and place.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from cleaner.clean.blocks import Block, prose_span, reads_as_prose, remove_positions, removed_block
from cleaner.clean.measure import SENTENCE_END, UPPER, words
from cleaner.document import Edit
from cleaner.rules import RuleTableError, tables_for
from cleaner.rules.words import any_of, joined_lists

_MAX_LABEL_WORDS = 4
_MIN_KEYWORDS = 6
# figures (a line with them is a table row or a quantity, not a label or headline)
FIGURE = re.compile(r"\d|[½¼¾⅓⅔]")
_MAX_KEYWORD_WORDS = 6
_MAX_LEAD_WORDS = 12
_COMMENT_EVIDENCE_WINDOW = 8
_DATELINE = re.compile(
    f"[{UPPER}][{UPPER} .'’-]{{2,}}(, [{UPPER}][\\w .]+)?( \\(\\w+\\))?\\s*[-–—]?"
)
# "Ascom is a global solutions provider focused on …": a name (not "But …", "The …") and what
# kind of business it is
_COMPANY_BOILERPLATE = re.compile(
    r"(?!(but|and|the|this|that|it)\b)(?-i:[A-Z][\w.&'’-]*( [A-Z][\w.&'’-]*){0,4}),? (\([^)]*\) )?"
    r"(is|are) (a|an|the|one of the)\b( [\w'’,&-]+){0,6}? (provider|company|maker|manufacturer|"
    r"developer|supplier|leader|firm|group|organi[sz]ation|publisher|resource|network|platform)s?"
    r"\b.*",
    re.IGNORECASE | re.DOTALL,
)


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
        limit = _MAX_LEAD_WORDS if position < first else _MAX_LABEL_WORDS
        dateline_place = position == first - 1
        if outside and is_label(block.text, limit, dateline_place):
            where = "before the first" if position < first else "after the last"
            reason = (
                f"short line without sentence punctuation {where} paragraph of prose: "
                "a menu entry, label or button, not article text"
            )
            edits.append(removed_block(block, "layout.outside_prose", reason))
        else:
            kept.append(block)
    return kept, edits


@dataclass(frozen=True, slots=True)
class LayoutRules:
    """The headings the layout rules look for, compiled from `cleaner/rules/layout.*.toml`."""

    comment_heading: re.Pattern[str]
    comment_furniture: re.Pattern[str]
    list_heading: re.Pattern[str]  # the heading of a list of other stories


@cache
def load_layout_rules(language: str, directories: tuple[str, ...] = ()) -> LayoutRules:
    """The layout tables for `language` (`cleaner.rules.tables_for`), their lists joined.

    >>> bool(load_layout_rules("en").comment_heading.fullmatch("34 Comments"))
    True
    """
    data = joined_lists(tables_for("layout", language, directories))

    def either(key: str) -> str:
        return any_of(data.get(key, []), {})

    try:
        return LayoutRules(
            comment_heading=re.compile(either("comment_headings"), re.IGNORECASE),
            comment_furniture=re.compile(either("comment_furniture"), re.IGNORECASE),
            list_heading=re.compile(
                rf"\W*({either('list_headings')})\b[^:.!?]{{0,30}}\W*", re.IGNORECASE
            ),
        )
    except re.error as error:
        raise RuleTableError(f"layout tables for {language!r}: bad pattern: {error}") from None


def remove_comment_sections(
    blocks: list[Block], rules: LayoutRules
) -> tuple[list[Block], list[Edit]]:
    """Remove readers' comments: everything from a comment-section heading to the end
    (the headings and furniture of the document language's `rules`)."""
    first, _last = prose_span(blocks)
    prose_seen = 0
    for position, block in enumerate(blocks):
        prose_seen += reads_as_prose(block.text)
        if position <= first or prose_seen < 2 or not rules.comment_heading.fullmatch(block.text):
            continue
        window = blocks[position + 1 : position + 1 + _COMMENT_EVIDENCE_WINDOW]
        if not any(rules.comment_furniture.fullmatch(later.text) for later in window):
            continue
        reason = f"readers' comments, from the heading {block.text[:40]!r} to the end"
        removed = [
            removed_block(later, "layout.comments_section", reason) for later in blocks[position:]
        ]
        return blocks[:position], removed
    return blocks, []


def remove_company_boilerplate(blocks: list[Block]) -> tuple[list[Block], list[Edit]]:
    """Remove a press release's "about the company" paragraphs near the end of the text.

    In the last third of the text, a paragraph that opens by saying what a named company is
    ("Ascom is a global solutions provider focused on …", "AutoIndustriya.com is the leading
    automotive resource for …") is the sender's boilerplate. Earlier in the text such a
    sentence introduces the company the story is about, and stays.
    """
    tail_start = len(blocks) - len(blocks) // 3
    gone = {
        position
        for position in range(tail_start, len(blocks))
        if _COMPANY_BOILERPLATE.fullmatch(blocks[position].text)
    }
    reason = "'about us' boilerplate (what the company or publisher is) at the end, not the story"
    return remove_positions(blocks, gone, "layout.company_boilerplate", reason)


def remove_keyword_lists(blocks: list[Block]) -> tuple[list[Block], list[Edit]]:
    """Remove lines of search keywords (comma-separated items that repeat a word)."""
    kept: list[Block] = []
    edits: list[Edit] = []
    for block in blocks:
        if _is_keyword_list(block.text):
            reason = "list of search keywords repeating the same words, not prose"
            edits.append(removed_block(block, "layout.keyword_list", reason))
        else:
            kept.append(block)
    return kept, edits


def _is_keyword_list(text: str) -> bool:
    items = [item.strip() for item in text.split(",")]
    if len(items) < _MIN_KEYWORDS or text.rstrip().endswith(SENTENCE_END):
        return False
    if any(not item or words(item) > _MAX_KEYWORD_WORDS for item in items):
        return False
    if sum(1 for item in items if FIGURE.search(item)) * 2 >= len(items):
        return False  # quantities: an ingredient list or a results table, not keywords
    counts = Counter(word for item in items for word in {w.lower() for w in item.split()})
    return counts.most_common(1)[0][1] * 2 >= len(items)


def is_label(text: str, max_words: int = _MAX_LABEL_WORDS, dateline_place: bool = False) -> bool:
    """A short line without sentence punctuation; a dateline ("ALEPPO, Syria") is not a label
    in its place, just before the first paragraph of prose, but is one anywhere else ("NEWS").

    >>> is_label("Middle East"), is_label("ALEPPO, Syria", dateline_place=True)
    (True, False)
    """
    return (
        words(text) <= max_words
        and not text.rstrip().endswith(SENTENCE_END)
        and not (dateline_place and _DATELINE.fullmatch(text))
    )
