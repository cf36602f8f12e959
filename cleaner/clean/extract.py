"""HTML to text blocks: remove figures and captions from the page, then extract the article.

    >>> page = ('<html><head><title>Rain falls | The Daily</title></head><body><article>'
    ...         '<h1>Rain falls</h1><p>' + 'It rained all day in the city. ' * 8 + '</p>'
    ...         '<figure><img src="x.jpg"><figcaption>A wet street in Leeds</figcaption></figure>'
    ...         '</article></body></html>')
    >>> result = extract(page, url=None, max_depth=2000)
    >>> result.method, result.page.title_tag, [e.rule for e in result.edits]
    ('trafilatura', 'Rain falls | The Daily', ['html.figure'])

The page is parsed once with lxml (deep nesting allowed up to `max_depth`, because libxml2
would otherwise silently drop everything below 256 levels), figures, figcaptions and caption or
credit elements are removed and recorded, inline markup (bold, italics, spans) is unwrapped,
and trafilatura extracts the main text from the same tree, keeping paragraphs and headings
apart; `method` says which of its paths found the text (see `_article_blocks`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from configparser import ConfigParser
from dataclasses import dataclass
from functools import cache

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from cleaner.clean.blocks import Block, reads_as_prose
from cleaner.clean.measure import size, words
from cleaner.clean.metadata import PageMeta, read_page_meta
from cleaner.document import Edit

_SPACES = re.compile(r"\s+")
# body text: only ASCII whitespace is layout; other spaces are changed later, with an edit
_ASCII_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_UNICODE_SPACE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_CAPTION_CLASS = re.compile(
    r"(^|[\s_-])(wp-caption(-text)?|caption|figcaption|image-caption|img-caption|media-caption"
    r"|photo-caption|credit|credits|photo-credit|image-credit|img-credit|media-credit)($|[\s_-])",
    re.IGNORECASE,
)
# the caption under a picture named for the picture's text (<p class="pictext">, "pic_txt",
# "img-desc": Chinese CMSs), taken as a caption only when it holds no picture itself; not
# "imagetext" or "image-text", which German CMSs give the article's text beside a picture
_PICTURE_TEXT_CLASS = re.compile(
    r"(^|[\s_-])(pic[_-]?(te?xt|desc)|img[_-]?desc)($|[\s_-])", re.IGNORECASE
)
# lists of other articles: related, most read, recommended, "read next", teaser widgets
_RELATED_CLASS = re.compile(
    r"(^|[\s_-])(related|relacionad[ao]s?|relatedposts|related-?(posts?|articles?|stories|"
    r"content|links|news)|jp-relatedposts|yarpp-related|crp_related|most-?read|most-?popular|"
    r"popular-?posts|recommended|recommendations?|more-?stories|read-?next|"
    r"up-?next|trending)($|[\s_-])",
    re.IGNORECASE,
)
# a picture box: a <div> marked as the box around an image, in all but name a <figure>
# (<div class="img_box top"><img ...><p class="cap">Photo : YONHAP News</p></div>); removed
# whole, its tail (often the article's first paragraph) is kept
_IMAGE_BOX_CLASS = re.compile(
    r"(^|[\s_-])(img|image|photo|picture|pic|media)[_-]?(box|wrap|wrapper|container|holder|area"
    r"|block|frame)($|[\s_-])",
    re.IGNORECASE,
)
_IMAGE_BOX_HINTS = ("img", "image", "photo", "pic", "media")
_RELATED_HINTS = ("relat", "most", "popular", "recommend", "stories", "next", "trending")
_MAX_RELATED_SHARE = 0.4
_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
# a deck or standfirst: the summary under the headline, not the article's first paragraph
_DECK_CLASS = re.compile(r"(^|[\s_-])(dek|deck|standfirst|strapline)($|[\s_-])", re.IGNORECASE)
_DECK_HINTS = ("dek", "standfirst", "strapline")
_MAX_CAPTION_WORDS = 80
# a <figure> that wraps text, not a picture: a table, a pull quote, code, a heading, or two
# paragraphs outside its caption (WordPress wraps tables and quotes in figures; some list
# articles put each item, heading and text, in one); it reaches trafilatura as a <div>, since
# trafilatura drops every <figure> without a table
_TEXT_IN_FIGURE = etree.XPath(
    "boolean(.//table | .//blockquote | .//pre | .//h2 | .//h3 | .//h4"
    " | (.//p[not(ancestor::figcaption)])[2])"
)
# a cheap first test for the class and id patterns above, one regex over thousands of elements
_HINTS = re.compile("|".join(("capt", "credit", *_DECK_HINTS, *_RELATED_HINTS, *_IMAGE_BOX_HINTS)))
_ENOUGH_TEXT = 250  # characters (`measure.size`); trafilatura's threshold for its fallbacks
_PROSE_SHARE = 0.5
_SHORT_RESULT = 1000  # characters (`measure.size`): below, the result is checked against the page
_MISSED_FACTOR = 3
_TABLE_LAYOUT_SHARE = 0.95
_BLOCK_TAGS = {"p", "head", "quote", "code", "item", "row"}
# inline markup unwrapped before extraction (text kept): trafilatura drops the text after such
# an element in some layouts ("<span>250 g</span> und schneide sie…", "<strong>More
# information:</strong> G. Petit…"), with or without its formatting output
_INLINE_TAGS = ("b", "strong", "i", "em", "u", "font", "span")
# inline elements readers never see (trafilatura would drop them; unwrapped, their text would
# join the paragraph): display:none, the hidden attribute, screen-reader-only text
_HIDDEN_INLINE = etree.XPath(
    "|".join(
        f"//{tag}[@hidden or @aria-hidden='true'"
        " or contains(translate(@style, ' ', ''), 'display:none')"
        " or contains(translate(@style, ' ', ''), 'visibility:hidden')"
        " or re:test(@class, '(^|\\s)(hidden|hide|sr-only|screen-reader-text|visually-hidden"
        "|visuallyhidden)(\\s|$)')]"
        for tag in _INLINE_TAGS
    ),
    namespaces={"re": "http://exslt.org/regular-expressions"},
)
_CONTAINERS = {"list", "table", "quote", "div", "section"}


class NotArticle(ValueError):
    """The page has no article text; `reason` is the reject code."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Extraction:
    """Blocks of article text, the page's metadata, DOM edits and which extractor ran."""

    blocks: list[Block]
    page: PageMeta
    edits: list[Edit]
    method: str


def extract(html: str, url: str | None, max_depth: int) -> Extraction:
    """Extract the article from `html` (already decoded to text)."""
    html, edits = _xml_characters(html)
    tree = _parse(html, max_depth)
    page = read_page_meta(tree, url)
    edits += _remove_furniture(tree)
    if _UNICODE_SPACE.search(html):
        edits += _plain_spaces(tree)
    edits += _unwrap_inline(tree)
    blocks, method = _article_blocks(tree, url)
    if not blocks:
        raise NotArticle("no_article_text", "no article text found in the page")
    return Extraction(blocks, page, edits, method)


def _xml_characters(html: str) -> tuple[str, list[Edit]]:
    """Remove characters XML cannot hold (C0 controls, lone surrogates, U+FFFE/U+FFFF).

    lxml refuses them when text is set on an element, which trafilatura does: left in, they
    make the whole page fail.
    """
    found = _NOT_XML.findall(html)
    if not found:
        return html, []
    kinds = ", ".join(f"U+{ord(char):04X}" for char in sorted(set(found)))
    reason = f"{len(found)} characters XML cannot hold ({kinds}) removed before parsing"
    return _NOT_XML.sub("", html), [
        Edit("encoding.control_chars", reason, "remove", "".join(found), target="page")
    ]


def _parse(html: str, max_depth: int) -> lxml_html.HtmlElement:
    parser = lxml_html.HTMLParser(
        encoding="utf-8",
        huge_tree=True,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
        default_doctype=False,
    )
    try:
        tree = lxml_html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise NotArticle("no_article_text", f"the HTML could not be parsed ({error})") from None
    if _deeper_than(max_depth)(tree):
        raise NotArticle(
            "html_too_deep",
            f"HTML nested more than {max_depth} elements deep; real pages stay under "
            "100 (raise limits.max_html_depth in the config to accept it)",
        )
    return tree


@cache
def _deeper_than(depth: int) -> etree.XPath:
    """An XPath test for an element nested more than `depth` deep (the root element is at
    depth 1): libxml2 walks the tree level by level, far faster than a Python walk."""
    return etree.XPath("boolean(/" + "/".join(["*"] * (depth + 1)) + ")")


def _text(element: etree._Element) -> str:
    return _SPACES.sub(" ", "".join(element.itertext())).strip()


def _remove_furniture(tree: lxml_html.HtmlElement) -> list[Edit]:
    """Remove figures and picture boxes, caption/credit elements, decks and lists of other
    articles (related, most read, recommended), one edit per element that had text.

    An element marked as such a list that holds a large share of the page's text is left
    alone: it may be a wrapper around the article itself.
    """
    doomed: list[tuple[etree._Element, str, str]] = []
    text_figures: list[etree._Element] = []
    for element in tree.iter("figure", "figcaption", "picture"):
        if element.tag == "figure" and _TEXT_IN_FIGURE(element):
            text_figures.append(element)
            continue  # its caption, if any, is still removed on its own
        if element.tag == "figcaption" and not _is_short(element):
            continue  # paragraphs of text: a gallery or list item's description, not a caption
        rule = "html.figure" if element.tag != "figcaption" else "html.caption"
        doomed.append((element, rule, f"<{element.tag}> element: pictures are not article text"))
    for element in text_figures:
        element.tag = "div"
    page_text: list[int] = []  # the body's text length, measured when first needed
    for element in tree.xpath("//*[@class or @id]"):
        marker = f"{element.get('class', '')} {element.get('id', '')}"
        folded = marker.lower()
        if not _HINTS.search(folded):
            continue
        if ("capt" in folded or "credit" in folded) and _CAPTION_CLASS.search(marker):
            if _is_short(element):
                doomed.append((element, "html.caption", "element marked as a caption or credit"))
        elif (
            ("xt" in folded or "desc" in folded)
            and _PICTURE_TEXT_CLASS.search(marker)
            and element.find(".//img") is None
        ):
            if _is_short(element):
                doomed.append((element, "html.caption", "element marked as a picture's text"))
        elif element.tag == "div" and _IMAGE_BOX_CLASS.search(marker):
            if _is_short(element) and element.find(".//img") is not None:
                reason = "element marked as the box around a picture: pictures are not article text"
                doomed.append((element, "html.figure", reason))
        elif _DECK_CLASS.search(marker):
            if _is_short(element):
                reason = "element marked as the article's deck (its summary under the headline)"
                doomed.append((element, "html.deck", reason))
        elif element.tag in _HEADINGS and "relat" in folded:
            teasers = _teasers_after(element)
            reason = "heading marked as a list of other articles, and the teasers under it"
            doomed += [(item, "html.related", reason) for item in [element, *teasers] if teasers]
        elif _RELATED_CLASS.search(marker):
            if element.tag in ("html", "body"):
                continue
            if not page_text:
                page_text.append(_raw_length(tree))
            if _raw_length(element) <= _MAX_RELATED_SHARE * page_text[0]:
                reason = "element marked as a list of other articles (related, most read, ...)"
                doomed.append((element, "html.related", reason))
    edits: list[Edit] = []
    removed: set[etree._Element] = set()
    for element, rule, reason in doomed:
        if element in removed or any(parent in removed for parent in element.iterancestors()):
            continue
        removed.add(element)
        text = _text(element)
        if text:
            edits.append(Edit(rule, reason, "remove", text, target="page"))
        element.drop_tree()
    return edits


def _unwrap_inline(tree: lxml_html.HtmlElement) -> list[Edit]:
    """Unwrap bold, italic, span and font markup, keeping its text, after removing the inline
    elements readers never see (one page edit for them all)."""
    dropped: set[etree._Element] = set()
    hidden = []
    for element in _HIDDEN_INLINE(tree):
        if not dropped.intersection(element.iterancestors()):
            dropped.add(element)
            if text := _text(element):
                hidden.append(text)
            element.drop_tree()
    etree.strip_tags(tree, *_INLINE_TAGS)
    if not hidden:
        return []
    reason = f"{len(hidden)} inline elements hidden from readers (display:none, hidden, sr-only)"
    return [Edit("html.hidden", reason, "remove", " | ".join(hidden), target="page")]


def _is_short(element: etree._Element) -> bool:
    """Short enough to be a caption or a deck, not an article wrongly marked as one: at most
    `_MAX_CAPTION_WORDS` words and one paragraph."""
    return words(_text(element)) <= _MAX_CAPTION_WORDS and not element.xpath(".//p[2]")


def _teasers_after(heading: etree._Element) -> list[etree._Element]:
    """The run of elements right after a related-articles heading that repeat one shape (two
    or more siblings of one tag and first class: the teasers of a list), else none."""
    run: list[etree._Element] = []
    for item in heading.itersiblings():
        if run and _shape(item) != _shape(run[0]):
            break
        run.append(item)
    return run if len(run) >= 2 else []


def _shape(element: etree._Element) -> tuple[str, str]:
    classes = (element.get("class") or "").split()
    return str(element.tag), classes[0] if classes else ""


def _raw_length(element: etree._Element) -> int:
    """Characters of text in the element outside scripts and styles, layout whitespace
    included (cheap: libxml2 serialises the text)."""
    hidden = element.iter("script", "style", "noscript", "template")
    return _text_length(element) - sum(_text_length(inner) for inner in hidden)


def _text_length(element: etree._Element) -> int:
    """Characters of the element's text and its descendants', without its tail."""
    return len(_raw_text(element))


def _raw_text(element: etree._Element) -> str:
    """The element's text and its descendants', without its tail, layout whitespace kept."""
    return etree.tostring(element, method="text", encoding="unicode", with_tail=False)


def _plain_spaces(tree: lxml_html.HtmlElement) -> list[Edit]:
    """Make Unicode spaces plain before extraction, one page edit per kind of space.

    trafilatura turns them into plain spaces without saying so; doing it here records it.
    """
    found: Counter[str] = Counter()

    def plain(text: str) -> str:
        found.update(_UNICODE_SPACE.findall(text))
        return _UNICODE_SPACE.sub(" ", text)

    for element in tree.iter():  # `isascii` first: a C test that most texts pass
        text, tail = element.text, element.tail
        if text and not text.isascii() and _UNICODE_SPACE.search(text):
            element.text = plain(text)
        if tail and not tail.isascii() and _UNICODE_SPACE.search(tail):
            element.tail = plain(tail)
    return [
        Edit(
            "whitespace.unicode_space",
            f"{count} × U+{ord(space):04X} in the page made plain spaces before extraction",
            "replace",
            space,
            " ",
            target="page",
        )
        for space, count in sorted(found.items())
    ]


def _article_blocks(tree: lxml_html.HtmlElement, url: str | None) -> tuple[list[Block], str]:
    """The article's blocks and the path that found them (see `processing.extraction`).

    trafilatura runs first without its fallback extractors (readability, jusText), which cost
    a third of its time. Its result stands when it has `_ENOUGH_TEXT` characters (measured by
    `measure.size`, so that a short Chinese article counts as much as an English one), at least
    half of them in blocks that read as prose, not all of it in tables (a layout of tables,
    whose cells trafilatura reads as blocks of prose with the page's furniture among them;
    trafilatura's own comparison replaces a result with more tables than paragraphs), and,
    when it is short (under `_SHORT_RESULT` characters), the page's `<p>` elements hold no more
    than `_MISSED_FACTOR` times its text; otherwise (a short text, a menu or a list of teasers
    taken for the article, one box of a longer page, a table layout) trafilatura runs again
    with its fallbacks. When both find nothing, its
    baseline extractor takes whatever text the page has.

    trafilatura's own threshold is in characters too: below it, it adds the page's loose
    paragraphs (comments, teasers) to what it found. On a page written in a script without
    spaces it gets the same threshold in that script's characters (`_trafilatura_config`).
    """
    paragraphs = "".join(_raw_text(paragraph) for paragraph in tree.iter("p"))
    config = _trafilatura_config(_characters_for(_ENOUGH_TEXT, paragraphs))
    fast = _trafilatura_body(tree, url, config, fast=True)
    blocks = _blocks_from_body(fast) if fast is not None else []
    total = sum(size(block.text) for block in blocks)
    prose = sum(size(block.text) for block in blocks if reads_as_prose(block.text))
    missed = total < _SHORT_RESULT and size(paragraphs) > _MISSED_FACTOR * total
    laid_out = fast is not None and _table_layout(fast)
    if total >= _ENOUGH_TEXT and prose >= _PROSE_SHARE * total and not missed and not laid_out:
        return blocks, "trafilatura"
    found = _trafilatura_body(tree, url, config, fast=False)
    fuller = _blocks_from_body(found) if found is not None else []
    if fuller:
        return fuller, "trafilatura_fallbacks"
    if blocks:
        return blocks, "trafilatura"
    body, _text_found, _length = trafilatura.baseline(tree)
    return _blocks_from_body(body), "baseline"


def _table_layout(body: etree._Element) -> bool:
    """More tables than paragraphs in trafilatura's result, and nearly all its text in them:
    the page is laid out in tables (a data table holds part of an article's text)."""
    tables = body.findall(".//table")
    if len(tables) <= len(body.findall(".//p")):
        return False
    in_tables = sum(len(_raw_text(table)) for table in tables)
    return in_tables >= _TABLE_LAYOUT_SHARE * len(_raw_text(body))


def _characters_for(threshold: int, text: str) -> int:
    """`threshold` (in `measure.size` units) in characters of `text`'s kind, to ten.

    >>> _characters_for(250, "It rained. " * 20), _characters_for(250, "下雨了。" * 20)
    (250, 80)
    """
    measured = size(text)
    scale = len(text) / measured if measured else 1.0
    return int(round(threshold * min(scale, 1.0), -1))


@cache
def _trafilatura_config(min_extracted_size: int) -> ConfigParser:
    """trafilatura's settings with its `MIN_EXTRACTED_SIZE` (characters) set."""
    config = trafilatura.settings.use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(min_extracted_size))
    return config


def _trafilatura_body(
    tree: lxml_html.HtmlElement, url: str | None, config: ConfigParser, fast: bool
) -> etree._Element | None:
    """trafilatura's extracted body (its XML elements: p, head, list, table, ...), if any."""
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        fast=fast,
        config=config,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_formatting=False,
        with_metadata=False,
    )
    return getattr(document, "body", None)


def _blocks_from_body(body: etree._Element) -> list[Block]:
    """One block per paragraph-level element or line break, loose text between them included."""
    blocks: list[Block] = []
    for piece, heading in _pieces(body):
        for line in piece.split("\n"):
            text = _ASCII_SPACES.sub(" ", line).strip(" ")
            if text:
                blocks.append(Block(len(blocks), text, heading=heading))
    return blocks


def _pieces(element: etree._Element) -> Iterator[tuple[str, bool]]:
    """Texts of paragraph-level elements in document order, with loose text between them.

    Lists, tables and quotes are entered; a table row becomes one piece, cells joined by " | ".
    """
    if element.text and element.text.strip():
        yield element.text, False
    for child in element:
        if isinstance(child.tag, str):
            if child.tag in _CONTAINERS and any(
                isinstance(grandchild.tag, str) and grandchild.tag in _BLOCK_TAGS | _CONTAINERS
                for grandchild in child
            ):
                yield from _pieces(child)
            elif child.tag == "row":
                yield " | ".join(text for cell in child if (text := _inline_text(cell))), False
            else:
                yield _inline_text(child), child.tag == "head"
        if child.tail and child.tail.strip():
            yield child.tail, False


def _inline_text(element: etree._Element) -> str:
    """An element's text with `<lb/>` kept as a line break (its tail is not included)."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.tag == "lb":
            parts.append("\n")
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return "".join(parts).strip()
