"""The article's title: from the input, from the page's metadata, or from a headline line.

    >>> page_title(PageMeta(og_title="Rain falls - BBC News", h1s=("BBC", "Rain falls")))
    'Rain falls'
    >>> blocks = [Block(0, "Rain falls"), Block(1, "It rained.")]
    >>> title, rest, edits = headline_from_blocks(blocks, max_words=25)
    >>> title, [b.text for b in rest], edits[0].rule
    ('Rain falls', ['It rained.'], 'title.headline_line')

A page's title is an h1 that the page's other titles contain and that covers most of one of
them (so a logo or section h1 does not win); else the JSON-LD headline, og:title, the `<title>`,
the first h1, in that order. The site name is cut from og:title and the `<title>`. In plain text
the first block is the headline when it reads as one (at most `max_words` words, no sentence-final
full stop, not a quote, one sentence, no link or credit, more text after it); a text that
opens with prose has no title.
"""

from __future__ import annotations

import re

from cleaner.clean.blocks import Block, removed_block
from cleaner.clean.measure import UPPER, starts_capitalised, words
from cleaner.clean.metadata import PageMeta
from cleaner.document import Edit
from cleaner.textkey import strip_site_name, text_key

_NOT_HEADLINE_END = tuple(".,;:。")
_MAX_CHARS_PER_WORD = 8  # a line of CJK text is one "word"; its length in characters counts
# two sentences, a link, an e-mail address or a photo credit: not a headline
_NOT_A_HEADLINE = re.compile(
    r"[.!?。！？] ?[^\W\d_]\w|https?://|www\.|\S@\S|\w/\w+$|\(credit:", re.I
)
_QUOTES = tuple("“\"‘'«„")
_H1_COVERS = 0.6  # an h1 is the title when it is at least this share of another title
_DATELINE = re.compile(f"^[{UPPER}][{UPPER} .'’-]+(,|\\s\\()")


def page_title(page: PageMeta) -> str | None:
    """Choose the title from what the page says about itself."""
    site = page.page.site_name
    og = strip_site_name(page.og_title, site) if page.og_title else None
    tag = strip_site_name(page.title_tag, site) if page.title_tag else None
    titles = [text_key(title) for title in (page.headline, og, tag) if title]
    for h1 in page.h1s:
        key = text_key(h1)
        if key and any(key in title and len(key) >= _H1_COVERS * len(title) for title in titles):
            return h1
    return page.headline or og or tag or (page.h1s[0] if page.h1s else None)


def headline_from_blocks(
    blocks: list[Block], max_words: int
) -> tuple[str | None, list[Block], list[Edit]]:
    """Take the first block as the title when it reads as a headline."""
    if len(blocks) < 2 or not _reads_as_headline(blocks[0].text, max_words):
        return None, blocks, []
    reason = "first line reads as the headline; it is the title, not a paragraph"
    edit = removed_block(blocks[0], "title.headline_line", reason)
    return blocks[0].text, blocks[1:], [edit]


def _reads_as_headline(text: str, max_words: int) -> bool:
    return (
        words(text) <= max_words
        and len(text) <= max_words * _MAX_CHARS_PER_WORD
        and not text.endswith(_NOT_HEADLINE_END)
        and not text.startswith(_QUOTES)
        and starts_capitalised(text)
        and not _DATELINE.match(text)
        and not _NOT_A_HEADLINE.search(text)
        and text.count(":") < 2
    )
