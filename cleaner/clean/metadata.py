"""What a page says about itself: title candidates, site, authors, date, language, lead image.

    >>> from lxml import html
    >>> tree = html.fromstring(
    ...     '<html lang="en-GB"><head><title>Rain falls | The Daily</title>'
    ...     '<meta property="article:published_time" content="2016-10-01T09:30:00Z">'
    ...     '<meta name="author" content="By Jane Smith and Ali Khan">'
    ...     '<link rel="canonical" href="/news/rain"></head><body><h1>Rain falls</h1></body></html>'
    ... )
    >>> meta = read_page_meta(tree, url="https://daily.example/news/rain?utm=x")
    >>> meta.page.authors, meta.page.published, meta.page.language, meta.page.canonical_url
    (('Jane Smith', 'Ali Khan'), '2016-10-01T09:30:00+00:00', 'en-GB', 'https://daily.example/news/rain')

Sources, first found wins: JSON-LD (`NewsArticle`, `Article`, `BlogPosting`, ... and their
`@graph`), then `<meta>` tags (Open Graph, `article:*`, Dublin Core, Parse.ly, Sailthru,
`citation_*`), then microdata (`itemprop`), then markup (`rel=author`, `<time datetime>`,
`<html lang>`). Every field is None when the page does not say; nothing is guessed from the
text. Dates become ISO 8601 (`YYYY-MM-DD`, with the time and offset when the page gives them).
The lead image is og:image (or JSON-LD's image); its caption is the `<figcaption>` of the figure
that shows it in the page, read before figures are removed from the body.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

from cleaner.document import Declared, Page

_SPACES = re.compile(r"\s+")
_ARTICLE_TYPES = frozenset(
    {"Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting",
     "OpinionNewsArticle", "ReviewNewsArticle", "BackgroundNewsArticle", "Report",
     "ScholarlyArticle", "TechArticle", "LiveBlogPosting", "SocialMediaPosting", "WebPage"}
)  # fmt: skip
_AUTHOR_META = (
    "author", "byl", "dc.creator", "dcterms.creator", "sailthru.author", "parsely-author",
    "citation_author", "article:author", "twitter:creator:name", "cxenseparse:author",
)  # fmt: skip
_DATE_META = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate",
    "publishdate", "publish-date", "publication_date", "date", "dc.date", "dc.date.issued",
    "dcterms.date", "dcterms.issued", "sailthru.date", "parsely-pub-date", "citation_date",
    "citation_publication_date", "article.published", "og:pubdate", "cxenseparse:recs:publishtime",
)  # fmt: skip
_BY = re.compile(r"^\s*(?:by|von|par|por|di|door)\s*:?\s+", re.IGNORECASE)
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|\s+and\s+|\s+und\s+|\s+et\s+|\s+y\s+|\s*&\s*|\|)\s*")
_NOT_A_NAME = re.compile(r"https?://|www\.|@|^\W*$")
_MAX_NAME_WORDS = 6
_MAX_BYLINE_WORDS = 12
_BYLINE = (
    './/*[contains(@class, "byline") or contains(@id, "byline") or contains(@class, "author")'
    ' or contains(@id, "author")]'
)
_ROLE = re.compile(
    r"\b(?:correspondent|reporter|editor|writer|staff|contributor|columnist|producer|journalist"
    r"|photographer|analyst|author|updated|published|posted|follow|news|am|pm)\b|\d",
    re.IGNORECASE,
)
_DATE_PREFIX = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?$")
# saved pages often wrap JSON-LD in a CDATA section, sometimes behind `//` comment markers
_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True, slots=True)
class PageMeta:
    """Everything the page declares: the title candidates, `page` (what the record keeps), and
    every language the page declares, in order of trust (`page.language` is the first)."""

    og_title: str | None = None
    title_tag: str | None = None
    h1s: tuple[str, ...] = ()
    headline: str | None = None
    page: Page = field(default_factory=Page)
    languages: tuple[Declared, ...] = ()


def read_page_meta(tree: lxml_html.HtmlElement, url: str | None) -> PageMeta:
    """Read the page's metadata from its parsed tree (call before removing anything)."""
    linked = _linked_data(tree)
    meta = _meta_tags(tree)
    image, caption = _lead_image(tree, linked, meta, url)
    languages = _languages(tree, meta, linked)
    page = Page(
        canonical_url=_absolute(
            _first_xpath(tree, '//link[@rel="canonical"]/@href') or meta.get("og:url"), url
        ),
        site_name=_first_text(
            meta.get("og:site_name"), linked.get("publisher"), meta.get("application-name")
        ),
        authors=_authors(linked, meta, tree),
        published=_published(linked, meta, tree),
        language=languages[0].value if languages else None,
        lead_image_url=image,
        lead_image_caption=caption,
    )
    return PageMeta(
        og_title=_clean(meta.get("og:title") or meta.get("twitter:title")),
        title_tag=_first_xpath(tree, "//head/title|//title"),
        h1s=tuple(text for h1 in tree.iter("h1") if (text := _clean("".join(h1.itertext())))),
        headline=_clean(linked.get("headline")),
        page=page,
        languages=languages,
    )


def _clean(text: Any) -> str | None:
    if not isinstance(text, str):
        return None
    text = _SPACES.sub(" ", text).strip()
    return text or None


def _first_xpath(tree: lxml_html.HtmlElement, xpath: str) -> str | None:
    for found in tree.xpath(xpath):
        text = _clean(found if isinstance(found, str) else "".join(found.itertext()))
        if text:
            return text
    return None


def _first_text(*values: Any) -> str | None:
    """The first usable string among values that may be strings, objects or lists (JSON-LD)."""
    for value in values:
        for text in _texts(value):
            return text
    return None


def _texts(value: Any) -> Iterator[str]:
    """Strings in a JSON-LD value: a string, or `name`/`url` of an object, or each of a list."""
    if isinstance(value, str):
        if cleaned := _clean(value):
            yield cleaned
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, dict):
        yield from _texts(value.get("name") or value.get("url") or value.get("@id"))


def _meta_tags(tree: lxml_html.HtmlElement) -> dict[str, str]:
    """`<meta>` contents by lower-cased name or property; the first of each name wins."""
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        content = element.get("content")
        if content is None:
            continue
        for key in (element.get("property"), element.get("name"), element.get("itemprop")):
            if key:
                found.setdefault(key.strip().lower(), content)
    return found


def _linked_data(tree: lxml_html.HtmlElement) -> dict[str, Any]:
    """The page's main JSON-LD article object (the first of an article type), or {}."""
    fallback: dict[str, Any] = {}
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(_CDATA.sub("", script.text or ""))
        except ValueError:
            continue
        for item in _ld_objects(data):
            kinds = item.get("@type")
            kinds = set(kinds) if isinstance(kinds, list) else {kinds}
            if kinds & _ARTICLE_TYPES - {"WebPage"}:
                return item
            if "WebPage" in kinds and not fallback:
                fallback = item
    return fallback


def _ld_objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _ld_objects(item)
    elif isinstance(data, dict):
        yield data
        yield from _ld_objects(data.get("@graph"))
        main = data.get("mainEntity")
        if isinstance(main, dict):
            yield main


def _authors(
    linked: dict[str, Any], meta: dict[str, str], tree: lxml_html.HtmlElement
) -> tuple[str, ...] | None:
    for candidate in _author_sources(linked, meta, tree):
        names = _names(list(_texts(candidate)))
        if names:
            return names
    return None


def _author_sources(
    linked: dict[str, Any], meta: dict[str, str], tree: lxml_html.HtmlElement
) -> Iterator[Any]:
    """Where authors are written, best first; lazily, as most pages answer early."""
    yield linked.get("author")
    yield linked.get("creator")
    yield from (meta.get(name) for name in _AUTHOR_META)
    scope = next(tree.iter("article"), tree)  # page-wide author links list other stories' too
    yield scope.xpath('.//*[@itemprop="author"]//*[@itemprop="name"]/@content')
    yield _element_texts(scope, './/*[@itemprop="author"]')
    yield _element_texts(scope, './/a[@rel="author"]')
    bylines = _element_texts(scope, _BYLINE)
    yield [text for text in bylines if len(text.split()) <= _MAX_BYLINE_WORDS]


def _element_texts(scope: lxml_html.HtmlElement, xpath: str) -> list[str]:
    return [text for element in scope.xpath(xpath) if (text := _clean("".join(element.itertext())))]


def _names(texts: list[str]) -> tuple[str, ...]:
    """Person names from byline strings: "By A and B, Staff Writer" gives ("A", "B").

    Links, e-mail addresses and job titles are not names.
    """
    names: list[str] = []
    for text in texts:
        for part in _AUTHOR_SPLIT.split(_BY.sub("", text)):
            pieces = [piece.strip() for piece in _BY.sub("", part).split(",")]
            pieces = [piece for piece in pieces if piece and not _ROLE.search(piece)]
            if len(pieces) > 1 and any(len(piece.split()) < 2 for piece in pieces):
                pieces = [", ".join(pieces)]  # "Jong, M." is one name written surname first
            for name in pieces:
                words = len(name.split())
                if name not in names and not _NOT_A_NAME.search(name) and words <= _MAX_NAME_WORDS:
                    names.append(name)
    return tuple(names)


def _published(
    linked: dict[str, Any], meta: dict[str, str], tree: lxml_html.HtmlElement
) -> str | None:
    for candidate in _date_sources(linked, meta, tree):
        if isinstance(candidate, str) and (date := iso_date(candidate)):
            return date
    return None


def _date_sources(
    linked: dict[str, Any], meta: dict[str, str], tree: lxml_html.HtmlElement
) -> Iterator[Any]:
    """Where the publication date is written, best first; lazily."""
    yield linked.get("datePublished")
    yield linked.get("dateCreated")
    yield from (meta.get(name) for name in _DATE_META)
    yield from tree.xpath('//*[@itemprop="datePublished"]/@datetime')
    yield from tree.xpath('//*[@itemprop="datePublished"]/@content')
    yield from tree.xpath("//time[@pubdate]/@datetime")
    times = tree.xpath("//article//time/@datetime") or tree.xpath("//time/@datetime")
    yield from times[:1]


def iso_date(text: str) -> str | None:
    """A date or date-time string as ISO 8601, or None when it is not one.

    >>> iso_date("2016-10-01T09:30:00Z"), iso_date("2016-10-01 09:30"), iso_date("20161001")
    ('2016-10-01T09:30:00+00:00', '2016-10-01T09:30:00', '2016-10-01')
    """
    text = text.strip()
    if compact := _COMPACT_DATE.match(text):
        year, month, day, hour, minute, second = compact.groups()
        text = f"{year}-{month}-{day}" + (f"T{hour}:{minute}:{second or '00'}" if hour else "")
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        prefix = _DATE_PREFIX.match(text)
        if not prefix:
            return None
        try:
            return datetime(*map(int, prefix.groups())).date().isoformat()
        except ValueError:
            return None
    if not 1990 <= parsed.year <= 2100:
        return None
    has_time = "T" in text or len(text) > 10
    return parsed.isoformat() if has_time else parsed.date().isoformat()


def _languages(
    tree: lxml_html.HtmlElement, meta: dict[str, str], linked: dict[str, Any]
) -> tuple[Declared, ...]:
    """Every language tag the page declares, in order of trust, with where it said so."""
    candidates = [
        (tree.get("lang"), "html lang"),
        (tree.get("{http://www.w3.org/XML/1998/namespace}lang"), "html xml:lang"),
        (linked.get("inLanguage"), "json-ld inLanguage"),
        (meta.get("og:locale"), "og:locale"),
        (meta.get("content-language"), "meta content-language"),
        (meta.get("language"), "meta language"),
        (meta.get("dc.language"), "meta dc.language"),
    ]
    candidates += [
        (value, "meta http-equiv content-language")
        for value in tree.xpath(
            '//meta[translate(@http-equiv, "CL", "cl")="content-language"]/@content'
        )
    ]
    found = []
    for candidate, where in candidates:
        if isinstance(candidate, str):
            code = candidate.strip().split(",")[0].strip().replace("_", "-")
            if _LANGUAGE.match(code):
                found.append(Declared(code, where))
    return tuple(found)


def _absolute(link: str | None, base: str | None) -> str | None:
    if not link:
        return None
    link = urljoin(base, link.strip()) if base else link.strip()
    return link if urlsplit(link).scheme in {"http", "https"} else None


def _lead_image(
    tree: lxml_html.HtmlElement, linked: dict[str, Any], meta: dict[str, str], url: str | None
) -> tuple[str | None, str | None]:
    """The declared lead image and the caption of the figure showing it; without a declared
    one, the article's first figure with an image, and its caption."""
    declared = _first_text(
        linked.get("image"), meta.get("og:image"), meta.get("twitter:image"),
        meta.get("twitter:image:src"),
    )  # fmt: skip
    if declared:
        image = _image_url(declared, url)
        return image, _caption_of(tree, image) if image else None
    for figure in next(tree.iter("article"), tree).iter("figure"):
        for element in figure.iter("img"):
            if image := _image_url(element.get("src") or element.get("data-src") or "", url):
                caption = figure.find(".//figcaption")
                return image, _clean("".join(caption.itertext())) if caption is not None else None
    return None, None


def _image_url(link: str, base: str | None) -> str | None:
    """An image link made absolute against `base`; as written when there is no base."""
    link = link.strip()
    if not link or link.startswith(("data:", "javascript:")):
        return None
    return urljoin(base, link) if base else link


def _caption_of(tree: lxml_html.HtmlElement, image: str) -> str | None:
    """The caption of the figure that shows `image` in the page, if one does."""
    stem = urlsplit(image).path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if len(stem) < 4:
        return None
    for element in tree.iter("img", "source"):
        sources = " ".join(
            element.get(name, "") for name in ("src", "srcset", "data-src", "data-srcset")
        )
        if stem in sources:
            for holder in element.iterancestors("figure"):
                caption = holder.find(".//figcaption")
                if caption is not None:
                    return _clean("".join(caption.itertext()))
            return None
    return None
