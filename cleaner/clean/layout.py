"""Page furniture recognised by shape and place: label lines outside the prose, comment sections.

    >>> blocks = [Block(0, "World"), Block(1, "Middle East"),
    ...           Block(2, "The council voted on Tuesday to close the library early."),
    ...           Block(3, "Residents said they would appeal the decision in court."),
    ...           Block(4, "Tags"), Block(5, "libraries")]
    >>> kept, edits = remove_outside_prose(blocks)
    >>> [b.index for b in kept], {e.rule for e in edits}
    ([2, 3], {'layout.outside_prose'})

`remove_comment_sections` cuts readers' comments: from a comment-section heading ("34
Comments", "Leave a Reply", "12 responses to “…”") after the article's prose to the end, when
comment furniture ("name says:", "2 days ago", "Reply", "Rating: 12 Votes") follows it.

`remove_keyword_lists` removes search-keyword lines: six or more short comma-separated items
sharing a word ("stock car brasil, stock car interlagos, ..."), without sentence punctuation;
a list of names or roles shares no word and stays.

`remove_teaser_lists` removes a run of three or more short lines at the end of the article
in which another story's headline is glued to its summary ("Pochettino fired by
TottenhamPochettino took the club to the final"): what is left of a list of links to other
stories once the markup is gone.

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

`remove_company_boilerplate` removes a press release's "about the company" paragraph in the
last third of the text.

`remove_outside_prose`: before an article's first paragraph of prose and after its last one,
a short line without sentence punctuation (up to twelve words before the prose, where teaser
headlines sit, and four after it) is a menu entry, a label, a tag or a widget button, whatever
its words are. Inside the prose such lines stay (they are subheadings, list items, table
cells), and so do a dateline ("ALEPPO, Syria") just before the first paragraph of prose (a
capitalised line elsewhere, "NEWS", "CAR REVIEWS", is a menu entry) and the lines after a last
paragraph that ends with a colon (it introduces a list). Nothing is removed from a text with
fewer than two paragraphs of prose, where there is no article shape to go by.
"""

from __future__ import annotations

import re
from collections import Counter

from cleaner.clean.blocks import Block, prose_span, reads_as_prose, removed_block
from cleaner.document import Edit

_MAX_LABEL_WORDS = 4
_MIN_KEYWORDS = 6
_DIGIT = re.compile(r"\d|[½¼¾⅓⅔]")
_MAX_KEYWORD_WORDS = 6
_MAX_LEAD_WORDS = 12
_SENTENCE_END = tuple('.!?:;”"’…。！？')
_COMMENTS_START = re.compile(
    r"(\d+ (comments?|responses?|replies|reactions)\b.*"
    r"|(top rated |reader |readers\W? |latest |show |view |load |read |all )?comments?( \(\d+\))?"
    r"|(leave|post|add|write|submit) a (comment|reply|response)\b.*"
    r"|comments? (are|is) (closed|disabled)\b.*"
    r"|join the (conversation|discussion)\b.*"
    r"|(\d+ )?responses? to [“\"].*"
    r"|discussion|conversation|reader comments|what (do )?you think\??)",
    re.IGNORECASE,
)
_COMMENT_FURNITURE = re.compile(
    r"(.{1,60} (says|said|wrote|writes):"
    r"|.{0,30}\b\d+ (seconds?|minutes?|hours?|days?|weeks?|months?|years?) ago\b.{0,30}"
    r"|(reply|report|like|flag|share|permalink|log in to reply|rating: .{1,30})"
    r"|.{0,40}\b(at \d{1,2}:\d{2} ?([ap]\.?m\.?)?)\b.{0,20})",
    re.IGNORECASE,
)
_COMMENT_EVIDENCE_WINDOW = 8
# a headline glued to the summary after it: "…by TottenhamPochettino took…", "…struggleNeither
# the Rams…", "…for Spurs?Here are…", "…on IRNew England's…"
_GLUED = re.compile(r"(?:[a-z0-9?!’')]|[A-Z](?=[A-Z][a-z]))(?=[A-Z][a-z’']+\b)")
_MIN_TEASERS = 3
_MAX_TEASER_WORDS = 40
_MIN_GLUED_WORD = 4
_MAX_HEADLINE = 15
_DATELINE = re.compile(r"[A-Z][A-Z .'’-]{2,}(, [A-Z][\w .]+)?( \(\w+\))?\s*[-–—]?")
_HEADLINE_WORDS = range(5, 21)
_MIN_HEADLINES = 6
_MIN_TEASER_HEADLINES = 3
_MAX_SUMMARY_WORDS = 40
_MIN_MENU_LINES = 5
_MIN_KICKER_PAIRS = 2
_MIN_CAPITALISED_HEADLINE_WORDS = 8
# "Ascom is a global solutions provider focused on …": a name (not "But …", "The …") and what
# kind of business it is
_COMPANY_BOILERPLATE = re.compile(
    r"(?!(but|and|the|this|that|it)\b)(?-i:[A-Z][\w.&'’-]*( [A-Z][\w.&'’-]*){0,4}),? (\([^)]*\) )?"
    r"(is|are) (a|an|the|one of the)\b( [\w'’,&-]+){0,6}? (provider|company|maker|manufacturer|"
    r"developer|supplier|leader|firm|group|organi[sz]ation|publisher|resource|network|platform)s?"
    r"\b.*",
    re.IGNORECASE | re.DOTALL,
)
_MAX_KICKER_WORDS = 5
# the share of a text's blocks already removed as furniture that shows it is a whole page's
# text: a third for teasers after the article, half for cutting it to one stretch (the more
# text a rule removes, the more evidence it wants)
_TEASER_PAGE_FURNITURE = 1 / 3
_STRETCH_PAGE_FURNITURE = 1 / 2
_ARTICLE_PARAGRAPH_WORDS = 60
# the related-content headings that open a list of stories ("Popular Posts", "MOST READ",
# "Related Links"), not a single link ("Related: …") or a prompt ("Don't miss", "Up next")
_LIST_HEADING = re.compile(
    r"\W*(related|recommended|popular|trending|latest|recent|random|most|more|elsewhere|top|featured)\b[^:.!?]{0,30}\W*",
    re.IGNORECASE,
)
# the separators that give a list's items a shared shape: "June 19 – Charlotte, NC @ PNC
# Pavilion", "England (Group A): 10th appearance"
_ITEM_SEPARATORS = r"[–—@|:()\[\]/#•]| - | -- "
_ITEM_SHAPE = re.compile(_ITEM_SEPARATORS)
_ITEM_SHAPE_WITH_DIGITS = re.compile(_ITEM_SEPARATORS + r"|\d+")
_DIGITS = re.compile(r"\d+")
_NUMBERED = re.compile(r"#?\d+[.):]\s")  # "16) Polaroid 600 Camera", "3. Turn the dial"


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
        if outside and _is_label(block.text, limit, dateline_place):
            where = "before the first" if position < first else "after the last"
            reason = (
                f"short line without sentence punctuation {where} paragraph of prose: "
                "a menu entry, label or button, not article text"
            )
            edits.append(removed_block(block, "layout.outside_prose", reason))
        else:
            kept.append(block)
    return kept, edits


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
    return _remove_positions(blocks, headlines, "layout.trailing_headlines", reason)


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
    return _remove_positions(blocks, gone, "layout.kicker_links", reason)


def _is_kicker_pair(kicker: str, headline: str) -> bool:
    capitals = kicker.upper() == kicker != kicker.lower()
    short = len(kicker.split()) <= _MAX_KICKER_WORDS and not kicker.rstrip().endswith(".")
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
    return _remove_positions(blocks, gone, "layout.capitalised_headline", reason)


def _is_capitalised_headline(text: str) -> bool:
    return (
        len(text.split()) >= _MIN_CAPITALISED_HEADLINE_WORDS
        and text.upper() == text
        and text.lower() != text  # letters that have capitals (not Arabic, Chinese, …)
        and not _DIGIT.search(text)
        and not text.rstrip().endswith(_SENTENCE_END)
    )


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
    return _remove_positions(blocks, gone, "layout.company_boilerplate", reason)


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
        if i + 1 < len(blocks)
        and prose[i + 1]
        and len(blocks[i + 1].text.split()) <= _MAX_SUMMARY_WORDS
    ]
    if not summaries or len(headlines) < _MIN_TEASER_HEADLINES:
        return blocks, []  # a list of lines without summaries is the article's own list
    reason = "a teaser of another story (headline or summary) after the article, not article text"
    return _remove_positions(
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
        if _is_label(block.text, _MAX_LABEL_WORDS, dateline_place=False):
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
        or any(len(blocks[p].text.split()) > _ARTICLE_PARAGRAPH_WORDS for p in stretch)
        for position in stretch
    }
    reason = "outside the stretch of the page's text that holds the article (menus, other stories)"
    gone = set(range(len(blocks))) - kept
    return _remove_positions(blocks, gone, "layout.outside_article", reason)


def _prose_words(blocks: list[Block], stretch: list[int]) -> int:
    return sum(
        len(blocks[position].text.split())
        for position in stretch
        if reads_as_prose(blocks[position].text) and not _is_glued_teaser(blocks[position].text)
    )


def remove_link_sections(blocks: list[Block], edits: list[Edit]) -> tuple[list[Block], list[Edit]]:
    """Remove the links listed under a related-content heading ("Popular Posts", "Most read").

    The headings are the whole blocks `debris.related` removed (found in `edits`) that name a
    list of stories. Under each one that follows the article's first two consecutive paragraphs of
    prose, every block goes (headlines, their summaries, dates) until the article goes on: two
    consecutive paragraphs of prose, or one longer than a teaser's summary.
    """
    prose = [reads_as_prose(block.text) for block in blocks]
    pairs = _prose_pairs(prose)
    if not pairs:
        return blocks, []
    body_start = blocks[pairs[0]].index
    kept = {block.index for block in blocks}  # a heading glued to a paragraph was cut from it
    headings = sorted(
        edit.block
        for edit in edits
        if edit.rule == "debris.related"
        and edit.block is not None
        and edit.block > body_start
        and edit.block not in kept
        and _LIST_HEADING.fullmatch(edit.text)
    )
    gone: set[int] = set()
    for heading in headings:
        position = next((i for i, block in enumerate(blocks) if block.index > heading), len(blocks))
        while position < len(blocks) and not _article_goes_on(blocks, prose, position):
            gone.add(position)
            position += 1
    reason = "a link listed under a related-content heading, not article text"
    return _remove_positions(blocks, gone, "layout.link_section", reason)


def _prose_pairs(prose: list[bool]) -> list[int]:
    """The positions of the second of two consecutive paragraphs of prose."""
    return [i for i in range(1, len(prose)) if prose[i - 1] and prose[i]]


def _remove_positions(
    blocks: list[Block], gone: set[int], rule: str, reason: str
) -> tuple[list[Block], list[Edit]]:
    """The blocks not at the `gone` positions, and an edit for each block removed."""
    edits = [
        removed_block(block, rule, reason)
        for position, block in enumerate(blocks)
        if position in gone
    ]
    return [block for position, block in enumerate(blocks) if position not in gone], edits


def _article_goes_on(blocks: list[Block], prose: list[bool], position: int) -> bool:
    """Prose again (two paragraphs, or one longer than a summary), or a subheading before it."""
    if not prose[position]:
        subheading = len(blocks[position].text.split()) < min(_HEADLINE_WORDS)
        return (
            subheading
            and position + 1 < len(blocks)
            and _prose_goes_on(blocks, prose, position + 1)
        )
    return _prose_goes_on(blocks, prose, position)


def _prose_goes_on(blocks: list[Block], prose: list[bool], position: int) -> bool:
    longer_than_summary = len(blocks[position].text.split()) > _MAX_SUMMARY_WORDS
    two_paragraphs = position + 1 < len(blocks) and prose[position + 1]
    return prose[position] and (longer_than_summary or two_paragraphs)


def _is_headline(text: str) -> bool:
    return len(text.split()) in _HEADLINE_WORDS and not text.rstrip().endswith(_SENTENCE_END)


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


def remove_comment_sections(blocks: list[Block]) -> tuple[list[Block], list[Edit]]:
    """Remove readers' comments: everything from a comment-section heading to the end."""
    first, _last = prose_span(blocks)
    prose_seen = 0
    for position, block in enumerate(blocks):
        prose_seen += reads_as_prose(block.text)
        if position <= first or prose_seen < 2 or not _COMMENTS_START.fullmatch(block.text):
            continue
        window = blocks[position + 1 : position + 1 + _COMMENT_EVIDENCE_WINDOW]
        if not any(_COMMENT_FURNITURE.fullmatch(later.text) for later in window):
            continue
        reason = f"readers' comments, from the heading {block.text[:40]!r} to the end"
        removed = [
            removed_block(later, "layout.comments_section", reason) for later in blocks[position:]
        ]
        return blocks[:position], removed
    return blocks, []


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
    if len(text.split()) > _MAX_TEASER_WORDS:
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
    if len(items) < _MIN_KEYWORDS or text.rstrip().endswith(_SENTENCE_END):
        return False
    if any(not item or len(item.split()) > _MAX_KEYWORD_WORDS for item in items):
        return False
    if sum(1 for item in items if _DIGIT.search(item)) * 2 >= len(items):
        return False  # quantities: an ingredient list or a results table, not keywords
    counts = Counter(word for item in items for word in {w.lower() for w in item.split()})
    return counts.most_common(1)[0][1] * 2 >= len(items)


def _is_label(text: str, max_words: int, dateline_place: bool) -> bool:
    """A short line without sentence punctuation; a dateline ("ALEPPO, Syria") is not a label
    in its place, just before the first paragraph of prose, but is one anywhere else ("NEWS")."""
    return (
        len(text.split()) <= max_words
        and not text.rstrip().endswith(_SENTENCE_END)
        and not (dateline_place and _DATELINE.fullmatch(text))
    )
