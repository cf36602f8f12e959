"""Lists of other stories that a scrape keeps around an article: headlines, teasers, link lists.

    >>> prose = [Block(i, f"Paragraph {i} of the story about the council vote, said officials.")
    ...          for i in range(3)]
    >>> links = [Block(3 + i, f"Other story number {word} about something else entirely")
    ...          for i, word in enumerate(["one", "two", "three", "four", "five", "six"])]
    >>> kept, edits = remove_trailing_headlines(prose + links)
    >>> [b.index for b in kept], {e.rule for e in edits}
    ([0, 1, 2], {'layout.trailing_headlines'})

Once the markup is gone, a page's links to other stories are lines like any other; these rules
find them by shape and place (their rule ids keep the `layout.` prefix of `cleaner.clean.layout`,
which finds the page's other furniture the same way).

`remove_teaser_lists` removes a run of three or more short lines at the end of the article
in which another story's headline is glued to its summary ("Pochettino fired by
TottenhamPochettino took the club to the final").

`remove_trailing_headlines` removes six or more headline-length lines after the article's last
paragraph of prose, the links to other stories an `<article>` element's text ends with, unless
most of them share a shape (tour dates, results, specifications).

`remove_trailing_teasers` removes, from a whole page's text (a third of its blocks or more
were furniture), the headline-and-summary teasers after the article's last two paragraphs of prose.

`remove_link_sections` removes what is listed under a related-content heading ("Popular
Posts", "MOST READ") after the article's prose starts, until the article goes on.

`keep_article_stretch` keeps, in a whole page's text, the stretch between menus that holds the
article.

`remove_kicker_links` removes two or more links to other stories in a row printed as a
capitalised kicker over a headline ("RANDY ANDY" / "Andrew parties in unearthed pics…").

`remove_capitalised_headlines` removes other stories' headlines in capitals (eight words or
more) between paragraphs of prose.
"""

from __future__ import annotations

import re
from collections import Counter

from cleaner.clean.blocks import Block, prose_span, reads_as_prose, remove_positions, removed_block
from cleaner.clean.layout import FIGURE, LayoutRules, is_label
from cleaner.clean.measure import LOWER, SENTENCE_END, UPPER, words
from cleaner.document import Edit

# a headline glued to the summary after it: "…by TottenhamPochettino took…", "…struggleNeither
# the Rams…", "…for Spurs?Here are…", "…on IRNew England's…"
_GLUED = re.compile(
    f"(?:[{LOWER}0-9?!’')]|[{UPPER}](?=[{UPPER}][{LOWER}]))(?=[{UPPER}][{LOWER}’']+\\b)"
)
_MIN_TEASERS = 3
_MAX_TEASER_WORDS = 40
_MIN_GLUED_WORD = 4
_MAX_HEADLINE = 15
_HEADLINE_WORDS = range(5, 21)
_MIN_HEADLINES = 6
_MIN_TEASER_HEADLINES = 3
_MAX_SUMMARY_WORDS = 40
_MIN_MENU_LINES = 5
_MIN_KICKER_PAIRS = 2
_MIN_CAPITALISED_HEADLINE_WORDS = 8
_MAX_KICKER_WORDS = 5
# the share of a text's blocks already removed as furniture that shows it is a whole page's
# text: a third for teasers after the article, half for cutting it to one stretch (the more
# text a rule removes, the more evidence it wants)
_TEASER_PAGE_FURNITURE = 1 / 3
_STRETCH_PAGE_FURNITURE = 1 / 2
_ARTICLE_PARAGRAPH_WORDS = 60
# the separators that give a list's items a shared shape: "June 19 – Charlotte, NC @ PNC
# Pavilion", "England (Group A): 10th appearance"
_ITEM_SEPARATORS = r"[–—@|:()\[\]/#•]| - | -- "
_ITEM_SHAPE = re.compile(_ITEM_SEPARATORS)
_ITEM_SHAPE_WITH_DIGITS = re.compile(_ITEM_SEPARATORS + r"|\d+")
_DIGITS = re.compile(r"\d+")
_NUMBERED = re.compile(r"#?\d+[.):]\s")  # "16) Polaroid 600 Camera", "3. Turn the dial"


def remove_trailing_headlines(blocks: list[Block]) -> tuple[list[Block], list[Edit]]:
    """Remove the headlines of other stories listed after the article's last paragraph of prose.

    Six or more lines of 5-20 words without sentence punctuation after the prose are a list of
    links ("Man charged with manslaughter in friend's shooting death", "J.J. Watt gives out
    personal phone number on Twitter"), unless most of them share a shape: tour dates, results,
    a product's specifications are the article's own list.
    """
    if sum(1 for block in blocks if reads_as_prose(block.text)) < 2:
        return blocks, []
    _first, last = prose_span(blocks)
    if blocks[last].text.rstrip().endswith(":"):
        return blocks, []  # the prose introduces what follows it
    headlines = {i for i in range(last + 1, len(blocks)) if _is_headline(blocks[i].text)}
    if len(headlines) < _MIN_HEADLINES or _share_a_shape([blocks[i].text for i in headlines]):
        return blocks, []
    reason = "one of the headlines of other stories listed after the article, not article text"
    return remove_positions(blocks, headlines, "layout.trailing_headlines", reason)


def remove_kicker_links(blocks: list[Block]) -> tuple[list[Block], list[Edit]]:
    """Remove links to other stories printed as a capitalised kicker over a headline.

    Tabloids list other stories as "RANDY ANDY" over "Andrew parties in unearthed pics despite
    claiming …"; two such pairs in a row or more are a list of links wherever they stand.
    """
    gone: set[int] = set()
    position = 0
    while position < len(blocks) - 1:
        end = position
        while end + 1 < len(blocks) and _is_kicker_pair(blocks[end].text, blocks[end + 1].text):
            end += 2
        if end - position >= 2 * _MIN_KICKER_PAIRS:
            gone.update(range(position, end))
            position = end
        else:
            position += 1
    reason = "a link to another story (capitalised kicker over its headline), not article text"
    return remove_positions(blocks, gone, "layout.kicker_links", reason)


def _is_kicker_pair(kicker: str, headline: str) -> bool:
    capitals = kicker.upper() == kicker != kicker.lower()
    short = words(kicker) <= _MAX_KICKER_WORDS and not kicker.rstrip().endswith(".")
    return capitals and short and _is_headline(headline) and headline.upper() != headline


def remove_capitalised_headlines(blocks: list[Block]) -> tuple[list[Block], list[Edit]]:
    """Remove other stories' headlines printed in capitals between paragraphs of prose.

    "SEAN SPICER ELIMINATED FROM 'DANCING WITH THE STARS'": a line of eight words or more all
    in capitals, without sentence punctuation or figures, inside the article's prose is a link
    to another story; a subheading in capitals is shorter ("WHAT YOU NEED TO MAKE JAM"), a table
    row has figures.
    """
    first, last = prose_span(blocks)
    gone = {
        position
        for position in range(first + 1, last)
        if _is_capitalised_headline(blocks[position].text)
    }
    reason = "another story's headline in capitals between paragraphs, a link, not article text"
    return remove_positions(blocks, gone, "layout.capitalised_headline", reason)


def _is_capitalised_headline(text: str) -> bool:
    return (
        words(text) >= _MIN_CAPITALISED_HEADLINE_WORDS
        and text.upper() == text
        and text.lower() != text  # letters that have capitals (not Arabic, Chinese, …)
        and not FIGURE.search(text)
        and not text.rstrip().endswith(SENTENCE_END)
    )


def remove_trailing_teasers(
    blocks: list[Block], blocks_read: int
) -> tuple[list[Block], list[Edit]]:
    """Remove the teasers of other stories after the article in a whole page's text.

    When a third or more of the blocks read were page furniture, the text is a whole page's
    (menus, footers and all), and what follows the article's last two consecutive paragraphs of
    prose is the page's lists of other stories: each headline-length line without sentence
    punctuation goes, with the short paragraph after it (its summary), once there are three
    and one of them has a summary (bullet points alone are the article's own list). A cleaner
    text keeps them: there such a run is the article's own list or listicle.
    """
    if len(blocks) > (1 - _TEASER_PAGE_FURNITURE) * blocks_read:
        return blocks, []
    prose = [reads_as_prose(block.text) for block in blocks]
    pairs = _prose_pairs(prose)
    if not pairs:
        return blocks, []
    tail = range(pairs[-1] + 1, len(blocks))
    headlines = [i for i in tail if _is_headline(blocks[i].text)]
    summaries = [
        i + 1
        for i in headlines
        if i + 1 < len(blocks) and prose[i + 1] and words(blocks[i + 1].text) <= _MAX_SUMMARY_WORDS
    ]
    if not summaries or len(headlines) < _MIN_TEASER_HEADLINES:
        return blocks, []  # a list of lines without summaries is the article's own list
    reason = "a teaser of another story (headline or summary) after the article, not article text"
    return remove_positions(
        blocks, set(headlines) | set(summaries), "layout.trailing_teasers", reason
    )


def keep_article_stretch(blocks: list[Block], blocks_read: int) -> tuple[list[Block], list[Edit]]:
    """In a whole page's text, keep the stretch between menus that holds the article.

    When half or more of the blocks read were page furniture, runs of five or more short lines
    (under five words, no sentence punctuation) are the page's menus, and they cut the text
    into stretches. The stretch with the most words of prose (not counting teasers, headlines
    glued to their summaries) is the article; the menus and the other stretches go, except a
    stretch with a paragraph of over 60 words: the article going on past a gallery or widget.
    """
    if len(blocks) > (1 - _STRETCH_PAGE_FURNITURE) * blocks_read:
        return blocks, []
    stretches: list[list[int]] = [[]]
    run: list[int] = []
    for position, block in enumerate(blocks):
        if is_label(block.text):
            run.append(position)
            continue
        if len(run) >= _MIN_MENU_LINES:
            stretches.append([])
        else:
            stretches[-1].extend(run)
        run = []
        stretches[-1].append(position)
    stretches = [stretch for stretch in stretches if stretch]
    if len(stretches) < 2:
        return blocks, []
    article = max(stretches, key=lambda stretch: _prose_words(blocks, stretch))
    kept = {
        position
        for stretch in stretches
        if stretch is article
        or any(words(blocks[p].text) > _ARTICLE_PARAGRAPH_WORDS for p in stretch)
        for position in stretch
    }
    reason = "outside the stretch of the page's text that holds the article (menus, other stories)"
    gone = set(range(len(blocks))) - kept
    return remove_positions(blocks, gone, "layout.outside_article", reason)


def _prose_words(blocks: list[Block], stretch: list[int]) -> int:
    return sum(
        words(blocks[position].text)
        for position in stretch
        if reads_as_prose(blocks[position].text) and not _is_glued_teaser(blocks[position].text)
    )


def remove_link_sections(
    blocks: list[Block], edits: list[Edit], rules: LayoutRules
) -> tuple[list[Block], list[Edit]]:
    """Remove the links listed under a related-content heading ("Popular Posts", "Most read").

    The headings are the whole blocks `debris.related` removed (found in `edits`) that name a
    list of stories. Under each one that follows the article's first two consecutive paragraphs of
    prose, every block goes (headlines, their summaries, dates) until the article goes on: two
    consecutive paragraphs of prose, or one longer than a teaser's summary. The headings that
    open a list are those of the document language's `rules` (English's: "Popular Posts",
    "MOST READ", "Related Links"), not a single link ("Related: …") or a prompt ("Don't
    miss", "Up next").
    """
    prose = [reads_as_prose(block.text) for block in blocks]
    pairs = _prose_pairs(prose)
    if not pairs:
        return blocks, []
    list_heading = rules.list_heading
    body_start = blocks[pairs[0]].index
    kept = {block.index for block in blocks}  # a heading glued to a paragraph was cut from it
    headings = sorted(
        edit.block
        for edit in edits
        if edit.rule == "debris.related"
        and edit.block is not None
        and edit.block > body_start
        and edit.block not in kept
        and list_heading.fullmatch(edit.text)
    )
    gone: set[int] = set()
    for heading in headings:
        position = next((i for i, block in enumerate(blocks) if block.index > heading), len(blocks))
        while position < len(blocks) and not _article_goes_on(blocks, prose, position):
            gone.add(position)
            position += 1
    reason = "a link listed under a related-content heading, not article text"
    return remove_positions(blocks, gone, "layout.link_section", reason)


def remove_teaser_lists(blocks: list[Block]) -> tuple[list[Block], list[Edit]]:
    """Remove the trailing run of headlines glued to their summaries, when it has three."""
    start = len(blocks)
    while start > 0 and _is_glued_teaser(blocks[start - 1].text):
        start -= 1
    if len(blocks) - start < _MIN_TEASERS or start == 0:
        return blocks, []
    reason = "links to other stories at the end (headline glued to summary), not article text"
    return blocks[:start], [
        removed_block(block, "layout.teaser_list", reason) for block in blocks[start:]
    ]


def _is_glued_teaser(text: str) -> bool:
    """A short line with a short headline glued to the next sentence: the glue inside a
    "word" whose first part is a whole word of four or more characters or an abbreviation
    ("TottenhamPochettino", "IRNew"; not "WeWork", "McDonald", "@NGRSenate")."""
    if words(text) > _MAX_TEASER_WORDS:
        return False
    for match in _GLUED.finditer(text):
        glue = match.end()
        word_start = text.rfind(" ", 0, glue) + 1
        left = text[word_start:glue]
        headline = text[:word_start].split()
        whole_word = len(left) >= _MIN_GLUED_WORD or (len(left) >= 2 and left.isupper())
        if whole_word and left[0].isalnum() and len(headline) < _MAX_HEADLINE:
            return True
    return False


def _prose_pairs(prose: list[bool]) -> list[int]:
    """The positions of the second of two consecutive paragraphs of prose."""
    return [i for i in range(1, len(prose)) if prose[i - 1] and prose[i]]


def _article_goes_on(blocks: list[Block], prose: list[bool], position: int) -> bool:
    """Prose again (two paragraphs, or one longer than a summary), or a subheading before it."""
    if not prose[position]:
        subheading = words(blocks[position].text) < min(_HEADLINE_WORDS)
        return (
            subheading
            and position + 1 < len(blocks)
            and _prose_goes_on(blocks, prose, position + 1)
        )
    return _prose_goes_on(blocks, prose, position)


def _prose_goes_on(blocks: list[Block], prose: list[bool], position: int) -> bool:
    longer_than_summary = words(blocks[position].text) > _MAX_SUMMARY_WORDS
    two_paragraphs = position + 1 < len(blocks) and prose[position + 1]
    return prose[position] and (longer_than_summary or two_paragraphs)


def _is_headline(text: str) -> bool:
    return words(text) in _HEADLINE_WORDS and not text.rstrip().endswith(SENTENCE_END)


def _share_a_shape(texts: list[str]) -> bool:
    """Whether half the lines or more are numbered or have the same separators, with or without
    the places of numbers (a run of them counting as one: "16) Polaroid 600 Camera" is "9)9")."""
    for shape in (_ITEM_SHAPE_WITH_DIGITS, _ITEM_SHAPE):
        counts = Counter(
            _DIGITS.sub("9", "".join(part.strip() for part in shape.findall(text)))
            for text in texts
        )
        common, count = counts.most_common(1)[0]
        if common and count * 2 >= len(texts):
            return True
    return sum(1 for text in texts if _NUMBERED.match(text)) * 2 >= len(texts)
